"""Cross-document consolidation: the mentions of one real-world event become one `Event` row.

Two mentions are the same event when every rule below holds; events are the connected
components of that relation (single link), so the result depends only on the set of mentions.
1. Modality: asserted, reported and intended mentions form one class; negated and hypothetical
   mentions each form their own and never merge with another class.
2. Actor: the same person by name (`ActorDictionary.same_person`: "Mohammad Hejazi" ~ "Mohamed
   Hijazi"; this wins over differing codes, since a surname-only dictionary lookup often picks a
   namesake), else the same actor code, else the same country with one sector missing (IRN ~ IRNMIL).
   Names are person-like texts only: capitalised words, not a country or pronoun, not ending in an
   agent noun ("Security Forces"). Actors without a code or name never merge.
3. Action: the same CAMEO root, or the same PLOVER type (175 ~ 18x: ASSAULT), or the offer/provide
   aid family: 030/033x (intent to cooperate / to provide aid) ~ 07x (provide aid). Reports of one
   offer differ in tense only ("offered help" 030, "is ready to provide equipment" 072).
4. Target: the same code, or the same country with one sector missing, or both missing; one
   missing only when place and date both agree positively (both given and matching).
5. Place: the same geonameid, or one contains the other (country, admin1), or within 50 km, or
   either missing (a region without country counts as missing).
6. Date: the windows overlap; a publication-based date counts as the 3 days up to it; a mention
   with neither a date nor a dated document matches any date.
Limits: single link chains through missing fields (A at Tehran ~ B without place ~ C in Anbar all
merge); an undated document can thus join two dated events that agree on everything else. No
text similarity is used, so two distinct same-day events with the same dyad, family and place
merge. Upstream coding errors (a wrong target code, a wrong root) keep true duplicates apart.

Incremental runs: `touched_events` picks the stored events sharing a match key with the new
mentions; pass the new mentions plus those events' stored mentions to `consolidate`, and replace
those events with the result. Components only grow by new links, so this equals a full rebuild.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from ..extraction.actors import load_actor_dictionary
from ..extraction.countries import country_for
from ..schemas import Document, EventMention, Place
from ..schemas.events import Event

_CLASS = {"asserted": "asserted", "reported": "asserted", "intended": "asserted", "negated": "negated", "hypothetical": "hypothetical"}
_AID_INTENT = ("030", "033")  # CAMEO 030 intent to cooperate, 033x intent to provide material aid
_PUBLICATION_SLACK = dt.timedelta(days=3)
_MAX_KM = 50.0
_MAX_REASONS = 12
_PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "who", "which", "this", "that"}
_PARTICLES = {"al", "el", "bin", "ibn", "bint", "de", "da", "di", "du", "van", "von", "der", "la", "le", "of", "the"}
_COLLECTIVE = {"police", "people", "military", "army", "public", "crowd"}
_SPECIFIC = {"city": 3, "admin1": 2, "country": 1}


@dataclass(frozen=True)
class DocInfo:
    """What consolidation needs of a document: its publisher and when it was first seen."""

    doc_id: str
    source: str | None
    uri: str
    published: dt.date | None
    ingested_at: dt.datetime | None

    @classmethod
    def from_document(cls, doc: Document) -> "DocInfo":
        """The DocInfo of a `Document` record."""
        return cls(doc.doc_id, doc.source, doc.uri, doc.published, doc.ingested_at)


@dataclass
class _Item:
    """A mention with everything the rules look at, computed once."""

    m: EventMention
    key: tuple
    mclass: str
    name: str | None
    group: bool
    window: tuple[dt.date, dt.date] | None
    dated: bool  # the window comes from a date expression, not from the publication date
    place: Place | None
    keys: tuple[str, ...]


# ------------------------------------------------------------------ public API
def consolidate(
    mentions: Sequence[EventMention], documents: Mapping[str, DocInfo], existing: Sequence[Event] = ()
) -> list[Event]:
    """All events over `mentions` (sorted by event_id); they replace the revised `existing` events.

    `existing`: stored events being revised; each one's mentions must be in `mentions` (see
    `touched_events`). A mention_id given twice counts once (the later record wins).
    """
    unique = {m.mention_id: m for m in mentions}
    missing = sorted({mid for e in existing for mid in e.mention_ids} - unique.keys())
    if missing:
        raise ValueError(f"{len(missing)} mentions of existing events were not passed, e.g. {missing[0]}: "
                         "pass the stored mentions of every event in `existing`")
    items = sorted((_item(m, documents) for m in unique.values()), key=lambda it: it.key)
    edges = _edges(items)
    groups = _components(len(items), edges)
    return sorted((_event(g, reasons, items, documents) for g, reasons in groups), key=lambda e: e.event_id)


def match_keys(mentions: Sequence[EventMention], documents: Mapping[str, DocInfo]) -> set[str]:
    """The blocking keys of `mentions`: two mentions can merge only if they share one."""
    return {k for m in mentions for k in _item(m, documents).keys}


def touched_events(
    mentions: Sequence[EventMention], events: Sequence[Event], documents: Mapping[str, DocInfo]
) -> list[Event]:
    """The stored `events` that new `mentions` may join (they share a match key): revise these."""
    keys = match_keys(mentions, documents)
    return [e for e in events if keys.intersection(e.match_keys)]


# ------------------------------------------------------------------ per mention
def _item(m: EventMention, documents: Mapping[str, DocInfo]) -> _Item:
    doc = documents.get(m.doc_id)
    published = doc.published if doc else None
    span = m.action.span.start if m.action.span else -1
    key = (published or dt.date.max, m.doc_id, m.sentence_index, span, m.mention_id)
    mclass, name = _CLASS[m.modality], _person_name(m.actor.text)
    place = m.location if m.location and (m.location.country or m.location.geonameid) else None
    keys = tuple(sorted(f"{mclass}|{a}|{b}" for a in _action_keys(m) for b in _actor_keys(m, name)))
    dated = m.date.start is not None and m.date.basis in ("explicit", "relative")
    return _Item(m, key, mclass, name, _is_group(m.actor.text, name), _window(m, published), dated, place, keys)


def _action_keys(m: EventMention) -> list[str]:
    a = m.action
    keys = [f"r:{a.root}"] if a.root else []
    keys += [f"p:{a.plover}"] if a.plover else []
    return keys + (["f:aid"] if _is_aid(a.cameo) else [])


def _is_aid(cameo: str | None) -> bool:
    return bool(cameo) and (cameo.startswith("07") or cameo[:3] in _AID_INTENT)


def _actor_keys(m: EventMention, name: str | None) -> list[str]:
    actor = m.actor
    keys = [f"c:{actor.country}"] if actor.country else [f"k:{actor.code}"] if actor.code else []
    return keys + ([f"n:{_initial(name)}"] if name else [])


def _initial(name: str) -> str:
    """A coarse first-letter class of the surname: same_person never matches across classes."""
    last = unicodedata.normalize("NFKD", name.split()[-1].split("-")[-1]).encode("ascii", "ignore").decode()
    word = re.sub(r"[^a-z]", "", last.lower()) or "?"
    if word.startswith(("ph", "f", "p")):
        return "f"
    return "k" if word[0] in "kqc" else "v" if word[0] in "aeiouyw" else word[0]


@lru_cache(maxsize=65536)
def _person_name(text: str) -> str | None:
    """The name when `text` reads as a person's ('Mohamed Hijazi', 'Iraqi PM Nuri al-Maliki' -> 'PM Nuri al-Maliki')."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", text)
    while len(words) > 1 and country_for(words[0]):
        words = words[1:]
    if not words or text.strip().lower() in _PRONOUNS or country_for(" ".join(words)):
        return None
    for word in words:
        core = re.sub(r"^(al|el)-", "", word, flags=re.IGNORECASE)
        if word.lower() not in _PARTICLES and not core[:1].isupper():
            return None
    coded = load_actor_dictionary().code_actor(words[-1])
    if country_for(words[-1]) or (coded and coded.entry.startswith("agent")):
        return None
    return " ".join(words)


