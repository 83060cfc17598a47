"""Why a row exists: an event's fields, its mentions' sentences with the coded spans marked, and
the dictionary entries, codebook lines and merge reason that made it.

`explanation` reads the warehouse; `explain_renderable` (terminal) and `explain_html` (report) draw
the same view from it. Works on mentions alone when the warehouse has no `events` rows.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

import duckdb
from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..extraction.events.actors import ActorDictionary, load_actor_dictionary
from ..extraction.events.codebook import Codebook, load_codebook
from ..extraction.errors import EventpipeError
from .query import connect_readonly

Role = Literal["actor", "action", "target", "place", "date"]
ROLES: tuple[str, ...] = get_args(Role)
# (role, column prefix of its span): place is stored as location_*.
_SPAN_COLUMNS = {"actor": "actor", "action": "action", "target": "target", "place": "location", "date": "date"}
ROLE_STYLES = {"actor": "bold black on #9ecae1", "action": "bold black on #fdae6b", "target": "bold black on #a1d99b",
               "place": "bold black on #dadaeb", "date": "bold black on #fdd0a2"}
ROLE_COLOURS = {"actor": "#9ecae1", "action": "#fdae6b", "target": "#a1d99b", "place": "#dadaeb", "date": "#fdd0a2"}
_EVENT_FIELDS = ("event_id", "modality", "actor_code", "actor_text", "cameo", "quad_class", "goldstein", "plover",
                 "target_code", "target_text", "location_name", "location_country", "date_start", "date_end",
                 "date_granularity", "name_variants", "num_mentions", "num_documents", "num_sources", "first_seen")
_MENTION_FIELDS = ("mention_id", "modality", "actor_code", "actor_text", "cameo", "quad_class", "goldstein", "plover",
                   "target_code", "target_text", "location_name", "location_country", "date_start", "date_end",
                   "date_granularity", "date_basis", "confidence")


class ExplainError(EventpipeError):
    """The event or mention id matches no row (or more than one)."""

    code = "explain"

    def __init__(self, message: str, hint: str = ""):
        self.hint = hint
        super().__init__(message if not hint else f"{message}\nHint: {hint}")


@dataclass
class Explanation:
    """An event (None when explaining one mention) with its mentions, their documents and coding lines."""

    event: dict | None
    mentions: list[dict]
    documents: dict[str, dict]
    coding: dict[str, list[str]] = field(default_factory=dict)

    @property
    def merge_reason(self) -> str:
        if self.event is None:
            return "single mention (no consolidated event looked up)"
        return self.event.get("merge_reason") or "single mention"


def has_events(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the warehouse has an `events` table or view with at least one row."""
    found = con.execute("select count(*) from information_schema.tables where table_name = 'events'").fetchone()[0]
    return bool(found) and con.execute("select count(*) from events").fetchone()[0] > 0


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    """The result of `sql` as a list of column -> value dicts."""
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _one(con: duckdb.DuckDBPyConnection, table: str, column: str, key: str) -> dict | None:
    """The row whose `column` equals `key` or, failing that, starts with it (a pasted short id)."""
    found = rows(con, f"select * from {table} where {column} = ?", [key])
    if not found:
        found = rows(con, f"select * from {table} where starts_with({column}, ?) limit 2", [key])
    if len(found) > 1:
        raise ExplainError(f"{table[:-1]} id prefix {key!r} is ambiguous", hint="give more characters of the id")
    return found[0] if found else None


def explanation(con: duckdb.DuckDBPyConnection, event_id: str | None = None, mention_id: str | None = None,
                codebook: Codebook | None = None, actors: ActorDictionary | None = None) -> Explanation:
    """Look up an event (by id) or a single mention and everything needed to explain it."""
    if not event_id and not mention_id:
        raise ExplainError("give an EVENT_ID or --mention ID", hint="ids are in `eventpipe query \"select event_id from events\"`")
    event, mentions = None, []
    if mention_id:
        mention = _one(con, "mentions", "mention_id", mention_id)
        if mention is None:
            raise ExplainError(f"no mention with id {mention_id!r}", hint="list them with `eventpipe query \"select mention_id, sentence from mentions\"`")
        mentions = [mention]
    elif has_events(con):
        event = _one(con, "events", "event_id", event_id)
        if event is None:
            raise ExplainError(f"no event with id {event_id!r}", hint="list them with `eventpipe query \"select event_id, merge_reason from events\"`")
        mentions = _event_mentions(con, event)
    else:
        mention = _one(con, "mentions", "mention_id", event_id)
        if mention is None:
            raise ExplainError(f"no event with id {event_id!r}: this warehouse has no events yet",
                               hint="explain a mention with --mention ID, or rerun `eventpipe run` to consolidate")
        mentions = [mention]
    documents = _documents(con, [m["doc_id"] for m in mentions])
    result = Explanation(event, mentions, documents)
    codebook, actors = codebook or load_codebook(), actors or load_actor_dictionary()
    for m in mentions:
        published = documents.get(m["doc_id"], {}).get("published")
        result.coding[m["mention_id"]] = coding_lines(m, codebook, actors, published)
    return result


