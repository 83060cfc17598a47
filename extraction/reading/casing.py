"""Letter case of a whole document: text in all lower or all upper case gets normal case back.

Some exports are all lower case and some headlines and wires all upper case. The parser finds names,
subjects and places by their capitals, so such a text would code unlike the same text in normal case.
`restore_case` detects the case per document (`letter_case`) and, for an all-lower or all-upper text,
returns it lower-cased with sentence starts, "I" and the known names of `names` (lower-case phrase ->
cased phrase, e.g. the actor dictionary's) capitalised. Every character keeps its position (only case
changes), so offsets into the restored text are offsets into the input. Normal text is returned as is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Literal

LetterCase = Literal["lower", "upper"]
# A text is all one case when at most this share of its letters is in the other case (a stray acronym).
MIXED_SHARE = 0.02
MIN_LETTERS = 20
MAX_NAME_WORDS = 4
_WORD = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?]['\"\u201d)]?\s+|\n\s*)([a-z])")
_CALENDAR = {w.lower(): w for w in (
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July August "
    "September October November December").split()}


def letter_case(text: str) -> LetterCase | None:
    """"lower" or "upper" when nearly all letters of the text are in that case, else None (normal text)."""
    letters = [c for c in text if c.isalpha() and c.lower() != c.upper()]
    if len(letters) < MIN_LETTERS:
        return None
    upper = sum(c.isupper() for c in letters) / len(letters)
    if upper <= MIXED_SHARE:
        return None if _starts_capitalised(text) else "lower"
    if upper >= 1 - MIXED_SHARE:
        return "upper"
    return None


_ANY_SENTENCE_START = re.compile(r"(?:^|[.!?]['\"\u201d)]?\s+|\n\s*)[^\w]*([^\W\d_])")


def _starts_capitalised(text: str) -> bool:
    """True when most sentences start with a capital: normal text with few capitals ("Police said the ferry
    sank near the coast on the way to the port."), not an all-lower-case export."""
    starts = [m.group(1) for m in _ANY_SENTENCE_START.finditer(text)]
    return bool(starts) and 2 * sum(c.isupper() for c in starts) > len(starts)


def _same_length(cased: str, lowered: str) -> bool:
    return len(cased) == len(lowered) and cased.lower() == lowered


def _parts(word: str, names: Mapping[str, str]) -> str | None:
    """A hyphenated word whose parts are names ("al-anbar" -> "Al-Anbar"), else None."""
    parts = word.split("-")
    cased = [names.get(p) if names.get(p) and len(names[p]) == len(p) else p for p in parts]
    if cased == parts:
        return None
    if parts[0] in {"al", "el"}:
        cased[0] = parts[0].capitalize()
    return "-".join(cased)


def _apply_names(text: str, names: Mapping[str, str]) -> str:
    """`text` (lower case) with the longest known name phrases at word boundaries put in their case."""
    chars = list(text)
    words = list(_WORD.finditer(text))
    i = 0
    while i < len(words):
        for size in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
            start, end = words[i].start(), words[i + size - 1].end()
            phrase = text[start:end]
            if size > 1 and not re.fullmatch(r"[\w.-]+(?: [\w.-]+)*", phrase):
                continue  # a name spans single spaces only
            cased = names.get(phrase) or names.get(phrase.rstrip("."))
            if cased is None and "-" in phrase:  # "al-qaeda" is the name "al qaeda" written with a hyphen
                spaced = names.get(phrase.replace("-", " "))
                cased = "".join("-" if c == "-" else s for c, s in zip(phrase, spaced)) if spaced else _parts(phrase, names)
            if cased and _same_length(cased, phrase[:len(cased)]):
                chars[start:start + len(cased)] = cased
                i += size
                break
        else:
            i += 1
    return "".join(chars)


# Title words before a name are part of it: "prime minister nouri al-maliki" -> "Prime Minister Nouri Al-Maliki".
TITLE_WORDS = {
    "president", "prime", "minister", "secretary", "general", "senator", "governor", "king", "queen", "prince",
    "sheikh", "ayatollah", "chancellor", "mayor", "judge", "pope", "cardinal", "archbishop", "mr", "mrs", "ms",
    "dr", "gen", "col", "lt", "sgt", "rep", "sen", "foreign", "deputy", "vice", "defence", "defense", "interior",
    "chief", "justice", "brigadier-general", "brigadier", "colonel", "major", "captain", "commander", "emir",
    "sultan", "premier", "speaker", "ambassador", "envoy", "leader", "spokesman", "spokesperson", "spokeswoman",
}


def _titles(restored: list[str], lowered: str) -> None:
    """Capitalise the title words right before a restored name (in place)."""
    words = list(_WORD.finditer(lowered))
    for i in range(len(words) - 1, 0, -1):
        nxt = words[i]
        if not restored[nxt.start()].isupper() or lowered[words[i - 1].end():nxt.start()] != " ":
            continue
        j = i - 1
        while j >= 0 and words[j].group() in TITLE_WORDS and (
                j == i - 1 or lowered[words[j].end():words[j + 1].start()] == " "):
            for part in re.finditer(r"[a-z]+", words[j].group()):
                restored[words[j].start() + part.start()] = restored[words[j].start() + part.start()].upper()
            j -= 1


def restore_case(text: str, names: Callable[[], Mapping[str, str]] | Mapping[str, str] | None = None) -> str:
    """Normal case for an all-lower or all-upper text (same length, see the module docstring); other text
    unchanged. `names` (or a function returning it, called only when needed) maps lower-case phrases to
    their written case."""
    if letter_case(text) is None:
        return text
    lowered = text.lower()
    if len(lowered) != len(text):
        return text  # a letter whose lower case is longer: leave the text as it is
    known = _CALENDAR | dict(names() if callable(names) else (names or {}))
    restored = list(_apply_names(lowered, known))
    _titles(restored, lowered)
    for hit in _SENTENCE_START.finditer(lowered):
        restored[hit.start(1)] = restored[hit.start(1)].upper()
    for hit in re.finditer(r"(?<![\w.'-])i(?![\w.-])", lowered):
        restored[hit.start()] = "I"
    return "".join(restored)
