"""Disambiguation: population floors, nearness and containment (invented sentences)."""

import pytest

from eventpipe.extraction.places.resolution import resolve_places


def _found(text: str, surface: str):
    hits = [p for p in resolve_places(text) if p.text == surface]
    assert hits, f"{surface!r} not resolved in {text!r}"
    return hits[0]


@pytest.mark.parametrize(
    ("text", "surface", "admin1"),
    [
        ("Police in Springfield and Hartford said the roads were closed.", "Springfield", "Massachusetts"),
        ("Police in Windsor and Detroit said the bridge was closed.", "Windsor", "Ontario"),
        ("Crews in Cambridge and Boston cleared the snow.", "Boston", "Massachusetts"),
        ("Crews in Cambridge and Boston cleared the snow.", "Cambridge", "Massachusetts"),
    ],
)
def test_disambiguation_namesake_near_the_documents_other_towns(text, surface, admin1):
    """A town within 150 km of another town the story names wins over a bigger namesake elsewhere, across a
    state line too; two namesakes never swap places with each other."""
    assert _found(text, surface).admin1 == admin1


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        ("The race was held in the hills of Weiswampach, Luxembourg, on Sunday.", "Weiswampach", "Weiswampach"),
        ("The third race is at Snetterton, Norfolk, in July.", "Snetterton", "Snetterton"),
    ],
)
def test_disambiguation_hamlet_before_its_container(text, surface, name):
    """A place below every population floor is kept when ", <its county, province or country>" follows it."""
    assert _found(text, surface).name == name


def test_disambiguation_locative_and_tagger_together_keep_a_hamlet():
    """"in X" and the tagger's GPE label together vouch for a town of any size; either alone does not."""
    text = "Floods reached homes in Weiswampach on Monday."
    start = text.index("Weiswampach")
    assert [p.name for p in resolve_places(text, entities=[(start, start + 11, "GPE")])] == ["Weiswampach"]
    assert resolve_places(text) == []


def test_disambiguation_small_town_far_from_the_story_is_a_name():
    """A small town that nothing vouches for, far from every other town the story names, is a person's name;
    near them it stays a town."""
    assert [p.text for p in resolve_places("El Niño brought heavy rain to Lima and Cusco.")] == ["Lima", "Cusco"]
    assert [p.text for p in resolve_places("Xinhua said floods hit Lima and Cusco.")] == ["Lima", "Cusco"]
    assert _found("Storms hit Worcester and Spencer on Monday.", "Spencer").admin1 == "Massachusetts"


def test_disambiguation_province_named_without_its_prefix_and_big_town_keeps_its_name():
    places = resolve_places("Cases rose in Pangasinan and Bohol provinces.")
    assert [(p.text, p.feature) for p in places] == [("Pangasinan", "admin2"), ("Bohol", "admin2")]
    assert [p.feature for p in resolve_places("Fans in Barcelona cheered.")] == ["city"]


def test_disambiguation_town_outside_the_written_container_is_dropped():
    """"<town>, <province>": a namesake outside that province is not the town meant; the province still is."""
    places = resolve_places("The driver was stopped near Bradford, Ontario, on Friday.")
    assert [p.name for p in places] == ["Ontario"]
    assert _found("The driver was stopped near Bradford, Pennsylvania, on Friday.", "Bradford").admin1 == "Pennsylvania"


def test_disambiguation_town_far_from_the_written_county_is_dropped():
    """"<town>, <county>": a namesake on another continent is not meant; a town of that county is kept."""
    places = resolve_places("The next round is at Rockingham, Northamptonshire, in August.")
    assert [p.name for p in places] == ["Northamptonshire"]
    assert _found("The next round is at Corby, Northamptonshire, in August.", "Corby").country == "GBR"


def test_disambiguation_list_of_provinces_is_no_town_and_its_container():
    """"A, B and C" with three provinces of one country is a list: A is the province, not a town in B."""
    place = _found("Inspectors traced the outbreak to farms in Washington, Pennsylvania and Ohio last week.", "Washington")
    assert (place.feature, place.admin1) == ("admin1", "Washington")
    town = _found("Inspectors traced the outbreak to a farm in Washington, Pennsylvania last week.", "Washington")
    assert (town.feature, town.admin1) == ("city", "Pennsylvania")


def test_disambiguation_main_name_wins_over_a_nearby_alternate_name():
    """A town whose main name is written wins over a town near the story for which it is only an alternate name."""
    place = _found("Tourists from Boston said the old houses looked like those in Charleston.", "Charleston")
    assert (place.name, place.admin1) == ("Charleston", "South Carolina")


def test_disambiguation_small_province_of_an_unnamed_country_is_dropped():
    """A small province of a country the story neither names nor places anything in is a word or a person
    ("Paul", "the Gulf" in a story on Qatar); a cue or the country's other places vouch for it."""
    assert [p.name for p in resolve_places("Paul said the ships in the Gulf would sail to Qatar.")] == ["Qatar"]
    places = resolve_places("Officials in Nelson province said the ferry to Wellington was late.")
    assert [(p.name, p.country) for p in places][0] == ("Nelson", "NZL")


def test_disambiguation_county_near_the_documents_town():
    """Of namesake counties, the one near a town the story names wins over a more populous one elsewhere."""
    place = _found("Voters in Red Oak, Iowa, met the Montgomery County Democrats on Saturday.", "Montgomery County")
    assert place.admin1 == "Iowa"
