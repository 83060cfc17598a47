"""Modality on hand-built parses: negation, conditionals, intention."""

from __future__ import annotations

import pytest

from eventpipe.extraction.events.modality import modality_of

from ._docs import build

# "Ruritania did not attack ."
NEGATED = [("Ruritania", 3, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("did", 3, "aux", "AUX", "VBD", "do", "O"),
           ("not", 3, "neg", "PART", "RB", "not", "O"), ("attack", 3, "ROOT", "VERB", "VB", "attack", "O"),
           (".", 3, "punct", "PUNCT", ".", ".", "O")]
# "if Ruritania attacks ..."  (the trigger's own clause has "if")
CONDITIONAL = [("if", 2, "mark", "SCONJ", "IN", "if", "O"), ("Ruritania", 2, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"),
               ("attacks", 2, "ROOT", "VERB", "VBZ", "attack", "O")]
# "Ruritania will attack"
FUTURE = [("Ruritania", 2, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("will", 2, "aux", "AUX", "MD", "will", "O"),
          ("attack", 2, "ROOT", "VERB", "VB", "attack", "O")]
# "Ruritania attacked"
PLAIN = [("Ruritania", 1, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("attacked", 1, "ROOT", "VERB", "VBD", "attack", "O")]

# "Ruritania tries to seize Osterlich": an attempt under way is an act, not an intention
ATTEMPT = [("Ruritania", 1, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("tries", 1, "ROOT", "VERB", "VBZ", "try", "O"),
           ("to", 3, "aux", "PART", "TO", "to", "O"), ("seize", 1, "xcomp", "VERB", "VB", "seize", "O"),
           ("Osterlich", 3, "dobj", "PROPN", "NNP", "Osterlich", "B-GPE")]
# "Ruritania plans to seize Osterlich"
PLAN = [("Ruritania", 1, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("plans", 1, "ROOT", "VERB", "VBZ", "plan", "O"),
        ("to", 3, "aux", "PART", "TO", "to", "O"), ("seize", 1, "xcomp", "VERB", "VB", "seize", "O"),
        ("Osterlich", 3, "dobj", "PROPN", "NNP", "Osterlich", "B-GPE")]


@pytest.mark.parametrize("rows, trigger, expected", [
    (NEGATED, 3, "negated"), (CONDITIONAL, 2, "hypothetical"), (FUTURE, 2, "intended"), (PLAIN, 1, "asserted"),
    (ATTEMPT, 3, "asserted"), (PLAN, 3, "intended"),
])
def test_modality_of_trigger(rows, trigger, expected):
    assert modality_of(build(rows)[trigger]) == expected


# "Ruritania would sometimes attack" (a past habit) / "Ruritania would attack" (a hedge)
HABIT = [("Ruritania", 3, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("would", 3, "aux", "AUX", "MD", "would", "O"),
         ("sometimes", 3, "advmod", "ADV", "RB", "sometimes", "O"), ("attack", 3, "ROOT", "VERB", "VB", "attack", "O")]
HEDGE = [r for r in HABIT if r[0] != "sometimes"]
HEDGE = [(w, 2 if h == 3 else h, d, p, t, lem, e) for w, h, d, p, t, lem, e in HEDGE]


@pytest.mark.parametrize("rows, trigger, expected", [(HABIT, 3, "asserted"), (HEDGE, 2, "hypothetical")])
def test_modality_habitual_would_is_asserted(rows, trigger, expected):
    from eventpipe.extraction.events.complements import has_future_aux

    doc = build(rows)
    assert modality_of(doc[trigger]) == expected
    assert has_future_aux(doc[trigger]) is (expected != "asserted")
