"""Prefect defaults for a project-local, offline run; explicit environment variables still win."""

from __future__ import annotations

import logging
import os
from pathlib import Path

DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
}


def configure_prefect() -> None:
    """Set PREFECT_HOME to ./.prefect and quiet, offline defaults unless the user set them."""
    os.environ.setdefault("PREFECT_HOME", str(Path(".prefect").resolve()))
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)


class _KnownErrorsWithoutTraceback(logging.Filter):
    """Prefect logs a failed flow's exception with its traceback; for eventpipe's own errors (a
    full disk, a held lock) the CLI prints one clear `Error:` line, so the traceback is noise."""

    def filter(self, record: logging.LogRecord) -> bool:
        from ..extraction.errors import EventpipeError

        if record.exc_info and isinstance(record.exc_info[1], EventpipeError):
            record.exc_info, record.exc_text = None, None
        return True


def quiet_known_errors() -> None:
    """Drop tracebacks of eventpipe's own errors from Prefect's flow and task run logs."""
    for name in ("prefect.flow_runs", "prefect.task_runs", "prefect.engine"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, _KnownErrorsWithoutTraceback) for f in logger.filters):
            logger.addFilter(_KnownErrorsWithoutTraceback())
