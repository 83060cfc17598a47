"""Score resolve_places on the geoparsing gold set (GeoWebNews + GeoVirus); write bench/results/places.json and .md.

    python bench/places.py                       # every corpus and split, ../shared/gold/dev_places.jsonl
    python bench/places.py --split dev --top 30  # dev only, the 30 most frequent names per error kind
    python bench/places.py --fit                 # fit the ranker on the dev split, write its weights
    python bench/places.py --raw                 # raw text only: no spaCy entities passed to resolve_places

Rule (the one issue 16 sets its targets with): a gold toponym is resolved when a predicted place
overlapping its span lies within 161 km of the gold point or carries the same GeoNames id.
- recall: resolved gold toponyms / gold toponyms;
- precision on gold spans: right predictions / predictions that overlap a gold span (a prediction
  overlapping no gold span is "spurious" and counted apart: the gold leaves out many places);
- missed: gold toponyms that no prediction overlaps; wrong: overlapped but by no right prediction.
The gold spans of GeoVirus are shifted by a character or so; overlap absorbs that.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from eventpipe.extraction.places import ranking
from eventpipe.extraction.places.resolution import ranking_candidates, resolve_places

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "gold" / "dev_places.jsonl"
RADIUS_KM = 161.0


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2, dphi, dlam = map(math.radians, (lat1, lat2, lat2 - lat1, lon2 - lon1))
    h = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlam / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def is_right(gold: dict, place) -> bool:
    """Same GeoNames id, or within RADIUS_KM of the gold point."""
    if gold.get("geonameid") and place.geonameid and str(place.geonameid) == str(gold["geonameid"]):
        return True
    if place.lat is None or gold.get("lat") is None:
        return False
    return km_between(place.lat, place.lon, gold["lat"], gold["lon"]) <= RADIUS_KM


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_record(record: dict, places: list) -> dict:
    """Counts and error names of one article."""
    gold = record["toponyms"]
    out = {"gold": len(gold), "resolved": 0, "predicted": 0, "right": 0,
           "missed": [], "wrong": [], "spurious": []}
    spans = [(p.span.start, p.span.end) for p in places]
    for g in gold:
        near = [p for p, s in zip(places, spans) if _overlaps(s, (g["start"], g["end"]))]
        if any(is_right(g, p) for p in near):
            out["resolved"] += 1
        elif near:
            out["wrong"].append(f"{near[0].text} -> {near[0].name} ({near[0].country})")
        else:
            out["missed"].append(g["text"].strip(" ,.;:"))
    for p, s in zip(places, spans):
        hit = [g for g in gold if _overlaps(s, (g["start"], g["end"]))]
        if not hit:
            out["spurious"].append(f"{p.text} -> {p.name} ({p.country})")
            continue
        out["predicted"] += 1
        out["right"] += any(is_right(g, p) for g in hit)
    return out


def entity_spans(records: list[dict]) -> dict[str, list[tuple[int, int, str]]]:
    """text -> spaCy's entity spans (start, end, label), as the pipeline passes them to resolve_places."""
    from eventpipe.extraction.nlp import load_pipeline

    texts = [r["text"] for r in records]
    docs = load_pipeline().pipe(texts, batch_size=16)
    return {text: [(e.start_char, e.end_char, e.label_) for e in doc.ents] for text, doc in zip(texts, docs)}


