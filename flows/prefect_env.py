"""Prefect defaults for a project-local, offline run; explicit environment variables still win."""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    # The flow's own lines (batches, skips, rejects, timings) go to the API at INFO, so the UI and
    # `prefect flow-run logs` show them; the console shows warnings only (the CLI draws progress there).
    "PREFECT_LOGGING_LEVEL": "INFO",
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING",
    "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
}


def configure_prefect() -> None:
    """Set PREFECT_HOME to ./.prefect and quiet, offline defaults unless the user set them.

    Call before Prefect is imported: its client telemetry (and first-run banner) is decided at
    import, and is off here whenever server analytics are off, as they are by default.
    """
    os.environ.setdefault("PREFECT_HOME", str(Path(".prefect").resolve()))
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
    if os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"].lower() in ("false", "0", "no", "off"):
        os.environ.setdefault("DO_NOT_TRACK", "1")


class EarlyServer:
    """Prefect's temporary API server, started before the pipeline's imports so that its start-up
    (3-5 s of the child importing Prefect's server) overlaps them.

    Prefect itself would start the same server (`SubprocessASGIServer`: uvicorn serving
    `prefect.server.api.server:create_app` on 127.0.0.1), but only once the flow begins, after
    importing its server module in this process too. Nothing starts when settings name a server
    (PREFECT_API_URL) or forbid a temporary one. Call `configure_prefect` first: the server
    inherits the environment.
    """

    def __init__(self) -> None:
        from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED, get_current_settings

        self.process: subprocess.Popen | None = None
        self.api_url = ""
        if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
            return
        import prefect

        port = _free_port()
        self.api_url = f"http://127.0.0.1:{port}/api"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--app-dir", str(prefect.__module_path__.parent),
             "--factory", "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port),
             "--log-level", "error", "--lifespan", "on"],
            env={**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1",
                 "PREFECT__SERVER_FINAL": "1", **get_current_settings().to_environment_variables(exclude_unset=True)},
            preexec_fn=_end_with_parent if sys.platform == "linux" else None,
        )
        atexit.register(self.stop)

    @contextlib.contextmanager
    def ready(self) -> Iterator[None]:
        """Wait until the server answers, then point Prefect at it inside the block."""
        if self.process is None:
            yield
            return
        from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, temporary_settings

        self._wait_healthy(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value())
        with temporary_settings(updates={PREFECT_API_URL: self.api_url}):
            yield

    def _wait_healthy(self, timeout: float) -> None:
        import httpx

        deadline = time.monotonic() + timeout
        with httpx.Client() as client:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise RuntimeError(f"Prefect's temporary server exited with code {self.process.returncode}")
                with contextlib.suppress(httpx.TransportError):
                    if client.get(f"{self.api_url}/health").status_code == 200:
                        return
                time.sleep(0.05)
        raise RuntimeError(f"Prefect's temporary server did not answer on {self.api_url} within {timeout:.0f} s")

    def stop(self) -> None:
        """End the server (also registered to run at exit)."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _end_with_parent() -> None:
    """In the server's process: have Linux end it when the run that started it dies, even killed
    (atexit then never runs), so no orphan server is left holding memory and a port."""
    import ctypes
    import signal

    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _KnownErrorsWithoutTraceback(logging.Filter):
    """Prefect logs a failed flow's exception with its traceback; for eventpipe's own errors (a
    full disk, a held lock) the CLI prints one clear `Error:` line, so the traceback is noise.
    The record still reaches the API (the run's log in the UI), marked so the console can drop it."""

    def filter(self, record: logging.LogRecord) -> bool:
        from ..extraction.errors import EventpipeError

        if record.exc_info and isinstance(record.exc_info[1], EventpipeError):
            record.exc_info, record.exc_text = None, None
            record.eventpipe_known_error = True
        return True


class _NotKnownErrors(logging.Filter):
    """On the console: drop the records of eventpipe's own errors (the CLI says them in one line)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not getattr(record, "eventpipe_known_error", False)


def quiet_known_errors() -> None:
    """Drop tracebacks of eventpipe's own errors from Prefect's flow and task run logs, and the
    records themselves from the console."""
    for name in ("prefect.flow_runs", "prefect.task_runs", "prefect.engine"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, _KnownErrorsWithoutTraceback) for f in logger.filters):
            logger.addFilter(_KnownErrorsWithoutTraceback())
    for handler in logging.getLogger().handlers:
        if type(handler).__name__ == "PrefectConsoleHandler" and not any(isinstance(f, _NotKnownErrors) for f in handler.filters):
            handler.addFilter(_NotKnownErrors())
