"""Find inputs (files, folders, globs, URLs) and turn each into raw articles or errors.

Readers by kind: plain text, HTML pages (html.py), RSS/Atom feeds (feeds.py), JSONL and CSV
manifests (manifests.py), and .gz/.zip/.tar(.gz) archives of any of these (archives.py), read
as streams. Bytes are decoded by encodings.py, and clear non-English text is refused (language.py).
Nothing here raises for a bad input: each one yields an `InputError` in place of an article, so
the caller can account for every input as a document or a reject.
"""

from __future__ import annotations

import glob
import hashlib
import os
import urllib.parse
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from .archives import ARCHIVE_SUFFIXES, ArchiveLimits, Budget, archive_members, is_archive
from .articles import RawArticle
from .encodings import declared_charset, decode_bytes, is_binary, repair_mojibake
from ..errors import InputError
from .feeds import FeedItem, FetchLimits, fetch_url, feed_items, is_web_url, looks_like_feed
from .html import extract_html, fragment_text, looks_like_html
from .language import unwanted_language
from .manifests import CSV_SUFFIXES, JSONL_SUFFIXES, FieldMap, read_csv, read_jsonl

__all__ = ["FieldMap", "InputError", "RawArticle", "default_seeds", "discover", "language_checked", "read_inputs"]

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
MANIFEST_SUFFIXES = JSONL_SUFFIXES + CSV_SUFFIXES
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES + MANIFEST_SUFFIXES + ARCHIVE_SUFFIXES
MAX_BYTES = 20 * 1024 * 1024
_MAX_DEPTH = 3  # archives inside archives inside archives, no deeper
_EXCERPT = 200
_READ_ATTEMPTS = 2  # reads of a file that changes under us before it becomes a `changed` reject


@dataclass(frozen=True)
class _Options:
    fields: FieldMap = field(default_factory=FieldMap)
    languages: frozenset[str] | None = frozenset({"en"})
    max_bytes: int = MAX_BYTES
    archive: ArchiveLimits = field(default_factory=ArchiveLimits)
    fetch: FetchLimits = field(default_factory=FetchLimits)
    fetch_links: bool = True


def _is_supported(path: Path) -> bool:
    return path.name.lower().endswith(SUPPORTED_SUFFIXES)


def discover(inputs: Iterable[str], seen: set[Path] | None = None) -> Iterator[Path | InputError]:
    """Every input file named by paths, folders (recursive) and globs, in a stable order, each once.

    seen: resolved paths already read (shared across calls to read each file once per run).
    """
    seen = set() if seen is None else seen
    for spec in inputs:
        matches = sorted(glob.glob(spec, recursive=True)) if glob.has_magic(spec) else [spec]
        if not matches:
            yield InputError("not_found", spec, f"no file matches {spec!r}")
        for match in matches:
            path = Path(match)
            if path.is_dir():
                files = sorted(p for p in path.rglob("*") if p.is_file() and _is_supported(p))
            elif path.exists():
                files = [path]
            else:
                yield InputError("not_found", str(path), "no such file or folder")
                continue
            for file in files:
                if file.resolve() not in seen:
                    seen.add(file.resolve())
                    yield file


def _read_capped(stream: BinaryIO, uri: str, limit: int) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError("too_large", uri, f"larger than the {limit}-byte limit for one document; raise max_bytes to read it")
    return data


def _text_article(data: bytes, uri: str, declared: str | None = None) -> RawArticle:
    text = decode_bytes(data, uri, declared).text
    if not text.strip():
        raise InputError("empty", uri, "the file holds no text")
    return RawArticle(uri=uri, text=text, raw_sha256=hashlib.sha256(data).hexdigest())


def _page_article(data: bytes, uri: str, declared: str | None = None, item: FeedItem | None = None) -> RawArticle:
    # Mojibake is repaired on the main text only: ftfy over a whole page costs more than extraction.
    html = decode_bytes(data, uri, declared or declared_charset(data), repair=False).text
    page = extract_html(html, url=uri if is_web_url(uri) else None)
    if page is None:
        raise InputError("empty", uri, "no main text found in the page", excerpt=html[:_EXCERPT])
    published, basis = (item.published, "metadata") if item and item.published else (page.published, page.published_basis)
    return RawArticle(
        uri=uri, text=repair_mojibake(page.text), title=(item and item.title) or page.title, published=published,
        source=page.sitename, published_basis=basis, author=(item and item.author) or page.author,
        raw_sha256=hashlib.sha256(data).hexdigest(),
    )


