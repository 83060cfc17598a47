"""Place resolution from raw text and from given spans."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from eventpipe.extraction.places.resolution import resolve_place_names, resolve_places

CASES = Path(__file__).parents[2] / "cases" / "places.jsonl"


def _found(text: str, surface: str, countries: tuple[str, ...] = ()):
    hits = [p for p in resolve_places(text, countries) if p.text == surface]
    assert hits, f"{surface!r} not resolved in {text!r}"
    return hits[0]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    rad = math.radians
    h = math.sin(rad(lat2 - lat1) / 2) ** 2 + math.cos(rad(lat1)) * math.cos(rad(lat2)) * math.sin(rad(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


@pytest.mark.parametrize(
    ("text", "surface", "country", "feature"),
    [
        ("Troops moved on Ramadi at dawn.", "Ramadi", "IRQ", "city"),
        ("Gunmen held parts of Falluja for weeks.", "Falluja", "IRQ", "city"),
        ("Gunmen held parts of Fallujah for weeks.", "Fallujah", "IRQ", "city"),
        ("Officials in Tehran denied the report.", "Tehran", "IRN", "city"),
        ("A bomb went off in Baghdad.", "Baghdad", "IRQ", "city"),
        ("Talks opened in Paris on Monday.", "Paris", "FRA", "city"),
        ("Protesters marched in Georgia's capital.", "Georgia", "GEO", "country"),
        ("Clashes spread across Anbar province.", "Anbar", "IRQ", "admin1"),
        ("Militias withdrew from Al-Anbar Governorate.", "Al-Anbar", "IRQ", "admin1"),
        ("Rockets hit the north of Deir ez-Zor.", "Deir ez-Zor", "SYR", "city"),
        ("Aid reached Port-au-Prince by sea.", "Port-au-Prince", "HTI", "city"),
        ("The US sent envoys.", "US", "USA", "country"),
        ("Ministers met in the Middle East.", "Middle East", None, "region"),
        ("Ferries sank off Sumatra in a storm.", "Sumatra", "IDN", "region"),
        ("Tankers crossed the Black Sea at night.", "Black Sea", None, "region"),
        ("Archives of the Soviet Union were opened.", "Soviet Union", "RUS", "country"),
        ("Storms flooded farms in the Dordogne last week.", "Dordogne", "FRA", "admin2"),
        ("Two Ohio farmers sued the firm.", "Ohio", "USA", "admin1"),
        ("Several Kansas towns lost power.", "Kansas", "USA", "admin1"),
    ],
)
def test_places_resolves_name(text, surface, country, feature):
    place = _found(text, surface)
    assert (place.country, place.feature) == (country, feature)


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        ("Turkish troops crossed the border.", "Turkish", "TUR"),
        ("Iraqi police broke up the protest.", "Iraqi", "IRQ"),
        ("The Canadian envoy arrived.", "Canadian", "CAN"),
    ],
)
def test_places_adjectives_are_countries(text, surface, country):
    place = _found(text, surface)
    assert (place.country, place.feature, place.lat is not None) == (country, "country", True)


@pytest.mark.parametrize(
    ("text", "surface", "country", "feature"),
    [
        ("A tornado hit Paris, Texas, overnight.", "Paris", "USA", "city"),
        ("Voters in Georgia queued for hours in Atlanta.", "Georgia", "USA", "admin1"),
        ("Voters in Georgia queued for hours in Tbilisi.", "Georgia", "GEO", "country"),
        ("Clashes in Tripoli, Lebanese officials said.", "Tripoli", "LBN", "city"),
        ("Stops in Ohio, Georgia and Florida.", "Georgia", "USA", "admin1"),
        ("He flew to West Point, New York, on Monday.", "New York", "USA", "admin1"),
    ],
)
def test_places_uses_document_context(text, surface, country, feature):
    place = _found(text, surface)
    assert (place.country, place.feature) == (country, feature)


@pytest.mark.parametrize(("countries", "country"), [((), "LBY"), (("LBN",), "LBN")])
def test_places_country_hint_decides(countries, country):
    assert _found("Clashes broke out in Tripoli.", "Tripoli", countries).country == country


@pytest.mark.parametrize(
    "text",
    [
        "Sunday was quiet.",
        "In March the talks resumed.",
        "Reading the report took an hour.",
        "Nice words were spoken.",
        "Most of the town was empty.",
        "Police said the suspect fled.",
        "Secretary of State John Kerry spoke. Kerry said nothing new.",
        "Senator Kamala Harris spoke. Harris said the bill would pass.",
        "Crowds gathered outside the White House.",
        "Western culture shaped the debate.",
    ],
)
def test_places_skips_common_words_and_people(text):
    assert resolve_places(text) == []


@pytest.mark.parametrize(
    ("text", "surface"),
    [("Flooding in Reading closed roads.", "Reading"), ("A truck attack in Nice killed 86.", "Nice")],
)
def test_places_takes_common_word_town_after_in(text, surface):
    assert _found(text, surface).country in {"GBR", "FRA"}


def test_places_spans_point_into_text_in_order():
    text = "Iran has offered help to Iraq as Iraqi troops fight near Ramadi and Fallujah, west of Baghdad."
    places = resolve_places(text)
    assert [p.text for p in places] == ["Iran", "Iraq", "Iraqi", "Ramadi", "Fallujah", "Baghdad"]
    assert all(text[p.span.start:p.span.end] == p.text for p in places)
    assert all(a.span.end <= b.span.start for a, b in zip(places, places[1:]))


@pytest.mark.parametrize(
    ("text", "surface", "start"),
    [("Iran's army is ready.", "Iran", 0), ("As Syria burned, talks stalled.", "Syria", 3)],
)
def test_places_span_leaves_out_possessive_and_leading_word(text, surface, start):
    place = _found(text, surface)
    assert (place.span.start, place.span.end) == (start, start + len(surface))


@pytest.mark.parametrize(
    ("phrase", "name", "feature"),
    [
        ("the Anbar province", "Anbar", "admin1"),
        ("Falluja", "Al Fallūjah", "city"),
        ("Baghdad", "Baghdad", "city"),
        ("Turkish", "Turkey", "country"),
        ("Mexico City", "Mexico City", "city"),
        ("the Gaza Strip", "Gaza Strip", "region"),
        ("yesterday", None, None),
    ],
)
def test_place_names_resolves_given_spans(phrase, name, feature):
    text = f"Fighting near {phrase} went on, Iraqi officials said."
    start = text.index(phrase)
    (place,) = resolve_place_names(text, [(start, start + len(phrase))])
    assert (place.name, place.feature) == (name, feature) if place else (name, feature) == (None, None)


def test_place_names_keep_one_result_per_span():
    text = "From Ramadi to nowhere."
    assert [p and p.country for p in resolve_place_names(text, [(5, 11), (15, 22)])] == ["IRQ", None]


def test_places_cases_file_accuracy():
    """Our written news sentences (tests/cases/places.jsonl): share of places resolved within 161 km
    (countries: right ISO3); 0.95 when written, misses are places the gazetteer lacks."""
    rows = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines()]
    right = total = 0
    for row in rows:
        places = resolve_places(row["text"])
        for gold in row["places"]:
            total += 1
            hit = next((p for p in places if p.span.start < gold["end"] and gold["start"] < p.span.end), None)
            if hit is None:
                continue
            if gold["lat"] is None:
                right += hit.country == gold["country"]
            else:
                right += _km(hit.lat, hit.lon, gold["lat"], gold["lon"]) <= 161
    assert right / total >= 0.9


@pytest.mark.parametrize(
    ("text", "surface", "name", "feature"),
    [
        ("On Tuesday Spanish coast guards towed the trawler to port.", "Spanish", "Spain", "country"),  # weekday is no name head
        ("Farmers from a Bavarian village blocked the motorway.", "Bavarian", "Bavaria", "admin1"),  # province adjective
        ("Wildfires forced Californian towns to evacuate.", "Californian", "California", "admin1"),
        ("The team flew to New York, New York, for the final.", "New York", "New York City", "city"),  # city, province
    ],
)
def test_places_constructions(text, surface, name, feature):
    place = _found(text, surface)
    assert (place.name, place.feature) == (name, feature)


@pytest.mark.parametrize("text", [
    "The Ministry of Commerce issued new export rules.",  # Commerce, California: not meant
    "The Department of Justice unsealed the charges.",
    "Historians of the Victorian era gathered.",
])
def test_places_institution_fields_and_eras_are_not_places(text):
    assert resolve_places(text) == []


def _entity(text: str, surface: str, label: str) -> tuple[int, int, str]:
    start = text.rindex(surface)
    return start, start + len(surface), label


def test_resolution_entity_label_cues_a_small_town():
    text = "Storms flattened Tonopah overnight."
    assert resolve_places(text) == []  # too small to be trusted on its own
    places = resolve_places(text, entities=[_entity(text, "Tonopah", "GPE")])
    assert [(p.name, p.country, p.feature) for p in places] == [("Tonopah", "USA", "city")]


def test_resolution_entity_of_other_label_is_ignored():
    text = "Storms flattened Tonopah overnight."
    assert resolve_places(text, entities=[_entity(text, "Tonopah", "PERSON")]) == []


def test_resolution_entity_label_alone_keeps_a_surname_a_person():
    """The tagger labels a story's surnames GPE too ("Doug Hurley" ... "a mission Hurley flew"): its label alone
    does not make a small town of a word the document gives a person; a place cue ("in Marfa") does."""
    text = "Sheriff Dale Marfa spoke on Monday. Storms then flattened Marfa overnight."
    assert resolve_places(text) == []
    assert resolve_places(text, entities=[_entity(text, "Marfa", "GPE")]) == []
    text = "Sheriff Dale Marfa spoke on Monday. Storms then flattened homes in Marfa overnight."
    places = resolve_places(text, entities=[_entity(text, "Marfa", "GPE")])
    assert [(p.text, p.country, p.span.start) for p in places] == [("Marfa", "USA", text.rindex("Marfa"))]


def test_resolution_single_word_possessive_read_as_possessive():
    places = resolve_places("Officials praised Peru's response to the floods.")
    assert [(p.text, p.name, p.country) for p in places] == [("Peru", "Peru", "PER")]


def test_resolution_multiword_possessive_name_kept_whole():
    places = resolve_places("Ferries left St. John's harbour at dawn.")
    assert [(p.text, p.country) for p in places] == [("St. John's", "CAN")]


def test_resolution_plural_of_a_name_is_no_demonym():
    assert [p.name for p in resolve_places("Trade across the Americas grew last year.")] == ["Americas"]  # not the US
    assert [p.country for p in resolve_places("Many voters and Iraqis and Canadians agreed.")] == ["IRQ", "CAN"]
    assert [p.name for p in resolve_places("The Bahamas voted on Monday.")] == ["Bahamas"]



def test_resolution_region_inside_a_name_is_kept():
    """"EU" opening a body's name still places it, as a country would ("EU Aviation Strategy")."""
    assert [p.name for p in resolve_places("The EU Aviation Strategy was published on Monday.")] == ["Europe"]



