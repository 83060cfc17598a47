"""Tense of the clause around a date expression, from the words near it (raw text) or from a parse."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any, Callable, Literal, Sequence

Tense = Literal["past", "future"]

_ABBREVIATIONS = ("a.m", "p.m", "U.S", "Mr", "Mrs", "Ms", "Dr", "Gen", "Sen", "Rep", "Gov", "Jan", "Feb", "Aug", "Sept", "Sep", "Oct",
                  "Nov", "Dec")  # a period after these rarely ends the sentence ("at 4 a.m. EDT Thursday")
BOUNDARY = re.compile("".join(rf"(?<!\b{re.escape(a)})" for a in _ABBREVIATIONS) + r"(?<!\b[A-Z])[.!?][\"'”’)]*\s|\n")
_TENSE_MARK = re.compile(
    r"(?P<p>\b(?:was|were)\s+(?:(?:due|expected|scheduled|set|slated|supposed)\s+)?to\s+\w+)"  # future in the past
    r"|(?P<f>\b(?:will|shall|won't|(?:is|are)\s+(?:due|expected|scheduled|set|slated|poised|going)\s+to|(?:is|are)\s+to"
    r"|expected\s+(?:to|in|on|by|later)|due\s+(?:on|by|in)|(?:is|are)\s+due\b|scheduled\s+(?:to|for)|set\s+(?:to|for)|slated\s+(?:to|for)"
    r"|plans?\s+to|plann(?:ed|ing)\s+(?:to|for)|(?:scheduled|planned|slated)\s+(?:a|an|its|his|her|their)\b|would\s+be\s+[a-z]{3,}ing\b|going\s+to|upcoming|ahead\s+of|to\s+be\s+(?:held|[a-z]{3,}ed)\b|expects?|(?:hopes?|aims?|intends?)\s+to"
    r"|predicts?|forecasts?|(?:re)?opens?|begins?|starts|resumes?|convenes?|kicks?\s+off|takes?\s+(?:place|effect)|goes\s+ahead|arrives?|meets?)\b|'ll\b)"
    r"|(?P<p2>\b(?:said|told|was|were|had|did|met|went|came|took|gave|made|held|left|fled|fought|hit|shot|struck|won|lost"
    r"|began|saw|sent|spoke|wrote|became|brought|caught|kept|stood|found|got|broke|fell|rose|sold|sought|threw|withdrew"
    r"|ago|[a-z]{3,}ed)\b)")
WOULD_DEADLINE = re.compile(r"\bwould\b[^.;!?]*\b(?:by|until|till|through)\s+$")
DEADLINE = re.compile(r"\b(?:by|through|thru)\s+(?:early\s+|late\s+|mid-?)?$", re.I)  # "pay down the loan by February"
UNTIL = re.compile(r"\b(?:until|till)\s+(?:early\s+|late\s+|mid-?)?$", re.I)  # "postponed until Tuesday": ahead
_NOT_PAST = {"need", "speed", "indeed", "hundred", "proceed", "succeed", "exceed", "feed", "seed", "breed", "embed"}


def tense_at(text: str, start: int, end: int) -> Tense:
    """Tense of the clause around an expression: the nearest marker to the left, else to the right."""
    left, right = text[max(0, start - 120):start], text[end:end + 80]
    cuts = list(BOUNDARY.finditer(left))
    left = left[cuts[-1].end():] if cuts else left
    right = right[:cut.start()] if (cut := BOUNDARY.search(right)) else right
    first = next((mm for mm in _TENSE_MARK.finditer(right[:24]) if _is_marker(mm, right)), None)
    if first is not None and re.fullmatch(r"\s*", right[:first.start()]):  # "officials on Sunday issued": the verb right after
        return "future" if first.lastgroup == "f" else "past"
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


_FUTURE_AUX = {"will", "'ll", "ll", "shall", "wo", "’ll"}
_AHEAD = {"expect", "plan", "schedule", "due", "set", "intend", "hope", "aim", "go", "slate", "poise", "prepare", "want"}


def tense_of_token(token) -> Tense | None:
    """Tense of the verb that governs a parsed token (spaCy's Token, duck-typed), or None when the parse
    does not tell (present tense, no verb): future with will/shall or a to-infinitive under a present
    "expect/plan/schedule" ("is expected to meet on Friday"), past with a past-tense verb or auxiliary."""
    verb = token
    while verb.pos_ not in ("VERB", "AUX"):
        if verb.head.i == verb.i:  # the root, and no verb: spaCy makes a new Token per access, so no `is`
            return None
        verb = verb.head
    chain = [verb]
    while chain[-1].dep_ == "xcomp" and chain[-1].head.i != chain[-1].i and len(chain) < 4:
        chain.append(chain[-1].head)
    for v in chain:
        if any(c.dep_ in ("aux", "auxpass") and c.text.lower() in _FUTURE_AUX for c in v.children):
            return "future"
    top = chain[-1]
    top_tags = {top.tag_} | {c.tag_ for c in top.children if c.dep_ in ("aux", "auxpass")}
    if len(chain) > 1 and top.lemma_.lower() in _AHEAD:  # "planned to leave on Thursday": the plan is past,
        return None if "VBD" in top_tags else "future"    # its date may lie ahead: the words decide
    if verb.lemma_.lower() in _AHEAD - {"go", "want"}:  # "planned a march on Saturday", "has scheduled a briefing Thursday"
        return None
    tags = {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if "VBD" in tags or (verb.tag_ == "VBN" and any(c.lemma_ == "have" for c in verb.children if c.dep_ == "aux")):
        return "past"
    return None


def parse_tenses(parsed: Sequence[tuple[int, Any]]) -> Callable[[int], Tense | None]:
    """A lookup from a character offset to the parse's tense there (None where it has no token or no say);
    `parsed` is [(char offset of a paragraph, spaCy Doc)], as the extractor keeps them."""
    paragraphs = [(start, start + len(doc.text), doc) for start, doc in parsed]
    token_starts: dict[int, list[int]] = {}  # per paragraph, built on first use: no scan of every token per call

    def at(offset: int) -> Tense | None:
        for number, (start, end, doc) in enumerate(paragraphs):
            if start <= offset < end:
                starts = token_starts.get(number)
                if starts is None:
                    starts = token_starts[number] = [token.idx for token in doc]
                index = bisect_right(starts, offset - start) - 1
                token = doc[index] if index >= 0 else None
                if token is not None and offset - start < token.idx + len(token.text):
                    return tense_of_token(token)
                return None
        return None
    return at
