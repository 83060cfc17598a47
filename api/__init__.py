"""eventpipe from Python: the CLI's commands as functions.

    import eventpipe

    mentions = eventpipe.extract(["Iran offered aid to Iraq on Monday."], published="2014-01-06")
    summary = eventpipe.run(["articles/"], warehouse="warehouse/data")      # a Prefect run, as `eventpipe run`
    con = eventpipe.connect("warehouse/data")                               # read-only DuckDB, as `eventpipe query`

Importing this package loads nothing heavy: spaCy, Prefect and DuckDB load on the first call that needs them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb

    from eventpipe.flows.pipeline import RunSummary
    from eventpipe.schemas import Document, EventMention

try:
    __version__ = version("eventpipe")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__", "connect", "extract", "run"]


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    return dt.date.fromisoformat(value)


def _article(item: str | Mapping[str, Any], index: int, published: dt.date | None):
    """A raw article from a string or a record with text (and published, title, url, id, source)."""
    from eventpipe.extraction.reading.articles import RawArticle

    if isinstance(item, str):
        return RawArticle(uri=f"<text {index}>", text=item, published=published)
    return RawArticle(
        uri=str(item.get("url") or item.get("uri") or f"<text {index}>"), text=item["text"], title=item.get("title"),
        published=_as_date(item.get("published")) or published, source_id=item.get("id"), source=item.get("source"),
    )


def extract(
    texts_or_documents: str | Iterable[str | Mapping[str, Any] | Document],
    published: dt.date | str | None = None,
    model: str | None = None,
    n_process: int = 1,
) -> list[EventMention]:
    """The validated event mentions of some texts, in order; no Prefect, no warehouse.

    texts_or_documents: one string, or strings, records like a JSONL manifest line (`text`,
    optional `published`, `title`, `url`, `id`, `source`) or `eventpipe.schemas.Document`s.
    published: the publication date relative dates ("on Monday") resolve against, for items
    that carry none. Texts with nothing left after cleaning give no mention (as rejects do in a run).
    """
    from eventpipe.extraction.batch import BatchResult, extract_documents, read_batch
    from eventpipe.extraction.events.mentions import load_knowledge
    from eventpipe.extraction.nlp import DEFAULT_MODEL, load_pipeline
    from eventpipe.schemas import Document

    items = [texts_or_documents] if isinstance(texts_or_documents, str) else list(texts_or_documents)
    date = _as_date(published)
    run_id = "api-" + uuid.uuid4().hex[:8]
    documents = [item for item in items if isinstance(item, Document)]
    batch = read_batch((_article(item, i, date) for i, item in enumerate(items) if not isinstance(item, Document)), run_id)
    batch.documents.extend(documents)
    result = extract_documents(batch, load_pipeline(model or DEFAULT_MODEL), load_knowledge(), run_id, n_process=n_process)
    order = {d.doc_id: i for i, d in enumerate(result.documents)}
    return sorted(result.mentions, key=lambda m: (order[m.doc_id], m.sentence_index))


def run(inputs: str | Iterable[str] | None = None, warehouse: str | None = None, **settings: Any) -> RunSummary:
    """Run the pipeline flow (Prefect) on `inputs` into `warehouse`, as `eventpipe run` does; returns its summary.

    settings: any other `Settings` field (batch_size, workers, model, reprocess, ...; see README's settings).
    """
    from eventpipe.flows.pipeline import run_pipeline
    from eventpipe.flows.prefect_env import configure_prefect
    from eventpipe.flows.settings import Settings

    configure_prefect()
    given = {"inputs": [inputs] if isinstance(inputs, str) else (list(inputs) if inputs is not None else None), "warehouse": warehouse, **settings}
    return run_pipeline(Settings(**{k: v for k, v in given.items() if v is not None}))


def connect(warehouse: str | None = None, database: str | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only DuckDB connection with the warehouse's views (documents, mentions, events, ...).

    warehouse: folder or URI (default warehouse/data); an s3:// warehouse's views are rebuilt
    from its manifest first, as `eventpipe query` does. Close it when done (or use `with`).
    """
    from eventpipe.flows.settings import Settings
    from eventpipe.warehouse.query import connect_readonly

    settings = Settings(**{k: v for k, v in {"warehouse": warehouse, "database": database}.items() if v is not None})
    if "://" not in settings.warehouse:
        return connect_readonly(settings.database_path())
    from eventpipe.warehouse.publish import refresh_views

    location = settings.location()
    return connect_readonly(refresh_views(location, settings.database_path()), location.fsspec)
