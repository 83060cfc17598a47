"""Progress on stderr: plain lines every few seconds when stderr is a log, not a terminal."""

from __future__ import annotations

import io

from rich.console import Console

from eventpipe.flows.progress import BarProgress, LineProgress, NoProgress, progress_for


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _log_console() -> tuple[Console, io.StringIO]:
    stream = io.StringIO()
    return Console(file=stream, force_terminal=False, width=200), stream


def test_progress_lines_at_most_every_interval_and_once_at_the_end():
    console, stream = _log_console()
    clock = _Clock()
    with LineProgress(console, every=10, clock=clock) as progress:
        for _ in range(30):  # 30 batches of 5 inputs, 1 s apart
            clock.now += 1
            progress.advance(5)
    lines = stream.getvalue().splitlines()
    assert [line.split(",")[0] for line in lines] == ["progress: extracting"] * 3 + ["progress: done"]
    assert lines[-1].startswith("progress: done, 150 inputs, 30 s")


def test_progress_nothing_at_the_end_of_a_failed_run():
    console, stream = _log_console()
    try:
        with LineProgress(console, every=10, clock=_Clock()) as progress:
            progress.advance(1)
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert stream.getvalue() == ""


def test_progress_kind_follows_where_stderr_goes():
    log, _ = _log_console()
    assert isinstance(progress_for(log, quiet=False), LineProgress)
    assert isinstance(progress_for(Console(file=io.StringIO(), force_terminal=True), quiet=False), BarProgress)
    assert isinstance(progress_for(log, quiet=True), NoProgress)