def _event_mentions(con: duckdb.DuckDBPyConnection, event: dict) -> list[dict]:
    ids = list(event.get("mention_ids") or [])
    found = {m["mention_id"]: m for m in rows(con, "select * from mentions where list_contains(?, mention_id)", [ids])}
    return [found[i] for i in ids if i in found]


def _documents(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> dict[str, dict]:
    sql = "select doc_id, uri, source, title, published, text from documents where list_contains(?, doc_id)"
    return {d["doc_id"]: d for d in rows(con, sql, [sorted(set(doc_ids))])}


def coding_lines(mention: dict, codebook: Codebook, actors: ActorDictionary, published: dt.date | None) -> list[str]:
    """The dictionary entries and codebook lines behind a mention's actor, action and target codes."""
    lines = [_actor_line("actor", mention.get("actor_text"), mention.get("actor_code"), actors, published)]
    lines += _action_lines(mention, codebook)
    if mention.get("target_text"):
        lines.append(_actor_line("target", mention["target_text"], mention.get("target_code"), actors, published))
    if mention.get("location_name"):
        where = ", ".join(str(v) for v in (mention.get("location_admin1"), mention.get("location_country")) if v)
        geonameid = f", geonameid {mention['geonameid']}" if mention.get("geonameid") else ""
        source = "the town its context names:" if mention.get("location_basis") == "context" else "gazetteer"
        lines.append(f"place {mention.get('location_text')!r} -> {source} {mention['location_name']} ({where or '?'}{geonameid})")
    if mention.get("date_start"):
        said = repr(mention["date_text"]) if mention.get("date_text") else "no date words: publication date"
        lines.append(f"date {said} -> {mention['date_start']}..{mention.get('date_end')}"
                     f" ({mention.get('date_granularity')}, {mention.get('date_basis')})")
    return lines


def _actor_line(role: str, text: str | None, code: str | None, actors: ActorDictionary, published: dt.date | None) -> str:
    found = actors.code_actor(text or "", on=published) if text else None
    entry = found.entry if found else "no dictionary entry (coded from context or coreference)"
    return f"{role} {text!r} -> {code or 'uncoded'}: {entry}"


def _action_lines(mention: dict, codebook: Codebook) -> list[str]:
    cameo, lemma = mention.get("cameo"), mention.get("action_lemma") or ""
    lines = []
    entry = codebook.code_verb(lemma) or codebook.code_noun(lemma) if lemma else None
    if entry is not None:
        note = "" if entry.cameo == cameo else f" (context gave {cameo})"
        lines.append(f"action {lemma!r}: dictionary {entry.pattern}{note}")
    described = codebook.describe(cameo) if cameo else None
    if described is not None:
        lines.append(f"codebook CAMEO {described.cameo} {described.name}: root {described.root},"
                     f" QuadClass {described.quad_class}, Goldstein {described.goldstein}, PLOVER {described.plover}")
    elif not lines:
        lines.append(f"action {lemma!r}: no codebook entry")
    return lines


def segments(mention: dict) -> list[tuple[str, Role | None]]:
    """The sentence cut into (text, role) pieces; role None outside the coded spans.

    Spans are document offsets; a span overlapping one already placed (e.g. a target inside the
    actor phrase) is dropped rather than nested, so the pieces always rebuild the sentence.
    """
    sentence, base = mention["sentence"], mention.get("sentence_span_start") or 0
    spans: list[tuple[int, int, Role]] = []
    for role in ROLES:
        start, end = mention.get(f"{_SPAN_COLUMNS[role]}_span_start"), mention.get(f"{_SPAN_COLUMNS[role]}_span_end")
        if start is None or end is None:
            continue
        start, end = max(start - base, 0), min(end - base, len(sentence))
        if start < end and all(end <= s or start >= e for s, e, _ in spans):
            spans.append((start, end, role))
    pieces, at = [], 0
    for start, end, role in sorted(spans):
        if start > at:
            pieces.append((sentence[at:start], None))
        pieces.append((sentence[start:end], role))
        at = end
    if at < len(sentence):
        pieces.append((sentence[at:], None))
    return pieces


def _fields(record: dict, names: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(n, ", ".join(map(str, v)) if isinstance(v, list) else str(v)) for n in names if (v := record.get(n)) not in (None, [], "")]


def _document_line(doc: dict | None, doc_id: str) -> str:
    if not doc:
        return f"document {doc_id[:12]}"
    title = doc.get("title") or "(untitled)"
    return f"{title} | {doc.get('source') or 'unknown source'} | published {doc.get('published') or 'unknown'} | {doc.get('uri')}"


def explain_renderable(found: Explanation) -> Group:
    """The explanation as a rich renderable: fields, highlighted sentences, coding lines, merge reason."""
    parts: list = []
    record = found.event or found.mentions[0]
    title = "event " + record["event_id"] if found.event else "mention " + record["mention_id"]
    table = Table(title=title, show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    for name, value in _fields(record, _EVENT_FIELDS if found.event else _MENTION_FIELDS):
        table.add_row(name, value)
    table.add_row("merge reason", found.merge_reason)
    parts.append(table)
    legend = Text("spans: ")
    for role in ROLES:
        legend.append(f" {role} ", style=ROLE_STYLES[role]).append(" ")
    parts.append(legend)
    for i, m in enumerate(found.mentions, 1):
        parts.append(Text(f"\n[{i}/{len(found.mentions)}] mention {m['mention_id'][:16]} · {m['modality']} · "
                          f"{_document_line(found.documents.get(m['doc_id']), m['doc_id'])}", style="dim"))
        sentence = Text("  ")
        for piece, role in segments(m):
            sentence.append(piece, style=ROLE_STYLES[role] if role else "")
        parts.append(sentence)
        for line in found.coding.get(m["mention_id"], []):
            parts.append(Text(f"    {line}", style="cyan"))
    return Group(*parts)


def explain_html(found: Explanation) -> str:
    """The same explanation as an HTML fragment (escaped; styles from the `ep-` classes of the report)."""
    e = html.escape
    record = found.event or found.mentions[0]
    title = "event " + record["event_id"] if found.event else "mention " + record["mention_id"]
    cells = "".join(f"<tr><th>{e(n)}</th><td>{e(v)}</td></tr>" for n, v in _fields(record, _EVENT_FIELDS if found.event else _MENTION_FIELDS))
    cells += f"<tr><th>merge reason</th><td>{e(found.merge_reason)}</td></tr>"
    out = [f'<div class="ep-explain"><h4>{e(title)}</h4><table class="ep-fields">{cells}</table>']
    for m in found.mentions:
        marked = "".join(f'<mark class="ep-{role}" title="{role}">{e(piece)}</mark>' if role else e(piece) for piece, role in segments(m))
        coding = "".join(f"<li>{e(line)}</li>" for line in found.coding.get(m["mention_id"], []))
        doc = _document_line(found.documents.get(m["doc_id"]), m["doc_id"])
        out.append(f'<div class="ep-mention"><div class="ep-doc">{e(m["modality"])} · {e(doc)}</div>'
                   f'<p class="ep-sentence">{marked}</p><ul class="ep-coding">{coding}</ul></div>')
    out.append("</div>")
    return "".join(out)


def explain_css() -> str:
    """CSS for `explain_html` fragments: one colour per role."""
    marks = "".join(f".ep-{role}{{background:{colour};border-radius:3px;padding:0 2px}}" for role, colour in ROLE_COLOURS.items())
    return (marks + ".ep-explain{border:1px solid #ddd;border-radius:6px;padding:8px 12px;margin:8px 0}"
            ".ep-fields th{text-align:left;padding-right:12px;font-weight:600}.ep-doc{color:#666;font-size:90%}"
            ".ep-coding{color:#245;font-size:90%;margin-top:2px}.ep-sentence{margin:4px 0}")


def explain_event(database: Path, event_id: str | None, mention_id: str | None, filesystem=None) -> Group:
    """The rich renderable explaining EVENT_ID (or one mention with `mention_id`) from the warehouse views.

    `filesystem` (fsspec) reads the Parquet files of a remote warehouse.
    """
    with connect_readonly(database, filesystem) as con:
        return explain_renderable(explanation(con, event_id, mention_id))
