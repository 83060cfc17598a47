"""Calendar arithmetic for date expressions: spans of units, shifts, and which day a relative word means."""

from __future__ import annotations

import calendar
import datetime as dt

from ...schemas import Granularity
from .tense import Tense

BACK, AHEAD = {"last", "past", "this past"}, {"next", "coming", "this coming"}


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def month_span(year: int, month: int, months: int = 1) -> tuple[dt.date, dt.date]:
    """First day of a month and last day of the `months`-th month from it."""
    last_year, last_month = add_months(year, month, months - 1)
    return dt.date(year, month, 1), dt.date(last_year, last_month, calendar.monthrange(last_year, last_month)[1])


def add_months(year: int, month: int, k: int) -> tuple[int, int]:
    """(year, month) shifted by k months."""
    i = year * 12 + month - 1 + k
    return i // 12, i % 12 + 1


def week_span(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the ISO week that holds `day`."""
    monday = day - days(day.weekday())
    return monday, monday + days(6)


def nearest(candidates: list[dt.date], published: dt.date, tense: Tense) -> dt.date:
    """The candidate closest to publication; days on the side the tense disfavours count double."""
    def cost(day: dt.date) -> tuple[int, int]:
        delta = (day - published).days
        wrong_side = delta > 0 if tense == "past" else delta < 0
        return abs(delta) * ((2 if tense == "past" else 10) if wrong_side else 1), delta
    return min(candidates, key=cost)


def month_year(month: int, published: dt.date, tense: Tense, rel: str | None = None) -> int:
    """Year of a month named without one: the latest not after publication (past) or the next (future).

    In a past clause a month at most two months ahead still beats one ten or more months back
    ("agreed to sell the unit in January", written in November, is next January)."""
    rel = " ".join((rel or "").lower().split())
    if rel == "this":
        return published.year
    if rel in BACK:
        return published.year if month < published.month else published.year - 1
    if rel in AHEAD:
        return published.year if month > published.month else published.year + 1
    if tense == "past":
        ahead, back = (month - published.month) % 12, (published.month - month) % 12
        if 0 < ahead and 3 * ahead < back:  # a month ahead counts three times
            return published.year + (month < published.month)
        return published.year if month <= published.month else published.year - 1
    return published.year if month >= published.month else published.year + 1


def weekday(published: dt.date, weekday: int, rel: str | None, tense: Tense) -> dt.date:
    """The named weekday: on/before publication (past), on/after (future); last/next exclude the day itself.

    "last Thursday" written on a Friday is the Thursday of the week before: yesterday would be "yesterday".
    """
    back, ahead = (published.weekday() - weekday) % 7, (weekday - published.weekday()) % 7
    rel = " ".join((rel or "").lower().split())
    if rel in BACK:
        return published - days(back + 7 if back <= 1 else back)
    if rel in AHEAD:
        return published + days(ahead or 7)
    return published - days(back) if tense == "past" else published + days(ahead)


def weekend(published: dt.date, rel: str | None, tense: Tense) -> tuple[dt.date, dt.date]:
    """Saturday..Sunday of the weekend meant, chosen as `_weekday` chooses days."""
    rel = " ".join((rel or "").lower().split())
    saturday = published - days((published.weekday() - 5) % 7)  # latest Saturday on or before publication
    if rel in BACK and saturday + days(1) >= published:
        saturday -= days(7)
    elif rel in AHEAD:
        saturday = published + days((5 - published.weekday()) % 7 or 7)
    elif tense == "future" and rel != "this past" and saturday + days(1) < published:
        saturday += days(7)
    return saturday, saturday + days(1)


def unit_span(published: dt.date, unit: str, k: int) -> tuple[dt.date, dt.date]:
    """The calendar week, month or year `k` units from the one holding publication."""
    if unit == "week":
        return week_span(published + days(7 * k))
    if unit == "month":
        return month_span(*add_months(published.year, published.month, k))
    return dt.date(published.year + k, 1, 1), dt.date(published.year + k, 12, 31)


def shift(published: dt.date, unit: str, n: int) -> dt.date:
    """Publication moved by n (signed) days, weeks, months or years, day clamped to the month."""
    if unit in ("day", "week"):
        return published + days(n * (7 if unit == "week" else 1))
    year, month = add_months(published.year, published.month, n * (12 if unit == "year" else 1))
    return dt.date(year, month, min(published.day, calendar.monthrange(year, month)[1]))


def narrow(start: dt.date, end: dt.date, gran: Granularity, mod: str, published: dt.date | None) -> tuple[dt.date, dt.date, Granularity]:
    """The part of [start, end] a modifier names: thirds for early/mid/late, halves, quarters, Nth week."""
    mod = " ".join(w for w in mod.lower().split() if w not in ("the", "very", "of", "in")).replace("last half", "second half")
    first, length = mod.split()[0], (end - start).days + 1
    if mod.endswith(" weekend"):  # "the last weekend of July": its last Saturday and the Sunday after
        saturdays = [start + days(k) for k in range(length) if (start + days(k)).weekday() == 5]
        pick = saturdays[-1] if first in ("last", "final") else saturdays[("first", "second", "third", "fourth").index(first)]
        return pick, pick + days(1), "week"
    if mod.endswith(" week"):
        if first in ("last", "final"):
            return end - days(6), end, "week"
        monday = start + days(7 * ("first", "second", "third", "fourth").index(first))
        return monday, min(monday + days(6), end), "week"
    if first in ("earlier", "later"):
        if published is None or not start <= published <= end:
            return start, end, gran
        return (start, published, gran) if first == "earlier" else (published, end, gran)
    if gran == "year":  # in months: thirds; "the end of 2013" is its December
        months = {"end": (12, 1), "beginning": (1, 1), "start": (1, 1), "first half": (1, 6), "second half": (7, 6),
                  "last quarter": (10, 3), "final quarter": (10, 3)}.get(mod)
        if months is None and mod.endswith("quarter"):
            months = (1 + 3 * ("first", "second", "third", "fourth").index(first), 3)
        if months is None:
            months = (1 + 4 * {"early": 0, "mid": 1, "middle": 1}.get(mod, 2), 4)
        return (*month_span(start.year, *months), gran)
    if mod in ("first half", "second half"):
        half = start + days(length // 2)
        return (start, half - days(1), gran) if first == "first" else (half, end, gran)
    third = {"early": 0, "beginning": 0, "start": 0, "mid": 1, "middle": 1}.get(mod, 2)
    cuts = (0, 10, 20, length) if gran == "month" else (0, 2, 4, length)  # month: 1-10, 11-20, 21-end
    return start + days(cuts[third]), start + days(cuts[third + 1] - 1), gran


def quarter_span(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First and last day of calendar quarter 1..4."""
    return month_span(year, 3 * quarter - 2, 3)


def quarter_of(day: dt.date) -> tuple[int, int]:
    """(year, quarter) holding `day`."""
    return day.year, (day.month - 1) // 3 + 1


def add_quarters(year: int, quarter: int, k: int) -> tuple[int, int]:
    """(year, quarter) shifted by k quarters."""
    i = year * 4 + quarter - 1 + k
    return i // 4, i % 4 + 1


def years_back(start: dt.date, end: dt.date, n: int) -> tuple[dt.date, dt.date]:
    """The same calendar unit [start, end] n years earlier (negative n: later); February 29 becomes the 28th."""
    def move(day: dt.date) -> dt.date:
        year = day.year - n
        return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))
    if start.weekday() == 0 and (end - start).days == 6:  # an ISO week: the same week number
        year, week, _ = start.isocalendar()
        monday = dt.date.fromisocalendar(year - n, min(week, 52), 1)
        return monday, monday + days(6)
    new_start, new_end = move(start), move(end)
    if end.day == calendar.monthrange(end.year, end.month)[1]:  # keep whole months whole
        new_end = new_end.replace(day=calendar.monthrange(new_end.year, new_end.month)[1])
    return new_start, new_end
