import datetime as dt

import pytest

from eventpipe.extraction.reading.cleaning import clean_text, is_boilerplate, paragraphs, parse_dateline

ARTICLE = """  1. Skip to content
  2. Skip to main menu

Rebels take the port

March 3, 2015

Rebels seized the port of Aden on Tuesday.

Fighters near the harbour
Photo: AP

A second paragraph.

ab/cd (AFP, Reuters)"""


@pytest.mark.parametrize(
    "line", ["1. Skip to content", "Image: Reuters", "Photo: AP", "jm/tj (Reuters, AFP, AP)", "Skip to more DW sites"]
)
def test_cleaning_drops_boilerplate(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", ["Rebels seized the port of Aden on Tuesday.", "Image of a nation", "Skipper wins race"])
def test_cleaning_keeps_content(line):
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    "line,expected",
    [
        ("January 6, 2014", dt.date(2014, 1, 6)),
        ("Friday, January 4, 2019", dt.date(2019, 1, 4)),
        ("6 Jan 2014", dt.date(2014, 1, 6)),
        ("Rebels attacked on January 6, 2014.", None),
        ("January 2014", None),
    ],
)
def test_cleaning_parses_datelines(line, expected):
    assert parse_dateline(line) == expected


def test_cleaning_finds_title_date_and_paragraphs():
    cleaned = clean_text(ARTICLE)
    assert cleaned.title == "Rebels take the port"
    assert cleaned.published == dt.date(2015, 3, 3)
    assert "Skip to" not in cleaned.text and "Photo:" not in cleaned.text and "AFP" not in cleaned.text
    texts = [p for _, p in paragraphs(cleaned.text)]
    assert texts[0] == "Rebels take the port"
    assert "Rebels seized the port of Aden on Tuesday." in texts


def test_cleaning_metadata_wins_over_text():
    cleaned = clean_text(ARTICLE, title="Given", published=dt.date(2015, 3, 4))
    assert (cleaned.title, cleaned.published) == ("Given", dt.date(2015, 3, 4))


def test_cleaning_no_title_when_first_line_is_a_sentence():
    cleaned = clean_text("Troops fired on protesters in the capital.\nThe army denied it.")
    assert cleaned.title is None and cleaned.published is None


def test_cleaning_paragraph_offsets_point_into_text():
    cleaned = clean_text(ARTICLE)
    for offset, text in paragraphs(cleaned.text):
        assert cleaned.text[offset : offset + len(text)] == text


def test_cleaning_strips_control_characters():
    assert clean_text("Troops\x00 fired\x07 on\r\nprotesters.").text == "Troops fired on\n\nprotesters."
