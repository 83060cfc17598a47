"""Dates the story sets rather than the publication date: quarters, "a year earlier", "that day".

Each family here reads the dates found before it in the document (`Context.earlier`, in text order,
anaphoric ones left out so that a chain never drifts). Rules, learnt from the TimeML news corpora:
- "the third quarter" is the latest third quarter begun by publication (the next one in a future
  clause); "the quarter", "the latest quarter" are the last quarter the story named, else the last
  quarter ended before publication (results season); "the latest quarter" is always that last one ended;
  "the year-ago quarter" is that one a year back.
- "a year earlier", "year-ago", "the year-earlier period" move the story's last date back a year in
  its own unit; "a year ago" does so only after a quarter (earnings reports), else it is the day
  one year before publication, as "a week ago" is the day a week before. "The year-ago results" after a
  year already behind publication ("the 1988 period") is that year, the report's comparison, not one further back.
  When the story named only the quarter running at publication ("fourth-quarter earnings" in November: a fiscal
  quarter just closed), "a year earlier" and "a year ago" are that quarter a year back.
  Their TIMEX3 value is the year (TimeML values an expression in its own unit), the interval the period meant.
- "compared with $3 million last year", "up from last year's $1.5 billion" after a quarter of publication's year:
  that quarter a year back (interval), value the year.
- "two days later", "a week earlier" count from the last date of the paragraph (without one, or when that is
  coarser than the count's unit, a year for days: no interval).
- "the year", "the full year", "the fiscal year", "earlier in the year" (not "the year ended ...") are
  the year of publication, as earnings reports use them (not before a relative clause: "the year it was found"); "late in the month", "earlier in the week" the
  month or week of publication, narrowed.
- "the week" alone ("for the week", "the week's most active session") is a week of the story left
  unnamed: value YYYY-WXX (the publication year, as TimeBank writes it), no interval.
- "that day", "the following day", "later that year", "late in the day" take the unit of the last
  date of the paragraph ("that year" also of an earlier paragraph); without one they name nothing,
  except "later in the day" (the publication day).
- "now", "currently" are PRESENT_REF (the publication day); "recently" PAST_REF, "the future" and
  "(the) coming months" FUTURE_REF, which have no interval.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable

from ...schemas import EventDate
from .arithmetic import add_quarters, days, month_span, narrow, quarter_of, quarter_span, shift, week_span, years_back
from .grammar import D, MON, MONTH_KEYS, NUM, Y, cap, count_of
from .tense import Tense
from .values import timex_mod, timex_value

_ORDINALS = ("first", "second", "third", "fourth")
_TITLES = ("player", "Player", "person", "Person", "man", "Man", "woman", "Woman", "team", "Team", "coach", "Coach", "athlete",
           "artist", "song", "Song", "album", "Album", "record", "Record", "car", "Car", "book", "Book", "word", "Word",
           "rookie", "Rookie", "manager", "Manager", "driver", "Driver")  # "player of the year" is a title, not a date
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")

FAMILIES: dict[str, str] = {
    "ref": (rf"(?P<now>{cap('now', 'currently', 'these days', 'nowadays', 'at present')})\b(?![-’']\w)"
            rf"|(?P<past>{cap('recently', 'recent')})\b|(?P<fut>[Tt]he\s+(?:(?:near|distant|foreseeable)\s+)?future"
            r"|(?:[Tt]he\s+)?(?:coming|upcoming)\s+(?:days|weeks|months|quarters|years))\b"),
    "quarter": (rf"(?:(?P<ry>{cap('this', 'last', 'next')})\s+year['’]s\s+|[Tt]he\s+)?(?:(?P<ago>year[\s-]+(?:ago|earlier))\s+)?"
                rf"(?:(?P<y>{Y})(?:['’]s)?\s+)?(?:fiscal[\s-]+)?(?P<q>{cap(*_ORDINALS)})[\s-]+quarter\b"
                rf"(?:\s+of\s+(?:(?:fiscal\s+)?(?P<y2>{Y})|(?P<ry2>last|this|next)\s+(?:fiscal\s+)?year\b))?"),
    "quarter_ref": (rf"(?P<lead>{cap('the', 'this', 'last', 'next', 'that')})\s+(?:(?P<qy>{Y})\s+(?=(?:fiscal\s+)?quarter))?(?:(?P<qr>latest|current|previous|past|prior|recent"
                    r"|most\s+recent|year[\s-]+ago|year[\s-]+earlier|same|comparable|corresponding)\s+)?(?:fiscal\s+)?quarter\b"
                    r"(?!\s+(?:of|mile|century|point|percent|cent)\b)(?P<ago>\s+a\s+year\s+(?:ago|earlier))?"
                    rf"(?:(?=\s+ended\s+(?P<qm>{MON})\s+(?P<qd>{D})\b)|)"
                    r"|(?P<period>[Tt]he\s+latest\s+period)\b"
                    r"|(?P<back>[Ll]ast\s+year['’]s\s+(?:fiscal\s+)?(?:quarter|period)"
                    r"|[Tt]he\s+(?:same|corresponding|comparable)\s+period\s+(?:last\s+year|a\s+year\s+(?:ago|earlier)))\b"),
    "year_back": (rf"(?:{cap('a', 'one')}\s+year\s+(?P<w>earlier|ago|before(?=\s*(?:[^\w\s]|$)))\b(?!\s+(?:the|that|when|he|she|it|they)\b)"
                  rf"|(?:[Tt]he\s+)?{cap('year')}[\s-]+(?P<adj>earlier|ago)\b(?:\s+period\b)?)"),
    "shifted": (rf"(?P<n>{NUM})\s+(?P<u>days?|weeks?|months?|years?)\s+"
                r"(?P<dir>later|earlier|afterwards?|before(?=\s*[,.;])|after(?=\s*[,.;]))\b"),
    "story": ("".join(rf"(?<!{w} of )(?<!{w}s of )" for w in _TITLES)
              + rf"(?:(?P<pre>{cap('earlier', 'later', 'late', 'early')})\s+(?:in\s+)?)?"
              rf"(?P<det>{cap('that', 'the same', 'the following', 'the next', 'the previous', 'the prior', 'the')})\s+"
              r"(?:same\s+|(?P<yadj>full|fiscal|current|entire|whole)\s+)?(?P<u>day|(?<!of the )week|month|year)\b"
              r"(?!['’]s(?<!week['’]s)|-|\s+(?:of|before|after|when|that|in|to|ended|ending|two|2\d\d\d|1\d\d\d)\b)"),
}


@dataclass(frozen=True)
class Context:
    """What an anaphoric expression may lean on: the dates before it and where its paragraph starts."""

    earlier: list[EventDate]
    paragraph_start: int

    def last(self, in_paragraph: bool = True, granularity: str | None = None, before: dt.date | None = None) -> EventDate | None:
        """The latest earlier date with an interval (in this paragraph, of this granularity, begun by `before`
        and, for a quarter, ended by it: a report compares its closed quarter, not the running one)."""
        for date in reversed(self.earlier):
            if date.start is None or (in_paragraph and date.span.start < self.paragraph_start):
                continue
            if before is not None and (date.start > before or (_QUARTER.fullmatch(date.value or "") and date.end >= before)):
                continue
            if granularity is None or date.granularity == granularity:
                return date
        return None

    def last_quarter(self) -> tuple[int, int] | None:
        """(year, quarter) of the latest earlier quarter in the document."""
        for date in reversed(self.earlier):
            if date.value and (m := _QUARTER.fullmatch(date.value)):
                return int(m[1]), int(m[2])
        return None


Result = tuple  # start, end, granularity, basis[, value, mod]
_CLAUSE_AFTER = re.compile(r"\s+(?:it|we|he|she|they|I|you)\b")


def _quarter(year: int, quarter: int) -> Result:
    return (*quarter_span(year, quarter), "year", "relative", f"{year}-Q{quarter}", None)  # a part of a year


def _r_ref(g: dict, p: dt.date | None, tense: Tense, ctx: Context) -> Result | None:
    if g.get("now"):
        return (p, p, "day", "relative", "PRESENT_REF", None) if p else (None, None, "day", "none", "PRESENT_REF", None)
    return None, None, None, "none", "PAST_REF" if g.get("past") else "FUTURE_REF", None


def _r_quarter(g: dict, p: dt.date | None, tense: Tense, ctx: Context) -> Result | None:
    q = _ORDINALS.index(g["q"].lower()) + 1
    back = 1 if g.get("ago") else 0
    if g.get("y") or g.get("y2"):
        year = int(g.get("y") or g["y2"])
        return (*_quarter(year - back, q)[:3], "explicit", f"{year - back}-Q{q}", None)
    if p is None:
        return None, None, "month", "none", None, None
    if rel := (g.get("ry") or g.get("ry2") or "").lower():
        year = p.year + {"last": -1, "next": 1}.get(rel, 0)
    elif tense == "future":
        year = p.year if quarter_span(p.year, q)[1] >= p else p.year + 1
    else:
        year = p.year if quarter_span(p.year, q)[0] <= p else p.year - 1
    return _quarter(year - back, q)


def _r_quarter_ref(g: dict, p: dt.date | None, tense: Tense, ctx: Context) -> Result | None:
    if g.get("period"):  # "the latest period": the report's own quarter (its name may be fiscal: "fourth quarter ended Sept. 30")
        g = {**g, "lead": "the", "qr": "period"}
    elif g.get("back"):  # "last year's quarter", "the same period last year": the report's quarter a year back
        g = {**g, "lead": "the", "qr": "year ago"}
    lead, qr = g["lead"].lower(), " ".join((g.get("qr") or "").lower().replace("-", " ").split())
    if g.get("qm") and p is not None and lead == "the" and not qr:  # "the quarter ended Sept. 30": the one that holds it
        month = MONTH_KEYS.index(g["qm"][:3].lower()) + 1
        year = p.year if (month, int(re.sub(r"\D", "", g["qd"]))) <= (p.month, p.day) else p.year - 1
        return _quarter(year, (month - 1) // 3 + 1)
    story = ctx.last_quarter()
    if p is None and story is None:
        return None, None, "month", "none", None, None
    current = quarter_of(p) if p else story
    if lead == "next":
        year, q = add_quarters(*current, 1)
    elif lead == "last" or qr in ("previous", "prior", "past"):
        year, q = add_quarters(*(story if story and qr in ("previous", "prior") else current), -1)
    elif qr == "current" or (lead == "this" and tense == "future" and story is None):
        year, q = current
    elif qr in ("latest", "most recent", "recent") and p is not None:  # never one still running or ahead
        year, q = add_quarters(*current, -1)
    else:
        year, q = story or add_quarters(*current, -1)
    if qr.startswith("year") or g.get("ago") or qr in ("comparable", "corresponding"):
        year -= 1
    if g.get("qy"):  # "the 1988 quarter": the story's quarter in that year
        year = int(g["qy"])
    return _quarter(year, q)


def _closes_a_quarter(date: EventDate) -> bool:
    """A day that ends a calendar quarter (March 31, June 30, Sept. 30, Dec. 31): a report's closing date."""
    return date.granularity == "day" and date.start == date.end and (date.start.month, date.start.day) in ((3, 31), (6, 30), (9, 30), (12, 31))


