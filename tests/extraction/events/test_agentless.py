"""Agentless events on the real model: passives and event nouns with no named source (invented sentences)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventpipe.extraction.batch import document_id
from eventpipe.extraction.events.mentions import mentions_for_document
from eventpipe.schemas import Document

from ._docs import mentions_of


def _mentions(text, nlp, knowledge):
    return [(m.actor.text, m.actor.sector, m.actor.implied, m.action.cameo, m.target.text if m.target else None)
            for m in mentions_of(text, nlp, knowledge)]


@pytest.mark.parametrize("text, expected", [
    # an agentless passive arrest implies police (COP), with no actor words invented
    ("More than 200 students were arrested in the capital on Friday.", ("", "COP", True, "173")),
    # a conviction implies a court; CAMEO codes the conviction of an individual 116
    ("The two men were convicted of fraud last year.", ("", "JUD", True, "116")),
    # criminal charges are 115 (the codebook's note to 173), brought by prosecutors; an unresolved "he" is the target
    ("The mayor was charged with bribery.", ("", "JUD", True, "115")),
    ("He was jailed for fraud in 1996.", ("", "JUD", True, "173")),
    # an event noun as subject: the shooting happened, nobody is named
    ("The shooting left two dead.", ("", None, False, "193")),
    # an unaccusative with an event noun: clashes erupted
    ("Clashes erupted in the old city after the vote.", ("", None, False, "190")),
    # protests imply protesters
    ("The protests spread to five towns.", ("", "CVL", True, "141")),
    # a subjectless participle: the act is agentless, its target the subject of the clause above
    ("A teacher died in Lagos after being shot in his office.", ("", None, False, "193")),
    # deaths in combat are violence, not an accident
    ("Two villagers were killed in combat near the border.", ("", None, False, "190")),
    # charges and imprisonment undergone by the subject of an active verb
    ("Both brothers faced six counts of fraud.", ("", "JUD", True, "115")),
    ("The former mayor of Lyon faces trial in March.", ("", "JUD", True, "115")),
    ("The former mayor is serving a ten-year sentence for bribery.", ("", "JUD", True, "173")),
    ("The activist is already in prison in Egypt.", ("", "JUD", True, "173")),
    # who receives a sentence is its target, not its actor
    ("The former mayor received a five-year prison sentence in 2016.", ("", "JUD", True, "173")),
    # an indictment brings charges (115, the codebook's note to 173)
    ("He was indicted on Monday.", ("", "JUD", True, "115")),
])
def test_agentless_events_get_a_null_source(text, expected, nlp, knowledge):
    found = [m[:4] for m in _mentions(text, nlp, knowledge)]
    assert expected in found


@pytest.mark.parametrize("text", [
    # accidents: a bare passive "was killed" reports no act of anyone
    "A worker was killed at the steel plant on Monday.",
    # natural forces and diseases are no actors
    "The virus has already killed more than 500 people.",
    "As Hurricane Maria hit the islands, forecasters issued new alerts.",
    # an accident named as the means: still no act of anyone
    "Four workers were killed in the crash on Monday.",
    "The farmer was injured in a fall.",
])
def test_agentless_disasters_and_accidents_give_no_event(text, nlp, knowledge):
    assert not [m for m in _mentions(text, nlp, knowledge) if m[3][:2] >= "14"]


def test_agentless_named_event_keeps_the_sentence(nlp, knowledge):
    # the sentence's event has a named actor: the agentless background act adds no second mention
    found = _mentions("Ruritania lifted the curfew in the province where ten people were killed in riots.", nlp, knowledge)
    assert all(actor for actor, *_ in found)


def test_mentions_protester_violence_is_a_riot(nlp, knowledge):
    found = _mentions("Rioters set fire to a police station.", nlp, knowledge)
    assert any(actor == "Rioters" and cameo == "145" for actor, _, _, cameo, _ in found)


def test_mentions_place_list_is_one_mention(nlp, knowledge):
    # a list of places where one act happened is one event, not one per place
    found = _mentions("Police raided homes in Ohio, Texas and Utah.", nlp, knowledge)
    assert len([m for m in found if m[3] == "175"]) == 1
    # a list of recipients stays one event per recipient
    found = _mentions("Norway sent aid to Chile and Peru.", nlp, knowledge)
    assert {m[4] for m in found} == {"Chile", "Peru"}


def test_mentions_unresolved_pronoun_is_the_actor_of_a_material_act(nlp, knowledge):
    found = _mentions("They arrested three men for looting.", nlp, knowledge)
    assert ("They", None, False, "173") in [m[:4] for m in found]


@pytest.mark.parametrize("text, actor, cameo", [
    # an unspecified assault by one individual is 180; by an armed group 190
    ("A man attacked two women near the station.", "man", "180"),
    ("Rebels attacked the army base.", "Rebels", "190"),
])
def test_mentions_lone_attacker_is_an_assault(text, actor, cameo, nlp, knowledge):
    assert (actor, cameo) in [(m[0], m[3]) for m in _mentions(text, nlp, knowledge)]


def test_mentions_attacking_an_idea_is_no_violence(nlp, knowledge):
    found = _mentions("The senator attacked the investigation of the Ruritanian embassy.", nlp, knowledge)
    assert not [m for m in found if m[3][:2] >= "18"]


@pytest.mark.parametrize("text, cameo", [
    ("A suicide bomber killed 12 people at a market in Kabul.", "1831"),
    ("Militants detonated a car bomb outside the Iraqi embassy.", "1832"),
    ("Syrian forces used chemical weapons against civilians in Douma.", "2041"),
    ("Police dispersed the protesters with tear gas.", "175"),
    ("The Nigerian government released 200 prisoners on Monday.", "0841"),
    ("Egypt and Israel signed an agreement on gas exports.", "057"),
    ("Soldiers massacred 40 villagers in the province.", "202"),
])
def test_mentions_specific_code_wins_over_the_generic_one(text, cameo, nlp, knowledge):
    assert cameo in [m[3] for m in _mentions(text, nlp, knowledge)]


@pytest.mark.parametrize("text", ["The senators killed the bill in committee.", "People break those laws every day."])
def test_mentions_force_on_a_rule_or_a_text_is_no_violence(text, nlp, knowledge):
    assert not [m for m in _mentions(text, nlp, knowledge) if m[3][:2] >= "18"]


@pytest.mark.parametrize("text, cameo", [
    ("The new law sparked anger and protests in Ruritania.", "141"),        # an effect, coordinated
    ("The verdict sparked unrest in the capital.", "145"),                   # civil unrest is rioting
    ("The dispute resulted in his arrest.", "173"),                          # resulted in
    ("After a mass shooting near the border, the town stayed quiet for days.", "193"),  # after
    ("There was a shooting at the party.", "193"),                           # existential
    ("Police responded to reports of a shooting at a party.", "193"),       # reports of
    ("He was jailed in the aftermath of the riots in the capital.", "145"),  # the aftermath of
    ("The city has seen violent protests since May.", "141"),               # what a place went through
    ("The town has been home to intense protests since June.", "141"),
])
def test_agentless_event_noun_caused_or_followed_is_reported(text, cameo, nlp, knowledge):
    assert cameo in [m[3] for m in _mentions(text, nlp, knowledge) if m[0] == ""]


@pytest.mark.parametrize("text", [
    "After the earthquake, the town was rebuilt.",
    "The minister spoke about protests in general.",
    "The minister spoke about the history of protests in the country.",
    "She saw the protests on television.",
])
def test_agentless_event_noun_in_other_adjuncts_is_background(text, nlp, knowledge):
    assert not [m for m in _mentions(text, nlp, knowledge) if m[0] == "" and m[3][:2] >= "14"]


def test_agentless_place_is_no_actor_of_violence(nlp, knowledge):
    # the city where a murder happened did not do it: the act is agentless, the victim its target
    found = _mentions("A journalist was murdered last May in the embassy in Cairo.", nlp, knowledge)
    assert [m[0] for m in found if m[3][:2] >= "18"] == [""]


@pytest.mark.parametrize("text, expected", [
    # force modifiers name the actor of an act noun
    ("Protests grew after the army killing of two farmers.", ("army", "190")),
    ("Hundreds fled following Ruritanian airstrikes on the town.", ("Ruritanian", "195")),
    # an act noun with its actor, in an adjunct that reports it; its modifiers refine the code
    ("In 2006, the refinery was the target of an Al-Qaeda suicide attack.", ("Al-Qaeda", "1831")),
])
def test_mentions_force_modifier_is_the_actor_of_an_act_noun(text, expected, nlp, knowledge):
    assert expected in [(m[0], m[3]) for m in _mentions(text, nlp, knowledge)]


def test_agentless_effect_of_a_named_event_is_kept(nlp, knowledge):
    # the shooting has a named actor; the riots it sparked are an agentless event beside it
    found = [m[:4] for m in _mentions("The police shooting of a teenager in Denver sparked riots in the city.", nlp, knowledge)]
    assert ("police", "COP", False, "193") in found or ("police", None, False, "193") in found
    assert ("", "CVL", True, "145") in found


@pytest.mark.parametrize("text, actor, cameo", [
    # police force against protesters is repression (175), not a fight
    ("A student was injured by police during the protest.", "police", "175"),
    # several unnamed assailants: an assault (180), as by one
    ("Multiple assailants attacked the journalist near his home.", "Multiple assailants", "180"),
    # a killing by police stays a killing
    ("Police killed a protester on Friday.", "Police", "190"),
    # light verbs before an attack noun code the attack; by an individual it is an assault
    ("Police said the suspect performed two attacks.", "suspect", "180"),
    ("Turkey began supporting the government, providing airstrikes with its air force.", "Turkey", "195"),
    # protesters who surround or block obstruct (144); members of a group act for it
    ("A group of protesters surrounded the minister as he left the hall.", "protesters", "144"),
    ("Protesters blocked the main road for hours.", "Protesters", "144"),
    # joining a protest is protesting
    ("She protested alone at first, but thousands of students later joined the protest.", "students", "141"),
    # the "by" object of a means noun is the agent of the passive: "killed in an attack by militants"
    ("Six soldiers were killed in an attack by militants on Sunday.", "militants", "190"),
    # agent nouns: officers are police
    ("The officers shot the man dead outside a store.", "officers", "193"),
    # firearms are small arms (193), knives unconventional violence (180, the codebook's note)
    ("A gunman shot three shoppers at the mall.", "gunman", "193"),
    ("A man stabbed two commuters at the station.", "man", "180"),
    # a crowd that rallies or gathers demonstrates (141); troops that rally show force (150)
    ("Supporters of the opposition rallied in the capital.", "Supporters of the opposition", "141"),
    ("Thousands of people had gathered outside the parliament with slogans.", "people", "141"),
    ("Troops rallied near the border.", "Troops", "150"),
])
def test_mentions_violence_fine_codes(text, actor, cameo, nlp, knowledge):
    assert (actor, cameo) in [(m[0], m[3]) for m in _mentions(text, nlp, knowledge)]


@pytest.mark.parametrize("text, kept", [
    # a legal act in a clause of its own is kept beside the named event
    ("The arrest came after an allegation he assaulted his neighbour.", ("", "COP", True, "173")),
])
def test_agentless_legal_act_beside_a_named_event(text, kept, nlp, knowledge):
    found = [m[:4] for m in _mentions(text, nlp, knowledge)]
    assert kept in found and any(m[0] for m in found)


def test_agentless_background_beside_a_named_event_is_dropped(nlp, knowledge):
    # the killings are background to the named act in the same clause: no agentless violence beside it
    found = _mentions("Ruritania lifted the curfew in the province where ten people were killed in riots.", nlp, knowledge)
    assert not [m for m in found if not m[0] and m[3][:2] >= "18"]


@pytest.mark.parametrize("text, crime", [
    # the crime a legal act is for is the accused's own act; the legal act stays
    ("Smith, 60, is serving a life sentence for the 1990 assassination of the governor.", ("Smith, 60", "186")),
    ("The court jailed the man for the murder of a guard.", ("man", "180")),
])
def test_mentions_crime_of_a_legal_act_is_the_accused_act(text, crime, nlp, knowledge):
    found = [(m[0], m[3]) for m in _mentions(text, nlp, knowledge)]
    assert crime in found and any(cameo.startswith("17") for _, cameo in found)


def test_mentions_crime_gerund_of_a_conviction_is_the_convicted_act(nlp, knowledge):
    # "convicted of killing": the convicted killed, not the court
    found = [(m[0], m[3]) for m in _mentions("The man was convicted of killing his neighbour in 2016.", nlp, knowledge)]
    assert ("man", "180") in found


def test_agentless_bare_act_noun_is_no_source(nlp, knowledge):
    # "hurt in the shooting": the act noun stands in for no one
    got = _mentions("Two bystanders were hurt in the shooting.", nlp, knowledge)
    assert got and all(actor == "" for actor, *_ in got)


def test_agentless_led_to_protests_names_no_protester(nlp, knowledge):
    got = _mentions("The arrest of the mayor in Springfield, Illinois led to protests.", nlp, knowledge)
    assert ("", None, False, "141", None) in [(a, s, i, c, t) for a, s, i, c, t in got] or any(
        c == "141" and a == "" for a, _, _, c, _ in got)
    assert all(a != "Illinois" for a, *_ in got)


def test_agentless_killing_a_dictionary_person_is_assassination(nlp, knowledge):
    got = _mentions("Soldiers killed Abu Bakr al-Baghdadi in a raid.", nlp, knowledge)
    assert any(c == "186" for _, _, _, c, _ in got)


def test_agentless_protest_without_object_is_a_demonstration(nlp, knowledge):
    got = _mentions("Hundreds of nurses protested outside the ministry on Monday.", nlp, knowledge)
    assert any(c == "141" for _, _, _, c, _ in got)


def test_agentless_passive_split_by_an_adjunct_has_no_agent(nlp, knowledge):
    got = _mentions("Four men were on Sunday arrested in the capital.", nlp, knowledge)
    assert got and all(actor == "" for actor, *_ in got)


def test_agentless_pronoun_for_a_named_leader_killed_is_assassination(nlp, knowledge):
    text = "Abu Bakr al-Baghdadi was hiding in a village. Soldiers killed him in a raid."
    document = Document(doc_id=document_id(text), uri="memory://test", title=None, published=dt.date(2020, 3, 2),
                        published_basis="metadata", text=text, n_chars=len(text),
                        ingested_at=dt.datetime(2020, 3, 2, tzinfo=dt.timezone.utc), run_id="t")
    got = [m.action.cameo for m in mentions_for_document(document, [(0, nlp(text))], knowledge, "t")]
    assert "186" in got


def test_agentless_a_trial_faced_is_undergone_not_done(nlp, knowledge):
    """ "would face trial": the subject undergoes the trial, it threatens no one (no 13x of his)."""
    found = _mentions("If the council votes to remove him, the mayor of Lyon would face trial.", nlp, knowledge)
    assert [m for m in found if m[3][:2] == "13"] == []
