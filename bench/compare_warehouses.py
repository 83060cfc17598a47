"""Compare the tables of two warehouses row for row, leaving out what differs by run (ids and clocks).

    python bench/compare_warehouses.py WAREHOUSE_A WAREHOUSE_B [--table mentions ...]

Each warehouse is a folder with its `events.duckdb`; tables are read through its views. Columns
that name a run or a clock (run_id, ingested_at, at, first_seen, started, finished, timings)
are dropped; rows are sorted on every remaining column and compared value for value. Exits 1
and prints the first differing rows when any table differs: used to show that a refactoring
moved code without changing what it writes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb
from eventpipe.warehouse.query import connect_readonly

TABLES = ("documents", "mentions", "events", "rejects")
VOLATILE = {"run_id", "ingested_at", "at", "first_seen", "started", "finished", "run_ids"}


def table_rows(database: Path, table: str) -> tuple[list[str], list[tuple]]:
    """The stable columns of `table` and its rows, sorted, from the views in `database`."""
    with connect_readonly(database) as con:
        columns = [row[0] for row in con.execute(f"describe {table}").fetchall() if row[0] not in VOLATILE]
        listed = ", ".join(f'"{c}"' for c in columns)
        rows = con.execute(f"select {listed} from {table} order by all").fetchall()
    return columns, rows


def compare(a: Path, b: Path, tables: tuple[str, ...] = TABLES) -> dict[str, str]:
    """Table -> 'same (N rows)' or a description of the first difference."""
    verdicts = {}
    for table in tables:
        cols_a, rows_a = table_rows(a / "events.duckdb", table)
        cols_b, rows_b = table_rows(b / "events.duckdb", table)
        if cols_a != cols_b:
            verdicts[table] = f"columns differ: {sorted(set(cols_a) ^ set(cols_b))}"
        elif rows_a != rows_b:
            first = next((i for i, (x, y) in enumerate(zip(rows_a, rows_b)) if x != y), min(len(rows_a), len(rows_b)))
            verdicts[table] = f"rows differ ({len(rows_a)} vs {len(rows_b)}), first at {first}"
        else:
            verdicts[table] = f"same ({len(rows_a)} rows)"
    return verdicts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    parser.add_argument("--table", action="append", choices=TABLES, help="tables to compare (default: all)")
    args = parser.parse_args(argv)
    verdicts = compare(args.a, args.b, tuple(args.table or TABLES))
    for table, verdict in verdicts.items():
        print(f"{table:10} {verdict}")
    return 0 if all(v.startswith("same") for v in verdicts.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
