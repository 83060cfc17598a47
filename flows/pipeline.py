"""The `pipeline` flow: discover -> read/parse/extract per batch -> write -> record the run -> publish.

Only wiring lives here; every stage is a plain function from extraction/ or warehouse/.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import itertools
import logging
import os
import socket
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from prefect import Flow, flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.exceptions import TerminationSignal
from prefect.futures import PrefectFuture

from ..extraction.batch import BatchResult, read_batch, reject, utcnow
from ..extraction.pool import ExtractionPool, extract_here, stop_forkserver
from ..extraction.reading.inputs import default_seeds, read_inputs
from ..extraction.errors import InputError
from ..extraction.heap import limit_arenas, trim_heap
from ..extraction.events.mentions import knowledge_version
from ..extraction.nlp import installed_model_version, release_pipelines
from ..schemas import TABLES, Run
from ..warehouse.publish import publish
from ..warehouse.storage import Location, disk_full_error, ensure_writable, is_disk_full
from ..warehouse.compaction import compact
from ..warehouse.events_store import update_events
from ..warehouse.lock import warehouse_lock
from ..warehouse.writer import (
    batch_key, clear_staging, finish_replacements, read_column, remove_documents, unpublished_replacements, write_records,
)
from .prefect_env import quiet_known_errors
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
    pipeline_loads: dict[str, int] = field(default_factory=dict)  # host:pid of each process that parsed -> its spaCy loads by then


@dataclass
class RunSummary:
    """What a run did, as shown by the CLI and stored in the `runs` table."""

    run: Run
    database: str
    warehouse: str
    batches: int = 0
    pipeline_loads: dict[str, int] = field(default_factory=dict)  # per worker process (host:pid)


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
    batch: BatchResult, settings: Settings, run_id: str, known_rejects: frozenset[str], pool: ExtractionPool | None = None
) -> BatchSummary:
    """Parse, extract and write one batch of read documents: in the pool's worker processes, else here."""
    if pool is not None:
        result = pool.extract(batch, run_id)
    else:
        part = extract_here(batch.documents, run_id, settings.model, settings.parse_batch_size)
        result = dataclasses.replace(
            batch, mentions=[*batch.mentions, *part.mentions], rejects=[*batch.rejects, *part.rejects],
            words=batch.words + part.words, timings={**batch.timings, **part.timings}, loads=part.loads,
        )
    stem = batch_key([d.doc_id for d in result.documents] + [r.reject_id for r in result.rejects])
    if settings.reprocess:
        stem = f"{stem}-{run_id}"  # never the name of a file this run superseded
    result.rejects = [r for r in result.rejects if r.reject_id not in known_rejects]
    location = settings.location()
    write_seconds = _write_batch(location, result, stem)
    get_run_logger().info(
        "run %s batch: %d inputs, %d new, %d skipped, %d mentions, %d rejects",
        run_id, result.inputs, len(result.documents), result.skipped, len(result.mentions), len(result.rejects),
    )
    return BatchSummary(
        inputs=result.inputs, documents=len(result.documents), skipped=result.skipped,
        mentions=len(result.mentions), rejects=len(result.rejects), words=result.words,
        timings={**result.timings, "write": write_seconds}, pipeline_loads=dict(result.loads),
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
    settings = settings if isinstance(settings, Settings) else Settings.from_parameters(settings or {})
    limit_arenas()  # this process reads and writes on many short threads; see limit_arenas
    quiet_known_errors()  # also in deployment runs, which do not start from the CLI
    logger = get_run_logger()
    started = utcnow()
    run_id = started.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
    location = settings.location()
    ensure_writable(location, settings.min_free_bytes)
    summary = RunSummary(run=None, database="", warehouse=location.uri)  # type: ignore[arg-type]
    with _exit_promptly_when_terminated(run_id), warehouse_lock(location, run_id, wait=settings.lock_wait), _stop_cleanly_on_full_disk(location):
        run = summary.run = _run_batches(settings, location, run_id, started, on_progress, summary)
        release_pipelines()  # the parser's memory is not needed to consolidate and publish
        clock = time.perf_counter()
        run.events = update_events(location, run_id)
        run.timings["consolidate"] = time.perf_counter() - clock
        run.finished = utcnow()
        clock = time.perf_counter()
        write_records(location, "runs", [run], f"run-{run_id}")
        compact(location, list(TABLES), max_files=settings.max_files_per_partition)
        database = publish(location, settings.database_path())
        finish_replacements(location, settings.keep_superseded_seconds)  # no new reader lists superseded files
        run.timings["publish"] = time.perf_counter() - clock
    logger.info(
        "run %s done: %d inputs, %d new, %d skipped, %d mentions, %d rejects",
        run_id, run.inputs, run.new, run.skipped, run.mentions, run.rejects,
    )
    summary.database = str(database)
    return summary


@contextlib.contextmanager
def _exit_promptly_when_terminated(run_id: str) -> Iterator[None]:
    """On SIGTERM (or Ctrl-C), end the process as soon as the warehouse lock is released.

    Prefect turns SIGTERM into `TerminationSignal` in the flow's thread, then waits for the batch
    under way to finish (a whole batch of parsing). Every write is staged and moved into place, so
    nothing half written is visible and the next run picks up where this one stopped: no need to wait.
    """
    try:
        yield
    except (TerminationSignal, KeyboardInterrupt) as signal_:
        code = 130 if isinstance(signal_, KeyboardInterrupt) else 143
        get_run_logger().warning(
            "run %s stopped by a signal: the lock is released; the next run picks up where it stopped", run_id,
            extra={"eventpipe_known_error": True},  # the console gets the line below instead
        )
        _report_stopped(f"stopped by signal {code - 128}; the next run picks up where it stopped")
        sys.stderr.write(f"Stopped: run {run_id} ended by signal; the lock is released and the next run picks up where it stopped.\n")
        sys.stderr.flush()
        os._exit(code)


def _report_stopped(message: str, seconds: float = 5.0) -> None:
    """Flush this run's logs to the API and mark a still-running flow run Crashed, within `seconds`.

    Without this the run would stay "Running" on a server forever. A run the UI is cancelling is
    left to the runner, which marks it Cancelled itself. A server that has gone away costs at most
    `seconds`.
    """
    context = FlowRunContext.get()  # read here: a context variable does not follow into the thread
    flow_run_id = context.flow_run.id if context and context.flow_run else None

    def report() -> None:
        from prefect.client.orchestration import get_client
        from prefect.logging.handlers import APILogHandler
        from prefect.states import Crashed

        APILogHandler.flush()
        if flow_run_id is None:
            return
        with get_client(sync_client=True) as client:
            state = client.read_flow_run(flow_run_id).state
            if state is not None and state.is_running():
                client.set_flow_run_state(flow_run_id, Crashed(message=message), force=True)

    reporter = threading.Thread(target=_quietly, args=(report,), daemon=True)
    reporter.start()
    reporter.join(seconds)


def _quietly(function: Callable[[], None]) -> None:
    with contextlib.suppress(Exception):
        function()


@contextlib.contextmanager
def _stop_cleanly_on_full_disk(location: Location) -> Iterator[None]:
    """Turn a filesystem running out of space, wherever it happens, into one clear error."""
    try:
        yield
    except Exception as error:
        if is_disk_full(error):
            raise disk_full_error(location) from error
        raise


def dask_task_runner(settings: Settings):
    """A DaskTaskRunner on the scheduler at `dask_address`, or on a local cluster of `dask_workers` processes.

    Each worker is one process with one thread: it loads the spaCy pipeline once (lru_cache in
    `load_pipeline`) and parses one batch at a time.
    """
    # Dask's own INFO lines (connections, nannies) would drown the progress bar; workers read the
    # variable when they import distributed.
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
    logging.getLogger("distributed").setLevel(os.environ["DASK_LOGGING__DISTRIBUTED"].upper())
    from prefect_dask import DaskTaskRunner

    if settings.dask_address:
        return DaskTaskRunner(address=settings.dask_address)
    return DaskTaskRunner(
        cluster_class="distributed.LocalCluster",
        cluster_kwargs={"n_workers": settings.dask_workers, "threads_per_worker": 1, "processes": True, "dashboard_address": ":0"},
    )


def pipeline_for(settings: Settings) -> Flow:
    """The `pipeline` flow with the task runner the settings ask for (Dask, else Prefect's local threads)."""
    return pipeline.with_options(task_runner=dask_task_runner(settings)) if settings.uses_dask else pipeline


class LocalCallback:
    """A callback that stays in this process: copies pickled elsewhere do nothing.

    Prefect copies the flow's parameters into the context every Dask task carries; a progress
    bar's callback holds locks and a terminal, which neither pickle nor mean anything there.
    """

    def __init__(self, function: Progress | None) -> None:
        self.function = function

    def __call__(self, count: int) -> None:
        if self.function is not None:
            self.function(count)

    def __reduce__(self):
        return (LocalCallback, (None,))


def run_pipeline(settings: Settings, on_progress: Progress | None = None) -> RunSummary:
    """Run `pipeline` on the task runner the settings ask for, reporting progress in this process."""
    quiet_known_errors()
    return pipeline_for(settings)(settings=settings, on_progress=LocalCallback(on_progress) if on_progress else None)


def _dask_slots() -> int:
    """Batches the flow's Dask cluster can run at once (its worker threads); 0 off Dask."""
    context = FlowRunContext.get()
    client = getattr(context.task_runner, "client", None) if context else None
    return max(1, sum(client.nthreads().values())) if client is not None else 0


def _run_batches(
    settings: Settings, location: Location, run_id: str, started: dt.datetime, on_progress: Progress | None, summary: RunSummary
) -> Run:
    """Submit one task per batch (a bounded window in flight) and add up what they report."""
    logger = get_run_logger()
    clear_staging(location)
    if unpublished_replacements(location):
        # A killed run superseded files but never published: publish without them first,
        # so the live views stop listing them before they are deleted.
        publish(location, settings.database_path())
    finish_replacements(location, settings.keep_superseded_seconds)
    clock = time.perf_counter()
    run = Run(
        run_id=run_id, started=started, code_version=CODE_VERSION, model=installed_model_version(settings.model),
        codebook_version=knowledge_version(), settings=settings.as_json(),
    )
    run.timings = {"load": time.perf_counter() - clock}
    clock = time.perf_counter()
    known = frozenset() if settings.reprocess else frozenset(read_column(location, "documents", "doc_id"))
    known_inputs = frozenset() if settings.reprocess else frozenset(read_column(location, "documents", "input_key")) - {None}
    known_rejects = frozenset(read_column(location, "rejects", "reject_id"))
    run.timings["discover"] = time.perf_counter() - clock
    inputs = settings.inputs or [str(default_seeds())]
    logger.info("run %s: inputs %s -> %s (%d documents known)", run_id, inputs, location.uri, len(known))

    # Batches in flight, never the whole corpus. On Dask two per worker thread keep every worker
    # busy. Locally with worker processes two batches keep the pool fed (each is cut into chunks
    # for all workers) while the parent writes the one before. Parsing in this process holds the
    # interpreter lock, where a second batch would only contend with the first: one at a time.
    slots = _dask_slots()
    pool = ExtractionPool(settings.workers, settings.model, settings.parse_batch_size) if not slots and settings.workers > 1 else None
    window = 2 * slots if slots else (2 if pool else 1)
    with contextlib.closing(pool) if pool else contextlib.nullcontext():
        _submit_batches(settings, location, run, known, known_inputs, known_rejects, pool, window, on_progress, summary)
    if pool:
        stop_forkserver()  # consolidation starts no worker: free what the forkserver holds
    run.finished = utcnow()
    return run


def _submit_batches(
    settings: Settings, location: Location, run: Run, known: frozenset[str], known_inputs: frozenset[str],
    known_rejects: frozenset[str], pool: ExtractionPool | None, window: int, on_progress: Progress | None, summary: RunSummary,
) -> None:
    """Read the inputs batch by batch and submit each as a task, at most `window` in flight."""
    run_id = run.run_id
    inputs = settings.inputs or [str(default_seeds())]
    pending: list[tuple[BatchResult, PrefectFuture]] = []
    seen: dict[str, str] = {}  # doc_id -> first uri, over the whole run
    options = settings.reader_options()
    languages = options.pop("languages")  # checked in read_batch, after known inputs are skipped
    for items in chunked(read_inputs(inputs, languages=None, **options), settings.batch_size):
        batch = read_batch(items, run_id, known, seen, settings.max_document_chars, known_inputs, languages)
        if settings.reprocess:
            # Here, one batch at a time and before its new rows exist: a crash in between leaves the
            # documents unknown (re-extracted next run), never twice.
            remove_documents(location, {d.doc_id for d in batch.documents})
        pending.append((batch, extract_and_write.submit(batch, settings, run_id, known_rejects, pool)))
        while len(pending) >= window:
            _finish(*pending.pop(0), location, run, on_progress, summary)
    for batch, future in pending:
        _finish(batch, future, location, run, on_progress, summary)


def _failed_batch_rejects(batch: BatchResult, error: BaseException, run_id: str) -> list:
    """The batch's read rejects, plus one per document of a batch whose task kept failing, carrying the error."""
    detail = f"batch task failed after retries: {type(error).__name__}: {error}"[:500]
    failed = [reject(InputError("task_failed", d.uri, detail), "extract", run_id) for d in batch.documents]
    return [*batch.rejects, *failed]


def _finish(
    batch: BatchResult, future: PrefectFuture, location: Location, run: Run, on_progress: Progress | None, totals: RunSummary
) -> None:
    try:
        summary: BatchSummary = future.result()
    except Exception as error:  # noqa: BLE001 - a failed batch becomes rejects; the run goes on and publishes
        if is_disk_full(error):
            raise  # no point going on: the run stops with a clear error, and these documents are read again next run
        rejects = _failed_batch_rejects(batch, error, run.run_id)
        write_records(location, "rejects", rejects, batch_key(r.reject_id for r in rejects))
        summary = BatchSummary(inputs=batch.inputs, skipped=batch.skipped, rejects=len(rejects))
    _add(run, summary)
    trim_heap(collect=False)  # the batch's documents and Arrow's write buffers are freed: give the pages back
    totals.batches += 1
    for worker, loads in summary.pipeline_loads.items():
        totals.pipeline_loads[worker] = max(loads, totals.pipeline_loads.get(worker, 0))
    if on_progress:
        on_progress(summary.inputs)

