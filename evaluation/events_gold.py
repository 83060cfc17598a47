"""Score a warehouse against the Wikinews event sentences (`dev_events.jsonl`): recall and precision of events.

Each gold record is one sentence, run as its own document (manifest id = record id, with its publication
date); mentions join to it by documents.source_id == gold id.

- A gold event is *found* when one mention of its sentence has the gold root (`root_of`) and the gold
  source: `text_matches(source, actor_text)`, or `actor_pronoun` for a pronoun the mention resolved (the gold
  keeps the words written at the event: "he", where actor_text is the phrase "he" refers to); where the gold source is null (agentless), a mention with no
  actor text or an implied actor (`actor_implied`) matches, and so does one whose text matches the gold's
  `implied_source`.
- Recall is scored on the strict CAMEO events (modality asserted or reported, the README's advice) and,
  as a second figure, on all events. Precision: a mention is correct when it finds any gold event of its
  sentence (any modality); the rest are false positives.
- Agentless recall: strict gold events with a null source. No-event share: of the disaster and background
  sentences (`events: []`), the share with a mention of root >= 14 (a conflict event).
- Every figure is given per split (dev, test, all), by root and by stratum.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from .scoring import root_of, text_matches

Row = dict[str, Any]
STRICT_MODALITIES = ("asserted", "reported")
NO_EVENT_STRATA = ("disaster", "background")
SPLITS = ("dev", "test", "all")


def null_source(m: Row) -> bool:
    """True when the mention names no source: no actor text, or an implied actor."""
    return not (m.get("actor_text") or "").strip() or bool(m.get("actor_implied"))


def source_matches(gold: Row, m: Row) -> bool:
    """True when the mention's source is the gold one (null or implied for an agentless gold event)."""
    if gold.get("source"):
        return not null_source(m) and any(text_matches(gold["source"], m.get(column)) for column in ("actor_text", "actor_pronoun"))
    if null_source(m):
        return True
    return bool(gold.get("implied_source")) and text_matches(gold["implied_source"], m.get("actor_text"))


def event_matches(gold: Row, m: Row) -> bool:
    """True when the mention has the gold root and source."""
    return root_of(m) == gold.get("root") and source_matches(gold, m)


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _prf(tally: Counter) -> Row:
    p, r = _ratio(tally["correct"], tally["predicted"]), _ratio(tally["found"], tally["gold"])
    f1 = 2 * p * r / (p + r) if p is not None and r is not None and p + r else None
    return {"gold": tally["gold"], "found": tally["found"], "recall": r, "predicted": tally["predicted"],
            "correct": tally["correct"], "precision": p, "f1": f1,
            "gold_all": tally["gold_all"], "found_all": tally["found_all"],
            "recall_all": _ratio(tally["found_all"], tally["gold_all"])}


