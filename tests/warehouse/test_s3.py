"""An s3:// warehouse against a real S3-compatible server (moto's server mode on 127.0.0.1, random port)."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from eventpipe.flows.cli import app
from eventpipe.flows.settings import Settings
from eventpipe.warehouse.lock import WarehouseLocked, warehouse_lock
from eventpipe.warehouse.publish import MANIFEST, publish, refresh_views
from eventpipe.warehouse.query import connect_readonly
from eventpipe.warehouse.remote import S3Options
from eventpipe.warehouse.storage import ensure_writable, locate
from eventpipe.warehouse.writer import write_records

from ..conftest import ROOT, SEEDS
from ..schemas.test_arrow import _mention
from .test_compaction import _document

SECRET = f"test-secret-{uuid.uuid4().hex}"  # unique: found anywhere means it leaked from this session
KEY_ID = "eventpipe-test-key"


@pytest.fixture(scope="module")
def endpoint():
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def warehouse_uri():
    return f"s3://eventpipe-{uuid.uuid4().hex[:12]}/wh"


@pytest.fixture
def location(endpoint, warehouse_uri):
    location = locate(warehouse_uri, S3Options(endpoint_url=endpoint, access_key_id=KEY_ID, secret_access_key=SECRET))
    ensure_writable(location)  # creates the bucket
    return location


def _count(database: Path, location, table: str) -> int:
    with connect_readonly(database, location.fsspec) as con:
        return con.execute(f"select count(*) from {table}").fetchone()[0]


def test_s3_publish_views_read_parquet_on_s3(location, tmp_path):
    write_records(location, "documents", [_document("d1")], "part-d")
    write_records(location, "mentions", [_mention()], "part-d")
    database = publish(location, tmp_path / "wh.duckdb")
    assert _count(database, location, "documents") == 1
    assert _count(database, location, "mentions") == 1
    manifest = json.loads(location.fsspec.cat_file(location.path(MANIFEST)))
    assert manifest["tables"]["documents"] == [f"{location.uri}/documents/part-d.parquet"]


def test_s3_views_elsewhere_are_built_from_the_manifest_only(location, tmp_path):
    write_records(location, "documents", [_document("d1")], "part-1")
    publish(location, tmp_path / "writer.duckdb")
    write_records(location, "documents", [_document("d2")], "part-2")  # landed, not yet published
    reader = refresh_views(location, tmp_path / "reader.duckdb")
    assert _count(reader, location, "documents") == 1
    publish(location, tmp_path / "writer.duckdb")
    assert _count(refresh_views(location, reader), location, "documents") == 2


def test_s3_publish_is_atomic_readers_see_old_or_new(location, tmp_path):
    """A reader refreshing from the manifest while publishes replace it sees whole snapshots only."""
    published = {0}
    seen: list[int] = []
    errors: list[BaseException] = []
    done = threading.Event()

    def read_until_done() -> None:
        database = tmp_path / "reader.duckdb"
        while not done.is_set():
            try:
                if location.fsspec.exists(location.path(MANIFEST)):
                    seen.append(_count(refresh_views(location, database), location, "documents"))
            except BaseException as error:  # noqa: BLE001 - any failure of a reader is the finding
                errors.append(error)

    reader = threading.Thread(target=read_until_done)
    reader.start()
    try:
        for step in range(1, 5):
            # Two files per step: a reader that listed the folder itself could see one of them.
            write_records(location, "documents", [_document(f"a{step}")], f"part-a{step}")
            write_records(location, "documents", [_document(f"b{step}")], f"part-b{step}")
            publish(location, tmp_path / "writer.duckdb")
            published.add(2 * step)
    finally:
        done.set()
        reader.join()
    assert not errors
    assert seen and set(seen) <= published


def test_s3_lock_refuses_a_second_writer(location):
    with warehouse_lock(location, "run-1"):
        with pytest.raises(WarehouseLocked, match="run-1"):
            with warehouse_lock(location, "run-2"):
                pass
    with warehouse_lock(location, "run-3"):
        pass


def test_s3_secret_is_masked_in_settings_json_and_reprs(warehouse_uri):
    settings = Settings(warehouse=warehouse_uri, s3_access_key_id=KEY_ID, s3_secret_access_key=SECRET)
    assert settings.s3_options().secret_access_key == SECRET
    shown = [settings.as_json(), repr(settings), str(settings), repr(settings.s3_options()), repr(settings.location())]
    assert not [text for text in shown if SECRET in text]


def test_s3_masked_secret_in_flow_parameters_falls_back_to_the_environment(monkeypatch, warehouse_uri):
    monkeypatch.setenv("EVENTPIPE_S3_SECRET_ACCESS_KEY", SECRET)
    parameters = json.loads(Settings(warehouse=warehouse_uri).as_json())  # as a deployment stores them
    assert Settings.from_parameters(parameters).s3_options().secret_access_key == SECRET


def _eventpipe(args: list[str], env: dict, cwd: Path) -> subprocess.CompletedProcess:
    """The real CLI in its own process (`python -m eventpipe.flows`), as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "eventpipe.flows", *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=300
    )


