"""Where eventpipe's dates and HeidelTime's disagree on unlabelled news, grouped by kind, to read by hand.

    python bench/dates_disagree.py                       # 200 Wikinews documents (../shared/data/corpus)
    python bench/dates_disagree.py --documents 300 --show 8

No gold here: the lists say where the two taggers differ, not who is right; decide that by the TimeML
guidelines (../shared/gold/README.md's scoring rule) and fix general classes, then confirm on the dev split
with bench/dates.py. Kinds: "eventpipe only" (a date eventpipe claims, no HeidelTime DATE/TIME overlaps it),
"heideltime only" (a HeidelTime DATE no eventpipe date overlaps), "value differs" (they overlap, and neither
the value nor the interval agrees, as bench/dates.py compares them); a range given besides its parts is left
out, as bench/dates.py leaves it out of precision. Within a kind, disagreements group by
the shape of their text (digits as 9, month names as MON, weekdays as WD, lower case), biggest group first.
Documents are taken in order of their id (a hash of the url: a spread over the two years). HeidelTime answers
are cached as for bench/dates.py. Writes bench/results/dates_disagree.json (every case, with its context).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from dates import ROOT, _holds_parts, heideltime_predictions, normal_value
from eventpipe.extraction.dates import resolve_dates

HERE = Path(__file__).resolve().parent
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "news.jsonl.gz"
_MONTH = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December"
                    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![a-z])")
_WEEKDAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def shape(text: str) -> str:
    """The text with its particulars abstracted: "on March 3, 2019" -> "on MON 9, 9"."""
    text = _WEEKDAY.sub("\x02", _MONTH.sub("\x01", " ".join(text.split())))
    return re.sub(r"\d+", "9", text).lower().replace("\x01", "MON").replace("\x02", "WD")


def documents(path: Path, n: int) -> list[dict]:
    """The first `n` articles by id with some text (the corpus's 4-word test page left out)."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return sorted((r for r in rows if len(r["text"].split()) > 50), key=lambda r: r["id"])[:n]


def eventpipe_rows(doc: dict) -> list[dict]:
    found = resolve_dates(doc["text"], dt.date.fromisoformat(doc["published"]))
    return [{"text": d.text, "start": d.span.start, "end": d.span.end, "value": d.value,
             "interval": (d.start, d.end) if d.start and d.end else None} for d in found if d.start or d.value]


def _overlap(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def _agree(a: dict, b: dict) -> bool:
    return normal_value(a["value"]) == normal_value(b["value"]) or (a["interval"] is not None and a["interval"] == b["interval"])


def disagreements(doc: dict, ours: list[dict], theirs: list[dict]) -> list[dict]:
    """Every case where the two differ in one document, with its kind and context."""
    out = []

    def case(kind: str, span: dict, ep: list[dict], ht: list[dict]) -> dict:
        s, e = span["start"], span["end"]
        return {"kind": kind, "shape": shape(span["text"]), "id": doc["id"], "published": doc["published"],
                "eventpipe": [(p["text"], p["value"]) for p in ep], "heideltime": [(t["text"], t["value"]) for t in ht],
                "context": doc["text"][max(0, s - 80):e + 50].replace("\n", " ")}

    for p in ours:
        if _holds_parts(p, ours):
            continue  # a range besides its own parts ("from 2008 to 2016"): the parts are compared
        near = [t for t in theirs if _overlap(p, t)]
        if not near:
            out.append(case("eventpipe only", p, [p], []))
        elif not any(_agree(p, t) for t in near):
            out.append(case("value differs", p, [p], near))
    for t in theirs:
        if t["type"] == "DATE" and not any(_overlap(p, t) for p in ours):
            out.append(case("heideltime only", t, [], [t]))
    return out


def report(cases: list[dict], show: int) -> str:
    """The cases per kind, grouped by shape (biggest first), `show` examples per group."""
    lines = []
    for kind in ("eventpipe only", "heideltime only", "value differs"):
        groups: dict[str, list[dict]] = defaultdict(list)
        for c in cases:
            if c["kind"] == kind:
                groups[c["shape"]].append(c)
        lines.append(f"\n## {kind}: {sum(map(len, groups.values()))} cases, {len(groups)} shapes\n")
        for name, items in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            lines.append(f"{len(items):4d}  {name!r}")
            for c in items[:show]:
                lines.append(f"        {c['published']} ep={c['eventpipe']} ht={c['heideltime']} | {c['context']}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="news JSONL(.gz) with id, published, text")
    parser.add_argument("--documents", type=int, default=200, help="how many articles (first by id)")
    parser.add_argument("--show", type=int, default=3, help="examples printed per group")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "dates_disagree.json")
    args = parser.parse_args(argv)
    from peers import heideltime

    if (why := heideltime.missing()) is not None:
        print(f"HeidelTime missing: {why}", file=sys.stderr)
        return 1
    docs = documents(args.corpus, args.documents)
    tagged = heideltime.tag([(d["text"], d["published"]) for d in docs])
    cases = []
    for doc, timexes in zip(docs, tagged):
        cases += disagreements(doc, eventpipe_rows(doc), heideltime_predictions(timexes))
    counts = {k: sum(c["kind"] == k for c in cases) for k in ("eventpipe only", "heideltime only", "value differs")}
    print(f"# eventpipe vs HeidelTime on {len(docs)} documents of {args.corpus.name}: {counts}")
    print(report(cases, args.show))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"source": "English Wikinews articles (CC BY 2.5), contexts quoted from ../shared/data/corpus", "documents": len(docs), "counts": counts, "cases": cases}, indent=1, ensure_ascii=False,
                                   default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
