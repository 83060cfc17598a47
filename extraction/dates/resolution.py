"""Date expressions in news prose, as intervals resolved against the publication date.

Granularity is the unit an expression names (day, week, month, year); modifiers ("early", "mid-",
"the end of", "earlier this") narrow start/end but keep that unit, except "the first/last week
of ..." (a week) and "the first/last weekend of ..." (its Saturday and Sunday). A weekend (Saturday..Sunday) counts as a week, a season (three months) as a month.
Expressions without a year need `published`; without it they keep text and granularity, with
start = end = None and basis "none". One compiled regex finds candidates; anchoring is ours.
A weekday that closes a range ("Wednesday through Friday") is the first one after the day that opens it.
A range of days ("from March 15 to 17") is followed by its two days, each with its own span and value, as
TimeML tags them (so is a range of years); a list of two days ("on March 4 and 5") gives the two days only.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any, Callable, Sequence

from ...schemas import DateBasis, EventDate, Granularity, Span
from . import anchors, units
from .arithmetic import (AHEAD, BACK, add_months, days, month_span, month_year, narrow, nearest, shift, unit_span, week_span,
                         weekday, weekend)
from .grammar import (CORE, HOLIDAYS, MODS, MON, MONF, MONTH_KEYS, NOT_NAMES, NUM, REL, RY, SEASONS,
                      WD, WDX, WEEKDAY_KEYS, YR, D, Y, cap, count_of)
from .prefilter import guarded
from .values import timex_mod, timex_season, timex_value
from .tense import BOUNDARY, DEADLINE, UNTIL, WOULD_DEADLINE, Tense, parse_tenses, tense_at

Interval = tuple[dt.date | None, dt.date | None, Granularity, DateBasis]  # start, end, granularity, basis

# --- the grammar: one regex per family; earlier families win at the same offset ------------------
_FAMILIES: dict[str, str] = {
    **anchors.FAMILIES,
    **units.FAMILIES,
    "mdy_list": (rf"(?:(?P<wd>{WDX}),?\s+)?(?P<m>{MON})\s+(?P<d>{D})\s+(?:and|or|&)\s+(?P<d2>{D})"
                 rf"(?!\s+(?!respectively\b)[a-z]|\s*%)(?:,?\s+(?P<y>{Y}))?"),  # "March 4 and 5", not "May 3 and 12 others"
    "dmy_list": rf"(?P<d>{D})\s+(?:and|or|&)\s+(?P<d2>{D})\s+(?P<m>{MON})(?:,?\s+(?P<y>{Y}))?",
    "mdy_range": rf"(?:(?P<wd>{WDX}),?\s+)?(?P<m>{MON})\s+(?P<d>{D})\s*(?:-|–|to)\s*(?P<d2>{D})(?:,?\s+(?P<y>{Y}))?",
    "ry_mdy": rf"(?P<ry>{cap('last', 'this', 'next')})\s+year,?\s+(?P<m>{MON})\s+(?P<d>{D})",  # "last year August 8"
    "ry_dmy": rf"(?P<ry>{cap('last', 'this', 'next')})\s+year,?\s+(?:the\s+)?(?P<d>{D})(?:\s+of)?\s+(?P<m>{MON})",
    "mdy": rf"(?:(?P<wd>{WDX}),?\s+)?(?P<m>{MON})\s+(?P<d>{D})(?:,?\s+(?P<y>{Y})|{RY})?(?!\s+attacks?\b)",
    "dmy_range": rf"(?P<d>{D})\s*(?:-|–|to)\s*(?P<d2>{D})\s+(?P<m>{MON})(?:,?\s+(?P<y>{Y}))?",
    "dmy": rf"(?:(?P<wd>{WDX}),?\s+)?(?:[Tt]he\s+)?(?P<d>{D})(?:\s+of)?\s+(?P<m>{MON})(?:,?\s+(?P<y>{Y})|{RY})?",
    "iso": rf"(?<![\d/.-])(?P<y>{YR})[-/](?P<m>0?[1-9]|1[0-2])[-/](?P<d>[0-2]?\d|3[01])(?![\d/])",
    "numeric": rf"(?<![\d/.-])(?P<a>\d{{1,2}})[/.-](?P<b>\d{{1,2}})[/.-](?P<y>{YR})(?![\d/]|[.-]\d)",
    "my": rf"(?P<m>{MON})(?:,?\s+(?:of\s+)?(?P<y>{Y})|{RY})",
    "mod": rf"(?P<mod>{MODS})[\s-]*(?:{CORE})",
    "relunit": rf"(?<!the )(?<!The )(?P<rel>{REL})\s+(?P<u>weekend|week|month|year)\b(?!\s+of\b)",
    "trailing": rf"[Tt]he\s+(?P<dir>past|last|next|coming)\s+(?:(?P<n>{NUM})\s+)?(?P<u>hours?|days?|weeks?|months?|years?)\b(?!\s+of\b)(?P<orso>\s+or\s+so\b)?",
    "ago": rf"(?P<n>{NUM}|{cap('some')})\s+(?P<u>hours?|days?|weeks?|months?|years?)\s+(?:(?:or\s+so\s+)?ago|(?P<fwd>from\s+(?:now|today)))\b",
    "deictic": (rf"(?:[Tt]he\s+day\s+(?:before|after)\s+)?{cap('yesterday', 'tomorrow')}(?:\s+(?:morning|afternoon|evening|night))?"
                rf"|{cap('earlier', 'later')}\s+today|{cap('today', 'tonight')}\b(?!\s+(?:show|programme|program)\b)"
                rf"|{cap('this', 'last')}\s+(?:morning|afternoon|evening|night)\b"),
    "weekend": r"the\s+(?P<u>weekend)\b",
    "weekday": (rf"(?:(?P<rel>{REL})\s+)?(?:{cap('early', 'late')}\s+(?:on\s+)?)?(?P<wd>{WD})(?!\s+(?:{NOT_NAMES})\b)"
                r"(?:\s+(?:morning|afternoon|evening|night|overnight))?"),
    "season": (rf"(?:(?P<rel>{cap('this past', 'last', 'this', 'next')})\s+|[Tt]he\s+)?(?:(?P<smod>{cap('early', 'mid', 'late')})[\s-]*)?"
               rf"(?P<se>spring|summer|autumn|fall|winter)\b(?:\s+(?:of\s+)?(?P<y>{Y}))?"),
    "holiday": (r"(?P<h>Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s\s+(?:Day|Eve)|Boxing\s+Day|Valentine['’]s\s+Day|Hallowe'?en|Bastille\s+Day"
                r"|(?:St\.?|Saint)\s+Patrick['’]s\s+Day|Armistice\s+Day|Veterans['’]?\s+Day|International\s+Women['’]s\s+Day|Fourth\s+of\s+July|July\s+Fourth)\b"
                rf"(?:\s+(?P<y>{Y}))?"),
    "yrange": rf"(?:(?P<pre>[Ff]rom|[Bb]etween)\s+)?(?P<y>{Y})\s*(?P<sep>[-–—/]|to|and|until|through)\s*(?P<y2>{YR}|\d\d)(?![\w%/]|[.,:]\d)",
    "iso_month": rf"(?<![\d/.-])(?P<y>{YR})-(?P<m>0[1-9]|1[0-2])(?![\d-])",
    "year": rf"(?P<y>{Y})",
    "bare_month": rf"(?P<rel>{cap('this past', 'this coming', 'last', 'this', 'next')})\s+(?P<m>{MONF}|May\b)|(?P<m2>{MONF})|(?P<may>May)\b",
}
_KINDS = tuple(_FAMILIES)
_FAMILY_RE = {k: re.compile(p) for k, p in _FAMILIES.items()}
# One pass finds candidates at word starts; inner groups are dropped here and re-read with the
# family's own regex at the same offset (the \b prefix makes the scan about 4x faster; each family behind
# a lookahead on its first characters, `prefilter.guarded`, about 4x again, same matches).
_FINDER = re.compile(r"\b(?:" + guarded("|".join(f"(?P<{k}>{guarded(re.sub(r'[(][?]P<[a-z0-9]+>', '(?:', p))})"
                                                  for k, p in _FAMILIES.items())) + ")")

# Context a family needs before/after it (checked in Python, cheaper than lookbehinds in the scan).
_WEEKDAY_DENY = re.compile(r"\b(?:Bloody|Good|Black|Easter|Palm|Ash|Holy|Maundy|Cyber|Whit|Shrove|Super|[Aa]|[Ee]very|[Ee]ach)\s+$")
_PREP = {k: re.compile(rf"\b(?i:{v})\s+$") for k, v in {
    "month": "in|since|until|till|during|through|throughout|from|before|after|by|of|between|for|the|an?|and|or|to"
             "|as|that|entered|entering|reached|reaching",  # "as July came to a close", "as the campaign entered June"
    "may": "in|since|until|till|during|throughout",  # not "by/from/after May": Theresa May
    "weekend": "over|on|at|during|through|throughout|ahead\\s+of|before|after|for",
    "christmas": "on|at|over|before|after|since|until|by",
    "season": "in|since|until|till|during|through|throughout|over|by|of|before|after|for",
    "old_year": "in|since|from|of|by|until|before|after|during|between|and|to|circa|c\\.",
}.items()}
_YEAR_DENY_BEFORE = re.compile(
    r"(?:\b(?i:resolution|flight|route|highway|room|article|section|no\.|number|bill|chapter|page|pages|code|model|unit"
    r"|apartment|suite|box|at|about|some|around|nearly|almost|over|than|approximately|roughly|estimated|only|just|total)"
    r"|[$£€#])\s*$")
_YEAR_DENY_AFTER = re.compile(
    r"\s*(?:%|(?i:per\s*cent|percent|people|persons|men|women|children|soldiers|troops|police(?:men)?|officers|residents"
    r"|protest[eo]rs|demonstrators|students|workers|employees|staff|votes|voters|members|cases|deaths|dead|killed|injured"
    r"|homes|houses|buildings|km|kilometres|kilometers|miles|metres|meters|m|kg|tonnes|tons|feet|ft|hours|hrs|gmt|utc"
    r"|local\s+time|pounds|dollars|euros|rupees|yuan|points|jobs|units|copies|participants|fighters|militants|families"
    r"|prisoners|refugees|migrants|patients|signatures|pages|words|years|days|weeks|months|times|seats|delegates"
    r"|candidates|athletes|vehicles|cars|flights|villages|acres|hectares|barrels|doses|tests|infections|others)\b)")
_AHEAD_OF = re.compile(r"\b(?i:ahead\s+of|in\s+advance\s+of)\s+$")
_PAST_VERB_BEFORE = re.compile(r"\b(?:was|were|had\s+been|has\s+been)\s+[a-z]{3,}ed\s+(?:on\s+)?$|\b(?!(?:need|speed|proceed|exceed|succeed|scheduled|planned|slated|expected|set)\b)[a-z]{3,}ed\s+(?:on\s+)?$")
_A_DAYPART = re.compile(r"\s(?:morning|afternoon|evening|night)$")  # "attended a Sunday night vigil": that Sunday
_WINDOW_BEFORE = re.compile(r"\b(?i:over|within|during|throughout)\s+$")  # "over the next year": a window from now
_PERIOD_END = re.compile(r"\b(?P<verb>ended|ending|ends)\s+(?:on\s+)?$")


def _same_day_in(year: int, day: dt.date) -> dt.date | None:
    """`day` in another year (None for February 29 without one)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return None


