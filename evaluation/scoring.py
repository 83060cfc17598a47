"""Score an event warehouse against hand-made gold: the seed articles and the PLOVER/CAMEO sentences.

Matching rules (each is one function below; the README links here):

- Tokens (`tokens`): lower-cased ASCII words (accents dropped); possessive 's dropped; dotted
  abbreviations joined (U.S. -> us); "the", "a", "an" and the Arabic article "al"/"al-" ignored;
  "united states", "america", "usa" -> us, "united nations" -> un; a plural -s dropped.
- Head word (`head_word`): the last content token before the first preposition or relative word
  ("residents of Fallujah" -> resident, "Nuri al-Maliki" -> maliki); a place noun followed by "of"
  takes the name after it as head ("the capital city of Algiers" -> algiers, so it matches "Algiers");
  a trailing participle phrase is cut first: a lower-case -ing/-ed word after the noun and before a
  preposition or article ("refugees fleeing the war" -> refugee, "group based in Trinidad" -> group).
- Actor text (`text_matches`): same head word; or the gold head among the extracted tokens (gold
  spans are short: "Hungarian" matches "Hungarian officials"); or content-token Jaccard >= 0.5.
  A gold text ending in a two-word name also has the surname as head ("Secretary of State Ann
  Vale" matches "Vale"). Lenient on purpose: "America and Iran" matches both "America" and "Iran".
  An actor matches when any gold alternative does, or, when the gold gives no text, by country.
- Sentence (`sentence_coverage`): share of the gold fragment's content tokens found in the
  mention's sentence; >= 0.6 places the mention in the gold sentence.
- Root: the mention's `cameo_root` (else the first two digits of `cameo`) is in `root_any`.
- Date (`date_matches`): the extracted interval lies inside the gold interval, with the same
  granularity when the gold names one; a gold `"date": null` wants no date; no `date` key: unscored.
- Location (`location_matches`): gazetteer name or text equals a `name_any` entry after
  tokenising, and the country agrees when both are given.
- Modality: in `modality_any`, by default asserted or reported.

Seeds: a gold event is *found* when one mention of its document (uri basename == gold `doc`) has
sentence + actor + root. Must recall = found must / must. Precision = found gold events (must or
may, each counted once however many duplicates) / (that + false positives); a false positive is a
mention of a gold document found for no gold event (tagged when its sentence is a `no_events_from`
one). Per-field scores use, per must event, its best in-sentence mention and slot-filling rules:
a wrong or unwanted value is a false positive, a missing or wrong value a false negative.

PLOVER: mentions are joined to sentences by documents.source_id == gold id. A gold event matches a
mention when source and target match (`text_matches`; a null gold side matches anything) and the
roots agree (gold events without a code need no root). Root, code, QuadClass and country accuracy
are taken on *dyad-matched* gold events (actors right, any root) with their best mention; gold
QuadClass comes from the root (`quad_class_of_root`); countries by `country_matches` (CAMEO-era
JAP/ITL/VTN read as ISO3, non-state IGO/NGO/IMG by code prefix). Confidence slices: the top and
bottom tenth of mentions by confidence, precision = share that match a gold event.
Fields a gold event leaves out are not scored.
"""

from __future__ import annotations

from ..extraction.events.codebook import quad_class

import datetime as dt
import json
import math
import re
import tempfile
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..extraction.errors import SetupError

if TYPE_CHECKING:
    from rich.console import Group

Row = dict[str, Any]
GoldKind = Literal["seeds", "plover", "events"]

SENTENCE_MIN_COVERAGE = 0.6
NO_EVENT_MIN_COVERAGE = 0.8
ACTOR_MIN_JACCARD = 0.5
DEFAULT_MODALITIES = ("asserted", "reported")
SEED_FIELDS = ("actor", "actor_code", "target", "target_code", "root", "code", "location", "date", "modality")

