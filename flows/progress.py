"""Progress on stderr: a live bar on a terminal, a plain line every few seconds in a log (cron, `2> log`)."""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


class LineProgress:
    """Counts inputs and prints `progress: N inputs, T s` at most every `every` seconds, and once at the end."""

    def __init__(self, console: Console, every: float = 10.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.console, self.every, self.clock = console, every, clock
        self.count = 0
        self.started = self.last = 0.0

    def __enter__(self) -> LineProgress:
        self.started = self.last = self.clock()
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self._line("done")

    def advance(self, count: int) -> None:
        self.count += count
        if self.clock() - self.last >= self.every:
            self._line("extracting")

    def _line(self, stage: str) -> None:
        self.last = self.clock()
        elapsed = self.last - self.started
        rate = self.count / elapsed if elapsed > 0 else 0.0
        self.console.print(f"progress: {stage}, {self.count} inputs, {elapsed:.0f} s ({rate:.1f} inputs/s)", highlight=False, soft_wrap=True)


class BarProgress:
    """A transient rich bar of inputs done (the total is unknown: inputs are streamed)."""

    def __init__(self, console: Console) -> None:
        self.progress = Progress(
            SpinnerColumn(), TextColumn("[bold]extracting"), BarColumn(), MofNCompleteColumn(),
            TextColumn("inputs"), TimeElapsedColumn(), console=console, transient=True,
        )
        self.bar = None

    def __enter__(self) -> BarProgress:
        self.progress.__enter__()
        self.bar = self.progress.add_task("extract", total=None)
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(*exc)

    def advance(self, count: int) -> None:
        self.progress.advance(self.bar, count)


class NoProgress:
    """`--quiet`: nothing drawn."""

    def __enter__(self) -> NoProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def advance(self, count: int) -> None:
        return None


def progress_for(console: Console, quiet: bool, every: float = 10.0) -> BarProgress | LineProgress | NoProgress:
    """The progress display that suits where stderr goes."""
    if quiet:
        return NoProgress()
    return BarProgress(console) if console.is_terminal else LineProgress(console, every)
