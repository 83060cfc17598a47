"""One writer at a time: a lock file in the warehouse, with stale-lock detection.

The lock holds the owner's host, pid and run id. A lock whose process is gone (same host) or
that is older than `stale_after` seconds is stale and is taken over; otherwise a second run
waits up to `wait` seconds, then refuses with a message naming the holder.
"""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..extraction.errors import EventpipeError
from .storage import Location

LOCK_NAME = "_lock.json"


class WarehouseLocked(EventpipeError):
    """Another run holds the warehouse."""

    code = "locked"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_stale(holder: dict, stale_after: float) -> bool:
    if time.time() - float(holder.get("since", 0)) > stale_after:
        return True
    return holder.get("host") == socket.gethostname() and not _alive(int(holder.get("pid", -1)))


class _LocalLockFile:
    """The lock file in a local folder: O_EXCL creates it only if absent."""

    def __init__(self, location: Location) -> None:
        self.path = Path(location.root) / LOCK_NAME

    def create(self, payload: dict) -> bool:
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            return False
        with os.fdopen(fd, "w") as handle:
            json.dump(payload, handle)
        return True

    def read(self) -> str:
        return self.path.read_text()

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


class _ObjectLockFile:
    """The lock object in a bucket: a conditional PUT (If-None-Match: *) creates it only if absent."""

    def __init__(self, location: Location) -> None:
        self.fs, self.path = location.fsspec, location.path(LOCK_NAME)

    def create(self, payload: dict) -> bool:
        try:
            with self.fs.open(self.path, "xb") as handle:
                handle.write(json.dumps(payload).encode())
        except FileExistsError:
            return False
        return True

    def read(self) -> str:
        return self.fs.cat_file(self.path).decode()

    def remove(self) -> None:
        try:
            self.fs.rm_file(self.path)
        except FileNotFoundError:
            pass


def _read_holder(lock) -> dict:
    try:
        return json.loads(lock.read() or "{}")
    except (OSError, json.JSONDecodeError, UnicodeDecodeError):
        return {"since": 0}  # unreadable or half-written by a killed run: stale


@contextmanager
def warehouse_lock(location: Location, run_id: str, wait: float = 0.0, stale_after: float = 6 * 3600) -> Iterator[None]:
    """Hold the warehouse lock for the duration of the block (local folders and S3; other stores are not locked)."""
    if location.is_local:
        lock = _LocalLockFile(location)
    elif location.fsspec is not None:
        lock = _ObjectLockFile(location)
    else:
        yield
        return
    payload = {"host": socket.gethostname(), "pid": os.getpid(), "run_id": run_id, "since": time.time()}
    deadline = time.monotonic() + wait
    while not lock.create(payload):
        holder = _read_holder(lock)
        if _is_stale(holder, stale_after):
            lock.remove()
            continue
        if time.monotonic() >= deadline:
            raise WarehouseLocked(
                f"warehouse {location.uri} is locked by run {holder.get('run_id')} "
                f"(pid {holder.get('pid')} on {holder.get('host')}); try again when it finishes, "
                f"or pass --lock-wait SECONDS to wait for it"
            )
        time.sleep(0.5)
    try:
        yield
    finally:
        if _read_holder(lock).get("run_id") == run_id:
            lock.remove()
