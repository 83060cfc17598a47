"""Dates the story sets: quarters, "a year earlier", "two days later", "that day", reference words."""

from __future__ import annotations

import datetime as dt

import pytest

from eventpipe.extraction.dates.resolution import resolve_dates

D = dt.date.fromisoformat
NOV = D("2012-11-15")  # a Thursday, in results season for the third quarter


def _rows(text: str, published: dt.date | None = NOV) -> list[tuple]:
    return [(d.text, d.start and str(d.start), d.end and str(d.end), d.value) for d in resolve_dates(text, published)]


@pytest.mark.parametrize("text,expected", [
    ("The brewer posted a third-quarter loss.", [("third-quarter", "2012-07-01", "2012-09-30", "2012-Q3")]),
    ("Output grew in the fourth quarter.", [("the fourth quarter", "2012-10-01", "2012-12-31", "2012-Q4")]),
    ("Profit fell in the first quarter.", [("the first quarter", "2012-01-01", "2012-03-31", "2012-Q1")]),
    ("Profit will rise in next year's first quarter.", [("next year's first quarter", "2013-01-01", "2013-03-31", "2013-Q1")]),
    ("Costs rose in the 2010 second quarter.", [("the 2010 second quarter", "2010-04-01", "2010-06-30", "2010-Q2")]),
    ("Costs rose in the third quarter of fiscal 2011.", [("the third quarter of fiscal 2011", "2011-07-01", "2011-09-30", "2011-Q3")]),
])
def test_anchors_ordinal_quarters(text, expected):
    assert _rows(text) == expected


def test_anchors_the_quarter_is_the_story_quarter_and_year_ago_goes_back():
    text = ("The bakery chain lost money in the second quarter. Sales in the quarter fell 3%. "
            "In the year-ago quarter it made a profit; a year ago, margins were wider.")
    rows = _rows(text)
    assert [r[3] for r in rows] == ["2012-Q2", "2012-Q2", "2011-Q2", "2011"]  # "a year ago": value the year...
    assert rows[3][1:3] == ("2011-04-01", "2011-06-30")  # ...interval the report's quarter a year back


def test_anchors_the_latest_quarter_without_a_story_quarter_is_the_last_one_ended():
    assert _rows("Margins shrank in the latest quarter.") == [("the latest quarter", "2012-07-01", "2012-09-30", "2012-Q3")]


def test_anchors_the_latest_quarter_is_never_one_still_running():
    text = "The mill expects a fourth-quarter charge. Margins shrank in the latest quarter."
    assert [r[3] for r in _rows(text)] == ["2012-Q4", "2012-Q3"]


@pytest.mark.parametrize("text,expected", [
    ("The ceasefire began on March 3, 2012. Two days later it collapsed.",
     [("March 3, 2012", "2012-03-03", "2012-03-03", "2012-03-03"), ("Two days later", "2012-03-05", "2012-03-05", "2012-03-05")]),
    ("The port reopened on June 4, 2011; that day, ships queued.",
     [("June 4, 2011", "2011-06-04", "2011-06-04", "2011-06-04"), ("that day", "2011-06-04", "2011-06-04", "2011-06-04")]),
    ("Rebels took the town on May 9, 2010 and left the following day.",
     [("May 9, 2010", "2010-05-09", "2010-05-09", "2010-05-09"), ("the following day", "2010-05-10", "2010-05-10", "2010-05-10")]),
    ("The mill closed in April 2009 and reopened later that year.",
     [("April 2009", "2009-04-01", "2009-04-30", "2009-04"), ("later that year", "2009-01-01", "2009-12-31", "2009")]),
    ("Wages rose 3% in 2011, up from 2% a year earlier.",
     [("2011", "2011-01-01", "2011-12-31", "2011"), ("a year earlier", "2010-01-01", "2010-12-31", "2010")]),
])
def test_anchors_story_dates_lean_on_the_previous_date(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize("when", ["a year earlier", "a year ago"])
def test_anchors_a_year_back_from_the_only_quarter_named_even_if_running(when):
    """A fiscal fourth quarter reported in November: TimeML values "a year earlier" as that quarter a year back."""
    rows = _rows(f"The brewer reported lower fourth-quarter profit.\n\nIt earned $4 million, against $6 million {when}.")
    assert rows[1] == (when, "2011-10-01", "2011-12-31", "2011")


def test_anchors_without_a_previous_date_the_text_is_kept_without_interval():
    assert _rows("Two days later the talks collapsed.") == [("Two days later", None, None, None)]


def test_anchors_a_new_paragraph_does_not_lend_its_day():
    assert _rows("The port reopened on June 4, 2011.\nThat day, nobody came.")[1:] == []


def test_anchors_a_year_ago_is_the_day_a_year_before_publication():
    assert _rows("Turnout was higher a year ago.") == [("a year ago", "2011-11-15", "2011-11-15", "2011")]  # TIMEX3: the year


@pytest.mark.parametrize("text,value,start", [
    ("The mine is now closed.", "PRESENT_REF", "2012-11-15"),
    ("Talks are currently stalled.", "PRESENT_REF", "2012-11-15"),
    ("The mine recently closed.", "PAST_REF", None),
    ("The mine may reopen in the near future.", "FUTURE_REF", None),
    ("Prices should ease in coming months.", "FUTURE_REF", None),
    ("The ferry firm sees growth in the coming quarters.", "FUTURE_REF", None),
])
def test_anchors_reference_words(text, value, start):
    (d,) = resolve_dates(text, NOV)
    assert (d.value, d.start and str(d.start)) == (value, start)


def test_anchors_vague_references_can_be_left_out():
    assert resolve_dates("The mine recently closed, and is now shut.", NOV, vague=False)[0].value == "PRESENT_REF"


@pytest.mark.parametrize("text,expected", [
    ("The bakery expects higher sales for the full year.", [("the full year", "2012-01-01", "2012-12-31", "2012")]),
    ("Orders slowed earlier in the year, the firm said.", [("earlier in the year", "2012-01-01", "2012-12-31", "2012")]),
    ("Margins will widen in the current year.", [("the current year", "2012-01-01", "2012-12-31", "2012")]),
    ("Revenue for the year ended March 31 fell.", [("the year", "2011-04-01", "2012-03-31", "2012"),  # named for its end
                                                   ("March 31", "2012-03-31", "2012-03-31", "2012-03-31")]),
    ("She was named player of the year.", []),
    ("He had moved there the year before.", []),
])
def test_anchors_the_year_is_the_year_of_publication_unless_a_title_or_a_fiscal_span(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Net fell in 2011's fourth quarter.", ["2011-Q4"]),
    ("For the quarter ended June 30, the bakery lost money.", ["2012-Q2", "2012-06-30"]),
    ("Sales rose in 2010. The prior year, they fell.", ["2010", "2009"]),
    ("The mill lost money in the second quarter, after a profit in the 2011 quarter.", ["2012-Q2", "2011-Q2"]),
    ("Sales rose in the third quarter. Exports for last year's quarter were flat.", ["2012-Q3", "2011-Q3"]),
    ("Net rose in the third quarter from the same period a year ago.", ["2012-Q3", "2011-Q3"]),  # quarter_ref, not "a year ago"
    ("Net rose in the third quarter. It sees a gain in the third quarter of 2013. In the year-ago period it lost money.",
     ["2012-Q3", "2013-Q3", "2011-Q3"]),  # a year back from the report's quarter, not from the forecast
])
def test_anchors_quarters_and_years_named_by_their_story(text, expected):
    assert [r[3] for r in _rows(text)] == expected


