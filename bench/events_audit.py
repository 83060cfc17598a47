"""A random sample of event mentions on unlabelled Wikinews news, to judge by hand for precision.

    python bench/events_audit.py --out /tmp/audit                 # run, sample 150, print
    python bench/events_audit.py --out /tmp/audit --warehouse W   # sample an existing warehouse

Runs `eventpipe run` on the Wikinews corpus (../shared/data/corpus/news.jsonl.gz) into a temporary
warehouse, leaving out every article that holds a `test` sentence of ../shared/gold/dev_events.jsonl
(only the ids and splits of that file are read), and prints a seeded random sample of mentions:
sentence, actor text/code, CAMEO code, target text/code, modality. Judge each by the CAMEO codebook and
the coding rules of ../shared/gold/README.md; find general false-positive classes here, then confirm
on the dev split with bench/score.py --events. Writes OUT/sample.jsonl (the sample, with mention ids, so a
later run can say which sampled mentions remain and how they changed). Text: Wikinews, CC BY 2.5.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from pathlib import Path

import duckdb

from score import run_pipeline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "data" / "corpus" / "news.jsonl.gz"
GOLD = SHARED / "gold" / "dev_events.jsonl"
_FIELDS = ("mention_id", "source_id", "sentence", "actor_text", "actor_code", "action_text", "cameo",
           "target_text", "target_code", "modality")


def test_articles(gold: Path = GOLD) -> set[str]:
    """Ids of the articles that hold a `test` sentence (nothing else of the gold file is read)."""
    with gold.open(encoding="utf-8") as fh:
        return {r["doc_id"] for r in map(json.loads, fh) if r.get("split") == "test"}


def write_manifest(path: Path, corpus: Path = CORPUS) -> int:
    """Write the corpus without the test articles as a JSONL manifest; return how many articles."""
    held_out = test_articles()
    kept = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as src, path.open("w", encoding="utf-8") as out:
        for line in src:
            record = json.loads(line)
            if record["id"] in held_out:
                continue
            out.write(json.dumps({k: record[k] for k in ("id", "title", "published", "source", "url", "text")}) + "\n")
            kept += 1
    return kept


def mentions(warehouse: Path) -> list[dict]:
    """Every mention of the warehouse with its article id, in mention-id order."""
    data = warehouse / "data" if (warehouse / "data").exists() else warehouse
    con = duckdb.connect()
    query = (f"select m.*, d.source_id from read_parquet('{data}/mentions/**/*.parquet', union_by_name=true, "
             f"hive_partitioning=true) m join read_parquet('{data}/documents/**/*.parquet', union_by_name=true, "
             f"hive_partitioning=true) d using (doc_id) order by mention_id")
    rows = con.execute(query)
    names = [c[0] for c in rows.description]
    return [dict(zip(names, row)) for row in rows.fetchall()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the manifest, warehouse and sample")
    parser.add_argument("--warehouse", type=Path, help="sample this warehouse instead of running the pipeline")
    parser.add_argument("--sample", type=int, default=150, help="mentions to sample")
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    warehouse = args.warehouse
    if warehouse is None:
        manifest = args.out / "news_without_test.jsonl"
        print(f"{write_manifest(manifest)} articles (test articles left out)", file=sys.stderr)
        warehouse = args.out / "warehouse"
        print(f"eventpipe run: {run_pipeline(manifest, warehouse):.0f} s", file=sys.stderr)
    found = mentions(warehouse)
    chosen = sorted(random.Random(args.seed).sample(range(len(found)), min(args.sample, len(found))))
    with (args.out / "sample.jsonl").open("w", encoding="utf-8") as fh:
        for n, i in enumerate(chosen):
            m = {k: found[i].get(k) for k in _FIELDS}
            fh.write(json.dumps(m, default=str) + "\n")
            print(f"[{n}] {m['sentence']}\n    {m['actor_text']!r}/{m['actor_code']}  {m['cameo']} {m['action_text']!r}"
                  f"  -> {m['target_text']!r}/{m['target_code']}  ({m['modality']})")
    print(f"{len(found)} mentions, {len(chosen)} sampled", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
