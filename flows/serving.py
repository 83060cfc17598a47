"""Scheduled runs: the pipeline flow served as a deployment (module entrypoint, JSON parameters)."""

from __future__ import annotations

import asyncio
import os
import signal
import threading

import anyio
from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
from prefect.deployments.runner import EntrypointType
from prefect.runner import Runner

from .pipeline import pipeline
from .settings import Settings

# One run at a time: a scheduled run that comes due while the last one still works is cancelled
# (it would only wait for the warehouse lock); the next slot picks up what is new.
ONE_AT_A_TIME = ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW)
SHUTDOWN_SECONDS = 20.0  # a stop that takes longer (a server gone, a child stuck) ends the process


def pipeline_deployment(settings: Settings, name: str, cron: str | None = None, interval: int | None = None):
    """A runner deployment of `pipeline` whose parameters are the settings as JSON."""
    return pipeline.to_deployment(
        name=name,
        cron=cron,
        interval=interval,
        parameters={"settings": settings.model_dump(mode="json")},
        entrypoint_type=EntrypointType.MODULE_PATH,
        concurrency_limit=ONE_AT_A_TIME,
        description="eventpipe: extract events from the inputs into the warehouse, then publish the views.",
    )


class StoppableRunner(Runner):
    """Prefect's runner, stopped cleanly by SIGTERM and Ctrl-C.

    Prefect's own SIGTERM handler waits, from inside the event loop, for a call it schedules on that
    same loop, so a served process ignores SIGTERM. Here a signal cancels the serving task instead:
    the runner leaves its context (schedules paused, child runs stopped) and the process exits. A
    second signal, or a stop that outlasts SHUTDOWN_SECONDS (the server gone), ends it at once.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._serving: asyncio.Task | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.signalled = 0

    def handle_sigterm(self, *args) -> None:
        self.signalled += 1
        if self.signalled > 1 or self._serving is None or self._loop is None:
            os._exit(128 + signal.SIGTERM)
        deadline = threading.Timer(SHUTDOWN_SECONDS, os._exit, args=(128 + signal.SIGTERM,))
        deadline.daemon = True
        deadline.start()
        self._loop.call_soon_threadsafe(self._serving.cancel)

    async def _pause_schedules(self) -> None:
        with anyio.move_on_after(5):  # a server that has gone away does not hold the stop
            await super()._pause_schedules()

    async def serve(self) -> None:
        """Start the runner until a signal stops it."""
        self._loop, self._serving = asyncio.get_running_loop(), asyncio.current_task()
        self._loop.add_signal_handler(signal.SIGINT, self.handle_sigterm)
        try:
            await self.start()
        except asyncio.CancelledError:
            pass


def serve_pipeline(settings: Settings, name: str, cron: str | None = None, interval: int | None = None) -> int:
    """Serve the deployment until SIGTERM or Ctrl-C; runs happen in subprocesses started by the runner.

    Returns the exit status: 0 after a clean stop.
    """
    from prefect.flows import _display_serve_start_message

    deployment = pipeline_deployment(settings, name, cron, interval)
    runner = StoppableRunner(pause_on_shutdown=True)
    runner.add_deployment(deployment)
    _display_serve_start_message(deployment)
    asyncio.run(runner.serve())
    return 0
