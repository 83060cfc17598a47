"""Calendar units the core grammar lacks: decades ("the late 1980s"), years spoken in words
("nineteen ninety-six", broadcast transcripts) and the reporting year ("this fiscal year").

Decades keep eventpipe's narrowing (early/mid/late: the first, middle, last four years) with the
TIMEX3 value of the whole decade ("198") and its mod. A spoken year behaves like a written one,
also after a month ("January nineteen ninety-seven"), and "the eighties" is a decade like "the '80s". Thanksgiving
is the fourth Thursday of November, Labor Day the first Monday of September, Memorial Day the last Monday of May. "The current fiscal year", "this fiscal year", "the entire year",
"the full year" name the year of publication (fiscal years are taken as calendar years), "the latest fiscal
year" the one before. "A decade ago" is a year ("two decades ago" twenty back, "a few decades ago" PAST_REF), "the last decade" the decade before publication's, "the 20th
century" 1900-1999 (value "19"), "the last century" the one before publication's; "the 50s" (after "the", no
apostrophe) is a decade too, "his early 50s" an age; "two thousand" is a year only after a preposition and not
before a noun ("two thousand degrees"); "by year-end" is December of publication's year (value the year, mod END).
"""

from __future__ import annotations

import calendar
import datetime as dt

from .arithmetic import nearest
from .grammar import MON, MONTH_KEYS, D, Y, cap, count_of
from .tense import Tense
from .values import timex_mod

_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_DECADE_WORDS = ("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties")
_CENTURIES = ("eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
              "nineteenth", "twentieth", "twenty-first")  # ordinals 11..21
_SPOKEN = (rf"(?:{cap('nineteen')}\s+(?P<tens>{'|'.join(_TENS)})(?:[\s-](?P<ones>{'|'.join(_ONES)}))?"
           rf"|{cap('nineteen')}\s+(?P<teen>{'|'.join(_TEENS)})|(?:[Tt]he\s+year\s+)?{cap('two thousand')}(?:\s+and\s+(?P<ones2>{'|'.join(_ONES)}))?)\b")

FAMILIES: dict[str, str] = {
    "decade": (rf"(?:(?:[Tt]he\s+)?(?P<mod>{cap('early', 'mid', 'late')})[\s-]+)?(?:[Tt]he\s+)?"
               r"(?:(?P<dec>1[89]\d0|20\d0|['’][0-9]0|(?:(?<=[Tt]he )|(?<=early )|(?<=late )|(?<=mid-)|(?<=mid ))[1-9]0(?=s))['’]?s"
               rf"|(?P<decw>{cap(*_DECADE_WORDS)}))\b(?!\s*(?:degrees|°|percent|per\s+cent|%))"),
    "spoken_year": rf"(?:(?:[Tt]he\s+)?(?P<se>spring|summer|autumn|fall|winter)\s+of\s+|(?P<m>{MON})\s+)?{_SPOKEN}",
    "thanksgiving": (rf"(?:(?P<rel>{cap('last', 'next', 'this')})\s+)?(?P<hol>Thanksgiving(?:\s+Day)?|Labor\s+Day|Memorial\s+Day)\b"
                     rf"(?:,?\s+(?P<y>{Y}))?"),
    "year_ended": (rf"(?:[Tt]he\s+)?(?:(?:fiscal|financial)\s+)?year(?=\s+(?P<verb>ended|ending|that\s+ended|that\s+ends)\s+"
                   rf"(?P<em>{MON})\s+(?P<ed>{D})(?:,?\s+(?P<ey>{Y}))?)"),
    "fiscal_year": (rf"(?P<lead>{cap('the current', 'the full', 'the entire', 'this fiscal', 'the fiscal')}"
                    rf"|(?P<back>{cap('the latest', 'the last', 'the previous', 'the prior', 'last')})(?=\s+fiscal))"
                    r"(?:\s+fiscal)?\s+year\b(?!['’]s|\s+(?:ago|earlier|before|of)\b|-)"),
    "decade_ago": rf"(?P<n>{cap('a few', 'a couple of', 'several', 'a', 'one', 'two', 'three', 'four', 'five')})\s+decades?\s+ago\b",
    "decade_rel": (rf"(?:[Tt]he\s+)?(?:(?P<rel>{cap('last', 'previous', 'this', 'next', 'coming')})\s+decade"
                   rf"|(?P<crel>{cap('last', 'previous', 'next')})\s+century)\b(?!s|\s+or\b)"),
    "year_end": rf"(?:(?P<since>{cap('since')})\s+)?(?:year[\s-]end|year['’]s\s+end)\b(?![\s-]+(?:results|report|bonus|dividend)\b)",
    "century": (rf"(?:[Tt]he\s+)?(?:(?P<cn>1[0-9]|2[01])(?:st|nd|rd|th)|(?P<cw>{'|'.join(_CENTURIES)}))"
                r"[\s-]+century\b(?!\s+(?:mile|point|club|fund|fox|group)\b)"),
}


