"""Facilities, streets and venues placed at the town their context names (invented sentences)."""

from eventpipe.extraction.places.facilities import facility_places, is_facility
from eventpipe.extraction.places.resolution import resolve_places
from eventpipe.schemas import Place, Span


def _town(text: str, word: str, name: str, lat: float, feature: str = "city") -> Place:
    start = text.index(word)
    return Place(text=word, name=name, country="USA", lat=lat, lon=-80.0, geonameid=int(lat * 1000), feature=feature,
                 span=Span(start=start, end=start + len(word)))


def _entity(text: str, words: str, label: str) -> tuple[int, int, str]:
    start = text.index(words)
    return (start, start + len(words), label)


def test_facilities_heads_and_labels():
    assert is_facility("Royal Street", "ORG")
    assert is_facility("the Harbor Arena", "ORG")
    assert is_facility("Rue Verte", "PERSON")
    assert is_facility("the A417", "PRODUCT")
    assert is_facility("Broadway", "FAC")
    assert not is_facility("Acme Widgets", "ORG")
    assert not is_facility("John Smith", "PERSON")
    assert not is_facility("Park", "PERSON")


def test_facilities_town_written_next_to_it():
    text = "A fire broke out on Maple Street, Springdale, and in Lakeview."
    towns = [_town(text, "Springdale", "Springdale", 35.0), _town(text, "Lakeview", "Lakeview", 40.0)]
    [place] = facility_places(text, [_entity(text, "Maple Street", "FAC")], towns)
    assert (place.text, place.name, place.basis) == ("Maple Street", "Springdale", "context")
    assert (place.span.start, place.span.end) == (text.index("Maple Street"), text.index("Maple Street") + 12)


def test_facilities_nearest_town_of_the_sentence():
    text = "Officials in Lakeview met. Crowds filled the Harbor Arena, far from Springdale and Oakton."
    towns = [_town(text, "Lakeview", "Lakeview", 40.0), _town(text, "Springdale", "Springdale", 35.0),
             _town(text, "Oakton", "Oakton", 36.0)]
    [place] = facility_places(text, [_entity(text, "the Harbor Arena", "ORG")], towns)
    assert (place.text, place.name) == ("Harbor Arena", "Springdale")


def test_facilities_dateline_town_else_the_most_named_town():
    text = "SPRINGDALE, Ohio (AP) -- Crowds gathered.\nThe Harbor Arena was full. Oakton and Oakton cheered."
    towns = [_town(text, "SPRINGDALE", "Springdale", 35.0), _town(text, "Oakton", "Oakton", 36.0)]
    [place] = facility_places(text, [_entity(text, "The Harbor Arena", "FAC")], towns)
    assert place.name == "Springdale"
    text = "Crowds gathered at the Harbor Arena. Later they marched to Springdale, then Oakton and back to Springdale."
    first, second = text.index("Springdale"), text.rindex("Springdale")
    towns = [_town(text, "Springdale", "Springdale", 35.0), _town(text, "Oakton", "Oakton", 36.0),
             _town(text, "Springdale", "Springdale", 35.0).model_copy(update={"span": Span(start=second, end=second + 10)})]
    assert first != second
    [place] = facility_places(text, [_entity(text, "the Harbor Arena", "FAC")], towns)
    assert place.name == "Springdale"


def test_facilities_country_is_no_container_and_resolved_names_stay():
    text = "Crowds filled the Harbor Arena in Canada."
    country = _town(text, "Canada", "Canada", 60.0, feature="country")
    assert facility_places(text, [_entity(text, "the Harbor Arena", "FAC")], [country]) == []
    text = "The Springdale Library in Springdale opened."
    town = _town(text, "Springdale", "Springdale", 35.0)
    assert facility_places(text, [_entity(text, "The Springdale Library", "ORG")], [town]) == []


def test_facilities_through_resolve_places():
    text = "Police closed Maple Street in Denver after the crash."
    places = resolve_places(text, entities=[_entity(text, "Maple Street", "FAC"), _entity(text, "Denver", "GPE")])
    assert [(p.text, p.name, p.basis) for p in places] == [("Maple Street", "Denver", "context"),
                                                           ("Denver", "Denver", "gazetteer")]


def test_facilities_entity_running_on_past_a_comma_is_cut():
    text = "The race moved to Harbor Park, Springdale, last year."
    towns = [_town(text, "Springdale", "Springdale", 35.0)]
    [place] = facility_places(text, [_entity(text, "Harbor Park, Springdale", "FAC")], towns)
    assert (place.text, place.name) == ("Harbor Park", "Springdale")


def test_facilities_unknown_village_takes_only_the_town_right_after_it():
    text = "Aid reached Lowbrook in Springdale. Later Highmoor was cut off, as was Oakton."
    towns = [_town(text, "Springdale", "Springdale", 35.0), _town(text, "Oakton", "Oakton", 36.0)]
    entities = [_entity(text, "Lowbrook", "GPE"), _entity(text, "Highmoor", "GPE")]
    assert [(p.text, p.name) for p in facility_places(text, entities, towns)] == [("Lowbrook", "Springdale")]


def test_facilities_body_after_at_is_a_venue():
    """An organisation's name after "at" is where the story happens ("at Acme Widgets"); elsewhere it is no place."""
    text = "Officials in Lakeview said the class was held at Acme Widgets. Acme Widgets hired staff."
    towns = [_town(text, "Lakeview", "Lakeview", 40.0)]
    first = text.index("Acme Widgets")
    second = text.index("Acme Widgets", first + 1)
    entities = [(first, first + 12, "ORG"), (second, second + 12, "ORG")]
    [place] = facility_places(text, entities, towns)
    assert (place.span.start, place.name, place.basis) == (first, "Lakeview", "context")


def test_facilities_acronym_or_web_address_after_at_is_no_venue():
    text = "Officials in Lakeview said the data came from tests at NASA and at news.com last week."
    towns = [_town(text, "Lakeview", "Lakeview", 40.0)]
    assert facility_places(text, [_entity(text, "NASA", "ORG"), _entity(text, "news.com", "ORG")], towns) == []


def test_facilities_story_across_a_country_has_no_main_town():
    """A venue that nothing near it places takes the document's most named town only in a local story (half of
    its town mentions within 161 km of that town): officials in Boston, Chicago, Denver and Seattle place no arena."""
    national = "Officials in Boston, Chicago, Denver and Seattle spoke. Crowds later gathered at the Harmon Arena."
    assert [p.text for p in resolve_places(national, entities=[_entity(national, "Harmon Arena", "FAC")])
            if p.basis == "context"] == []
    local = "Officials in Boston and Cambridge spoke. Crowds later gathered at the Harmon Arena."
    placed = [p for p in resolve_places(local, entities=[_entity(local, "Harmon Arena", "FAC")]) if p.basis == "context"]
    assert [(p.text, p.name) for p in placed] == [("Harmon Arena", "Boston")]
