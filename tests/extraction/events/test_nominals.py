"""Eventive nouns whose actor is written inside the phrase ("Ruritanian riots against Osterlich continue")."""

from __future__ import annotations

import pytest

from eventpipe.extraction.events.codebook import load_codebook
from eventpipe.extraction.events.nominals import nominal_frames, sent_frames

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


@pytest.mark.parametrize("text, expected", [
    ("Condolences have come from the Ruritanian government and the Osterlich embassy.",
     [("government", "condolence", None), ("embassy", "condolence", None)]),
    ("Messages of condolence came from the Ruritanian government.", [("government", "condolence", None)]),
    ("The ministry received a warning from the Ruritanian government.", [("government", "warning", "ministry")]),
])
def test_nominals_sent_frames_take_the_sender_from_from(nlp, text, expected):
    frames = list(sent_frames(nlp(text)[:], load_codebook(), set()))
    assert [(f.source.text, f.lemma, f.target.text if f.target else None) for f in frames] == expected


def test_nominals_sent_frames_need_a_sender_and_a_verbal_act(nlp):
    assert list(sent_frames(nlp("Condolences have come in.")[:], load_codebook(), set())) == []
    assert list(sent_frames(nlp("The strike came from nowhere.")[:], load_codebook(), set())) == []
