"""Read-only SQL over the published views, rendered as a table, CSV, JSON or Parquet."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
from rich.console import Console
from rich.table import Table

from ..extraction.errors import SetupError, EventpipeError
from .remote import register_filesystem

T = TypeVar("T")


class QueryError(EventpipeError):
    """The SQL failed; the message is DuckDB's."""

    code = "query"


def connect_readonly(database: Path | str, filesystem=None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the published views; a clear error when nothing was published yet.

    `filesystem` (fsspec, e.g. s3fs) is registered so views over a remote warehouse can read it.
    """
    database = Path(database)
    if not database.exists():
        raise SetupError(f"no warehouse database at {database}", hint="run `eventpipe run` first, or pass --warehouse/--database")
    con = register_filesystem(duckdb.connect(str(database), read_only=True), filesystem)
    # The views list local files relative to the database's folder (the warehouse can move whole).
    con.execute("SET file_search_path = ?", [str(database.resolve().parent)])
    return con


def superseded_under_reader(error: duckdb.Error) -> bool:
    """True when a query failed because a publish moved a file aside after the connection read the views.

    A publish moves superseded files out of the table folders at once (direct readers see only live
    files); a connection opened before it still holds the old views. Opening a new one is the fix."""
    message = str(error)
    return isinstance(error, duckdb.IOException) and ("No such file" in message or "No files found" in message)


def read_fresh(database: Path | str, read: Callable[[duckdb.DuckDBPyConnection], T], filesystem=None) -> T:
    """`read(connection)` on a read-only connection, once more on a new one when a publish moved a file
    aside under the first (`superseded_under_reader`)."""
    for attempt in (1, 2):
        with connect_readonly(database, filesystem) as con:
            try:
                return read(con)
            except duckdb.Error as error:
                if attempt == 2 or not superseded_under_reader(error):
                    raise
    raise AssertionError("unreachable")


def fetch_rows(database: Path | str, sql: str, filesystem=None) -> list[tuple]:
    """The rows of `sql` (see `read_fresh`)."""
    return read_fresh(database, lambda con: con.execute(sql).fetchall(), filesystem)


def run_query(database: Path, sql: str, fmt: str, output: Path | None, limit: int, console: Console, filesystem=None) -> None:
    """Run `sql` and write the result in `fmt` to `output` or stdout (`filesystem`: see `connect_readonly`)."""
    try:
        table = read_fresh(database, lambda con: _result(con, sql, fmt, output), filesystem)
    except duckdb.Error as error:
        raise QueryError(str(error).splitlines()[0]) from error
    if table is None:
        return
    if fmt == "csv":
        import pyarrow.csv as pacsv

        sink = str(output) if output else sys.stdout.buffer
        pacsv.write_csv(csv_ready(table), sink)
    elif fmt == "json":
        rows = table.to_pylist()
        text = json.dumps(rows, default=str, ensure_ascii=False, indent=1)
        output.write_text(text) if output else print(text)
    else:
        console.print(_rich_table(table, limit))


def _result(con: duckdb.DuckDBPyConnection, sql: str, fmt: str, output: Path | None) -> pa.Table | None:
    """The result of `sql` as an Arrow table; None for a statement without rows or a Parquet file written."""
    relation = con.sql(sql)
    if relation is None:
        return None
    if fmt == "parquet":
        if output is None:
            raise QueryError("--format parquet needs --output FILE")
        relation.write_parquet(str(output))
        return None
    return relation.to_arrow_table()


LIST_SEPARATOR = ";"  # as GDELT joins multi-valued fields


def csv_ready(table: pa.Table) -> pa.Table:
    """`table` with the columns CSV cannot hold made text: lists joined with ';' (null items
    left out), maps and structs as JSON."""
    columns = []
    for field, column in zip(table.schema, table.columns):
        if pa.types.is_list(field.type) or pa.types.is_large_list(field.type):
            strings = pc.cast(column, pa.list_(pa.string())).to_pylist()
            column = pa.array([None if v is None else LIST_SEPARATOR.join(i for i in v if i is not None) for v in strings], pa.string())
        elif pa.types.is_map(field.type) or pa.types.is_struct(field.type) or pa.types.is_nested(field.type):
            column = pa.array([None if v is None else json.dumps(_jsonable(v), ensure_ascii=False, default=str) for v in column.to_pylist()], pa.string())
        columns.append(column)
    return pa.table(columns, names=table.column_names)


def _jsonable(value):
    """Maps come back from Arrow as lists of (key, value) pairs: make them objects."""
    if isinstance(value, list) and all(isinstance(i, tuple) and len(i) == 2 for i in value):
        return {k: _jsonable(v) for k, v in value}
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def _rich_table(table, limit: int) -> Table:
    shown = Table(show_header=True, header_style="bold", caption=f"{table.num_rows} rows" + (f" (first {limit} shown)" if table.num_rows > limit else ""))
    for name in table.column_names:
        shown.add_column(name, overflow="fold")
    for row in table.slice(0, limit).to_pylist():
        shown.add_row(*("" if v is None else str(v) for v in row.values()))
    return shown
