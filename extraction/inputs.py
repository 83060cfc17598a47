"""Find inputs (files, folders, globs, JSONL manifests) and turn each into raw articles or errors.

Nothing here raises for a bad input: each one yields an `InputError` in place of an article, so
the caller can account for every input as a document or a reject.
"""

from __future__ import annotations

import datetime as dt
import glob
import gzip
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

TEXT_SUFFIXES = (".txt", ".text", ".md")
MANIFEST_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
_SNIFF_BYTES = 4096


@dataclass(frozen=True)
class RawArticle:
    """One article as read, before cleaning."""

    uri: str
    text: str
    source_id: str | None = None
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    line: int | None = None


def _is_manifest(path: Path) -> bool:
    return path.name.lower().endswith(MANIFEST_SUFFIXES)


def _is_supported(path: Path) -> bool:
    return path.name.lower().endswith(TEXT_SUFFIXES + MANIFEST_SUFFIXES)


def discover(inputs: Iterable[str]) -> Iterator[Path | InputError]:
    """Every input file named by paths, folders (recursive) and globs, in a stable order."""
    seen: set[Path] = set()
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


def _decode(data: bytes, uri: str) -> str:
    if b"\x00" in data[:_SNIFF_BYTES] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("binary", uri, "NUL bytes in the first 4 KB: this looks like a binary file")
    for encoding in ("utf-8-sig", "utf-16") if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError("decode", uri, f"not UTF-8 or cp1252 text ({exc.reason} at byte {exc.start})") from exc


def read_text_file(path: Path) -> RawArticle:
    """A plain-text article; raises InputError when it cannot be read as text."""
    uri = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError("unreadable", uri, exc.strerror or str(exc)) from exc
    text = _decode(data, uri)
    if not text.strip():
        raise InputError("empty", uri, "the file holds no text")
    return RawArticle(uri=uri, text=text)


def _parse_published(value: object, uri: str, line: int) -> dt.date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise InputError("bad_field", uri, f"`published` must be an ISO date string, got {type(value).__name__}", line)
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError as exc:
        raise InputError("bad_field", uri, f"`published` {value!r} is not an ISO date (YYYY-MM-DD)", line) from exc


def _optional_str(record: dict, key: str, uri: str, line: int) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value or None
    if isinstance(value, (int, float)) and key == "id":
        return str(value)
    raise InputError("bad_field", uri, f"`{key}` must be a string, got {type(value).__name__}", line)


def _article_from_record(record: object, uri: str, line: int) -> RawArticle:
    if not isinstance(record, dict):
        raise InputError("invalid_json", uri, f"expected a JSON object, got {type(record).__name__}", line)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("missing_text", uri, "the record has no non-empty `text` string", line, str(record)[:200])
    return RawArticle(
        uri=_optional_str(record, "url", uri, line) or f"{uri}#{line}",
        text=text,
        source_id=_optional_str(record, "id", uri, line),
        title=_optional_str(record, "title", uri, line),
        published=_parse_published(record.get("published"), uri, line),
        source=_optional_str(record, "source", uri, line),
        line=line,
    )


def read_manifest(path: Path) -> Iterator[RawArticle | InputError]:
    """Each line of a JSONL manifest (optionally gzipped) as an article or an error naming the line."""
    uri = str(path)
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    yield _article_from_record(json.loads(line), uri, number)
                except json.JSONDecodeError as exc:
                    yield InputError("invalid_json", uri, f"not JSON: {exc.msg} at column {exc.colno}", number, line[:200])
                except InputError as exc:
                    yield exc
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield InputError("unreadable", uri, f"cannot read the manifest: {exc}")


def read_inputs(inputs: Iterable[str]) -> Iterator[RawArticle | InputError]:
    """Every article (or error) named by the inputs, streamed: nothing holds the whole corpus."""
    for found in discover(inputs):
        if isinstance(found, InputError):
            yield found
        elif _is_manifest(found):
            yield from read_manifest(found)
        elif found.name.lower().endswith(TEXT_SUFFIXES) or found.suffix == "":
            try:
                yield read_text_file(found)
            except InputError as exc:
                yield exc
        else:
            yield InputError("unsupported", str(found), f"unsupported file type {found.suffix!r}; give .txt files or a .jsonl manifest")


def default_seeds() -> Path:
    """The seeds/ folder of a clone (the default input)."""
    env = os.environ.get("EVENTPIPE_SEEDS")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "seeds"
