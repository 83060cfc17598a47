"""Where the warehouse lives: a local folder or an fsspec/pyarrow URI, behind one small interface."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pyarrow.fs as pafs

from ..extraction.errors import SetupError

DEFAULT_WAREHOUSE = "warehouse/data"
DATABASE_NAME = "events.duckdb"


@dataclass(frozen=True)
class Location:
    """A warehouse root: the filesystem it is on and the path inside it."""

    fs: pafs.FileSystem
    root: str
    uri: str

    @property
    def is_local(self) -> bool:
        return isinstance(self.fs, pafs.LocalFileSystem)

    def path(self, *parts: str) -> str:
        return "/".join([self.root.rstrip("/"), *parts])

    def glob_uri(self, *parts: str) -> str:
        """A URI DuckDB can read for files under the root (absolute path or s3://...)."""
        base = self.root if self.is_local else self.uri.rstrip("/")
        return "/".join([base.rstrip("/"), *parts])


def locate(uri: str | os.PathLike[str]) -> Location:
    """The warehouse at `uri` (a folder path or URI such as s3://bucket/prefix)."""
    text = str(uri)
    if "://" not in text:
        root = str(Path(text).expanduser().resolve())
        return Location(fs=pafs.LocalFileSystem(), root=root, uri=root)
    fs, root = pafs.FileSystem.from_uri(text)
    return Location(fs=fs, root=root, uri=text)


def ensure_writable(location: Location) -> None:
    """Create the root and prove it is writable, or stop with a clear error before any work."""
    probe = location.path(".write-probe")
    try:
        location.fs.create_dir(location.root, recursive=True)
        with location.fs.open_output_stream(probe) as handle:
            handle.write(b"ok")
        location.fs.delete_file(probe)
    except OSError as exc:
        raise SetupError(
            f"warehouse {location.uri} is not writable: {exc}",
            hint="pass --warehouse DIR (or set EVENTPIPE_WAREHOUSE) to a folder you can write, and check free space",
        ) from exc

