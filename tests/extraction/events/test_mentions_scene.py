"""A place that only modifies a noun ("the Dover police") says whose it is, not where the act happened."""

from __future__ import annotations

import pytest

from .test_mentions import _mentions


@pytest.mark.parametrize("text, place", [
    ("Gunmen ambushed the Dover police near Ramadi.", "Ramadi"),
    ("Insurgents attacked the Basra police in Baghdad.", "Baghdad"),
])
def test_mentions_scene_not_the_targets_own_place_is_the_location(text, place, nlp, knowledge):
    found = [m.location.name if m.location else None for m in _mentions(text, nlp, knowledge) if m.action.root in {"18", "19"}]
    assert found and found[0] == place, found


def test_mentions_place_of_the_only_actor_is_the_location(nlp, knowledge):
    found = [m.location.name if m.location else None for m in _mentions("The Dover police arrested two men.", nlp, knowledge)]
    assert found == ["Dover"]


@pytest.mark.parametrize("text", ["Soldiers imposed a curfew in Kirkuk.", "The army lifted a curfew in Kirkuk."])
def test_mentions_place_alone_still_stands_for_the_target(text, nlp, knowledge):
    """"lifted a curfew in X": with no other party, where it happened is whom it was aimed at."""
    assert [m.target.text if m.target else None for m in _mentions(text, nlp, knowledge)] == ["Kirkuk"]


def test_mentions_territory_named_by_its_modifier_is_a_scene(nlp, knowledge):
    text = "Soldiers attacked rebels in two towns in Anbar province, west of Baghdad."
    found = [m.location.name if m.location else None for m in _mentions(text, nlp, knowledge) if m.action.root == "19"]
    assert found and found[0] == "Anbar", found
