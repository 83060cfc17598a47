"""Parse and extract in worker processes: each loads spaCy and the knowledge files once and reuses them.

The parent only reads, writes and consolidates. `extract_here` is the unit of work (a list of
`Document`s in, their mentions and rejects out): `ExtractionPool` runs it in its processes, the
Dask path calls it in the Dask worker, and one process calls it directly.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import socket
import threading
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ..schemas import Document
from .batch import BatchResult, extract_documents, reject
from .errors import InputError, SetupError
from .events.mentions import load_knowledge
from .heap import trim_heap
from .nlp import DEFAULT_MODEL, load_pipeline, pipeline_loads, release_pipelines

CHUNK_DOCUMENTS = 25  # documents per unit sent to a worker: small enough to keep every worker busy to the end
RELOAD_AFTER_DOCUMENTS = 5_000  # a worker reloads its pipeline after this many, so its vocabulary stops growing

Unit = Callable[[Sequence[Document], str, str, int], BatchResult]


def usable_cores(cgroup: Path = Path("/sys/fs/cgroup")) -> int:
    """Cores this process may use: its CPU affinity, capped by a cgroup v2 quota (`cpu.max`), at least 1."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    try:
        quota, period = (cgroup / "cpu.max").read_text().split()[:2]
        if quota != "max":
            cores = min(cores, math.ceil(int(quota) / int(period)))
    except (OSError, ValueError):
        pass  # no cgroup v2 quota here: the affinity is the limit
    return max(1, cores)


def worker_name() -> str:
    """host:pid of this process, as the runs summary counts pipeline loads."""
    return f"{socket.gethostname()}:{os.getpid()}"


_extracted_here = 0  # documents this process extracted since its pipeline was loaded


def extract_here(documents: Sequence[Document], run_id: str, model: str = DEFAULT_MODEL, parse_batch_size: int = 64) -> BatchResult:
    """Parse and extract `documents` in this process with its (cached) pipeline and knowledge.

    Returns their mentions, rejects, words and stage seconds; not the documents themselves (the
    caller has them) nor any spaCy object. `loads` names this process and its pipeline loads.
    """
    global _extracted_here
    if _extracted_here >= RELOAD_AFTER_DOCUMENTS:
        release_pipelines()
        _extracted_here = 0
    _extracted_here += len(documents)
    nlp = load_pipeline(model)
    result = extract_documents(BatchResult(documents=list(documents)), nlp, load_knowledge(), run_id, 1, parse_batch_size)
    # Parsing frees what it allocated, but glibc keeps the pages: without this a worker grew by
    # about 0.3 MB a document (90 MB over 300), with it it stays flat; costs about a millisecond.
    trim_heap(collect=False)
    result.documents = []
    result.timings = dict(result.timings)
    result.loads = {worker_name(): pipeline_loads()}
    return result


def warm_up(workers: int, model: str = DEFAULT_MODEL) -> threading.Thread:
    """Start, in a thread, what the first batch would otherwise wait for; join it before the run.

    One process (`workers` 1): load the spaCy pipeline and the knowledge files here. Several: start
    the forkserver, which imports spaCy once for every worker. Meant to overlap a wait of the
    caller's (Prefect's server starting up). A failure is left for the run itself to meet and report.
    """
    def work() -> None:
        try:
            if workers > 1:
                _context()
                from multiprocessing import forkserver

                forkserver.ensure_running()
            else:
                load_pipeline(model)
                load_knowledge()
        except Exception:  # noqa: BLE001 - the run loads again and reports the error where it can stop cleanly
            pass

    thread = threading.Thread(target=work, name="eventpipe-warm-up", daemon=True)
    thread.start()
    return thread


_setup_error: SetupError | None = None


def _start_worker(model: str | None) -> None:
    """Pool initializer: load the pipeline and knowledge once; exit when the parent goes away."""
    global _setup_error
    parent = multiprocessing.parent_process()
    if parent is not None:
        # A worker blocked on its task queue never notices a killed parent: watch for it.
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    if model is None:
        return
    try:
        load_pipeline(model)
        load_knowledge()
    except SetupError as error:
        _setup_error = error  # raised on the first unit, where the parent can stop the run


def _exit_with(parent: multiprocessing.process.BaseProcess) -> None:
    parent.join()
    os._exit(1)


def _run_unit(unit: Unit, documents: Sequence[Document], run_id: str, model: str, parse_batch_size: int) -> BatchResult:
    if _setup_error is not None:
        raise SetupError(str(_setup_error))
    return unit(documents, run_id, model, parse_batch_size)