def score(records: list[dict], resolver=resolve_places) -> dict:
    """Per (corpus, split) and per split: recall, precision on gold spans, error counts and names."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        counts = score_record(record, resolver(record["text"]))
        for key in (f"{record['corpus']}/{record['split']}", record["split"], "all"):
            groups[key].append(counts)
    return {key: _summary(rows) for key, rows in sorted(groups.items())}


def _summary(rows: list[dict]) -> dict:
    total = {k: sum(r[k] for r in rows) for k in ("gold", "resolved", "predicted", "right")}
    errors = {kind: Counter(name for r in rows for name in r[kind]) for kind in ("missed", "wrong", "spurious")}
    return {"articles": len(rows), **total,
            "recall": round(total["resolved"] / max(total["gold"], 1), 3),
            "precision": round(total["right"] / max(total["predicted"], 1), 3),
            **{kind: sum(c.values()) for kind, c in errors.items()},
            "top": {kind: c.most_common(40) for kind, c in errors.items()}}


def fit_ranker(records: list[dict], l2: float = 0.02, steps: int = 3000, rate: float = 0.5) -> dict:
    """A conditional logit over each ambiguous mention's candidates (numpy, bench-time only): maximise the
    log-probability of the right candidates (is_right against the overlapping gold toponym), L2 towards the
    hand-set weights. Returns the weights and the counts it was fitted on."""
    import numpy as np

    names = [n for n in ranking.FEATURES if n != "country_hint"]
    groups = []
    for record in records:
        for start, end, rows in ranking_candidates(record["text"]):
            gold = [g for g in record["toponyms"] if _overlaps((start, end), (g["start"], g["end"]))]
            if not gold or len(rows) < 2:
                continue
            right = [any(is_right(g, entry) for g in gold) for entry, _ in rows]
            if any(right) and not all(right):
                groups.append((np.array([[f[n] for n in names] for _, f in rows]), np.array(right, dtype=float)))
    x = np.vstack([gx for gx, _ in groups])
    y = np.concatenate([gy for _, gy in groups])
    starts = np.cumsum([0] + [len(gy) for _, gy in groups[:-1]])
    group = np.repeat(np.arange(len(groups)), [len(gy) for _, gy in groups])
    prior = np.array([ranking.WEIGHTS[n] for n in names])  # the fit starts from, and shrinks towards, these
    w = prior.copy()
    for _ in range(steps):
        z = x @ w
        p = np.exp(z - np.maximum.reduceat(z, starts)[group])
        p /= np.add.reduceat(p, starts)[group]
        q = p * y / np.add.reduceat(p * y, starts)[group]  # posterior over the right candidates
        w += rate * (x.T @ (q - p) / len(groups) - 2 * l2 * (w - prior))
    return {"weights": {n: round(float(v), 4) for n, v in zip(names, w)}, "mentions": len(groups),
            "candidates": int(sum(len(y) for _, y in groups)), "l2": l2, "steps": steps,
            "fitted_on": "dev split of ../shared/gold/dev_places.jsonl",
            "command": "python bench/places.py --fit"}


def markdown(results: dict, top: int, seconds: float, raw: bool = False) -> str:
    given = "raw text only" if raw else "with the entities of the pipeline's spaCy parse (`entities=`), as the pipeline calls it"
    lines = ["# bench/places.py: resolve_places on ../shared/gold/dev_places.jsonl", "", f"Input: {given}.", "",
             "Rule: a gold toponym is resolved when a predicted place overlapping its span is within 161 km "
             "of the gold point or has the same GeoNames id. Precision is over predictions that overlap a gold span.",
             "", f"Run time {seconds:.0f} s.", "",
             "| set | articles | gold | resolved | recall | predicted on gold | right | precision | missed | wrong | spurious |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for key, r in results.items():
        lines.append(f"| {key} | {r['articles']} | {r['gold']} | {r['resolved']} | {r['recall']:.3f} | {r['predicted']} | "
                     f"{r['right']} | {r['precision']:.3f} | {r['missed']} | {r['wrong']} | {r['spurious']} |")
    for key in ("dev", "test"):
        if key not in results:
            continue
        for kind, names in results[key]["top"].items():
            shown = ", ".join(f"{name} ({n})" for name, n in names[:top])
            lines += ["", f"**{key} {kind}** (most frequent): {shown}"]
    return "\n".join(lines) + "\n"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD, help="dev_places.jsonl")
    parser.add_argument("--split", choices=("dev", "test"), help="score one split only")
    parser.add_argument("--top", type=int, default=25, help="names shown per error kind in the .md")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "places.json", help="JSON result file")
    parser.add_argument("--raw", action="store_true", help="score resolve_places on raw text, without spaCy's entities")
    parser.add_argument("--fit", action="store_true", help="fit the ranker on the dev split and write its weights file")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    records = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.fit:  # the document context of the candidates comes from the hand-set weights: remove the old fit
        path = ROOT / "extraction" / "knowledge" / "data" / ranking.RANKER_FILE
        path.unlink(missing_ok=True)
        ranking.load_weights.cache_clear()
        fitted = fit_ranker([r for r in records if r["split"] == "dev"])
        path.write_text(json.dumps(fitted, indent=1) + "\n", encoding="utf-8")
        print(f"fitted on {fitted['mentions']} mentions ({fitted['candidates']} candidates); wrote {path}")
        return 0
    if args.split:
        records = [r for r in records if r["split"] == args.split]
    started = time.perf_counter()
    if args.raw:
        results = score(records)
    else:
        spans = entity_spans(records)
        results = score(records, lambda text: resolve_places(text, entities=spans[text]))
    report = markdown(results, args.top, time.perf_counter() - started, args.raw)
    print(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    args.out.with_suffix(".md").write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