def _back_a_year(date: EventDate) -> Result:
    start, end = years_back(date.start, date.end, 1)
    value = date.value and re.sub(r"^\d{4}", str(int(date.value[:4]) - 1), date.value) if date.value else None
    if date.value and re.fullmatch(r"\d{4}-W\d\d", date.value):
        year, week, _ = start.isocalendar()
        value = f"{year}-W{week:02d}"
    return start, end, date.granularity, "relative", value, None


def _r_year_back(g: dict, p: dt.date | None, tense: Tense, ctx: Context) -> Result | None:
    """A year back; the interval is the report's period (quarter, day), the TIMEX3 value the year it lies in, as
    TimeML values an expression in its own unit ("a year ago": a year); "the year-ago period" keeps the period's value."""
    found = _year_back(g, p, tense, ctx)
    if found is None or found[0] is None or found[0].year != found[1].year or g["text"].lower().endswith("period"):
        return found
    return (*found[:4], str(found[0].year), None)


def _year_back(g: dict, p: dt.date | None, tense: Tense, ctx: Context) -> Result | None:
    story = ctx.last(in_paragraph=False, before=p)  # "the year-ago period" compares with a period begun, not a forecast
    quarter = ctx.last_quarter()
    if quarter is not None and story is not None and _closes_a_quarter(story):
        return _quarter(quarter[0] - 1, quarter[1])  # "the fiscal first quarter ended Sept. 30 ... a year ago": as the report names it
    if g.get("w") == "ago" and p is not None:
        if quarter is not None and (story is None or (story.value and "Q" in story.value)):
            return _quarter(quarter[0] - 1, quarter[1])
        day = shift(p, "year", -1)
        return day, day, "day", "relative", day.isoformat(), None
    if (g.get("adj") and story is not None and p is not None and story.granularity == "year"
            and story.end.year < p.year):
        # "the 1988 period. The year-ago results...": the earnings idiom compares with the report's own period, so a
        # year already behind publication is that comparison, not a new anchor to step back from
        year = p.year - 1
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year", "relative", str(year), None
    if story is not None:
        return _back_a_year(story)
    if quarter is not None:  # only the running quarter was named ("reported fourth-quarter earnings"): that one a year back
        return _quarter(quarter[0] - 1, quarter[1])
    if p is None:
        return None, None, "day", "none", None, None
    day = shift(p, "year", -1)
    return day, day, "day", "relative", day.isoformat(), None


