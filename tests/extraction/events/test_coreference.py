"""Pronoun coreference on hand-built parses."""

from __future__ import annotations

import pytest

from eventpipe.extraction.events.coreference import resolve_pronoun

from ._docs import build

# "Ruritania said it will attack ."
SPEAKER = [("Ruritania", 1, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("said", 1, "ROOT", "VERB", "VBD", "say", "O"),
           ("it", 4, "nsubj", "PRON", "PRP", "it", "O"), ("will", 4, "aux", "AUX", "MD", "will", "O"),
           ("attack", 1, "ccomp", "VERB", "VB", "attack", "O"), (".", 1, "punct", "PUNCT", ".", ".", "O")]
# "Anna Vale met rebels and she left ."
PERSON = [("Anna", 1, "compound", "PROPN", "NNP", "Anna", "B-PERSON"), ("Vale", 2, "nsubj", "PROPN", "NNP", "Vale", "I-PERSON"),
          ("met", 2, "ROOT", "VERB", "VBD", "meet", "O"), ("rebels", 2, "dobj", "NOUN", "NNS", "rebel", "O"),
          ("and", 2, "cc", "CCONJ", "CC", "and", "O"), ("she", 6, "nsubj", "PRON", "PRP", "she", "O"),
          ("left", 2, "conj", "VERB", "VBD", "leave", "O"), (".", 2, "punct", "PUNCT", ".", ".", "O")]


@pytest.mark.parametrize("rows, pronoun, antecedent", [(SPEAKER, 2, "Ruritania"), (PERSON, 5, "Vale")])
def test_coreference_resolves_pronoun(rows, pronoun, antecedent):
    found = resolve_pronoun(build(rows)[pronoun])
    assert found is not None and found.text == antecedent