_LEFTOVER = re.compile(r"\s*(?i:on|in|at|since|by|during|from|until|of|the)?[\s,.]*")  # what an expression may add
_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|through|thru|until|till|into)\s+(?:(?:on|the)\s+)?|\s*[-–—]\s*")


# --- one resolver per family: (groups + "text", published, tense) -> Interval, or None to reject --
def _month_no(name: str) -> int:
    """1..12 from "Jan.", "January" or "01"."""
    return int(name) if name.isdigit() else MONTH_KEYS.index(name[:3].lower()) + 1


def _stated_year(g: dict, p: dt.date | None) -> tuple[int, str]:
    """The year written with a date: digits (explicit) or "last/this/next year" (relative to publication)."""
    if g.get("y"):
        return int(g["y"]), "explicit"
    return p.year + {"last": -1, "next": 1}.get(g["ry"].lower(), 0), "relative"


def _r_date(g: dict, p: dt.date | None, tense: Tense) -> Interval | None:
    if g.get("h"):  # a holiday on a fixed date
        month, day = HOLIDAYS[" ".join(g["h"].lower().replace("’", "'").split())]
        g = {**g, "m": str(month), "d": str(day)}
    month, day = _month_no(g["m"]), int(re.sub(r"\D", "", g["d"]))
    day2 = int(re.sub(r"\D", "", g["d2"])) if g.get("d2") else day
    if not 1 <= day <= day2 <= calendar.monthrange(int(g.get("y") or 2000), month)[1]:
        return None
    if g.get("y") or (g.get("ry") and p):
        year, basis = _stated_year(g, p)
        return dt.date(year, month, day), dt.date(year, month, day2), "day", basis
    if p is None:
        return None, None, "day", "none"
    candidates = [dt.date(y, month, day) for y in (p.year - 1, p.year, p.year + 1) if day <= calendar.monthrange(y, month)[1]]
    if not candidates:  # February 29 with no leap year nearby
        return None
    if g.get("wd"):  # "Sunday, January 5": prefer the year where the weekday agrees
        candidates = [c for c in candidates if c.weekday() == WEEKDAY_KEYS.index(g["wd"][:3].lower())] or candidates
    start = nearest(candidates, p, tense)
    return start, start.replace(day=day2), "day", "relative"