def _count(text: str) -> int:
    word = text.lower().split()[-1]
    value = int(word) if word.isdigit() else count_of(word)
    return value[0] if isinstance(value, tuple) else value


_COARSER = {"day": {"month", "year"}, "week": {"month", "year"}, "month": {"year"}, "year": set()}


def _r_shifted(g: dict, p: dt.date | None, tense: Tense, ctx: Context) -> Result | None:
    unit, n = g["u"].lower().rstrip("s"), _count(g["n"])
    sign = -1 if g["dir"].lower() in ("earlier", "before") else 1
    anchor = ctx.last()
    if anchor is not None and _COARSER[unit] & {anchor.granularity}:
        anchor = None  # "the 2016 election ... two days later": a year is no day to count days from
    if anchor is None:  # "two days later" with nothing to count from: the text is kept, no interval
        return None, None, "day" if unit == "week" else unit, "none", None, None
    day, basis = shift(anchor.start if sign > 0 else anchor.end, unit, sign * n), anchor.basis
    if unit in ("day", "week"):
        return day, day, "day", basis, day.isoformat(), None
    if unit == "month":
        return (*month_span(day.year, day.month), "month", basis, f"{day.year}-{day.month:02d}", None)
    return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), "year", basis, str(day.year), None


def _r_story(g: dict, p: dt.date | None, tense: Tense, ctx: Context) -> Result | None:
    unit, det, pre = g["u"].lower(), " ".join(g["det"].lower().split()), (g.get("pre") or "").lower()
    if g.get("yadj") and (unit != "year" or det != "the"):
        return None
    if det == "the" and _CLAUSE_AFTER.match(g.get("after", "")):
        return None  # "the year it was found", "the day we met": a relative clause names it ("that day he left" is a date)
    if det == "the" and unit == "year" and p is not None:  # "for the full year", "earlier in the year": the report's year
        return dt.date(p.year, 1, 1), dt.date(p.year, 12, 31), "year", "relative", str(p.year), None
    if det == "the" and pre and unit in ("week", "month") and p is not None:  # "late in the month": publication's month
        start, end = week_span(p) if unit == "week" else month_span(p.year, p.month)
        return (*narrow(start, end, unit, pre, p)[:2], unit, "relative", timex_value(start, end, unit), timex_mod(pre))
    if det == "the" and unit == "week" and not pre and p is not None:
        # "for the week", "the week's busiest session": a week the story means but never names; TimeML writes it
        # underspecified (1989-WXX), so the value says so and no interval is claimed
        return None, None, "week", "none", f"{p.year}-WXX", None
    if det == "the" and not (pre and unit == "day"):
        return None  # "the month", "the day": too often a duration or a generic
    anchor = ctx.last(granularity="day") if unit == "day" else ctx.last(in_paragraph=unit != "day")
    if anchor is None:
        if det == "the" and p is not None:  # "later in the day": the day of the report
            return p, p, "day", "relative", p.isoformat(), None
        return None
    step = {"the following": 1, "the next": 1, "the previous": -1, "the prior": -1}.get(det, 0)
    day = anchor.start
    if unit == "day":
        day += days(step)
        return day, day, "day", anchor.basis, day.isoformat(), None
    if unit == "week":
        start, end = week_span(day + days(7 * step))
        year, week, _ = start.isocalendar()
        return start, end, "week", anchor.basis, f"{year}-W{week:02d}", None
    if unit == "month":
        year, month = (day.year * 12 + day.month - 1 + step) // 12, (day.month - 1 + step) % 12 + 1
        return (*month_span(year, month), "month", anchor.basis, f"{year}-{month:02d}", None)
    year = day.year + step
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year", anchor.basis, str(year), None


