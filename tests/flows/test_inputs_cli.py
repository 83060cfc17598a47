"""One command per kind of input the issue names: an HTML folder, a feed on loopback, a zip, a CSV."""

from __future__ import annotations

import csv
import http.server
import threading
import zipfile

import duckdb
import pytest
from typer.testing import CliRunner

from eventpipe.flows.cli import app
from eventpipe.warehouse.query import connect_readonly

pytestmark = pytest.mark.slow
runner = CliRunner()

STORY = "Rebel fighters attacked a police station in Mosul on Sunday, killing four officers, the army said."
PAGE = f"""<html><head><title>Rebels attack police in Mosul</title>
<meta property="article:published_time" content="2015-03-09"></head>
<body><nav>Home | World | Sport</nav><article><h1>Rebels attack police in Mosul</h1>
<p>{STORY}</p><p>Iraqi troops arrested ten suspects in Baghdad on Monday.</p></article>
<footer>Copyright 2015</footer></body></html>"""


def _feed(base: str) -> str:
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Test feed</title><link>{base}</link>
<item><title>Rebels attack police in Mosul</title><link>{base}/story.html</link>
<description>Rebels attacked police.</description><pubDate>Mon, 09 Mar 2015 10:00:00 GMT</pubDate></item>
</channel></rss>"""


@pytest.fixture
def server(tmp_path):
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "story.html").write_text(PAGE)
    handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(*a, directory=str(tmp_path / "www"), **k)  # noqa: E731
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    (tmp_path / "www" / "feed.rss").write_text(_feed(base))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()


def _run(tmp_path, *args):
    result = runner.invoke(app, ["run", *args, "--warehouse", str(tmp_path / "wh"), "--quiet"])
    assert result.exit_code == 0, result.output
    with connect_readonly(tmp_path / "wh" / "events.duckdb") as con:
        return con.execute("select uri, title, published, published_basis from documents order by uri").fetchall()


def test_inputs_cli_html_folder(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.html").write_text(PAGE)
    rows = _run(tmp_path, str(tmp_path / "pages"))
    assert [(r[1], str(r[2]), r[3]) for r in rows] == [("Rebels attack police in Mosul", "2015-03-09", "metadata")]


def test_inputs_cli_feed_on_loopback_fetches_the_item_page(tmp_path, server):
    rows = _run(tmp_path, f"{server}/feed.rss")
    assert len(rows) == 1 and str(rows[0][2]) == "2015-03-09"
    with connect_readonly(tmp_path / "wh" / "events.duckdb") as con:
        assert "police station in Mosul" in con.execute("select text from documents").fetchone()[0]


def test_inputs_cli_zip_of_text_files(tmp_path):
    with zipfile.ZipFile(tmp_path / "articles.zip", "w") as archive:
        archive.writestr("one.txt", STORY)
        archive.writestr("two.txt", "Police arrested ten protesters in Cairo on Monday.")
    assert len(_run(tmp_path, str(tmp_path / "articles.zip"))) == 2


def test_inputs_cli_csv_with_column_mapping(tmp_path):
    path = tmp_path / "export.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["story_id", "body", "day"])
        writer.writerow(["s1", STORY + "\nA second line, quoted across a newline.", "2015-03-09"])
        writer.writerow(["s2", "", "2015-03-10"])
    result = runner.invoke(app, ["run", str(path), "--text-field", "body", "--date-field", "day", "--id-field", "story_id", "--warehouse", str(tmp_path / "wh"), "-q"])
    assert result.exit_code == 0, result.output
    with connect_readonly(tmp_path / "wh" / "events.duckdb") as con:
        assert con.execute("select source_id, published from documents").fetchall() == [("s1", __import__("datetime").date(2015, 3, 9))]
        assert con.execute("select reason, line from rejects").fetchall() == [("missing_text", 4)]  # header 1, a quoted newline spans 2-3
