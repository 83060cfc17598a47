"""A real Prefect server on loopback, the pipeline served on a schedule, one deployment run, new rows."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from ..conftest import SEEDS

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(predicate, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(1)
    raise AssertionError(f"timed out waiting for {what}")


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def test_serve_deployment_run_adds_rows(tmp_path):
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PREFECT_API_URL": api,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": "WARNING",
    }
    warehouse = tmp_path / "wh"
    logs = (tmp_path / "server.log").open("w"), (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)], env=env, stdout=logs[0], stderr=subprocess.STDOUT)
    served = None
    try:
        _wait_for(lambda: _healthy(api), 120, "the Prefect server")
        served = subprocess.Popen(
            [str(BIN / "eventpipe"), "serve", str(SEEDS), "--warehouse", str(warehouse), "--interval", "86400", "--name", "test"],
            env=env, stdout=logs[1], stderr=subprocess.STDOUT,
        )
        run = lambda: subprocess.run(  # noqa: E731
            [str(BIN / "prefect"), "deployment", "run", "pipeline/test", "--watch", "--watch-timeout", "240"],
            env=env, capture_output=True, text=True, timeout=300,
        )
        _wait_for(lambda: run().returncode == 0, 280, "a completed deployment run")
        with duckdb.connect(str(warehouse / "events.duckdb"), read_only=True) as con:
            assert con.execute("select count(*) from documents").fetchone() == (2,)
            assert con.execute("select count(*) from mentions").fetchone()[0] > 0
    finally:
        for process in (served, server):
            if process is not None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
        for log in logs:
            log.close()
