"""JSONL and CSV manifests: one article per record, fields named by a `FieldMap`.

Each record becomes a `RawArticle` or an `InputError` naming the manifest and the line
(for CSV, the line the record starts on, the header being line 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from .articles import RawArticle
from .encodings import sniff_stream_encoding
from ..errors import InputError

JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv", ".tsv")
_SNIFF_BYTES = 64 * 1024
EXCERPT = 200


@dataclass(frozen=True)
class FieldMap:
    """Which record field (JSON key or CSV column) holds each part of an article."""

    text: str = "text"
    date: str = "published"
    title: str = "title"
    id: str = "id"
    url: str = "url"
    source: str = "source"


def _parse_date(value: object, name: str, uri: str, line: int) -> dt.date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise InputError("bad_field", uri, f"`{name}` must be a date string, got {type(value).__name__}", line)
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(value, languages=["en"], settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
    if parsed is None:
        raise InputError("bad_field", uri, f"`{name}` {value!r} is not a date (give YYYY-MM-DD)", line)
    return parsed.date()


def _optional_str(record: dict, key: str, uri: str, line: int, numbers: bool = False) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value.strip() or None if value else None
    if numbers and isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise InputError("bad_field", uri, f"`{key}` must be a string, got {type(value).__name__}", line)


def article_from_record(record: object, uri: str, line: int, fields: FieldMap = FieldMap()) -> RawArticle:
    """The article of one manifest record; raises InputError naming `uri` and `line`."""
    if not isinstance(record, dict):
        raise InputError("invalid_json", uri, f"expected a JSON object, got {type(record).__name__}", line)
    text = record.get(fields.text)
    if not isinstance(text, str) or not text.strip():
        detail = f"the record has no non-empty `{fields.text}` string"
        raise InputError("missing_text", uri, detail, line, str(record)[:EXCERPT])
    return RawArticle(
        uri=_optional_str(record, fields.url, uri, line) or f"{uri}#{line}",
        text=text,
        source_id=_optional_str(record, fields.id, uri, line, numbers=True),
        title=_optional_str(record, fields.title, uri, line),
        published=_parse_date(record.get(fields.date), fields.date, uri, line),
        source=_optional_str(record, fields.source, uri, line),
        line=line,
    )


def _text_stream(stream: BinaryIO, newline: str | None = None) -> io.TextIOWrapper:
    buffered = stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(stream, _SNIFF_BYTES)
    encoding = sniff_stream_encoding(buffered.peek(_SNIFF_BYTES)[:_SNIFF_BYTES])
    return io.TextIOWrapper(buffered, encoding=encoding, errors="replace", newline=newline)


def read_jsonl(stream: BinaryIO, uri: str, fields: FieldMap = FieldMap()) -> Iterator[RawArticle | InputError]:
    """Each line of a JSONL manifest as an article or an error naming the line."""
    for number, line in enumerate(_text_stream(stream), start=1):
        if not line.strip():
            continue
        try:
            yield article_from_record(json.loads(line), uri, number, fields)
        except json.JSONDecodeError as exc:
            yield InputError("invalid_json", uri, f"not JSON: {exc.msg} at column {exc.colno}", number, line[:EXCERPT])
        except InputError as exc:
            yield exc


def _dialect(sample: str, name: str) -> type[csv.Dialect] | csv.Dialect:
    if name.lower().endswith(".tsv"):
        return csv.excel_tab
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def read_csv(
    stream: BinaryIO, uri: str, fields: FieldMap = FieldMap(), name: str = "", max_field_chars: int = 50_000_000
) -> Iterator[RawArticle | InputError]:
    """Each row of a CSV/TSV manifest (header row first) as an article or an error naming its line."""
    text = _text_stream(stream, newline="")
    sample = text.read(_SNIFF_BYTES)
    handle = _chain(sample, text)
    # csv's field limit is process-wide; raise it (never lower it) so long articles fit in a cell.
    csv.field_size_limit(max(csv.field_size_limit(), min(max_field_chars, sys.maxsize)))
    reader = csv.DictReader(handle, dialect=_dialect(sample, name))
    header = reader.fieldnames or []
    if fields.text not in header:
        hint = ", ".join(header[:12]) or "none"
        yield InputError("missing_column", uri, f"no `{fields.text}` column (columns: {hint}); name the text column with --text-field", 1)
        return
    start = reader.line_num + 1
    for row in reader:
        if any(value for value in row.values() if isinstance(value, str)):
            try:
                yield article_from_record({k: v for k, v in row.items() if k is not None}, uri, start, fields)
            except InputError as exc:
                yield exc
        start = reader.line_num + 1


def _chain(head: str, tail: io.TextIOBase) -> Iterator[str]:
    """Lines of `head` followed by the rest of `tail`, as one line iterator (csv needs line input)."""
    buffer = io.StringIO(head)
    pending = ""
    for line in buffer:
        if line.endswith("\n") or line.endswith("\r"):
            yield pending + line
            pending = ""
        else:
            pending += line
    first = True
    for line in tail:
        if first:
            line, first = pending + line, False
        yield line
    if first and pending:
        yield pending

