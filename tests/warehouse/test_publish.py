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
from eventpipe.warehouse.writer import live_files, write_records

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
