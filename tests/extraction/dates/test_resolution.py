"""Date expressions -> intervals: absolute, relative to publication, no anchor, not a date."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from eventpipe.extraction.dates.resolution import resolve_dates, resolve_expression

D = dt.date.fromisoformat
MON = D("2014-01-06")  # a Monday; the seed article's publication date
CASES = Path(__file__).parents[2] / "cases" / "dates.jsonl"


def _without_parts(found: list, granularity: str | None = None) -> list:
    """The dates less the parts of a range (the years or days that follow it, inside its span), or only those parts
    of one granularity (the case file lists the years of a year range but not the days of a day range)."""
    return [d for d in found if not any(o is not d and o.span.start <= d.span.start and d.span.end <= o.span.end
                                        and granularity in (None, d.granularity) for o in found)]


def _only(text: str, published: dt.date | None) -> tuple:
    """(text, start, end, granularity, basis) of the single expression found in `text`."""
    found = _without_parts(resolve_dates(text, published))
    assert len(found) == 1, [d.text for d in found]
    d = found[0]
    return d.text, d.start, d.end, d.granularity, d.basis


@pytest.mark.parametrize("text,expression,start,end,granularity", [
    ("It was signed on January 6, 2014.", "January 6, 2014", "2014-01-06", "2014-01-06", "day"),
    ("It was signed on 6 January 2014.", "6 January 2014", "2014-01-06", "2014-01-06", "day"),
    ("It was signed on Jan. 5, 2014.", "Jan. 5, 2014", "2014-01-05", "2014-01-05", "day"),
    ("It was signed on Sunday, January 5th, 2014.", "Sunday, January 5th, 2014", "2014-01-05", "2014-01-05", "day"),
    ("It was signed on 2014-01-05.", "2014-01-05", "2014-01-05", "2014-01-05", "day"),
    ("It was signed on 25/12/2013.", "25/12/2013", "2013-12-25", "2013-12-25", "day"),
    ("It was founded in 2013.", "2013", "2013-01-01", "2013-12-31", "year"),
    ("It was founded in 1897.", "1897", "1897-01-01", "1897-12-31", "year"),
    ("Fighting resumed in December 2013.", "December 2013", "2013-12-01", "2013-12-31", "month"),
    ("Fighting resumed in March, 2012.", "March, 2012", "2012-03-01", "2012-03-31", "month"),
    ("The 2003 US-led invasion toppled him.", "2003", "2003-01-01", "2003-12-31", "year"),
    ("Talks ran from 23 to 26 May 2019.", "23 to 26 May 2019", "2019-05-23", "2019-05-26", "day"),
    ("Talks ran on June 3-5, 2019.", "June 3-5, 2019", "2019-06-03", "2019-06-05", "day"),
    ("The 2019-20 season was cut short.", "2019-20", "2019-01-01", "2020-12-31", "year"),
    ("It grew between 2010 and 2015.", "between 2010 and 2015", "2010-01-01", "2015-12-31", "year"),
    ("It happened at the end of 2013.", "the end of 2013", "2013-12-01", "2013-12-31", "year"),
    ("Output fell in the first half of 2014.", "the first half of 2014", "2014-01-01", "2014-06-30", "year"),
    ("It closed in the winter of 2013.", "the winter of 2013", "2012-12-01", "2013-02-28", "month"),
])
def test_dates_absolute(text, expression, start, end, granularity):
    assert _only(text, MON) == (expression, D(start), D(end), granularity, "explicit")


@pytest.mark.parametrize("text,expression,start,end,granularity", [
    ("Iran said on Sunday it was ready.", "Sunday", "2014-01-05", "2014-01-05", "day"),
    ("Sunday's attack killed four.", "Sunday", "2014-01-05", "2014-01-05", "day"),
    ("Maliki spoke on Monday.", "Monday", "2014-01-06", "2014-01-06", "day"),
    ("The talks ended last Monday.", "last Monday", "2013-12-30", "2013-12-30", "day"),
    ("They met today.", "today", "2014-01-06", "2014-01-06", "day"),
    ("They met yesterday.", "yesterday", "2014-01-05", "2014-01-05", "day"),
    ("They meet tomorrow.", "tomorrow", "2014-01-07", "2014-01-07", "day"),
    ("Militants seized it last week.", "last week", "2013-12-30", "2014-01-05", "week"),
    ("Talks continue this week.", "this week", "2014-01-06", "2014-01-12", "week"),
    ("Talks resume next week.", "next week", "2014-01-13", "2014-01-19", "week"),
    ("Prices rose last month.", "last month", "2013-12-01", "2013-12-31", "month"),
    ("Prices rose this month.", "this month", "2014-01-01", "2014-01-31", "month"),
    ("Prices rose earlier this month.", "earlier this month", "2014-01-01", "2014-01-06", "month"),
    ("Prices rose last year.", "last year", "2013-01-01", "2013-12-31", "year"),
    ("Prices rose in December.", "December", "2013-12-01", "2013-12-31", "month"),
    ("Prices rose in January.", "January", "2014-01-01", "2014-01-31", "month"),
    ("Fighting began on Dec. 30.", "Dec. 30", "2013-12-30", "2013-12-30", "day"),
    ("Fighting began on January 5.", "January 5", "2014-01-05", "2014-01-05", "day"),
    ("Fighting began on 5 January.", "5 January", "2014-01-05", "2014-01-05", "day"),
    ("Fighting began two days ago.", "two days ago", "2014-01-04", "2014-01-04", "day"),
    ("Fighting began three weeks ago.", "three weeks ago", "2013-12-16", "2013-12-16", "day"),  # issue 17: a day
    ("Fighting began a week or so ago.", "a week or so ago", "2013-12-30", "2013-12-30", "day"),
    ("Fighting began a month ago.", "a month ago", "2013-12-01", "2013-12-31", "month"),
    ("Fighting began last weekend.", "last weekend", "2014-01-04", "2014-01-05", "week"),
    ("Fighting began on the weekend.", "the weekend", "2014-01-04", "2014-01-05", "week"),
    ("Clashes began in the last week of December.", "the last week of December", "2013-12-25", "2013-12-31", "week"),
    ("Clashes began in early January.", "early January", "2014-01-01", "2014-01-10", "month"),
    ("Clashes began in mid-December.", "mid-December", "2013-12-11", "2013-12-20", "month"),
    ("Clashes began in late December.", "late December", "2013-12-21", "2013-12-31", "month"),
    ("Shelling began on Tuesday night.", "Tuesday night", "2013-12-31", "2013-12-31", "day"),
    ("Shelling began on Sunday morning.", "Sunday morning", "2014-01-05", "2014-01-05", "day"),
    ("Shelling began last night.", "last night", "2014-01-05", "2014-01-05", "day"),
    ("Shelling began earlier today.", "earlier today", "2014-01-06", "2014-01-06", "day"),
    ("Shelling began on Christmas Day.", "Christmas Day", "2013-12-25", "2013-12-25", "day"),
    ("Deaths rose in the past 24 hours.", "the past 24 hours", "2014-01-05", "2014-01-06", "day"),
    ("Deaths rose over the past week.", "the past week", "2013-12-30", "2014-01-06", "week"),
    ("He was arrested in March last year.", "March last year", "2013-03-01", "2013-03-31", "month"),
    ("The plant closed late last year.", "late last year", "2013-09-01", "2013-12-31", "year"),
    ("The plant closed last summer.", "last summer", "2013-06-01", "2013-08-31", "month"),
])
def test_dates_relative(text, expression, start, end, granularity):
    assert _only(text, MON) == (expression, D(start), D(end), granularity, "relative")


@pytest.mark.parametrize("text,published,start,end", [
    ("Gunmen attacked on Friday.", "2014-01-02", "2013-12-27", "2013-12-27"),  # Thursday, a new year
    ("The unrest began in December.", "2014-01-02", "2013-12-01", "2013-12-31"),
    ("Exports fell last week.", "2014-01-02", "2013-12-23", "2013-12-29"),  # ISO week 1 of 2014 starts 2013-12-30
    ("Exports fell last week.", "2019-12-30", "2019-12-23", "2019-12-29"),
    ("Rates rise next month.", "2019-12-16", "2020-01-01", "2020-01-31"),
    ("Rates rose last month.", "2020-01-15", "2019-12-01", "2019-12-31"),
    ("Rates rise next year.", "2019-12-31", "2020-01-01", "2020-12-31"),
    ("It began on Dec. 30.", "2014-01-06", "2013-12-30", "2013-12-30"),
    ("It ends on January 3.", "2013-12-28", "2014-01-03", "2014-01-03"),
    ("The vote was on February 29.", "2020-03-02", "2020-02-29", "2020-02-29"),
    ("It happened a month ago.", "2020-03-31", "2020-02-01", "2020-02-29"),
    ("They met on New Year's Eve.", "2014-01-02", "2013-12-31", "2013-12-31"),
    ("Schools shut in the winter.", "2014-01-06", "2013-12-01", "2014-02-28"),
])
def test_dates_year_boundaries(text, published, start, end):
    found = resolve_dates(text, D(published))
    assert [(d.start, d.end) for d in found] == [(D(start), D(end))]


@pytest.mark.parametrize("expression,tense,published,start", [
    ("on Sunday", "past", "2014-01-06", "2014-01-05"),
    ("on Sunday", "future", "2014-01-06", "2014-01-12"),
    ("Monday", "past", "2014-01-06", "2014-01-06"),  # same weekday as publication: that day
    ("Monday", "future", "2014-01-06", "2014-01-06"),  # AP style: a weekday name for today
    ("last Monday", "past", "2014-01-06", "2013-12-30"),
    ("next Monday", "past", "2014-01-06", "2014-01-13"),
    ("December", "past", "2014-01-06", "2013-12-01"),
    ("December", "future", "2014-01-06", "2014-12-01"),
    ("the last week of December", "future", "2014-01-06", "2014-12-25"),
    ("January", "future", "2014-01-06", "2014-01-01"),
])
def test_dates_resolve_expression_tense(expression, tense, published, start):
    found = resolve_expression(expression, D(published), tense)
    assert (found.start, found.text, found.span) == (D(start), expression, None)


@pytest.mark.parametrize("text,start", [
    ("Talks will resume on Thursday.", "2014-01-09"),
    ("The summit is scheduled to open on Thursday, officials said.", "2014-01-09"),
    ("Officials said on Thursday that talks will resume.", "2014-01-02"),
    ("On Thursday, the army will begin its assault.", "2014-01-09"),
    ("The vote, which will be held on Thursday, was delayed.", "2014-01-09"),
    ("The airport was to open on Thursday.", "2014-01-02"),
])
def test_dates_tense_from_clause(text, start):
    assert [d.start for d in resolve_dates(text, MON)] == [D(start)]


@pytest.mark.parametrize("text,expression,granularity", [
    ("The clashes started in the last week of December.", "the last week of December", "week"),
    ("The talks collapsed on Sunday.", "Sunday", "day"),
    ("Prices rose last month.", "last month", "month"),
    ("Fighting resumed in December.", "December", "month"),
    ("It ended on Jan. 5.", "Jan. 5", "day"),
    ("It ended two days ago.", "two days ago", "day"),
    ("It ended on 5/1/2014.", "5/1/2014", "day"),  # 5 January or May 1: no anchor to choose
    ("It ended in early January.", "early January", "month"),
    ("It ended in the first week of May.", "the first week of May", "week"),
    ("It ended earlier this week.", "earlier this week", "week"),
    ("It ended last summer.", "last summer", "month"),
    ("It ended on the weekend.", "the weekend", "week"),
])
def test_dates_no_anchor(text, expression, granularity):
    assert _only(text, None) == (expression, None, None, granularity, "none")


@pytest.mark.parametrize("text,start,end,granularity", [
    ("The treaty was signed on 6 January 2014.", "2014-01-06", "2014-01-06", "day"),
    ("Fighting resumed in March 2013.", "2013-03-01", "2013-03-31", "month"),
    ("It happened in 2013.", "2013-01-01", "2013-12-31", "year"),
    ("It was signed on 25/12/2013.", "2013-12-25", "2013-12-25", "day"),
])
def test_dates_no_anchor_with_year(text, start, end, granularity):
    assert _only(text, None)[1:] == (D(start), D(end), granularity, "explicit")


@pytest.mark.parametrize("published,expected", [
    ("2014-01-06", "2014-01-05"),  # a day after 5 January, long before May 1
    ("2014-04-29", "2014-05-01"),
])
def test_dates_numeric_day_month_order(published, expected):
    assert _only("It was signed on 5/1/2014.", D(published))[1] == D(expected)


@pytest.mark.parametrize("text", [
    "Militants may attack the city.",
    "Thousands joined a march on the capital.",
    "Protesters will march on the palace.",
    "The Sunday Times reported the story.",
    "USA Today reported the story.",
    "About 2000 people fled the town.",
    "The council adopted Resolution 2118.",
    "The meeting started at 3 pm.",
    "The shop is closed on Sundays.",
    "Theresa May said the deal was dead.",
    "He spoke after May's speech.",
    "It happened the next day.",
    "Lawyers spent the last week of the trial arguing.",
    "Good Friday marks the crucifixion.",
    "Ten years old, he fled.",
])
def test_dates_not_a_date(text):
    assert resolve_dates(text, MON) == []


def test_dates_impossible_day_is_skipped():
    assert resolve_dates("It was due on February 29.", D("2022-06-01")) == []  # no leap year within a year


def test_dates_spans_in_text_order_longest_wins():
    text = "On Sunday, January 5, 2014, and again last week, troops fired 1,200 shells; in December they left."
    found = resolve_dates(text, MON)
    assert [d.text for d in found] == ["Sunday, January 5, 2014", "last week", "December"]
    assert all(text[d.span.start:d.span.end] == d.text for d in found)
    assert all(a.span.end <= b.span.start for a, b in zip(found, found[1:]))


@pytest.mark.parametrize("expression,start,end,granularity", [
    ("2014 Jan 5", "2014-01-05", "2014-01-05", "day"),  # a wording the grammar lacks: dateparser
    ("in two weeks", "2014-01-20", "2014-01-26", "week"),
])
def test_dates_resolve_expression_fallback(expression, start, end, granularity):
    found = resolve_expression(expression, MON)
    assert (found.start, found.end, found.granularity) == (D(start), D(end), granularity)


@pytest.mark.parametrize("expression,published", [("sometime soon", MON), ("in two weeks", None)])
def test_dates_resolve_expression_nothing(expression, published):
    found = resolve_expression(expression, published)
    assert (found.start, found.basis, found.text) == (None, "none", expression)


def _cases() -> list:
    rows = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [pytest.param(row, id=f"{i}", marks=[pytest.mark.xfail(strict=True, reason=row["known_miss"])]
                         if row.get("known_miss") else []) for i, row in enumerate(rows)]


@pytest.mark.parametrize("case", _cases())
def test_dates_case_file(case):
    published = D(case["published"]) if case["published"] else None
    found = [(d.text, d.start and str(d.start), d.end and str(d.end), d.granularity)
             for d in _without_parts(resolve_dates(case["text"], published), "day")]
    assert found == [(e["text"], e["start"], e["end"], e["granularity"]) for e in case["expected"]]


def test_dates_import_is_light():
    code = "import sys, eventpipe.extraction.dates.resolution; print('dateparser' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


OCT = D("2013-10-30")


@pytest.mark.parametrize("text,value,start,end,mod", [
    ("Orders rose from the low levels of the early summer.", "2013-SU", "2013-06-01", "2013-06-30", "START"),
    ("The dam was finished in late spring 2011.", "2011-SP", "2011-05-01", "2011-05-31", "END"),
    ("Rain fell in mid-winter.", "2012-WI", "2013-01-01", "2013-01-31", "MID"),
])
def test_dates_modified_season_keeps_the_season_value(text, value, start, end, mod):
    (d,) = resolve_dates(text, OCT)
    assert (d.value, str(d.start), str(d.end), d.mod) == (value, start, end, mod)


@pytest.mark.parametrize("text,value,start,end", [
    ("Rents have fallen in the last few months.", "PAST_REF", "2013-05-30", "2013-10-30"),
    ("The tanks will move over the next several days.", "FUTURE_REF", "2013-10-30", "2013-11-06"),
    ("The bridge was closed several years ago.", "PAST_REF", "2006-01-01", "2010-12-31"),
    ("The bridge was closed three years ago.", "2010", "2010-01-01", "2010-12-31"),
])
def test_dates_vague_windows_are_past_or_future_refs(text, value, start, end):
    (d,) = resolve_dates(text, OCT)
    assert (d.value, str(d.start), str(d.end)) == (value, start, end)
    assert resolve_dates(text, OCT, vague=False) == [d]  # the window stays for the pipeline


def test_dates_a_weekday_with_a_daypart_is_that_day():
    """ "Attended a Friday night vigil" names the last Friday; "on a Friday night" and "a Friday" stay generic."""
    (d,) = resolve_dates("Hundreds attended a Friday night vigil for the victims.", OCT)
    assert (d.text, d.value) == ("Friday night", "2013-10-25")
    assert resolve_dates("Crimes rise on a Friday night.", OCT) == resolve_dates("They met on a Friday.", OCT) == []


@pytest.mark.parametrize("text,value,end", [
    ("The plant will be shut over the next year or so.", "2014", "2014-10-30"),
    ("Prices should settle within the next month.", "2013-11", "2013-11-30"),
    ("Talks will go on during the next week.", "2013-W45", "2013-11-06"),
])
def test_dates_window_ahead_names_the_next_unit(text, value, end):
    """ "Over/within the next year": a window from publication; TimeML names the next unit."""
    (d,) = resolve_dates(text, OCT)
    assert (d.value, str(d.start), str(d.end)) == (value, "2013-10-30", end)


@pytest.mark.parametrize("text,expected", [
    ("The army left in 1990 and came back the next year.", [("1990", "1990"), ("the next year", "1991")]),
    ("She returned the next month.", []),
])
def test_dates_next_unit_without_window_stays_anaphoric(text, expected):
    assert [(d.text, d.value) for d in resolve_dates(text, OCT)] == expected


@pytest.mark.parametrize("text,value", [
    ("The firm plans to repay the loan by February.", "2014-02"),
    ("The bank extended the credit line through January.", "2014-01"),
    ("Sales rose this year through August.", "2013-08"),
    ("The mill had closed by June.", "2013-06"),
])
def test_dates_deadline_month_is_the_nearer_one(text, value):
    assert [d.value for d in resolve_dates(text, OCT) if d.granularity == "month"] == [value]


@pytest.mark.parametrize("text,value", [
    ("The ministers met yesterday afternoon.", "2013-10-29"),
    ("The ministers meet tomorrow afternoon.", "2013-10-31"),
    ("The ministers met the day before yesterday.", "2013-10-28"),
    ("The ministers will meet two weeks from now.", "2013-W46"),  # the day 2013-11-13 is the interval
    ("The plant may reopen a year from now.", "2014"),
])
def test_dates_deictic_days_and_counts_from_now(text, value):
    assert [d.value for d in resolve_dates(text, OCT)] == [value]


@pytest.mark.parametrize("text,values", [
    ("The mill shut in June of 2011.", ["2011-06"]),
    ("Exports fell in January and February.", ["2013-01", "2013-02"]),
    ("Rain fell between March or April.", ["2013-03", "2013-04"]),
])
def test_dates_month_lists_and_month_of_year(text, values):
    assert [d.value for d in resolve_dates(text, OCT)] == values


@pytest.mark.parametrize("text,value", [
    ("The mill closed fifteen years ago.", "1998"),
    ("The mill closed twenty-five years ago.", "1988"),
    ("The mill closed some years ago.", "PAST_REF"),
])
def test_dates_ago_with_larger_and_vague_counts(text, value):
    """Counts past twelve in words (also hyphenated), and "some" as a vague count (TimeML PAST_REF)."""
    assert [d.value for d in resolve_dates(text, OCT)] == [value]


def test_dates_larger_counts_later_lean_on_the_story_date():
    found = resolve_dates("The siege began on May 3, 2001. Fifteen days later the town fell.", OCT)
    assert [(d.text, d.value) for d in found] == [("May 3, 2001", "2001-05-03"), ("Fifteen days later", "2001-05-18")]


@pytest.mark.parametrize("text,value", [
    ("He won the nomination this past May.", "2013-05"),
    ("The council will vote this coming March.", "2014-03"),
])
def test_dates_this_past_and_this_coming_month(text, value):
    assert [d.value for d in resolve_dates(text, OCT)] == [value]


def test_dates_season_with_its_year_takes_the_year_written_as_value():
    """ "The winter of 2006" is TIMEX3 2006-WI (as a spoken year gives it); the interval stays Dec 2005 - Feb 2006."""
    (d,) = resolve_dates("It was the coldest since the winter of 2006.", OCT)
    assert (d.value, str(d.start), str(d.end)) == ("2006-WI", "2005-12-01", "2006-02-28")


@pytest.mark.parametrize("text,expected", [
    ("She lived there for a year before moving abroad.", []),
    ("The plant had closed a year before.", [("a year before", "2012")]),
])
def test_dates_a_year_before_a_clause_is_no_date(text, expected):
    """ "For a year before moving abroad": a duration and a conjunction, not a date a year back."""
    assert [(d.text, d.value) for d in resolve_dates(text, OCT)] == expected


@pytest.mark.parametrize("text,value", [
    ("As the campaign entered September, the mayor led.", "2013-09"),
    ("As August came to a close, the river rose.", "2013-08"),
    ("That June, the mill closed.", "2013-06"),
])
def test_dates_bare_month_after_as_that_entered(text, value):
    """A month named after "as", "that", "entered/reached" is that month (as after "in" or "by")."""
    assert [d.value for d in resolve_dates(text, OCT)] == [value]


@pytest.mark.parametrize("text,value,start,end", [
    ("The fair was held on the last weekend of August.", "2013-W35-WE", "2013-08-31", "2013-09-01"),
    ("The fair was held on the first weekend of May 2011.", "2011-W18-WE", "2011-05-07", "2011-05-08"),
])
def test_dates_nth_weekend_of_a_month(text, value, start, end):
    """ "The last weekend of August": its last Saturday and the Sunday after, a weekend (TIMEX3 YYYY-Www-WE)."""
    (d,) = resolve_dates(text, OCT)
    assert (d.value, str(d.start), str(d.end), d.granularity) == (value, start, end, "week")
