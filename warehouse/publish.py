"""Publish DuckDB views over the Parquet tables in one short step: build a new file, swap it in."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import uuid
from importlib import resources
from pathlib import Path

import duckdb
import pyarrow as pa

from ..extraction.errors import SetupError
from ..schemas import TABLES
from .remote import register_filesystem
from .storage import Location
from .writer import file_schema, live_files, partition_column, read_journal, write_journal

MANIFEST = "_manifest.json"  # the published snapshot: the live files of each table (one file or object, replaced whole)
# The oldest storage format DuckDB writes: every DuckDB release since 1.0 (June 2024) opens the file
# (2.0's default format, 69, is refused by every 1.x client). Views only, so nothing newer is needed.
STORAGE_VERSION = "v1.0.0"

_DUCKDB_TYPES = {
    pa.string(): "VARCHAR",
    pa.int64(): "BIGINT",
    pa.float64(): "DOUBLE",
    pa.bool_(): "BOOLEAN",
    pa.date32(): "DATE",
    pa.timestamp("us", tz="UTC"): "TIMESTAMPTZ",
}


def _duckdb_type(arrow_type: pa.DataType) -> str:
    if pa.types.is_list(arrow_type):
        return f"{_duckdb_type(arrow_type.value_type)}[]"
    if pa.types.is_map(arrow_type):
        return f"MAP({_duckdb_type(arrow_type.key_type)}, {_duckdb_type(arrow_type.item_type)})"
    return _DUCKDB_TYPES[arrow_type]


def table_files(location: Location, table: str) -> list[str]:
    """The table's live Parquet files, sorted: paths relative to the warehouse root (local), s3:// URIs (object store)."""
    root = len(location.root.rstrip("/")) + 1
    return [path[root:] if location.is_local else location.glob_uri(path[root:]) for path in live_files(location, table)]


def view_paths(location: Location, files: list[str], database: Path) -> list[str]:
    """Manifest entries as the paths a view lists: relative to the database's folder for a local
    warehouse (so the folder can be moved or copied whole), URIs unchanged."""
    if not location.is_local:
        return files
    return [os.path.relpath(Path(location.root, f), database.parent) for f in files]


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _typed_empty(table: str) -> str:
    """A SELECT of no rows with every column of the table's model, typed (the partition column last)."""
    column = partition_column(table)
    columns = [f"CAST(NULL AS {_duckdb_type(f.type)}) AS {f.name}" for f in file_schema(table)]
    if column:
        columns.append(f"CAST(NULL AS VARCHAR) AS {column}")
    return f"SELECT {', '.join(columns)} WHERE false"


def table_view_sql(location: Location, table: str, files: list[str]) -> str:
    """CREATE VIEW over the files a table has now (a snapshot), with every column of the model.

    Listing the files, rather than a glob, is what makes publishing atomic: files a running
    batch moves into place later stay invisible until the next publish. `files`: as `view_paths`
    gives them. The typed empty select in front gives columns that older files lack (a new field)
    as nulls, and a table without files its columns.
    """
    column = partition_column(table)
    if not files:
        return f"CREATE OR REPLACE VIEW {table} AS {_typed_empty(table)}"
    listed = ", ".join(_quote(f) for f in files)
    read = f"SELECT * FROM read_parquet([{listed}], union_by_name = true, hive_partitioning = {str(bool(column)).lower()})"
    if table == "mentions":
        read += " WHERE doc_id IN (SELECT doc_id FROM documents)"  # mentions count once their document is committed (written last)
    return f"CREATE OR REPLACE VIEW {table} AS {_typed_empty(table)} UNION ALL BY NAME ({read})"


def analysis_views() -> list[tuple[str, str]]:
    """(name, SQL) of each analysis view shipped in warehouse/sql/, in name order."""
    folder = resources.files("eventpipe.warehouse") / "sql"
    return sorted((f.name.removesuffix(".sql"), f.read_text()) for f in folder.iterdir() if f.name.endswith(".sql"))


def snapshot(location: Location) -> dict[str, list[str]]:
    """The live files of every table, as DuckDB-readable URIs."""
    return {table: table_files(location, table) for table in TABLES}


