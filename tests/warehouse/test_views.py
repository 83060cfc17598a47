"""The analysis views over a small real warehouse: dbt-style column checks plus a few exact values."""

import duckdb
import pytest

from eventpipe.warehouse.consolidate import consolidate
from eventpipe.warehouse.publish import analysis_views, publish
from eventpipe.warehouse.storage import locate
from eventpipe.warehouse.writer import write_records

from .test_consolidate import SCENARIOS, case_documents, case_mentions, infos
from eventpipe.warehouse.query import connect_readonly

GDELT_COLUMNS = """GLOBALEVENTID SQLDATE MonthYear Year FractionDate
Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code Actor1Religion2Code
Actor1Type1Code Actor1Type2Code Actor1Type3Code
Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code Actor2Religion2Code
Actor2Type1Code Actor2Type2Code Actor2Type3Code
IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles AvgTone
Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID
Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID
ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID
DATEADDED SOURCEURL""".split()

# Column checks per view, as in dbt's schema.yml: unique keys, not-null columns, accepted values, ranges.
CHECKS = {
    "events": dict(unique=["event_id"], not_null=["event_id", "mention_ids", "num_mentions", "merge_reason", "event_month"],
                   accepted={"quad_class": [1, 2, 3, 4], "modality": ["asserted", "negated", "hypothetical"]},
                   ranges={"goldstein": (-10, 10), "num_sources": (1, None)}),
    "daily_dyad_counts": dict(unique=["day, actor, target, cameo_root"], not_null=["day", "actor", "target", "events", "mentions"],
                              accepted={"quad_class": [1, 2, 3, 4]}, ranges={"events": (1, None)}),
    "quadclass_daily": dict(unique=["day, quad_class"], not_null=["day", "quad_class", "quad_label", "events", "share"],
                            accepted={"quad_class": [1, 2, 3, 4]}, ranges={"share": (0, 1), "avg_goldstein": (-10, 10)}),
    "goldstein_monthly": dict(unique=["month, actor, target"], not_null=["month", "events", "avg_goldstein", "weighted_goldstein"],
                              ranges={"avg_goldstein": (-10, 10), "weighted_goldstein": (-10, 10)}),
    "gdelt_events": dict(unique=["GLOBALEVENTID"], not_null=["GLOBALEVENTID", "SQLDATE", "EventCode", "EventRootCode", "NumMentions", "DATEADDED", "SOURCEURL"],
                         accepted={"QuadClass": [1, 2, 3, 4], "IsRootEvent": [0, 1], "ActionGeo_Type": [1, 2, 3, 4, 5]},
                         ranges={"SQLDATE": (19000101, 21001231), "FractionDate - Year": (0, 0.9999)}),
}


def build_views_warehouse(folder, database):
    """Write the consolidation scenarios as a warehouse in `folder` and publish it to `database`; returns it."""
    location = locate(folder)
    mentions, documents, events = [], [], []
    for n, (_, scenario, places) in enumerate(SCENARIOS):  # each scenario consolidated on its own
        scenario_mentions = case_mentions(scenario, places, prefix=f"s{n}-")
        scenario_documents = case_documents(scenario, prefix=f"s{n}-")
        events += consolidate(scenario_mentions, infos(scenario_documents))
        mentions += scenario_mentions
        documents += scenario_documents
    write_records(location, "documents", documents, "part-a")
    write_records(location, "mentions", mentions, "part-a")
    write_records(location, "events", events, "part-a")
    return publish(location, database)


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    root = tmp_path_factory.mktemp("views")
    connection = connect_readonly(build_views_warehouse(root / "wh", root / "events.duckdb"))
    yield connection
    connection.close()


CASES = [(view, kind, arg) for view, checks in CHECKS.items() for kind, args in checks.items()
         for arg in (args.items() if isinstance(args, dict) else args)]


@pytest.mark.parametrize("view,kind,arg", CASES, ids=[f"{v}-{k}-{a[0] if isinstance(a, tuple) else a}" for v, k, a in CASES])
def test_views_pass_column_checks(con, view, kind, arg):
    assert con.execute(f"select count(*) from {view}").fetchone()[0] > 0
    if kind == "unique":
        sql = f"select {arg}, count(*) from {view} group by all having count(*) > 1"
    elif kind == "not_null":
        sql = f"select * from {view} where {arg} is null"
    elif kind == "accepted":
        column, values = arg
        sql = f"select {column} from {view} where {column} is not null and {column} not in ({', '.join(map(repr, values))})"
    else:
        column, (low, high) = arg
        bounds = [f"{column} < {low}" if low is not None else "", f"{column} > {high}" if high is not None else ""]
        sql = f"select {column} from {view} where {' or '.join(b for b in bounds if b)}"
    assert con.execute(sql).fetchall() == []


