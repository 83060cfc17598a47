"""Disambiguation: which gazetteer entry each place mention means.

Each mention's eligible entries (population floors that depend on the support a name has: a locative cue, the
tagger's label, a container after it, the document's countries) are scored by the ranker (`ranking.py`); a first
pass gives the document's countries, provinces and town points, a second pass uses them as context (updating the
points as it goes, so two namesakes never swap places); then one sense per document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from . import ranking
from .detection import is_dateline
from .gazetteer import Entry, Gazetteer, Match, name_key
from .geography import KM_PER_DEGREE, degrees_apart_squared

MIN_POPULATION = 15000  # single-word city names without any supporting context
MIN_ALTERNATE_POPULATION = 100000  # single-word alternate names without context
MIN_CONTEXT_POPULATION = 5000  # ... in a country the document names
MIN_CONTEXT_ALTERNATE_POPULATION = 50000
MIN_CUE_POPULATION = 1000  # ... right after "in", "near", "town of" or before "province"
MIN_CUE_ALTERNATE_POPULATION = 15000
NEAR_KM = 150  # a candidate town this close to another town the document names is in the story's area
NEAR_DEGREES_SQUARED = (NEAR_KM / KM_PER_DEGREE) ** 2
LONE_TOWN_POPULATION = 20000  # below this, a town far from all of the document's other towns is dropped (_lone)
COUNTY_KM = 60  # a town this close to a county's point ("Snetterton, Norfolk") is taken to lie in it
COUNTY_DEGREES_SQUARED = (COUNTY_KM / KM_PER_DEGREE) ** 2
MIN_MULTIWORD_POPULATION = 5000
LONE_PROVINCE_POPULATION = 200000


@dataclass
class Mention:
    """A place name found in the text, with its gazetteer matches and what vouches for it."""

    start: int
    end: int
    text: str
    matches: list[Match]
    cue: bool = False  # a locative cue ("in X", "town of X", "X province") vouches for it
    vouched: bool = False  # a locative cue and the tagger's place label both
    admin_suffix: bool = False
    demonym: str | None = None  # ISO3 of an adjectival country form
    chosen: Entry | None = None
    following: Mention | None = None  # the next mention in the text
    after_place: Mention | None = None  # the place just before "<place>, " ("West Point, New York")
    dateline: bool = False  # the capitalised place a line opens with ("AUSTIN, Texas (AP) --")
    listed: str | None = None  # "admin1" or "country": the first of a list of such ("Washington, Oregon and Idaho")


def bare(word: str) -> str:
    """A name as one sense per document groups it: lower case, without a possessive."""
    return word.lower().removesuffix("'s").removesuffix("\u2019s").rstrip("'\u2019")


@dataclass
class Context:
    """What the document says about where it is: countries named and located, provinces, town points."""

    named: set[str]  # countries the document names (hint, country names, adjectives)
    located: dict[str, int] = field(default_factory=dict)  # ISO3 -> sub-national places resolved in it
    admin1: dict[tuple[str, str], int] = field(default_factory=dict)  # (ISO3, admin1) -> places in it
    points: dict[str, tuple[float, float]] = field(default_factory=dict)  # name key -> (lat, lon) of the town chosen
    hinted: frozenset[str] = frozenset()  # countries the caller names (`countries` argument)


def choose(
    text: str, mentions: list[Mention], countries: Sequence[str], gazetteer: Gazetteer,
    observe: Callable[[Mention, Context], None] | None = None,
) -> Context:
    """Pick an entry for each mention: population and feature first, then what the document names. `observe`
    (for fitting the ranker) sees each mention with the context of its final choice, before that choice."""
    ordered = sorted(mentions, key=lambda m: m.start)
    for mention in ordered:
        mention.dateline = is_dateline(text, mention.start, mention.end)
    for mention, following in zip(ordered, ordered[1:]):
        mention.following = following
        following.after_place = mention if text[mention.end:following.start].strip() in (",", "(") else None
    _mark_lists(text, ordered)
    context = Context(set(countries) | {m.demonym for m in ordered if m.demonym}, hinted=frozenset(countries))
    context.named |= {m.matches[0].entry.country for m in ordered if _only_country(m)}
    for mention in ordered:
        mention.chosen = _best(mention, context, gazetteer)
    context = _located(ordered, context)
    for mention in ordered:
        if observe is not None:
            observe(mention, context)
        mention.chosen = _best(mention, context, gazetteer)
        _move_point(context, mention)  # later mentions see this choice, so two namesakes do not swap places
    _one_sense(ordered)
    return context


LIST_GAPS = frozenset({",", "and", ", and", "or", ", or", "&"})
LIST_FEATURES = ("admin1", "country")


def _mark_lists(text: str, ordered: list[Mention]) -> None:
    """Mark "A, B and C" where all three may be provinces of one country (or countries): A is one too, an item
    of the list, and B no container of A ("cases in Washington, Oregon and Idaho": no town in Oregon, no capital)."""
    for a, b, c in zip(ordered, ordered[1:], ordered[2:]):
        if b.after_place is not a or text[b.end:c.start].strip() not in LIST_GAPS:
            continue
        for kind in LIST_FEATURES:
            owners = [{x.entry.country for x in m.matches if x.entry.feature == kind and not x.alternate} for m in (a, b, c)]
            if owners[0] & owners[1] & owners[2]:
                a.listed = kind
                break


def _one_sense(mentions: list[Mention]) -> None:
    """One sense per document: every mention of a name takes the entry its best-anchored mention chose
    ("London, Ontario" ... "London"), else the entry most of its mentions chose."""
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.chosen is not None and m.matches and m.chosen.feature != "country":
            groups.setdefault(name_key(bare(m.text)), []).append(m)
    for group in groups.values():
        if len({m.chosen for m in group}) < 2:
            continue
        anchored = [m for m in group if m.dateline or m.admin_suffix or _next_to_container(m, m.chosen) > 0 or
                    (m.after_place is not None and m.chosen.feature != "city")]
        votes = Counter(m.chosen for m in (anchored or group))
        entry = max(votes, key=lambda e: (votes[e], -min(m.start for m in group if m.chosen == e)))
        for m in group:
            same_before = m.after_place is not None and name_key(bare(m.after_place.text)) == name_key(bare(m.text))
            if not same_before and any(x.entry == entry for x in m.matches):  # "New York, New York" keeps both
                m.chosen = entry


def _only_country(mention: Mention) -> bool:
    return bool(mention.matches) and all(m.entry.feature == "country" for m in mention.matches)


def _located(mentions: list[Mention], context: Context) -> Context:
    """The context plus the countries and provinces of the towns and provinces chosen so far."""
    out = Context(set(context.named), hinted=context.hinted)
    for m in mentions:
        if m.chosen and m.chosen.feature in ("city", "admin1", "admin2") and m.chosen.country:
            out.located[m.chosen.country] = out.located.get(m.chosen.country, 0) + 1
            if m.chosen.admin1:
                key = (m.chosen.country, m.chosen.admin1)
                out.admin1[key] = out.admin1.get(key, 0) + 1
        _move_point(out, m)
    return out


def _move_point(context: Context, mention: Mention) -> None:
    """Record the point of the town a mention has chosen (or forget it when it chose no town)."""
    key = name_key(bare(mention.text))
    if mention.chosen and mention.chosen.feature in ("city", "admin2"):
        context.points[key] = (mention.chosen.lat, mention.chosen.lon)
    else:
        context.points.pop(key, None)


def _best(mention: Mention, context: Context, gazetteer: Gazetteer) -> Entry | None:
    """The best-scoring eligible entry of a mention, or None when no entry passes the population floors."""
    if mention.demonym:
        return gazetteer.country(mention.demonym)
    single = " " not in mention.text.strip() and "-" not in mention.text
    scored = [(_score(m, mention, context), m) for m in mention.matches
              if eligible(m, mention, context, single) and m.entry.feature == (mention.listed or m.entry.feature)]
    if not scored:
        return None
    for _, match in sorted(scored, key=lambda s: -s[0]):  # the best that is not a small town far from the story
        entry = match.entry
        if _outside_next(mention, entry) or _lone_province(entry, mention, context):
            continue
        if entry.feature != "city" or entry.population >= LONE_TOWN_POPULATION or not _lone(entry, mention, context):
            return entry
    return None


def _outside_next(mention: Mention, entry: Entry) -> bool:
    """True when "<mention>, <country, province or county>" names a container that this town or county lies outside
    ("Stroud, Ontario" is no town in England; a county by distance): the gazetteer lacks the town meant."""
    following = mention.following
    if entry.feature not in ("city", "admin2") or following is None or following.after_place is not mention \
            or mention.listed:
        return False
    if mention.after_place is not None:  # "Zaire, Bundibugyo, Ivory Coast": a list, not a town and its container
        return False
    other = following.chosen
    if other is None or other.feature not in ("admin1", "admin2", "country") or following.demonym or following.start - mention.end > 3:
        return False  # "Tripoli, Lebanese officials said": an adjective is no container
    return not any(_contains(m.entry, entry) for m in following.matches)  # "DeKalb County, Georgia": the state may


def _contains(container: Entry, entry: Entry) -> bool:
    """True when a country or province entry is the one the entry lies in."""
    if container.feature == "country":
        return container.country == entry.country
    if container.feature == "admin2":  # a county by distance: entries carry their province only
        return entry.feature == "city" and container.country == entry.country and \
            degrees_apart_squared(entry.lat, entry.lon, container.lat, container.lon) <= 4 * COUNTY_DEGREES_SQUARED
    return container.feature == "admin1" and (container.country, container.name) == (entry.country, entry.admin1)


def _lone(entry: Entry, mention: Mention, context: Context) -> bool:
    """True when the document places other towns, none of them near this one, and nothing vouches for it (no
    locative cue, dateline or container): a small town so far from the story is a person's or a thing's name
    ("El Niño", "Spencer", "Xinhua")."""
    key = name_key(bare(mention.text))
    others = [k for k in context.points if k != key]
    if not others or mention.cue or mention.dateline or _inside_next(mention, entry):
        return False
    return not _near(entry, key, context.points)


def _lone_province(entry: Entry, mention: Mention, context: Context) -> bool:
    """True for a small province (under LONE_PROVINCE_POPULATION) of a country the document neither names nor
    places anything in, while it does name others, and that nothing vouches for: "the Gulf" of a story on Qatar
    is not Papua New Guinea's Gulf Province."""
    if entry.feature != "admin1" or entry.population >= LONE_PROVINCE_POPULATION or mention.cue or mention.admin_suffix:
        return False
    if mention.dateline or _inside_next(mention, entry) or mention.after_place is not None:
        return False
    countries = context.named | set(context.located)
    return bool(countries) and entry.country not in countries


