"""Country names, short forms and demonyms -> ISO3 (and back), from extraction/knowledge/data/countries.json.

The table holds the country-level entries of the Phoenix actor dictionary (names, short forms,
demonyms; cities and provinces filtered out) plus a few curated aliases ("America", "Dutch").
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from ..knowledge import DATA_DIR

_PUNCT = re.compile(r"[^a-z0-9' ]+")


def name_key(text: str) -> str:
    """Lower-case ASCII key of a name: 'the U.S.' -> 'us', 'Iraq's' -> 'iraq', 'Cote_d'Ivoire' kept."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = text.replace("_", " ").replace(".", "").replace("-", " ")
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub(r"'s\b", " ", _PUNCT.sub(" ", text)).replace("'", "")
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=4)
def _table(data_dir: Path = DATA_DIR) -> tuple[dict[str, str], dict[str, str]]:
    data = json.loads((data_dir / "countries.json").read_text(encoding="utf-8"))
    return data["names"], data["display"]


def country_for(text: str) -> str | None:
    """ISO3 code for a country name, short form or demonym ("Iraqi", "the U.S.", "Turkish"), else None.

    Case-insensitive, except that a lower-case "us" is the pronoun and gives None.
    """
    if not text or text.strip() == "us":
        return None
    names, _ = _table()
    key = name_key(text)
    hit = names.get(key)
    if hit is None and key.endswith("s"):
        hit = names.get(key[:-1])  # plurals: "Iraqis", "Americans"
    return hit


def country_name(iso3: str) -> str | None:
    """Display name of an ISO3 code ("IRQ" -> "Iraq"), or None for an unknown code."""
    return _table()[1].get((iso3 or "").upper())