def test_views_gdelt_events_has_the_gdelt_columns_in_order(con):
    assert [row[0] for row in con.execute("describe gdelt_events").fetchall()] == GDELT_COLUMNS


def test_views_gdelt_events_reports_the_cross_document_event(con):
    row = con.execute(
        "select SQLDATE, MonthYear, FractionDate, Actor1Code, Actor2Code, EventRootCode, NumMentions, NumSources, NumArticles, "
        "ActionGeo_FullName, ActionGeo_Type, SOURCEURL, DATEADDED, IsRootEvent "
        "from gdelt_events where Actor1Code = 'NOR' and NumArticles = 2"
    ).fetchall()
    # Norway's offer to Chile: dated by the Oslo announcement, first reported by the dated article
    assert row == [(20190310, 201903, 2019.1863, "NOR", "CHL", "03", 4, 2, 2, "Oslo, NOR", 4, "inputs/nordic-wire/offer.txt", 20190311000000, 1)]


def test_views_count_asserted_events_once(con):
    events, mentions = con.execute(
        "select count(*), sum(num_mentions) from events where modality = 'asserted' and date_start is not null"
    ).fetchone()
    assert con.execute("select sum(events), sum(mentions) from daily_dyad_counts").fetchone() == (events, mentions)
    assert con.execute("select sum(events) from quadclass_daily").fetchone() == (events,)
    assert con.execute("select sum(events) from goldstein_monthly").fetchone() == (events,)
    assert con.execute("select count(*) from gdelt_events").fetchone() == con.execute(
        "select count(*) from events where modality = 'asserted'").fetchone()


def test_views_quadclass_shares_sum_to_one_per_day(con):
    assert con.execute("select day from quadclass_daily group by day having abs(sum(share) - 1) > 1e-9").fetchall() == []


@pytest.mark.parametrize("name,sql", analysis_views(), ids=[v[0] for v in analysis_views()])
def test_views_sql_files_follow_the_house_style(name, sql):
    header = "\n".join(line for line in sql.splitlines() if line.startswith("--"))
    assert sql.startswith("-- Grain:") and "Units" in header
    assert sql.rstrip().lower().endswith("select * from final")


def test_views_issue_19_historical_events_are_flagged_and_left_out_of_the_daily_views(tmp_path):
    import datetime as dt

    from eventpipe.schemas import Document, EventDate

    from ..schemas.test_arrow import _mention

    published = dt.date(2020, 5, 4)
    documents = [Document(doc_id="d1", uri="u", published=published, published_basis="metadata", text="t", n_chars=1,
                          ingested_at=dt.datetime(2020, 5, 4, tzinfo=dt.timezone.utc), run_id="r")]
    old = EventDate(start=dt.date(1905, 1, 1), end=dt.date(1905, 12, 31), granularity="year", text="in 1905", basis="explicit")
    recent = EventDate(start=dt.date(2020, 5, 3), end=dt.date(2020, 5, 3), granularity="day", text="on Sunday", basis="relative")
    mentions = [_mention(mention_id="m-old", date=old, event_month="1905-01", historical=True),
                _mention(mention_id="m-new", date=recent, event_month="2020-05", location=None)]
    events = consolidate(mentions, infos(documents))
    assert sorted((e.date_start.year, e.historical) for e in events) == [(1905, True), (2020, False)]
    location = locate(tmp_path / "wh")
    write_records(location, "documents", documents, "part-a")
    write_records(location, "mentions", mentions, "part-a")
    write_records(location, "events", events, "part-a")
    with connect_readonly(publish(location, tmp_path / "wh" / "events.duckdb")) as con:
        assert con.execute("select count(*) from events where historical").fetchone() == (1,)
        for view in ("daily_dyad_counts", "quadclass_daily", "goldstein_monthly"):
            assert con.execute(f"select count(*) from {view} where year({'month' if view == 'goldstein_monthly' else 'day'}) = 1905").fetchone() == (0,)
            assert con.execute(f"select count(*) from {view}").fetchone()[0] > 0


def test_views_issue_19_files_written_before_a_new_column_read_it_as_null(tmp_path):
    import pyarrow.parquet as pq

    location = locate(tmp_path / "wh")
    from ..schemas.test_arrow import _mention

    write_records(location, "events", consolidate([_mention()], {}), "part-a")
    for path in (tmp_path / "wh" / "events").rglob("*.parquet"):  # as written before `historical` existed
        pq.write_table(pq.read_table(path).drop_columns(["historical"]), path)
    with connect_readonly(publish(location, tmp_path / "wh" / "events.duckdb")) as con:
        assert con.execute("select historical from events").fetchall() == [(None,)]
        assert con.execute("select count(*) from daily_dyad_counts").fetchone() == (1,)