def _is_group(text: str, name: str | None) -> bool:
    """A plural or collective noun phrase ('government officials', 'Iraqi police'): never one person."""
    last = (re.findall(r"[^\W\d_]+", text.lower()) or [""])[-1]
    return name is None and (last in _COLLECTIVE or len(last) > 3 and last.endswith("s") and not last.endswith("ss"))


def _window(m: EventMention, published: dt.date | None) -> tuple[dt.date, dt.date] | None:
    d = m.date
    if d.start is not None:
        start = d.start - _PUBLICATION_SLACK if d.basis == "publication" else d.start
        return start, d.end or d.start
    return (published - _PUBLICATION_SLACK, published) if published else None


# ------------------------------------------------------------------ pairwise rules
def _edges(items: list[_Item]) -> list[tuple[int, int, list[tuple[int, str]]]]:
    """Every matching pair (i < j in canonical order) with its reasons, sorted."""
    blocks: dict[str, list[int]] = {}
    for i, it in enumerate(items):
        for k in it.keys:
            blocks.setdefault(k, []).append(i)
    seen: set[tuple[int, int]] = set()
    edges = []
    for block in blocks.values():
        for i, j in _candidate_pairs(block, items):
            pair = (min(i, j), max(i, j))
            if pair not in seen:
                seen.add(pair)
                reasons = _match(items[pair[0]], items[pair[1]])
                if reasons is not None:
                    edges.append((*pair, reasons))
    return sorted(edges, key=lambda e: (e[0], e[1]))


