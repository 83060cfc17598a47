"""Scheduled runs for real: a Prefect server on loopback, `eventpipe serve` and a worker running
prefect.yaml, files dropped into an inbox, rows written by *scheduled* runs, clean stops."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import httpx
import pytest
import yaml

from ..conftest import ROOT, SEEDS
from eventpipe.warehouse.query import connect_readonly

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(predicate, seconds: float, what: str, log: Path | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(1)
    tail = "\n".join(log.read_text(errors="replace").splitlines()[-30:]) if log and log.exists() else ""
    raise AssertionError(f"timed out after {seconds:.0f} s waiting for {what}\n{tail}")


def _stop(process: subprocess.Popen | None, seconds: float = 30) -> int | None:
    """SIGTERM, then the exit status (SIGKILL only if it ignored SIGTERM: then None)."""
    if process is None or process.poll() is not None:
        return None if process is None else process.returncode
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return None


def _stop_worker(worker: subprocess.Popen, grace: float = 60) -> int | None:
    """Stop a Prefect worker as a supervisor does: SIGTERM, and after `grace` seconds a second SIGTERM.

    Prefect's worker turns the first SIGTERM into a SIGINT to itself and a second one into a SIGKILL
    (prefect.utilities.processutils.setup_signal_handlers_worker). Under load the first is at times
    swallowed while a run is being submitted and the worker polls on; the second always ends it.
    Returns the exit status, or None if even that did not stop it (then it is killed).
    """
    if worker.poll() is not None:
        return worker.returncode
    worker.send_signal(signal.SIGTERM)
    try:
        return worker.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        return _stop(worker, seconds=30)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A real `prefect server start` on loopback, its scheduler looping every 2 s; yields (api, env, log)."""
    home = tmp_path_factory.mktemp("prefect")
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")},  # nothing an earlier in-process test set
        "PREFECT_HOME": str(home),
        "PREFECT_API_URL": api,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "2",
        "PREFECT_RUNNER_POLL_FREQUENCY": "2",
        "PREFECT_WORKER_QUERY_SECONDS": "2",
        "PREFECT_UI_ENABLED": "false",
    }
    log = home / "server.log"
    with log.open("w") as out:
        process = subprocess.Popen([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                                   env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_for(lambda: _healthy(api), 180, "the Prefect server", log)
        yield api, env, log
    finally:
        _stop(process)


def _healthy(api: str) -> bool:
    try:
        return httpx.get(f"{api}/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def _post(api: str, path: str, body: dict) -> list[dict]:
    """A filter query to the API ([] while a busy server does not answer in time)."""
    try:
        return httpx.post(f"{api}/{path}", json=body, timeout=30).json()
    except httpx.HTTPError:
        return []


def _scheduled_runs(api: str, deployment: str) -> list[dict]:
    """Completed flow runs of the named deployment that the scheduler created (not manual ones)."""
    ids = [d["id"] for d in _post(api, "deployments/filter", {"deployments": {"name": {"any_": [deployment]}}})]
    runs = _post(api, "flow_runs/filter", {"flow_runs": {"deployment_id": {"any_": ids}, "state": {"type": {"any_": ["COMPLETED"]}}}})
    return [r for r in runs if r["auto_scheduled"]] if ids else []


def _documents(warehouse: Path, database: Path | None = None) -> int:
    database = database or warehouse / "events.duckdb"
    if not database.exists():
        return 0
    try:
        with connect_readonly(database) as con:
            return con.execute("select count(*) from documents").fetchone()[0]
    except duckdb.Error:
        return 0  # swapped in while we looked: try again


def _assert_no_traceback(*logs: Path) -> None:
    for log in logs:
        text = log.read_text(errors="replace")
        assert "Traceback" not in text, f"{log.name}:\n{text[-3000:]}"
        assert "never awaited" not in text, f"{log.name}:\n{text[-3000:]}"


def test_serve_scheduled_runs_pick_up_dropped_files_and_stop_cleanly(server, tmp_path):
    api, env, server_log = server
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    inbox.mkdir()
    serve_log = tmp_path / "serve.log"
    with serve_log.open("w") as out:
        served = subprocess.Popen(
            [str(BIN / "eventpipe"), "serve", str(inbox), "--warehouse", str(warehouse), "--interval", "5", "--name", "inbox"],
            env=env, stdout=out, stderr=subprocess.STDOUT, cwd=tmp_path,
        )
    try:
        # an empty inbox is a quick, successful no-op
        _wait_for(lambda: _scheduled_runs(api, "inbox"), 240, "a scheduled run on the empty inbox", serve_log)
        shutil.copy(SEED_FILES[0], inbox)
        _wait_for(lambda: _documents(warehouse) == 1, 240, "a scheduled run to read the first file", serve_log)
        shutil.copy(SEED_FILES[1], inbox)
        _wait_for(lambda: _documents(warehouse) == 2, 240, "a scheduled run to read the second file", serve_log)
        assert len(_scheduled_runs(api, "inbox")) >= 3
    finally:
        code = _stop(served)
    assert code == 0, serve_log.read_text()[-3000:]  # SIGTERM stops it cleanly, no SIGKILL needed
    with connect_readonly(warehouse / "events.duckdb") as con:
        assert con.execute("select count(*) from mentions").fetchone()[0] > 0
        assert con.execute("select count(distinct run_id) from documents").fetchone()[0] == 2  # one run each, none twice
    assert not (warehouse / "_lock.json").exists()
    _assert_no_traceback(server_log, serve_log)


def test_worker_runs_the_prefect_yaml_deployment_on_its_schedule(server, tmp_path):
    api, env, server_log = server
    project = tmp_path / "project"  # EVENTPIPE_HOME: the yaml's pull step runs flows there
    (project / "inbox").mkdir(parents=True)
    shutil.copy(SEED_FILES[0], project / "inbox")
    config = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    for deployment in config["deployments"]:
        deployment["schedules"] = [{"interval": 15}]  # the shipped deployment, on a test-sized schedule
    (project / "prefect.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
    env = {**env, "EVENTPIPE_HOME": str(project)}
    prefect = str(BIN / "prefect")
    subprocess.run([prefect, "work-pool", "create", "eventpipe", "--type", "process"], env=env, cwd=project, check=True, capture_output=True)
    deployed = subprocess.run([prefect, "--no-prompt", "deploy", "--all"], env=env, cwd=project, capture_output=True, text=True, timeout=180)
    assert deployed.returncode == 0, deployed.stdout + deployed.stderr
    worker_log = tmp_path / "worker.log"
    with worker_log.open("w") as out:
        worker = subprocess.Popen([prefect, "worker", "start", "--pool", "eventpipe"], env=env, cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT)
    name = config["deployments"][0]["name"]
    warehouse = project / "warehouse" / "data"  # the default warehouse: its views are warehouse/events.duckdb
    try:
        _wait_for(lambda: _documents(warehouse, project / "warehouse" / "events.duckdb") == 1 and _scheduled_runs(api, name),
                  300, "a scheduled worker run", worker_log)
    finally:
        code = _stop_worker(worker)  # a scheduled run may be under way: the worker waits for it
    assert code is not None, "the worker ignored two SIGTERMs"
    text = worker_log.read_text()
    assert "batch: 1 inputs, 1 new" in text  # the flow's own log lines, at default settings
    # ... and the same lines reach the API, so the UI shows them
    run_id = _scheduled_runs(api, name)[0]["id"]
    logs = _post(api, "logs/filter", {"logs": {"flow_run_id": {"any_": [run_id]}}, "limit": 200})
    assert any("run " in entry["message"] and "inputs" in entry["message"] for entry in logs)
    _assert_no_traceback(server_log)