RESOLVERS: dict[str, Callable[[dict, dt.date | None, Tense, Context], Result | None]] = {
    "ref": _r_ref, "quarter": _r_quarter, "quarter_ref": _r_quarter_ref, "year_back": _r_year_back,
    "shifted": _r_shifted, "story": _r_story,
}
NOT_ANCHORS = {"ref", "quarter_ref", "year_back", "shifted", "story"}  # a date they give never anchors another...
_REPORT_QUARTER = re.compile(r"(?i:the\s+(?:latest|current|most\s+recent)\s+(?:fiscal\s+)?quarter)$")


def names_the_report_quarter(date: EventDate) -> bool:
    """...except "the latest quarter", which names the report's own quarter (a year ago leans on it)."""
    return date.start is not None and bool(_REPORT_QUARTER.match(date.text))


_CUE = r"(?i:\b(?:compared\s+(?:with|to)|from|versus|vs\.|against)\s+)"
_IN_SENTENCE = r"(?:[^;:!?.]|\.(?=\d))"  # a decimal point, not a full stop
_COMPARED = re.compile(_CUE + _IN_SENTENCE + r"{0,80}?\d" + _IN_SENTENCE + r"{0,80}?[\s,]+$")  # "from $9.7 million, or 70 cents a share, last year"
_COMPARED_OWN = re.compile(_CUE + r"$")  # "up from last year's $1.55 billion"
_FIGURE_AFTER = re.compile(r"['’]s\s+(?:[$#£€]|C\$|\d)")


def compared_last_year(text: str, start: int, end: int, p: dt.date | None, ctx: Context) -> tuple[dt.date, dt.date] | None:
    """ "compared with a loss of $3 million last year", "up from last year's $1.5 billion" in a quarterly report: the
    report's quarter a year back (the interval; the value stays the year). None outside such a comparison of figures
    or without a quarter of publication's year in the story."""
    quarter = ctx.last_quarter()
    if p is None or quarter is None or quarter[0] != p.year or not re.fullmatch(r"(?i:last\s+year)", text[start:end]):
        return None
    before = max(0, start - 170)
    if not (_COMPARED.search(text, before, start) or (_COMPARED_OWN.search(text, before, start) and _FIGURE_AFTER.match(text, end))):
        return None
    return quarter_span(quarter[0] - 1, quarter[1])