def _candidate_pairs(block: list[int], items: list[_Item]):
    """Pairs of a block whose date windows can overlap: a sweep over dated mentions, undated with all."""
    dated = sorted((i for i in block if items[i].window), key=lambda i: items[i].window[0])
    undated = [i for i in block if not items[i].window]
    for n, i in enumerate(dated):
        end = items[i].window[1]
        for j in dated[n + 1:]:
            if items[j].window[0] > end:
                break
            yield i, j
    for n, i in enumerate(undated):
        yield from ((i, j) for j in dated)
        yield from ((i, j) for j in undated[n + 1:])


def _match(a: _Item, b: _Item) -> list[tuple[int, str]] | None:
    """The reasons (field number, text) a and b are one event, or None.

    Beyond actor and action, one field must agree positively: both targets given and equal, the
    same place (not mere containment), or overlapping dates that both come from date expressions.
    """
    if a.mclass != b.mclass:
        return None
    place, date = _place_reason(a.place, b.place), _date_reason(a, b)
    actor, action = _actor_reason(a, b), _action_reason(a.m, b.m)
    if None in (place, date, actor, action):
        return None
    target = _target_reason(a.m, b.m, anchored=place[1] or date[1])
    if target is None or not (target[1] or place[1] or date[1]):
        return None
    return [(n, r) for n, r in enumerate((actor, action, target[0], place[0], date[0])) if r]


def _actor_reason(a: _Item, b: _Item) -> str | None:
    if a.name and b.name:
        if not _same_person(a.name, b.name):
            return None
        return f"names {a.name}~{b.name}" if a.name != b.name else f"name {a.name}"
    if (a.name and b.group) or (b.name and a.group):
        return None
    x, y = a.m.actor, b.m.actor
    if not x.code or not y.code:
        return None
    if x.code == y.code:
        return f"actor {x.code} = {y.code}"
    if x.country and x.country == y.country and (x.sector is None or y.sector is None):
        return f"actor {x.code} ~ {y.code}"
    return None


@lru_cache(maxsize=65536)
def _same_person(a: str, b: str) -> bool:
    return load_actor_dictionary().same_person(a, b)