_IGNORED = {"the", "a", "an", "al"}
_STOP = _IGNORED | {"of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "its", "their", "his", "her"}
_HEAD_CUT = {"of", "in", "from", "at", "on", "for", "with", "to", "who", "which", "that", "belonging", "known"}
# Place nouns that an "of" phrase names ("the town of Gorazde"): the name is the head.
_PLACE_NOUNS = {"city", "town", "village", "capital", "province", "region", "district", "island", "port",
                "enclave", "county"}
# A post-modifying participle ("fleeing the war", "ordered out of", "based in"): the head precedes it.
_PARTICIPLE_PHRASE = re.compile(
    r"\s(?=[a-z]+(?:ing|ed)\s+(?:the|a|an|of|in|out|up|with|to|from|by|on|at|into|against|for|under|over|"
    r"across|near|off|away|down|as)\b)")
_ALIASES = {("united", "states"): "us", ("united", "nations"): "un", ("america",): "us", ("usa",): "us"}
# CAMEO-era country codes in the PLOVER gold, and its non-state actor codes.
_COUNTRY_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
_NON_STATE = {"IGO", "NGO", "IMG", "ISM", "MNC"}


# --- matching rules -------------------------------------------------------------------------

def tokens(text: str | None) -> list[str]:
    """Return the normalised word tokens of `text` (rules in the module docstring); [] for None."""
    if not text:
        return []
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"'s\b", "", text.replace("\u2019", "'"))
    text = re.sub(r"(?<=\b[A-Za-z])\.", "", text)
    words = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _IGNORED]
    out: list[str] = []
    i = 0
    while i < len(words):
        two, one = tuple(words[i:i + 2]), (words[i],)
        out.append(_ALIASES.get(two) or _ALIASES.get(one) or _singular(words[i]))
        i += 2 if two in _ALIASES else 1
    return out


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _content(text: str | None) -> set[str]:
    return {w for w in tokens(text) if w not in _STOP}


def head_word(text: str | None) -> str | None:
    """Return the head word: the last content token before the first preposition or relative word; for a
    place noun naming its place ("the capital city of Algiers"), the name after "of"; a trailing participle
    phrase ("refugees fleeing the war") is cut first."""
    if text:
        text = _PARTICIPLE_PHRASE.split(text, maxsplit=1)[0] if _PARTICIPLE_PHRASE.search(text[1:]) else text
    words = tokens(text)
    cut = next((i for i, w in enumerate(words) if i > 0 and w in _HEAD_CUT), len(words))
    content = [w for w in words[:cut] if w not in _STOP]
    if content and content[-1] in _PLACE_NOUNS and words[cut:cut + 1] == ["of"]:
        named = next((w for w in words[cut + 1:] if w in _HEAD_CUT or w not in _STOP), None)
        if named is not None and named not in _HEAD_CUT:
            return named
    return content[-1] if content else (words[-1] if words else None)


def _name_head(text: str) -> str | None:
    """Return the surname when `text` ends in a name of two capitalised words ("Secretary of State Ann Vale" -> vale)."""
    words = re.findall(r"[\w'.-]+", text)
    if len(words) >= 2 and all(w[0].isupper() for w in words[-2:]):
        last = tokens(words[-1])
        return last[-1] if last else None
    return None


def text_matches(gold: str | None, extracted: str | None) -> bool:
    """Return True when the extracted actor text names the gold one (head word or token overlap)."""
    extracted_tokens = tokens(extracted)
    if not tokens(gold) or not extracted_tokens:
        return False
    heads = {head_word(gold), _name_head(gold)} - {None}
    if head_word(extracted) in heads or heads & set(extracted_tokens):
        return True
    g, e = _content(gold), _content(extracted)
    return bool(g | e) and len(g & e) / len(g | e) >= ACTOR_MIN_JACCARD


def actor_matches(gold: Row | None, text: str | None, country: str | None) -> bool:
    """Return True when any gold text alternative matches, or the country when the gold gives no text."""
    if not gold:
        return False
    alternatives = gold.get("text") or []
    if isinstance(alternatives, str):
        alternatives = [alternatives]
    if alternatives:
        return any(text_matches(a, text) for a in alternatives)
    return gold.get("country") is not None and country == gold["country"]


def actor_code_matches(gold: Row, country: str | None, sector: str | None) -> bool:
    """Return True when country equals the gold country and sector is in `sector_any` (where given)."""
    ok = gold.get("country") is None or country == gold["country"]
    return ok and ("sector_any" not in gold or sector in gold["sector_any"])


def sentence_coverage(fragment: str | None, sentence: str | None) -> float:
    """Return the share of the fragment's content tokens that occur in the sentence (0..1)."""
    wanted = _content(fragment)
    return len(wanted & _content(sentence)) / len(wanted) if wanted else 0.0


def _as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    return dt.date.fromisoformat(str(value)[:10])


def date_matches(gold: Row | None, start: Any, end: Any, granularity: str | None) -> bool:
    """Return True when [start, end] lies inside the gold interval (granularity too if named); gold None wants no date."""
    start, end = _as_date(start), _as_date(end)
    if gold is None:
        return start is None
    if start is None:
        return False
    inside = _as_date(gold["start"]) <= start and (end or start) <= _as_date(gold["end"])
    return inside and gold.get("granularity") in (None, granularity)


