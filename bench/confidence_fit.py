"""Refit the mention confidence model (extraction/events/confidence.py), cross-validated.

    python bench/confidence_fit.py            # writes bench/results/confidence_fit.json and .md

Runs the extractor in process on the PLOVER sentences and the `dev` split of dev_events.jsonl (never its
`test` split), records each mention's confidence features, labels a mention correct when it matches a gold
event (the scorers' rules: evaluation/scoring.py and evaluation/events_gold.py), and fits an L2-regularised
logistic regression (lambda 1.0, gradient descent). Reported: 5-fold cross-validated precision of the top
and bottom tenth of mentions by predicted confidence (each fold scored by a model fitted without it), the
same for the current coefficients, and the coefficients fitted on all mentions (to paste into
confidence.py).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import sys
from pathlib import Path

import numpy as np

from eventpipe.evaluation import scoring as ev
from eventpipe.evaluation.events_gold import event_matches
from eventpipe.extraction.batch import BatchResult, extract_documents, read_document
from eventpipe.extraction.events import confidence as model
from eventpipe.extraction.events import mentions as mentions_module
from eventpipe.extraction.nlp import load_pipeline
from eventpipe.extraction.reading.articles import RawArticle

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO.parent / "shared" / "gold"
LAMBDA, STEPS, RATE, FOLDS = 1.0, 3000, 0.5, 5


def _records(nlp, knowledge, sentences, matches) -> list[tuple[dict, bool]]:
    """(features, correct) of every mention the extractor gives on the gold sentences."""
    recorded: list[dict] = []

    def tagging(features: dict) -> float:  # a unique confidence per mention: its index among `recorded`
        recorded.append(features)
        return (len(recorded)) / 1e7

    original = mentions_module.confidence
    mentions_module.confidence = tagging
    out = []
    try:
        for sentence in sentences:
            published = sentence.get("published")
            article = RawArticle(uri=f"memory://{sentence['id']}", text=sentence["text"],
                                 published=dt.date.fromisoformat(published) if published else None)
            batch = extract_documents(BatchResult(documents=[read_document(article, "fit")]), nlp, knowledge, "fit")
            for m in batch.mentions:
                row = {"actor_text": m.actor.text, "actor_implied": m.actor.implied, "target_text":
                       m.target.text if m.target else None, "cameo": m.action.cameo, "cameo_root": m.action.root}
                out.append((recorded[round(m.confidence * 1e7) - 1], matches(sentence, row)))
    finally:
        mentions_module.confidence = original
    return out


def _plover_match(sentence: dict, row: dict) -> bool:
    return any(ev.plover_checks(g, row)["event"] for g in sentence["events"])


def _events_match(sentence: dict, row: dict) -> bool:
    return any(event_matches(g, row) for g in sentence["events"])


def _fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    w = np.zeros(x.shape[1])
    for _ in range(STEPS):
        p = 1 / (1 + np.exp(-x @ w))
        grad = x.T @ (p - y) / len(y) + LAMBDA / len(y) * np.r_[0.0, w[1:]]
        w -= RATE * grad
    return w


def _slices(scores: np.ndarray, y: np.ndarray) -> dict:
    order = np.argsort(-scores, kind="stable")
    k = max(1, math.ceil(len(y) / 10))
    return {"top_decile_precision": float(y[order[:k]].mean()), "bottom_decile_precision": float(y[order[-k:]].mean()),
            "base_precision": float(y.mean()), "n": int(len(y))}


def main() -> int:
    nlp, knowledge = load_pipeline(), mentions_module.load_knowledge()
    plover = ev.load_gold(GOLD / "plover_gsr_cameo.jsonl")
    dev = [r for r in ev.load_gold(GOLD / "dev_events.jsonl") if r["split"] == "dev"]
    plover_records = _records(nlp, knowledge, plover, _plover_match)
    records = plover_records + _records(nlp, knowledge, dev, _events_match)
    x = np.array([[1.0, *(f[name] for name in model.FEATURES)] for f, _ in records])
    y = np.array([float(ok) for _, ok in records])
    current = np.array([model.INTERCEPT, *(model.WEIGHTS[name] for name in model.FEATURES)])
    folds = list(range(len(y)))
    random.Random(20190104).shuffle(folds)
    cv = np.zeros(len(y))
    for k in range(FOLDS):
        held = np.array([i for j, i in enumerate(folds) if j % FOLDS == k])
        kept = np.array([i for j, i in enumerate(folds) if j % FOLDS != k])
        cv[held] = x[held] @ _fit(x[kept], y[kept])
    fitted = _fit(x, y)
    result = {"mentions": len(y), "plover_mentions": len(plover_records),
              "current_in_sample": _slices(x @ current, y), "refit_cross_validated": _slices(cv, y),
              "refit_in_sample": _slices(x @ fitted, y),
              "intercept": round(float(fitted[0]), 3),
              "weights": {name: round(float(v), 3) for name, v in zip(model.FEATURES, fitted[1:])}}
    out = REPO / "bench" / "results"
    (out / "confidence_fit.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    lines = ["# Confidence refit (bench/confidence_fit.py)", "",
             "Mentions of the PLOVER sentences and the dev split of dev_events.jsonl; precision of the top and",
             "bottom tenth of mentions by confidence.", "", "| model | n | base P | top 10% P | bottom 10% P |",
             "|---|---|---|---|---|"]
    for key in ("current_in_sample", "refit_cross_validated", "refit_in_sample"):
        s = result[key]
        lines.append(f"| {key} | {s['n']} | {s['base_precision']:.3f} | {s['top_decile_precision']:.3f} | "
                     f"{s['bottom_decile_precision']:.3f} |")
    lines += ["", f"Refit coefficients: intercept {result['intercept']}, weights `{result['weights']}`", ""]
    (out / "confidence_fit.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
