"""Write Parquet tables: staged, then moved into place; deterministic names so a rerun overwrites."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from ..schemas import TABLES, arrow_schema, to_table
from .storage import Location

PARTITION_COLUMN = "event_month"
STAGING = "_staging"


def partition_column(table_name: str) -> str | None:
    """The hive partition column of a table, if it has one."""
    return PARTITION_COLUMN if PARTITION_COLUMN in arrow_schema(TABLES[table_name]).names else None


def file_schema(table_name: str) -> pa.Schema:
    """The schema of a table's Parquet files: the model's, less the partition column (it is in the path)."""
    schema = arrow_schema(TABLES[table_name])
    column = partition_column(table_name)
    return schema.remove(schema.get_field_index(column)) if column else schema


def batch_key(keys: Iterable[str]) -> str:
    """A file stem from the sorted keys of the records in it: same records, same file."""
    digest = hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()
    return f"part-{digest[:24]}"


def _write_file(location: Location, table: pa.Table, final_path: str) -> str:
    """Write to a unique staging file, then move it over the final path (atomic on one filesystem)."""
    staging = location.path(STAGING, f"{uuid.uuid4().hex}.parquet")
    location.fs.create_dir(location.path(STAGING), recursive=True)
    pq.write_table(table, staging, filesystem=location.fs, compression="zstd")
    location.fs.create_dir(final_path.rsplit("/", 1)[0], recursive=True)
    location.fs.move(staging, final_path)
    return final_path


def write_records(location: Location, table_name: str, records: list, stem: str) -> list[str]:
    """Write records of one table as `<table>/[<partition>=<value>/]<stem>.parquet`; returns the paths."""
    if not records:
        return []
    table = to_table(records, TABLES[table_name])
    column = partition_column(table_name)
    if column is None:
        return [_write_file(location, table, location.path(table_name, f"{stem}.parquet"))]
    written = []
    for value in sorted(set(table.column(column).to_pylist())):
        part = table.filter(pc.equal(table.column(column), value)).drop_columns([column])
        written.append(_write_file(location, part, location.path(table_name, f"{column}={value}", f"{stem}.parquet")))
    return written


def read_rows(location: Location, table_name: str, columns: list[str] | None = None, where=None) -> list[dict]:
    """Rows of a table (hive partition columns included), optionally some columns or a filter; [] without files."""
    base = location.path(table_name)
    if location.fs.get_file_info(base).type.name != "Directory":
        return []
    dataset = ds.dataset(base, filesystem=location.fs, format="parquet", partitioning="hive", exclude_invalid_files=True)
    return dataset.to_table(columns=columns, filter=where).to_pylist()


def read_column(location: Location, table_name: str, column: str) -> set:
    """Every value of one column of a table (empty when the table has no file yet)."""
    return {row[column] for row in read_rows(location, table_name, [column])}


def clear_staging(location: Location) -> None:
    """Remove staging files a killed run left behind (never visible to readers: they are not in a table folder)."""
    path = location.path(STAGING)
    if location.fs.get_file_info(path).type.name == "Directory":
        location.fs.delete_dir(path)



def parquet_files(location: Location, table_name: str) -> list[str]:
    """Every Parquet file of a table (all partitions), sorted; empty when the table has none."""
    base = location.path(table_name)
    if location.fs.get_file_info(base).type.name != "Directory":
        return []
    found = location.fs.get_file_info(pafs.FileSelector(base, recursive=True))
    return sorted(f.path for f in found if f.path.endswith(".parquet"))


def is_file(location: Location, path: str) -> bool:
    return location.fs.get_file_info(path).type.name == "File"


def read_journal(location: Location, name: str) -> dict | None:
    """The JSON journal a multi-file change left at the warehouse root, if any."""
    path = location.path(name)
    if not is_file(location, path):
        return None
    with location.fs.open_input_stream(path) as handle:
        return json.loads(handle.read())


def write_journal(location: Location, name: str, entry: dict) -> None:
    with location.fs.open_output_stream(location.path(name)) as handle:
        handle.write(json.dumps(entry).encode())


def remove_rows(location: Location, table_name: str, key: str, values: Iterable[str], keep_files: Iterable[str] = ()) -> int:
    """Rewrite every file of a table (but `keep_files`) without the rows whose `key` is in `values`; rows removed."""
    value_set = pa.array(sorted(set(values)), pa.string())
    keep = set(keep_files)
    removed = 0
    for path in parquet_files(location, table_name) if len(value_set) else []:
        if path in keep:
            continue
        data = pq.read_table(path, filesystem=location.fs, partitioning=None)
        hit = pc.is_in(data.column(key), value_set=value_set)
        count = pc.sum(hit).as_py() or 0
        if count:
            removed += count
            # An emptied file stays (with no rows): a published view may still list it.
            _write_file(location, data.filter(pc.invert(hit)), path)
    return removed


def remove_documents(location: Location, doc_ids: set[str]) -> int:
    """Remove the rows of `doc_ids` from `documents`, then `mentions`; returns rows removed.

    Documents go first: once a document row is gone its mentions are invisible (the mentions view
    keeps only committed documents) and the next run re-extracts it, so a crash here loses nothing.
    """
    return sum(remove_rows(location, table, "doc_id", doc_ids) for table in ("documents", "mentions"))