def location_matches(gold: Row, name: str | None, text: str | None, country: str | None) -> bool:
    """Return True when the place name or text is one of `name_any` and the countries do not disagree."""
    names = {" ".join(tokens(n)) for n in gold.get("name_any", [])}
    if not names & {" ".join(tokens(x)) for x in (name, text) if x}:
        return False
    return gold.get("country") is None or country in (None, gold["country"])


def root_of(mention: Row) -> str | None:
    """Return the mention's CAMEO root: `cameo_root`, else the first two digits of `cameo`."""
    return mention.get("cameo_root") or (mention.get("cameo") or "")[:2] or None


def quad_class_of_root(root: str | None) -> int | None:
    """Return the QuadClass of a CAMEO root (the codebook's mapping: 01-05, 06-08, 09-13, 14-20)."""
    if not root or not root.isdigit() or not 1 <= int(root) <= 20:
        return None
    return quad_class(root)


def country_matches(gold: str, country: str | None, code: str | None) -> bool:
    """Return True when the extracted country is the gold one (CAMEO aliases; non-state codes by code prefix)."""
    gold = _COUNTRY_ALIASES.get(gold, gold)
    if gold in _NON_STATE:
        return country == gold or (code or "").startswith(gold)
    return _COUNTRY_ALIASES.get(country or "", country) == gold


# --- seeds ------------------------------------------------------------------------------------

def seed_checks(gold: Row, m: Row) -> Row:
    """Return the verdicts of mention `m` on gold event `gold`: one bool per field, None where unscored."""
    actor, target = gold["actor"], gold.get("target")
    checks: Row = {
        "coverage": sentence_coverage(gold["sentence"], m.get("sentence")),
        "actor": actor_matches(actor, m.get("actor_text"), m.get("actor_country")),
        "actor_code": actor_code_matches(actor, m.get("actor_country"), m.get("actor_sector"))
        if ("country" in actor or "sector_any" in actor) else None,
        "target": actor_matches(target, m.get("target_text"), m.get("target_country")) if target else None,
        "target_code": actor_code_matches(target, m.get("target_country"), m.get("target_sector"))
        if target and ("country" in target or "sector_any" in target) else None,
        "root": root_of(m) in gold["root_any"],
        "code": m.get("cameo") in gold["code_any"] if gold.get("code_any") else None,
        "location": location_matches(gold["location"], m.get("location_name"), m.get("location_text"),
                                     m.get("location_country")) if gold.get("location") else None,
        "date": date_matches(gold["date"], m.get("date_start"), m.get("date_end"), m.get("date_granularity"))
        if "date" in gold else None,
        "modality": m.get("modality") in gold.get("modality_any", DEFAULT_MODALITIES),
    }
    checks["sentence"] = checks["coverage"] >= SENTENCE_MIN_COVERAGE
    checks["found"] = checks["sentence"] and checks["actor"] and checks["root"]
    return checks


_PREDICTED = {
    "actor": ("actor_text",), "actor_code": ("actor_country", "actor_sector"), "target": ("target_text",),
    "target_code": ("target_country", "target_sector"), "root": ("cameo_root", "cameo"), "code": ("cameo",),
    "location": ("location_name", "location_text"), "date": ("date_start",), "modality": ("modality",),
}


def _gold_has(gold: Row, field: str) -> bool:
    side = gold.get("target") if field.startswith("target") else gold["actor"]
    if field in ("actor_code", "target_code"):
        return bool(side) and (side.get("country") is not None or bool(side.get("sector_any")))
    return {"target": bool(side), "code": bool(gold.get("code_any")), "location": bool(gold.get("location")),
            "date": bool(gold.get("date"))}.get(field, True)


def _rank(pair: tuple[Row, Row]) -> tuple:
    checks = pair[1]
    fields_right = sum(checks[f] is True for f in SEED_FIELDS)
    return checks["found"], checks["actor"], checks["root"], fields_right, checks["coverage"]


def _best(scored: Iterable[tuple[Row, Row]]) -> tuple[Row, Row] | None:
    return max((pair for pair in scored if pair[1]["sentence"]), key=_rank, default=None)


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0


def _prf(correct: int, predicted: int, gold: int) -> Row:
    p, r = _ratio(correct, predicted), _ratio(correct, gold)
    return {"gold": gold, "predicted": predicted, "correct": correct, "precision": p, "recall": r, "f1": _f1(p, r)}


def _basename(uri: str | None) -> str:
    return (uri or "").split("#")[0].rstrip("/").rsplit("/", 1)[-1]


def _group(rows: Iterable[Row], key: str) -> dict[Any, list[Row]]:
    out: dict[Any, list[Row]] = defaultdict(list)
    for row in rows:
        out[row.get(key)].append(row)
    return out


