"""Main-text quality of the HTML reader against a human reference; writes bench/results/html_quality.json.

    python bench/html_quality.py                          # ../shared/data/corpus/html beside the clone
    python bench/html_quality.py --corpus /path/to/html --limit 50

The corpus (manifest.jsonl: file, url, expected_text; gzipped pages) is third-party material:
it is read where it lies and never copied into the project. Scores are token-level: lowercase
word tokens (\\w+) of the extracted main text against the reference, as multisets; precision,
recall and F1 per page averaged over pages (macro), and over all tokens pooled (micro).
Reading speed covers decoding, extraction, metadata and mojibake repair, as in read_inputs.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from eventpipe.extraction.reading.encodings import declared_charset, decode_bytes, repair_mojibake
from eventpipe.extraction.reading.html import extract_html

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "data" / "corpus" / "html"
RESULTS = REPO / "bench" / "results" / "html_quality.json"
_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> Counter:
    """Lowercase word tokens of `text` as a multiset."""
    return Counter(_TOKEN.findall(text.lower()))


def page_scores(extracted: str, expected: str) -> tuple[float, float, float, int, int, int]:
    """precision, recall, F1, and the overlap / extracted / reference token counts."""
    got, want = tokens(extracted), tokens(expected)
    overlap, n_got, n_want = sum((got & want).values()), sum(got.values()), sum(want.values())
    precision = overlap / n_got if n_got else 0.0
    recall = overlap / n_want if n_want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, overlap, n_got, n_want


def extract(data: bytes, url: str) -> str:
    """The main text of one page, through the same steps as the reader."""
    html = decode_bytes(data, url, declared_charset(data), repair=False).text
    page = extract_html(html, url=url)
    return repair_mojibake(page.text) if page else ""


def run(corpus: Path, limit: int | None) -> dict:
    rows = [json.loads(line) for line in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = rows[:limit] if limit else rows
    pages = [(row, gzip.decompress((corpus / row["file"]).read_bytes())) for row in rows]
    extract(pages[0][1], pages[0][0]["url"])  # warm up imports and caches outside the clock
    per_page, seconds, words = [], 0.0, 0
    for row, data in pages:
        clock = time.perf_counter()
        text = extract(data, row["url"])
        seconds += time.perf_counter() - clock
        words += len(text.split())
        p, r, f, overlap, n_got, n_want = page_scores(text, row["expected_text"])
        per_page.append({"id": row["id"], "url": row["url"], "precision": p, "recall": r, "f1": f,
                         "overlap": overlap, "extracted": n_got, "reference": n_want})
    overlap = sum(p["overlap"] for p in per_page)
    micro_p = overlap / max(1, sum(p["extracted"] for p in per_page))
    micro_r = overlap / max(1, sum(p["reference"] for p in per_page))
    return {
        "pages": len(per_page),
        "macro": {k: statistics.fmean(p[k] for p in per_page) for k in ("precision", "recall", "f1")},
        "micro": {"precision": micro_p, "recall": micro_r, "f1": 2 * micro_p * micro_r / (micro_p + micro_r)},
        "pages_per_s": len(per_page) / seconds,
        "words_per_s": words / seconds,
        "per_page": per_page,
    }


def print_table(result: dict, worst: int = 10) -> None:
    print(f"{'':8}{'precision':>10}{'recall':>10}{'F1':>10}")
    for name in ("macro", "micro"):
        scores = result[name]
        print(f"{name:8}{scores['precision']:>10.3f}{scores['recall']:>10.3f}{scores['f1']:>10.3f}")
    print(f"{result['pages']} pages, {result['pages_per_s']:.1f} pages/s, {result['words_per_s']:.0f} words/s (one process)")
    print(f"\nlowest F1 ({worst}):")
    for page in sorted(result["per_page"], key=lambda p: p["f1"])[:worst]:
        print(f"  {page['f1']:.3f}  P {page['precision']:.2f} R {page['recall']:.2f}  {page['url'][:90]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder with manifest.jsonl and the gzipped pages")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if not (args.corpus / "manifest.jsonl").exists():
        print(f"Error: no manifest.jsonl in {args.corpus}", file=sys.stderr)
        return 1
    result = run(args.corpus, args.limit)
    print_table(result)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