def test_resolution_tagger_whole_place_name_wins_over_a_word_inside_it():
    """The tagger's GPE "Santa Barbara" after a capitalised word is the place, not the "Barbara" inside it."""
    text = "Beyond the food, Epicurean Santa Barbara is about meeting people."
    start = text.index("Santa Barbara")
    places = resolve_places(text, entities=[(start, start + 13, "GPE")])
    assert [(p.text, p.admin1) for p in places] == [("Santa Barbara", "California")]


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [("Troops and Kurdish forces took the town.", "Kurdish", "Kurdistan Region"),
     ("They visited Siberian towns in winter.", "Siberian", "Siberia")],
)
def test_resolution_region_adjectives_name_the_region(text, surface, name):
    assert _found(text, surface).name == name


def test_resolve_places_place_noun_after_a_place_is_no_town():
    """"<place> Valley", "<place> Island": the noun is part of the feature's name, not a town called Valley."""
    texts = [p.text for p in resolve_places("Growers in the Salinas Valley and on Plum Island lost their crops.")]
    assert "Valley" not in texts and "Island" not in texts


def test_resolve_places_region_adjective_is_the_region():
    """"Central American", "East African": the region the adjective names, not the country of its last word."""
    places = resolve_places("Central American migrants met East African envoys.")
    assert [(p.text, p.name, p.feature) for p in places] == [
        ("Central American", "Central America", "region"), ("East African", "East Africa", "region")]


