"""Prefect defaults for a project-local, offline run; explicit environment variables still win."""

from __future__ import annotations

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
