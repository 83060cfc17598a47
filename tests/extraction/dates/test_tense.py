"""Direction from tense: from the parse (hand-built Docs) and from the words around raw text."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from eventpipe.extraction.dates.resolution import resolve_dates
from eventpipe.extraction.dates.tense import tense_of_token

D = dt.date.fromisoformat
THU = D("2014-01-09")  # a Thursday


def _doc(words, heads, deps, tags, pos, lemmas) -> Doc:
    return Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas)


# "The committee will meet on Friday ." / "The committee met on Friday ." / "The vote is expected to happen on Friday ."
WILL = _doc(["The", "committee", "will", "meet", "on", "Friday", "."], [1, 3, 3, 3, 3, 4, 3],
            ["det", "nsubj", "aux", "ROOT", "prep", "pobj", "punct"], ["DT", "NN", "MD", "VB", "IN", "NNP", "."],
            ["DET", "NOUN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"], ["the", "committee", "will", "meet", "on", "Friday", "."])
MET = _doc(["The", "committee", "met", "on", "Friday", "."], [1, 2, 2, 2, 3, 2],
           ["det", "nsubj", "ROOT", "prep", "pobj", "punct"], ["DT", "NN", "VBD", "IN", "NNP", "."],
           ["DET", "NOUN", "VERB", "ADP", "PROPN", "PUNCT"], ["the", "committee", "meet", "on", "Friday", "."])
EXPECTED = _doc(["The", "vote", "is", "expected", "to", "happen", "on", "Friday", "."], [1, 3, 3, 3, 5, 3, 5, 6, 3],
                ["det", "nsubjpass", "auxpass", "ROOT", "aux", "xcomp", "prep", "pobj", "punct"],
                ["DT", "NN", "VBZ", "VBN", "TO", "VB", "IN", "NNP", "."],
                ["DET", "NOUN", "AUX", "VERB", "PART", "VERB", "ADP", "PROPN", "PUNCT"],
                ["the", "vote", "be", "expect", "to", "happen", "on", "Friday", "."])

# "Protesters planned a march on Saturday ." (the plan is past, the march may lie ahead)
PLANNED = _doc(["Protesters", "planned", "a", "march", "on", "Saturday", "."], [1, 1, 3, 1, 3, 4, 1],
               ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"], ["NNS", "VBD", "DT", "NN", "IN", "NNP", "."],
               ["NOUN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"], ["protester", "plan", "a", "march", "on", "Saturday", "."])


@pytest.mark.parametrize("doc,index,tense", [(WILL, 5, "future"), (MET, 4, "past"), (EXPECTED, 7, "future"), (PLANNED, 5, None)])
def test_tense_of_token_from_the_parse(doc, index, tense):
    assert tense_of_token(doc[index]) == tense


@pytest.mark.parametrize("doc,expected", [(WILL, "2014-01-10"), (MET, "2014-01-03"), (EXPECTED, "2014-01-10")])
def test_tense_parse_sets_the_weekday(doc, expected):
    (d,) = resolve_dates(doc.text, THU, parsed=[(0, doc)])
    assert str(d.start) == expected


@pytest.mark.parametrize("text,start", [
    ("The committee will meet on Friday.", "2014-01-10"),
    ("The committee met on Friday.", "2014-01-03"),
    ("The vote is expected in June.", "2014-06-01"),
    ("The vote was held in June.", "2013-06-01"),
    ("The hearing was postponed until Tuesday.", "2014-01-14"),
    ("Protesters planned to march on Saturday.", "2014-01-11"),
    ("Traders sold shares ahead of the weekend.", "2014-01-11"),
    ("Costs had risen this past spring.", "2013-03-01"),
])
def test_tense_from_words_around_raw_text(text, start):
    assert str(resolve_dates(text, THU)[0].start) == start


@pytest.mark.parametrize("text,published,start", [
    ("The bank agreed to sell the unit in January.", "2013-11-20", "2014-01-01"),  # two months ahead, ten back
    ("The bank sold the unit in April.", "2013-11-20", "2013-04-01"),
])
def test_tense_past_clause_month_a_little_ahead(text, published, start):
    assert str(resolve_dates(text, D(published))[0].start) == start


@pytest.mark.parametrize("text,value", [
    ("The mayor has scheduled a press briefing Thursday.", "1999-05-06"),
    ("Farmers planned a march through the capital on Saturday.", "1999-05-08"),
    ("The farmers marched through the capital on Saturday.", "1999-05-01"),
])
def test_tense_a_scheduled_or_planned_event_lies_ahead(text, value):
    assert [d.value for d in resolve_dates(text, dt.date(1999, 5, 5))] == [value]


def test_tense_would_be_doing_in_reported_speech_lies_ahead():
    found = resolve_dates("Aides said the envoy would be flying to Oslo Thursday.", dt.date(2000, 4, 5))
    assert [d.value for d in found] == ["2000-04-06"]


@pytest.mark.parametrize("text", [
    "The ferry will sail at dawn (5 a.m. GMT Thursday), the captain said.",
    "The envoy will meet Mr. Lund on Thursday, aides said.",
])
def test_tense_an_abbreviation_period_does_not_end_the_clause(text):
    assert [d.value for d in resolve_dates(text, dt.date(2000, 4, 5)) if d.granularity == "day"] == ["2000-04-06"]


@pytest.mark.parametrize("text,value", [
    ("The new currency will be launched Jan. 1.", "1999-01-01"),  # two months back, ten ahead: a future clause wins
    ("The ban takes effect Jan. 1.", "1999-01-01"),
    ("The currency was launched Jan. 1.", "1998-01-01"),
])
def test_tense_a_future_clause_keeps_its_date_ahead(text, value):
    assert [d.value for d in resolve_dates(text, dt.date(1998, 3, 4))] == [value]


@pytest.mark.parametrize("text,value", [
    ("Ahead of the summit, the ministry on Sunday issued a warning.", "2000-04-02"),
    ("Ahead of the summit, the ministry will on Sunday issue a warning.", "2000-04-09"),
])
def test_tense_the_verb_right_after_the_date_decides(text, value):
    assert [d.value for d in resolve_dates(text, dt.date(2000, 4, 5))] == [value]


def test_tense_a_present_meet_with_a_weekday_is_the_next_one():
    assert [d.value for d in resolve_dates("The two leaders meet separately Monday.", dt.date(1998, 5, 1))] == ["1998-05-04"]


@pytest.mark.parametrize("text,value", [
    ("The envoy left on Tuesday and is due back Friday.", "1998-08-21"),
    ("The trial starts Monday.", "1998-08-24"),
])
def test_tense_due_and_starts_lie_ahead(text, value):
    assert [d.value for d in resolve_dates(text, dt.date(1998, 8, 19))][-1] == value


@pytest.mark.parametrize("text,value", [
    ("He was sentenced Sept. 15.", "1997-09-15"),  # the verb it follows happened: the day lies behind
    ("He was arrested on Aug. 27.", "1997-08-27"),
    ("He will be sentenced Sept. 15.", "1998-09-15"),
    ("The hearing was set for Aug. 27.", "1998-08-27"),
])
def test_tense_a_day_right_after_a_past_verb_lies_behind(text, value):
    assert [d.value for d in resolve_dates(text, dt.date(1998, 8, 19))] == [value]


def test_tense_ahead_of_the_weekend_is_the_coming_one():
    assert [d.value for d in resolve_dates("Traders had squared positions ahead of the weekend.", THU)] == ["2014-W02-WE"]
