"""Cross-document consolidation: the mentions of one real-world event become one `Event` row.

Two mentions report the same event when all of these hold (warehouse/matching.py):
1. Modality: asserted, reported and intended mentions form one class; negated and hypothetical
   mentions each form their own, and classes never merge.
2. Actor: two proper names must be one person (`ActorDictionary.same_person`: "Mohammad Hejazi" ~
   "Mohamed Hijazi"; this wins over differing codes, since a surname-only dictionary lookup often
   picks a namesake); a name never merges with a plural group ("officials" are not al-Maliki);
   otherwise the same actor code, or the same country with one sector missing (IRN ~ IRNMIL).
3. Action: the same CAMEO root, or the same PLOVER type (175 ~ 18x: ASSAULT), or the offer/provide
   aid family 030/033x ~ 07x: reports of one offer differ only in tense ("offered help" 030, "is
   ready to provide equipment" 0332/072).
4. Target: the same code, or the same country with one sector missing, or both missing; one
   missing only when place or date agree positively (rule 7).
5. Place: the same geonameid or name, or one contains the other (country, admin1), or at most
   50 km apart in the same country, or either missing (a region without country counts as missing).
6. Date: the windows overlap; a publication-based date stands for the 3 days up to it; a
   mention of an undated document without a date expression matches any date.
7. Besides actor and action, one field agrees positively: both targets given and equal, the same
   place (not mere containment), or overlapping dates that both come from date expressions.
8. One sentence: mentions of the same sentence with the same modality class, actor, action and
   compatible targets are one event whatever their places ("rallies in A, B and C" is one rally
   report listing places), and `num_mentions` counts distinct (doc_id, sentence_index): a
   sentence is never counted twice.
Events are the connected components of this relation among mentions that have a date window;
an undated mention joins the event of its earliest matching dated mention (so it never bridges two
dated events), and undated mentions without one link among themselves. Ids, order and reasons
depend only on the set of mentions: canonical order is (publication date, doc_id, sentence, trigger).

Limits: single link chains through missing fields (A at Tehran ~ B without place ~ C in Anbar is
one event); no text similarity is used, so two distinct same-day events with the same dyad,
family and place merge; upstream coding errors (wrong root or target) keep true duplicates apart;
intent (03) and delivery (07) of aid on overlapping dates merge even when they are two steps.
name_variants adds full names that two documents spell differently for one person in the event's
sentences (the official both reports quote), which can pick a bystander named in both.

Incremental runs: `touched_events` picks the stored events sharing a match key with the new
mentions; `consolidate(their stored mentions + new ones, documents, existing=those events)` gives
their replacements, equal to a full rebuild (new mentions only add links; tested by batch order).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from array import array
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

from ..schemas import Document, EventMention, Place
from ..schemas.records import is_historical
from ..schemas.events import Event
from .matching import Candidate, Reason, candidate, candidate_pairs, display_name, match, reported_names, same_person

_MAX_REASONS = 12
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


# ------------------------------------------------------------------ public API
class Revised(Protocol):
    """What `consolidate` reads of a stored event it revises: its mention ids."""

    @property
    def mention_ids(self) -> list[str]: ...


def consolidate(
    mentions: Sequence[EventMention], documents: Mapping[str, DocInfo], existing: Sequence[Revised] = ()
) -> list[Event]:
    """All events over `mentions`, sorted by event_id; they replace the revised `existing` events.

    `existing`: stored events being revised (`Event`s, or only their mention ids); each one's
    mentions must be in `mentions` (see `touched_events`). A mention_id given twice counts once
    (the later record wins).
    """
    unique = {m.mention_id: m for m in mentions}
    missing = sorted({mid for e in existing for mid in e.mention_ids} - unique.keys())
    if missing:
        raise ValueError(f"{len(missing)} mentions of existing events were not passed, e.g. {missing[0]}: "
                         "pass the stored mentions of every event in `existing`")
    items = sorted((_candidate(m, documents) for m in unique.values()), key=lambda c: c.key)
    groups = _clusters(items, _edges(items))
    return sorted((_event(g, reasons, items, documents) for g, reasons in groups), key=lambda e: e.event_id)


def match_keys(mentions: Sequence[EventMention], documents: Mapping[str, DocInfo]) -> set[str]:
    """The blocking keys of `mentions`: two mentions can merge only if they share one."""
    return {k for m in mentions for k in _candidate(m, documents).keys}


def touched_events(
    mentions: Sequence[EventMention], events: Sequence[Event], documents: Mapping[str, DocInfo]
) -> list[Event]:
    """The stored `events` that new `mentions` may join (they share a match key): revise these."""
    keys = match_keys(mentions, documents)
    return [e for e in events if keys.intersection(e.match_keys)]


def _candidate(m: EventMention, documents: Mapping[str, DocInfo]) -> Candidate:
    doc = documents.get(m.doc_id)
    return candidate(m, doc.published if doc else None)


# ------------------------------------------------------------------ clustering
def _edges(items: list[Candidate]) -> list[array | None]:
    """Every matching pair (i < j in canonical order), as j in the array of i (None: no pair).

    A pair sharing several blocking keys is tried once, in the block of the first key they share.
    Reasons are not kept (a big run has millions of matching pairs): `match` gives them again for
    the few pairs that join two clusters. An array of machine integers takes 8 bytes a pair, where
    a list of packed Python ints took about 40, twice over while sorting.
    """
    blocks: dict[str, list[int]] = {}
    for i, it in enumerate(items):
        for k in it.keys:
            blocks.setdefault(k, []).append(i)
    after: list[array | None] = [None] * len(items)
    for key, block in blocks.items():
        for i, j in candidate_pairs(block, items):
            i, j = min(i, j), max(i, j)
            if _first_shared_key(items[i], items[j]) == key and match(items[i], items[j]) is not None:
                if after[i] is None:
                    after[i] = array("q")
                after[i].append(j)
    return after


def _in_order(edges: list[array | None]) -> Iterator[tuple[int, int]]:
    """The pairs of `_edges` sorted by (i, j), each once (an undated pair may come twice)."""
    for i, later in enumerate(edges):
        if later is not None:
            for j in sorted(set(later)):
                yield i, j


def _first_shared_key(a: Candidate, b: Candidate) -> str:
    return next(k for k in a.keys if k in b.keys)  # keys are sorted


def _clusters(items: list[Candidate], edges: list[array | None]) -> list[tuple[list[int], list[Reason]]]:
    """Events as (members in canonical order, reasons of the links that joined them).

    Windowed mentions (a date, or a dated document) link by single link. An undated mention joins
    the event of its earliest windowed match, so it never bridges two dated events; undated
    mentions without such a match link among themselves. `edges` come from `_edges`.
    """
    n = len(items)
    parent = list(range(n))
    reasons: dict[int, list[Reason]] = {}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            root, other = min(ri, rj), max(ri, rj)
            parent[other] = root
            why = match(items[min(i, j)], items[max(i, j)]) or []
            reasons.setdefault(root, []).extend(reasons.pop(other, []) + why)

    windowed = [bool(it.window) for it in items]
    anchor: dict[int, int] = {}
    for i, j in _in_order(edges):
        if windowed[i] and windowed[j]:
            union(i, j)
        elif windowed[i] != windowed[j]:
            u, w = (j, i) if windowed[i] else (i, j)
            if u not in anchor or w < anchor[u]:
                anchor[u] = w
    for u, w in sorted(anchor.items()):
        union(w, u)
    for i, j in _in_order(edges):
        if not (windowed[i] or windowed[j] or i in anchor or j in anchor):
            union(i, j)
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(find(i), []).append(i)
    return [(members, reasons.get(root, [])) for root, members in groups.items()]


def _event(members: list[int], reasons: list[Reason], items: list[Candidate], documents: Mapping[str, DocInfo]) -> Event:
    group = [items[i] for i in members]
    ms = [it.m for it in group]
    doc_ids = list(dict.fromkeys(m.doc_id for m in ms))
    docs = [documents[d] for d in doc_ids if d in documents]
    actor = _pick(ms, lambda m: m.actor.code).actor
    action = _pick(ms, lambda m: m.action.cameo).action
    with_target = [m for m in ms if m.target and m.target.code]
    target = _pick(with_target, lambda m: m.target.code).target if with_target else None
    place = _pick_place([it.place for it in group if it.place])
    seen = [t for t in map(_seen, docs) if t]
    names, quoted = _name_variants(group, len(doc_ids))
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
        name_variants=names,
        num_mentions=len({(m.doc_id, m.sentence_index) for m in ms}), num_documents=len(doc_ids),
        num_sources=len({_source_key(d) for d in docs} | {d for d in doc_ids if d not in documents}),
        first_seen=min(seen, default=None),
        mention_ids=[m.mention_id for m in ms],
        match_keys=sorted({k for it in group for k in it.keys}) if len(group) > 1 else list(group[0].keys),
        merge_reason=_merge_reason(reasons + [(0, f"quoted names {a}~{b}") for a, b in quoted]),
        event_month=f"{month.year:04d}-{month.month:02d}" if month else "unknown",
        historical=is_historical(end or start, min(published, default=None)),
    )


def _name_variants(group: list[Candidate], n_docs: int) -> tuple[list[str], list[tuple[str, str]]]:
    """Names of the source actor, plus full names that two documents of the event spell differently
    for one person (the official both reports quote: 'Mohammad Hejazi' / 'Mohamed Hijazi'), and those pairs."""
    names = {display_name(c.name) for c in group if c.name}
    pairs: list[tuple[str, str]] = []
    if n_docs < 2:
        return sorted(names), pairs
    places = {p.lower() for c in group if c.m.location for p in (c.m.location.text, c.m.location.name) if p}
    written = {(c.m.doc_id, n) for c in {c.m.sentence: c for c in group}.values() for n in reported_names(c.m.sentence)}
    written = sorted((d, n) for d, n in written if n.lower() not in places)
    for k, (doc_a, a) in enumerate(written):
        for doc_b, b in written[k + 1:]:
            if doc_a != doc_b and a.lower() != b.lower() and same_person(a, b):
                names.update((a, b))
                pairs.append((a, b))
    return sorted(names), pairs


def _pick(ms: list[EventMention], value):
    """The first mention (canonical order) carrying the most frequent value, ties to the longest value."""
    if len(ms) == 1:
        return ms[0]
    counts: Counter = Counter()
    first: dict = {}
    for m in ms:
        v = value(m)
        if v:
            counts[v] += 1
            first.setdefault(v, m)
    if not counts:
        return ms[0]
    return first[max(counts, key=lambda v: (counts[v], len(v)))]  # max keeps the first of equals


def _pick_place(places: list[Place]) -> Place | None:
    if len(places) < 2:
        return places[0] if places else None
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


def _merge_reason(reasons: list[Reason]) -> str:
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