def _r_numeric(g: dict, p: dt.date | None, tense: Tense) -> Interval | None:
    a, b, year = int(g["a"]), int(g["b"]), int(g["y"])
    readings = sorted({dt.date(year, m, d) for m, d in ((b, a), (a, b))  # day-first, month-first
                       if 1 <= m <= 12 and 1 <= d <= calendar.monthrange(year, m)[1]})
    if not readings:
        return None
    if len(readings) == 2 and p is None:  # 5/1/2014 without an anchor: 5 January or May 1; no guess
        return None, None, "day", "none"
    day = readings[0] if len(readings) == 1 else nearest(readings, p, tense)
    return day, day, "day", "explicit"


def _r_month(g: dict, p: dt.date | None, tense: Tense) -> Interval | None:
    month = _month_no(next(g[k] for k in ("m", "m2", "may") if g.get(k)))
    if g.get("y") or (g.get("ry") and p):
        year, basis = _stated_year(g, p)
        return (*month_span(year, month), "month", basis)
    if p is None:
        return None, None, "month", "none"
    return (*month_span(month_year(month, p, tense, g.get("rel")), month), "month", "relative")


def _r_season(g: dict, p: dt.date | None, tense: Tense) -> Interval | None:
    found = _season(g, p, tense)
    if not g.get("smod") or found[0] is None:
        return found
    # "the early summer": its first month, with the season's TIMEX3 value and mod START (MID, END alike)
    start, end, gran, basis, *extra = found
    k = {"early": 0, "mid": 1, "late": 2}[g["smod"].lower()]
    first = add_months(start.year, start.month, k)
    return (*month_span(*first), gran, basis, extra[0] if extra else timex_value(start, end, gran), timex_mod(g["smod"]))