def test_resolve_places_hamlet_before_university_is_a_founder():
    """"<hamlet> University" is named after a person; a real town before "University" is still the town."""
    places = resolve_places("A professor at Cornell University and a student of Oxford University spoke.")
    assert [p.name for p in places] == ["Oxford"]


def test_resolve_places_name_before_street_is_the_street():
    """"Atlantic Avenue", "Victoria Street": a street name, not the ocean or a town; the town after it still is."""
    places = resolve_places("Shops on Atlantic Avenue and Victoria Street in Toronto reopened.")
    assert [p.name for p in places] == ["Toronto"]


@pytest.mark.parametrize(
    "text",
    [
        "Senator Ruth Walker arrived late. Reporters spoke to Walker after the vote.",
        "Senator Ruth Walker arrived late. The plan stalled in Walker's absence.",
        "Senator Ruth Walker arrived late. A letter from Walker was read out.",
    ],
)
def test_resolve_places_weak_cue_keeps_a_surname_a_person(text):
    """A name the document gives a person ("Ruth Walker") stays the person after "to", "from", "of" or in a
    possessive: people are spoken to and written of as often as places."""
    assert resolve_places(text) == []


def test_resolve_places_strong_cue_makes_a_surname_the_town():
    """"in Walker" still names the town, though a person of that name is in the story."""
    places = resolve_places("Senator Ruth Walker arrived late. Floods hit homes in Walker overnight.")
    assert [(p.text, p.span.start) for p in places] == [("Walker", 54)]