@pytest.mark.slow
def test_s3_cli_run_on_dask_query_rerun_and_the_secret_never_shows(endpoint, warehouse_uri, tmp_path):
    """`eventpipe run` into s3:// on a local Dask cluster, then a rerun, then queries from a fresh machine's view."""
    env = {
        **os.environ, "EVENTPIPE_S3_ENDPOINT_URL": endpoint, "EVENTPIPE_S3_ACCESS_KEY_ID": KEY_ID,
        "EVENTPIPE_S3_SECRET_ACCESS_KEY": SECRET, "PREFECT_LOGGING_LEVEL": "INFO",
        "PREFECT_HOME": os.environ.get("PREFECT_HOME", str(ROOT / ".prefect")),
    }
    first = _eventpipe(["run", str(SEEDS), "--warehouse", warehouse_uri, "--dask-workers", "1", "--batch-size", "1", "--quiet"], env, tmp_path)
    assert first.returncode == 0, first.stderr[-3000:]
    second = _eventpipe(["run", str(SEEDS), "--warehouse", warehouse_uri, "--quiet"], env, tmp_path)
    assert second.returncode == 0, second.stderr[-3000:]

    runner = CliRunner()
    fresh = tmp_path / "elsewhere" / "views.duckdb"  # no local views yet: built from the manifest
    sql = "select (select count(*) from documents), (select count(*) from mentions), (select count(*) from runs), (select sum(new) from runs)"
    with pytest.MonkeyPatch.context() as patch:
        for name in ("EVENTPIPE_S3_ENDPOINT_URL", "EVENTPIPE_S3_ACCESS_KEY_ID", "EVENTPIPE_S3_SECRET_ACCESS_KEY"):
            patch.setenv(name, env[name])
        queried = runner.invoke(app, ["query", sql, "--warehouse", warehouse_uri, "--database", str(fresh), "--format", "csv"])
        checked = runner.invoke(app, ["check", "--warehouse", warehouse_uri])
    assert queried.exit_code == 0, queried.output
    documents, mentions, runs, new = (int(v) for v in queried.output.strip().splitlines()[-1].split(","))
    assert (documents, runs, new) == (2, 2, 2) and mentions >= 6  # the rerun added nothing
    assert checked.exit_code == 0 and f"{warehouse_uri} is reachable" in checked.output

    with connect_readonly(fresh) as con:
        con.register_filesystem(locate(warehouse_uri, S3Options(endpoint, KEY_ID, SECRET)).fsspec)
        settings_column = " ".join(row[0] for row in con.execute("select settings from runs").fetchall())
    # Prefect's home: the ephemeral server's database (flow parameters, task runs, logs) and stored results.
    prefect_files = {str(p): p.read_bytes().decode("latin-1") for p in Path(env["PREFECT_HOME"]).rglob("*") if p.is_file()}
    assert any(warehouse_uri in text for text in prefect_files.values())  # the flow parameters are in there
    outputs = {"run": first.stdout + first.stderr + second.stdout + second.stderr, "query": queried.output,
               "check": checked.output, "runs.settings": settings_column, **prefect_files}
    assert "**********" in settings_column
    assert [name for name, text in outputs.items() if SECRET in text] == []


def test_s3_issue_19_check_creates_no_bucket(endpoint, warehouse_uri, monkeypatch):
    monkeypatch.setenv("EVENTPIPE_S3_ENDPOINT_URL", endpoint)
    monkeypatch.setenv("EVENTPIPE_S3_ACCESS_KEY_ID", KEY_ID)
    monkeypatch.setenv("EVENTPIPE_S3_SECRET_ACCESS_KEY", SECRET)
    checked = CliRunner().invoke(app, ["check", "--warehouse", warehouse_uri])
    assert "does not exist yet" in " ".join(checked.output.split()), checked.output
    location = locate(warehouse_uri, S3Options(endpoint_url=endpoint, access_key_id=KEY_ID, secret_access_key=SECRET))
    assert not location.fsspec.exists(location.root.split("/", 1)[0])