def _short(m: Row) -> Row:
    return {k: m.get(k) for k in ("mention_id", "sentence", "actor_text", "cameo", "target_text", "location_name",
                                  "date_start", "date_end", "modality", "confidence")}


def _miss_reason(best: tuple[Row, Row] | None, doc: Row | None) -> str:
    if doc is None:
        return "document not in warehouse"
    if best is None:
        return "no mention from this sentence"
    m, c = best
    wrong = [f"actor {m.get('actor_text')!r}" if not c["actor"] else "",
             f"root {root_of(m)} (cameo {m.get('cameo')})" if not c["root"] else ""]
    return "wrong " + ", ".join(w for w in wrong if w)


def _document_checks(gdoc: Row, doc: Row | None, sentences: list[str]) -> list[Row]:
    if doc is None:
        return [{"doc": gdoc["doc"], "check": "present", "expected": "yes", "got": "no", "ok": False}]
    text = doc.get("text") or ""
    left = [b for b in gdoc.get("boilerplate", []) if b in text]
    glued = [h for h in gdoc.get("subheads", []) if any(h in s and len(s.strip()) > len(h) + 2 for s in sentences)]
    published = str(doc["published"])[:10] if doc.get("published") else None
    rows = [("title", gdoc.get("title"), doc.get("title"), tokens(gdoc.get("title")) == tokens(doc.get("title"))),
            ("published", gdoc.get("published"), published, gdoc.get("published") == published),
            ("boilerplate removed", 0, len(left), not left),
            ("subheads apart", 0, len(glued), not glued)]
    return [{"doc": gdoc["doc"], "check": c, "expected": e, "got": g, "ok": ok} for c, e, g, ok in rows]


def score_seeds(gold: Row, mentions: Sequence[Row], documents: Sequence[Row]) -> Row:
    """Return the seed scores: summary, per-field P/R/F1 over must events, document checks, misses, false positives."""
    docs = {_basename(d.get("uri")): d for d in documents}
    gold_docs = {d["doc"]: docs.get(d["doc"]) for d in gold["documents"]}
    by_doc = _group(mentions, "doc_id")
    scored = {g["id"]: [(m, seed_checks(g, m)) for m in by_doc.get((gold_docs.get(g["doc"]) or {}).get("doc_id"), [])]
              for g in gold["events"]}
    found_by = {m["mention_id"] for pairs in scored.values() for m, c in pairs if c["found"]}
    found_gold = {gid for gid, pairs in scored.items() if any(c["found"] for _, c in pairs)}
    counts = {f: Counter() for f in SEED_FIELDS}
    events, missed = [], []
    for g in gold["events"]:
        best = _best(scored[g["id"]])
        if g["must"]:
            _count_fields(counts, g, best)
        found = g["id"] in found_gold
        events.append({"id": g["id"], "must": g["must"], "found": found,
                       "checks": {k: v for k, v in best[1].items()} if best else None,
                       "mention": _short(best[0]) if best else None})
        if g["must"] and not found:
            missed.append({"id": g["id"], "sentence": g["sentence"],
                           "why": _miss_reason(best, gold_docs.get(g["doc"]))})
    false_positives = _seed_false_positives(gold, gold_docs, by_doc, found_by)
    must = sum(g["must"] for g in gold["events"])
    must_found = sum(g["must"] and g["id"] in found_gold for g in gold["events"])
    precision = _ratio(len(found_gold), len(found_gold) + len(false_positives))
    recall = _ratio(must_found, must)
    summary = {"must": must, "must_found": must_found, "must_recall": recall, "gold_found": len(found_gold),
               "false_positives": len(false_positives), "precision": precision, "f1": _f1(precision, recall),
               "mentions": sum(len(by_doc.get((d or {}).get("doc_id"), [])) for d in gold_docs.values())}
    sentences = {name: [m.get("sentence") or "" for m in by_doc.get((d or {}).get("doc_id"), [])]
                 for name, d in gold_docs.items()}
    return {"kind": "seeds", "present": any(gold_docs.values()), "summary": summary,
            "fields": {f: _prf(c["correct"], c["predicted"], c["gold"]) for f, c in counts.items()},
            "documents": [row for d in gold["documents"]
                          for row in _document_checks(d, gold_docs[d["doc"]], sentences[d["doc"]])],
            "events": events, "missed_must": missed, "false_positives": false_positives}


def _count_fields(counts: dict[str, Counter], gold: Row, best: tuple[Row, Row] | None) -> None:
    for field in SEED_FIELDS:
        has_gold = _gold_has(gold, field)
        counts[field]["gold"] += has_gold
        if best is None or best[1][field] is None:
            continue
        predicted = any(best[0].get(col) for col in _PREDICTED[field])
        counts[field]["predicted"] += predicted
        counts[field]["correct"] += has_gold and predicted and best[1][field]


