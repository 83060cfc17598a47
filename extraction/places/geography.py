"""Event geography: which of a document's resolved places an event happened at.

The order (issue 16): the place the event's own phrase names ("clashes in Ramadi"), else the place of its
sentence nearest to the event's trigger, else the document's dateline place ("AUSTIN, Texas (AP) --").
Countries answer only the first question: "Iraq said ..." names a speaker, not a scene.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ...schemas import Place, Span
from .detection import is_dateline

KM_PER_DEGREE = 111.2


def degrees_apart_squared(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Squared equirectangular distance in degrees of latitude (longitude scaled at the first point, wrapped at
    the antimeridian): cheap, and exact enough within a few hundred km. Compare with (km / KM_PER_DEGREE) ** 2."""
    dlon = (lon2 - lon1 + 180.0) % 360.0 - 180.0
    return (lat2 - lat1) ** 2 + (dlon * math.cos(math.radians(lat1))) ** 2

EVENT_FEATURES = frozenset({"city", "admin2", "admin1", "region"})
_NEAR_FEATURES = frozenset({"city", "admin2", "admin1"})


def event_location(
    text: str,
    places: Sequence[Place],
    phrase: Sequence[tuple[int, int]],
    sentence: tuple[int, int],
    anchor: int,
) -> Place | None:
    """The place of an event: named in its phrase, else nearest to `anchor` in its sentence, else the dateline.

    `phrase`: character spans of the event's own words; `sentence`: the sentence's span; `anchor`: the trigger's
    offset. All offsets are into `text`, the document the places were resolved in."""
    for start, end in phrase:
        for place in places:
            if place.span and place.span.start < end and start < place.span.end and place.feature in EVENT_FEATURES:
                return place
    near = [p for p in places if p.span and sentence[0] <= p.span.start < sentence[1] and p.feature in _NEAR_FEATURES]
    if near:
        return min(near, key=lambda p: (abs(p.span.start - anchor), p.span.start))
    return dateline_place(text, places)


def dateline_place(text: str, places: Sequence[Place]) -> Place | None:
    """The town a dateline opens the story with, or None ("NEW YORK (AP) --", "GEORGETOWN, Ky. --")."""
    for place in places[:2]:
        if place.span and place.span.start < 200 and place.feature in _NEAR_FEATURES and \
                is_dateline(text, place.span.start, place.span.end):
            return place
    return None


# A town says more about where an actor is from than its state, a state more than its country.
_ACTOR_RANK = {"city": 0, "admin2": 1, "admin1": 2, "country": 3, "region": 4}


def actor_place(places: Sequence[Place], span: Span | None) -> Place | None:
    """The place an actor's own words name ("the Dover police" -> Dover, "Iraqi troops" -> Iraq), or None.

    `span`: the actor's words in the document the places were resolved in. Among the places inside it, the most
    specific wins (a town before its state or country), then the first."""
    if span is None:
        return None
    inside = [p for p in places if p.span and span.start <= p.span.start and p.span.end <= span.end]
    if not inside:
        return None
    return min(inside, key=lambda p: (_ACTOR_RANK.get(p.feature or "", 5), p.span.start if p.span else 0))


def actor_geography(places: Sequence[Place], span: Span | None) -> dict[str, object]:
    """The Actor's geo_* fields for the place its words name (empty when they name none)."""
    place = actor_place(places, span)
    if place is None:
        return {}
    return {"geo_name": place.name, "geo_country": place.country, "geo_admin1": place.admin1,
            "geo_feature": place.feature, "geo_lat": place.lat, "geo_lon": place.lon, "geo_geonameid": place.geonameid}
