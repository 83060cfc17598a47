"""Clean raw article text: drop boilerplate lines, find the title and the dateline, keep paragraphs apart."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

import dateparser

# Lines that carry no article content: site navigation, photo credits, agency sign-offs.
_BOILERPLATE = [
    re.compile(r"^\s*(\d+\.\s*)?skip to\b.*$", re.I),
    re.compile(r"^\s*(image|photo|picture|video|audio|credit|source)\s*:\s*.{0,80}$", re.I),
    re.compile(r"^\s*(share|tweet|email|print|advertisement|related|read more|follow us)\b.{0,40}$", re.I),
    re.compile(r"^\s*\(?(c|©)\)?\s*\d{4}\b.{0,80}$", re.I),
]
# Agency sign-off such as "jm/tj (Reuters, AFP, AP)", alone or glued to the next text.
_AGENCY_TAG = re.compile(r"\b[a-z]{1,4}(?:/[a-z]{1,4})+\s*\((?:[A-Z][A-Za-z.]*(?:,\s*)?)+\)")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+"
_DATELINE = re.compile(
    rf"^\s*(?:{_WEEKDAY})?(?:"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}"
    r")(?:\s*[|,-]?\s*\d{1,2}:\d{2}(?:\s*[AP]M)?(?:\s*[A-Z]{2,4})?)?\s*$",
    re.I,
)
_MAX_TITLE_WORDS = 20
_HEAD_LINES = 8  # the title and dateline are looked for in the first lines only


@dataclass(frozen=True)
class CleanText:
    """Cleaned article: paragraphs joined by blank lines, plus what the head of the text told."""

    text: str
    title: str | None
    published: dt.date | None
    dropped: tuple[str, ...]


def normalise(text: str) -> str:
    """NFC text with unified line endings, no NUL or control characters (tabs and newlines kept)."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")


def is_boilerplate(line: str) -> bool:
    """True for navigation, credit and agency lines that carry no article content."""
    stripped = line.strip()
    return any(p.match(stripped) for p in _BOILERPLATE) or bool(_AGENCY_TAG.fullmatch(stripped))


def parse_dateline(line: str) -> dt.date | None:
    """The date of a line that is only a date ("January 6, 2014", "Friday, January 4, 2019"), else None."""
    if not _DATELINE.match(line):
        return None
    parsed = dateparser.parse(
        line.strip(), languages=["en"], settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
    )
    return parsed.date() if parsed else None


def _looks_like_title(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= _MAX_TITLE_WORDS and not line.rstrip().endswith((".", "?\"", ".\"", ":", ";", ","))


def clean_text(raw: str, title: str | None = None, published: dt.date | None = None) -> CleanText:
    """Drop boilerplate, lift a title and a dateline off the head of the text, one paragraph per block.

    `title`/`published` from metadata win over what the text says; a dateline line is removed either way.
    """
    kept: list[str] = []
    dropped: list[str] = []
    dateline: dt.date | None = None
    for line in normalise(raw).split("\n"):
        line = _AGENCY_TAG.sub("", line) if _AGENCY_TAG.search(line) else line
        stripped = " ".join(line.split())
        if not stripped:
            continue
        if is_boilerplate(stripped):
            dropped.append(stripped)
            continue
        if len(kept) < _HEAD_LINES and dateline is None and (when := parse_dateline(stripped)):
            dateline = when
            dropped.append(stripped)
            continue
        kept.append(stripped)
    found_title = kept[0] if kept and _looks_like_title(kept[0]) and len(kept) > 1 else None
    return CleanText(
        text="\n\n".join(kept),
        title=title or found_title,
        published=published or dateline,
        dropped=tuple(dropped),
    )


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, paragraph) for each blank-line separated block of cleaned text."""
    out: list[tuple[int, str]] = []
    for match in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        out.append((match.start(), match.group()))
    return out