def read_manifest(location: Location) -> dict | None:
    """The last published snapshot of an object-store warehouse (None before the first publish).

    One GET: a streamed read would check the object's ETag between requests and fail when a
    publish replaces the manifest meanwhile.
    """
    if location.fsspec is None:
        return read_journal(location, MANIFEST)
    try:
        return json.loads(location.fsspec.cat_file(location.path(MANIFEST)))
    except FileNotFoundError:
        return None


def publish(location: Location, database: Path) -> Path:
    """(Re)create every view in a fresh DuckDB file and atomically replace `database` with it.

    Readers that hold the old file open keep reading it; new readers open the new one; nobody
    meets a write lock, because the live file is never opened for writing. On an object store the
    snapshot is also written as the manifest, one object PUT: readers elsewhere build their views
    from it (`refresh_views`) and so see the previous publish or this one, never a mix.
    """
    files = snapshot(location)
    database = _build_database(location, files, database)
    write_journal(location, MANIFEST, {
        "published_at": dt.datetime.now(dt.timezone.utc).isoformat(), "paths": "relative to this file" if location.is_local else "URIs",
        "tables": files,
    })
    return database


SNAPSHOT_VIEW = "_eventpipe_snapshot"  # one row: the sha256 of the view statements the file was built with


def _view_statements(location: Location, files: dict[str, list[str]], database: Path) -> list[str]:
    """Every CREATE VIEW of a database over `files` (a manifest's tables), in order."""
    tables = [table_view_sql(location, table, view_paths(location, files[table], database)) for table in TABLES]
    return tables + [f"CREATE OR REPLACE VIEW {name} AS {sql}" for name, sql in analysis_views()]


def _statements_hash(statements: list[str]) -> str:
    return hashlib.sha256("\n;\n".join(statements).encode()).hexdigest()


def _built_from(database: Path) -> str | None:
    """The snapshot hash a database file's views were built from (None: no file, or built before the hash existed)."""
    if not database.exists():
        return None
    try:
        with duckdb.connect(str(database), read_only=True) as con:
            return con.execute(f"SELECT hash FROM {SNAPSHOT_VIEW}").fetchone()[0]
    except duckdb.Error:
        return None


def refresh_views(location: Location, database: Path) -> Path:
    """The DuckDB file of a warehouse (a remote one, or a local one moved elsewhere) with views of its
    published manifest; rebuilt only when the manifest (or the view SQL) changed since `database` was built.

    Building binds every view, which opens every listed file (over the network for S3): doing it
    once per publish rather than once per query is most of an S3 query's time.
    """
    manifest = read_manifest(location)
    if manifest is None:
        raise SetupError(f"nothing published in {location.uri} yet", hint="run `eventpipe run --warehouse URI` first")
    files = {t: manifest["tables"].get(t, []) for t in TABLES}
    if _built_from(database) == _statements_hash(_view_statements(location, files, database)):
        return database  # same files, same SQL: the views are current
    return _build_database(location, files, database)


def _build_database(location: Location, files: dict[str, list[str]], database: Path) -> Path:
    """Write the views into a fresh file in the compatible storage format, then swap it in."""
    database.parent.mkdir(parents=True, exist_ok=True)
    temporary = database.with_name(f".{database.name}.{uuid.uuid4().hex}.tmp")
    try:
        with register_filesystem(duckdb.connect(), location.fsspec) as con:
            con.execute(f"ATTACH {_quote(str(temporary))} AS published (STORAGE_VERSION '{STORAGE_VERSION}')")
            con.execute("USE published")
            # Views bind when created: relative paths resolve against the database's folder, as readers' will.
            con.execute(f"SET file_search_path = {_quote(str(database.parent))}")
            statements = _view_statements(location, files, database)
            for statement in statements:
                con.execute(statement)
            con.execute(f"CREATE OR REPLACE VIEW {SNAPSHOT_VIEW} AS SELECT {_quote(_statements_hash(statements))} AS hash")
            con.execute("USE memory")
            con.execute("DETACH published")
        os.replace(temporary, database)
    finally:
        temporary.unlink(missing_ok=True)
        Path(f"{temporary}.wal").unlink(missing_ok=True)
    return database
