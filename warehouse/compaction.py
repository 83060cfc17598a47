"""Keep the number of small files bounded: merge a partition's files once it has too many.

Crash-safe through a journal: the merged file is moved into place only after the journal names
the files it replaces; a run that starts and finds a journal finishes (or abandons) that work.
"""

from __future__ import annotations

import hashlib

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .storage import Location
from .writer import _write_file, is_file, parquet_files, read_column, read_journal, write_journal

JOURNAL = "_compaction.json"


def _partitions(location: Location, table: str) -> dict[str, list[str]]:
    """Parquet files per folder of a table."""
    folders: dict[str, list[str]] = {}
    for path in parquet_files(location, table):
        folders.setdefault(path.rsplit("/", 1)[0], []).append(path)
    return folders


def recover(location: Location) -> None:
    """Finish a compaction a killed run left half done (or forget it if its file never landed)."""
    entry = read_journal(location, JOURNAL)
    if entry is None:
        return
    if is_file(location, entry["merged"]):
        for path in entry["replaces"]:
            if is_file(location, path):
                location.fs.delete_file(path)
    location.fs.delete_file(location.path(JOURNAL))


def compact(location: Location, tables: list[str], max_files: int = 32) -> int:
    """Merge the first partition holding more than `max_files` files into one; returns partitions merged.

    The replaced files are not deleted here: readers of the published views may still use them.
    Publish leaves them out (`replaced_files`), and `recover` deletes them once it has published.
    """
    recover(location)
    merged = 0
    for table in tables:
        for folder, files in _partitions(location, table).items():
            if len(files) <= max_files:
                continue
            data = pq.ParquetDataset(files, filesystem=location.fs, partitioning=None).read()
            if table == "mentions":
                # Mentions of documents never committed (a killed batch) are garbage: drop them here.
                committed = pa.array(sorted(read_column(location, "documents", "doc_id")), pa.string())
                data = data.filter(pc.is_in(data.column("doc_id"), value_set=committed))
            stem = hashlib.sha256("\n".join(files).encode()).hexdigest()[:24]
            target = f"{folder}/compact-{stem}.parquet"
            write_journal(location, JOURNAL, {"merged": target, "replaces": files})
            _write_file(location, data, target)
            merged += 1
            break  # one compaction per run: its replaced files are deleted after the next publish
        if merged:
            break
    return merged


def replaced_files(location: Location) -> set[str]:
    """Files a landed compaction replaces: publish leaves them out, `recover` deletes them after."""
    entry = read_journal(location, JOURNAL)
    return set(entry["replaces"]) if entry and is_file(location, entry["merged"]) else set()
