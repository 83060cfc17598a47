"""Failures that must not lose or duplicate anything: a held lock, a stale lock, a batch that keeps failing."""

from __future__ import annotations

import json

import duckdb
import pytest
from typer.testing import CliRunner

from eventpipe.flows.cli import app
from eventpipe.warehouse.lock import LOCK_NAME, warehouse_lock
from eventpipe.warehouse.storage import locate

from ..conftest import SEEDS

pytestmark = pytest.mark.slow
runner = CliRunner()


def _run(warehouse, *extra):
    return runner.invoke(app, ["run", str(SEEDS), "--warehouse", str(warehouse), "--quiet", *extra])


def test_reliability_second_run_refuses_while_the_lock_is_held(tmp_path):
    location = locate(tmp_path / "wh")
    location.fs.create_dir(location.root)
    with warehouse_lock(location, "other-run"):
        result = _run(tmp_path / "wh")
    assert result.exit_code == 1
    assert "locked by run other-run" in result.output
    assert not (tmp_path / "wh" / "documents").exists()


def test_reliability_stale_lock_of_a_dead_process_is_taken_over(tmp_path):
    (tmp_path / "wh").mkdir()
    holder = {"host": __import__("socket").gethostname(), "pid": 2**22 + 12345, "run_id": "dead", "since": 9e18}
    (tmp_path / "wh" / LOCK_NAME).write_text(json.dumps(holder))
    result = _run(tmp_path / "wh")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "wh" / LOCK_NAME).exists()


def test_reliability_failing_batch_becomes_rejects_and_the_run_publishes(tmp_path, monkeypatch):
    import eventpipe.flows.pipeline as pipeline_module

    calls = []

    def broken(*args, **kwargs):
        calls.append(1)
        raise RuntimeError("simulated crash inside the batch")

    monkeypatch.setattr(pipeline_module, "extract_batch", broken)
    result = _run(tmp_path / "wh")
    assert result.exit_code == 0, result.output
    assert len(calls) == 2  # one retry
    with duckdb.connect(str(tmp_path / "wh" / "events.duckdb"), read_only=True) as con:
        rows = con.execute("select reason, detail from rejects order by uri").fetchall()
        assert con.execute("select inputs, rejects from runs").fetchall() == [(2, 2)]
    assert [r for r, _ in rows] == ["task_failed", "task_failed"]
    assert all("simulated crash" in d for _, d in rows)


def test_reliability_unwritable_warehouse_stops_before_any_work(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the warehouse should be")
    result = _run(blocker / "wh")
    assert result.exit_code == 1
    assert "not writable" in result.output and "Hint:" in result.output


def test_reliability_readers_never_fail_while_runs_publish(tmp_path):
    """Reader threads query the views in a loop during 5 runs: no error, never a half state."""
    import threading

    warehouse = tmp_path / "wh"
    assert _run(warehouse).exit_code == 0
    database = warehouse / "events.duckdb"
    errors: list[str] = []
    seen: set[tuple] = set()
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            try:
                with duckdb.connect(str(database), read_only=True) as con:
                    docs, orphans = con.execute(
                        "select (select count(*) from documents), "
                        "(select count(*) from mentions where doc_id not in (select doc_id from documents))"
                    ).fetchone()
                seen.add((docs, orphans))
            except Exception as error:  # noqa: BLE001 - any error is the failure we look for
                errors.append(repr(error))

    extra = tmp_path / "more"
    extra.mkdir()
    readers = [threading.Thread(target=read) for _ in range(3)]
    for reader in readers:
        reader.start()
    try:
        for i in range(5):
            (extra / f"{i}.txt").write_text(f"Rebels attacked a checkpoint near Mosul on day {i}, police said.")
            result = runner.invoke(app, ["run", str(SEEDS), str(extra), "--warehouse", str(warehouse), "--quiet"])
            assert result.exit_code == 0, result.output
    finally:
        stop.set()
        for reader in readers:
            reader.join()
    assert errors == []
    assert {orphans for _, orphans in seen} == {0}  # never a mention without its document
    assert {docs for docs, _ in seen} <= {2, 3, 4, 5, 6, 7}  # whole runs only