def _action_reason(x: EventMention, y: EventMention) -> str | None:
    a, b = x.action, y.action
    if a.cameo and a.cameo == b.cameo:
        return f"cameo {a.cameo} = {b.cameo}"
    if a.root and a.root == b.root:
        return f"root {a.root} = {b.root}"
    if a.plover and a.plover == b.plover:
        return f"plover {a.plover}: {a.cameo} ~ {b.cameo}"
    if _is_aid(a.cameo) and _is_aid(b.cameo):
        return f"offer/provide aid {a.cameo} ~ {b.cameo}"
    return None


def _target_reason(x: EventMention, y: EventMention, anchored: bool) -> tuple[str, bool] | None:
    """(reason, both given) when the targets agree; one missing only when place or date agree positively."""
    a = x.target if x.target and x.target.code else None
    b = y.target if y.target and y.target.code else None
    if a is None and b is None:
        return "targets none", False
    if a and b:
        if a.code == b.code:
            return f"target {a.code} = {b.code}", True
        if a.country and a.country == b.country and (a.sector is None or b.sector is None):
            return f"target {a.code} ~ {b.code}", True
        return None
    return (f"target {(a or b).code} / none", False) if anchored else None


def _place_reason(a: Place | None, b: Place | None) -> tuple[str | None, bool] | None:
    """(reason, positively confirmed) when the places are compatible, else None."""
    if a is None or b is None:
        return (f"place {(a or b).name} / none", False) if (a or b) else (None, False)
    if a.geonameid and a.geonameid == b.geonameid or a.name and (a.name, a.country) == (b.name, b.country):
        return f"place {a.name} = {b.name}", True
    for outer, inner in ((a, b), (b, a)):
        if outer.country == inner.country and (
            outer.feature == "country" or outer.feature == "admin1" and outer.admin1 and outer.admin1 == inner.admin1
        ):
            return f"place {outer.name} contains {inner.name}", False
    if None not in (a.lat, a.lon, b.lat, b.lon):
        km = _km(a.lat, a.lon, b.lat, b.lon)
        if km <= _MAX_KM:
            return f"places {a.name} ~ {b.name} ({km:.0f} km)", True
    return None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _date_reason(x: _Item, y: _Item) -> tuple[str | None, bool] | None:
    """(reason, both from date expressions) when the windows overlap or one is missing, else None."""
    a, b = x.window, y.window
    if a is None or b is None:
        w = a or b
        return (f"date {w[0]}..{w[1]} / undated", False) if w else (None, False)
    start, end = max(a[0], b[0]), min(a[1], b[1])
    return (f"dates overlap {start}..{end}", x.dated and y.dated) if start <= end else None


