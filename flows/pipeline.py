"""The `pipeline` flow: discover -> read/parse/extract per batch -> write -> record the run -> publish.

Only wiring lives here; every stage is a plain function from extraction/ or warehouse/.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture

from ..extraction.batch import BatchResult, extract_batch, reject, utcnow
from ..extraction.inputs import RawArticle, default_seeds, read_inputs
from ..extraction.errors import InputError
from ..extraction.mentions import load_knowledge
from ..extraction.nlp import load_pipeline, model_version
from ..schemas import TABLES, Run
from ..warehouse.publish import publish
from ..warehouse.storage import Location, ensure_writable, locate
from ..warehouse.compaction import compact, recover, replaced_files
from ..warehouse.events_store import update_events
from ..warehouse.lock import warehouse_lock
from ..warehouse.writer import batch_key, clear_staging, read_column, remove_documents, write_records
from .settings import Settings

CODE_VERSION = "0.1.0"
Progress = Callable[[int], None]


@dataclass
class BatchSummary:
    """What a batch task reports back: counts and timings, never the data itself."""

    inputs: int = 0
    documents: int = 0
    skipped: int = 0
    mentions: int = 0
    rejects: int = 0
    words: int = 0
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class RunSummary:
    """What a run did, as shown by the CLI and stored in the `runs` table."""

    run: Run
    database: str
    warehouse: str


def chunked(items: Iterable, size: int) -> Iterator[list]:
    """Lists of at most `size` items, streamed."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _write_batch(location: Location, result: BatchResult, stem: str) -> float:
    """Mentions and rejects first, documents last: a document row is the commit mark of its batch.

    A run killed in between leaves mentions of documents that are not yet known; the next run
    re-extracts them into the same file names (same stem), so nothing is duplicated.
    """
    clock = time.perf_counter()
    write_records(location, "mentions", result.mentions, stem)
    write_records(location, "rejects", result.rejects, stem)
    write_records(location, "documents", result.documents, stem)
    return time.perf_counter() - clock


def extract_and_write_batch(
    batch: list[RawArticle | InputError], settings: Settings, run_id: str, known: frozenset[str], known_rejects: frozenset[str]
) -> BatchSummary:
    """Read, parse, extract and write one batch of articles."""
    nlp = load_pipeline(settings.model)
    result = extract_batch(
        batch, nlp, load_knowledge(), run_id, known_doc_ids=known,
        n_process=settings.workers, batch_size=settings.parse_batch_size, max_chars=settings.max_document_chars,
    )
    stem = batch_key([d.doc_id for d in result.documents] + [r.reject_id for r in result.rejects])
    result.rejects = [r for r in result.rejects if r.reject_id not in known_rejects]
    location = locate(settings.warehouse)
    if settings.reprocess:
        remove_documents(location, {d.doc_id for d in result.documents})
    write_seconds = _write_batch(location, result, stem)
    get_run_logger().info(
        "run %s batch: %d inputs, %d new, %d skipped, %d mentions, %d rejects",
        run_id, result.inputs, len(result.documents), result.skipped, len(result.mentions), len(result.rejects),
    )
    return BatchSummary(
        inputs=result.inputs, documents=len(result.documents), skipped=result.skipped,
        mentions=len(result.mentions), rejects=len(result.rejects), words=result.words,
        timings={**result.timings, "write": write_seconds},
    )



# The task wraps a plain module-level function so Dask can pickle it by reference.
extract_and_write = task(name="extract-batch", retries=1, retry_delay_seconds=1, cache_policy=NO_CACHE)(extract_and_write_batch)

def _add(run: Run, summary: BatchSummary) -> None:
    run.inputs += summary.inputs
    run.new += summary.documents
    run.skipped += summary.skipped
    run.documents += summary.documents + summary.skipped
    run.mentions += summary.mentions
    run.rejects += summary.rejects
    run.words += summary.words
    run.timings = {k: run.timings.get(k, 0.0) + summary.timings.get(k, 0.0) for k in {*run.timings, *summary.timings}}


