"""Keep the number of small files bounded: merge a partition's files once it has too many.

Crash-safe through a journal: the merged file is moved into place only after the journal names
the files it replaces; a run that starts and finds a journal finishes (or abandons) that work.
"""

from __future__ import annotations

import hashlib
import json

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from pyarrow.fs import FileSelector

from .storage import Location
from .writer import _write_file, read_column

JOURNAL = "_compaction.json"


def _partitions(location: Location, table: str) -> dict[str, list[str]]:
    """Parquet files per folder of a table."""
    base = location.path(table)
    if location.fs.get_file_info(base).type.name != "Directory":
        return {}
    folders: dict[str, list[str]] = {}
    for info in location.fs.get_file_info(FileSelector(base, recursive=True)):
        if info.path.endswith(".parquet"):
            folders.setdefault(info.path.rsplit("/", 1)[0], []).append(info.path)
    return {folder: sorted(files) for folder, files in folders.items()}


def recover(location: Location) -> None:
    """Finish a compaction a killed run left half done (or forget it if its file never landed)."""
    journal = location.path(JOURNAL)
    if location.fs.get_file_info(journal).type.name != "File":
        return
    with location.fs.open_input_stream(journal) as handle:
        entry = json.loads(handle.read())
    if location.fs.get_file_info(entry["merged"]).type.name == "File":
        for path in entry["replaces"]:
            if location.fs.get_file_info(path).type.name == "File":
                location.fs.delete_file(path)
    location.fs.delete_file(journal)


def compact(location: Location, tables: list[str], max_files: int = 32) -> int:
    """Merge every partition holding more than `max_files` files into one; returns partitions merged."""
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
            journal = location.path(JOURNAL)
            with location.fs.open_output_stream(journal) as handle:
                handle.write(json.dumps({"merged": target, "replaces": files}).encode())
            _write_file(location, data, target)
            recover(location)
            merged += 1
    return merged
