"""Soak test of scheduled runs: `eventpipe serve --interval N` on a folder that files drop into now and then.

    python bench/schedule.py --minutes 15 --interval 30 --drop-every 120 --out bench/results/schedule.md

Starts `prefect server start` on a free loopback port (own PREFECT_HOME), serves the pipeline on an
empty inbox, copies one article of the Wikinews corpus (../shared/data/corpus/news.jsonl.gz, as .txt)
into it every --drop-every seconds, stops `serve` with SIGTERM at the end, and writes every flow
run of the deployment (scheduled or not, state, start, duration) with the documents in the
warehouse and any traceback in the server log.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import httpx
from eventpipe.warehouse.query import connect_readonly

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "news.jsonl.gz"
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(api: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{api}/health", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise SystemExit(f"the Prefect server at {api} did not start")


def _articles(limit: int) -> list[dict]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for _, line in zip(range(limit), lines)]


def _runs(api: str, deployment: str) -> list[dict]:
    ids = [d["id"] for d in httpx.post(f"{api}/deployments/filter", json={"deployments": {"name": {"any_": [deployment]}}}, timeout=30).json()]
    runs = httpx.post(f"{api}/flow_runs/filter", json={"flow_runs": {"deployment_id": {"any_": ids}}, "sort": "EXPECTED_START_TIME_ASC", "limit": 200}, timeout=30).json()
    return runs


def _documents(warehouse: Path) -> int:
    with connect_readonly(warehouse / "events.duckdb") as con:
        return con.execute("select count(*) from documents").fetchone()[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=15.0)
    parser.add_argument("--interval", type=int, default=30, help="serve --interval seconds")
    parser.add_argument("--drop-every", type=float, default=120.0, help="seconds between dropped files")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "schedule.md")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="eventpipe-schedule-"))
    inbox, warehouse = work / "inbox", work / "wh"
    inbox.mkdir()
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")},
           "PREFECT_HOME": str(work / "prefect"), "PREFECT_API_URL": api, "DO_NOT_TRACK": "1",
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_UI_ENABLED": "false"}
    server_log, serve_log = work / "server.log", work / "serve.log"
    server = subprocess.Popen([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, stdout=server_log.open("w"), stderr=subprocess.STDOUT)
    _wait_healthy(api)
    served = subprocess.Popen([str(BIN / "eventpipe"), "serve", str(inbox), "-w", str(warehouse), "--interval", str(args.interval), "--name", "soak"],
                              env=env, stdout=serve_log.open("w"), stderr=subprocess.STDOUT)
    articles = _articles(int(args.minutes * 60 / args.drop_every) + 2)
    started = time.monotonic()
    dropped = []
    try:
        next_drop = started + args.drop_every / 2
        while time.monotonic() - started < args.minutes * 60:
            if time.monotonic() >= next_drop and articles:
                article = articles.pop(0)
                name = f"{len(dropped):03d}_{article['id']}.txt"
                (inbox / name).write_text(f"{article.get('title', '')}\n\n{article['text']}", encoding="utf-8")
                dropped.append((round(time.monotonic() - started), name))
                next_drop += args.drop_every
            time.sleep(1)
    finally:
        served.send_signal(signal.SIGTERM)
        stop_clock = time.monotonic()
        try:
            serve_code = served.wait(timeout=60)
        except subprocess.TimeoutExpired:
            served.kill()
            serve_code = None
        stop_seconds = time.monotonic() - stop_clock
    runs = [r for r in _runs(api, "soak") if r["state_type"] != "SCHEDULED"]  # not the future slots
    documents = _documents(warehouse)
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=60)
    tracebacks = server_log.read_text(errors="replace").count("Traceback")
    lines = [
        f"# Scheduled runs: `eventpipe serve --interval {args.interval}` for {args.minutes:g} minutes",
        "",
        f"Command: `python bench/schedule.py --minutes {args.minutes:g} --interval {args.interval} --drop-every {args.drop_every:g}`",
        "",
        f"- files dropped: {len(dropped)} ({', '.join(f'{name} at {at} s' for at, name in dropped)})",
        f"- documents in the warehouse at the end: {documents}",
        f"- flow runs: {len(runs)} ({sum(r['auto_scheduled'] for r in runs)} scheduled); by state: "
        + ", ".join(f"{s} {sum(r['state_type'] == s for r in runs)}" for s in sorted({r['state_type'] for r in runs})),
        f"- `serve` stopped by SIGTERM: exit {serve_code} after {stop_seconds:.1f} s",
        f"- tracebacks in the server log: {tracebacks}",
        "",
        "| run | scheduled | state | expected start (UTC) | duration s |",
        "|---|---|---|---|---|",
    ]
    for run in runs:
        lines.append(f"| {run['name']} | {run['auto_scheduled']} | {run['state_type']} | {(run['expected_start_time'] or '')[11:19]} | {run['total_run_time']:.1f} |")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0 if serve_code == 0 and tracebacks == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
