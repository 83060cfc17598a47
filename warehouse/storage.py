"""Where the warehouse lives: a local folder or an fsspec/pyarrow URI, behind one small interface."""

from __future__ import annotations

import errno
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.fs as pafs

from ..extraction.errors import SetupError
from .remote import S3Options, is_s3, s3_filesystem

DEFAULT_WAREHOUSE = "warehouse/data"
DATABASE_NAME = "events.duckdb"


@dataclass(frozen=True)
class Location:
    """A warehouse root: the filesystem it is on and the path inside it."""

    fs: pafs.FileSystem
    root: str
    uri: str
    # The fsspec filesystem behind `fs` for object stores: DuckDB connections register it to read s3:// paths.
    fsspec: object | None = field(default=None, repr=False, compare=False)

    @property
    def is_local(self) -> bool:
        return isinstance(self.fs, pafs.LocalFileSystem)

    def path(self, *parts: str) -> str:
        return "/".join([self.root.rstrip("/"), *parts])

    def glob_uri(self, *parts: str) -> str:
        """A URI DuckDB can read for files under the root (absolute path or s3://...)."""
        base = self.root if self.is_local else self.uri.rstrip("/")
        return "/".join([base.rstrip("/"), *parts])


def locate(uri: str | os.PathLike[str], s3: S3Options | None = None) -> Location:
    """The warehouse at `uri` (a folder path or URI such as s3://bucket/prefix); `s3` reaches an S3 store."""
    text = str(uri)
    if "://" not in text:
        root = str(Path(text).expanduser().resolve())
        return Location(fs=pafs.LocalFileSystem(), root=root, uri=root)
    if is_s3(text):
        filesystem = s3_filesystem(s3)
        root = filesystem._strip_protocol(text).rstrip("/")
        uri_text = "s3://" + root
        return Location(fs=pafs.PyFileSystem(pafs.FSSpecHandler(filesystem)), root=root, uri=uri_text, fsspec=filesystem)
    fs, root = pafs.FileSystem.from_uri(text)
    return Location(fs=fs, root=root, uri=text)


def database_name(uri: str) -> str:
    """A local DuckDB file name for a remote warehouse URI (s3://news/wh -> s3-news-wh.duckdb)."""
    return re.sub(r"[^A-Za-z0-9_.]+", "-", uri).strip("-") + ".duckdb"


def is_disk_full(error: BaseException | None) -> bool:
    """Whether an error, or one it was raised from, is a filesystem out of space (ENOSPC)."""
    while error is not None:
        # pyarrow raises OSError(ENOSPC); DuckDB its own exception types carrying the system's message.
        if (isinstance(error, OSError) and error.errno == errno.ENOSPC) or "No space left on device" in str(error):
            return True
        error = error.__cause__ or error.__context__
    return False


def disk_full_error(location: Location) -> SetupError:
    """The error a run stops with when the warehouse's filesystem fills up half way."""
    return SetupError(
        f"the filesystem of warehouse {location.uri} ran out of space; the run stopped. Nothing half written is "
        "visible (files are staged, the views are unchanged) and the documents not yet committed are read again next run",
        hint="free space (or move the warehouse with --warehouse) and run again",
    )


def ensure_writable(location: Location, min_free_bytes: int = 0) -> None:
    """Create the root, prove it is writable and has `min_free_bytes` free, or stop with a clear error before any work."""
    probe = location.path(".write-probe")
    try:
        location.fs.create_dir(location.root, recursive=True)
        with location.fs.open_output_stream(probe) as handle:
            handle.write(b"ok")
        location.fs.delete_file(probe)
    except Exception as exc:
        if location.is_local and not isinstance(exc, OSError):
            raise
        # Object stores raise their client's errors (botocore's are not OSError): all mean "cannot write here".
        hint = (
            "pass --warehouse DIR (or set EVENTPIPE_WAREHOUSE) to a folder you can write, and check free space"
            if location.is_local
            else "check the bucket, EVENTPIPE_S3_ENDPOINT_URL and the EVENTPIPE_S3_ACCESS_KEY_ID / EVENTPIPE_S3_SECRET_ACCESS_KEY settings"
        )
        raise SetupError(f"warehouse {location.uri} is not writable: {exc}", hint=hint) from exc
    if location.is_local and (free := shutil.disk_usage(location.root).free) < min_free_bytes:
        raise SetupError(
            f"warehouse {location.uri} has {free / 2**20:.1f} MiB free, less than the {min_free_bytes / 2**20:.0f} MiB a run needs to start",
            hint="free space, move the warehouse (--warehouse DIR) or lower EVENTPIPE_MIN_FREE_BYTES",
        )



def writable_without_writing(location: Location) -> str:
    """Whether a run could write the warehouse, found out without writing anything (for `eventpipe check`).

    Local: the root, or its nearest existing parent folder, must be a folder this user may write.
    Object store: the bucket must answer a listing with these credentials (a missing bucket is one
    a run creates); write permission itself only shows at the first write, when a run starts.
    Returns what was found; raises SetupError.
    """
    if not location.is_local:
        bucket = location.root.split("/", 1)[0]
        try:
            location.fsspec.ls(bucket)
        except FileNotFoundError:
            return f"{location.uri}: bucket {bucket} does not exist yet; a run creates it (nothing created now)"
        except Exception as exc:  # botocore's errors are not OSError: all mean "cannot reach it"
            raise SetupError(
                f"warehouse {location.uri} is not reachable: {exc}",
                hint="check the bucket, EVENTPIPE_S3_ENDPOINT_URL and the EVENTPIPE_S3_ACCESS_KEY_ID / EVENTPIPE_S3_SECRET_ACCESS_KEY settings",
            ) from exc
        return f"{location.uri} is reachable (bucket {bucket} lists; write access is checked when a run starts)"
    path = Path(location.root)
    existing = next(p for p in (path, *path.parents) if p.exists())
    hint = "pass --warehouse DIR (or set EVENTPIPE_WAREHOUSE) to a folder you can write"
    if not existing.is_dir():
        raise SetupError(f"warehouse {location.uri} is not writable: {existing} is not a folder", hint=hint)
    if not os.access(existing, os.W_OK | os.X_OK):
        raise SetupError(f"warehouse {location.uri} is not writable: no write permission on {existing}", hint=hint)
    if existing == path:
        return f"{location.uri} is writable"
    return f"{location.uri} can be created (in {existing}, writable; nothing created now)"
