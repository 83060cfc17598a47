"""Participants on hand-built parses: eventive heads are no actors, collective heads yield their members."""

from __future__ import annotations

import pytest

from eventpipe.extraction.events.actors import ActorCode
from eventpipe.extraction.events.participants import participant

from ._docs import build

MIL = ActorCode("MIL", None, "MIL", "agent")


def _code(text: str) -> ActorCode | None:
    return MIL if any(w in text.lower() for w in ("military", "deputies", "troops")) else None


# "joint military exercises"
EXERCISES = [("joint", 2, "amod", "ADJ", "JJ", "joint", "O"), ("military", 2, "amod", "ADJ", "JJ", "military", "O"),
             ("exercises", 2, "ROOT", "NOUN", "NNS", "exercise", "O")]
# "a general strike"  (an eventive noun of the codebook)
STRIKE = [("a", 2, "det", "DET", "DT", "a", "O"), ("military", 2, "amod", "ADJ", "JJ", "military", "O"),
          ("strike", 2, "ROOT", "NOUN", "NN", "strike", "O")]
# "a group of deputies"
GROUP = [("a", 1, "det", "DET", "DT", "a", "O"), ("group", 1, "ROOT", "NOUN", "NN", "group", "O"),
         ("of", 1, "prep", "ADP", "IN", "of", "O"), ("deputies", 2, "pobj", "NOUN", "NNS", "deputy", "O")]
# "military troops"
TROOPS = [("military", 1, "amod", "ADJ", "JJ", "military", "O"), ("troops", 1, "ROOT", "NOUN", "NNS", "troop", "O")]


@pytest.mark.parametrize("rows, head, expected", [
    (EXERCISES, 2, None), (STRIKE, 2, None), (GROUP, 1, "deputies"), (TROOPS, 1, "troops"),
])
def test_participants_actor_head(rows, head, expected):
    found = participant(build(rows)[head], [], _code)
    assert (found.token.text if found else None) == expected


def _real_code(knowledge):
    return lambda text: knowledge.actors.code_actor(text)


@pytest.mark.parametrize("text, word, shown, country", [
    # a kinship noun with a possessor is a person even when nothing codes it
    ("Chilean police arrested his cousin on Monday.", "cousin", "cousin", None),
    # a bare agent noun takes the code of the group it belongs to
    ("Peru hunted gunmen loyal to the Shining Path in the hills.", "gunmen", "gunmen", "PER"),
])
def test_participants_kin_and_affiliated_agents(text, word, shown, country, nlp, knowledge):
    token = next(t for t in nlp(text) if t.text == word)
    found = participant(token, [], _real_code(knowledge))
    assert found is not None and found.token.text == shown
    assert (found.code.country if found.code else None) == country


@pytest.mark.parametrize("text, word, force", [
    ("SARS-CoV-2 has killed 300 people in Ruritania.", "SARS", True),   # a disease name the tokenizer splits
    ("The storm hit the coast.", "storm", True),
    ("Gunmen killed 40 people.", "Gunmen", False),
])
def test_participants_natural_force_names(text, word, force, nlp):
    from eventpipe.extraction.events.participants import natural_force

    doc = nlp(text)
    assert natural_force(next(t for t in doc if t.text == word)) is force


@pytest.mark.parametrize("text, head, actor", [
    ("The Vale campaign criticized the senator.", "campaign", True),   # a candidate's organisation
    ("The bombing campaign ended in May.", "campaign", False),          # an act, not an actor
])
def test_participants_campaign_named_after_a_person(text, head, actor, nlp, knowledge):
    from eventpipe.extraction.events.mentions import _code_actor
    from eventpipe.extraction.events.participants import participant

    doc = nlp(text)
    token = next(t for t in doc if t.text == head)
    found = participant(token, [], lambda s: _code_actor(s, knowledge, None))
    assert (found is not None and found.token.text == head) is actor


# "a Red Dawn group" / "Jones , a farmer ,"
NAMED_BODY = [("a", 3, "det", "DET", "DT", "a", "O"), ("Red", 2, "compound", "PROPN", "NNP", "Red", "O"),
              ("Dawn", 3, "compound", "PROPN", "NNP", "Dawn", "O"), ("group", 3, "ROOT", "NOUN", "NN", "group", "O")]
DESCRIBED = [("Jones", 0, "ROOT", "PROPN", "NNP", "Jones", "B-GPE"), (",", 0, "punct", "PUNCT", ",", ",", "O"),
             ("a", 3, "det", "DET", "DT", "a", "O"), ("farmer", 0, "appos", "NOUN", "NN", "farmer", "O"),
             (",", 0, "punct", "PUNCT", ",", ",", "O")]


def test_participants_body_named_by_proper_noun_is_an_actor():
    doc = build(NAMED_BODY)
    assert participant(doc[3], [], lambda text: None).token.text == "group"


def test_participants_name_with_indefinite_appositive_is_a_person():
    from eventpipe.extraction.events.participants import described_person

    assert described_person(build(DESCRIBED)[0])
    assert not described_person(build(NAMED_BODY)[1])
