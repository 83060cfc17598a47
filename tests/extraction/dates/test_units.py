"""Decades, spoken years, Thanksgiving and the fiscal year; lists and ranges give each part its own date."""

from __future__ import annotations

import datetime as dt

import pytest

from eventpipe.extraction.dates.resolution import resolve_dates
from eventpipe.extraction.dates.units import thanksgiving

D = dt.date.fromisoformat
NOV = D("2012-11-15")


def _rows(text: str) -> list[tuple]:
    return [(d.text, str(d.start), str(d.end), d.value, d.mod) for d in resolve_dates(text, NOV)]


@pytest.mark.parametrize("text,expected", [
    ("Crime fell in the 1990s.", [("the 1990s", "1990-01-01", "1999-12-31", "199", None)]),
    ("The boom of the late 1980s ended.", [("the late 1980s", "1986-01-01", "1989-12-31", "198", "END")]),
    ("It was built in nineteen ninety-six.", [("nineteen ninety-six", "1996-01-01", "1996-12-31", "1996", None)]),
    ("It shut in January nineteen ninety-seven.", [("January nineteen ninety-seven", "1997-01-01", "1997-01-31", "1997-01", None)]),
    ("The firm expects a loss this fiscal year.", [("this fiscal year", "2012-01-01", "2012-12-31", "2012", None)]),
    ("The parade was held on Thanksgiving Day 2011.", [("Thanksgiving Day 2011", "2011-11-24", "2011-11-24", "2011-11-24", None)]),
    ("The bakery sold less in the latest fiscal year.", [("the latest fiscal year", "2011-01-01", "2011-12-31", "2011", None)]),
    ("The mill earned more last fiscal year.", [("last fiscal year", "2011-01-01", "2011-12-31", "2011", None)]),
    ("A decade ago, the square was empty.", [("A decade ago", "2002-01-01", "2002-12-31", "2002", None)]),
    ("He is a 19th century novelist.", [("19th century", "1800-01-01", "1899-12-31", "18", None)]),
    ("Wages fell behind prices in the last decade.", [("the last decade", "2000-01-01", "2009-12-31", "200", None)]),
    ("The merger should close by year-end.", [("year-end", "2012-12-01", "2012-12-31", "2012", "END")]),
    ("The index is up 4% since year-end.", [("since year-end", "2011-12-01", "2011-12-31", "2011", "END")]),
    ("The chapel dates from the twelfth century.", [("the twelfth century", "1100-01-01", "1199-12-31", "11", None)]),
])
def test_units_families(text, expected):
    assert _rows(text) == expected


def test_units_thanksgiving_is_the_fourth_thursday():
    assert [thanksgiving(y) for y in (2011, 2012, 2013)] == [D("2011-11-24"), D("2012-11-22"), D("2013-11-28")]


@pytest.mark.parametrize("text,expected", [
    ("The drought of 1957-58 was severe.", [("1957-58", None), ("1957", "1957"), ("58", "1958")]),
    ("Prices doubled between 2009 and 2011.", [("between 2009 and 2011", None), ("2009", "2009"), ("2011", "2011")]),
    ("Floods struck in 2009 and 2010.", [("2009", "2009"), ("2010", "2010")]),
])
def test_units_lists_and_ranges_give_each_part_a_date(text, expected):
    assert [(d.text, d.value) for d in resolve_dates(text, NOV)] == expected


def test_units_weekday_range_each_day():
    found = resolve_dates("Hearings will run Wednesday through Friday.", D("2012-11-12"))
    assert [(d.text, str(d.start)) for d in found] == [("Wednesday", "2012-11-14"), ("Friday", "2012-11-16")]


@pytest.mark.parametrize("text,expected", [
    ("For the year ended Sept. 30, the brewer earned more.", [("the year", "2012"), ("Sept. 30", "2012-09-30")]),
    ("In the fiscal year ended Jan. 31, sales fell.", [("the fiscal year", "2012"), ("Jan. 31", "2012-01-31")]),
    ("It expects a loss in the fiscal year ending June 30.", [("the fiscal year", "2013"), ("June 30", "2013-06-30")]),
])
def test_units_a_year_ended_is_named_for_its_end(text, expected):
    assert [(r[0], r[3]) for r in _rows(text)] == expected