def eligible(match: Match, mention: Mention, context: Context, single: bool) -> bool:
    """Whether a town is big enough for the support it has (a locative cue, the document's countries)."""
    entry = match.entry
    if entry.feature not in ("city", "admin2"):
        return True
    if not match.alternate and _inside_next(mention, entry):
        return True  # "Weiswampach, Luxembourg", "Snetterton, Norfolk": the container vouches for a hamlet
    in_context = entry.country in context.named or entry.country in context.located
    if not single and not match.alternate:  # elsewhere than the document's countries: a real town, not a hamlet
        floor = MIN_MULTIWORD_POPULATION if not (context.named or context.located) else MIN_POPULATION
        return mention.cue or in_context or entry.population >= floor
    if mention.vouched:
        floors = (0, MIN_CUE_ALTERNATE_POPULATION)
    elif mention.cue:
        floors = (MIN_CUE_POPULATION, MIN_CUE_ALTERNATE_POPULATION)
    elif in_context:
        floors = (MIN_CONTEXT_POPULATION, MIN_CONTEXT_ALTERNATE_POPULATION)
    else:
        floors = (MIN_POPULATION, MIN_ALTERNATE_POPULATION)
    return entry.population >= floors[match.alternate]


def _score(match: Match, mention: Mention, context: Context) -> float:
    """The ranker's score of a candidate (ranking.py): population, kind of place, writing, document context."""
    return ranking.score(candidate_features(match, mention, context), ranking.load_weights())


