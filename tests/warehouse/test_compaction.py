import json
from pathlib import Path

import pytest

from eventpipe.warehouse.compaction import compact
from eventpipe.warehouse.storage import locate
from eventpipe.warehouse.writer import REPLACEMENTS, finish_replacements, read_column, replaced_files, write_records

import datetime as dt

from eventpipe.schemas import Document

from ..schemas.test_arrow import _mention


def _document(doc_id):
    return Document(doc_id=doc_id, uri="x", text="t", n_chars=1, ingested_at=dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc), run_id="r")


@pytest.fixture
def location(tmp_path):
    location = locate(tmp_path / "wh")
    write_records(location, "documents", [_document("d1")], "part-d")
    for i in range(6):
        write_records(location, "mentions", [_mention(mention_id=f"m{i}")], f"part-{i}")
    return location


def _files(location):
    return sorted(p.name for p in Path(location.root, "mentions").rglob("*.parquet"))


def test_compaction_merges_a_partition_past_the_bound(location):
    assert compact(location, ["mentions"], max_files=4) == 1
    assert len(replaced_files(location)) == 6  # kept until published
    finish_replacements(location)
    assert len(_files(location)) == 1 and _files(location)[0].startswith("compact-")
    assert read_column(location, "mentions", "mention_id") == {f"m{i}" for i in range(6)}


def test_compaction_drops_mentions_of_uncommitted_documents(location):
    write_records(location, "mentions", [_mention(mention_id="orphan", doc_id="never-committed")], "part-x")
    compact(location, ["mentions"], max_files=4)
    finish_replacements(location)
    assert "orphan" not in read_column(location, "mentions", "mention_id")


def test_compaction_leaves_small_partitions_alone(location):
    assert compact(location, ["mentions"], max_files=10) == 0
    assert len(_files(location)) == 6


def test_compaction_replaced_files_stay_on_disk_but_out_of_reads_until_finished(location):
    compact(location, ["mentions"], max_files=4)
    assert len(_files(location)) == 7  # the merged file and the six it replaces, until the next publish
    assert read_column(location, "mentions", "mention_id") == {f"m{i}" for i in range(6)}  # no duplicates meanwhile


@pytest.mark.parametrize("merged_landed", [True, False])
def test_compaction_recovers_from_a_crash_between_entry_and_delete(location, merged_landed):
    files = sorted(str(p) for p in Path(location.root, "mentions").rglob("*.parquet"))
    merged = str(Path(files[0]).parent / "compact-x.parquet")
    if merged_landed:
        Path(merged).write_bytes(Path(files[0]).read_bytes())
    entries = Path(location.root, REPLACEMENTS)
    entries.mkdir()
    (entries / "x.json").write_text(json.dumps({"new": merged, "old": files[:1]}))
    assert read_column(location, "mentions", "mention_id") == {f"m{i}" for i in range(6)}  # old or new, never both
    finish_replacements(location)
    assert list(entries.iterdir()) == []
    assert (Path(files[0]).exists()) is (not merged_landed)
    assert read_column(location, "mentions", "mention_id") == {f"m{i}" for i in range(6)}
