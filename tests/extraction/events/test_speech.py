"""Verbal acts (statements, intents, denials) on the real model: one invented sentence per construction."""

from __future__ import annotations


import pytest

from eventpipe.extraction.events.complements import plan_events
from eventpipe.extraction.events.frames import companions, find_frames

from ._docs import mentions_of


def _mentions(text, nlp, knowledge):
    return mentions_of(text, nlp, knowledge)


@pytest.mark.parametrize("text", [
    "The minister described the report to the envoys.",
])
def test_speech_plain_statement_is_no_event(text, nlp, knowledge):
    # 010 "make statement": a statement is coded only as the act it is (claim, denial, appeal, ...)
    assert [m.action.cameo for m in _mentions(text, nlp, knowledge) if m.action.cameo == "010"] == []


@pytest.mark.parametrize("text, expected", [
    ("Egypt, together with Jordan, condemned the raid.", ["Egypt", "Jordan"]),
    ("The union, along with the Civic Rights League, has announced plans to sue the city.", ["union", "League"]),
])
def test_speech_companion_acts_with_the_subject(text, expected, nlp):
    doc = nlp(text)
    frames = list(find_frames(doc[:]))
    root = next(t for t in doc if t.dep_ == "ROOT")
    assert sorted({f.source.text for f in frames if f.trigger.i == root.i}) == sorted(expected)
    subject = next(t for t in root.children if t.dep_ == "nsubj")
    assert [t.text for t in companions(subject)] == [expected[1]]


def test_speech_companion_needs_along_or_together(nlp):
    doc = nlp("Egypt condemned the raid with Jordan.")
    assert companions(doc[0]) == []


def test_speech_plan_holders_are_the_verbs_subjects(nlp, knowledge):
    # "X, along with Y, announced their plans to sue": both hold the plan (an announced hostile act: 130)
    from eventpipe.extraction.events.mentions import _codes

    doc = nlp("The union, along with the Civic Rights League, has announced their plans to sue the city.")
    frames = list(find_frames(doc[:]))
    codes = {i: c.cameo for i, (c, _) in _codes(frames, knowledge).items()}
    plans = plan_events(frames, codes)
    assert sorted((p.frame.source.text, p.cameo) for p in plans) == [("League", "130"), ("union", "130")]


def test_speech_denial_coordinated_with_another_act_is_its_own_event(nlp, knowledge):
    # "said that he met ... but denied that ...": the denial is not swallowed by the meeting
    from eventpipe.extraction.events.mentions import _codes

    doc = nlp("The mayor said that he met the envoys but denied that he signed any deal.")
    frames = list(find_frames(doc[:]))
    codes = {i: c.cameo for i, (c, _) in _codes(frames, knowledge).items()}
    assert sorted(p.cameo for p in plan_events(frames, codes)) == ["016", "040"]


@pytest.mark.parametrize("text, verb, source", [
    ("The ministers were reported by local media to have visited the camp.", "visited", "ministers"),
    ("The rebels are said to have attacked the convoy.", "attacked", "rebels"),
])
def test_speech_raising_passive_subject_acts(text, verb, source, nlp):
    # "X were reported to have visited": the passive reporting verb's subject is the infinitive's actor
    frames = [f for f in find_frames(nlp(text)[:]) if f.trigger.text == verb]
    assert [f.source.text for f in frames] == [source]


def test_speech_addressee_of_asking_verb_has_no_raising(nlp):
    # "was asked to resign": the subject is only asked; who asked is not named
    assert [f for f in find_frames(nlp("The mayor was asked to resign.")[:]) if f.trigger.text == "resign"] == []


def test_speech_appeal_to_an_uncoded_addressee(nlp, knowledge):
    found = [(m.actor.text, m.action.root, m.target.text if m.target else None)
             for m in _mentions("The Electoral Committee urged states not to delay their elections.", nlp, knowledge)]
    assert ("Electoral Committee", "02", "states") in found


@pytest.mark.parametrize("text, actor, cameo", [
    ('Vale called the plan "a reckless gamble".', "Vale", "111"),
    ('Opposition leaders attacked the budget, with Ann Vale calling the plan "a reckless gamble".', "Ann Vale", "111"),
    ('Vale called the agreement "historic".', "Vale", "051"),
])
def test_speech_quoted_characterisation_is_a_judgement(text, actor, cameo, nlp, knowledge):
    # naming verbs with a quoted characterisation: criticism (111), praise (051) when the words praise
    assert (actor, cameo) in [(m.actor.text, m.action.cameo) for m in _mentions(text, nlp, knowledge)]


@pytest.mark.parametrize("text, cameo", [
    ("Vale called the minister on Monday.", "041"),
    ('Vale called on the council to "act now".', "020"),
])
def test_speech_naming_verb_without_quoted_judgement_keeps_its_code(text, cameo, nlp, knowledge):
    assert [m.action.cameo for m in _mentions(text, nlp, knowledge)] == [cameo]


