"""CLI behaviour outside a pipeline run: query formats, --version, check and score write nothing unasked, stdin."""

from __future__ import annotations

import csv

import pytest
from typer.testing import CliRunner

from eventpipe.flows.cli import app

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