def spoken_year(g: dict) -> int:
    """The year a spoken form names: nineteen ninety-six is 1996, two thousand is 2000."""
    if g.get("tens"):
        return 1900 + 10 * (_TENS.index(g["tens"]) + 2) + (_ONES.index(g["ones"]) + 1 if g.get("ones") else 0)
    if g.get("teen"):
        return 1900 + _TEENS.index(g["teen"]) + 10
    return 2000 + (_ONES.index(g["ones2"]) + 1 if g.get("ones2") else 0)


def _r_decade(g: dict, p: dt.date | None, tense: Tense) -> tuple | None:
    if g.get("decw"):  # "the eighties" is the '80s
        g = {**g, "dec": str(10 * (_DECADE_WORDS.index(g["decw"].lower()) + 2))}
    digits = g["dec"].lstrip("'’")
    if len(g["dec"]) == 2 and not g["text"].lower().startswith("the"):
        return None  # "in his early 50s", "in her forties": an age; "the early 80s", "the eighties" are decades
    if len(digits) == 2:  # "the '80s": the decade of that name before publication
        if p is None:
            return None
        century = p.year // 100 * 100
        first = century + int(digits) if century + int(digits) <= p.year else century - 100 + int(digits)
    else:
        first = int(digits)
    mod = timex_mod(g.get("mod"))
    lo, hi = {"START": (0, 3), "MID": (3, 6), "END": (6, 9)}.get(mod or "", (0, 9))
    return dt.date(first + lo, 1, 1), dt.date(first + hi, 12, 31), "year", "explicit", str(first // 10), mod


def _r_spoken_year(g: dict, p: dt.date | None, tense: Tense) -> tuple | None:
    year = spoken_year(g)
    if g.get("m"):
        month = MONTH_KEYS.index(g["m"][:3].lower()) + 1
        end = dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date(year, month, 1), end, "month", "explicit", f"{year}-{month:02d}", None
    if g.get("se"):
        first = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}[g["se"]]
        start_year = year - (first == 12)
        last_year, last_month = (start_year + 1, 2) if first == 12 else (start_year, first + 2)
        season = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}[first]
        return (dt.date(start_year, first, 1), dt.date(last_year, last_month, calendar.monthrange(last_year, last_month)[1]),
                "month", "explicit", f"{year}-{season}", None)
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year", "explicit", str(year), None


def _r_fiscal_year(g: dict, p: dt.date | None, tense: Tense) -> tuple | None:
    if p is None:
        return None, None, "year", "none", None, None
    year = p.year - 1 if g.get("back") else p.year  # "the latest fiscal year": the last one closed
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year", "relative", str(year), None


def _r_year_ended(g: dict, p: dt.date | None, tense: Tense) -> tuple | None:
    """ "The fiscal year ended Sept. 30" is Oct 1988 - Sept 1989, value 1989 (named for the year it ends in);
    its end date, without a year, is the last one before publication ("ended") or the next one ("ending")."""
    month, day = MONTH_KEYS.index(g["em"][:3].lower()) + 1, int("".join(c for c in g["ed"] if c.isdigit()))
    if g.get("ey"):
        year = int(g["ey"])
    elif p is None:
        return None, None, "year", "none", None, None
    else:
        past = "ended" in g["verb"]
        candidates = [dt.date(y, month, min(day, calendar.monthrange(y, month)[1])) for y in (p.year - 1, p.year, p.year + 1)]
        year = (max(c for c in candidates if c <= p) if past else min(c for c in candidates if c >= p)).year
    last = dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))
    after = last + dt.timedelta(days=1)
    first = dt.date(after.year - 1, after.month, min(after.day, calendar.monthrange(after.year - 1, after.month)[1]))
    basis = "explicit" if g.get("ey") else "relative"
    return first, last, "year", basis, str(year), None  # the twelve months themselves, named for the year they end in


