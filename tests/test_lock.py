"""The installed tree is the one Prefect's server needs (fast guards; the slow serve tests prove it end to end)."""

from __future__ import annotations

from importlib.metadata import version

from packaging.version import Version

from .conftest import ROOT


def test_issue_15_sqlalchemy_below_2_1_so_the_scheduler_fires():
    # Prefect 3.8.8's scheduler service raises "Can't evaluate bulk DML statement" on SQLAlchemy 2.1:
    # no scheduled run is ever created.
    assert Version(version("sqlalchemy")) < Version("2.1")
    pins = [line for line in (ROOT / "requirements.lock").read_text().splitlines() if line.startswith("sqlalchemy==")]
    assert pins and Version(pins[0].split("==")[1]) < Version("2.1")


def test_lock_fastapi_below_the_server_crash():
    assert Version(version("fastapi")) < Version("0.151")