@pytest.mark.parametrize("text,expected", [
    ("The fair ran from August 22 to 25.", [("August 22 to 25", None), ("August 22", "2012-08-22"), ("25", "2012-08-25")]),
    ("Talks ran from 3 to 5 June 2011.", [("3 to 5 June 2011", None), ("3", "2011-06-03"), ("5 June 2011", "2011-06-05")]),
])
def test_units_day_ranges_give_each_day_a_date(text, expected):
    """ "From August 22 to 25": TimeML tags the two days, each with its own span and value, besides eventpipe's range."""
    assert [(d.text, d.value) for d in resolve_dates(text, NOV)] == expected


def test_units_weekday_closing_a_range_takes_the_value_of_its_day():
    """ "From tomorrow night into Friday morning", written on a Wednesday: the coming Friday, in value and interval."""
    found = resolve_dates("Warnings were issued from tomorrow night into Friday morning.", D("2012-11-14"))
    assert [(d.text, str(d.start), d.value) for d in found] == [
        ("tomorrow night", "2012-11-15", "2012-11-15"), ("Friday morning", "2012-11-16", "2012-11-16")]


def test_units_weekday_after_a_calendar_date_keeps_its_reading():
    """ "Bought from Oct. 2 to Thursday", written on a Monday: the last Thursday already closes the range."""
    found = resolve_dates("The fund bought shares from Oct. 2 to Thursday.", D("2012-11-12"))
    assert [(d.text, d.value) for d in found] == [("Oct. 2", "2012-10-02"), ("Thursday", "2012-11-08")]


@pytest.mark.parametrize("text,expected", [
    ("Crime was rare in the 50s.", [("the 50s", "195")]),
    ("That was how things stood in the early 80s.", [("the early 80s", "198")]),
    ("The boom of the mid-90s ended.", [("the mid-90s", "199")]),
    ("The suspect is a man in his early 50s.", []),
    ("Wolves were hunted out in the last century.", [("the last century", "19")]),
    ("The fire burned at two thousand degrees.", []),
    ("Two thousand people marched.", []),
])
def test_units_decades_centuries_and_spoken_numbers(text, expected):
    """Decades written without an apostrophe after "the"; "the last century"; "two thousand" as a count is no year."""
    assert [(d.text, d.value) for d in resolve_dates(text, NOV)] == expected


def test_units_spoken_two_thousand_after_a_preposition_is_the_year():
    assert [(d.text, d.value) for d in resolve_dates("By two thousand, the plant will close.", D("1998-02-02"))] == [
        ("two thousand", "2000")]


@pytest.mark.parametrize("text,expected", [
    ("Rents were low in the eighties.", [("the eighties", "198")]),
    ("The band formed in the early Seventies.", [("the early Seventies", "197")]),
    ("The driver is a man in his forties.", []),
    ("Two decades ago the valley was a lake.", [("Two decades ago", "1992")]),
    ("A few decades ago the valley was a lake.", [("A few decades ago", "PAST_REF")]),
])
def test_units_decades_in_words_and_decades_ago(text, expected):
    assert [(d.text, d.value) for d in resolve_dates(text, NOV)] == expected


@pytest.mark.parametrize("text,expected", [
    ("The parade was held on Labor Day 2011.", [("Labor Day 2011", "2011-09-05")]),
    ("The pool opened on Memorial Day 2012.", [("Memorial Day 2012", "2012-05-28")]),
    ("The town held a Fourth of July picnic.", [("Fourth of July", "2012-07-04")]),
])
def test_units_us_holidays_on_a_weekday_of_a_month_and_the_fourth_of_july(text, expected):
    assert [(d.text, d.value) for d in resolve_dates(text, NOV)] == expected


@pytest.mark.parametrize("text,expected", [
    ("The shops closed on October 4 and 5 respectively.", [("October 4", "2012-10-04"), ("5", "2012-10-05")]),
    ("The vote was held on June 3 and 17, 2011.", [("June 3", "2011-06-03"), ("17, 2011", "2011-06-17")]),
    ("Talks were held on 4 and 5 June 2011.", [("4", "2011-06-04"), ("5 June 2011", "2011-06-05")]),
    ("He died on May 3 and 12 others fled.", [("May 3", "2012-05-03")]),
])
def test_units_lists_of_days_give_each_day_a_date(text, expected):
    """ "On October 4 and 5": two dates (TimeML tags both), no range between them; "May 3 and 12 others" is one."""
    assert [(d.text, d.value) for d in resolve_dates(text, NOV)] == expected