def _seed_false_positives(gold: Row, gold_docs: Row, by_doc: dict, found: set[str]) -> list[Row]:
    out = []
    for name, doc in gold_docs.items():
        fragments = [g["sentence"] for g in gold["events"] if g["doc"] == name]
        for m in by_doc.get((doc or {}).get("doc_id"), []):
            if m["mention_id"] in found:
                continue
            sentence = m.get("sentence")
            if any(sentence_coverage(s, sentence) >= NO_EVENT_MIN_COVERAGE for s in gold.get("no_events_from", [])):
                why = "no-event sentence"
            elif any(sentence_coverage(f, sentence) >= SENTENCE_MIN_COVERAGE for f in fragments):
                why = "wrong actor or root in a gold sentence"
            else:
                why = "sentence has no gold event"
            out.append({"doc": name, "why": why} | _short(m))
    return out


# --- PLOVER -----------------------------------------------------------------------------------

def plover_checks(gold: Row, m: Row) -> Row:
    """Return the verdicts of mention `m` on one PLOVER gold event: dyad (both actors), root, event (dyad + root)."""
    source = gold.get("source") is None or text_matches(gold["source"], m.get("actor_text"))
    target = gold.get("target") is None or text_matches(gold["target"], m.get("target_text"))
    root = root_of(m) == gold.get("cameo_root")
    dyad = source and target
    return {"source": source, "target": target, "dyad": dyad, "root": root,
            "event": dyad and (root or gold.get("cameo_root") is None)}


def _plover_attributes(gold: Row, m: Row, tally: dict[str, Counter], confusion: Counter) -> None:
    """Add the dyad-matched pair (gold, m) to the attribute tallies and the root confusion."""
    def add(name: str, ok: bool) -> None:
        tally[name]["n"] += 1
        tally[name]["correct"] += ok

    if gold.get("cameo_root"):
        add("root", root_of(m) == gold["cameo_root"])
        confusion[(gold["cameo_root"], root_of(m) or "none")] += 1
    if gold.get("code"):
        add("code", m.get("cameo") == gold["code"])
        add("quad_class", (m.get("quad_class") or quad_class_of_root(root_of(m))) == quad_class_of_root(gold["cameo_root"]))
    for side, prefix in (("source", "actor"), ("target", "target")):
        if gold.get(f"{side}_country"):
            add(f"{side}_country", country_matches(gold[f"{side}_country"], m.get(f"{prefix}_country"), m.get(f"{prefix}_code")))


