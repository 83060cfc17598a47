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
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..schemas import Document, EventMention, Place
from ..schemas.events import Event
from .matching import Candidate, Reason, candidate, candidate_pairs, match

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
def consolidate(
    mentions: Sequence[EventMention], documents: Mapping[str, DocInfo], existing: Sequence[Event] = ()
) -> list[Event]:
    """All events over `mentions`, sorted by event_id; they replace the revised `existing` events.

    `existing`: stored events being revised; each one's mentions must be in `mentions` (see
    `touched_events`). A mention_id given twice counts once (the later record wins).
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
def _edges(items: list[Candidate]) -> list[tuple[int, int, list[Reason]]]:
    """Every matching pair (i < j in canonical order) with its reasons, sorted."""
    blocks: dict[str, list[int]] = {}
    for i, it in enumerate(items):
        for k in it.keys:
            blocks.setdefault(k, []).append(i)
    seen: set[tuple[int, int]] = set()
    edges = []
    for block in blocks.values():
        for i, j in candidate_pairs(block, items):
            pair = (min(i, j), max(i, j))
            if pair not in seen:
                seen.add(pair)
                reasons = match(items[pair[0]], items[pair[1]])
                if reasons is not None:
                    edges.append((*pair, reasons))
    return sorted(edges, key=lambda e: (e[0], e[1]))


def _clusters(items: list[Candidate], edges: list[tuple[int, int, list[Reason]]]) -> list[tuple[list[int], list[Reason]]]:
    """Events as (members in canonical order, reasons of the links that joined them).

    Windowed mentions (a date, or a dated document) link by single link. An undated mention joins
    the event of its earliest windowed match, so it never bridges two dated events; undated
    mentions without such a match link among themselves.
    """
    parent = list(range(len(items)))
    reasons: dict[int, list[Reason]] = {}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int, why: list[Reason]) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            root, other = min(ri, rj), max(ri, rj)
            parent[other] = root
            reasons.setdefault(root, []).extend(reasons.pop(other, []) + why)

    windowed = [bool(it.window) for it in items]
    anchor: dict[int, tuple[int, list[Reason]]] = {}
    for i, j, why in edges:
        if windowed[i] and windowed[j]:
            union(i, j, why)
        elif windowed[i] != windowed[j]:
            u, w = (j, i) if windowed[i] else (i, j)
            if u not in anchor or w < anchor[u][0]:
                anchor[u] = (w, why)
    for u, (w, why) in sorted(anchor.items()):
        union(w, u, why)
    for i, j, why in edges:
        if not (windowed[i] or windowed[j] or i in anchor or j in anchor):
            union(i, j, why)
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
        num_mentions=len(ms), num_documents=len(doc_ids),
        num_sources=len({_source_key(d) for d in docs} | {d for d in doc_ids if d not in documents}),
        first_seen=min(seen, default=None),
        mention_ids=[m.mention_id for m in ms],
        match_keys=sorted({k for it in group for k in it.keys}),
        merge_reason=_merge_reason(reasons),
        event_month=f"{month.year:04d}-{month.month:02d}" if month else "unknown",
    )


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
