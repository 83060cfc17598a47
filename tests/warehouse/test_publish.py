"""The published DuckDB file: any current DuckDB opens it, the folder moves whole, the manifest lists the live files."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from eventpipe.schemas import TABLES
from eventpipe.warehouse.publish import MANIFEST, analysis_views, publish
from eventpipe.warehouse.query import connect_readonly
from eventpipe.warehouse.storage import locate
from eventpipe.warehouse.writer import finish_replacements, live_files, read_rows, remove_rows, write_records

from .test_views import build_views_warehouse

VIEWS = [*TABLES, *(name for name, _ in analysis_views())]
DUCKDB_CLI = Path(sys.executable).parent / "duckdb"  # PyPI duckdb-cli (requirements-dev.in): an older DuckDB


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """(warehouse folder, database) of a small warehouse with every table."""
    root = tmp_path_factory.mktemp("publish") / "warehouse"
    database = build_views_warehouse(root / "data", root / "events.duckdb")
    return root, database


def _cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(DUCKDB_CLI), *args], cwd=cwd, capture_output=True, text=True, timeout=60)


@pytest.mark.skipif(not DUCKDB_CLI.exists(), reason="the duckdb-cli wheel is not installed (make install-dev)")
def test_publish_issue_19_an_older_duckdb_cli_opens_the_file_and_queries_every_view(published, tmp_path):
    root, database = published
    version = _cli(["--version"], tmp_path).stdout
    assert not version.startswith("v2."), version  # the point: a client older than the writer
    sql = "; ".join(f"select '{view}', count(*) from {view}" for view in VIEWS)
    in_folder = _cli(["-readonly", "-csv", "-noheader", database.name, "-c", sql], cwd=root)
    assert in_folder.returncode == 0, in_folder.stderr
    counts = dict(line.split(",") for line in in_folder.stdout.split())
    assert set(counts) == set(VIEWS) and int(counts["events"]) > 0 and int(counts["daily_dyad_counts"]) > 0
    elsewhere = _cli(["-readonly", "-csv", "-noheader", "-cmd", f"SET file_search_path = '{root}'", str(database), "-c", sql], cwd=tmp_path)
    assert elsewhere.returncode == 0 and dict(line.split(",") for line in elsewhere.stdout.split()) == counts, elsewhere.stderr


def test_publish_issue_19_a_copied_warehouse_folder_reads_its_own_files(published, tmp_path):
    root, database = published
    with connect_readonly(database) as con:
        before = {view: con.execute(f"select count(*) from {view}").fetchone()[0] for view in VIEWS}
    copy = shutil.copytree(root, tmp_path / "moved" / "wh")
    for events_file in (copy / "data" / "events").rglob("*.parquet"):
        events_file.unlink()  # proves the copy reads its own files, not the original's
    with connect_readonly(copy / "events.duckdb") as con:
        assert con.execute("select count(*) from documents").fetchone()[0] == before["documents"]
        with pytest.raises(Exception, match="No files found"):
            con.execute("select count(*) from events").fetchone()
    shutil.rmtree(copy / "data" / "events")
    shutil.copytree(root / "data" / "events", copy / "data" / "events")
    with connect_readonly(copy / "events.duckdb") as con:
        assert {view: con.execute(f"select count(*) from {view}").fetchone()[0] for view in VIEWS} == before


def test_publish_issue_19_a_local_warehouse_has_the_manifest_of_live_files(tmp_path):
    location = locate(tmp_path / "wh")
    from .test_compaction import _document

    write_records(location, "documents", [_document("d1"), _document("d2")], "part-a")
    publish(location, tmp_path / "wh" / "events.duckdb")
    manifest = json.loads((tmp_path / "wh" / MANIFEST).read_text())
    assert set(manifest["tables"]) == set(TABLES)
    assert manifest["tables"]["documents"] == ["documents/part-a.parquet"]  # relative to the manifest's folder
    assert [str(tmp_path / "wh" / p) for p in manifest["tables"]["documents"]] == live_files(location, "documents")


def _readme_examples() -> list[str]:
    from eventpipe.flows.docs import README

    text = README.read_text()
    section = text[text.index("### Reading the files without eventpipe"):]
    section = section[:section.index("\n## ")]
    return [block.split("```", 1)[0] for block in section.split("```python\n")[1:]]


def test_publish_issue_19_readme_direct_reader_examples_match_the_views(tmp_path, monkeypatch):
    pytest.importorskip("pandas")
    pytest.importorskip("polars")
    database = build_views_warehouse(tmp_path / "warehouse" / "data", tmp_path / "warehouse" / "events.duckdb")
    location = locate(tmp_path / "warehouse" / "data")
    dropped = sorted(r["event_id"] for r in read_rows(location, "events", ["event_id"]))[:3]
    assert remove_rows(location, "events", "event_id", dropped) == 3  # superseded files, as a run revising events leaves
    publish(location, database)
    finish_replacements(location, keep_seconds=600)
    monkeypatch.chdir(tmp_path)
    examples = _readme_examples()
    assert len(examples) == 3  # pandas, polars, DuckDB
    found: dict = {}
    for code in examples:
        exec(compile(code, "README.md", "exec"), found)
    with connect_readonly(database) as con:
        count = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in ("events", "mentions", "documents")}
        daily = con.execute("select date_start, count(*) from events where not historical group by date_start order by date_start").fetchall()
    assert (len(found["events"]), len(found["mentions"]), len(found["documents"])) == (count["events"], count["mentions"], count["documents"])
    assert found["events_pl"].height == count["events"] and "event_month" in found["events_pl"].columns
    assert found["daily"] == daily
