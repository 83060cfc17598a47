"""Detection helpers for place names that the plain capitalised-n-gram matcher misses.

- state and province abbreviations: AP forms ("Calif.", "W.Va.", "B.C.") and postal codes ("KY", "NSW"),
  short or ambiguous ones only right after a place and a comma ("Richmond, Va.", "Austin, TX");
- places inside the names of local bodies ("the Dover police", "Miami Herald", "Halifax Public Library"):
  the words that may follow a place name without making it a person's or a team's name;
- abbreviated first words ("St. Louis", "Ft. Worth", "Mt. Vernon").
"""

from __future__ import annotations

import re

from .gazetteer import Entry, Gazetteer, name_key

# What follows a dateline's place: ", State", "(AP)", a dash.
_DATELINE_AFTER = re.compile(r"\s*(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?\.?\s*)?(?:\([A-Za-z .]+\)\s*)?(?:--|[-\u2013\u2014:])")

# Words after a place name that make an organisation named for the place, not a person ("Dover Police").
ORG_AFTER = frozenset(
    "police pd sheriff sheriff's fire rescue post times herald tribune journal gazette news chronicle courier "
    "examiner telegraph observer record register daily weekly star globe sun press standard mirror echo "
    "public schools school university college academy institute community hospital clinic council board "
    "commission department library museum zoo airport international metro transit county township borough "
    "parish city mayor's municipal regional national state's water energy power chamber cathedral diocese "
    "archdiocese jail prison court courthouse governor premier minister senator congressman congresswoman "
    "representative attorney secretary lieutenant health legislature assembly parliament government".split()
)
# Abbreviated first words of place names, written with a dot ("St. Louis", "Ft. Worth").
DOTTED_HEADS = frozenset({"st", "ste", "mt", "ft", "pt"})
# Two-letter postal codes that are English words in capitals: never alone.
POSTAL_WORDS = frozenset({"in", "or", "me", "ok", "hi", "oh", "id", "de", "la", "ma", "pa", "co", "al", "as", "at", "so", "no",
                    "us", "sa", "wa", "nt", "ne", "mo", "mt", "sc", "nb"})
# Abbreviations that are also English words or titles: only after "<place>, ".
_AMBIGUOUS = frozenset({"act", "vic", "tas", "man", "ill", "del", "ind", "ore", "ark", "wash", "miss", "cal", "penn", "nfld"})


def abbreviation_at(text: str, start: int, end: int, gazetteer: Gazetteer, after_place: bool) -> tuple[int, list[Entry]]:
    """(end, states) when the word at text[start:end] abbreviates a state or province, else (end, []).

    `after_place`: the word follows "<place>, " ("Richmond, Va."), where any abbreviation is read as one.
    The returned end includes a final dot ("Calif.")."""
    word = text[start:end]
    dotted = word.endswith(".") or text[end:end + 1] == "."
    stop = end + 1 if text[end:end + 1] == "." and not word.endswith(".") else end
    key = name_key(word)
    entries = list(dict.fromkeys(gazetteer.abbreviation(key)))
    if not entries or not word[:1].isupper():
        return end, []
    if after_place:
        return stop if dotted else end, entries
    letters = key.replace(" ", "")
    if key in _AMBIGUOUS:
        return end, []
    if dotted and (" " in key or len(letters) >= 3):
        return stop, entries  # "W.Va.", "B.C.", "Calif.", "Fla."
    if word.isupper() and len(letters) >= 3 and not dotted:
        return end, entries  # "NSW", "QLD"
    if word.isupper() and len(letters) == 2 and key not in POSTAL_WORDS and _named_elsewhere(text, entries, gazetteer):
        return end, entries  # "BC" in a story that names British Columbia or Canada
    return end, []


def _named_elsewhere(text: str, entries: list[Entry], gazetteer: Gazetteer) -> bool:
    """True when the text names the state or its country in full."""
    for entry in entries:
        country = gazetteer.country(entry.country or "")
        if entry.name in text or (country is not None and country.name in text):
            return True
    return False


def is_dateline(text: str, start: int, end: int) -> bool:
    """True when text[start:end] opens a line in capitals and a dateline follows ("AUSTIN, Texas (AP) --")."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start].strip(" \t\"'(")
    if (before and not before.endswith((".", "!", "?"))) or not text[start:end].isupper():
        return False  # a line's or a sentence's first words ("... in Portland. OAKLAND, Calif. (AP) -")
    return bool(_DATELINE_AFTER.match(text, end))
