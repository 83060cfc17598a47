"""update_events over a real warehouse: chunked consolidation gives the events one pass would."""

import pytest

from eventpipe.schemas import Event, from_row
from eventpipe.warehouse.events_store import update_events
from eventpipe.warehouse.storage import locate
from eventpipe.warehouse.writer import read_rows, write_records

from .test_consolidate import _synthetic


def _events_after(tmp_path, name: str, chunk_documents: int, runs: int = 1) -> list[Event]:
    mentions, documents = _synthetic(400, seed=5)
    location = locate(tmp_path / name)
    step = -(-len(documents) // runs)
    for run in range(runs):  # documents arrive over `runs` runs, each consolidating what is new
        batch = documents[run * step:(run + 1) * step]
        ids = {d.doc_id for d in batch}
        write_records(location, "mentions", [m for m in mentions if m.doc_id in ids], f"m{run}")
        write_records(location, "documents", batch, f"d{run}")
        update_events(location, f"r{run}", chunk_documents=chunk_documents)
    return sorted((from_row(Event, r) for r in read_rows(location, "events")), key=lambda e: e.event_id)


@pytest.mark.parametrize("chunk_documents,runs", [(1, 1), (7, 1), (4, 3)])
def test_events_store_chunks_and_runs_give_the_events_of_one_pass(tmp_path, chunk_documents, runs):
    one_pass = _events_after(tmp_path, "one", chunk_documents=1000)
    assert any(e.num_mentions > 2 for e in one_pass)
    chunked = _events_after(tmp_path, "chunked", chunk_documents=chunk_documents, runs=runs)
    strip = lambda e: e.model_dump(exclude={"first_seen"})  # noqa: E731 - first_seen is the run's clock
    assert [strip(e) for e in chunked] == [strip(e) for e in one_pass]


def test_events_store_mentions_share_equal_strings(tmp_path):
    from eventpipe.warehouse.events_store import _mentions

    mentions, documents = _synthetic(40, seed=5)
    location = locate(tmp_path / "wh")
    write_records(location, "mentions", mentions, "m")
    read = _mentions(location, None)
    codes = [m.action.cameo for m in read]
    assert len(set(codes)) < len(codes)  # the synthetic mentions repeat codes
    assert len({id(c) for c in codes}) == len(set(codes))  # one object per distinct string


@pytest.mark.parametrize("kind", ["cases", "synthetic"])
def test_events_store_mention_views_carry_all_consolidation_reads(tmp_path, kind):
    from eventpipe.warehouse.consolidate import _candidate, consolidate
    from eventpipe.warehouse.events_store import _mentions

    from .test_consolidate import _dataset

    mentions, docs = _dataset(kind)
    location = locate(tmp_path / "wh")
    write_records(location, "mentions", mentions, "m")
    read = _mentions(location, None)
    assert len(read) == len(mentions) and all(m.confidence is None for m in read)  # only the columns consolidation reads
    assert [e.model_dump() for e in consolidate(read, docs)] == [e.model_dump() for e in consolidate(mentions, docs)]
    by_id = {m.mention_id: m for m in mentions}
    assert [_rule_view(_candidate(m, docs)) for m in read] == [_rule_view(_candidate(by_id[m.mention_id], docs)) for m in read]


def _rule_view(c) -> list:
    """What the rules see of a candidate: canonical order, keys, windows, anchors, its place's fields."""
    place = [getattr(c.place, f) for f in ("text", "name", "country", "admin1", "feature", "lat", "lon", "geonameid")] if c.place else None
    return [place, *(getattr(c, f) for f in c.__slots__ if f not in ("m", "place"))]
