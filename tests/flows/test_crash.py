"""SIGKILL a real run at random moments; the warehouse never shows a partial file or a duplicate,
and the next run ends with exactly the rows of an uninterrupted run."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from ..conftest import SEEDS
from eventpipe.warehouse.query import connect_readonly

pytestmark = pytest.mark.slow
KILLS = 12  # kill moments, one in each of KILLS equal slices of a full run's time, slices in random order
EVENTPIPE = str(Path(sys.executable).parent / "eventpipe")


@pytest.fixture(scope="module")
def manifest(tmp_path_factory) -> Path:
    """12 distinct articles built from the seeds, so a run spans several batches."""
    seeds = [p.read_text() for p in sorted(SEEDS.glob("*.txt"))]
    path = tmp_path_factory.mktemp("crash") / "articles.jsonl"
    lines = [json.dumps({"id": f"a{i}", "text": f"Report number {i}.\n\n{seeds[i % 2]}", "published": "2014-01-06"}) for i in range(12)]
    path.write_text("\n".join(lines) + "\n")
    return path


def _command(manifest: Path, warehouse: Path) -> list[str]:
    return [EVENTPIPE, "run", str(manifest), "--warehouse", str(warehouse), "--batch-size", "3", "--quiet"]


def _env(home: Path) -> dict:
    return {**os.environ, "PREFECT_HOME": str(home), "EVENTPIPE_MAX_FILES_PER_PARTITION": "6"}


def _assert_consistent(warehouse: Path) -> None:
    for path in warehouse.rglob("*.parquet"):
        if "_staging" not in path.parts:
            pq.read_metadata(path)  # a partial file would not parse
    database = warehouse / "events.duckdb"
    if database.exists():
        with connect_readonly(database) as con:
            for table, key in (("documents", "doc_id"), ("mentions", "mention_id"), ("rejects", "reject_id")):
                total, distinct = con.execute(f"select count(*), count(distinct {key}) from {table}").fetchone()
                assert total == distinct, f"duplicate {key} in {table}"


def _rows(warehouse: Path) -> dict[str, list]:
    with connect_readonly(warehouse / "events.duckdb") as con:
        return {
            "documents": con.execute("select doc_id, uri, title, published from documents order by doc_id").fetchall(),
            "mentions": con.execute(
                "select * exclude (run_id) from mentions order by mention_id"
            ).fetchall(),
            "rejects": con.execute("select reject_id, reason from rejects order by reject_id").fetchall(),
        }


def test_crash_sigkill_at_random_moments_loses_and_duplicates_nothing(manifest, tmp_path):
    reference = tmp_path / "reference"
    subprocess.run(_command(manifest, reference), env=_env(tmp_path / "home-ref"), check=True, stdout=subprocess.DEVNULL)
    clock = time.monotonic()
    subprocess.run(_command(manifest, tmp_path / "timing"), env=_env(tmp_path / "home-ref"), check=True, stdout=subprocess.DEVNULL)
    full = time.monotonic() - clock

    warehouse = tmp_path / "killed"
    killed = 0
    for moment in _kill_moments(full * 1.1, random.Random(20140106)):
        process = subprocess.Popen(
            _command(manifest, warehouse), env=_env(tmp_path / "home"), start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            process.wait(timeout=moment)  # a run that ends first is simply not killed
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            killed += 1
        _assert_consistent(warehouse)
    assert killed >= KILLS // 3, f"only {killed} of {KILLS} runs were still going when their moment came"
    subprocess.run(_command(manifest, warehouse), env=_env(tmp_path / "home"), check=True, stdout=subprocess.DEVNULL)
    _assert_consistent(warehouse)
    assert _rows(warehouse) == _rows(reference)


def _kill_moments(span: float, rng: random.Random) -> list[float]:
    """One random moment in each of KILLS equal slices of `span` seconds (at least 0.5 s), in random order."""
    moments = [max(0.5, (k + rng.random()) * span / KILLS) for k in range(KILLS)]
    rng.shuffle(moments)
    return moments


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(sys.platform != "linux", reason="the parent-death signal is Linux's")
def test_killed_run_leaves_no_prefect_server_behind(manifest, tmp_path):
    run = subprocess.Popen(_command(manifest, tmp_path / "wh"), env=_env(tmp_path / "home"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not (servers := _children(run.pid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert servers, "the run started no temporary server"
    run.kill()
    run.wait()
    deadline = time.monotonic() + 15
    while any(map(_alive, servers)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(map(_alive, servers))
