import datetime as dt
from pathlib import Path

import duckdb
import pytest

from eventpipe.schemas import Reject
from eventpipe.warehouse.publish import publish
from eventpipe.warehouse.storage import locate
from eventpipe.warehouse.writer import batch_key, clear_staging, read_column, write_records

from ..schemas.test_arrow import _mention
from .test_compaction import _document
from eventpipe.warehouse.query import connect_readonly


def _reject(uri: str) -> Reject:
    return Reject(reject_id=uri, uri=uri, stage="read", reason="empty", detail=f"{uri}: empty", run_id="r", at=dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc))


@pytest.fixture
def location(tmp_path):
    return locate(tmp_path / "wh")


def test_writer_partitions_by_event_month_and_reads_back(location):
    mentions = [_mention(), _mention(mention_id="m2", event_month="unknown")]
    paths = write_records(location, "mentions", mentions, "part-a")
    assert sorted(p.split("/")[-2] for p in paths) == ["event_month=2014-01", "event_month=unknown"]
    assert read_column(location, "mentions", "mention_id") == {"m1", "m2"}


def test_writer_same_batch_twice_overwrites(location):
    write_records(location, "rejects", [_reject("a")], batch_key(["a"]))
    write_records(location, "rejects", [_reject("a")], batch_key(["a"]))
    database = publish(location, Path(location.root) / "events.duckdb")
    with connect_readonly(database) as con:
        assert con.execute("select count(*) from rejects").fetchone() == (1,)
    assert not list((Path(location.root) / "_staging").glob("*"))
    clear_staging(location)
    assert not (Path(location.root) / "_staging").exists()


def test_publish_empty_warehouse_gives_typed_empty_views(location, tmp_path):
    location.fs.create_dir(location.root)
    database = publish(location, tmp_path / "x.duckdb")
    with connect_readonly(database) as con:
        assert con.execute("select count(*) from mentions").fetchone() == (0,)
        types = dict(con.execute("select column_name, data_type from information_schema.columns where table_name = 'mentions'").fetchall())
    assert types["date_start"] == "DATE" and types["confidence"] == "DOUBLE" and types["event_month"] == "VARCHAR"


def test_publish_views_work_from_another_directory(location, tmp_path, monkeypatch):
    write_records(location, "mentions", [_mention()], "part-a")
    write_records(location, "documents", [_document("d1")], "part-a")
    database = publish(location, tmp_path / "x.duckdb")
    monkeypatch.chdir("/")
    with connect_readonly(database) as con:
        assert con.execute("select cameo_root, event_month from mentions").fetchall() == [("03", "2014-01")]


def test_publish_hides_mentions_of_uncommitted_documents(location, tmp_path):
    write_records(location, "mentions", [_mention(), _mention(mention_id="orphan", doc_id="d-uncommitted")], "part-a")
    write_records(location, "documents", [_document("d1")], "part-a")
    with connect_readonly(publish(location, tmp_path / "x.duckdb")) as con:
        assert con.execute("select mention_id from mentions").fetchall() == [("m1",)]


def test_publish_replaces_the_file_while_a_reader_holds_it(location, tmp_path):
    database = tmp_path / "x.duckdb"
    write_records(location, "documents", [_document("d1")], "part-a")
    write_records(location, "mentions", [_mention()], "part-a")
    publish(location, database)
    reader = connect_readonly(database)
    write_records(location, "mentions", [_mention(mention_id="m2")], "part-b")
    publish(location, database)
    assert reader.execute("select count(*) from mentions").fetchone()[0] >= 1
    reader.close()
    with connect_readonly(database) as con:
        assert con.execute("select count(*) from mentions").fetchone() == (2,)


def test_iter_rows_streams_the_rows_read_rows_returns(location):
    import pyarrow.dataset as ds

    from eventpipe.warehouse.writer import iter_rows, read_rows

    write_records(location, "mentions", [_mention(), _mention(mention_id="m2", event_month="unknown")], "part-a")
    assert sorted(iter_rows(location, "mentions"), key=lambda r: r["mention_id"]) == sorted(read_rows(location, "mentions"), key=lambda r: r["mention_id"])
    assert [r["mention_id"] for r in iter_rows(location, "mentions", ["mention_id"], ds.field("mention_id") == "m2")] == ["m2"]
    assert list(iter_rows(location, "rejects")) == []


def test_writer_issue_19_superseded_files_leave_the_table_folder_at_the_publish(location, tmp_path):
    import pyarrow.dataset as ds

    from eventpipe.warehouse.compaction import compact
    from eventpipe.warehouse.writer import ASIDE, finish_replacements

    write_records(location, "documents", [_document("d1")], "part-d")
    for i in range(3):
        write_records(location, "mentions", [_mention(mention_id=f"m{i}")], f"part-{i}")
    compact(location, ["mentions"], max_files=2)
    publish(location, tmp_path / "x.duckdb")
    finish_replacements(location, keep_seconds=600)  # kept a while, but no longer among the live files
    table_folder = Path(location.root, "mentions")
    assert [p.name.split("-")[0] for p in table_folder.rglob("*.parquet")] == ["compact"]
    assert len(list(Path(location.root, ASIDE).rglob("*.parquet"))) == 3
    direct = ds.dataset(table_folder, format="parquet", partitioning="hive").to_table()  # a reader without eventpipe
    assert sorted(direct.column("mention_id").to_pylist()) == ["m0", "m1", "m2"]
    finish_replacements(location, keep_seconds=0)
    assert not list(Path(location.root, ASIDE).rglob("*.parquet"))
