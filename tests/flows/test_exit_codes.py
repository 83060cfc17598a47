"""`eventpipe run` as a scheduler sees it: exit statuses, one `Error:` line, progress in a log, SIGTERM."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from ..conftest import SEEDS
from eventpipe.warehouse.query import connect_readonly

pytestmark = pytest.mark.slow
EVENTPIPE = str(Path(sys.executable).with_name("eventpipe"))


def _env(**extra: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_API_URL", "AWS_", "EVENTPIPE_"))}
    return {**clean, **extra}


def _run(tmp_path: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([EVENTPIPE, "run", *args, "--warehouse", str(tmp_path / "wh")], capture_output=True, text=True,
                          env=env or _env(), cwd=tmp_path, timeout=timeout)


def _error_lines(stderr: str) -> list[str]:
    assert "Traceback" not in stderr and "validation error" not in stderr, stderr
    return [line for line in stderr.splitlines() if line.startswith("Error:")]


def test_exit_codes_missing_named_input_is_an_error_but_the_rest_is_read(tmp_path):
    result = _run(tmp_path, str(SEEDS / "000_d1c95121bff87a0c.txt"), str(tmp_path / "typo.txt"), "--quiet")
    assert result.returncode == 3
    assert len(errors := _error_lines(result.stderr)) == 1 and "typo.txt" in errors[0]
    with connect_readonly(tmp_path / "wh" / "events.duckdb") as con:  # the good file was still read
        assert con.execute("select count(*) from documents").fetchone() == (1,)
        assert con.execute("select reason from rejects").fetchall() == [("not_found",)]


def test_exit_codes_every_input_rejected_and_partly_bad_input(tmp_path):
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01" + b"\x00" * 200)
    result = _run(tmp_path, str(bad), "--quiet")
    assert result.returncode == 3 and "every input was rejected (1 of 1)" in _error_lines(result.stderr)[0]
    (bad / "good.txt").write_text((SEEDS / "000_d1c95121bff87a0c.txt").read_text())
    result = _run(tmp_path, str(bad), env=_env(EVENTPIPE_PROGRESS_SECONDS="0.01"))  # stderr is a pipe: plain lines
    assert result.returncode == 0, result.stderr
    assert not _error_lines(result.stderr) and "1 of 2 inputs rejected" in result.stderr
    assert "progress: done, 2 inputs" in result.stderr


@pytest.mark.parametrize(("args", "env", "code", "says"), [
    (["--workers", "2", "--dask-workers", "2"], {}, 2, "on Dask each worker is one spaCy process"),
    (["--batch-size", "0"], {}, 2, "--batch-size: "),
    ([], {"PREFECT_API_URL": "http://127.0.0.1:9/api"}, 1, "does not answer"),
])
def test_exit_codes_bad_settings_and_unreachable_server_fail_before_work(tmp_path, args, env, code, says):
    result = _run(tmp_path, str(SEEDS), *args, env=_env(**env))
    assert result.returncode == code
    assert len(errors := _error_lines(result.stderr)) == 1 and says in errors[0]
    assert not (tmp_path / "wh").exists()


def test_exit_codes_missing_s3_credentials(tmp_path):
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        env = _env(EVENTPIPE_S3_ENDPOINT_URL=f"http://{host}:{port}", HOME=str(tmp_path))  # no ~/.aws either
        result = subprocess.run([EVENTPIPE, "run", str(SEEDS), "--warehouse", "s3://bucket/wh", "--quiet"],
                                capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    finally:
        server.stop()
    assert result.returncode == 1
    assert len(errors := _error_lines(result.stderr)) == 1 and "credentials" in errors[0]
    assert "EVENTPIPE_S3_ACCESS_KEY_ID" in result.stderr  # the fix


def test_exit_codes_sigterm_mid_run_ends_promptly_and_releases_the_lock(tmp_path):
    text = (SEEDS / "000_d1c95121bff87a0c.txt").read_text()
    manifest = tmp_path / "many.jsonl"
    with manifest.open("w") as out:  # enough distinct documents to still be parsing when the signal comes
        for i in range(400):
            out.write(json.dumps({"id": f"d{i}", "text": f"Story {i}.\n\n{text}", "published": "2014-01-06"}) + "\n")
    process = subprocess.Popen(
        [EVENTPIPE, "run", str(manifest), "--warehouse", str(tmp_path / "wh"), "--batch-size", "400"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path, env=_env(),
    )
    lock = tmp_path / "wh" / "_lock.json"
    deadline = time.monotonic() + 120
    while not lock.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert lock.exists(), process.communicate()[1]
    time.sleep(5)  # into the one batch of 400 documents, which takes minutes to parse
    process.send_signal(signal.SIGTERM)
    # Before, the run went on with the batch under way; now it stops at once (the bound is generous).
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 143, stderr
    assert "Stopped:" in stderr and "Traceback" not in stderr
    assert not lock.exists()