# ------------------------------------------------------------------ clustering
def _components(n: int, edges: list[tuple[int, int, list]]) -> list[tuple[list[int], list[tuple[int, str]]]]:
    """Connected components (members in canonical order) with the reasons of their spanning edges."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    reasons: dict[int, list[tuple[int, str]]] = {}
    for i, j, why in edges:
        ri, rj = find(i), find(j)
        if ri != rj:
            root, other = min(ri, rj), max(ri, rj)
            parent[other] = root
            reasons[root] = reasons.get(root, []) + reasons.pop(other, []) + why
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return [(members, reasons.get(root, [])) for root, members in groups.items()]


def _event(members: list[int], reasons: list[tuple[int, str]], items: list[_Item], documents: Mapping[str, DocInfo]) -> Event:
    group = [items[i] for i in members]
    ms = [it.m for it in group]
    docs = [documents[d] for d in dict.fromkeys(m.doc_id for m in ms) if d in documents]
    actor = _pick(ms, lambda m: m.actor.code).actor
    action = _pick(ms, lambda m: m.action.cameo).action
    with_target = [m for m in ms if m.target and m.target.code]
    target = _pick(with_target, lambda m: m.target.code).target if with_target else None
    place = _pick_place([it.place for it in group if it.place])
    start, end, granularity = _event_dates(ms)
    published = [d.published for d in docs if d.published]
    month = start or (min(published) if published else None)
    return Event(
        event_id=hashlib.sha256(f"event:{ms[0].mention_id}".encode()).hexdigest(),
        modality=group[0].mclass,
        actor_text=actor.text, actor_code=actor.code, actor_country=actor.country, actor_sector=actor.sector,
        cameo=action.cameo, cameo_root=action.root, quad_class=action.quad_class, goldstein=action.goldstein,
        plover=action.plover,
        target_text=target.text if target else None, target_code=target.code if target else None,
        target_country=target.country if target else None, target_sector=target.sector if target else None,
        location_name=place.name if place else None, location_country=place.country if place else None,
        location_admin1=place.admin1 if place else None, location_feature=place.feature if place else None,
        lat=place.lat if place else None, lon=place.lon if place else None,
        geonameid=place.geonameid if place else None,
        date_start=start, date_end=end, date_granularity=granularity,
        name_variants=sorted({it.name for it in group if it.name}),
        num_mentions=len(ms), num_documents=len({m.doc_id for m in ms}),
        num_sources=len({_source_key(d) for d in docs} | {m.doc_id for m in ms if m.doc_id not in documents}),
        first_seen=min((_seen(d) for d in docs if _seen(d)), default=None),
        mention_ids=[m.mention_id for m in ms],
        match_keys=sorted({k for it in group for k in it.keys}),
        merge_reason=_merge_reason(reasons),
        event_month=month.strftime("%Y-%m") if month else "unknown",
    )


def _pick(ms: list[EventMention], value):
    """The first mention (canonical order) carrying the most frequent value, ties to the longest."""
    counts = Counter(value(m) for m in ms if value(m))
    if not counts:
        return ms[0]
    best = max(counts, key=lambda v: (counts[v], len(v), -next(i for i, m in enumerate(ms) if value(m) == v)))
    return next(m for m in ms if value(m) == best)


def _pick_place(places: list[Place]) -> Place | None:
    if not places:
        return None
    key = lambda p: (p.geonameid, p.name, p.country)  # noqa: E731
    counts = Counter(key(p) for p in places)
    return max(places, key=lambda p: (counts[key(p)], _SPECIFIC.get(p.feature or "", 0)))


def _event_dates(ms: list[EventMention]) -> tuple[dt.date | None, dt.date | None, str | None]:
    """Intersection of the mentions' windows (explicit/relative first), else the tightest window."""
    dated = [m.date for m in ms if m.date.start]
    preferred = [d for d in dated if d.basis != "publication"] or dated
    if not preferred:
        return None, None, None
    start, end = max(d.start for d in preferred), min(d.end or d.start for d in preferred)
    if start > end:
        tight = min(preferred, key=lambda d: ((d.end or d.start) - d.start, d.start))
        return tight.start, tight.end or tight.start, tight.granularity
    within = [d for d in preferred if d.start <= start and end <= (d.end or d.start)]
    narrowest = min(within, key=lambda d: (d.end or d.start) - d.start)
    return start, end, "day" if start == end else narrowest.granularity


def _merge_reason(reasons: list[tuple[int, str]]) -> str:
    """The distinct reasons of the spanning links, grouped by field (actor, action, target, place, date)."""
    if not reasons:
        return "single mention"
    distinct = list(dict.fromkeys(text for _, text in sorted(reasons, key=lambda r: r[0])))
    more = len(distinct) - _MAX_REASONS
    return "; ".join(distinct[:_MAX_REASONS]) + (f"; (+{more} more)" if more > 0 else "")


def _source_key(doc: DocInfo) -> str:
    if doc.source and doc.source.strip():
        return doc.source.strip().lower()
    parts = urlsplit(doc.uri)
    if parts.scheme in ("http", "https") and parts.netloc:
        return parts.netloc.lower().removeprefix("www.")
    return doc.uri.replace("\\", "/").rsplit("/", 1)[-1]


def _seen(doc: DocInfo) -> dt.datetime | None:
    if doc.published:
        return dt.datetime.combine(doc.published, dt.time(), tzinfo=dt.timezone.utc)
    return doc.ingested_at
