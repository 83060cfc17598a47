"""The Python API (`import eventpipe`, api/__init__.py): extract, run, connect, __version__."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from importlib.metadata import version

import pytest

import eventpipe
from eventpipe.schemas import EventMention

from ..conftest import ROOT
from ..warehouse.test_views import build_views_warehouse


def test_api_issue_19_extract_returns_validated_mentions_without_prefect(nlp):
    mentions = eventpipe.extract(["Iran offered humanitarian aid to Iraq on Monday."], published="2014-01-08")
    assert [type(m) for m in mentions] == [EventMention]
    (mention,) = mentions
    assert (mention.actor.code, mention.target.code) == ("IRN", "IRQ") and mention.action.root in {"03", "07"}
    assert mention.date.start == dt.date(2014, 1, 6)  # "on Monday" against the given publication date
    EventMention.model_validate(mention.model_dump())


def test_api_issue_19_extract_takes_records_and_documents_in_order(nlp):
    records = [
        {"text": "Rebel fighters attacked a police station in Mosul on Sunday.", "published": "2015-03-09", "url": "https://example.org/a"},
        "Iran offered humanitarian aid to Iraq.",
    ]
    mentions = eventpipe.extract(records, published=dt.date(2014, 1, 8))
    assert [m.doc_id for m in mentions][0] != mentions[-1].doc_id and mentions[0].action.quad_class == 4 and mentions[-1].actor.code == "IRN"
    assert mentions[0].date.start == dt.date(2015, 3, 8) and mentions[1].date.start == dt.date(2014, 1, 8)
    assert eventpipe.extract("   ") == []  # nothing left after cleaning: no mention, no exception


def test_api_issue_19_import_loads_nothing_heavy():
    code = "import sys, eventpipe; print(sorted(m for m in ('spacy', 'prefect', 'duckdb', 'pyarrow') if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"


def test_api_issue_19_version_is_the_package_version():
    assert eventpipe.__version__ == version("eventpipe")


def test_api_issue_19_connect_is_read_only_with_the_views(tmp_path):
    folder = tmp_path / "wh"
    build_views_warehouse(folder, folder / "events.duckdb")
    with eventpipe.connect(str(folder)) as con:
        assert con.execute("select count(*) from events").fetchone()[0] > 0
        assert con.execute("select count(*) from daily_dyad_counts").fetchone()[0] > 0
        with pytest.raises(Exception, match="read-only"):
            con.execute("create table x (a int)")


@pytest.mark.slow
def test_api_issue_19_quickstart_example_runs(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "examples" / "quickstart.py"), str(tmp_path / "wh")],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "IRN" in done.stdout and "rows in daily_dyad_counts" in done.stdout


@pytest.mark.parametrize("sentence, historical", [
    ("Rebels attacked the fort in 1873.", True),
    ("Rebels attacked the fort on Sunday.", False),
])
def test_api_issue_19_mentions_dated_long_before_publication_are_historical(nlp, sentence, historical):
    (mention,) = eventpipe.extract([sentence], published="2020-05-06")
    assert mention.historical is historical