def _confidence_slices(mentions: list[Row], correct: set[str]) -> Row:
    ranked = sorted(mentions, key=lambda m: m.get("confidence") or 0.0, reverse=True)
    k = max(1, math.ceil(len(ranked) / 10))

    def stats(rows: list[Row]) -> Row:
        hits = sum(m["mention_id"] in correct for m in rows)
        confidence = [m.get("confidence") or 0.0 for m in rows]
        return {"n": len(rows), "precision": _ratio(hits, len(rows)),
                "mean_confidence": sum(confidence) / len(rows) if rows else None}

    deciles = [stats(ranked[i * len(ranked) // 10:(i + 1) * len(ranked) // 10]) for i in range(10)] if ranked else []
    return {"top_decile": stats(ranked[:k]), "bottom_decile": stats(ranked[-k:]) if ranked else stats([]),
            "all": stats(ranked), "deciles": deciles}


def score_plover(gold: Sequence[Row], mentions: Sequence[Row], documents: Sequence[Row]) -> Row:
    """Return the PLOVER scores: event P/R/F1, attribute accuracies, root confusions, confidence-slice precision."""
    doc_of = {d["source_id"]: d["doc_id"] for d in documents if d.get("source_id")}
    by_doc = _group(mentions, "doc_id")
    tally: dict[str, Counter] = defaultdict(Counter)
    confusion: Counter = Counter()
    per_root: dict[str, Counter] = defaultdict(Counter)
    correct: set[str] = set()
    scored_mentions: list[Row] = []
    matched = dyads = coded = coded_matched = 0
    missed: list[Row] = []
    for sentence in gold:
        ms = by_doc.get(doc_of.get(sentence["id"]), [])
        scored_mentions.extend(ms)
        for g in sentence["events"]:
            pairs = [(m, plover_checks(g, m)) for m in ms]
            hits = [m["mention_id"] for m, c in pairs if c["event"]]
            correct.update(hits)
            matched += bool(hits)
            coded += bool(g.get("code"))
            coded_matched += bool(hits) and bool(g.get("code"))
            per_root[g.get("cameo_root") or "none"].update(gold=1, matched=bool(hits))
            dyad = [(m, c) for m, c in pairs if c["dyad"]]
            if dyad:
                dyads += 1
                best = max(dyad, key=lambda mc: (mc[1]["root"], mc[0].get("cameo") == g.get("code")))[0]
                _plover_attributes(g, best, tally, confusion)
            if not hits:
                missed.append({"id": sentence["id"], "source": g.get("source"), "target": g.get("target"),
                               "code": g.get("code"),
                               "got": [[m.get("actor_text"), m.get("cameo"), m.get("target_text")] for m in ms]})
    false_positives = sum(m["mention_id"] not in correct for m in scored_mentions)
    n_gold = sum(len(s["events"]) for s in gold)
    precision, recall = _ratio(matched, matched + false_positives), _ratio(matched, n_gold)
    summary = {"sentences": len(gold), "sentences_in_warehouse": sum(s["id"] in doc_of for s in gold),
               "gold_events": n_gold, "mentions": len(scored_mentions), "matched": matched,
               "false_positives": false_positives, "precision": precision, "recall": recall,
               "f1": _f1(precision, recall), "gold_coded": coded, "recall_coded": _ratio(coded_matched, coded),
               "dyad_matched": dyads}
    return {"kind": "plover", "present": summary["sentences_in_warehouse"] > 0, "summary": summary,
            "attributes": {k: {"n": c["n"], "correct": c["correct"], "accuracy": _ratio(c["correct"], c["n"])}
                           for k, c in sorted(tally.items())},
            "confusion": [{"gold": g, "extracted": e, "count": n} for (g, e), n in confusion.most_common()],
            "per_root": {r: {"gold": c["gold"], "matched": c["matched"], "recall": _ratio(c["matched"], c["gold"])}
                         for r, c in sorted(per_root.items())},
            "confidence": _confidence_slices(scored_mentions, correct), "missed": missed}


# --- files ------------------------------------------------------------------------------------

def default_gold_paths() -> list[Path]:
    """Return the default gold files: ../shared/gold/ beside the repository root."""
    folder = Path(__file__).resolve().parents[1].parent / "shared" / "gold"
    return [folder / "seeds_gold.json", folder / "plover_gsr_cameo.jsonl"]


def resolve_gold_paths(paths: Sequence[Path] | None) -> list[Path]:
    """Return the gold files to use (the defaults when none are given); SetupError names any that is missing."""
    chosen = [Path(p) for p in paths] if paths else default_gold_paths()
    missing = [str(p) for p in chosen if not p.is_file()]
    if missing:
        raise SetupError(f"gold file not found: {', '.join(missing)}",
                         hint="pass the gold files with --gold PATH; they are not part of the project "
                              "(default: ../shared/gold/ beside the clone)")
    return chosen


def gold_kind(path: Path) -> GoldKind:
    """Return which gold set a file holds: dev_events*.jsonl -> events, other .jsonl -> plover, .json -> seeds."""
    if path.name.startswith("dev_events") and path.name.endswith(".jsonl"):
        return "events"
    if path.name.endswith(".jsonl"):
        return "plover"
    if path.name.endswith(".json"):
        return "seeds"
    raise SetupError(f"unknown gold file type: {path}", hint="seeds gold is a .json file, PLOVER gold a .jsonl file")


def load_gold(path: Path) -> Row | list[Row]:
    """Return the gold set in `path`: the seeds object, or the list of PLOVER or event sentences."""
    with open(path, encoding="utf-8") as fh:
        if gold_kind(path) == "seeds":
            return json.load(fh)
        return [json.loads(line) for line in fh if line.strip()]


def _read_table(warehouse: Path, table: str) -> list[Row]:
    import duckdb

    folder = warehouse / table
    if not any(folder.rglob("*.parquet")):
        return []
    con = duckdb.connect()
    try:
        rel = con.read_parquet(str(folder / "**" / "*.parquet"), union_by_name=True, hive_partitioning=True)
        return [dict(zip(rel.columns, row)) for row in rel.fetchall()]
    finally:
        con.close()


def read_warehouse(warehouse: Path) -> tuple[list[Row], list[Row]]:
    """Return (mentions, documents) read straight from the warehouse Parquet, one row per id."""
    documents = _read_table(Path(warehouse), "documents")
    if not documents:
        raise SetupError(f"no documents in warehouse {warehouse}",
                         hint="run `eventpipe run INPUT --warehouse DIR` first, or point --warehouse at it")
    mentions = _read_table(Path(warehouse), "mentions")
    return list({m["mention_id"]: m for m in mentions}.values()), list({d["doc_id"]: d for d in documents}.values())


def score_gold_files(warehouse: Path, gold: Sequence[Path]) -> dict[str, Row]:
    """Return the scores of `warehouse` against each gold file, keyed by gold kind (seeds, plover)."""
    mentions, documents = read_warehouse(warehouse)
    results = {}
    for path in gold:
        kind = gold_kind(path)
        scorer = {"seeds": score_seeds, "plover": score_plover, "events": _score_events}[kind]
        results[kind] = scorer(load_gold(path), mentions, documents) | {"gold_file": str(path), "warehouse": str(warehouse)}
    return results


Builder = Callable[[Path, Path], Any]
"""Runs the pipeline: build(inputs, warehouse); inputs is the seeds folder or a JSONL manifest."""


def write_plover_manifest(sentences: Sequence[Row], path: Path) -> Path:
    """Write gold sentences as a JSONL manifest of {id, text} plus `published` where the gold gives one
    (PLOVER has none; the event sentences do); return its path."""
    with open(path, "w", encoding="utf-8") as fh:
        for sentence in sentences:
            record = {"id": sentence["id"], "text": sentence["text"]}
            if sentence.get("published"):
                record["published"] = sentence["published"]
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _score_events(gold: Sequence[Row], mentions: Sequence[Row], documents: Sequence[Row]) -> Row:
    from .events_gold import score_events

    return score_events(gold, mentions, documents)


def score_fresh_runs(gold: Sequence[Path], build: Builder, seeds_dir: Path | None = None) -> dict[str, Row]:
    """Return the scores of each gold file against a fresh warehouse that `build` makes from that set's input.

    Seeds gold runs on `seeds_dir` (default: the repository's seeds/); PLOVER gold on a manifest of its sentences.
    A float returned by `build` is kept as `pipeline_seconds`.
    """
    seeds_dir = Path(seeds_dir) if seeds_dir else Path(__file__).resolve().parents[1] / "seeds"
    results: dict[str, Row] = {}
    with tempfile.TemporaryDirectory(prefix="eventpipe-score-") as tmp:
        for path in gold:
            kind = gold_kind(path)
            if kind == "seeds" and not seeds_dir.is_dir():
                raise SetupError(f"seeds folder not found: {seeds_dir}", hint="pass --warehouse to score an existing run")
            inputs = seeds_dir if kind == "seeds" else write_plover_manifest(load_gold(path), Path(tmp) / f"{kind}.jsonl")
            warehouse = Path(tmp) / f"{kind}_warehouse"
            seconds = build(inputs, warehouse)
            results |= score_gold_files(warehouse, [path])
            results[kind]["warehouse"] = f"fresh run on {inputs.name}"
            results[kind]["pipeline_seconds"] = seconds if isinstance(seconds, float) else None
    return results


# --- reports ----------------------------------------------------------------------------------

Section = tuple[str, list[str], list[list[Any]]]


def _metrics(title: str, summary: Row, names: dict[str, str]) -> Section:
    return title, ["metric", "value"], [[label, summary.get(key)] for key, label in names.items()]


def _seed_sections(r: Row) -> list[Section]:
    s = r["summary"]
    names = {"must": "must events", "must_found": "must found", "must_recall": "must recall",
             "gold_found": "gold events found (must + may)", "false_positives": "false positives",
             "precision": "precision", "f1": "F1 (precision x must recall)", "mentions": "mentions scored"}
    fields = [[f, v["gold"], v["predicted"], v["correct"], v["precision"], v["recall"], v["f1"]]
              for f, v in r["fields"].items()]
    return [_metrics("Seeds: events", s, names),
            ("Seeds: fields of must events", ["field", "gold", "predicted", "correct", "P", "R", "F1"], fields),
            ("Seeds: documents", ["doc", "check", "expected", "got", "ok"],
             [[d["doc"][:12], d["check"], d["expected"], d["got"], d["ok"]] for d in r["documents"]]),
            ("Seeds: missed must events", ["id", "sentence", "why"],
             [[m["id"], m["sentence"], m["why"]] for m in r["missed_must"]]),
            ("Seeds: false positives", ["doc", "sentence", "actor", "cameo", "target", "why"],
             [[f["doc"][:12], f["sentence"], f["actor_text"], f["cameo"], f["target_text"], f["why"]]
              for f in r["false_positives"]])]


def _plover_sections(r: Row) -> list[Section]:
    names = {"sentences_in_warehouse": "sentences in warehouse", "gold_events": "gold events",
             "mentions": "mentions", "matched": "gold events matched", "false_positives": "false positives",
             "precision": "precision", "recall": "recall", "f1": "F1", "recall_coded": "recall (coded events)",
             "dyad_matched": "gold events with actors matched"}
    confusions = [[c["gold"], c["extracted"], c["count"]] for c in r["confusion"] if c["gold"] != c["extracted"]]
    slices = [[name, r["confidence"][key]["n"], r["confidence"][key]["mean_confidence"], r["confidence"][key]["precision"]]
              for key, name in (("top_decile", "top 10%"), ("bottom_decile", "bottom 10%"), ("all", "all"))]
    return [_metrics("PLOVER: events", r["summary"], names),
            ("PLOVER: attributes of actor-matched events", ["attribute", "n", "correct", "accuracy"],
             [[k, v["n"], v["correct"], v["accuracy"]] for k, v in r["attributes"].items()]),
            ("PLOVER: top root confusions", ["gold root", "extracted root", "count"], confusions[:10]),
            ("PLOVER: recall by gold root", ["root", "gold", "matched", "recall"],
             [[k, v["gold"], v["matched"], v["recall"]] for k, v in r["per_root"].items()]),
            ("PLOVER: precision by confidence", ["mentions", "n", "mean confidence", "precision"], slices)]


def report_sections(result: Row) -> list[Section]:
    """Return the report of one gold set as (title, columns, rows) sections, shared by the rich and Markdown views."""
    if not result["present"]:
        name = Path(result.get("gold_file") or "gold").name
        return [(f"{result['kind']}: not scored", ["note"], [[f"no document of {name} in the warehouse"]])]
    if result["kind"] == "events":
        from .events_gold import event_sections

        return event_sections(result)
    return _seed_sections(result) if result["kind"] == "seeds" else _plover_sections(result)


def _cell(value: Any, width: int = 70) -> str:
    if isinstance(value, bool):
        return "ok" if value else "FAIL"
    if isinstance(value, float):
        return f"{value:.3f}"
    text = "-" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def render_rich(results: dict[str, Row]) -> Group:
    """Return the reports of all gold sets as one rich renderable of tables."""
    from rich.console import Group
    from rich.table import Table

    tables = []
    for result in results.values():
        for title, columns, rows in report_sections(result):
            table = Table(*columns, title=title, title_justify="left")
            for row in rows:
                table.add_row(*(_cell(v) for v in row))
            tables.append(table)
    return Group(*tables)


def render_markdown(result: Row) -> str:
    """Return the report of one gold set as Markdown tables."""
    lines = [f"# Score: {result['kind']}", "", f"Gold: `{result.get('gold_file')}`; warehouse: `{result.get('warehouse')}`.",
             "Matching rules: `evaluation/scoring.py` (module docstring).", ""]
    if result["kind"] == "plover":
        lines[-1:-1] = ["PLOVER gold: openeventdata/PLOVER `PLOVER_GSR_CAMEO.txt`, CC BY-SA 4.0."]
    for title, columns, rows in report_sections(result):
        lines += [f"## {title}", "", "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(_cell(v, 120).replace("|", "\\|") for v in row) + " |" for row in rows]
        lines.append("")
    return "\n".join(lines)


def write_results(results: dict[str, Row], out_dir: Path) -> list[Path]:
    """Write score_<kind>.json and .md for every scored gold set into `out_dir`; return the paths written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, result in results.items():
        if not result["present"]:
            continue
        json_path, md_path = out_dir / f"score_{kind}.json", out_dir / f"score_{kind}.md"
        json_path.write_text(json.dumps(result, indent=1, default=str, ensure_ascii=False) + "\n", encoding="utf-8")
        md_path.write_text(render_markdown(result), encoding="utf-8")
        written += [json_path, md_path]
    return written


def score_command(warehouse: Path | None, gold: list[Path] | None = None, out_dir: Path | None = None,
                  build: Builder | None = None) -> Group:
    """Return rich tables scoring a warehouse against the gold files (default ../shared/gold/*); write files to `out_dir` if given.

    Without `warehouse`, each gold set is scored on a fresh run that `build(inputs, warehouse)` makes
    (the caller supplies it: this module never starts a flow). Raises SetupError (missing gold file,
    empty warehouse, neither warehouse nor build) with a hint for the CLI's `Error:` line.
    """
    paths = resolve_gold_paths(gold)
    if warehouse is not None:
        results = score_gold_files(Path(warehouse), paths)
    elif build is not None:
        results = score_fresh_runs(paths, build)
    else:
        raise SetupError("no warehouse to score", hint="pass --warehouse DIR, or a pipeline runner as `build`")
    if out_dir is not None:
        write_results(results, out_dir)
    return render_rich(results)