def score_events(gold: Sequence[Row], mentions: Sequence[Row], documents: Sequence[Row]) -> Row:
    """Return the dev_events scores: per split summary, by root and by stratum, and the misses and false positives."""
    doc_of = {d["source_id"]: d["doc_id"] for d in documents if d.get("source_id")}
    by_doc: dict[str, list[Row]] = defaultdict(list)
    for m in mentions:
        by_doc[m.get("doc_id")].append(m)
    overall: dict[str, Counter] = defaultdict(Counter)
    roots: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    strata: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    missed, false_positives = [], []
    for record in gold:
        ms = by_doc.get(doc_of.get(record["id"]), [])
        splits = (record.get("split", "dev"), "all")
        correct = {m["mention_id"] for g in record["events"] for m in ms if event_matches(g, m)}
        for split in splits:
            tallies = [overall[split], strata[split][record["stratum"]]]
            for tally in tallies:
                tally["predicted"] += len(ms)
                tally["correct"] += len(correct)
                tally["sentences"] += 1
            if record["stratum"] in NO_EVENT_STRATA:
                conflict = any((root_of(m) or "00") >= "14" for m in ms)
                overall[split]["no_event_sentences"] += 1
                overall[split]["no_event_conflict"] += conflict
        for m in ms:
            if m["mention_id"] not in correct:
                root = root_of(m) or "none"
                for split in splits:
                    roots[split][root]["predicted"] += 1
                if record.get("split") == "dev":
                    false_positives.append({"id": record["id"], "stratum": record["stratum"],
                                            "actor": m.get("actor_text"), "cameo": m.get("cameo"),
                                            "target": m.get("target_text")})
            else:
                for split in splits:
                    roots[split][root_of(m) or "none"].update(predicted=1, correct=1)
        for g in record["events"]:
            hit = any(event_matches(g, m) for m in ms)
            strict = g.get("modality") in STRICT_MODALITIES
            for split in splits:
                for tally in (overall[split], roots[split][g["root"]], strata[split][record["stratum"]]):
                    tally["gold_all"] += 1
                    tally["found_all"] += hit
                    tally["gold"] += strict
                    tally["found"] += strict and hit
                if strict and not g.get("source"):
                    overall[split]["agentless"] += 1
                    overall[split]["agentless_found"] += hit
            if strict and not hit and record.get("split") == "dev":
                missed.append({"id": record["id"], "stratum": record["stratum"],
                               "source": g.get("source") or f"({g.get('implied_source')})", "code": g["code"],
                               "action": g.get("action"),
                               "got": [[m.get("actor_text"), m.get("cameo"), m.get("target_text")] for m in ms]})
    summary = {}
    for split in SPLITS:
        t = overall[split]
        summary[split] = _prf(t) | {
            "sentences": t["sentences"], "agentless": t["agentless"], "agentless_found": t["agentless_found"],
            "agentless_recall": _ratio(t["agentless_found"], t["agentless"]),
            "no_event_sentences": t["no_event_sentences"], "no_event_conflict": t["no_event_conflict"],
            "no_event_conflict_share": _ratio(t["no_event_conflict"], t["no_event_sentences"])}
    return {"kind": "events", "present": any(r["id"] in doc_of for r in gold), "summary": summary,
            "by_root": {s: {r: _prf(c) for r, c in sorted(roots[s].items())} for s in SPLITS},
            "by_stratum": {s: {k: _prf(c) for k, c in sorted(strata[s].items())} for s in SPLITS},
            "missed": missed, "false_positives": false_positives}


def event_sections(r: Row) -> list[tuple[str, list[str], list[list[Any]]]]:
    """Return the report of the events scores as (title, columns, rows) sections."""
    s = r["summary"]
    keys = [("recall", "event recall (asserted+reported)"), ("precision", "precision"), ("f1", "F1"),
            ("gold", "gold events (asserted+reported)"), ("found", "found"), ("predicted", "mentions"),
            ("correct", "correct mentions"), ("recall_all", "event recall (all modalities)"),
            ("agentless_recall", "agentless recall"), ("agentless", "agentless gold events"),
            ("no_event_conflict_share", "no-event sentences with a conflict event"),
            ("no_event_sentences", "no-event sentences")]
    summary = [[label, *(s[split][key] for split in SPLITS)] for key, label in keys]
    columns = ["", "gold", "found", "recall", "mentions", "correct", "precision"]

    def rows(table: Row) -> list[list[Any]]:
        return [[k, v["gold"], v["found"], v["recall"], v["predicted"], v["correct"], v["precision"]]
                for k, v in table.items()]

    sections = [("Events: summary", ["metric", *SPLITS], summary)]
    for split in ("dev", "test"):
        sections.append((f"Events ({split}): by stratum", ["stratum", *columns[1:]], rows(r["by_stratum"][split])))
        sections.append((f"Events ({split}): by root", ["root", *columns[1:]], rows(r["by_root"][split])))
    sections.append(("Events (dev): missed", ["id", "stratum", "source", "code", "action", "got"],
                     [[m["id"][-18:], m["stratum"], m["source"], m["code"], m["action"], m["got"]] for m in r["missed"]]))
    sections.append(("Events (dev): false positives", ["id", "stratum", "actor", "cameo", "target"],
                     [[f["id"][-18:], f["stratum"], f["actor"], f["cameo"], f["target"]] for f in r["false_positives"]]))
    return sections
