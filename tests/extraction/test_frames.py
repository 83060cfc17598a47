"""Frames on hand-built parses: passive, coordination, control, relative clauses, targets."""

from __future__ import annotations

import pytest

from eventpipe.extraction.frames import find_frames

from ._docs import build

# "Ruritania attacked Osterlich ."
ACTIVE = [("Ruritania", 1, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("attacked", 1, "ROOT", "VERB", "VBD", "attack", "O"),
          ("Osterlich", 1, "dobj", "PROPN", "NNP", "Osterlich", "B-GPE"), (".", 1, "punct", "PUNCT", ".", ".", "O")]
# "Osterlich was attacked by Ruritania ."
PASSIVE = [("Osterlich", 2, "nsubjpass", "PROPN", "NNP", "Osterlich", "B-GPE"), ("was", 2, "auxpass", "AUX", "VBD", "be", "O"),
           ("attacked", 2, "ROOT", "VERB", "VBN", "attack", "O"), ("by", 2, "agent", "ADP", "IN", "by", "O"),
           ("Ruritania", 3, "pobj", "PROPN", "NNP", "Ruritania", "B-GPE"), (".", 2, "punct", "PUNCT", ".", ".", "O")]
# "Ruritania and Osterlich met ."
COORDINATED = [("Ruritania", 3, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("and", 0, "cc", "CCONJ", "CC", "and", "O"),
               ("Osterlich", 0, "conj", "PROPN", "NNP", "Osterlich", "B-GPE"), ("met", 3, "ROOT", "VERB", "VBD", "meet", "O"),
               (".", 3, "punct", "PUNCT", ".", ".", "O")]
# "Ruritania tried to seize Osterlich ."
CONTROL = [("Ruritania", 1, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("tried", 1, "ROOT", "VERB", "VBD", "try", "O"),
           ("to", 3, "aux", "PART", "TO", "to", "O"), ("seize", 1, "xcomp", "VERB", "VB", "seize", "O"),
           ("Osterlich", 3, "dobj", "PROPN", "NNP", "Osterlich", "B-GPE"), (".", 1, "punct", "PUNCT", ".", ".", "O")]
# "rebels who seized Zenda fled ."
RELATIVE = [("rebels", 4, "nsubj", "NOUN", "NNS", "rebel", "O"), ("who", 2, "nsubj", "PRON", "WP", "who", "O"),
            ("seized", 0, "relcl", "VERB", "VBD", "seize", "O"), ("Zenda", 2, "dobj", "PROPN", "NNP", "Zenda", "B-GPE"),
            ("fled", 4, "ROOT", "VERB", "VBD", "flee", "O"), (".", 4, "punct", "PUNCT", ".", ".", "O")]
# "Ruritania attacked Osterlich on Monday ."  (a date is never a target)
DATED = [("Ruritania", 1, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("met", 1, "ROOT", "VERB", "VBD", "meet", "O"),
         ("on", 1, "prep", "ADP", "IN", "on", "O"), ("Monday", 2, "pobj", "PROPN", "NNP", "Monday", "B-DATE"),
         (".", 1, "punct", "PUNCT", ".", ".", "O")]


def _triples(rows):
    doc = build(rows)
    return [(f.source.text, f.lemma, f.target.text if f.target is not None else None) for f in find_frames(doc[:])]


@pytest.mark.parametrize("rows, expected", [
    (ACTIVE, ("Ruritania", "attack", "Osterlich")),
    (PASSIVE, ("Ruritania", "attack", "Osterlich")),
    (CONTROL, ("Ruritania", "seize", "Osterlich")),
    (RELATIVE, ("rebels", "seize", "Zenda")),
    (DATED, ("Ruritania", "meet", None)),
])
def test_frames_source_and_target(rows, expected):
    assert expected in _triples(rows)


@pytest.mark.parametrize("rows, sources", [(COORDINATED, {"Ruritania", "Osterlich"})])
def test_frames_coordinated_sources_are_two_frames(rows, sources):
    assert {s for s, lemma, _ in _triples(rows) if lemma == "meet"} == sources
