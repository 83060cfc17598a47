"""Keep the `events` table up to date incrementally: consolidate the mentions no event holds yet.

Each run revises only the stored events that new mentions can join (they share a match key);
the replacement is journalled, so a run killed half way is finished (or rolled back) by the next.
Mentions whose consolidation never finished are still "not in any event" and are picked up again.
Reads here are single-threaded (`use_threads=False`): consolidation is the run's largest process,
and each Arrow reader thread keeps what it freed in its own malloc arena. They also go file after
file (`writer.iter_rows`): a dataset over all of a table's files holds every file's footer while it is read,
about 200 KB each, which at 10,000 documents (2,500 mention files before compaction) was 550 MB.
At 10,000 documents of the repeated bench corpus (65k mentions, the last chunk revising nearly all
of them) consolidation alone now peaks at 530 MiB RSS, 1,050 MiB before.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from ..extraction.heap import trim_heap
from ..schemas import EventMention, view_from_row
from ..schemas.events import Event
from .consolidate import DocInfo, consolidate, touched_events
from .storage import Location
from .writer import is_file, iter_rows, read_journal, remove_rows, write_journal, write_records

JOURNAL = "_events_journal.json"


def _documents(location: Location) -> dict[str, DocInfo]:
    rows = iter_rows(location, "documents", ["doc_id", "source", "uri", "published", "ingested_at"])
    return {r["doc_id"]: DocInfo(r["doc_id"], r["source"], r["uri"], r["published"], r["ingested_at"]) for r in rows}


# The mention columns consolidation reads (warehouse/consolidate.py, matching.py); the rest stay None in the views.
CONSOLIDATION_COLUMNS = [
    "mention_id", "doc_id", "sentence_index", "sentence", "modality",
    "actor_text", "actor_code", "actor_country", "actor_sector",
    "cameo", "cameo_root", "quad_class", "goldstein", "plover", "action_span_start", "action_span_end",
    "target_text", "target_code", "target_country", "target_sector",
    "location_text", "location_name", "location_country", "location_admin1", "location_feature", "lat", "lon", "geonameid",
    "date_start", "date_end", "date_granularity", "date_basis",
]


def _mentions(location: Location, where, strings: dict | None = None) -> list[EventMention]:
    """Stored mentions as read-only views of the columns consolidation reads (it only reads them; a
    run revising big events re-reads tens of thousands).

    Equal strings and dates (codes, names, places, a sentence that syndicated copies repeat) share
    one object through `strings`: Arrow hands back a new object per row, which at 50k mentions was
    most of the parent's memory.
    """
    strings = {} if strings is None else strings
    rows = iter_rows(location, "mentions", CONSOLIDATION_COLUMNS, where)
    return [view_from_row(EventMention, _interned(row, strings)) for row in rows]


def _interned(row: dict, strings: dict) -> dict:
    return {k: strings.setdefault(v, v) if isinstance(v, (str, dt.date)) else v for k, v in row.items()}


def recover_events(location: Location) -> None:
    """Finish a journalled replacement whose new files all landed; otherwise undo it."""
    entry = read_journal(location, JOURNAL)
    if entry is None:
        return
    if all(is_file(location, p) for p in entry["written"]):
        remove_rows(location, "events", "event_id", entry["superseded"], keep_files=entry["written"])
    else:
        for path in entry["written"]:
            if is_file(location, path):
                location.fs.delete_file(path)
    location.fs.delete_file(location.path(JOURNAL))


def _planned_paths(location: Location, events: list[Event], stem: str) -> list[str]:
    months = sorted({e.event_month for e in events})
    return [location.path("events", f"event_month={m}", f"{stem}.parquet") for m in months]


CHUNK_DOCUMENTS = 1000  # documents whose new mentions are consolidated together: bounds memory on big runs


def update_events(location: Location, run_id: str, chunk_documents: int = CHUNK_DOCUMENTS) -> int:
    """Merge every committed mention that no event holds yet into the events table; returns events written.

    New mentions are taken `chunk_documents` documents at a time, and a stored event is read in full
    only when a new mention can join it, so memory stays bounded however big the run. Consolidating
    chunk after chunk gives the events one pass would (incremental equals full: see the tests).
    """
    recover_events(location)
    documents = _documents(location)
    if not documents:
        return 0
    held = {mid for row in iter_rows(location, "events", ["mention_ids"]) for mid in row["mention_ids"]}
    committed = pc.is_in(ds.field("doc_id"), value_set=pa.array(sorted(documents), pa.string()))
    pending = sorted({row["doc_id"] for row in iter_rows(location, "mentions", ["doc_id", "mention_id"], committed) if row["mention_id"] not in held})
    written = 0
    for number, start in enumerate(range(0, len(pending), chunk_documents)):
        chunk = pa.array(pending[start:start + chunk_documents], pa.string())
        strings: dict = {}  # one chunk's strings and dates: dropped with its mentions
        fresh = [m for m in _mentions(location, pc.is_in(ds.field("doc_id"), value_set=chunk), strings) if m.mention_id not in held]
        written += _merge(location, documents, fresh, f"run-{run_id}" + (f"-{number}" if number else ""), strings)
        del fresh, strings
        trim_heap()  # each chunk parses every Parquet footer again: keep what it freed from piling up
    return written


class _StoredKeys(NamedTuple):
    """A stored event as `touched_events` reads it: its id and match keys only."""

    event_id: str
    match_keys: list[str]


class _StoredMentions(NamedTuple):
    """A stored event as its revision reads it: its id and mention ids only (consolidation makes the rest again)."""

    event_id: str
    mention_ids: list[str]


def _touched(location: Location, fresh: list[EventMention], documents: dict[str, DocInfo]) -> list[_StoredMentions]:
    """The stored events `fresh` can join (`touched_events`), by id and mention ids."""
    stored = [_StoredKeys(r["event_id"], r["match_keys"] or []) for r in iter_rows(location, "events", ["event_id", "match_keys"])]
    ids = sorted(e.event_id for e in touched_events(fresh, stored, documents))
    where = pc.is_in(ds.field("event_id"), value_set=pa.array(ids, pa.string()))
    return [_StoredMentions(r["event_id"], r["mention_ids"]) for r in iter_rows(location, "events", ["event_id", "mention_ids"], where)] if ids else []


def _merge(location: Location, documents: dict[str, DocInfo], fresh: list[EventMention], stem: str,
           strings: dict | None = None) -> int:
    """Consolidate `fresh` with the stored events they can join; write the result (journalled)."""
    if not fresh:
        return 0
    touched = _touched(location, fresh, documents)
    old_ids = {mid for e in touched for mid in e.mention_ids}
    old = _mentions(location, pc.is_in(ds.field("mention_id"), value_set=pa.array(sorted(old_ids), pa.string())), strings) if old_ids else []
    present = {m.mention_id for m in old}
    # A reprocessed document may have dropped some of an event's mentions: revise without them.
    existing = [e._replace(mention_ids=[i for i in e.mention_ids if i in present]) for e in touched]
    existing = [e for e in existing if e.mention_ids]
    events = consolidate([*old, *fresh], documents, existing=existing)
    written = _planned_paths(location, events, stem)
    write_journal(location, JOURNAL, {"written": written, "superseded": sorted(e.event_id for e in touched)})
    write_records(location, "events", events, stem)
    recover_events(location)
    return len(events)