def test_resolve_places_body_named_for_a_town_is_no_person():
    """"Dover Herald", "Oxford University": a body named for its town, so the town's name is no person's."""
    places = resolve_places("Staff of Dover Herald spoke on Monday. The mayor of Dover agreed.")
    assert [p.text for p in places] == ["Dover", "Dover"]


def test_resolve_places_planet_is_no_town():
    """"on Mars", "back to Earth": the planet, not a small town named after it; ", <state>" still makes the town."""
    text = "The rover landed on Mars and will never return to Earth."
    assert resolve_places(text) == []
    assert resolve_places(text, entities=[_entity(text, "Mars", "LOC"), _entity(text, "Earth", "LOC")]) == []
    places = resolve_places("The fair opened in Mars, Pennsylvania, on Friday.")
    assert [(p.text, p.admin1) for p in places][:1] == [("Mars", "Pennsylvania")]


def test_resolve_places_sentence_first_name_is_a_person_when_the_surname_recurs():
    """"Nancy Hollis opened ..." ... "Hollis said": the first word of a sentence is a first name, not the town,
    when its surname stands alone elsewhere; without that ("Toledo Blade reported"), the town stays."""
    assert resolve_places("Nancy Hollis opened the session. Later that day the chair, Hollis, said the vote would wait.") == []
    assert [p.name for p in resolve_places("Toledo Blade reported the vote on Monday.")] == ["Toledo"]


def test_resolve_places_title_opening_a_sentence_leads_a_name():
    """A title that opens a sentence ("Judge Clarence Hale ...") makes a person's name of what follows, even where
    the document writes the title in lower case too ("the judge")."""
    assert resolve_places("Judge Clarence Hale swore her in. The judge spoke briefly.") == []


def test_resolve_places_of_before_a_common_word_is_no_place_cue():
    """"the issue of Court packing": a common word after a bare "of" is the word; "the town of Court" is the town."""
    assert resolve_places("The issue of Court packing returned this week.") == []
    assert [p.name for p in resolve_places("Snow closed roads in the town of Court this week.")] == ["Court"]
