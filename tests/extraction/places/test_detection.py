"""Constructions the plain matcher missed: datelines, abbreviations, nested names, containment, one sense."""

from __future__ import annotations

import pytest

from eventpipe.extraction.places.detection import abbreviation_at
from eventpipe.extraction.places.gazetteer import load_gazetteer
from eventpipe.extraction.places.resolution import resolve_places


def _places(text: str) -> dict[str, tuple]:
    return {p.text: (p.name, p.feature, p.country, p.admin1) for p in resolve_places(text)}


@pytest.mark.parametrize(
    ("text", "word", "name"),
    [
        ("GEORGETOWN, Ky. -- Officials met on Friday.", "Ky.", "Kentucky"),
        ("The mill in Wheeling, W.Va., closed.", "W.Va.", "West Virginia"),
        ("A ferry left Victoria, B.C., at noon.", "B.C.", "British Columbia"),
        ("The firm moved to Tulsa, Okla., last year.", "Okla.", "Oklahoma"),
        ("Farmers in NSW asked for help.", "NSW", "New South Wales"),
        ("She lives in Austin, TX now.", "TX", "Texas"),
    ],
)
def test_detection_abbreviation_names_the_state(text, word, name):
    assert _places(text)[word][0] == name


def test_detection_short_abbreviation_needs_a_place_before_it():
    gazetteer = load_gazetteer()
    text = "Ga. officials spoke."
    assert abbreviation_at(text, 0, 2, gazetteer, after_place=False)[1] == []
    assert abbreviation_at(text, 0, 2, gazetteer, after_place=True)[1][0].name == "Georgia"


def test_detection_dateline_city_takes_its_state():
    places = _places("SPRINGFIELD, Ill. (AP) -- A bridge was closed on Tuesday.")
    assert places["SPRINGFIELD"][1:] == ("city", "USA", "Illinois")


def test_detection_place_inside_local_body_name():
    places = _places("The Dover police said a man was held. The Halifax Public Library reopened.")
    assert places["Dover"][1] == "city"
    assert places["Halifax"][1] == "city"


def test_detection_place_after_capitalised_determiner_and_country_in_name():
    places = _places("A Cork mother spoke to reporters. Air Zimbabwe cancelled flights.")
    assert places["Cork"][2] == "IRL"
    assert places["Zimbabwe"][1] == "country"


def test_detection_saint_abbreviation_joins_the_name():
    assert _places("Storms hit St. Louis overnight.")["St. Louis"][2] == "USA"


def test_detection_containment_picks_the_namesake_in_the_state():
    places = _places("She moved from Richmond, Va., to Athens, Ga., and later to London, Ontario.")
    assert places["Richmond"][3] == "Virginia"
    assert places["Athens"][3] == "Georgia"
    assert places["London"][2] == "CAN"


def test_detection_county_in_state():
    places = _places("Deputies in DeKalb County, Georgia, made an arrest.")
    assert places["DeKalb County"][1:] == ("admin2", "USA", "Georgia")
    assert places["Georgia"][1:3] == ("admin1", "USA")


def test_detection_repeated_name_after_full_stop_is_no_person():
    found = [p for p in resolve_places("A fair opened in the city of Dubai. Dubai has big plans.") if p.text == "Dubai"]
    assert len(found) == 2 and {p.country for p in found} == {"ARE"}


def test_detection_one_sense_per_document():
    text = "She grew up in London, Ontario, near the lake. The London council met, and London voters chose a mayor."
    londons = [p for p in resolve_places(text) if p.text == "London"]
    assert len(londons) == 3 and {(p.country, p.admin1) for p in londons} == {("CAN", "Ontario")}


def test_detection_common_word_town_before_its_state():
    places = _places("A herd of buffalo moved north. Buffalo, New York, had snow; Mobile, Ala., had rain.")
    assert places["Buffalo"][3] == "New York"
    assert places["Mobile"][3] == "Alabama"


def test_detection_first_name_before_surname_is_no_place():
    text = "The president said on Monday that he had met with Paris Hilton at a dinner on the coast."
    assert "Paris" not in _places(text)


def test_detection_team_and_newspaper_keep_their_state():
    places = _places("The mayor said on Friday that the Texas Rangers and the Suffolk County Times had both called.")
    assert places["Texas"][1] == "admin1"
    assert places["Suffolk County"][1] == "admin2"


def test_detection_lone_postal_code_in_a_story_about_that_state():
    places = _places("Residents of Kamloops and Prince George said on Monday that the new FrontCounter BC office opened.")
    assert places["BC"][0] == "British Columbia"
    assert "OK" not in _places("Residents of Tulsa and Norman said OK to the plan on Monday.")


def test_detection_named_thing_and_acronym_are_no_person():
    places = _places("Trainers said on Monday that the Melbourne Cup drew crowds, and samples went to CDC Atlanta for tests.")
    assert places["Melbourne"][2] == "AUS"
    assert places["Atlanta"][2] == "USA"


def test_detection_dateline_after_a_sentence():
    places = _places("The Oakland Athletics lost a game to Portland. OAKLAND, Calif. (AP) - A pitcher threw well on Monday.")
    assert places["OAKLAND"][3] == "California"
