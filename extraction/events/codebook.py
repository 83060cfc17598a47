"""CAMEO action coding: verb lemmas (+ the words after them) and eventive nouns -> ActionCode.

Data: extraction/knowledge/data/cameo_codes.json (the CAMEO 1.1b3 codebook), verbs.json (the Phoenix
CAMEO.2.0 verb dictionary: synonym blocks, object patterns, noun synsets) and nouns.json
(eventpipe's curated eventive nouns). See extraction/knowledge/data/README.md for provenance.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..knowledge import DATA_DIR

DATA_FILES = ("cameo_codes.json", "verbs.json", "nouns.json")
_MAX_GAP = 3  # words allowed between two consecutive pattern words
_MAX_START = 3  # a pattern must start within the first words after the verb (1 for a lone preposition)
# How the dictionary converter marks a default code eventpipe removed (verb_overrides: null in _curated.json).
UNSET_DEFAULT = "-> [None] (eventpipe override)"

# Verbs whose object carries the event: "launched an airstrike", "held talks", "expressed concern".
# Words that make the noun after them a measured amount ("3 percent support", "40% approval").
MEASURE_WORDS = frozenset({"percent", "per cent", "%", "percentage", "point"})
LIGHT_VERBS = frozenset({
    "launch", "carry out", "conduct", "stage", "mount", "hold", "make", "give", "express", "issue",
    "begin", "start", "continue", "resume", "intensify", "step up", "wage", "unleash", "organize",
    "organise", "lead", "order", "voice", "extend", "offer", "reiterate", "renew", "announce",
    "engage", "engage in", "commit", "perpetrate", "undertake", "take", "pay", "reach", "call for",
    "file", "bring", "lodge", "unseal", "level",  # "filed charges", "unsealed an indictment": legal acts (115)
})

# PLOVER event type per CAMEO root, then finer exceptions. From PLOVER's CAMEO crosswalk
# (openeventdata/PLOVER cameo/CAMEO-PLOV.txt) checked against the PLOVER gold records:
# 02 appeals -> REQUEST; 01 statements have no PLOVER type except the three below.
_PLOVER_ROOT = {
    "02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID",
    "08": "CONCEDE", "09": "INVESTIGATE", "10": "DEMAND", "11": "DISAPPROVE", "12": "REJECT",
    "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE",
    "18": "ASSAULT", "19": "FIGHT", "20": "FIGHT",
}
_PLOVER_CODE = {
    "016": "REJECT", "018": "SUPPORT", "019": "AGREE", "080": "RETREAT", "084": "RETREAT",
    "085": "RETREAT", "086": "RETREAT", "087": "RETREAT", "164": "REJECT", "175": "ASSAULT",
    "184": "COERCE", "191": "COERCE",
}


# A promised or future action is coded as its announcement (CAMEO manual: "will visit" = 036,
# "will provide aid" = 033, "will attack" = 138): finest listed prefix wins.
_INTENT = {
    "04": "036", "045": "039", "05": "032", "057": "030", "06": "031", "061": "0311", "062": "0312",
    "063": "0313", "064": "0314", "07": "033", "071": "0331", "072": "0332", "073": "0333",
    "074": "0334", "08": "035", "081": "0351", "082": "0352", "083": "034", "084": "0353",
    "085": "0354", "086": "0355", "087": "0356", "14": "133", "15": "138", "16": "131",
    "162": "1311", "163": "1312", "161": "1313", "164": "134", "165": "135", "166": "136",
    "17": "137", "172": "132", "1723": "1323", "1724": "1324", "18": "1383", "19": "138",
    "191": "1381", "192": "1382", "20": "1385",
}


def intent_code(cameo: str) -> str | None:
    """CAMEO code for announcing `cameo` as a promise or threat ("will visit" -> 036), else None."""
    for size in (4, 3, 2):
        if len(cameo) >= size and cameo[:size] in _INTENT:
            return _INTENT[cameo[:size]]
    return None


def quad_class(root: str) -> int:
    """QuadClass of a CAMEO root: 01-05 -> 1, 06-08 -> 2, 09-13 -> 3, 14-20 -> 4."""
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


def plover_type(cameo: str) -> str | None:
    """PLOVER event type of a CAMEO code (finest listed prefix wins), None for plain statements."""
    for size in (4, 3):
        if cameo[:size] in _PLOVER_CODE and len(cameo) >= size:
            return _PLOVER_CODE[cameo[:size]]
    return _PLOVER_ROOT.get(cameo[:2])


def _undouble(word: str) -> str:
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        return word[:-1]
    return word


@lru_cache(maxsize=32768)  # the same few thousand words, over and over
def token_key(word: str) -> str:
    """Crude stem shared by the dictionaries and the context: 'troops' -> 'troop', 'supplies' -> 'supply'.

    Both sides go through the same function, so only consistency matters, not linguistics.
    """
    w = word.lower().replace("\u2019", "'").strip(".,;:!?\"'()[]{}")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) <= 3 or not w.isascii():
        return w
    plural = True
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "xes", "ches", "shes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    else:
        plural = False
    if w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("eed"):
        w = w[:-1] if len(w) > 5 else w
    elif w.endswith("ed") and len(w) > 4:
        w = _undouble(w[:-2])
    elif w.endswith("ing") and len(w) > 5 and not plural:
        w = _undouble(w[:-3])
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    return w


def _context_keys(context: Sequence[str]) -> list[str]:
    return [token_key(p) for item in context for p in item.replace("_", " ").split() if token_key(p)]


@dataclass(frozen=True)
class ActionCode:
    """A CAMEO code with its root, QuadClass, Goldstein score, PLOVER type and the rule that chose it."""

    cameo: str
    root: str
    quad_class: int
    goldstein: float
    plover: str | None
    name: str
    pattern: str


class Codebook:
    """Codes verbs and eventive nouns; build it with load_codebook()."""

    def __init__(self, codes: dict, verbs: dict, nouns: dict, version: str) -> None:
        self.version = version
        self._codes = codes
        self._verbs = verbs["verbs"]
        self._forms = verbs["forms"]
        self._blocks = verbs["blocks"]
        self._synsets = {k: [tuple(m) for m in v] for k, v in verbs["synsets"].items()}
        # what each block pattern needs in its context to match at all: its plain words, and for each &SYNSET
        # the first word of one of its members
        heads = {k: frozenset(m[0] for m in v if m) for k, v in self._synsets.items()}
        self._block_needs = [[(frozenset(w for w in p[0] if not w.startswith("&")),
                               tuple(heads.get(w, frozenset()) for w in p[0] if w.startswith("&"))) for p in b["patterns"]]
                             for b in self._blocks]
        self._nouns = {self._noun_key(k): v | {"lemma": k} for k, v in nouns.items()}
        for entry in self._nouns.values():
            entry["patterns"] = [([token_key(w) for w in p], c) for p, c in entry.get("patterns", [])]

    # ------------------------------------------------------------ public
    def describe(self, cameo: str, pattern: str = "") -> ActionCode | None:
        """Full record of a CAMEO code, or None when the code is not in the codebook.

        A Phoenix code newer than CAMEO 1.1b3 falls back to its parent: 176 (cyber attack) -> 170, 1952 -> 195.
        """
        row = self._codes.get(cameo)
        if row is None and len(cameo) >= 3:
            parent = cameo[:3] if len(cameo) > 3 else cameo[:2] + "0"
            if parent != cameo and parent in self._codes:
                return self.describe(parent, f"{pattern or f'CAMEO {cameo}'} -> [{parent}]")
        if row is None:
            return None
        root = row["root"]
        return ActionCode(cameo, root, quad_class(root), row["goldstein"], plover_type(cameo),
                          row["name"], pattern or f"CAMEO {cameo}")

    def intended(self, code: ActionCode) -> ActionCode:
        """The code for announcing `code` as intent or threat ("will visit": 042 -> 036); unchanged otherwise."""
        target = intent_code(code.cameo)
        found = self.describe(target, f"intent: {code.pattern}") if target else None
        return found or code

    def code_verb(self, lemma: str, context: Sequence[str] = (), anchor: int | None = None) -> ActionCode | None:
        """Code a verb lemma (phrasal allowed: 'call on') given the lemmas that follow it in its clause.

        `anchor` is the position of the verb's object head in `context`: an object pattern may start
        there however many modifiers come before it ("dispersed a peaceful anti-government protest").
        """
        key = " ".join(lemma.lower().replace("-", " ").split())
        if context and f"{key} {context[0].lower()}" in self._verbs:  # "break" + ["up", ...]
            key, context = f"{key} {context[0].lower()}", context[1:]
            anchor = anchor - 1 if anchor else None
        ctx = _context_keys(context)
        entry = self._verb_entry(key)
        if entry is None and " " in key:  # unknown phrasal verb: its particle joins the context
            head, rest = key.split(" ", 1)
            entry, key, ctx = self._verb_entry(head), head, _context_keys([rest]) + ctx
        if entry is not None:
            block_id, default, line = entry
            block = self._blocks[block_id]
            hit = self._best_pattern(block["patterns"], ctx, key, default, anchor, self._block_needs[block_id],
                                     own_only=default is None and line.endswith(UNSET_DEFAULT))
            if hit is not None:
                code, text = hit
                return self.describe(code, f"{block['name']}: {text}") if code else None
        caused = key in LIGHT_VERBS and ctx[:1] == ["to"]  # "led to protests" caused them; "led protests" held them
        if key in LIGHT_VERBS and not caused:
            noun = self._object_noun(ctx, light=True)
            if noun is not None:
                return self.describe(noun[0], f"light verb {key.upper()} + {noun[1]}")
        if entry is None or default is None or caused:
            return None
        return self.describe(default, f"--- {block['name']} [{block['code'] or '---'}] --- {line} [{default}]")

    def code_noun(self, lemma: str, context: Sequence[str] = ()) -> ActionCode | None:
        """Code an eventive noun ('airstrike', 'talks', 'protest'); context = its modifiers and following words."""
        entry = self._nouns.get(self._noun_key(lemma))
        if entry is None or entry.get("light_only"):
            return None
        code, text = self._noun_code(entry, _context_keys(context))
        return self.describe(code, text) if code else None

    def is_eventive(self, lemma: str) -> bool:
        """True when `lemma` is a listed eventive noun ("strike", "talks"), light-only ones included."""
        return self._noun_key(lemma) in self._nouns

    # ------------------------------------------------------------ helpers
    @staticmethod
    def _noun_key(lemma: str) -> str:
        return " ".join(token_key(w) for w in lemma.lower().replace("-", " ").split())

    def _verb_entry(self, key: str) -> list | None:
        if key in self._verbs:
            return self._verbs[key]
        base = self._forms.get(key)
        if base is None:
            stem = token_key(key) if " " not in key else None
            base = next((v for v in (stem, stem and stem + "e") if v and v in self._verbs), None)
        return self._verbs.get(base) if base else None

    def _noun_code(self, entry: dict, ctx: list[str]) -> tuple[str | None, str]:
        for words, code in sorted(entry["patterns"], key=lambda p: -len(p[0])):
            if all(w in ctx for w in words):
                return code, f"noun {entry['lemma'].upper()} + {' '.join(words).upper()} [{code}] (eventpipe curated)"
        return entry["code"], f"noun {entry['lemma'].upper()} [{entry['code']}] (eventpipe curated)"

    def _object_noun(self, ctx: list[str], light: bool) -> tuple[str, str] | None:
        """First eventive noun among the first words of the context (two-word nouns first)."""
        for i in range(min(len(ctx), 6)):
            for size in (2, 1):
                entry = self._nouns.get(" ".join(ctx[i:i + size])) or (
                    self._nouns.get("".join(ctx[i:i + size])) if size == 2 else None)
                if i and ctx[i - 1] in MEASURE_WORDS:
                    continue  # "reached 3 percent support": a measured share, not an act of support
                if entry and (light or not entry.get("light_only")) and i + size <= len(ctx):
                    code, text = self._noun_code(entry, ctx)
                    if code:
                        return code, text
        return None

    def _best_pattern(self, patterns: list, ctx: list[str], verb: str,
                      default: str | None, anchor: int | None = None,
                      needs: list[tuple[frozenset[str], tuple[frozenset[str], ...]]] | None = None,
                      own_only: bool = False) -> tuple[str | None, str] | None:
        """The matching pattern with the most words (then the earliest end, then file order).

        A block's patterns serve all its verbs, but one written for another verb of the block
        (its comment names that verb) is skipped when it would change the verb's own root:
        "TAKE * PART [030]" must not recode SEIZE [171]; nor may its sub-code of another code recode
        the verb ("ACCUSE (OF FRAUD) [1121]" must not recode CONVICT [116]). `needs`: each pattern's plain
        words and its synsets' first words, to skip at once a pattern the context cannot match.
        `own_only`: the verb's default was unset by eventpipe (a light or vague verb of the block, "take" in
        APPREHEND): only its own patterns code it, no other verb's ("are wanted on charges" is no "press ON").
        """
        best, best_rank = None, None
        present = set(ctx)
        for n, (tokens, code, text, source, prep_first) in enumerate(patterns):
            if needs is not None and not (needs[n][0] <= present and all(not h.isdisjoint(present) for h in needs[n][1])):
                continue
            if source and source != verb and own_only:
                continue
            if source and source != verb and default and ((code or "")[:2] != default[:2] or (
                    len(code or "") == 4 and code[:3] != default[:3])):
                continue
            lone_prep = prep_first and len(tokens) == 1
            end = self._match(tokens, ctx, 2 if lone_prep else max(_MAX_START, anchor or 0) + 1)
            if end is None:
                continue
            rank = (-len(tokens), end)
            if best_rank is None or rank < best_rank:
                best, best_rank = (code, text), rank
        return best

    def _match(self, tokens: list[str], ctx: list[str], starts: int) -> int | None:
        """End index of the first in-order match of the pattern words in ctx, or None."""
        for start in range(min(len(ctx), starts)):
            end = self._match_from(tokens, ctx, start)
            if end is not None:
                return end
        return None

    def _match_from(self, tokens: list[str], ctx: list[str], pos: int) -> int | None:
        first = True
        for tok in tokens:
            limit = pos + 1 if first else min(len(ctx), pos + _MAX_GAP + 1)
            found = None
            for i in range(pos, limit):
                size = self._element_at(tok, ctx, i)
                if size:
                    found = i + size
                    break
            if found is None:
                return None
            pos, first = found, False
        return pos

    def _element_at(self, tok: str, ctx: list[str], i: int) -> int:
        """Length of the match of one pattern element (word or &SYNSET) at ctx[i], 0 if none."""
        if i >= len(ctx):
            return 0
        if not tok.startswith("&"):
            return 1 if ctx[i] == tok else 0
        for member in self._synsets.get(tok, ()):
            if tuple(ctx[i:i + len(member)]) == member:
                return len(member)
        return 0


def data_version(data_dir: Path = DATA_DIR) -> str:
    """Hash of the codebook, verb dictionary and eventive nouns files: changes whenever their content does."""
    digest = hashlib.sha256()
    for name in DATA_FILES:
        digest.update((data_dir / name).read_bytes())
    return digest.hexdigest()[:12]


@lru_cache(maxsize=4)
def load_codebook(data_dir: Path | None = None) -> Codebook:
    """Load (once per folder) the codebook, verb dictionary and eventive nouns."""
    folder = Path(data_dir) if data_dir else DATA_DIR
    read = lambda name: json.loads((folder / name).read_text(encoding="utf-8"))  # noqa: E731
    return Codebook(read("cameo_codes.json"), read("verbs.json"), read("nouns.json"), data_version(folder))