def test_anchors_a_year_ago_leans_on_the_latest_quarter():
    text = "The insurer expects a fourth-quarter charge. Profit fell in the latest quarter from $6 million a year ago."
    assert [r[1:] for r in _rows(text)][2] == ("2011-07-01", "2011-09-30", "2011")


@pytest.mark.parametrize("text,expected", [
    ("Prices rose early in the month.", [("early in the month", "2012-11-01", "2012-11-10", "2012-11")]),
    ("The talks stalled earlier in the week.", [("earlier in the week", "2012-11-12", "2012-11-15", "2012-W46")]),
])
def test_anchors_early_or_late_in_the_month_is_publication_s(text, expected):
    assert _rows(text) == expected


def test_anchors_a_year_ago_after_a_quarter_s_closing_day_is_that_quarter_a_year_back():
    text = "The miner lost money in its fiscal first quarter ended Sept. 30, against a profit a year earlier."
    assert [r[3] for r in _rows(text)] == ["2012-Q1", "2012-09-30", "2011"]
    assert _rows(text)[2][1:3] == ("2011-01-01", "2011-03-31")


@pytest.mark.parametrize("text,expected", [
    ("For the week, the shares gained 4%.", [("the week", None, None, "2012-WXX")]),
    ("It was the week's busiest trading session.", [("the week", None, None, "2012-WXX")]),
    ("The shop is open every day of the week.", []),
    ("Later in the week the talks resumed.", [("Later in the week", "2012-11-15", "2012-11-18", "2012-W46")]),
])
def test_anchors_the_week_alone_is_an_unnamed_week(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Profit rose from the 2011 period. The year-ago results included a charge.", "2011"),
    ("Sales rose in 2012. The year-earlier results were restated.", "2011"),
])
def test_anchors_year_ago_after_a_past_year_is_the_report_s_comparison_year(text, expected):
    assert _rows(text)[-1][3] == expected


def test_anchors_a_year_earlier_after_an_old_year_still_steps_back_from_it():
    assert _rows("In 1985 the mill opened. A year earlier, the plan was drafted.")[-1][3] == "1984"


@pytest.mark.parametrize("text,expected", [
    ("The bakery earned $4 million in the third quarter, compared with a loss of $1 million last year.",
     ("last year", "2011-07-01", "2011-09-30", "2011")),
    ("Sales in the third quarter were $8 billion, up from last year's $7.5 billion.", ("last year", "2011-07-01", "2011-09-30", "2011")),
    ("The mill lost money in the third quarter. It was profitable last year.", ("last year", "2011-01-01", "2011-12-31", "2011")),
    ("Net rose 5% to $3 million from $2.8 million last year.", ("last year", "2011-01-01", "2011-12-31", "2011")),  # no quarter
])
def test_anchors_last_year_compared_in_a_quarterly_report_is_that_quarter_a_year_back(text, expected):
    assert _rows(text)[-1] == expected


def test_anchors_days_later_do_not_count_from_a_year():
    """ "The 2011 vote ... two days later": a year is no day to count from (the text is kept, no interval)."""
    rows = _rows("He lost the 2011 vote. Two days later he resigned.")
    assert rows == [("2011", "2011-01-01", "2011-12-31", "2011"), ("Two days later", None, None, None)]


@pytest.mark.parametrize("text,expected", [
    ("The code ends in 19 for the year it was found.", []),
    ("The year we won the cup was wet.", []),
    ("Sales for the year rose 4%.", [("the year", "2012-01-01", "2012-12-31", "2012")]),
])
def test_anchors_the_year_before_a_relative_clause_is_no_date(text, expected):
    assert _rows(text) == expected


def test_anchors_that_day_before_a_subject_is_still_a_date():
    rows = _rows("The port reopened on June 4, 2011. In a meeting that day he was told to wait.")
    assert rows[1] == ("that day", "2011-06-04", "2011-06-04", "2011-06-04")
