"""ExtractionPool: parse and extract in worker processes, same records as one process, failures as rejects."""

from __future__ import annotations

import datetime as dt
import os
import signal
import time
from pathlib import Path

import pytest

from eventpipe.extraction.batch import BatchResult, read_batch
from eventpipe.extraction.pool import ExtractionPool, extract_here, stop_forkserver, usable_cores, warm_up
from eventpipe.extraction.reading.inputs import RawArticle

STORIES = [
    "Police arrested ten protesters in Cairo on Monday, officials said.",
    "The French government condemned the attack on a border post.",
    "Rebels seized the town of Goma after heavy fighting with the army.",
    "The Kenyan president met the Chinese foreign minister in Nairobi on Friday.",
    "Protesters marched through Madrid to demand new elections.",
]


def _batch(texts: list[str]) -> BatchResult:
    articles = [RawArticle(uri=f"story-{i}.txt", text=t, published=dt.date(2020, 3, 2)) for i, t in enumerate(texts)]
    return read_batch(articles, "run-1")


def _failing(documents, run_id, model, parse_batch_size):
    raise RuntimeError("simulated failure inside the worker")


def _sleeping(documents, run_id, model, parse_batch_size):
    Path(run_id).write_text(str(os.getpid()))  # the test passes a file name as the run id
    time.sleep(300)
    return BatchResult(words=len(documents))


def _dying_on_die(documents, run_id, model, parse_batch_size):
    if any("die" in d.text for d in documents):
        os._exit(9)  # as the kernel's OOM killer would end it: no exception, no cleanup
    return BatchResult(words=len(documents))


@pytest.mark.parametrize(
    "cpu_max,cap",
    [("150000 100000\n", 2), ("100000 100000\n", 1), ("max 100000\n", None), (None, None)],
)
def test_pool_usable_cores_follow_the_affinity_and_the_cgroup_quota(tmp_path, cpu_max, cap):
    if cpu_max is not None:
        (tmp_path / "cpu.max").write_text(cpu_max)
    affinity = len(os.sched_getaffinity(0))
    assert usable_cores(tmp_path) == (min(affinity, cap) if cap else affinity)


def test_pool_workers_extract_what_one_process_extracts(nlp, knowledge):
    batch = _batch(STORIES)
    here = extract_here(batch.documents, "run-1")
    with ExtractionPool(2, chunk_documents=2) as pool:
        there = pool.extract(batch, "run-1")
    assert [m.model_dump() for m in there.mentions] == [m.model_dump() for m in here.mentions]
    assert len(there.mentions) >= 3 and there.words == here.words and there.documents == batch.documents
    assert len(there.loads) == 2 and set(there.loads.values()) == {1}  # each worker loaded spaCy once
    assert os.getpid() not in {int(w.rsplit(":", 1)[1]) for w in there.loads}


def test_pool_failing_unit_rejects_its_documents_and_the_batch_goes_on():
    batch = _batch(STORIES[:3])
    with ExtractionPool(2, model=None, unit=_failing) as pool:
        result = pool.extract(batch, "run-1")
    assert [(r.uri, r.reason, r.stage) for r in result.rejects] == [(d.uri, "extract", "extract") for d in batch.documents]
    assert "simulated failure" in result.rejects[0].detail


def test_pool_killed_worker_rejects_its_chunk_and_the_pool_starts_again():
    with ExtractionPool(2, model=None, unit=_dying_on_die, chunk_documents=1) as pool:
        killed = pool.extract(_batch(["They said the soldiers would die there."]), "run-1")
        after = pool.extract(_batch(STORIES[:2]), "run-1")
    assert [r.reason for r in killed.rejects] == ["extract"] and "died" in killed.rejects[0].detail
    assert pool.restarts == 2  # the chunk was tried once more on a fresh pool
    assert after.rejects == [] and after.words == 2


def test_pool_stop_forkserver_frees_it_and_a_later_pool_starts_a_new_one():
    with ExtractionPool(2, model=None, unit=_dying_on_die) as pool:
        pool.extract(_batch(STORIES[:2]), "run-1")
    assert stop_forkserver() is True
    assert stop_forkserver() is False  # nothing left to stop
    with ExtractionPool(2, model=None, unit=_dying_on_die) as pool:
        assert pool.extract(_batch(STORIES[:2]), "run-1").words == 2


def test_pool_warm_up_loads_the_pipeline_one_process_will_use(nlp):
    from eventpipe.extraction.nlp import load_pipeline, pipeline_loads

    loads = pipeline_loads()
    warm_up(1).join()
    assert pipeline_loads() <= max(loads, 1)  # cached: loaded at most once in this process
    assert load_pipeline() is load_pipeline()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").exists() and Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


def test_pool_left_on_a_signal_ends_the_chunk_under_way_instead_of_waiting(tmp_path):
    pid_file = tmp_path / "worker.pid"

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        with pytest.raises(KeyboardInterrupt):
            with ExtractionPool(1, model=None, unit=_sleeping) as pool:
                signal.alarm(3)
                pool.extract(_batch(STORIES[:1]), str(pid_file))  # the unit sleeps for 300 s
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    pid = int(pid_file.read_text())
    for _ in range(100):  # the worker is terminated, not waited for
        if not _alive(pid):
            break
        time.sleep(0.1)
    assert not _alive(pid)
