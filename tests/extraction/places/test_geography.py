"""Event geography: phrase place, else nearest in the sentence, else the dateline."""

from __future__ import annotations

from eventpipe.extraction.places.geography import actor_geography, actor_place, dateline_place, event_location
from eventpipe.schemas import Span
from eventpipe.extraction.places.resolution import resolve_places


def _at(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def test_geography_phrase_place_wins():
    text = "Officials in Boston said troops clashed with rebels in Mosul on Monday."
    place = event_location(text, resolve_places(text), [_at(text, "Mosul")], (0, len(text)), text.index("clashed"))
    assert place is not None and place.name == "Mosul"


def test_geography_nearest_place_in_sentence():
    text = "Police in Leeds said that a man was arrested after a fight in Bristol."
    place = event_location(text, resolve_places(text), [], (0, len(text)), text.index("fight"))
    assert place is not None and place.name == "Bristol"


def test_geography_dateline_when_the_sentence_names_no_place():
    text = "SPRINGFIELD, Ill. (AP) -- A bridge collapsed.\nPolice arrested two men on Tuesday."
    places = resolve_places(text)
    second = (text.index("Police"), len(text))
    place = event_location(text, places, [], second, text.index("arrested"))
    assert place is not None and (place.name, place.admin1) == ("Springfield", "Illinois")
    assert dateline_place("Police in Springfield said so.", resolve_places("Police in Springfield said so.")) is None


def test_geography_country_only_from_the_phrase():
    text = "Iraq said that gunmen attacked a convoy."
    assert event_location(text, resolve_places(text), [], (0, len(text)), text.index("attacked")) is None


def _actor_span(text: str, words: str) -> Span:
    start, end = _at(text, words)
    return Span(start=start, end=end)


def test_geography_actor_named_for_a_town():
    text = "The Dover police arrested two men in Canterbury."
    place = actor_place(resolve_places(text), _actor_span(text, "Dover police"))
    assert place is not None and place.name == "Dover"


def test_geography_actor_demonym_gives_country():
    text = "Iraqi troops shelled the outskirts of the town."
    geo = actor_geography(resolve_places(text), _actor_span(text, "Iraqi troops"))
    assert geo["geo_country"] == "IRQ" and geo["geo_feature"] == "country" and geo["geo_lat"] is not None


def test_geography_actor_town_before_its_state():
    text = "The mayor of Halifax, Nova Scotia, spoke to reporters."
    place = actor_place(resolve_places(text), _actor_span(text, "mayor of Halifax, Nova Scotia"))
    assert place is not None and place.name == "Halifax" and place.country == "CAN"


def test_geography_actor_without_place():
    text = "The local police arrested two men in Canterbury."
    assert actor_geography(resolve_places(text), _actor_span(text, "local police")) == {}
    assert actor_place(resolve_places(text), None) is None
