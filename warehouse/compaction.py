"""Keep the number of small files bounded: merge a partition's files once it has too many.

Crash-safe: the merged file supersedes the files it replaces (`writer.supersede`), which stay
until the next publish stops listing them and `writer.finish_replacements` deletes them.
"""

from __future__ import annotations

import hashlib

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .storage import Location
from .writer import live_files, read_column, supersede


def _partitions(location: Location, table: str) -> dict[str, list[str]]:
    """Parquet files per folder of a table."""
    folders: dict[str, list[str]] = {}
    for path in live_files(location, table):
        folders.setdefault(path.rsplit("/", 1)[0], []).append(path)
    return folders


def compact(location: Location, tables: list[str], max_files: int = 32) -> int:
    """Merge the first partition holding more than `max_files` files into one; returns partitions merged.

    The replaced files are not deleted here: readers of the published views may still use them.
    Publish leaves them out, and `finish_replacements` deletes them once it has published.
    """
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
            supersede(location, files, data, target)
            merged += 1
            break  # one compaction per run: its replaced files are deleted after the next publish
        if merged:
            break
    return merged
