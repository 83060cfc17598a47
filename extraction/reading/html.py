"""Main text and metadata of an HTML page through trafilatura.

Publication date: the page's metadata first (meta tags, JSON-LD, <time>, the URL), then a
dateline at the head of the main text, then a date written elsewhere in the page (htmldate's
extensive search); the last two count as `dateline` for `published_basis`.
Settings chosen on the 181-page reference set (bench/html_quality.py): comments left out and
precision favoured gave the best F1 there.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from typing import Literal

from .cleaning import parse_dateline

DateBasis = Literal["metadata", "dateline", "none"]

_HEAD_LINES = 3
_INLINE_DATE = re.compile(
    r"\b(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2})\b",
    re.I,
)


@dataclass(frozen=True)
class HtmlArticle:
    """What a page holds: main text (one paragraph per line) and its metadata."""

    text: str
    title: str | None = None
    published: dt.date | None = None
    published_basis: DateBasis = "none"
    author: str | None = None
    sitename: str | None = None
    url: str | None = None


@lru_cache(maxsize=1)
def _options() -> dict:
    # max_date: today, so a page cannot claim a future publication date.
    return {
        "include_comments": False,
        "favor_precision": True,
        "include_tables": True,
        "with_metadata": True,
        "date_extraction_params": {"original_date": True, "extensive_search": False, "max_date": dt.date.today().isoformat()},
    }


def _iso_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _head_dateline(text: str) -> dt.date | None:
    """A date alone on, or at the start of, one of the first lines of the main text."""
    for line in text.split("\n", _HEAD_LINES)[:_HEAD_LINES]:
        if when := parse_dateline(line):
            return when
        match = _INLINE_DATE.search(line[:80])
        if match and (when := parse_dateline(match.group())):
            return when
    return None


def _page_date(html: str, url: str | None) -> dt.date | None:
    from htmldate import find_date

    found = find_date(html, url=url, extensive_search=True, original_date=True, max_date=dt.date.today().isoformat())
    return _iso_date(found)


def _published(text: str, metadata_date: str | None, html: str, url: str | None) -> tuple[dt.date | None, DateBasis]:
    if when := _iso_date(metadata_date):
        return when, "metadata"
    if (when := _head_dateline(text)) or (when := _page_date(html, url)):
        return when, "dateline"
    return None, "none"


def extract_html(html: str, url: str | None = None) -> HtmlArticle | None:
    """Main text and metadata of a page; None when trafilatura finds no main text."""
    from trafilatura import bare_extraction

    found = bare_extraction(html, url=url, **_options())
    text = (found.text or "").strip() if found is not None else ""
    if not text:
        text = _prose_of_unparsable_page(html)
        published = _head_dateline(text) if text else None
        return HtmlArticle(text=text, published=published, published_basis="dateline" if published else "none") if text else None
    published, basis = _published(text, found.date, html, url)
    return HtmlArticle(
        text=text,
        title=found.title or None,
        published=published,
        published_basis=basis,
        author=found.author or None,
        sitename=found.sitename or found.hostname or None,
        url=found.url or url,
    )


class _TextCollector(HTMLParser):
    """The stdlib parser has no depth limit: it reads pages nested deeper than lxml (and so trafilatura) can."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = [""]
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        self._skipping += tag in ("script", "style")
        if tag in _BLOCK_TAGS:
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        self._skipping -= tag in ("script", "style") and self._skipping > 0
        if tag in _BLOCK_TAGS:
            self.blocks.append("")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.blocks[-1] += data


def _prose_of_unparsable_page(html: str, min_words: int = 8) -> str:
    """Paragraphs of prose (at least `min_words` words) when trafilatura found none, e.g. in a page
    nested too deep for lxml; navigation-only pages still give nothing."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    blocks = (" ".join(block.split()) for block in collector.blocks)
    return "\n\n".join(b for b in blocks if len(b.split()) >= min_words and b[-1:] in ".!?\"'”")


def looks_like_html(text: str) -> bool:
    """True when the head of `text` is an HTML document rather than plain text."""
    head = text[:4096].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or (head.startswith(("<?xml", "<!--")) and "<html" in head)


_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article", "pre"}


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed item's body), one paragraph per line."""
    import lxml.html

    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return ""
    for element in list(root.iter("script", "style")):
        element.drop_tree()
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
