"""Actor coding: a noun phrase as written -> CAMEO-style actor code (country + sector).

Named entries (Phoenix Countries/International/MilNonState dictionaries, date-ranged roles) win;
otherwise a country (name, demonym, city listed under it) combines with an agent noun
(Phoenix.agents.txt plus eventpipe's curated additions) into e.g. IRQ + ~MIL = IRQMIL.
Data: extraction/knowledge/data/actors.json.gz, agents.json, _curated.json (see data/README.md).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..knowledge import DATA_DIR
from ..places.countries import country_for, name_key
from .codebook import token_key

DATA_FILES = ("actors.json.gz", "agents.json", "countries.json", "_curated.json")
_MAX_WORDS = 8
_PARTICLES = {"al", "el"}
_PRONOUNS = {"he", "she", "it", "they", "them", "we", "i", "you", "him", "her", "his", "its", "their", "who", "which"}
# Sector codes that name a role; other 3-letter tails (MUS, CHR, ALQ...) qualify the actor instead.
ROLE_SECTORS = frozenset({
    "GOV", "MIL", "COP", "REB", "OPP", "CVL", "BUS", "MED", "EDU", "JUD", "LEG", "SPY", "ELI", "INS",
    "UAF", "CRM", "LAB", "AGR", "REF", "HLH", "HRI", "DEV", "ENV", "PTY", "SET", "MOD", "RAD", "OCC",
})
_NON_STATE = {"IGO", "NGO", "IMG", "MNC", "NGM", "UIS"}
# An open-ended role ("USAGOV since 2009") is trusted only this many years past the dictionary's last
# dated role: later, a role the text gives ("Senator X", "candidate X") wins over it.
STALE_AFTER_YEARS = 3
_QUALIFIERS = {"MUS", "MOS", "CHR", "JEW", "BUD", "HIN", "REL", "SHI", "SUN", "CTH", "ATH"}


def phrase_key(text: str) -> str:
    """Normalised phrase: ASCII lower case, no punctuation/possessive, no inner 'al'/'el' particles."""
    words = name_key(text).split()
    return " ".join(w for i, w in enumerate(words) if w not in _PARTICLES or i == len(words) - 1)


def _capitalised(text: str) -> set[str]:
    """The phrase keys of the words of `text` that start with a capital letter."""
    return {key for word in text.split() if word[:1].isupper() for key in phrase_key(word).split()}


_CODED_MAX = 20_000  # answers `code_actor` keeps (a few MB)


@dataclass(frozen=True)
class ActorCode:
    """Actor code (country or IGO/NGO/IMG prefix + sector), its parts and the dictionary entry used."""

    code: str | None
    country: str | None
    sector: str | None
    entry: str
    phoenix: str | None = None  # the full Phoenix role code, e.g. USAGOVLEG or IMGMUSALQ


def _role_span(role: list) -> str:
    start, end = role[1], role[2]
    if start and end:
        return f" {start}-{end}"
    return f" >{start}" if start else f" <{end}" if end else ""


def _pick_role(roles: list[list], on: dt.date | None) -> list:
    """Role valid on `on` (the narrowest); else the undated default; without `on` the most recent."""
    dated = [r for r in roles if r[1] or r[2]]
    undated = [r for r in roles if not (r[1] or r[2])]
    big = 99991231
    if on is not None:
        day = on.year * 10000 + on.month * 100 + on.day
        valid = [r for r in dated if (r[1] or 0) <= day <= (r[2] or big)]
        if valid:
            return min(valid, key=lambda r: (r[2] or big) - (r[1] or 0))
        if undated:
            return undated[0]
        return min(dated, key=lambda r: min(abs(day - (r[1] or day)), abs(day - (r[2] or day))))
    if dated:
        return max(dated, key=lambda r: (r[2] or big, (r[2] or big) - (r[1] or 0)))
    return undated[0]


def _split_code(code: str) -> tuple[str | None, str | None]:
    """'IRQGOV' -> ('IRQ', 'GOV'); 'IMGMUSALQ' -> ('IMG', None); 'GOV' -> (None, 'GOV')."""
    if code[:3] in ROLE_SECTORS or code[:3] in _QUALIFIERS:
        return None, code[:3] if code[:3] in ROLE_SECTORS else None
    country, tail = code[:3], code[3:6]
    return country, tail if tail in ROLE_SECTORS else None


def _fold(name: str) -> str:
    """Transliteration fold: ou/oo -> u, ee -> i, e -> i, o -> u, kh/q -> k, doubled letters once."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z]", "", s)
    for a, b in (("ou", "u"), ("oo", "u"), ("ee", "i"), ("ph", "f"), ("kh", "k"), ("q", "k"),
                 ("ck", "k"), ("y", "i"), ("e", "i"), ("o", "u"), ("w", "u")):
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s)