def _item_article(item: FeedItem, feed_uri: str, options: _Options) -> RawArticle:
    uri = item.link or f"{feed_uri}#{item.index}"
    try:
        if item.needs_fetch and options.fetch_links:
            fetched = fetch_url(item.link, options.fetch)
            return _page_article(fetched.data, item.link, fetched.charset, item)
        text = fragment_text(item.body)
        if not text:
            raise InputError("empty", uri, "the item has no text")
    except InputError as error:
        raise InputError(error.reason, feed_uri, f"item {item.index} ({uri}): {error.detail}", item.index) from error
    basis = "metadata" if item.published else None
    return RawArticle(
        uri=uri, text=text, title=item.title, published=item.published, published_basis=basis,
        author=item.author, line=item.index,
    )


def _read_feed(data: bytes, uri: str, options: _Options) -> Iterator[RawArticle | InputError]:
    try:
        for item in feed_items(data, uri):
            try:
                yield _item_article(item, uri, options)
            except InputError as error:
                yield error
    except InputError as error:
        yield error


def _read_document(data: bytes, name: str, uri: str, options: _Options, declared: str | None = None) -> Iterator[RawArticle | InputError]:
    """A text, HTML or feed document, judged by its name and then by its first bytes."""
    lower = name.lower()
    if is_binary(data):
        raise InputError("binary", uri, "NUL bytes in the first 4 KB: this looks like a binary file")
    head = data[:4096].decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
    if lower.endswith(TEXT_SUFFIXES) and not head.startswith("<"):
        yield _text_article(data, uri, declared)
    elif looks_like_feed(data) and not looks_like_html(head):
        yield from _read_feed(data, uri, options)
    elif lower.endswith(HTML_SUFFIXES) or looks_like_html(head):
        yield _page_article(data, uri, declared)
    elif lower.endswith(FEED_SUFFIXES):
        raise InputError("unsupported", uri, "this XML file is not an RSS or Atom feed")
    else:
        yield _text_article(data, uri, declared)


def _read_stream(stream: BinaryIO, name: str, uri: str, options: _Options, budget: Budget, depth: int = 0) -> Iterator[RawArticle | InputError]:
    lower = name.lower()
    if is_archive(lower):
        if depth >= _MAX_DEPTH:
            raise InputError("unsupported", uri, f"archives nested more than {_MAX_DEPTH} deep are not read")
        for member in archive_members(stream, name, uri, budget, options.archive):
            if isinstance(member, InputError):
                yield member
            else:
                yield from _guarded(_read_stream(member.stream, member.name, member.uri, options, budget, depth + 1), member.uri)
    elif lower.endswith(JSONL_SUFFIXES):
        yield from read_jsonl(stream, uri, options.fields)
    elif lower.endswith(CSV_SUFFIXES):
        yield from read_csv(stream, uri, options.fields, name=name, max_field_chars=options.max_bytes)
    elif lower.endswith(TEXT_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES) or "." not in lower.rsplit("/", 1)[-1]:
        yield from _read_document(_read_capped(stream, uri, options.max_bytes), name, uri, options)
    else:
        raise InputError("unsupported", uri, f"unsupported file type {Path(lower).suffix!r}; see `eventpipe run --help` for the inputs read")


def _guarded(items: Iterator[RawArticle | InputError], uri: str) -> Iterator[RawArticle | InputError]:
    """The items, with a reader's own failure (corrupt stream, limit passed) ending them as one error."""
    try:
        yield from items
    except InputError as error:
        yield error
    except (OSError, EOFError, ValueError) as exc:  # gzip.BadGzipFile is an OSError
        yield InputError("unreadable", uri, f"cannot read: {exc}")


def _read_url(url: str, options: _Options) -> Iterator[RawArticle | InputError]:
    fetched = fetch_url(url, options.fetch)
    name = urllib.parse.urlsplit(fetched.url).path.rsplit("/", 1)[-1] or "index.html"
    name = name if name.lower().endswith(HTML_SUFFIXES + FEED_SUFFIXES + TEXT_SUFFIXES) else "page"
    yield from _read_document(fetched.data, name, fetched.url, options, fetched.charset)


