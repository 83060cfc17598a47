"""DuckDB query speed: daily dyad counts over N generated event rows (default 1,000,000).

    python bench/query.py [--rows 1000000] [--repeat 5]

Generates `events` Parquet files with the real schema (random dyads, roots and days over two
years, 24 monthly partitions), publishes the real views, then times `daily_dyad_counts` end to
end (best and median of --repeat runs, the whole result fetched as an Arrow table). Writes bench/results/query_<rows>.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from eventpipe.warehouse.publish import publish
from eventpipe.warehouse.storage import locate
from eventpipe.warehouse.writer import file_schema
from eventpipe.warehouse.query import connect_readonly

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES = ["IRQ", "IRN", "USA", "SYR", "TUR", "ISR", "PSE", "RUS", "UKR", "CHN", "NGA", "AFG", "PAK", "IND", "EGY"]
SECTORS = [None, "GOV", "MIL", "COP", "REB", "CVL", "OPP"]


def generate(folder: Path, rows: int, seed: int = 7) -> None:
    """Write `rows` synthetic events, one file per month, with the events table's schema."""
    rng = np.random.default_rng(seed)
    schema = file_schema("events")
    start = np.datetime64("2019-01-01")
    days = start + rng.integers(0, 730, rows).astype("timedelta64[D]")
    months = days.astype("datetime64[M]")
    roots = rng.integers(1, 21, rows)
    columns = {
        "event_id": [f"e{i:012d}" for i in range(rows)],
        "modality": np.where(rng.random(rows) < 0.95, "asserted", "negated"),
        "actor_text": ["x"] * rows,
        "actor_code": None, "actor_country": rng.choice(COUNTRIES, rows), "actor_sector": rng.choice(SECTORS, rows),
        "cameo": [f"{r:02d}0" for r in roots], "cameo_root": [f"{r:02d}" for r in roots],
        "quad_class": np.select([roots <= 5, roots <= 8, roots <= 13], [1, 2, 3], 4),
        "goldstein": rng.uniform(-10, 10, rows).round(1),
        "target_country": rng.choice(COUNTRIES, rows), "target_sector": rng.choice(SECTORS, rows),
        "date_start": days, "date_end": days, "date_granularity": ["day"] * rows,
        "num_mentions": rng.integers(1, 20, rows), "num_documents": np.ones(rows, int), "num_sources": np.ones(rows, int),
        "mention_ids": [["m"]] * rows, "name_variants": [[]] * rows, "match_keys": [[]] * rows, "merge_reason": ["single mention"] * rows,
    }
    table = pa.table({f.name: pa.array(columns.get(f.name, [None] * rows) if columns.get(f.name) is not None else [None] * rows, f.type) for f in schema})
    month_values = months.astype(str)
    for month in sorted(set(month_values)):
        mask = pa.array(month_values == month)
        out = folder / "events" / f"event_month={month}" / "part-bench.parquet"
        out.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(table.filter(mask), out, compression="zstd")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        clock = time.perf_counter()
        generate(Path(tmp), args.rows)
        generated = time.perf_counter() - clock
        database = publish(locate(tmp), Path(tmp) / "events.duckdb")
        times, result_rows = [], 0
        with connect_readonly(database) as con:
            for _ in range(args.repeat):
                clock = time.perf_counter()
                result_rows = con.sql("select * from daily_dyad_counts").to_arrow_table().num_rows
                times.append(time.perf_counter() - clock)
    result = {"rows": args.rows, "result_rows": result_rows, "best_s": round(min(times), 3),
              "median_s": round(statistics.median(times), 3), "generate_s": round(generated, 1)}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"query_{args.rows}.json").write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
