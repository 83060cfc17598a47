"""The offline gazetteer: GeoNames countries, first-level divisions, cities and regions, indexed by name.

The extract `data/gazetteer_places.tsv.gz` and its name index `data/gazetteer_names.tsv.gz` are built by
`extraction/knowledge/convert_gazetteer.py` (see knowledge/data/README.md); `load_gazetteer()` reads them once and keeps
them, parsing a place's row only when a lookup first reaches it. Names are matched on `name_key`:
ASCII-folded, lower-cased, punctuation turned into single spaces.
"""

from __future__ import annotations

import gzip
import re
from array import array
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from collections.abc import Iterable, Iterator
from typing import Literal, NamedTuple, get_args

Feature = Literal["country", "admin1", "admin2", "city", "region"]
FEATURES: tuple[str, ...] = get_args(Feature)

GAZETTEER_FILE = "gazetteer_places.tsv.gz"
INDEX_FILE = "gazetteer_names.tsv.gz"
COMMON_WORDS_FILE = "gazetteer_common_words.txt"
ABBREVIATIONS_FILE = "gazetteer_abbreviations.tsv"
# Arabic definite articles as GeoNames romanises them ("Al Fallujah", "Ar Ramadi", "An Najaf").
ARABIC_ARTICLES = frozenset({"al", "el", "ar", "as", "ad", "an", "at", "az", "ash", "adh", "ath", "aj", "ed", "es", "et"})

_QUOTES = str.maketrans("", "", "'\u2019\u2018`\u02bc\u02bb\u02bf\u02be\u00b4")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


class Entry(NamedTuple):
    """One gazetteer place."""

    geonameid: int | None
    feature: Feature
    name: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int
    capital: bool = False


class Match(NamedTuple):
    """An entry found under a name key; `alternate` is True when the key is not one of its main names."""

    entry: Entry
    alternate: bool


class Rows:
    """The place rows as one UTF-8 byte string and their start offsets: far less memory than a list of strings."""

    def __init__(self, lines: Iterable[str]) -> None:
        encoded = [line.encode("utf-8") for line in lines]
        self._text = b"\n".join(encoded)
        self._starts = array("L", [0])
        for line in encoded:
            self._starts.append(self._starts[-1] + len(line) + 1)

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, number: int) -> str:
        if not 0 <= number < len(self):
            raise IndexError(number)
        return self._text[self._starts[number]:self._starts[number + 1] - 1].decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        return (self[number] for number in range(len(self)))


@dataclass(frozen=True)
class Gazetteer:
    """The places (raw rows, parsed when first looked up), the name index (name key -> entry codes) and
    the single words that are more often common English words than place names."""

    rows: Rows | list[str]
    index: dict[str, str | int]  # key -> code, or "code,code": code = row number * 2, + 1 for an alternate name
    common_words: frozenset[str]
    countries: dict[str, Entry]
    abbreviations: dict[str, list[int]] = field(default_factory=dict)  # key -> rows of admin1 units ("calif", "ky")
    _parsed: dict[int, Entry] = field(default_factory=dict, repr=False, compare=False)

    def lookup(self, key: str) -> list[Match]:
        """Entries whose main or alternate names have this name key."""
        codes = self.index.get(key)
        if codes is None:
            return []
        numbers = (codes,) if isinstance(codes, int) else map(int, codes.split(","))
        return [Match(self.entry(code >> 1), bool(code & 1)) for code in numbers]

    def abbreviation(self, key: str) -> list[Entry]:
        """The states or provinces an abbreviation key names ("calif" -> California, "nsw" -> New South Wales)."""
        return [self.entry(number) for number in self.abbreviations.get(key, ())]

    def entry(self, number: int) -> Entry:
        """The entry on row `number` (0-based, header excluded)."""
        entry = self._parsed.get(number)
        if entry is None:
            entry = self._parsed[number] = _entry(self.rows[number])
        return entry

    def country(self, iso3: str) -> Entry | None:
        """The country entry of an ISO3 code."""
        return self.countries.get(iso3)


def fold(text: str) -> str:
    """`text` with diacritics removed (Latin letters only survive the trip)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii")


@lru_cache(maxsize=16384)  # a document asks for the same words again and again (94% repeats)
def name_key(text: str) -> str:
    """The index key of a place name: folded, lower case, apostrophes dropped, other punctuation as spaces."""
    lowered = fold(text.translate(_QUOTES)).lower()
    return _NON_ALNUM.sub(" ", lowered).strip()


def strip_article(key: str) -> str | None:
    """The key without a leading Arabic article ("al anbar" -> "anbar"), or None when it has none."""
    head, _, rest = key.partition(" ")
    return rest if rest and head in ARABIC_ARTICLES else None


@lru_cache(maxsize=4)
def load_gazetteer(folder: str | None = None) -> Gazetteer:
    """The gazetteer read from `folder` (default: the packaged data/), cached per folder."""
    if folder is None:
        with resources.as_file(resources.files("eventpipe.extraction.knowledge") / "data") as packaged:
            return _read(Path(packaged))
    return _read(Path(folder))


def _read(folder: Path) -> Gazetteer:
    with gzip.open(folder / GAZETTEER_FILE, "rt", encoding="utf-8") as places:  # line by line: no whole-file copy
        next(places)  # header
        rows = Rows(line.rstrip("\n") for line in places)
    with gzip.open(folder / INDEX_FILE, "rt", encoding="utf-8") as names:
        next(names)
        index = {key: _codes(codes) for key, codes in (line.rstrip("\n").split("\t", 1) for line in names)}
    common = frozenset((folder / COMMON_WORDS_FILE).read_text(encoding="utf-8").split())
    countries = {e.country: e for e in map(_entry, (r for r in rows if "\tcountry\t" in r)) if e.country}
    abbreviations: dict[str, list[int]] = {}
    if (folder / ABBREVIATIONS_FILE).exists():
        for line in (folder / ABBREVIATIONS_FILE).read_text(encoding="utf-8").splitlines()[1:]:
            key, number, _ = line.split("\t")
            abbreviations.setdefault(key, []).append(int(number))
    return Gazetteer(rows, index, common, countries, abbreviations)


def _codes(codes: str) -> str | int:
    """One entry code as an int (most names), several as their "code,code" string: less memory than all strings."""
    return codes if "," in codes else int(codes)


def _entry(row: str) -> Entry:
    gid, feature, name, country, admin1, lat, lon, pop, capital = row.split("\t")
    return Entry(int(gid) if gid else None, feature, name, country or None,  # type: ignore[arg-type]
                 admin1 or None, float(lat), float(lon), int(pop), capital == "1")