def candidate_features(match: Match, mention: Mention, context: Context) -> dict[str, float]:
    """The ranking features of one candidate entry of a mention (names in ranking.FEATURES)."""
    entry = match.entry
    kind = entry.feature
    values = {"log_population": ranking.population_feature(entry), "is_country": kind == "country",
              "is_admin1": kind == "admin1", "is_admin2": kind == "admin2", "is_region": kind == "region",
              "capital": entry.capital, "alternate_name": match.alternate,
              "admin_suffix": mention.admin_suffix and kind == "admin1",
              "dateline_city": mention.dateline and kind == "city", "cue_city": mention.cue and kind == "city"}
    before = mention.after_place.chosen if mention.after_place else None
    values["container_before"] = bool(before and kind in ("admin1", "country") and before.feature != "country"
                                      and before.country == entry.country)
    values["namesake_capital"] = kind == "admin1" and any(  # "Tehran": the city in it; Wyoming, Michigan is not
        m.entry.feature == "city" and (m.entry.country, m.entry.admin1) == (entry.country, entry.name) for m in mention.matches)
    values["main_name_elsewhere"] = match.alternate and kind == "city" and any(
        not m.alternate and m.entry.feature == "city" and m.entry.country == entry.country for m in mention.matches)
    values["country_named"] = entry.country in context.named
    values["country_hint"] = entry.country in context.hinted
    # the mention's own first-pass choice must not vouch for itself
    prior = mention.chosen if mention.chosen and mention.chosen.feature in ("city", "admin1", "admin2") else None
    values["country_located"] = context.located.get(entry.country, 0) > (prior is not None and prior.country == entry.country)
    own_admin1 = prior is not None and (prior.country, prior.admin1) == (entry.country, entry.admin1)
    in_admin1 = bool(entry.admin1) and context.admin1.get((entry.country, entry.admin1), 0) > own_admin1
    values["admin1_located_province"] = in_admin1 and kind == "admin1"
    values["admin1_located_other"] = in_admin1 and kind != "admin1"
    # not in a container's place ("West Point, New York": the state, though New York City is near)
    values["near_located"] = kind in ("city", "admin2") and before is None and _near(entry, name_key(bare(mention.text)), context.points)
    values["county_holds_town"] = kind == "admin2" and not any(m.entry.feature == "city" for m in mention.matches) and _near(entry, name_key(bare(mention.text)), context.points,
                                                             4 * COUNTY_DEGREES_SQUARED)
    container = _next_to_container(mention, entry)
    values["next_is_admin1"], values["next_is_country"] = container == 3.0, container == 2.0
    return {name: float(value) for name, value in values.items()}


