"""Eventive nouns whose actor is written inside the phrase ("Ruritanian riots against Osterlich continue")."""

from __future__ import annotations

import pytest

from eventpipe.extraction.events.codebook import load_codebook
from eventpipe.extraction.events.nominals import nominal_frames

from ._docs import build

# "Ruritanian riots against Osterlich continue ."
RIOTS = [("Ruritanian", 1, "amod", "ADJ", "JJ", "ruritanian", "B-NORP"), ("riots", 4, "nsubj", "NOUN", "NNS", "riot", "O"),
         ("against", 1, "prep", "ADP", "IN", "against", "O"), ("Osterlich", 2, "pobj", "PROPN", "NNP", "Osterlich", "B-GPE"),
         ("continue", 4, "ROOT", "VERB", "VBP", "continue", "O"), (".", 4, "punct", "PUNCT", ".", ".", "O")]
# "Zenda 's attack on Osterlich continued ."
ATTACK = [("Zenda", 2, "poss", "PROPN", "NNP", "Zenda", "B-GPE"), ("'s", 0, "case", "PART", "POS", "'s", "O"),
          ("attack", 5, "nsubj", "NOUN", "NN", "attack", "O"), ("on", 2, "prep", "ADP", "IN", "on", "O"),
          ("Osterlich", 3, "pobj", "PROPN", "NNP", "Osterlich", "B-GPE"), ("continued", 5, "ROOT", "VERB", "VBD", "continue", "O"),
          (".", 5, "punct", "PUNCT", ".", ".", "O")]
# "riots continue ."  (no actor written: nothing to code)
BARE = [("riots", 1, "nsubj", "NOUN", "NNS", "riot", "O"), ("continue", 1, "ROOT", "VERB", "VBP", "continue", "O"),
        (".", 1, "punct", "PUNCT", ".", ".", "O")]


@pytest.mark.parametrize("rows, source, target", [(RIOTS, "Ruritanian", "Osterlich"), (ATTACK, "Zenda", "Osterlich")])
def test_nominals_actor_inside_the_noun_phrase(rows, source, target):
    doc = build(rows)
    frames = list(nominal_frames(doc[:], load_codebook(), set()))
    assert [(f.source.text, f.target.text) for f in frames] == [(source, target)]


@pytest.mark.parametrize("rows, coded", [(BARE, set()), (RIOTS, {4})])
def test_nominals_skip_without_actor_or_under_a_coded_verb(rows, coded):
    assert list(nominal_frames(build(rows)[:], load_codebook(), coded)) == []
