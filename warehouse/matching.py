"""When two event mentions report the same real-world event: the pairwise rules of consolidation.

`consolidate.py` documents the rules and builds events; this module holds the per-mention view
(`Candidate`), the blocking keys, the candidate pairs of a block and the pairwise test `match`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..extraction.events.actors import load_actor_dictionary
from ..extraction.places.countries import country_for, name_key
from ..schemas import EventMention, Place

MODALITY_CLASS = {"asserted": "asserted", "reported": "asserted", "intended": "asserted", "negated": "negated", "hypothetical": "hypothetical"}
AID_INTENT = ("030", "033")  # CAMEO 030 intent to cooperate, 033x intent to provide material aid
PUBLICATION_SLACK = dt.timedelta(days=3)
MAX_KM = 50.0
_PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "who", "which", "this", "that"}
_LOWER_OK = {"al", "el", "bin", "ibn", "bint", "de", "da", "di", "du", "van", "von", "der", "la", "le", "of", "the"}
_INNER = {"al", "el", "bin", "ibn", "bint", "de", "da", "di", "du", "van", "von", "der", "la", "le"}  # inside a name
_COLLECTIVE = {"police", "people", "military", "army", "public", "crowd"}

Reason = tuple[int, str]  # (field number: 0 actor, 1 action, 2 target, 3 place, 4 date; text)


@dataclass(slots=True)
class Candidate:
    """A mention with what the rules look at, computed once (slots and shared key strings: a big
    revision holds tens of thousands)."""

    m: EventMention
    key: tuple  # canonical order: publication date, doc, sentence, trigger, mention_id
    mclass: str
    name: str | None
    group: bool
    window: tuple[dt.date, dt.date] | None
    dated: bool  # the window comes from a date expression, not from the publication date
    place: Place | None
    keys: tuple[str, ...]
    anchors: tuple[str, ...]  # target, place and sentence keys: an undated pair needs one in common


def candidate(m: EventMention, published: dt.date | None) -> Candidate:
    """The rule view of a mention; `published` is its document's publication date."""
    span = m.action.span.start if m.action.span else -1
    key = (published or dt.date.max, m.doc_id, m.sentence_index, span, m.mention_id)
    opens = m.sentence.lstrip(" \"'“‘(").startswith(m.actor.text)
    mclass, (name, group) = MODALITY_CLASS[m.modality], _actor_view(m.actor.text, opens)
    place = m.location if m.location and (m.location.country or m.location.geonameid) else None
    keys = tuple(sorted(sys.intern(f"{mclass}|{a}|{b}") for a in _action_keys(m) for b in _actor_keys(m, name)))
    dated = m.date.start is not None and m.date.basis in ("explicit", "relative")
    target = m.target.country or m.target.code if m.target else None
    anchors = tuple(sys.intern(k) for k in (target and f"t:{target}", place and f"p:{place.country or place.geonameid}") if k)
    anchors += (f"s:{m.doc_id}:{m.sentence_index}",)  # mentions of one sentence may merge undated
    return Candidate(m, key, mclass, name, group, _window(m, published), dated, place, keys, anchors)


def is_aid(cameo: str | None) -> bool:
    """True for the offer/provide aid family: 030, 033x and 07x."""
    return bool(cameo) and (cameo.startswith("07") or cameo[:3] in AID_INTENT)


def _action_keys(m: EventMention) -> list[str]:
    a = m.action
    keys = [f"r:{a.root}"] if a.root else []
    keys += [f"p:{a.plover}"] if a.plover else []
    return keys + (["f:aid"] if is_aid(a.cameo) else [])


def _actor_keys(m: EventMention, name: str | None) -> list[str]:
    actor = m.actor
    keys = [f"c:{actor.country}"] if actor.country else [f"k:{actor.code}"] if actor.code else []
    return keys + ([f"n:{_initial(name)}"] if name else [])


def _initial(name: str) -> str:
    """A coarse first-letter class of the last name word: same_person never matches across classes."""
    last = unicodedata.normalize("NFKD", name.split()[-1].split("-")[-1]).encode("ascii", "ignore").decode()
    word = re.sub(r"[^a-z]", "", last.lower()) or "?"
    if word[0] in "fp":
        return "f"
    return "k" if word[0] in "kqc" else "v" if word[0] in "aeiouyw" else word[0]


@lru_cache(maxsize=65536)
def _actor_view(text: str, opens_sentence: bool) -> tuple[str | None, bool]:
    """(proper name or None, whether the text names a group) of an actor text.

    One capitalised word opening the sentence ('Officers detained...') is a name only when the
    actor dictionary knows it as one ('Maliki urged...').
    """
    name = _proper_name(text)
    if name and opens_sentence and len(name.split()) == 1:
        coded = load_actor_dictionary().code_actor(name)
        name = name if coded and not coded.entry.startswith(("agent", "country")) else None
    return name, _is_group(text, name)


