"""Read .gz, .zip, .tar and .tar.gz inputs as streams of members, never unpacked to disk.

Two guards: member names that would escape a folder (absolute, `..`, drive letters) are refused,
and the uncompressed bytes read from one archive are capped (`ArchiveLimits`) so a zip bomb
fails fast with `too_large` instead of filling memory.
"""

from __future__ import annotations

import gzip
import io
import re
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from ..errors import InputError

ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".gz")
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class ArchiveLimits:
    """Caps for one archive: uncompressed bytes in all, and members."""

    max_uncompressed: int = 2 * 1024**3
    max_members: int = 100_000


@dataclass
class Budget:
    """Uncompressed bytes left to read from one archive (shared by its members and nested archives)."""

    limit: int
    used: int = field(default=0)

    def take(self, size: int, uri: str) -> None:
        """Count `size` more bytes; raises InputError (`too_large`) past the limit."""
        self.used += size
        if self.used > self.limit:
            raise InputError("too_large", uri, f"more than {self.limit} uncompressed bytes in this archive (zip bomb?); raise max_uncompressed to read it")


@dataclass
class Member:
    """One file inside an archive; read `stream` before asking for the next member."""

    name: str
    uri: str
    stream: BinaryIO


class _Bounded(io.RawIOBase):
    """A read-only, unseekable stream that charges every byte it returns to a budget (if any)."""

    def __init__(self, raw: BinaryIO, budget: Budget | None, uri: str):
        self._raw, self._budget, self._uri = raw, budget, uri

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._raw.read(len(buffer))
        if self._budget is not None:
            self._budget.take(len(data), self._uri)
        buffer[: len(data)] = data
        return len(data)


def is_archive(name: str) -> bool:
    """True when the file name says archive or gzip (a .jsonl.gz is a gzip holding a manifest)."""
    return name.lower().endswith(ARCHIVE_SUFFIXES)


def unsafe_name(name: str) -> bool:
    """True for a member name that is absolute, has a drive letter or climbs with `..`."""
    parts = re.split(r"[\\/]", name)
    return name.startswith(("/", "\\")) or bool(_DRIVE.match(name)) or ".." in parts


def _member_uri(uri: str, name: str) -> str:
    return f"{uri}!/{name}"


def _zip_members(stream: BinaryIO, uri: str, budget: Budget, limits: ArchiveLimits) -> Iterator[Member | InputError]:
    if not stream.seekable():  # zip's index sits at the end: a nested zip is read into memory first
        stream = io.BytesIO(stream.read())
    with zipfile.ZipFile(stream) as archive:
        for count, info in enumerate(archive.infolist(), start=1):
            inner = _member_uri(uri, info.filename)
            if count > limits.max_members:
                yield InputError("too_large", uri, f"more than {limits.max_members} members; the rest are not read")
                return
            if info.is_dir():
                continue
            if unsafe_name(info.filename):
                yield InputError("unsafe_path", inner, f"member name {info.filename!r} leaves the archive's folder")
                continue
            if info.flag_bits & 0x1:
                yield InputError("unreadable", inner, "the member is encrypted")
                continue
            budget.take(info.file_size, inner)  # zipfile stops at the declared size, so this bounds the read
            with archive.open(info) as member:
                yield Member(info.filename, inner, member)


def _tar_members(stream: BinaryIO, uri: str, budget: Budget, limits: ArchiveLimits) -> Iterator[Member | InputError]:
    with tarfile.open(fileobj=stream, mode="r|*") as archive:
        for count, info in enumerate(archive, start=1):
            inner = _member_uri(uri, info.name)
            if count > limits.max_members:
                yield InputError("too_large", uri, f"more than {limits.max_members} members; the rest are not read")
                return
            if info.isdir():
                continue
            if unsafe_name(info.name):
                yield InputError("unsafe_path", inner, f"member name {info.name!r} leaves the archive's folder")
                continue
            if not info.isfile():
                yield InputError("unsupported", inner, "links and special files in archives are not read")
                continue
            budget.take(info.size, inner)
            member = archive.extractfile(info)
            if member is not None:  # wrapped: a streamed tar member claims seekable() and then fails on it
                yield Member(info.name, inner, io.BufferedReader(_Bounded(member, None, inner)))


def _gzip_member(stream: BinaryIO, name: str, uri: str, budget: Budget) -> Iterator[Member]:
    inner_name = name.rsplit("/", 1)[-1][:-3] or "member"
    yield Member(inner_name, uri, io.BufferedReader(_Bounded(gzip.GzipFile(fileobj=stream, mode="rb"), budget, uri)))


def archive_members(
    stream: BinaryIO, name: str, uri: str, budget: Budget, limits: ArchiveLimits = ArchiveLimits()
) -> Iterator[Member | InputError]:
    """Each file in the archive `name` as a stream, or an error naming the member.

    A plain .gz yields one member named without `.gz` under the archive's own uri. Errors of the
    container itself (truncated, corrupt) come back as one InputError (`unreadable`) at the end.
    """
    lower = name.lower()
    try:
        if lower.endswith(".zip"):
            yield from _zip_members(stream, uri, budget, limits)
        elif lower.endswith((".tar", ".tar.gz", ".tgz")):
            # "r|*" decompresses as a stream; each member's declared size is charged, and tarfile reads no more.
            yield from _tar_members(stream, uri, budget, limits)
        else:
            yield from _gzip_member(stream, name, uri, budget)
    except InputError as error:
        yield error
    except (OSError, EOFError, zipfile.BadZipFile, tarfile.TarError, zipfile.LargeZipFile) as exc:
        yield InputError("unreadable", uri, f"cannot read the archive: {exc}")
