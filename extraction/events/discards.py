"""Phoenix discard list: sentences about sport, entertainment, disasters... carry no political event.

Data: extraction/knowledge/data/discards.json (Phoenix `discards` list). Entries that would void ordinary
news sentences are ignored: bare years ("1998"), relative time ("months ago", "years later")
and a few common news words (IGNORED below). On a parsed sentence (`voids_sentence`) a phrase voids
only when it is near the top of the parse (at most TOPIC_DEPTH arcs below the root): the sentence is
about sport, not an arrest "for playing in a football tournament" deep in an adjunct.

Two parse rules void single event words rather than sentences: an explosion, blast or fire whose phrase names
an industrial or domestic cause is an accident (`accidental`: "a gas explosion at the plant killed three"), and
an event noun counted by a quantity verb is a statistic (`statistic`: "murders fell by 12 percent").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Span, Token

from ..knowledge import DATA_DIR

# Phrases that occur in ordinary political news: voiding on them loses real events.
IGNORED = frozenset({
    "champion", "champions", "pollution", "millennium", "world trade center", "poll published", "presidential debate",
    "presidential vote recount", "medical tests", "tour operator", "landslide", "national team", "international brand",
    "initial public offering", "here is a list of", "group a", "group b", "group c", "group d", "group e", "group f",
    "group g", "group h", "second world war", "world war ii", "world war two", "post world war ii", "attack on pearl harbor",
    "british empire", "commercial consumption expenditures", "osaka district court", "mine accident",
})
# Dependency arcs from the root within which a discard phrase names the sentence's topic.
TOPIC_DEPTH = 5
_RELATIVE_TIME = re.compile(r"\b(ago|later|earlier)$")


@dataclass(frozen=True)
class Discards:
    """Compiled discard phrases; `voids(sentence)` says whether a sentence is discarded."""

    pattern: re.Pattern | None

    def voids(self, sentence: str) -> str | None:
        """The discard phrase found in the sentence (case-insensitive, whole words), or None."""
        if self.pattern is None:
            return None
        hit = self.pattern.search(sentence)
        return hit.group(0).lower() if hit else None

    def voids_sentence(self, sentence: Span) -> str | None:
        """The first discard phrase of a parsed sentence whose words sit near its root (TOPIC_DEPTH), or None."""
        if self.pattern is None:
            return None
        text, start = sentence.text, sentence.start_char
        for hit in self.pattern.finditer(text):
            words = [t for t in sentence if hit.start() <= t.idx - start < hit.end()]
            if not words or min(_depth(t) for t in words) <= TOPIC_DEPTH:
                return hit.group(0).lower()
        return None


# Causes and sites that make an explosion, a blast or a fire an accident: CAMEO codes no act of anyone.
ACCIDENT_WORDS = frozenset({
    "gas", "boiler", "chemical", "industrial", "factory", "plant", "mine", "refinery", "pipeline", "fireworks",
    "firework", "tanker", "cylinder", "kitchen", "warehouse", "furnace", "reactor", "dust", "methane", "electrical",
    "accidental", "accident", "fuel", "oil", "coal", "depot", "mill", "workshop",
})
ACCIDENT_HEADS = frozenset({"explosion", "blast", "fire", "blaze", "bomb", "device"})
# Verbs of counting and change: their subject is a figure, not an event ("murders fell", "arrests rose to 300").
STATISTIC_VERBS = frozenset({"rise", "fall", "drop", "increase", "decrease", "decline", "double", "triple", "climb",
                             "grow", "jump", "surge", "soar", "halve", "total", "number", "reach", "exceed", "plunge"})
STATISTIC_NOUNS = frozenset({"number", "rate", "count", "tally", "total", "percentage", "share", "statistic", "figure"})


def accidental(noun: Token) -> bool:
    """True for an explosion, blast or fire whose own phrase names an accident's cause or site ("a gas explosion",
    "the blast at the chemical plant"); a bomb is never one unless the phrase says so ("an old mine")."""
    if noun.lemma_.lower() not in ACCIDENT_HEADS or noun.lemma_.lower() in {"bomb", "device"}:
        return False
    return any(t.lemma_.lower() in ACCIDENT_WORDS for t in noun.subtree if t.i != noun.i)


def statistic(noun: Token) -> bool:
    """True for an event noun that is counted, not reported: the subject of a quantity verb ("murders fell by 12
    percent") or the "of" object of a figure ("the number of arrests")."""
    if noun.dep_ in {"nsubj", "nsubjpass"} and noun.head.lemma_.lower() in STATISTIC_VERBS:
        return True
    head = noun.head
    return noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in STATISTIC_NOUNS


def _depth(token: Token) -> int:
    """Arcs from the token up to its sentence root."""
    depth = 0
    while token.head.i != token.i and depth < 100:
        token, depth = token.head, depth + 1
    return depth


def usable(phrase: str) -> bool:
    """True for discard entries worth applying (not a year, relative time or ignored news word)."""
    words = phrase.strip().lower()
    return bool(words) and not re.fullmatch(r"[\d\s]+", words) and not _RELATIVE_TIME.search(words) and words not in IGNORED


def compile_discards(phrases: list[str]) -> Discards:
    """A `Discards` matcher over the usable phrases."""
    kept = sorted({p.strip().lower() for p in phrases if usable(p)}, key=len, reverse=True)
    if not kept:
        return Discards(None)
    body = "|".join(re.escape(p).replace(r"\ ", r"[\s-]+") for p in kept)
    return Discards(re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE))


@lru_cache(maxsize=2)
def load_discards(data_dir: Path | None = None) -> Discards:
    """Load the sentence and story discard phrases of extraction/knowledge/data/discards.json."""
    data = json.loads(((data_dir or DATA_DIR) / "discards.json").read_text(encoding="utf-8"))
    return compile_discards([*data.get("sentence", []), *data.get("story", [])])
