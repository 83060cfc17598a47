"""Accidents and statistics give no conflict event (invented sentences, real model)."""

from __future__ import annotations

import pytest

from eventpipe.extraction.events.discards import accidental, statistic

from .test_agentless import _mentions


@pytest.mark.parametrize("text", [
    # an explosion or a blast whose phrase names an industrial or domestic cause is an accident
    "The explosion at the chemical plant killed three workers.",
    "Three workers were killed in a gas explosion at the plant.",
    "Two miners died in a blast at the coal mine.",
    # counted events are statistics, not reports of an event
    "Murders in the city fell by 12 percent last year, police said.",
    "The number of arrests rose to 300 in 2019.",
    # disasters
    "A landslide hit the village, killing 12 people.",
    "The plane crashed into the sea, killing all 150 people on board.",
    # a passive harm done by a disaster or an accident, counted by figures, or a strain
    "At least 30 people were killed in floods in Kerala.",
    "Two climbers were killed by falling rocks in Peru.",
    "Four people were killed when a bus overturned on a mountain road in Nepal.",
    "Crime figures show 300 people were murdered in the city last year.",
    "Hospitals were overwhelmed as cases rose by 1,000.",
    # a match score makes a verb of force a game
    "Liverpool beat Chelsea 2-1 on Sunday.",
    "The team crushed their rivals in the final.",
    # harm told as a general truth: simple present, no object or a bare plural one
    "Such gangs harm people and they end up in prison.",
])
def test_discards_accidents_and_statistics_give_no_conflict_event(text, nlp, knowledge):
    assert not [m for m in _mentions(text, nlp, knowledge) if m[3][:2] >= "14"]


@pytest.mark.parametrize("text", [
    # a bomb blast or an explosion at a market is still an attack
    "Five soldiers were killed in a bomb blast near the base.",
    "Nine people were killed in an explosion at a market.",
    "Three soldiers were killed in an ambush in Mali.",
    "Rebels attacked the stadium during the match.",
    # a present-tense report with a determined or named object is still news
    "Rebels attack the town.",
    "Israeli jets bomb Gaza.",
])
def test_discards_attacks_are_no_accidents(text, nlp, knowledge):
    assert [m for m in _mentions(text, nlp, knowledge) if m[3][:2] in {"18", "19"}]


@pytest.mark.parametrize("text, index, expected", [
    ("A gas explosion hit the town.", 2, True),
    ("A bomb explosion hit the town.", 2, False),
    ("The fire at the warehouse spread.", 1, True),
])
def test_discards_accidental_reads_the_noun_phrase(text, index, expected, nlp):
    assert accidental(nlp(text)[index]) is expected


@pytest.mark.parametrize("text, index, expected", [
    ("Arrests rose sharply.", 0, True),
    ("The number of attacks doubled.", 3, True),
    ("Attacks continued overnight.", 0, False),
])
def test_discards_statistic_reads_the_clause(text, index, expected, nlp):
    assert statistic(nlp(text)[index]) is expected


@pytest.mark.parametrize("text", [
    "An explosion was heard near the port on Monday.",
    "A loud blast shook the old city overnight.",
])
def test_discards_an_explosion_without_a_bomb_word_is_no_bombing(text, nlp, knowledge):
    assert not [m for m in _mentions(text, nlp, knowledge) if m[3][:2] == "18"]


@pytest.mark.parametrize("text, code", [
    ("A suicide blast killed ten people at the checkpoint.", "1831"),
    ("A roadside explosion wounded two soldiers on the highway.", "1833"),
    ("A bomb blast damaged the station.", "183"),
])
def test_discards_a_blast_with_a_bomb_word_is_that_bombing(text, code, nlp, knowledge):
    assert code in {m[3] for m in _mentions(text, nlp, knowledge)}