class ExtractionPool:
    """`workers` processes that run `unit` over chunks of a batch; safe to call from several threads.

    A unit that raises turns its documents into `extract` rejects; a worker that dies (killed,
    out of memory) breaks the pool, which is started again and the chunk tried once more before
    its documents become rejects. Only a `SetupError` (no such model) stops the caller.
    """

    def __init__(self, workers: int, model: str | None = DEFAULT_MODEL, parse_batch_size: int = 64,
                 chunk_documents: int = CHUNK_DOCUMENTS, unit: Unit = extract_here) -> None:
        self.workers, self.model, self.parse_batch_size = workers, model, parse_batch_size
        self.chunk_documents, self.unit = chunk_documents, unit
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self.restarts = 0

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        self.close(wait=kind is None)

    def close(self, wait: bool = True) -> None:
        """Stop the worker processes (started again if the pool is used after). `wait=False`, as when the
        caller leaves on an exception (SIGTERM, Ctrl-C), ends the chunks under way instead of waiting for
        them: their work is lost, and nothing of it was written."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is None:
            return
        if not wait:
            # ProcessPoolExecutor.terminate_workers() arrives in Python 3.14; until then its process table
            for process in list((getattr(executor, "_processes", None) or {}).values()):
                process.terminate()
        executor.shutdown(wait=wait, cancel_futures=True)

    def extract(self, batch: BatchResult, run_id: str) -> BatchResult:
        """A copy of a `read_batch` result with its documents' mentions and rejects, extracted in the workers.

        Timings of parse and extract are summed over the workers (CPU seconds, not wall).
        """
        chunks = self._chunks(batch.documents)
        submitted = [(chunk, *self._submit(chunk, run_id)) for chunk in chunks]
        parts = [self._result(chunk, future, executor, run_id) for chunk, future, executor in submitted]
        timings = defaultdict(float, batch.timings)
        merged = BatchResult(documents=list(batch.documents), mentions=list(batch.mentions), rejects=list(batch.rejects),
                             inputs=batch.inputs, skipped=batch.skipped, words=batch.words, timings=timings,
                             loads=dict(batch.loads))
        for part in parts:
            merged.mentions.extend(part.mentions)
            merged.rejects.extend(part.rejects)
            merged.words += part.words
            for stage, seconds in part.timings.items():
                timings[stage] += seconds
            for worker, loads in part.loads.items():
                merged.loads[worker] = max(loads, merged.loads.get(worker, 0))
        return merged

    def _chunks(self, documents: Sequence[Document]) -> list[list[Document]]:
        size = max(1, min(self.chunk_documents, math.ceil(len(documents) / self.workers)))
        return [list(documents[i:i + size]) for i in range(0, len(documents), size)]

    def _submit(self, chunk: list[Document], run_id: str) -> tuple[Future, ProcessPoolExecutor]:
        with self._lock:
            if self._executor is None:
                context = _context()
                self._executor = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_start_worker, initargs=(self.model,))
            executor = self._executor
        try:
            return executor.submit(_run_unit, self.unit, chunk, run_id, self.model, self.parse_batch_size), executor
        except BrokenProcessPool:
            self._replace(executor)
            return self._submit(chunk, run_id)

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        """Drop a broken executor (once, whichever thread sees it first); the next submit starts a new one."""
        with self._lock:
            if self._executor is broken:
                self._executor = None
                self.restarts += 1
        broken.shutdown(wait=False, cancel_futures=True)

    def _result(self, chunk: list[Document], future: Future, executor: ProcessPoolExecutor, run_id: str, tries: int = 2) -> BatchResult:
        try:
            return future.result()
        except SetupError:
            raise
        except BrokenProcessPool as error:
            self._replace(executor)
            if tries > 1:
                return self._result(chunk, *self._submit(chunk, run_id), run_id, tries - 1)
            return _rejected(chunk, f"a worker process died (killed or out of memory): {error}", run_id)
        except Exception as error:  # noqa: BLE001 - a unit that fails rejects its documents, the run goes on
            return _rejected(chunk, f"{type(error).__name__}: {error}", run_id)


def _context() -> multiprocessing.context.BaseContext:
    """Fresh worker processes, never forks of a parent whose threads may hold locks; on Linux forked
    from a server that imported spaCy and this module once, so a worker starts in a moment."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["__main__", __name__])
    return context


def stop_forkserver() -> bool:
    """End the forkserver `ExtractionPool` forks its workers from, once no pool needs it; True if one ran.

    It holds spaCy's imports (over 100 MB) for as long as this process lives; a run's later
    stages (consolidation, the parent's largest) start no worker. A pool used afterwards starts
    a new one. Relies on CPython's `multiprocessing.forkserver` internals: a no-op where they differ.
    """
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    if server is None or getattr(server, "_forkserver_pid", None) is None or not hasattr(server, "_stop"):
        return False
    server._stop()
    return True


def _rejected(documents: Sequence[Document], detail: str, run_id: str) -> BatchResult:
    return BatchResult(rejects=[reject(InputError("extract", d.uri, detail[:500]), "extract", run_id) for d in documents])
