"""The confidence model: a probability that falls with each sign of a doubtful choice."""

from __future__ import annotations

import pytest

from eventpipe.extraction.events.confidence import confidence, confidence_features

GOOD = dict(actor_country=True, actor_coded=True, target_country=True, target_coded=True, no_target=False,
            pronoun=False, inherited=False, secondary=False, modality="asserted", pattern="AGREE: * ACCORD",
            recoded=False, noun_trigger=False, root="04")


@pytest.mark.parametrize("change", [
    {"target_country": False, "target_coded": False, "no_target": True},
    {"pronoun": True}, {"inherited": True}, {"secondary": True},
    {"pattern": "--- AGREE [030] --- AGREE"}, {"target_place": True},
    # a hedge ("could", "if") is no doubt about the coding itself: the refit on the news sentences, whose gold
    # codes hypothetical events too, gives it a positive weight (bench/results/confidence_fit.md)
])
def test_confidence_falls_with_doubt(change):
    good = confidence(confidence_features(**GOOD))
    assert 0 < confidence(confidence_features(**(GOOD | change))) < good < 1
