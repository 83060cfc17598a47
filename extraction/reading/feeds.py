"""RSS and Atom feeds through feedparser, and bounded http(s) fetching of feeds and linked pages.

An item whose body is only a summary (no content, or content no longer than the summary and
shorter than `MIN_CONTENT_WORDS`) gets its link fetched and read as an HTML page.
"""

from __future__ import annotations

import datetime as dt
import io
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..errors import InputError

MIN_CONTENT_WORDS = 80
USER_AGENT = "eventpipe (+https://pypi.org/project/eventpipe/)"
_FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchLimits:
    """Bounds on one http(s) fetch: seconds in all, and bytes of body."""

    timeout: float = 10.0
    max_bytes: int = 5 * 1024 * 1024


@dataclass(frozen=True)
class Fetched:
    """A fetched body with the final URL and the charset the server declared."""

    url: str
    data: bytes
    charset: str | None = None


@dataclass(frozen=True)
class FeedItem:
    """One feed entry: its link, metadata and the body the feed carried (HTML or text)."""

    index: int
    link: str | None
    title: str | None
    published: dt.date | None
    author: str | None
    body: str
    needs_fetch: bool


Fetch = Callable[[str], Fetched]


def is_web_url(spec: str) -> bool:
    """True for an http:// or https:// URL with a host (the only schemes eventpipe fetches)."""
    parts = urllib.parse.urlsplit(spec)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def looks_like_feed(data: bytes) -> bool:
    """True when the head of `data` opens an RSS, RDF or Atom document."""
    head = data[:2048].lower()
    return any(marker in head for marker in _FEED_MARKERS)


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only: never to ftp:// or file://."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: PLR0913 - urllib's signature
        if not is_web_url(urllib.parse.urljoin(req.full_url, newurl)):
            raise urllib.error.HTTPError(newurl, code, f"refused redirect to {newurl!r}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_url(url: str, limits: FetchLimits = FetchLimits()) -> Fetched:
    """The body of an http(s) URL within `limits`; raises InputError (`fetch`, `too_large`, `unsupported`)."""
    if not is_web_url(url):
        raise InputError("unsupported", url, "only http:// and https:// URLs are fetched")
    opener = urllib.request.build_opener(_HttpOnlyRedirects)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
    deadline = time.monotonic() + limits.timeout
    try:
        with opener.open(request, timeout=limits.timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limits.max_bytes:
                raise InputError("too_large", url, f"{declared} bytes announced; the limit is {limits.max_bytes}")
            body = _read_bounded(response, url, limits, deadline)
            return Fetched(url=response.geturl(), data=body, charset=response.headers.get_content_charset())
    except InputError:
        raise
    except urllib.error.HTTPError as exc:
        raise InputError("fetch", url, f"HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError("fetch", url, f"cannot fetch: {reason}") from exc


def _read_bounded(response, url: str, limits: FetchLimits, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(_CHUNK):
        size += len(chunk)
        if size > limits.max_bytes:
            raise InputError("too_large", url, f"the body passed the limit of {limits.max_bytes} bytes")
        if time.monotonic() > deadline:
            raise InputError("fetch", url, f"took longer than {limits.timeout:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


def _entry_date(entry) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        if value := entry.get(key):
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _entry_body(entry) -> tuple[str, bool]:
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    content = max(contents, key=len, default="")
    summary = entry.get("summary", "") or ""
    only_summary = not content or (len(content) <= len(summary) and len(content.split()) < MIN_CONTENT_WORDS)
    return (content or summary), only_summary


def feed_items(data: bytes, uri: str) -> Iterator[FeedItem]:
    """The entries of an RSS/Atom document; raises InputError (`feed`) when it holds none and is malformed."""
    import feedparser

    # A stream, never a str: feedparser would fetch a str that looks like a URL or open it as a path.
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=True, response_headers={"content-location": uri})
    if not parsed.entries:
        problem = f": {parsed.get('bozo_exception')}" if parsed.get("bozo") else ""
        raise InputError("feed", uri, f"no items in this feed{problem}")
    for index, entry in enumerate(parsed.entries, start=1):
        body, only_summary = _entry_body(entry)
        link = entry.get("link") or None
        yield FeedItem(
            index=index, link=link, title=entry.get("title") or None, published=_entry_date(entry),
            author=entry.get("author") or None, body=body, needs_fetch=only_summary and bool(link),
        )