def _season(g: dict, p: dt.date | None, tense: Tense) -> Interval:
    first = SEASONS[g["se"]]
    if g.get("y"):  # winter 2013: December 2012 to February 2013, TIMEX3 2013-WI (the year written, as when spoken)
        year = int(g["y"])
        return (*month_span(year - (first == 12), first, 3), "month", "explicit", timex_season(year, first), None)
    if p is None:
        return None, None, "month", "none"
    year = p.year if first <= p.month else p.year - 1  # the latest season that began on or before publication
    rel, running = " ".join((g.get("rel") or "").lower().split()), month_span(year, first, 3)[1] >= p
    rel = "last" if rel == "this past" else rel
    if rel == "this" and not running:
        year = p.year
    elif rel == "next" or (rel != "last" and not running and tense == "future"):
        year += 1
    elif rel == "last" and running:
        year -= 1
    return (*month_span(year, first, 3), "month", "relative")


def _r_year(g: dict, p: dt.date | None, tense: Tense) -> Interval | None:
    return dt.date(int(g["y"]), 1, 1), dt.date(int(g["y"]), 12, 31), "year", "explicit"


def _r_yrange(g: dict, p: dt.date | None, tense: Tense) -> Interval | None:
    y1, y2, pair = int(g["y"]), g["y2"], ((g["pre"] or "").lower(), g["sep"])
    y2 = int(y2) if len(y2) == 4 else y1 // 100 * 100 + int(y2)
    if not y1 < y2 <= y1 + 50 or (pair[1].isalpha() and pair not in (("from", "to"), ("from", "until"), ("from", "through"), ("between", "and"))):
        return None
    return dt.date(y1, 1, 1), dt.date(y2, 12, 31), "year", "explicit"


def _r_mod(g: dict, p: dt.date | None, tense: Tense) -> Interval | None:
    if g.get("cm"):
        start, end, gran, basis = _r_month({"m": g["cm"], "y": g["cy"]}, p, tense)
    elif g.get("cyy"):
        start, end, gran, basis = _r_year({"y": g["cyy"]}, p, tense)
    else:
        gran, basis = g["cu"], "relative"
        start, end = unit_span(p, gran, {"last": -1, "next": 1}.get(g["crel"], 0)) if p else (None, None)
    if start is None:
        return None, None, "week" if g["mod"].split()[-2:-1] in (["week"], ["weekend"]) else gran, "none"
    narrowed = narrow(start, end, gran, g["mod"], p)
    if narrowed[2] != gran:  # "the first week of May": a week of its own
        return (*narrowed, basis)
    return (*narrowed, basis, timex_value(start, end, gran), timex_mod(g["mod"]))