def _edits(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _similar(a: str, b: str) -> bool:
    fa, fb = _fold(a), _fold(b)
    if not fa or not fb or fa[0] != fb[0]:
        return False
    return fa == fb or (min(len(fa), len(fb)) >= 4 and _edits(fa, fb) <= 1)


class ActorDictionary:
    """Codes actor phrases; build it with load_actor_dictionary()."""

    def __init__(self, actors: dict, agents: dict[str, str], curated: dict, version: str) -> None:
        self.version = version
        self._entries = actors["entries"]
        self._index = actors["index"]
        self._surnames = actors["surnames"]
        self._agents = agents
        self._weak = {" ".join(token_key(w) for w in p.split()) for p in curated["weak_agents"]}
        self._titles = {token_key(w) for p in list(agents) + ["mr", "mrs", "ms", "dr", "sheikh"] for w in p.split()}
        dates = [d for e in self._entries for r in e[1] for d in (r[1], r[2]) if d]
        self.last_date = max(dates, default=None)  # YYYYMMDD of the dictionary's last dated role
        # code_actor's answers, reused: a document codes the same phrases several times (about 30% repeats)
        self._coded = lru_cache(maxsize=_CODED_MAX)(self._code_actor)

    # ------------------------------------------------------------ public
    def code_actor(self, text: str, on: dt.date | None = None) -> ActorCode | None:
        """Code an actor phrase ("Iraqi troops" -> IRQMIL, "Maliki" -> IRQGOV), roles as valid on `on`."""
        return self._coded(text, on)

    def _code_actor(self, text: str, on: dt.date | None) -> ActorCode | None:
        if not text or text.strip() == "us" or text.strip().lower() in _PRONOUNS:
            return None
        words = phrase_key(text).split()
        named = self._named(words)
        if named is None or self._is_country(named[2]):
            named = self._surname(words, named, _capitalised(text)) or named
        skip = range(named[0], named[0] + named[1]) if named else range(0)
        agent = self._agent([w for i, w in enumerate(words) if i not in skip])
        country, sector, parts, phoenix = None, None, [], None
        if named:
            eid, role = self._role(named[2], on)
            phoenix = role[0]
            country, sector = _split_code(role[0])
            parts.append(f"{self._entries[eid][0].upper().replace(' ', '_')} [{role[0]}{_role_span(role)}]")
        if country is None and not named:
            country, found = self._country_name(words)
            if found:
                parts.append(f"country {found.upper()}")
        if named and agent and sector and self._stale(role, on):
            prefix, agent_sector = self._agent_parts(agent[1])
            weak = " ".join(token_key(w) for w in agent[0].split()) in self._weak  # "leader" tells no role
            if agent_sector in ROLE_SECTORS and agent_sector != sector and not weak:
                sector = None  # the text's role wins over a stale open-ended one
                parts[-1] += " stale"
        if agent and (sector is None or named is None):
            prefix, agent_sector = self._agent_parts(agent[1])
            country = country or prefix
            sector = sector or agent_sector
            parts.append(f"agent {agent[0].upper()} [{agent[1]}]")
        if sector is None and country == "IMG":
            sector = "REB"  # international militarized groups (al Qaeda...) act as armed non-state groups
        if not (country or sector):
            return None
        return ActorCode((country or "") + (sector or ""), country, sector, " + ".join(parts), phoenix)

    def _stale(self, role: list, on: dt.date | None) -> bool:
        """True for an open-ended role (no end date) on a day `STALE_AFTER_YEARS` past the dictionary's last date."""
        if on is None or role[2] or self.last_date is None:
            return False
        return on.year * 10000 + on.month * 100 + on.day > self.last_date + STALE_AFTER_YEARS * 10000

    def same_person(self, a: str, b: str) -> bool:
        """True when two names are spelling variants of one person ('Mohammad Hejazi' / 'Mohamed Hijazi')."""
        wa, wb = self._name_words(a), self._name_words(b)
        if not wa or not wb or not _similar(wa[-1], wb[-1]):
            return False
        if len(wa) > 1 and len(wb) > 1:
            ga, gb = wa[0], wb[0]
            return _similar(ga, gb) or (min(len(ga), len(gb)) == 1 and ga[0] == gb[0])
        return True

    # ------------------------------------------------------------ helpers
    def _name_words(self, name: str) -> list[str]:
        words = [w for w in phrase_key(name).split() if w not in _PARTICLES]
        while len(words) > 1 and token_key(words[0]) in self._titles:
            words = words[1:]
        return words

    def _named(self, words: list[str]) -> tuple[int, int, list[int]] | None:
        """(start, length, entry ids) of the longest indexed phrase, rightmost among equals.

        A one-word person name inside a longer unknown name ('Omar Hassan al-Bashir') is skipped.
        """
        for size in range(min(len(words), _MAX_WORDS), 0, -1):
            for start in range(len(words) - size, -1, -1):
                ids = self._index.get(" ".join(words[start:start + size]))
                if ids and (size > 1 or self._is_country(ids) or self._name_ends(words, start)):
                    return start, size, ids
        return None

    def _surname(self, words: list[str], named: tuple | None, capitalised: set[str]) -> tuple[int, int, list[int]] | None:
        """A person known by last name only ('President Mugabe'), outside the named span, written with a capital:
        'the ferry', 'the cook' and 'rice farmers' are no Ferry, Cook or Rice."""
        taken = range(named[0], named[0] + named[1]) if named else range(0)
        for start in range(len(words) - 1, -1, -1):
            ids = self._surnames.get(words[start])
            if not ids or start in taken or not self._name_ends(words, start) or words[start] not in capitalised:
                continue
            given = words[start - 1] if start and token_key(words[start - 1]) not in self._titles else None
            ids = [i for i in ids if given is None or _similar(given, phrase_key(self._entries[i][0]).split()[0])]
            if ids:  # a different first name ('Mohammad Hejazi' vs 'Abdelaziz Hejazi') is another person
                return start, 1, ids
        return None

    def _name_ends(self, words: list[str], i: int) -> bool:
        return i == len(words) - 1 or token_key(words[i + 1]) in self._titles or words[i + 1] in {"of", "and"}

    def _is_country(self, ids: list[int]) -> bool:
        return all(len(r[0]) == 3 for r in self._entries[ids[0]][1])

    def _role(self, ids: list[int], on: dt.date | None) -> tuple[int, list]:
        """Entry and role for a phrase: the first entry with a role valid on `on`, else the first."""
        if on is not None:
            for eid in ids:
                role = _pick_role(self._entries[eid][1], on)
                day = on.year * 10000 + on.month * 100 + on.day
                if (role[1] or 0) <= day <= (role[2] or 99991231):
                    return eid, role
        return ids[0], _pick_role(self._entries[ids[0]][1], on)

    def _agent(self, words: list[str]) -> tuple[str, str] | None:
        """(phrase, code) of the best agent noun: strong before weak, then longest, then rightmost."""
        keys = [token_key(w) for w in words]
        best, best_rank = None, None
        for size in range(min(len(keys), _MAX_WORDS), 0, -1):
            for start in range(len(keys) - size + 1):
                phrase = " ".join(keys[start:start + size])
                code = self._agents.get(phrase)
                if code:
                    prefix, sector = self._agent_parts(code)
                    role = sector in ROLE_SECTORS or prefix in _NON_STATE
                    rank = (role + (role and phrase not in self._weak), size, start)
                    if best_rank is None or rank > best_rank:
                        best, best_rank = (" ".join(words[start:start + size]), code), rank
        return best

    @staticmethod
    def _agent_parts(code: str) -> tuple[str | None, str | None]:
        """'~GOVMED' -> (None, 'GOV'); 'NGO~' -> ('NGO', None)."""
        if code.startswith("~"):
            tail = code[1:4]
            return None, tail or None
        head = code.rstrip("~")[:3]
        return (head, None) if head in _NON_STATE else (None, head or None)

    @staticmethod
    def _country_name(words: list[str]) -> tuple[str | None, str | None]:
        for size in range(min(len(words), 4), 0, -1):
            for start in range(len(words) - size + 1):
                phrase = " ".join(words[start:start + size])
                iso3 = country_for(phrase)
                if iso3:
                    return iso3, phrase
        return None, None


def data_version(folder: Path = DATA_DIR) -> str:
    """Hash of the actor index, agent nouns and curated lists files: changes whenever their content does."""
    digest = hashlib.sha256()
    for name in DATA_FILES:
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()[:12]


@lru_cache(maxsize=4)
def load_actor_dictionary(data_dir: Path | None = None) -> ActorDictionary:
    """Load (once per folder) the named-actor index, the agent nouns and the curated lists."""
    folder = Path(data_dir) if data_dir else DATA_DIR
    with gzip.open(folder / "actors.json.gz", "rt", encoding="utf-8") as fh:
        actors = json.load(fh)
    agents = json.loads((folder / "agents.json").read_text(encoding="utf-8"))
    curated = json.loads((folder / "_curated.json").read_text(encoding="utf-8"))
    return ActorDictionary(actors, agents, curated, data_version(folder))


# Words that are names only when written with a capital: never capitalised in a text that has none.
_NOT_NAMES = {"us", "it", "who", "may", "will", "can", "bill", "mark", "rose", "page", "hope", "grace", "chance",
              "justice", "liberty", "union", "state", "states", "house", "congress", "church", "court"}


@lru_cache(maxsize=2)
def cased_names(data_dir: Path | None = None) -> dict[str, str]:
    """Lower-case name phrase -> its written case, for restoring the case of an all-lower or all-upper text
    (extraction/reading/casing.py): the named actors of the dictionary and the country names, title-cased
    ("nuri al-maliki" -> "Nuri Al-Maliki", acronyms of two or three letters upper-cased: "un" -> "UN"),
    without single words that are common English words or agent nouns ("police", "us")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    folder = Path(data_dir) if data_dir else DATA_DIR
    dictionary = load_actor_dictionary(data_dir)
    common = set(STOP_WORDS) | _NOT_NAMES | {w for a in dictionary._agents for w in a.split()}
    common |= set((folder / "gazetteer_common_words.txt").read_text(encoding="utf-8").split())
    countries = json.loads((folder / "countries.json").read_text(encoding="utf-8")).get("display", {})
    phrases = set(dictionary._index) | set(dictionary._surnames) | {name.lower() for name in countries.values()}
    out: dict[str, str] = {}
    for phrase in phrases:
        words = phrase.split()
        if not words or (len(words) == 1 and (phrase in common or len(phrase) < 2)) or not phrase.isascii():
            continue
        cased = " ".join(_cased_word(w, common) for w in words)
        if cased.lower() == phrase:
            out[phrase] = cased
    out |= {name.lower(): name for name in countries.values() if len(name.lower()) == len(name)}
    for phrase, cased in list(out.items()):  # "al maliki" is written "al-maliki"
        first, _, rest = phrase.partition(" ")
        if first in {"al", "el", "abu", "bin", "ibn"} and rest and " " not in rest:
            out.setdefault(f"{first}-{rest}", f"{first}-{cased.partition(' ')[2]}")
    out |= {w.lower(): w for w in _CREEDS}
    return out | {"the us": "the US", "u.s": "U.S", "us-led": "US-led", "the uk": "the UK"}


# Religions and peoples written with a capital ("a Sunni protest"), often missing from the actor names.
_CREEDS = ("Sunni", "Shiite", "Shia", "Kurdish", "Kurds", "Muslim", "Muslims", "Christian", "Christians", "Jewish",
           "Hindu", "Sikh", "Buddhist", "Catholic", "Protestant", "Arab", "Arabs", "Islamic", "Islamist", "Alawite",
           "Druze", "Yazidi", "Pashtun", "Baloch", "Tamil", "Uighur", "Uyghur", "Rohingya")
_ACRONYMS = {"un", "uk", "eu", "usa", "nato", "isis", "isil", "fbi", "cia", "nsa", "imf", "opec", "asean", "au",
             "uae", "ussr", "icc", "iaea", "wto", "wfp", "unhcr", "unicef", "osce", "plo", "ira", "anc", "bjp"}


def _cased_word(word: str, common: set[str]) -> str:
    if word in _ACRONYMS or (len(word) <= 3 and word.isalpha() and not any(v in word for v in "aeiouy")):
        return word.upper()  # "un" has a vowel; "ncp", "pkk" have none
    if word in {"of", "the", "and", "for", "de", "la", "du", "von", "van", "bin", "ibn"}:
        return word
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))