def _proper_name(text: str) -> str | None:
    """The name when `text` is a proper name ('Mohamed Hijazi'; 'Iraqi PM Nuri al-Maliki' -> 'PM Nuri al-Maliki')."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", text)
    while len(words) > 1 and country_for(words[0]):
        words = words[1:]
    if not words or text.strip().lower() in _PRONOUNS or country_for(" ".join(words)):
        return None
    for word in words:
        core = re.sub(r"^(al|el)-", "", word, flags=re.IGNORECASE)
        if word.lower() not in _LOWER_OK and not core[:1].isupper():
            return None
    coded = load_actor_dictionary().code_actor(words[-1])
    if country_for(words[-1]) or (coded and coded.entry.startswith("agent")):
        return None
    return " ".join(words)


def display_name(name: str) -> str:
    """A name without leading titles: 'Brigadier-General Mohammad Hejazi' -> 'Mohammad Hejazi'."""
    words = name.split()
    while len(words) > 1:
        if _is_title(words[0]):
            words = words[1:]
        elif len(words) > 2 and _is_title(f"{words[0]} {words[1]}"):
            words = words[2:]
        else:
            break
    return " ".join(words)


def reported_names(sentence: str) -> list[str]:
    """Full person names (two or more capitalised words after titles) written in a sentence."""
    names, run = [], []
    for token in sentence.split() + [","]:
        word = token.strip("\"'“”‘’()[],.;:!?")
        core = re.sub(r"^(al|el)-", "", word, flags=re.IGNORECASE)
        if word and (core[:1].isupper() or word in _INNER) and not word.endswith(("'s", "’s")):
            run.append(word)
        if not (word and run and run[-1] == word) or token[-1] in ",.;:!?\"”)":
            name = display_name(" ".join(run).strip())
            if len(name.split()) > 1 and _proper_name(name):
                names.append(name)
            run = []
    return names


@lru_cache(maxsize=4096)
def _is_title(word: str) -> bool:
    coded = load_actor_dictionary().code_actor(word)
    return bool(coded and coded.entry.startswith("agent"))


def same_person(a: str, b: str) -> bool:
    """True when two names are spelling variants of one person (the actor dictionary's rule)."""
    return _same_person(a, b)


def _is_group(text: str, name: str | None) -> bool:
    """A plural or collective noun phrase ('government officials', 'Iraqi police'), not one named actor."""
    last = (re.findall(r"[^\W\d_]+", text.lower()) or [""])[-1]
    return name is None and (last in _COLLECTIVE or len(last) > 3 and last.endswith("s") and not last.endswith("ss"))


def _window(m: EventMention, published: dt.date | None) -> tuple[dt.date, dt.date] | None:
    d = m.date
    if d.start is not None:
        start = d.start - PUBLICATION_SLACK if d.basis == "publication" else d.start
        return start, d.end or d.start
    return (published - PUBLICATION_SLACK, published) if published else None


def candidate_pairs(block: list[int], items: list[Candidate]) -> Iterator[tuple[int, int]]:
    """Pairs of a block that can match: dated pairs whose windows overlap (a sweep), and undated
    mentions with those sharing a target, place country or sentence (an undated match needs one)."""
    dated = sorted((i for i in block if items[i].window), key=lambda i: items[i].window[0])
    for n, i in enumerate(dated):
        end = items[i].window[1]
        for j in dated[n + 1:]:
            if items[j].window[0] > end:
                break
            yield i, j
    undated = [i for i in block if not items[i].window]
    if undated:
        by_anchor: dict[str, list[int]] = {}
        for i in block:
            for a in items[i].anchors:
                by_anchor.setdefault(a, []).append(i)
        for u in undated:
            yield from ((u, j) for a in items[u].anchors for j in by_anchor[a] if j != u)


def match(a: Candidate, b: Candidate) -> list[Reason] | None:
    """The reasons a and b are one event, or None.

    Beyond actor and action, one field must agree positively: both targets given and equal, the
    same place (not mere containment), or overlapping dates that both come from date expressions.
    """
    if a.mclass != b.mclass:
        return None
    actor, action = _actor_reason(a, b), _action_reason(a.m, b.m)
    if (a.m.doc_id, a.m.sentence_index) == (b.m.doc_id, b.m.sentence_index):
        return _same_sentence(a, b, actor, action)
    place, date = _place_reason(a.place, b.place), _date_reason(a, b)
    if None in (place, date, actor, action):
        return None
    target = _target_reason(a.m, b.m, anchored=place[1] or date[1])
    if target is None or not (target[1] or place[1] or date[1]):
        return None
    return [(n, r) for n, r in enumerate((actor, action, target[0], place[0], date[0])) if r]


def _same_sentence(a: Candidate, b: Candidate, actor: str | None, action: str | None) -> list[Reason] | None:
    """Two mentions of one sentence are one event when actor, action and targets agree, whatever
    their places: a sentence listing places reports one event with its places."""
    target = _target_reason(a.m, b.m, anchored=True)
    same_text = a.m.actor.text and a.m.actor.text.lower() == b.m.actor.text.lower()
    actor = actor or (f"actor text {a.m.actor.text}" if same_text else None)
    if None in (actor, action, target):
        return None
    return [(n, r) for n, r in enumerate((actor, action, target[0], "same sentence")) if r]


def _actor_reason(a: Candidate, b: Candidate) -> str | None:
    if a.name and b.name:
        if not _same_person(a.name, b.name):
            return None
        return f"names {a.name}~{b.name}" if a.name != b.name else f"name {a.name}"
    for named, other in ((a, b), (b, a)):
        if named.name and other.group and _last_word(named.name) not in name_key(other.m.actor.text).split():
            return None  # officials are not al-Maliki; "Hamas fighters" may still be Hamas
    x, y = a.m.actor, b.m.actor
    if not x.code or not y.code:
        return None
    if x.code == y.code:
        return f"actor {x.code} = {y.code}"
    if x.country and x.country == y.country and (x.sector is None or y.sector is None):
        return f"actor {x.code} ~ {y.code}"
    return None


def _last_word(name: str) -> str:
    return (name_key(name).split() or [""])[-1]


@lru_cache(maxsize=65536)
def _same_person(a: str, b: str) -> bool:
    return load_actor_dictionary().same_person(a, b)


def _action_reason(x: EventMention, y: EventMention) -> str | None:
    a, b = x.action, y.action
    if a.cameo and a.cameo == b.cameo:
        return f"cameo {a.cameo} = {b.cameo}"
    if a.root and a.root == b.root:
        return f"root {a.root} = {b.root}"
    if a.plover and a.plover == b.plover:
        return f"plover {a.plover}: {a.cameo} ~ {b.cameo}"
    if is_aid(a.cameo) and is_aid(b.cameo):
        return f"offer/provide aid {a.cameo} ~ {b.cameo}"
    return None


def _target_reason(x: EventMention, y: EventMention, anchored: bool) -> tuple[str, bool] | None:
    """(reason, both given) when the targets agree; one missing only when place or date agree positively."""
    a = x.target if x.target and x.target.code else None
    b = y.target if y.target and y.target.code else None
    if a is None and b is None:
        return "targets none", False
    if a and b:
        if a.code == b.code:
            return f"target {a.code} = {b.code}", True
        if a.country and a.country == b.country and (a.sector is None or b.sector is None):
            return f"target {a.code} ~ {b.code}", True
        return None
    return (f"target {(a or b).code} / none", False) if anchored else None


def _place_reason(a: Place | None, b: Place | None) -> tuple[str | None, bool] | None:
    """(reason, the same place) when the places are compatible, else None."""
    if a is None or b is None:
        return (f"place {(a or b).name} / none", False) if (a or b) else (None, False)
    if a.geonameid and a.geonameid == b.geonameid or a.name and (a.name, a.country) == (b.name, b.country):
        return f"place {a.name} = {b.name}", True
    if a.country != b.country:
        return None
    for outer, inner in ((a, b), (b, a)):
        if outer.feature == "country" or outer.feature == "admin1" and outer.admin1 and outer.admin1 == inner.admin1:
            return f"place {outer.name} contains {inner.name}", False
    if None not in (a.lat, a.lon, b.lat, b.lon):
        km = _km(a.lat, a.lon, b.lat, b.lon)
        if km <= MAX_KM:
            return f"places {a.name} ~ {b.name} ({km:.0f} km)", True
    return None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _date_reason(x: Candidate, y: Candidate) -> tuple[str | None, bool] | None:
    """(reason, both from date expressions) when the windows overlap or one is missing, else None."""
    a, b = x.window, y.window
    if a is None or b is None:
        w = a or b
        return (f"date {w[0]}..{w[1]} / undated", False) if w else (None, False)
    start, end = max(a[0], b[0]), min(a[1], b[1])
    return (f"dates overlap {start}..{end}", x.dated and y.dated) if start <= end else None
