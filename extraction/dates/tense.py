"""Tense of the clause around a date expression, from the words near it (raw text) or from a parse."""

from __future__ import annotations

import re
from typing import Literal

Tense = Literal["past", "future"]

BOUNDARY = re.compile(r"[.!?][\"'”’)]*\s|\n")
_TENSE_MARK = re.compile(
    r"(?P<p>\b(?:was|were)\s+(?:(?:due|expected|scheduled|set|slated|supposed)\s+)?to\s+\w+)"  # future in the past
    r"|(?P<f>\b(?:will|shall|won't|(?:is|are)\s+(?:due|expected|scheduled|set|slated|poised|going)\s+to|(?:is|are)\s+to"
    r"|expected\s+(?:to|in|on|by|later)|due\s+(?:on|by|in)|scheduled\s+(?:to|for)|set\s+(?:to|for)|slated\s+(?:to|for)"
    r"|plans?\s+to|plann(?:ed|ing)\s+(?:to|for)|going\s+to|upcoming|ahead\s+of|to\s+be\s+(?:held|[a-z]{3,}ed)\b|expects?|(?:hopes?|aims?|intends?)\s+to"
    r"|predicts?|forecasts?|(?:re)?opens?|begins?|resumes?|convenes?|kicks?\s+off|takes?\s+place|goes\s+ahead|arrives?|meets)\b|'ll\b)"
    r"|(?P<p2>\b(?:said|told|was|were|had|did|met|went|came|took|gave|made|held|left|fled|fought|hit|shot|struck|won|lost"
    r"|began|saw|sent|spoke|wrote|became|brought|caught|kept|stood|found|got|broke|fell|rose|sold|sought|threw|withdrew"
    r"|ago|[a-z]{3,}ed)\b)")
WOULD_DEADLINE = re.compile(r"\bwould\b[^.;!?]*\b(?:by|until|till|through)\s+$")
UNTIL = re.compile(r"\b(?:until|till)\s+(?:early\s+|late\s+|mid-?)?$", re.I)  # "postponed until Tuesday": ahead
_NOT_PAST = {"need", "speed", "indeed", "hundred", "proceed", "succeed", "exceed", "feed", "seed", "breed", "embed"}


def tense_at(text: str, start: int, end: int) -> Tense:
    """Tense of the clause around an expression: the nearest marker to the left, else to the right."""
    left, right = text[max(0, start - 120):start], text[end:end + 80]
    cuts = list(BOUNDARY.finditer(left))
    left = left[cuts[-1].end():] if cuts else left
    right = right[:cut.start()] if (cut := BOUNDARY.search(right)) else right
    for window, pick in ((left, -1), (right, 0)):
        marks = [mm for mm in _TENSE_MARK.finditer(window) if _is_marker(mm, window)]
        if marks:
            return "future" if marks[pick].lastgroup == "f" else "past"
    return "past"


def _is_marker(mm: re.Match, window: str) -> bool:
    """False for words that are not past verbs ("need") or are participles in a passive ("will be held")."""
    word = mm.group()
    if mm.lastgroup != "p2" or word in ("said", "told", "was", "were", "had", "did", "ago"):
        return True
    return word not in _NOT_PAST and not re.search(r"\b(?:be|been|being)\s+$", window[:mm.start()])
