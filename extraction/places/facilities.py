"""Facilities, streets and venues that the gazetteer lacks, placed at the place their context names.

A building, street, road or venue ("the Barclays Center", "Royal Street", "the A417"), or a body's name after "at"
("at Whole Foods"), is where its town is. When
the gazetteer cannot resolve such a name, it takes the point of a town (or county) that its context names, in this
order: the place written right after it ("Royal Street, New Orleans", "the arena in Dover"), else the nearest
place of its sentence, else the document's dateline town, else the town the document names most often. A place entity of the tagger (GPE, LOC) that the gazetteer
lacks, a hamlet or a neighbourhood, takes only the town written right after it ("Kibera in Nairobi"). Such a Place has `basis="context"`, so a user can tell
it from a gazetteer match. Nothing here scans the gazetteer: only the places already resolved are looked at.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence

from ...schemas import Place, Span
from .geography import KM_PER_DEGREE, degrees_apart_squared

# Tagger labels of facilities; other labels count only with a facility head word.
FACILITY_LABELS = frozenset({"FAC"})
# Entity labels whose spans may be a facility when their head says so ("Royal Street" tagged ORG or PERSON).
HEADED_LABELS = frozenset({"FAC", "ORG", "PERSON", "LOC", "GPE", "NORP", "PRODUCT"})
# Last words that make a name a facility, street or venue.
FACILITY_HEADS = frozenset(
    "street st road rd avenue ave boulevard blvd lane drive way highway parkway expressway freeway motorway "
    "square plaza bridge tunnel canal railroad railway station terminal airport airfield pier wharf "
    "center centre arena stadium coliseum ballpark park gardens field fields racecourse raceway speedway circuit "
    "courthouse hall hospital infirmary clinic university college school academy church cathedral chapel "
    "basilica mosque temple synagogue monastery abbey prison jail penitentiary library museum gallery theatre "
    "theater hotel inn restaurant pub tavern mall market tower building palace castle barracks estate "
    "complex depot farm ranch plantation zoo aquarium cemetery memorial monument".split()
)
# First words of street names in other languages ("Rue Royale", "Via Roma").
FACILITY_LEADS = frozenset("rue via avenida avenue calle boulevard place piazza plaza".split())
# Road numbers: British A/B/M roads, US interstates ("A417", "M4", "I-95").
_ROAD = re.compile(r"(?:[ABM]\d{1,4}|I-\d{1,3})$")
# Tagger labels of places: such an entity that the gazetteer lacks (a hamlet, a neighbourhood) takes only the town
# written right after it ("Thruxton, Andover", "Kibera in Nairobi").
VILLAGE_LABELS = frozenset({"GPE", "LOC"})
# Kinds of place whose point stands for a facility inside them; a country or province is too wide.
CONTAINER_FEATURES = frozenset({"city", "admin2"})
_NEXT_TO = re.compile(r"\s*(?:,|\bin\b|\bat\b|\bnear\b|\bof\b)\s*(?:the\s+)?$")
# A body's name after "at" is the venue it stands for ("at Whole Foods", "at Brands Hatch", "before Cloverhill Court").
VENUE_LABELS = frozenset({"ORG"})
_WEB = re.compile(r"\.[a-z]{2,3}$")
_AT_BEFORE = re.compile(r"\bat\s+(?:the\s+)?$")
LOCAL_KM = 161  # a venue's story is local when half of its town mentions lie this close to its main town
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\"'\u201c])|\n")


def is_facility(text: str, label: str) -> bool:
    """True when an entity names a facility, street, road or venue: a FAC entity, a road number, or a name whose
    last word (or, for streets in other languages, first word) says so."""
    words = text.replace("\u2019", "'").removesuffix("'s").split()
    if not words:
        return False
    if _ROAD.match(words[-1]):
        return True
    if label not in HEADED_LABELS:
        return False
    if label in FACILITY_LABELS:
        return True
    if len(words) < 2:  # "Park", "Hall": a surname as often as a facility
        return False
    return words[-1].lower().rstrip(".") in FACILITY_HEADS or words[0].lower() in FACILITY_LEADS


def _venue_name(phrase: str) -> bool:
    """A capitalised name that is no acronym ("NASA": a body) and no web address ("dw.com")."""
    phrase = phrase.removeprefix("the ")
    return phrase[:1].isupper() and not phrase.replace(".", "").isupper() and not _WEB.search(phrase)


def facility_places(text: str, entities: Sequence[tuple[int, int, str]], places: Sequence[Place]) -> list[Place]:
    """Places for the facility entities of `text` that no resolved place overlaps, each at the point of the town
    its context names (see the module docstring); in text order. `places`: the places resolved from `text`."""
    towns = sorted((p for p in places if p.feature in CONTAINER_FEATURES and p.span), key=lambda p: p.span.start)
    if not towns:
        return []
    taken = [(p.span.start, p.span.end) for p in places if p.span]
    main = _main_place(text, towns)
    breaks = None  # sentence breaks, found once when a facility first needs them
    out = []
    for start, end, label in entities:
        if "," in text[start:end]:  # "Donington Park, Leicestershire": the facility, then its town or county
            end = start + text[start:end].index(",")
        phrase = text[start:end]
        village = label in VILLAGE_LABELS and not is_facility(phrase, label)
        venue = label in VENUE_LABELS and _venue_name(phrase) and bool(_AT_BEFORE.search(text, max(0, start - 8), start))
        if not (is_facility(phrase, label) or village or venue) or any(a < end and start < b for a, b in taken):
            continue
        if phrase.lower().startswith("the "):
            start += 4
        if village:  # only "Thruxton, Andover": a sentence's other town is as likely a namesake's neighbour
            town = _next_place(text, end, towns)
        else:
            if breaks is None:
                found = list(_SENTENCE_END.finditer(text))
                breaks = ([m.start() for m in found], [m.end() for m in found])
            town = _next_place(text, end, towns) or _sentence_place(breaks, start, end, towns) or main
        if town is None:
            continue
        taken.append((start, end))
        out.append(town.model_copy(update={"text": text[start:end], "span": Span(start=start, end=end),
                                           "basis": "context"}))
    return sorted(out, key=lambda p: p.span.start)


def _next_place(text: str, end: int, towns: list[Place]) -> Place | None:
    """The town written right after the facility: "Royal Street, New Orleans", "the arena in Dover"."""
    for town in towns:
        if town.span.start >= end:
            return town if town.span.start - end <= 12 and _NEXT_TO.match(text[end:town.span.start]) else None
    return None


def _sentence_place(breaks: tuple[list[int], list[int]], start: int, end: int, towns: list[Place]) -> Place | None:
    """The town of the facility's sentence nearest to it. `breaks`: the starts and the ends of the sentence breaks."""
    starts, ends = breaks
    i = bisect.bisect_right(ends, start)
    first = ends[i - 1] if i else 0
    j = bisect.bisect_left(starts, end)
    last = starts[j] if j < len(starts) else 1 << 62
    inside = [t for t in towns if first <= t.span.start and t.span.end <= last]
    return min(inside, key=lambda t: min(abs(t.span.start - end), abs(start - t.span.end)), default=None)


def _main_place(text: str, towns: list[Place]) -> Place | None:
    """The document's dateline town (a town that opens the text or a line in capitals), else the town it names
    most often (the first named of those tied) when the story is local: at least half of the document's town
    mentions lie within LOCAL_KM of it. A story across a country has no one town that its venues are in."""
    for town in towns:
        line_start = text.rfind("\n", 0, town.span.start) + 1
        if not text[line_start:town.span.start].strip() and town.text.isupper():
            return town
    votes = Counter((town.name, town.lat, town.lon) for town in towns)
    main = max(towns, key=lambda town: votes[(town.name, town.lat, town.lon)])  # max keeps the first of equals
    return main if 2 * sum(_near(main, town) for town in towns) >= len(towns) else None


def _near(a: Place, b: Place) -> bool:
    """True when two places lie within LOCAL_KM."""
    return degrees_apart_squared(a.lat, a.lon, b.lat, b.lon) <= (LOCAL_KM / KM_PER_DEGREE) ** 2

