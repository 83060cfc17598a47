"""The real thing: the Prefect flow through the CLI on seeds/, Parquet + DuckDB on tmp_path."""

from __future__ import annotations

import json

import duckdb
import pytest
from typer.testing import CliRunner

from eventpipe.flows.cli import app

from ..conftest import SEEDS
from eventpipe.warehouse.query import connect_readonly

pytestmark = pytest.mark.slow
runner = CliRunner()


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wh")
    bad = tmp_path_factory.mktemp("in") / "empty.txt"
    bad.write_text("   \n")
    result = runner.invoke(app, ["run", str(SEEDS), str(bad), "--warehouse", str(folder), "--quiet"])
    assert result.exit_code == 0, result.output
    return folder


def _sql(folder, sql):
    with connect_readonly(folder / "events.duckdb") as con:
        return con.execute(sql).fetchall()


def test_pipeline_accounts_for_every_input(warehouse):
    assert _sql(warehouse, "select count(*) from documents") == [(2,)]
    assert _sql(warehouse, "select reason from rejects") == [("empty",)]
    assert _sql(warehouse, "select inputs, new, rejects from runs") == [(3, 2, 1)]


def test_pipeline_finds_events_in_both_seed_articles(warehouse):
    per_doc = _sql(warehouse, "select d.uri, count(*) from mentions m join documents d using (doc_id) group by 1")
    assert len(per_doc) == 2 and all(n >= 3 for _, n in per_doc)


def test_pipeline_dw_article_metadata_and_relative_date(warehouse):
    rows = _sql(warehouse, "select title, published, published_basis from documents where uri like '%000_%'")
    assert rows == [("Iran offers help to Iraq", __import__("datetime").date(2014, 1, 6), "dateline")]
    # "launched an airstrike on the city of Ramadi on Sunday": Sunday before Monday 2014-01-06.
    dates = _sql(warehouse, "select date_start, date_granularity from mentions where action_text = 'airstrike' or action_lemma = 'launch'")
    assert (__import__("datetime").date(2014, 1, 5), "day") in dates


def test_pipeline_undated_article_keeps_relative_dates_null(warehouse):
    rows = _sql(warehouse, "select count(*) from mentions m join documents d using (doc_id) where d.published is null and m.date_start is not null")
    assert rows == [(0,)]


TABLES_BUT_RUNS = ("documents", "mentions", "rejects")


def _snapshot(folder):
    return {t: sorted(map(repr, _sql(folder, f"select * from {t}"))) for t in TABLES_BUT_RUNS}


def test_pipeline_rerun_skips_known_documents_and_leaves_every_table_identical(warehouse):
    before = _snapshot(warehouse)
    result = runner.invoke(app, ["run", str(SEEDS), "--warehouse", str(warehouse), "--quiet"])
    assert result.exit_code == 0, result.output
    assert _snapshot(warehouse) == before
    assert _sql(warehouse, "select new, skipped from runs order by started desc limit 1") == [(0, 2)]


def test_pipeline_query_formats(warehouse):
    result = runner.invoke(app, ["query", "select count(*) as n from documents", "--warehouse", str(warehouse), "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.output) == [{"n": 2}]
    result = runner.invoke(app, ["query", "select nonsense from nowhere", "--warehouse", str(warehouse)])
    assert result.exit_code == 1 and "Error:" in result.output


def test_pipeline_reprocess_replaces_rows_instead_of_duplicating(warehouse):
    before = _sql(warehouse, "select count(*), count(distinct mention_id) from mentions")
    result = runner.invoke(app, ["run", str(SEEDS / "000_d1c95121bff87a0c.txt"), "--warehouse", str(warehouse), "--quiet", "--reprocess"])
    assert result.exit_code == 0, result.output
    assert _sql(warehouse, "select count(*), count(distinct doc_id) from documents") == [(2, 2)]
    assert _sql(warehouse, "select count(*), count(distinct mention_id) from mentions") == before


def test_pipeline_events_merge_iran_offer_across_both_articles(warehouse):
    rows = _sql(warehouse, "select num_documents, num_sources from events where actor_country = 'IRN' and target_country = 'IRQ' and cameo_root in ('03', '07') order by num_mentions desc")
    assert rows[0] == (2, 2)


def test_pipeline_events_merge_maliki_appeal_sentences(warehouse):
    # "al-Maliki called on residents of Fallujah ..." and "Maliki urged the people of Fallujah ...": one appeal.
    rows = _sql(warehouse, """
        select count(distinct m.sentence_index) from events e, unnest(e.mention_ids) as u(mid)
        join mentions m on m.mention_id = u.mid
        where e.actor_code = 'IRQGOV' and e.cameo_root = '02' and list_contains(e.name_variants, 'al-Maliki')
        group by e.event_id""")
    assert rows and max(rows)[0] >= 2


def test_pipeline_incremental_events_equal_a_full_rebuild(tmp_path):
    events = "select * exclude (first_seen) from events order by event_id"
    for name in sorted(p.name for p in SEEDS.glob("*.txt")):
        assert runner.invoke(app, ["run", str(SEEDS / name), "--warehouse", str(tmp_path / "inc"), "-q"]).exit_code == 0
    assert runner.invoke(app, ["run", str(SEEDS), "--warehouse", str(tmp_path / "full"), "-q"]).exit_code == 0
    assert _sql(tmp_path / "inc", events) == _sql(tmp_path / "full", events)


def test_pipeline_two_worker_processes_write_the_tables_of_one_process(warehouse, tmp_path):
    """Issue 20: parsing and extracting in a pool of worker processes changes no row of any table."""
    import importlib.util

    from ..conftest import ROOT

    spec = importlib.util.spec_from_file_location("compare_warehouses", ROOT / "bench" / "compare_warehouses.py")
    compare_warehouses = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(compare_warehouses)
    [(bad,)] = _sql(warehouse, "select uri from rejects")
    options = ["--warehouse", str(tmp_path / "wh"), "--workers", "2", "--batch-size", "1", "--quiet"]
    result = runner.invoke(app, ["run", str(SEEDS), bad, *options])
    assert result.exit_code == 0, result.output
    assert _sql(tmp_path / "wh", "select json_extract(settings, '$.workers')::int from runs") == [(2,)]
    verdicts = compare_warehouses.compare(warehouse, tmp_path / "wh")
    assert all(v.startswith("same") for v in verdicts.values()), verdicts