def _signature(path: Path) -> tuple[int, int, int, int] | None:
    """Inode, size, modification and change times of a file: unchanged by a read that nothing wrote into
    (a file replaced by a rename, or deleted, counts as changed)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns


def _bytes_unchanged(path: Path, read: list[RawArticle | InputError]) -> bool:
    """Whether the file still holds the bytes a single-article read hashed (True when nothing was hashed)."""
    hashes = {item.raw_sha256 for item in read if isinstance(item, RawArticle) and item.raw_sha256}
    if len(hashes) != 1:
        return True
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() in hashes
    except OSError:
        return False


def _read_path(path: Path, options: _Options) -> Iterator[RawArticle | InputError]:
    """The articles of one local file; a file written to while it is read is read again, once.

    Manifests and archives are streamed (never held whole): records read before a change stand,
    and the change itself is reported as a `changed` error so the file is looked at again.
    A change is seen through (inode, size, mtime, ctime) and, for a text or HTML file, by reading
    its bytes again and comparing their hash: an in-place rewrite to the same size within one tick
    of the filesystem clock leaves the signature alone, but not the bytes.
    """
    uri = str(path)
    streamed = path.name.lower().endswith(MANIFEST_SUFFIXES + ARCHIVE_SUFFIXES)
    for _ in range(_READ_ATTEMPTS):
        try:
            handle = path.open("rb")
        except OSError as exc:
            yield InputError("unreadable", uri, exc.strerror or str(exc))
            return
        with handle:
            before = _signature(path)
            items = _guarded(_read_stream(handle, path.name, uri, options, Budget(options.archive.max_uncompressed)), uri)
            if streamed:
                yield from items
                if _signature(path) != before:
                    yield InputError("changed", uri, "the file changed while it was read; the records read before the change are kept")
                return
            read = list(items)
            if _signature(path) == before and _bytes_unchanged(path, read):
                yield from read
                return
    yield InputError("changed", uri, f"the file kept changing while it was read ({_READ_ATTEMPTS} tries); the next run reads it again")


def language_checked(item: RawArticle | InputError, languages: Collection[str] | None) -> RawArticle | InputError:
    """The item, or a `language` error when its text is clearly in none of `languages` (None: any)."""
    if isinstance(item, InputError) or languages is None:
        return item
    if guess := unwanted_language(item.text, languages):
        wanted = ", ".join(sorted(languages))
        detail = f"the text looks {guess.lang} ({guess.confidence:.2f}), not {wanted}; it is not parsed"
        return InputError("language", item.uri, detail, item.line, item.text[:_EXCERPT])
    return item


def read_inputs(
    inputs: Iterable[str],
    *,
    fields: FieldMap | None = None,
    languages: Collection[str] | None = ("en",),
    max_bytes: int = MAX_BYTES,
    max_uncompressed: int = ArchiveLimits.max_uncompressed,
    fetch_timeout: float = FetchLimits.timeout,
    fetch_max_bytes: int = FetchLimits.max_bytes,
    fetch_links: bool = True,
    allowed_roots: Collection[str] | None = None,
) -> Iterator[RawArticle | InputError]:
    """Every article (or error) named by the inputs, streamed: nothing holds the whole corpus.

    inputs: paths, folders, globs, and http(s) URLs of feeds or pages.
    fields: manifest field/column names (JSONL and CSV).
    languages: ISO 639-1 codes to keep; text clearly in another language becomes a `language`
      error. None keeps everything.
    max_bytes: largest single text/HTML/feed document; max_uncompressed: most bytes read out of
      one archive; fetch_*: bounds on each http(s) fetch; fetch_links: fetch the page of a feed
      item that only carries a summary.
    allowed_roots: when given, local files (after following links) must lie under one of these
      folders; any other becomes an `outside_root` error (for scheduled runs on shared machines).
    """
    options = _Options(
        fields=fields or FieldMap(),
        languages=None if languages is None else frozenset(languages),
        max_bytes=max_bytes,
        archive=ArchiveLimits(max_uncompressed=max_uncompressed),
        fetch=FetchLimits(timeout=fetch_timeout, max_bytes=fetch_max_bytes),
        fetch_links=fetch_links,
    )
    seen: set[Path] = set()
    roots = None if not allowed_roots else [Path(r).resolve() for r in allowed_roots]
    for spec in inputs:
        found = _guarded(_read_url(spec, options), spec) if is_web_url(spec) else _discovered(spec, options, seen, roots)
        for item in found:
            yield language_checked(item, options.languages)


def _discovered(spec: str, options: _Options, seen: set[Path], roots: list[Path] | None) -> Iterator[RawArticle | InputError]:
    for found in discover([spec], seen):
        if isinstance(found, InputError):
            yield found
        elif roots is not None and not any(found.resolve().is_relative_to(root) for root in roots):
            allowed = ", ".join(str(r) for r in roots)
            yield InputError("outside_root", str(found), f"resolves to {found.resolve()}, outside the allowed roots ({allowed})")
        else:
            yield from _read_path(found, options)


def missing_inputs(inputs: Iterable[str]) -> list[str]:
    """The named local inputs that match no file or folder (URLs and object-store paths are not checked)."""
    missing = []
    for spec in inputs:
        if is_web_url(spec) or "://" in spec or spec == "-":
            continue
        if not (glob.glob(spec, recursive=True) if glob.has_magic(spec) else Path(spec).exists()):
            missing.append(spec)
    return missing


def default_seeds() -> Path:
    """The seeds/ folder of a clone (the default input)."""
    env = os.environ.get("EVENTPIPE_SEEDS")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "seeds"
