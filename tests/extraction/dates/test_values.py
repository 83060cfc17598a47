"""TIMEX3 values and mods: the whole unit named, the modifier apart; modified dates keep the narrow interval."""

from __future__ import annotations

import datetime as dt

import pytest

from eventpipe.extraction.dates.resolution import resolve_dates
from eventpipe.extraction.dates.values import timex_mod, timex_value

D = dt.date.fromisoformat
THU = D("2012-11-15")  # a Thursday


@pytest.mark.parametrize("start,end,granularity,value", [
    ("2012-12-03", "2012-12-03", "day", "2012-12-03"),
    ("2012-12-03", "2012-12-09", "week", "2012-W49"),
    ("2012-12-08", "2012-12-09", "week", "2012-W49-WE"),
    ("2012-12-01", "2012-12-31", "month", "2012-12"),
    ("2012-10-01", "2012-12-31", "year", "2012-Q4"),
    ("2012-07-01", "2012-12-31", "year", "2012-H2"),
    ("2012-06-01", "2012-08-31", "month", "2012-SU"),
    ("2012-01-01", "2012-12-31", "year", "2012"),
    ("1990-01-01", "1999-12-31", "year", "199"),
    ("2012-12-01", "2012-12-10", "month", None),  # a part of a month is no unit
])
def test_values_timex_value_of_units(start, end, granularity, value):
    assert timex_value(D(start), D(end), granularity) == value


@pytest.mark.parametrize("modifier,mod", [("early", "START"), ("mid", "MID"), ("late", "END"), ("the end of", "END"),
                                          ("the start of", "START"), ("the first half of", None)])
def test_values_timex_mod(modifier, mod):
    assert timex_mod(modifier) == mod


@pytest.mark.parametrize("text,expression,start,end,value,mod", [
    ("The dam is due to open in early December.", "early December", "2012-12-01", "2012-12-10", "2012-12", "START"),
    ("Prices peaked in late 2011.", "late 2011", "2011-09-01", "2011-12-31", "2011", "END"),
    ("The plant opened in mid-2006.", "mid-2006", "2006-05-01", "2006-08-31", "2006", "MID"),
    ("Sales slumped at the end of last year.", "the end of last year", "2011-12-01", "2011-12-31", "2011", "END"),
    ("Rates have risen since the start of this year.", "the start of this year", "2012-01-01", "2012-01-31", "2012", "START"),
])
def test_values_modified_dates_keep_narrow_interval(text, expression, start, end, value, mod):
    (d,) = resolve_dates(text, THU)
    assert (d.text, d.start, d.end, d.value, d.mod) == (expression, D(start), D(end), value, mod)


def test_values_plain_dates_carry_their_value():
    found = resolve_dates("The mayor spoke on Monday and will visit in March 2013.", THU)
    assert [(d.text, d.value, d.mod) for d in found] == [("Monday", "2012-11-12", None), ("March 2013", "2013-03", None)]


def test_values_weeks_ago_keep_the_day_with_the_week_as_value():
    """ "three weeks ago": eventpipe's day (publication minus 21), TimeML's value the ISO week holding it."""
    (many,) = resolve_dates("The ferry sank three weeks ago.", THU)
    assert (many.start, many.end, many.granularity, many.value) == (D("2012-10-25"), D("2012-10-25"), "day", "2012-W43")
    (one,) = resolve_dates("The ferry sails two weeks from now.", THU)
    assert (one.start, one.value) == (D("2012-11-29"), "2012-W48")