def _near(entry: Entry, key: str, points: dict[str, tuple[float, float]], reach: float = NEAR_DEGREES_SQUARED) -> bool:
    """True when a town the document names under another name lies within NEAR_KM of the entry (an
    equirectangular distance: cheap, and exact enough at this range)."""
    return any(other != key and degrees_apart_squared(entry.lat, entry.lon, lat, lon) <= reach
               for other, (lat, lon) in points.items())


def _inside_next(mention: Mention, entry: Entry) -> bool:
    """True when "<mention>, <place>" names a province, county or country that the entry lies in (a county by
    distance: entries carry their province only)."""
    following = mention.following
    if following is None or following.after_place is not mention or not following.chosen or mention.listed:
        return False
    other = following.chosen
    if other.feature == "admin1":
        return (other.country, other.name) == (entry.country, entry.admin1)
    if other.feature == "country":
        return other.country == entry.country
    if other.feature == "admin2":
        return other.country == entry.country and \
            degrees_apart_squared(entry.lat, entry.lon, other.lat, other.lon) <= COUNTY_DEGREES_SQUARED
    return False


def _next_to_container(mention: Mention, entry: Entry) -> float:
    """Bonus for "Paris, Texas" / "Ramadi, Iraq": the next mention names this entry's admin1 or country."""
    following = mention.following
    if following is None or following.start - mention.end > 3 or not following.chosen or mention.listed:
        return 0.0
    other = following.chosen
    if other.feature == "admin1" and entry.feature != "admin1" and (other.country, other.name) == (entry.country, entry.admin1):
        return 3.0  # a province does not lie in itself: "New York, New York" is the city
    if other.feature == "country" and other.country == entry.country and entry.feature != "country":
        return 2.0
    return 0.0
