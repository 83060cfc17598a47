"""CLI behaviour outside a pipeline run: query formats, --version, check and score write nothing unasked, stdin."""

from __future__ import annotations

import csv

import pytest
from typer.testing import CliRunner

from eventpipe.flows.cli import app

from ..conftest import ROOT
from ..warehouse.test_views import build_views_warehouse

runner = CliRunner()


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli") / "wh"
    build_views_warehouse(folder, folder / "events.duckdb")
    return folder


def test_cli_issue_19_query_csv_joins_list_columns(warehouse, tmp_path):
    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["query", "select event_id, mention_ids, num_mentions from events", "-w", str(warehouse), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open()))
    assert rows and all(len(r["mention_ids"].split(";")) == int(r["num_mentions"]) for r in rows)


def test_cli_issue_19_query_csv_writes_maps_as_json(warehouse, tmp_path):
    result = runner.invoke(app, ["query", "select map(['parse'], [1.5::double]) as timings, ['a', null, 'b'] as l", "-w", str(warehouse), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == '"{""parse"": 1.5}","a;b"'


def test_cli_issue_19_version():
    from eventpipe import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"eventpipe {__version__}"


def test_cli_issue_19_check_creates_nothing(tmp_path):
    target = tmp_path / "not" / "yet" / "wh"
    result = runner.invoke(app, ["check", "-w", str(target)])
    assert "warehouse:" in result.output and "can be created" in result.output, result.output
    assert list(tmp_path.iterdir()) == []


def test_cli_issue_19_check_fails_on_a_folder_it_cannot_write(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = runner.invoke(app, ["check", "-w", str(blocker / "wh")])
    text = " ".join(result.output.split())
    assert result.exit_code == 1 and "FAIL warehouse" in text and "is not a folder" in text, text


GOLD = ROOT.parent / "shared" / "gold" / "seeds_gold.json"


@pytest.mark.skipif(not GOLD.exists(), reason="needs ../shared/gold")
def test_cli_issue_19_score_writes_files_only_with_out(warehouse, tmp_path, monkeypatch):
    import eventpipe.evaluation.scoring as scoring

    asked = []
    real = scoring.score_command
    monkeypatch.setattr(scoring, "score_command", lambda *a, **k: asked.append(a[2]) or real(*a, **k))
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["score", "-w", str(warehouse), "--gold", str(GOLD)])
    assert result.exit_code == 0, result.output
    assert list(tmp_path.iterdir()) == []  # no bench/results/ rewritten
    runner.invoke(app, ["score", "-w", str(warehouse), "--gold", str(GOLD), "--out", str(tmp_path / "scores")])
    assert asked == [None, tmp_path / "scores"]


@pytest.mark.parametrize("data, name", [
    (b"Rebel fighters attacked a police station in Mosul on Sunday.\n", "stdin.txt"),
    (b'{"text": "Iran offered aid to Iraq.", "published": "2014-01-06"}\n{"text": "Rebels attacked police."}\n', "stdin.jsonl"),
])
def test_cli_issue_19_stdin_becomes_a_text_or_a_manifest(data, name, monkeypatch):
    import io

    from eventpipe.flows.cli import _stdin_as_file

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    with _stdin_as_file(["-", "more/"]) as inputs:
        assert inputs[1] == "more/" and inputs[0].endswith(name) and open(inputs[0], "rb").read() == data


@pytest.mark.slow
def test_cli_issue_19_run_dash_reads_jsonl_from_stdin(tmp_path):
    from eventpipe.warehouse.query import connect_readonly

    lines = b'{"text": "Rebel fighters attacked a police station in Mosul on Sunday.", "published": "2015-03-09", "id": "a"}\n'
    result = runner.invoke(app, ["run", "-", "-w", str(tmp_path / "wh"), "--quiet"], input=lines)
    assert result.exit_code == 0, result.output
    with connect_readonly(tmp_path / "wh" / "events.duckdb") as con:
        assert con.execute("select count(*), min(published) from documents").fetchone() == (1, __import__("datetime").date(2015, 3, 9))


@pytest.mark.parametrize("argv,code", [(["--help"], 0), (["--no-such-option"], 2)])
def test_cli_main_exit_keeps_the_status_and_runs_exit_hooks(argv, code):
    import subprocess
    import sys

    script = (
        "import atexit, sys, threading, time\n"
        "atexit.register(lambda: print('atexit ran', flush=True))\n"
        "threading.Thread(target=lambda: (time.sleep(0.2), print('thread done', flush=True))).start()\n"
        f"sys.argv = ['eventpipe', *{argv!r}]\n"
        "from eventpipe.flows.cli import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == code
    assert "thread done" in done.stdout and done.stdout.rstrip().endswith("atexit ran")