def _r_decade_ago(g: dict, p: dt.date | None, tense: Tense) -> tuple | None:
    """ "A decade ago" is the year ten years back (TimeML gives it year granularity, as "a year ago" a day), "two decades
    ago" twenty; "a few decades ago" is a vague past (PAST_REF) over the years it may mean."""
    if p is None:
        return None, None, "year", "none", None, None
    count = count_of(g["n"].lower().split()[-1])
    lo, hi = count if isinstance(count, tuple) else (count, count)
    first, last = p.year - 10 * hi, p.year - 10 * lo
    return dt.date(first, 1, 1), dt.date(last, 12, 31), "year", "relative", str(first) if lo == hi else "PAST_REF", None


def _r_decade_rel(g: dict, p: dt.date | None, tense: Tense) -> tuple | None:
    """ "The last decade" written in 1998 is the 1980s (TIMEX3 "198"); "this decade" the one holding publication."""
    if p is None:
        return None, None, "year", "none", None, None
    if g.get("crel"):  # "the last century" written in 2020: the 1900s, value "19"
        first = p.year // 100 * 100 + (100 if g["crel"].lower() == "next" else -100)
        return dt.date(first, 1, 1), dt.date(first + 99, 12, 31), "year", "relative", f"{first // 100:02d}", None
    rel = g["rel"].lower()
    first = p.year // 10 * 10 + (-10 if rel in ("last", "previous") else 10 if rel in ("next", "coming") else 0)
    return dt.date(first, 1, 1), dt.date(first + 9, 12, 31), "year", "relative", str(first // 10), None


def _r_year_end(g: dict, p: dt.date | None, tense: Tense) -> tuple | None:
    """ "By year-end" is December of the year of publication (TIMEX3: that year, mod END), "since year-end" the last one."""
    if p is None:
        return None, None, "month", "none", None, None
    year = p.year - 1 if g.get("since") and p.month < 12 else p.year
    return dt.date(year, 12, 1), dt.date(year, 12, 31), "month", "relative", str(year), "END"


def _r_century(g: dict, p: dt.date | None, tense: Tense) -> tuple | None:
    """The 20th century is 1900-1999 (TIMEX3 value "19": its first two digits, as the gold corpora write it)."""
    n = int(g["cn"]) if g.get("cn") else _CENTURIES.index(g["cw"].lower()) + 11
    first = (n - 1) * 100
    return dt.date(first, 1, 1), dt.date(first + 99, 12, 31), "year", "explicit", f"{n - 1:02d}", None


def thanksgiving(year: int) -> dt.date:
    """The fourth Thursday of November (the US holiday)."""
    first = dt.date(year, 11, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)


def labor_day(year: int) -> dt.date:
    """The first Monday of September (the US holiday)."""
    first = dt.date(year, 9, 1)
    return first + dt.timedelta(days=-first.weekday() % 7)


def memorial_day(year: int) -> dt.date:
    """The last Monday of May (the US holiday)."""
    last = dt.date(year, 5, 31)
    return last - dt.timedelta(days=last.weekday())


def _r_thanksgiving(g: dict, p: dt.date | None, tense: Tense) -> tuple | None:
    """Thanksgiving, Labor Day and Memorial Day, the US holidays on a weekday of a month, chosen as a weekday is."""
    holiday = {"l": labor_day, "m": memorial_day}.get((g.get("hol") or "t")[0].lower(), thanksgiving)
    if g.get("y"):
        day = holiday(int(g["y"]))
        return day, day, "day", "explicit", day.isoformat(), None
    if p is None:
        return None, None, "day", "none", None, None
    rel, days = (g.get("rel") or "").lower(), [holiday(y) for y in (p.year - 1, p.year, p.year + 1)]
    if rel == "last":
        day = max(d for d in days if d < p)
    elif rel == "next":
        day = min(d for d in days if d > p)
    else:
        day = holiday(p.year) if rel == "this" else nearest(days, p, tense)
    return day, day, "day", "relative", day.isoformat(), None


RESOLVERS = {"decade": _r_decade, "thanksgiving": _r_thanksgiving, "spoken_year": _r_spoken_year, "fiscal_year": _r_fiscal_year,
             "year_ended": _r_year_ended, "decade_ago": _r_decade_ago, "decade_rel": _r_decade_rel, "year_end": _r_year_end, "century": _r_century}
