"""TIMEX3 values and modifiers for resolved intervals, so records compare with TimeML tools.

The value names the whole unit an expression picks (2012-12, 2012-W49, 2012-Q4, 2012, 199 for the
1990s); a modifier ("early", "the end of") narrows eventpipe's interval but not the value, and
becomes the TIMEX3 `mod` (START, MID, END). Words that point at a time without an interval
("now", "recently", "the future") get the reference values PRESENT_REF, PAST_REF and FUTURE_REF.
"""

from __future__ import annotations

import calendar
import datetime as dt

from ...schemas import DateMod, Granularity

_SEASON_OF = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}
_MOD_OF: dict[str, DateMod] = {"early": "START", "beginning": "START", "start": "START", "mid": "MID",
                               "middle": "MID", "late": "END", "end": "END"}


def timex_value(start: dt.date | None, end: dt.date | None, granularity: Granularity | None) -> str | None:
    """The TIMEX3 value of an interval that is one calendar unit (day, ISO week, weekend, month, quarter,
    half, season, year, decade); None for anything else (a run of days, "the past three months")."""
    if start is None or end is None:
        return None
    length = (end - start).days
    if length == 0:
        return start.isoformat()
    if start.weekday() == 0 and length == 6:
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if start.weekday() == 5 and length == 1:
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}-WE"
    if start.day != 1 or end.day != calendar.monthrange(end.year, end.month)[1]:
        return None
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months == 1:
        return f"{start.year}-{start.month:02d}"
    if months == 3 and start.month in _SEASON_OF and granularity == "month" and start.month % 3 == 0:
        return f"{start.year}-{_SEASON_OF[start.month]}"
    if months == 3 and start.month % 3 == 1:
        return f"{start.year}-Q{start.month // 3 + 1}"
    if months == 6 and start.month in (1, 7):
        return f"{start.year}-H{1 if start.month == 1 else 2}"
    if months == 12 and start.month == 1:
        return str(start.year)
    if months == 120 and start.year % 10 == 0:
        return str(start.year // 10)
    return None


def timex_season(year: int, first_month: int) -> str:
    """The TIMEX3 value of a season named with its year ("winter 2013" is 2013-WI, whichever months it spans)."""
    return f"{year}-{_SEASON_OF[first_month]}"


def timex_mod(modifier: str | None) -> DateMod | None:
    """START, MID or END for the word that narrows a unit ("early", "mid-", "the end of"); else None."""
    words = " ".join((modifier or "").lower().replace("-", " ").split()).split()
    words = [w for w in words if w not in ("the", "very", "of", "in")]
    return _MOD_OF.get(words[0]) if len(words) == 1 else None