def _r_relunit(g: dict, p: dt.date | None, tense: Tense) -> Interval | None:
    unit, rel = g["u"], " ".join((g.get("rel") or "").lower().split())
    if p is None:
        return None, None, "week" if unit == "weekend" else unit, "none"
    if unit == "weekend":
        return (*weekend(p, rel, tense), "week", "relative")
    return (*unit_span(p, unit, -1 if rel in BACK else 1 if rel in AHEAD else 0), unit, "relative")


def _count(text: str) -> tuple[int, int]:
    """(least, most) of a count written in digits or words ("three", "a few")."""
    word = text.lower().split()[-1]
    value = int(word) if word.isdigit() else count_of(word)
    return value if isinstance(value, tuple) else (value, value)


def _r_trailing(g: dict, p: dt.date | None, tense: Tense) -> Interval | None:
    unit, direction, plural = g["u"].rstrip("s"), g["dir"], g["u"].endswith("s")
    ahead_one = g["n"] is None and direction in ("next", "coming") and not plural
    if ahead_one and unit not in ("day", "hour") and (g.get("orso") or _WINDOW_BEFORE.search(g.get("before", ""))):
        if p is None:  # "over the next year (or so)": from publication on; TimeML names the next unit (next year = 1990)
            return None, None, unit, "none"
        return p, shift(p, unit, 1), unit, "relative", timex_value(*unit_span(p, unit, 1), unit), None
    if g["n"] is None and (unit in ("day", "hour") or ahead_one):
        return None  # "the next day", "the last day", "returned the next year": anaphoric, not a window
    gran: Granularity = "day" if unit in ("day", "hour") else unit
    if p is None:
        return None, None, gran, "none"
    n = _count(g["n"])[1] if g["n"] else (3 if plural else 1)
    if unit == "hour":
        unit, n = "day", -(-n // 24)
    other = shift(p, unit, n if direction in ("next", "coming") else -n)
    if g["n"] is None and not plural:  # "the past week", "the last year": TimeML names the unit holding publication
        return min(p, other), max(p, other), gran, "relative", timex_value(*unit_span(p, unit, 0), gran), None
    if g["n"] and g["n"].lower().split()[-1] in ("few", "several", "of"):  # "the last few months": a vague past
        return min(p, other), max(p, other), gran, "relative", "FUTURE_REF" if direction in ("next", "coming") else "PAST_REF", None
    return min(p, other), max(p, other), gran, "relative"


def _r_ago(g: dict, p: dt.date | None, tense: Tense) -> Interval | None:
    unit, (lo, hi) = g["u"].rstrip("s"), _count(g["n"])
    gran: Granularity = "day" if unit in ("hour", "week") else unit  # "a week ago" is the day a week back
    if p is None:
        return None, None, gran, "none"
    if unit == "hour":
        unit, lo, hi = "day", lo // 24, hi // 24
    sign = 1 if g.get("fwd") else -1  # "two weeks from now" counts forward
    first, last = sorted((shift(p, unit, sign * hi), shift(p, unit, sign * lo)))
    if lo != hi:  # "several years ago": a vague past (TimeML PAST_REF), with eventpipe's window kept
        first, last = (first.replace(day=1), month_span(last.year, last.month)[1]) if unit == "month" else (
            (dt.date(first.year, 1, 1), dt.date(last.year, 12, 31)) if unit == "year" else (first, last))
        return first, last, gran, "relative", "FUTURE_REF" if sign > 0 else "PAST_REF", None
    if unit == "month":
        first, last = first.replace(day=1), month_span(last.year, last.month)[1]
    elif unit == "year":
        first, last = dt.date(first.year, 1, 1), dt.date(last.year, 12, 31)
    elif unit == "week":  # "six weeks ago": the day, with TimeML's value in the expression's unit, the ISO week holding it
        return first, last, gran, "relative", timex_value(*week_span(first), "week"), None
    return first, last, gran, "relative"


def _r_deictic(g: dict, p: dt.date | None, tense: Tense) -> Interval | None:
    words = g["text"].lower()
    offset = (-2 if re.match(r"the\s+day\s+before\b", words) else 2 if re.match(r"the\s+day\s+after\b", words) else 1 if "tomorrow" in words
              else -1 if "yesterday" in words or words.startswith("last") else 0)
    return (p + days(offset), p + days(offset), "day", "relative") if p else (None, None, "day", "none")


def _r_weekday(g: dict, p: dt.date | None, tense: Tense) -> Interval | None:
    if p is None:
        return None, None, "day", "none"
    day = weekday(p, WEEKDAY_KEYS.index(g["wd"][:3].lower()), g.get("rel"), tense)
    return day, day, "day", "relative"


_RESOLVERS: dict[str, Callable[[dict, dt.date | None, Tense], Interval | None]] = {
    "mdy_list": _r_date, "dmy_list": _r_date, "mdy_range": _r_date, "ry_mdy": _r_date, "ry_dmy": _r_date, "mdy": _r_date, "dmy_range": _r_date, "dmy": _r_date, "iso": _r_date, "numeric": _r_numeric,
    "my": _r_month, "mod": _r_mod, "relunit": _r_relunit, "trailing": _r_trailing, "ago": _r_ago, "deictic": _r_deictic,
    "weekend": _r_relunit, "weekday": _r_weekday, "season": _r_season, "holiday": _r_date, "yrange": _r_yrange,
    "iso_month": _r_month, "year": _r_year, "bare_month": _r_month, **units.RESOLVERS,
}
_TENSED = {"mdy_list", "dmy_list", "mdy_range", "mdy", "dmy_range", "dmy", "mod", "weekday", "weekend", "season", "holiday", "bare_month", "relunit",
           "thanksgiving"}  # not quarters: "expects third-quarter results" still means the one begun


# --- finding -----------------------------------------------------------------------------------
def _plausible(kind: str, m: re.Match, text: str) -> bool:
    """Context checks: titles ("USA Today"), counts ("2000 people"), a preposition before a bare month."""
    s, e = m.span()
    head, before = m.group(), text[max(0, s - 16):s]
    if head[0].isupper() and kind in ("mod", "relunit", "trailing", "deictic") and re.search(r"[^\W_][ \t]+$", before):
        return False  # capitalised keyword inside a sentence: a title ("USA Today", "This Week")
    if kind == "weekday":
        deny = _WEEKDAY_DENY.search(before)
        return not deny or (deny.group().strip() in ("a", "A") and _A_DAYPART.search(head) is not None
                            and not re.search(r"\b(?i:on|every|each|any)\s+$", before[:deny.start()]))
    if kind == "year":
        if _YEAR_DENY_BEFORE.search(before) or _YEAR_DENY_AFTER.match(text, e):
            return False
        return int(head) >= 1900 or bool(_PREP["old_year"].search(before))
    if kind == "spoken_year" and re.fullmatch(r"(?i:two\s+thousand)", head):  # "two thousand degrees": a number
        return bool(_PREP["old_year"].search(before)) and not re.match(r"\s+[a-z]", text[e:e + 2])
    if kind == "season" and not (m.group("rel") or m.group("y")):
        return head != "fall" and not re.match(r"\s+of\b", text[e:e + 4]) and bool(_PREP["season"].search(before))
    if kind == "bare_month" and not m.group("rel"):
        possessive = not m.group("may") and text[e:e + 2] in ("'s", "’s")
        return possessive or bool(_PREP["may" if m.group("may") else "month"].search(before))
    if kind in ("weekend", "holiday"):
        return kind == "holiday" and head != "Christmas" or bool(_PREP[kind if kind == "weekend" else "christmas"].search(before))
    return True


def _resolved(kind: str, m: re.Match, text: str, published: dt.date | None, tense: Tense | None,
              ctx: anchors.Context, tense_of: Callable[[int], Tense | None] | None = None) -> EventDate | None:
    """The EventDate for one family match, or None when its context or calendar rules it out."""
    if not _plausible(kind, m, text):
        return None
    if tense is None:
        tense = None if not (published and kind in _TENSED) else tense_of(m.start()) if tense_of else None
        if tense is None:
            tense = tense_at(text, *m.span()) if published and kind in _TENSED else "past"
        if kind == "bare_month" and WOULD_DEADLINE.search(text[max(0, m.start() - 80):m.start()]):
            tense = "future"  # "said he would resign by October": a deadline ahead of publication
        elif kind in ("weekday", "bare_month") and UNTIL.search(text, max(0, m.start() - 24), m.start()):
            tense = "future"  # "postponed until Tuesday"
        elif kind in ("weekday", "weekend") and _AHEAD_OF.search(text, max(0, m.start() - 16), m.start()):
            tense = "future"  # "squared positions ahead of the weekend": the coming one, whatever the verb
        elif kind == "bare_month" and not m.group("rel") and DEADLINE.search(text, max(0, m.start() - 24), m.start()):
            month = _month_no(m.group("m2") or m.group("may"))  # "by/through February": ahead when at most 4 months off
            tense = "future" if 0 < (month - published.month) % 12 <= 4 else tense
    groups = {**m.groupdict(), "text": m.group(), "before": text[max(0, m.start() - 12):m.start()], "after": text[m.end():m.end() + 12]}
    if kind in anchors.RESOLVERS:
        found = anchors.RESOLVERS[kind](groups, published, tense, ctx)
    else:
        found = _RESOLVERS[kind](groups, published, tense)
    if found is None:
        return None
    start, end, gran, basis, *extra = found
    if (kind in ("mdy", "dmy") and basis == "relative" and start > published and tense == "past"
            and _PAST_VERB_BEFORE.search(text, max(0, m.start() - 24), m.start())
            and (moved := _same_day_in(start.year - 1, start)) is not None):
        start = end = moved  # "was sentenced Sept. 15": the verb it follows happened, so the day lies behind
    if kind in ("mdy", "dmy") and basis == "relative" and (side := _PERIOD_END.search(text, max(0, m.start() - 16), m.start())):
        # "the quarter ended Sept. 30" lies before publication, "the year ending June 30" after it, however far
        step = -1 if side["verb"] == "ended" and start > published else 1 if side["verb"] != "ended" and start < published else 0
        if step and (moved := _same_day_in(start.year + step, start)) is not None:
            start = end = moved
    value, mod = extra if extra else (timex_value(start, end, gran), None)
    if kind == "relunit" and (period := anchors.compared_last_year(text, *m.span(), published, ctx)) is not None:
        start, end = period  # "up from $2 million last year" after "the third quarter": that quarter a year back
    return EventDate(start=start, end=end, granularity=gran, text=m.group(), basis=basis, span=Span(start=m.start(), end=m.end()),
                     value=value, mod=mod)


def _scan(text: str, published: dt.date | None, tense: Tense | None, parts: bool = True,
          tense_of: Callable[[int], Tense | None] | None = None) -> list[EventDate]:
    """Every expression in text order; a candidate its family rejects falls to later families at that offset.

    With `parts`, a range of years ("1957-58", "between 2009 and 2012") is followed by each end year."""
    found: list[EventDate] = []
    anchored: list[EventDate] = []  # dates a later "that day" or "a year earlier" may lean on
    pos = 0
    while (hit := _FINDER.search(text, pos)) is not None:
        date = None
        ctx = anchors.Context(anchored, text.rfind("\n", 0, hit.start()) + 1)
        for kind in _KINDS[_KINDS.index(hit.lastgroup):]:
            m = _FAMILY_RE[kind].match(text, hit.start())
            if m is not None and (date := _resolved(kind, m, text, published, tense, ctx, tense_of)) is not None:
                break
        if date is None:
            pos = hit.start() + 1
        else:
            if kind == "weekday" and found and (later := _after_range(text, found[-1], date)) is not None:
                date = later
            if kind in _LISTS and parts and date.start is not None:  # "March 4 and 5": two dates, no range
                days_listed = _day_range_parts(_FAMILY_RE[kind].match(text, date.span.start), date)
                found.extend(days_listed)
                anchored.append(days_listed[-1])
                pos = date.span.end
                continue
            found.append(date)
            if kind not in anchors.NOT_ANCHORS or (kind == "quarter_ref" and anchors.names_the_report_quarter(date)):
                anchored.append(date)
            if kind in _RANGES and parts and date.start is not None:
                found.extend(_RANGES[kind](_FAMILY_RE[kind].match(text, date.span.start), date))
            pos = date.span.end
    return found


def _range_parts(m: re.Match, date: EventDate) -> list[EventDate]:
    """The two years of a year range, each with its own span and value ("58" in "1957-58" is 1958)."""
    first = int(m["y"])
    second = int(m["y2"]) if len(m["y2"]) == 4 else first // 100 * 100 + int(m["y2"])
    return [EventDate(start=dt.date(y, 1, 1), end=dt.date(y, 12, 31), granularity="year", text=m[group], basis="explicit",
                      span=Span(start=m.start(group), end=m.end(group)), value=str(y))
            for y, group in ((first, "y"), (second, "y2"))]


def _day_range_parts(m: re.Match, date: EventDate) -> list[EventDate]:
    """The two days of a range of days, each with its own span and value, as TimeML tags them: "March 15" and
    "17, 2019" in "March 15 to 17, 2019", "23" and "26 May" in "23 to 26 May"."""
    head, tail = (m.start(), m.end("d")), (m.start("d2"), m.end())
    if m.start("d") == m.start():  # the day first: "3 to 5 June", "4 and 5 March"
        head = (m.start("d"), m.end("d"))
    return [date.model_copy(update={"start": day, "end": day, "text": m.string[a:b], "span": Span(start=a, end=b),
                                    "value": day.isoformat(), "mod": None})
            for day, (a, b) in ((date.start, head), (date.end, tail))]


_LISTS = {"mdy_list", "dmy_list"}  # two days joined by "and"/"or": each its own date, no range between them
_RANGES: dict[str, Callable[[re.Match, EventDate], list[EventDate]]] = {
    "yrange": _range_parts, "mdy_range": _day_range_parts, "dmy_range": _day_range_parts}


def _after_range(text: str, previous: EventDate, date: EventDate) -> EventDate | None:
    """The weekday that closes a range ("Wednesday through Friday", "tomorrow into Friday"): the first one after
    the date that opens it, whatever the tense says; None when `date` closes no range or already lies after its start."""
    if previous.end is None or date.start is None or previous.granularity != "day":
        return None
    if not _RANGE_GAP.fullmatch(text, previous.span.end, date.span.start) or date.start > previous.end:
        return None  # "from Sept. 14 to Thursday": the Thursday read already closes the range
    day = previous.end + days((date.start.weekday() - previous.end.weekday()) % 7 or 7)
    return date.model_copy(update={"start": day, "end": day, "value": day.isoformat()})


def resolve_dates(text: str, published: dt.date | None, vague: bool = True,
                  parsed: Sequence[tuple[int, Any]] | None = None) -> list[EventDate]:
    """Every date expression in `text`, in text order and non-overlapping (except the years of a range
    of years, which follow the range), resolved against `published`.

    Which Sunday (the last or the next) follows the tense of the clause around each expression: from the
    parse where `parsed` ([(char offset, spaCy Doc)] of the paragraphs of `text`) has a say, else from
    the words around it. vague=False leaves out "recently" and "the future" (PAST_REF/FUTURE_REF without an interval; "the last
    few months" keeps its window).
    """
    found = _scan(text, published, None, tense_of=parse_tenses(parsed) if parsed else None)
    return found if vague else [d for d in found if d.start is not None or d.value not in ("PAST_REF", "FUTURE_REF")]


def resolve_expression(expression: str, published: dt.date | None, tense: Tense = "past") -> EventDate:
    """One expression the caller picked, resolved (span None); basis "none" when nothing parses."""
    text = expression.strip()
    for prefix in ("", "in "):  # "in " lets a bare month ("December") stand alone
        hits = _scan(prefix + text, published, tense, parts=False)
        if len(hits) == 1 and _LEFTOVER.fullmatch((prefix + text)[:hits[0].span.start] + (prefix + text)[hits[0].span.end:]):
            return hits[0].model_copy(update={"text": text, "span": None})
    parsed = _parse_with_dateparser(text, published, tense)
    if parsed.start is None and hits:  # dateparser could not do better than the longest partial match
        return max(hits, key=lambda d: d.span.end - d.span.start).model_copy(update={"text": text, "span": None})
    return parsed


def _parse_with_dateparser(text: str, published: dt.date | None, tense: Tense) -> EventDate:
    """Fallback for wordings the grammar lacks; dateparser is imported only here (slow to load)."""
    has_year = re.search(rf"\b{YR}\b", text) is not None
    if published is None and not has_year:
        return EventDate(text=text, basis="none")
    from dateparser.date import DateDataParser

    base = dt.datetime.combine(published or dt.date(2000, 1, 1), dt.time())
    data = DateDataParser(languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": tense}).get_date_data(text)
    if data is None or data.date_obj is None:
        return EventDate(text=text, basis="none")
    day, period = data.date_obj.date(), data.period if data.period in ("week", "month", "year") else "day"
    start, end = {"day": (day, day), "week": week_span(day), "month": month_span(day.year, day.month),
                  "year": (dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))}[period]
    return EventDate(start=start, end=end, granularity=period, text=text, basis="explicit" if has_year else "relative")
