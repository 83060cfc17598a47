"""Score resolve_dates and resolve_places on hand-annotated Wikinews sentences; write bench/results/dates_places.json.

    python bench/dates_places.py                 # both dev sets, table of scores and misses
    python bench/dates_places.py --misses 0      # scores only
    python bench/dates_places.py --dates bench/cases/wikinews_dates.jsonl --places bench/cases/wikinews_places.jsonl

Dates: an expected expression is right when a resolved item overlaps its span with the same start,
end and granularity; an expected item with start null (a duration, an anaphor) is right when no
resolved item with a start overlaps it. Precision: resolved items that overlap an expected one
and match it, over all resolved items (an item overlapping nothing expected counts against it).
Places: an expected place is right when a resolved place overlaps its span and lies within 161 km
(100 miles) of it; for country, admin1 and region mentions the same country and name also count
(their centroids differ between sources). Resolved places inside an "ignore" span (a place name
inside an organisation's name, seas) count neither way. Cases and their attribution: bench/cases/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from eventpipe.extraction.dates.resolution import resolve_dates
from eventpipe.extraction.places.gazetteer import name_key
from eventpipe.extraction.places.resolution import resolve_places

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "bench" / "cases"
RADIUS_KM = 161.0


def read_cases(path: Path) -> list[dict]:
    """One dict per JSONL line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2, dphi, dlam = map(math.radians, (lat1, lat2, lat2 - lat1, lon2 - lon1))
    h = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlam / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def date_row(found) -> dict:
    return {"text": found.text, "start": found.start and found.start.isoformat(), "end": found.end and found.end.isoformat(),
            "granularity": found.granularity}


def date_matches(expected: dict, found) -> bool:
    """True when a resolved date has the expected interval and granularity (null: no interval)."""
    if expected["start"] is None:
        return found.start is None
    return (found.start and found.start.isoformat(), found.end and found.end.isoformat(), found.granularity) == (
        expected["start"], expected["end"], expected["granularity"])


def score_dates(cases: list[dict]) -> dict:
    """Recall over expected expressions, precision over resolved ones, and the misses."""
    right = total = resolved = resolved_right = 0
    misses, extras = [], []
    for case in cases:
        found = resolve_dates(case["text"], dt.date.fromisoformat(case["published"]))
        spans = [(f.span.start, f.span.end) for f in found]
        for exp in case["expected"]:
            near = [f for f, s in zip(found, spans) if overlaps(s, (exp["start_char"], exp["end_char"]))]
            ok = any(date_matches(exp, f) for f in near) if exp["start"] else all(f.start is None for f in near)
            right, total = right + ok, total + 1
            if not ok:
                misses.append({"published": case["published"], "text": case["text"], "expected": exp,
                               "got": [date_row(f) for f in near]})
        for f, s in zip(found, spans):
            if f.start is None:
                continue  # an unanchored item claims nothing
            resolved += 1
            hit = [e for e in case["expected"] if overlaps(s, (e["start_char"], e["end_char"]))]
            if any(e["start"] and date_matches(e, f) for e in hit):
                resolved_right += 1
            elif not hit:
                extras.append({"published": case["published"], "text": case["text"], "got": date_row(f)})
    return {"expected": total, "right": right, "recall": round(right / max(total, 1), 3), "resolved": resolved,
            "precision": round(resolved_right / max(resolved, 1), 3), "misses": misses, "unexpected": extras}


def place_matches(expected: dict, found) -> bool:
    """Within RADIUS_KM, or the same country (country mentions) or same country and name (provinces, regions)."""
    if expected["feature"] == "country":
        return found.country == expected["country"]
    if found.lat is not None and expected["lat"] is not None and \
            km_between(found.lat, found.lon, expected["lat"], expected["lon"]) <= RADIUS_KM:
        return True
    return expected["feature"] in ("admin1", "region") and found.country == expected["country"] and \
        name_key(found.name or "") == name_key(expected["name"])


def place_row(found) -> dict:
    return {"text": found.text, "name": found.name, "country": found.country, "feature": found.feature,
            "lat": found.lat, "lon": found.lon}


def score_places(cases: list[dict]) -> dict:
    """Recall over expected places, precision over resolved places outside ignored spans, and the misses."""
    right = total = resolved = resolved_right = 0
    misses, extras = [], []
    for case in cases:
        found = resolve_places(case["text"])
        spans = [(f.span.start, f.span.end) for f in found]
        for exp in case["expected"]:
            near = [f for f, s in zip(found, spans) if overlaps(s, (exp["start_char"], exp["end_char"]))]
            ok = any(place_matches(exp, f) for f in near)
            right, total = right + ok, total + 1
            if not ok:
                misses.append({"text": case["text"], "expected": exp, "got": [place_row(f) for f in near]})
        ignored = [(i["start_char"], i["end_char"]) for i in case.get("ignore", [])]
        for f, s in zip(found, spans):
            hit = [e for e in case["expected"] if overlaps(s, (e["start_char"], e["end_char"]))]
            if not hit and any(overlaps(s, i) for i in ignored):
                continue
            resolved += 1
            if any(place_matches(e, f) for e in hit):
                resolved_right += 1
            elif not hit:
                extras.append({"text": case["text"], "got": place_row(f)})
    return {"expected": total, "right": right, "recall": round(right / max(total, 1), 3), "resolved": resolved,
            "precision": round(resolved_right / max(resolved, 1), 3), "misses": misses, "unexpected": extras}


def render(results: dict, misses: int) -> list:
    """The score table, then up to `misses` misses and unexpected items per task."""
    table = Table(title="Wikinews dev set (hand-annotated)")
    for column in ("task", "expected", "right", "recall", "resolved", "precision"):
        table.add_column(column, justify="left" if column == "task" else "right")
    for task, r in results.items():
        table.add_row(task, str(r["expected"]), str(r["right"]), f"{r['recall']:.3f}", str(r["resolved"]), f"{r['precision']:.3f}")
    parts: list = [table]
    for task, r in results.items():
        for miss in r["misses"][:misses]:
            parts.append(f"[red]{task} miss[/red] {miss['expected']['text']!r}: expected {_short(miss['expected'])}, "
                         f"got {[_short(g) for g in miss['got']]}  | {miss['text'][:110]}")
        for extra in r["unexpected"][:misses]:
            parts.append(f"[yellow]{task} unexpected[/yellow] {_short(extra['got'])} | {extra['text'][:110]}")
    return parts


def _short(item: dict) -> str:
    if "granularity" in item:
        return f"{item['start']}..{item['end']} {item['granularity']}"
    return f"{item.get('name')} {item.get('country')} {item.get('feature')}"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dates", type=Path, default=CASES / "wikinews_dates.jsonl", help="date cases (JSONL)")
    parser.add_argument("--places", type=Path, default=CASES / "wikinews_places.jsonl", help="place cases (JSONL)")
    parser.add_argument("--misses", type=int, default=50, help="misses and unexpected items to print per task")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "dates_places.json", help="JSON result file")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    console = Console() if sys.stdout.isatty() else Console(width=200)
    results = {"dates": score_dates(read_cases(args.dates)), "places": score_places(read_cases(args.places))}
    for part in render(results, args.misses):
        console.print(part)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    console.print(f"wrote {args.out}", style="dim")
    return 0


if __name__ == "__main__":
    sys.exit(main())