@flow(name="pipeline", validate_parameters=False, log_prints=False)
def pipeline(settings: Settings | dict | None = None, on_progress: Progress | None = None) -> RunSummary:
    """Process every input into the warehouse and publish the DuckDB views.

    `settings` may be a dict (as deployments store parameters); missing fields come from EVENTPIPE_ variables.
    """
    settings = settings if isinstance(settings, Settings) else Settings(**(settings or {}))
    logger = get_run_logger()
    started = utcnow()
    run_id = started.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
    location = locate(settings.warehouse)
    ensure_writable(location)
    with warehouse_lock(location, run_id, wait=settings.lock_wait):
        run = _run_batches(settings, location, run_id, started, on_progress)
        clock = time.perf_counter()
        run.events = update_events(location, run_id)
        run.timings["consolidate"] = time.perf_counter() - clock
        run.finished = utcnow()
        clock = time.perf_counter()
        write_records(location, "runs", [run], f"run-{run_id}")
        compact(location, list(TABLES), max_files=settings.max_files_per_partition)
        database = publish(location, settings.database_path())
        recover(location)  # delete what compaction replaced, now that no new reader will list it
        run.timings["publish"] = time.perf_counter() - clock
    logger.info(
        "run %s done: %d inputs, %d new, %d skipped, %d mentions, %d rejects",
        run_id, run.inputs, run.new, run.skipped, run.mentions, run.rejects,
    )
    return RunSummary(run=run, database=str(database), warehouse=location.uri)


def _run_batches(settings: Settings, location: Location, run_id: str, started: dt.datetime, on_progress: Progress | None) -> Run:
    """Submit one task per batch (a bounded window in flight) and add up what they report."""
    logger = get_run_logger()
    clear_staging(location)
    if replaced_files(location):
        # A killed run compacted but never published: publish without the replaced files first,
        # so the live views stop listing them before they are deleted.
        publish(location, settings.database_path())
    recover(location)
    clock = time.perf_counter()
    nlp = load_pipeline(settings.model)
    knowledge = load_knowledge()
    run = Run(
        run_id=run_id, started=started, code_version=CODE_VERSION, model=model_version(nlp),
        codebook_version=knowledge.version, settings=settings.as_json(),
    )
    run.timings = {"load": time.perf_counter() - clock}
    clock = time.perf_counter()
    known = frozenset() if settings.reprocess else frozenset(read_column(location, "documents", "doc_id"))
    known_rejects = frozenset(read_column(location, "rejects", "reject_id"))
    run.timings["discover"] = time.perf_counter() - clock
    inputs = settings.inputs or [str(default_seeds())]
    logger.info("run %s: inputs %s -> %s (%d documents known)", run_id, inputs, location.uri, len(known))

    pending: list[tuple[list, PrefectFuture]] = []
    window = 2  # batches in flight: enough to overlap reading with parsing, never the whole corpus
    for batch in chunked(read_inputs(inputs, **settings.reader_options()), settings.batch_size):
        pending.append((batch, extract_and_write.submit(batch, settings, run_id, known, known_rejects)))
        while len(pending) >= window:
            _finish(*pending.pop(0), location, run, on_progress)
    for batch, future in pending:
        _finish(batch, future, location, run, on_progress)
    run.finished = utcnow()
    return run


def _failed_batch_rejects(batch: list, error: BaseException, run_id: str) -> list:
    """A reject per input of a batch whose task kept failing, carrying the error."""
    detail = f"batch task failed after retries: {type(error).__name__}: {error}"[:500]
    return [
        reject(item if isinstance(item, InputError) else InputError("task_failed", item.uri, detail, item.line), "extract", run_id)
        for item in batch
    ]


def _finish(batch: list, future: PrefectFuture, location: Location, run: Run, on_progress: Progress | None) -> None:
    try:
        summary: BatchSummary = future.result()
    except Exception as error:  # noqa: BLE001 - a failed batch becomes rejects; the run goes on and publishes
        rejects = _failed_batch_rejects(batch, error, run.run_id)
        write_records(location, "rejects", rejects, batch_key(r.reject_id for r in rejects))
        summary = BatchSummary(inputs=len(batch), rejects=len(rejects))
    _add(run, summary)
    if on_progress:
        on_progress(summary.inputs)

