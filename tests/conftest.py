"""Shared fixtures: the spaCy pipeline and knowledge load once per session."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"
SEEDS = ROOT / "seeds"

os.environ.setdefault("PREFECT_HOME", str(ROOT / ".prefect"))
# Runs in tests parse in the test process unless a test asks for worker processes (one spaCy load per
# worker would add seconds to every flow test); the default is the machine's usable cores.
os.environ.setdefault("EVENTPIPE_WORKERS", "1")


def pytest_sessionfinish(session, exitstatus):
    """Stop Prefect's temporary servers while pytest's streams are open: left to Prefect's atexit,
    the "Stopping temporary server" line meets a closed stream and prints a "Logging error"."""
    server = sys.modules.get("prefect.server.api.server")
    if server is not None:
        for instance in list(server.SubprocessASGIServer._instances.values()):
            instance.stop()


@pytest.fixture(scope="session")
def nlp():
    from eventpipe.extraction.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def knowledge():
    from eventpipe.extraction.events.mentions import load_knowledge

    return load_knowledge()