def test_speech_postposed_general_stays_in_the_title(nlp, knowledge):
    found = _mentions("Attorneys general from ten states filed a lawsuit against the governor.", nlp, knowledge)
    assert [(m.actor.text, m.action.root) for m in found] == [("Attorneys general from ten states", "11")]


def test_speech_condolences_from_a_list_the_parser_split(nlp, knowledge):
    # "came from X, Y and Z": each sender expresses condolences (018), also when the list hangs on the verb
    text = "Expressions of condolences have come from social media users, TV producer Ali Hamad, and al-Masri."
    found = {m.actor.text for m in _mentions(text, nlp, knowledge) if m.action.cameo == "018"}
    assert {"TV producer Ali Hamad", "al-Masri"} <= found


def test_speech_measured_share_is_no_act(nlp, knowledge):
    # "reached 3 percent support": a poll figure, not an endorsement (051)
    text = "Two weeks before the deadline, Vale had only reached 3 percent support in two polls."
    assert [m.action.cameo for m in _mentions(text, nlp, knowledge)] == []


def test_speech_determine_means_find_out(nlp, knowledge):
    # "determine" (find out) is no intent; "determined to" stays an intent marker (complements.MARKERS)
    text = "Police were able to determine the car had come from the base."
    assert [m.action.root for m in _mentions(text, nlp, knowledge)] == []


def test_speech_vow_coordinated_with_a_coded_verb_is_its_own_event(nlp, knowledge):
    # "did not concede ... and vowed to keep fighting": the vow (a threat, 13) is not swallowed by the concession
    from eventpipe.extraction.events.mentions import _codes

    doc = nlp('The governor did not concede defeat in his statement, and vowed to keep fighting "the good fight".')
    frames = list(find_frames(doc[:]))
    codes = {i: c.cameo for i, (c, _) in _codes(frames, knowledge).items()}
    assert sorted(p.cameo[:2] for p in plan_events(frames, codes)) == ["08", "13"]


@pytest.mark.parametrize("text, expected", [
    ("The move came after the European Union sanctioned Ruritania last week.", [("European Union", "16")]),
    ("The concert ended after the mayor praised the volunteers.", []),  # only "came"/"followed" make the clause the news
])
def test_speech_act_in_the_clause_a_sequel_follows(text, expected, nlp, knowledge):
    assert [(m.actor.text, m.action.root) for m in _mentions(text, nlp, knowledge)] == expected


@pytest.mark.parametrize("text, cameo", [
    ("Vale appealed the verdict.", "115"),           # against a ruling: legal action, like a lawsuit
    ("Vale appealed for calm.", "020"),              # a plea for something
    ("Vale appealed to donors to send aid.", "020"),  # a plea to someone to act
])
def test_speech_legal_appeal_is_legal_action(text, cameo, nlp, knowledge):
    assert [m.action.cameo for m in _mentions(text, nlp, knowledge)] == [cameo]


@pytest.mark.parametrize("text, actor, root", [
    # a first-person speaker is the speaker of the quote: its verbal acts and inquiries need no addressee
    ('"Today I am proud to endorse her for mayor," said Ann Vale.', "I", "05"),
    ('"We are investigating the attack," said a police spokeswoman in Leeds.', "We", "09"),
])
def test_speech_first_person_speaker_acts_without_addressee(text, actor, root, nlp, knowledge):
    found = [(m.actor.text, m.action.root) for m in _mentions(text, nlp, knowledge)]
    assert (actor, root) in found, found


def test_speech_disapproval_trailing_another_act_is_a_second_act(nlp, knowledge):
    text = "Senator Ann Vale withdrew from the pact with the mayor, condemning his remarks."
    found = [(m.actor.text, m.action.root) for m in _mentions(text, nlp, knowledge)]
    assert ("Senator Ann Vale", "11") in found, found


def test_speech_characterisation_trailing_a_demand_is_no_second_act(nlp, knowledge):
    text = "Chile demanded talks with Peru, calling the raid a grave provocation."
    assert [m for m in _mentions(text, nlp, knowledge) if m.action.root == "11"] == []


def test_speech_saying_one_did_an_act_of_violence_claims_it(nlp, knowledge):
    found = [(m.actor.text, m.action.cameo) for m in _mentions("The Taliban said they had killed five soldiers in Kunduz.",
                                                                nlp, knowledge)]
    assert ("Taliban", "015") in found and any(c[:2] == "19" for _, c in found), found


def test_speech_saying_one_did_a_lawful_act_claims_nothing(nlp, knowledge):
    found = _mentions("Police in Kabul said they arrested three men.", nlp, knowledge)
    assert [m for m in found if m.action.cameo == "015"] == []
