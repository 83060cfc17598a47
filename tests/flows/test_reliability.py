"""Failures that must not lose or duplicate anything: a held lock, a stale lock, a batch that keeps failing."""

from __future__ import annotations

import json

import duckdb
import pytest
from typer.testing import CliRunner

from eventpipe.flows.cli import app
from eventpipe.flows.outcome import ExitCode
from eventpipe.warehouse.lock import LOCK_NAME, warehouse_lock
from eventpipe.warehouse.storage import locate

from ..conftest import SEEDS
from eventpipe.warehouse.query import connect_readonly

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

    monkeypatch.setattr(pipeline_module, "extract_here", broken)
    result = _run(tmp_path / "wh")
    # Every input became a reject: the run publishes them and exits 3 so a scheduler notices.
    assert result.exit_code == ExitCode.INPUTS, result.output
    assert len(calls) == 2  # one retry
    with connect_readonly(tmp_path / "wh" / "events.duckdb") as con:
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


READER = """
import json, sys, pathlib, time
from eventpipe.warehouse.query import fetch_rows
database, stop, sql = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3]
while not stop.exists():
    try:
        print(json.dumps(fetch_rows(database, sql)[0]), flush=True)
    except Exception as error:
        print(json.dumps({"error": repr(error)}), flush=True)
    time.sleep(0.05)  # three readers that never pause would starve the runs of a 2-core machine
"""


def test_reliability_readers_see_only_published_states_during_runs(tmp_path):
    """Reader processes query the views in a loop during 3 incremental runs and a --reprocess run:
    no error, and every answer is the state some run published (never a half state)."""
    import subprocess
    import sys

    warehouse = tmp_path / "wh"
    assert _run(warehouse).exit_code == 0
    database = warehouse / "events.duckdb"
    state_sql = (
        "select (select count(*) from documents), (select count(*) from mentions), "
        "(select count(*) from mentions where doc_id not in (select doc_id from documents)), "
        "(select count(*) from events), (select coalesce(sum(num_mentions), 0) from events)"
    )

    def state() -> tuple:
        with connect_readonly(database) as con:
            return con.execute(state_sql).fetchone()

    published = {state()}
    stop = tmp_path / "stop"
    # Processes, not threads: within one process DuckDB shares one instance per file path while a
    # connection is open, so threads would all keep reading the first file.
    readers = [
        subprocess.Popen([sys.executable, "-c", READER, str(database), str(stop), state_sql], stdout=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    extra = tmp_path / "more"
    extra.mkdir()
    try:
        for i in range(4):
            if i < 3:  # each new report joins the same event, so the run revises a stored event
                (extra / f"{i}.txt").write_text(f"Rebels attacked a checkpoint near Mosul, police said.\n\nReport number {i}.")
            result = runner.invoke(app, ["run", str(SEEDS), str(extra), "--warehouse", str(warehouse), "--quiet",
                                         *(["--reprocess"] if i == 3 else [])])
            assert result.exit_code == 0, result.output
            published.add(state())
    finally:
        stop.touch()
        outputs = [reader.communicate(timeout=60)[0] for reader in readers]
    answers = [json.loads(line) for out in outputs for line in out.splitlines()]
    errors = [a["error"] for a in answers if isinstance(a, dict)]
    seen = {tuple(a) for a in answers if isinstance(a, list)}
    assert errors == []
    assert len(seen) > 1  # the readers did see runs land
    assert len(published) == 4  # three runs that changed something, then a reprocess that changed nothing
    assert seen <= published, sorted(seen - published)
    assert {orphans for _, _, orphans, _, _ in published} == {0}  # never a mention without its document


@pytest.fixture
def small_disk(tmp_path):
    """A 160 KiB tmpfs: a seeds run needs more (skipped where mounting is not allowed)."""
    import subprocess

    mount = tmp_path / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=160k", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def _tables(warehouse) -> dict[str, list]:
    with connect_readonly(warehouse / "events.duckdb") as con:
        return {
            "documents": con.execute("select doc_id from documents order by 1").fetchall(),
            "mentions": con.execute("select mention_id from mentions order by 1").fetchall(),
            "events": con.execute("select event_id, num_mentions from events order by 1").fetchall(),
        }


def test_reliability_full_disk_stops_with_a_clear_error_and_loses_nothing(small_disk, tmp_path):
    import subprocess

    warehouse = small_disk / "wh"
    full = runner.invoke(app, ["run", str(SEEDS), "--warehouse", str(warehouse), "--quiet"], env={"EVENTPIPE_MIN_FREE_BYTES": "0"})
    assert full.exit_code == 1, full.output
    assert "Error: the filesystem of warehouse" in full.output and "ran out of space" in full.output
    assert "Traceback" not in full.output  # one clear error, not Prefect's traceback
    assert not (warehouse / LOCK_NAME).exists()
    subprocess.run(["mount", "-o", "remount,size=100m", str(small_disk)], check=True)  # space freed
    again = _run(warehouse)
    assert again.exit_code == 0, again.output
    assert _run(tmp_path / "reference").exit_code == 0
    assert _tables(warehouse) == _tables(tmp_path / "reference")  # exactly the rows of an uninterrupted run


def test_reliability_too_little_free_space_refuses_before_any_work(tmp_path):
    result = runner.invoke(app, ["run", str(SEEDS), "--warehouse", str(tmp_path / "wh"), "--quiet"],
                           env={"EVENTPIPE_MIN_FREE_BYTES": str(2**60)})
    assert result.exit_code == 1
    assert "MiB free" in result.output and "EVENTPIPE_MIN_FREE_BYTES" in result.output
    assert not (tmp_path / "wh" / "documents").exists()
