import datetime as dt
import gzip
import json
import os
from pathlib import Path

import pytest

from eventpipe.extraction.reading.html import extract_html, fragment_text, looks_like_html

BODY = " ".join(
    f"Paragraph {i}: the city council voted on the new budget after a long debate about schools, roads and the harbour."
    for i in range(6)
)


def _page(head: str = "", lead: str = "") -> str:
    paragraphs = "".join(f"<p>{s}.</p>" for s in BODY.split(". "))
    return (
        f"<!DOCTYPE html><html><head><title>Council passes budget | Harbour Times</title>{head}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>Council passes budget</h1>{lead}{paragraphs}</article>"
        "<footer>Copyright Harbour Times. All rights reserved. Subscribe to our newsletter.</footer></body></html>"
    )


META = (
    '<meta property="article:published_time" content="2021-03-04T10:00:00Z">'
    '<meta name="author" content="Ann Writer"><meta property="og:site_name" content="Harbour Times">'
)


@pytest.mark.parametrize(
    "head,lead,published,basis",
    [
        (META, "", dt.date(2021, 3, 4), "metadata"),
        ("", "<p>March 2, 2021</p>", dt.date(2021, 3, 2), "dateline"),
        ("", "", None, "none"),
    ],
)
def test_html_date_from_metadata_then_dateline(head, lead, published, basis):
    page = extract_html(_page(head, lead))
    assert page is not None and (page.published, page.published_basis) == (published, basis)
    assert "Paragraph 3" in page.text and "Home" not in page.text and "newsletter" not in page.text


def test_html_metadata_title_author_site():
    page = extract_html(_page(META))
    assert page.title.startswith("Council passes budget") and page.author == "Ann Writer" and page.sitename == "Harbour Times"
    assert len(page.text.split("\n")) >= 6  # one paragraph per line


def test_html_no_main_text_gives_none():
    assert extract_html("<html><head><title>T</title></head><body><script>x()</script></body></html>") is None


@pytest.mark.parametrize(
    "fragment,expected",
    [("<p>One <b>two</b>.</p><p>Three &amp; four<br>five</p>", "One two.\nThree & four\nfive"), ("plain", "plain"), ("<script>x()</script>", "")],
)
def test_html_fragment_text(fragment, expected):
    assert fragment_text(fragment) == expected


@pytest.mark.parametrize("text,expected", [("<!doctype html><html>", True), ("  <html lang=en>", True), ("Rebels <b>attacked</b>", False)])
def test_html_looks_like_html(text, expected):
    assert looks_like_html(text) is expected


CORPUS = Path(os.environ.get("EVENTPIPE_HTML_CORPUS", Path(__file__).resolve().parents[4] / "shared" / "data" / "corpus" / "html"))


@pytest.mark.skipif(not (CORPUS / "manifest.jsonl").exists(), reason="the reference HTML corpus (../shared) is absent")
def test_html_reference_pages_keep_most_of_the_main_text():
    rows = [json.loads(line) for line in (CORPUS / "manifest.jsonl").read_text().splitlines()[:10]]
    found = [extract_html(gzip.decompress((CORPUS / r["file"]).read_bytes()).decode("utf-8", "replace"), r["url"]) for r in rows]
    assert sum(page is not None and len(page.text) > 200 for page in found) >= 9


def test_html_page_nested_deeper_than_lxml_reads_still_gives_its_prose():
    story = "Police arrested ten protesters in Cairo on Monday, officials said."
    page = "<html><body>" + "<div>" * 5000 + f"<p>{story}</p><p>Home</p>" + "</div>" * 5000 + "</body></html>"
    assert extract_html(page).text == story  # navigation words stay out


def test_html_navigation_only_page_has_no_prose_fallback():
    assert extract_html("<html><body>" + "<div>" * 3000 + "<a>Home</a> <a>News</a>" + "</div>" * 3000 + "</body></html>") is None
