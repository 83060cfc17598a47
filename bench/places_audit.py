"""Audit resolve_places on unlabelled news: a fixed random sample of resolved places, judged by hand.

    python bench/places_audit.py --draw                  # resolve the corpus, draw the sample, print it to judge
    python bench/places_audit.py                         # re-resolve, score the sample against the verdicts
    python bench/places_audit.py --verdicts bench/results/places_audit_holdout.jsonl   # the held-out sample

The corpus is ../shared/data/corpus/news.jsonl.gz (English Wikinews, CC BY 2.5, https://en.wikinews.org;
its text is shown here for judging only and never stored). `--draw` writes the sample (document id, span and
the place each span resolved to) to bench/results/places_audit.jsonl with an empty "verdict"; a person fills in
"right" or "wrong" (and a short "kind" for wrong ones). Later runs resolve the corpus again and look up each
sampled span: a span resolved to the same entry keeps its verdict, a span that now resolves to another entry
needs a verdict for that entry (it is printed; add a row with the same span), a span no longer resolved is
"dropped". Audited precision: right / judged, over the sampled spans still resolved.

Two samples, both drawn from the places of the code before issue 16's audit round and judged then:
places_audit.jsonl (200, seed 16), whose wrong ones the rules of that round were written for, and
places_audit_holdout.jsonl (100, seed 17), judged after those rules and never used to write one.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

from eventpipe.extraction.places.resolution import resolve_places

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "news.jsonl.gz"
VERDICTS = ROOT / "bench" / "results" / "places_audit.jsonl"
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'\u201c])|\n+")


def read_corpus(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def entity_spans(articles: list[dict], cache: Path | None) -> dict[str, list[tuple[int, int, str]]]:
    """doc id -> spaCy's entity spans (start, end, label), as the pipeline passes them; cached in `cache`."""
    if cache is not None and cache.exists():
        return {k: [tuple(e) for e in v] for k, v in json.loads(cache.read_text(encoding="utf-8")).items()}
    from eventpipe.extraction.nlp import load_pipeline

    docs = load_pipeline().pipe((a["text"] for a in articles), batch_size=16)
    spans = {a["id"]: [(e.start_char, e.end_char, e.label_) for e in doc.ents] for a, doc in zip(articles, docs)}
    if cache is not None:
        cache.write_text(json.dumps(spans), encoding="utf-8")
    return spans


def resolved(articles: list[dict], spans: dict[str, list]) -> dict[tuple[str, int, int], dict]:
    """(doc id, start, end) -> the place resolved there, as a row (entry fields, no text around it)."""
    out = {}
    for article in articles:
        for p in resolve_places(article["text"], entities=spans[article["id"]]):
            out[(article["id"], p.span.start, p.span.end)] = {
                "doc": article["id"], "start": p.span.start, "end": p.span.end, "text": p.text, "name": p.name,
                "country": p.country, "admin1": p.admin1, "feature": p.feature, "geonameid": p.geonameid,
                "basis": p.basis}
    return out


def sentence(text: str, start: int, end: int) -> str:
    """The sentence around text[start:end], the place marked with [[ ]]."""
    left = max((m.end() for m in _SENTENCE_BREAK.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in _SENTENCE_BREAK.finditer(text, end)), len(text))
    left, right = max(left, start - 300), min(right, end + 300)
    return (text[left:start] + "[[" + text[start:end] + "]]" + text[end:right]).replace("\n", " ")


def _entry_key(row: dict) -> tuple:
    return (row["name"], row["country"], row["feature"], row["geonameid"])


def show(row: dict, texts: dict[str, str], number: int) -> str:
    where = f"{row['name']} ({row['feature']}, {row['admin1']}, {row['country']}, {row['geonameid']}, {row['basis']})"
    return f"{number:3d}. {row['text']!r} -> {where}\n     {sentence(texts[row['doc']], row['start'], row['end'])}"


def draw(places: dict, size: int, seed: int) -> list[dict]:
    keys = sorted(places)
    return [dict(places[k], verdict="", kind="") for k in sorted(random.Random(seed).sample(keys, min(size, len(keys))))]


def audit(rows: list[dict], places: dict, texts: dict[str, str]) -> dict:
    """Score the sampled spans as resolved now against the verdicts; print what needs a verdict."""
    verdicts = {(r["doc"], r["start"], r["end"]) + _entry_key(r): r for r in rows if r["verdict"]}
    spans = list(dict.fromkeys((r["doc"], r["start"], r["end"]) for r in rows))
    counts: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for number, span in enumerate(spans, 1):
        now = places.get(span)
        if now is None:
            counts["dropped"] += 1
            judged = [r for r in rows if (r["doc"], r["start"], r["end"]) == span and r["verdict"]]
            counts["dropped_" + (judged[0]["verdict"] if judged else "unjudged")] += 1
            continue
        verdict = verdicts.get(span + _entry_key(now))
        if verdict is None:
            counts["unjudged"] += 1
            print("needs a verdict:\n" + show(now, texts, number))
            continue
        counts[verdict["verdict"]] += 1
        if verdict["verdict"] == "wrong":
            kinds[verdict["kind"] or "?"] += 1
    judged = counts["right"] + counts["wrong"]
    return {"spans": len(spans), "judged": judged, "precision": round(counts["right"] / max(judged, 1), 3),
            **counts, "wrong_kinds": dict(kinds.most_common())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--verdicts", type=Path, default=VERDICTS, help="the sample and its verdicts (JSONL)")
    parser.add_argument("--draw", action="store_true", help="draw a new sample (overwrites --verdicts) and print it")
    parser.add_argument("--size", type=int, default=200)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--entities", type=Path, help="cache file for the spaCy entities (parsed once)")
    args = parser.parse_args(argv)
    articles = read_corpus(args.corpus)
    texts = {a["id"]: a["text"] for a in articles}
    places = resolved(articles, entity_spans(articles, args.entities))
    if args.draw:
        rows = draw(places, args.size, args.seed)
        args.verdicts.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        for number, row in enumerate(rows, 1):
            print(show(row, texts, number))
        print(f"drew {len(rows)} of {len(places)} resolved places; judge them in {args.verdicts}")
        return 0
    rows = [json.loads(line) for line in args.verdicts.read_text(encoding="utf-8").splitlines() if line.strip()]
    print(json.dumps(audit(rows, places, texts), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
