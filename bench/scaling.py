"""Scaling: documents/s of `eventpipe run` on a local Dask cluster of 1, 2, 4, 8, 16 workers.

    python bench/scaling.py [--corpus ../shared/data/corpus/news.jsonl.gz] [--repeat 1] [--limit N] [--workers 1,2,4,8,16]

Each worker count runs the real CLI (`eventpipe run MANIFEST --dask-workers N`) into a fresh
warehouse; the corpus is repeated with new ids as in bench/throughput.py. Two times are kept:
`wall` (process start to exit, what a user waits for: Prefect's server, the cluster and one
spaCy load per worker included) and `run` (the runs table's started -> finished, the flow's own
time, cluster start included). Speed-up is against the first worker count. Results go to
bench/results/scaling.{json,md}. Run by hand; never in tests. Worker counts above the machine's
cores measure contention, not scaling: the table says how many cores there were.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_CORPUS, ROOT, eventpipe_run, load_corpus  # noqa: E402  (a sibling bench script)


def run_on_dask(manifest: Path, warehouse: Path, workers: int, batch_size: int) -> tuple[float, dict]:
    """Wall seconds of `eventpipe run --dask-workers N` and the runs row it left."""
    return eventpipe_run(manifest, warehouse, "--dask-workers", str(workers), "--batch-size", str(batch_size))


def batch_size_for(documents: int, workers: int, cap: int = 200) -> int:
    """About four batches per worker, so no worker idles at the end while another finishes a big one."""
    return max(1, min(cap, math.ceil(documents / (4 * workers))))


def markdown(result: dict) -> str:
    """The result as a Markdown page: the machine, then one row per worker count."""
    head = [f"# Dask scaling: {result['documents']} documents, {result['words']} words", "",
            f"Machine: {result['machine']}", "", result["note"], "",
            "| workers | batch size | wall s | docs/s (wall) | speed-up (wall) | run s | docs/s (run) | speed-up (run) | parse s (all workers) | mentions | load avg before/after |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    rows = [f"| {r['workers']} | {r['batch_size']} | {r['wall_seconds']} | {r['docs_per_s_wall']} | {r['speedup_wall']}x "
            f"| {r['run_seconds']} | {r['docs_per_s_run']} | {r['speedup_run']}x | {r['stage_seconds'].get('parse', '')} "
            f"| {r['mentions']} | {r['load_average_before']} / {r['load_average_after']} |" for r in result["rows"]]
    return "\n".join(head + rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=7, help="copies of the corpus (7 gives 2,065 documents)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N documents")
    parser.add_argument("--workers", default="1,2,4,8,16", help="comma-separated Dask worker counts")
    parser.add_argument("--batch-size", type=int, default=None, help="documents per task (default: about 4 batches per worker)")
    parser.add_argument("--note", default="", help="a line saying how this run differs from the full benchmark")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        parser.error(f"corpus {args.corpus} not found (it lives in ../shared/data/corpus)")

    records = load_corpus(args.corpus, args.repeat)[: args.limit]
    words = sum(len(r["text"].split()) for r in records)
    counts = [int(n) for n in args.workers.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        manifest = Path(tmp) / "corpus.jsonl"
        manifest.write_text("".join(json.dumps(r) + "\n" for r in records))
        for workers in counts:
            batch_size = args.batch_size or batch_size_for(len(records), workers)
            load_before = os.getloadavg()[0]  # other work on the machine skews the row: say how busy it was
            wall, run = run_on_dask(manifest, Path(tmp) / f"wh{workers}", workers, batch_size)
            run_seconds = (run["finished"] - run["started"]).total_seconds()
            rows.append({"workers": workers, "batch_size": batch_size, "wall_seconds": round(wall, 1),
                         "run_seconds": round(run_seconds, 1), "docs_per_s_wall": round(len(records) / wall, 2),
                         "docs_per_s_run": round(len(records) / run_seconds, 2), "mentions": run["mentions"],
                         "load_average_before": round(load_before, 2), "load_average_after": round(os.getloadavg()[0], 2),
                         "stage_seconds": {k: round(v, 1) for k, v in sorted(dict(run["timings"]).items())}})
            print(f"{workers} workers: {wall:.1f} s wall, {run_seconds:.1f} s run", flush=True)
    for row in rows:
        row["speedup_wall"] = round(row["docs_per_s_wall"] / rows[0]["docs_per_s_wall"], 2)
        row["speedup_run"] = round(row["docs_per_s_run"] / rows[0]["docs_per_s_run"], 2)

    cpus = os.cpu_count()
    note = args.note or (f"{cpus} cores: worker counts above {cpus} share them." if cpus and max(counts) > cpus else "")
    result = {
        "machine": f"{platform.node()} {platform.machine()} cpus={cpus} python={platform.python_version()} ({platform.platform()})",
        "documents": len(records), "words": words, "repeat": args.repeat, "limit": args.limit,
        "note": note, "rows": rows,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "scaling.json").write_text(json.dumps(result, indent=1) + "\n")
    (args.out / "scaling.md").write_text(markdown(result))
    print(markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
