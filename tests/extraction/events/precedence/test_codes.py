"""The specific CAMEO code over the generic one, frame by frame (invented sentences)."""

import pytest

from eventpipe.extraction.events.frames import find_frames
from eventpipe.extraction.events.precedence.codes import specific_action


@pytest.mark.parametrize("text, trigger, cameo", [
    ("A suicide bomber killed five soldiers near the base.", "killed", "1831"),
    ("Protesters attacked the police outside the ministry.", "attacked", "145"),
    ("Police fired tear gas at protesters in the square.", "fired", "175"),
    ("Gunmen killed the provincial governor on his way home.", "killed", "186"),
    ("The senator attacked the budget proposal.", "attacked", "111"),
    ("The militants carried out the attack using drones.", "carried", "195"),
    ("The rebels attacked the airport with drones.", "attacked", "195"),
    ("Ahmed Haddad was killed by French special forces in Mali.", "killed", "186"),
    ("Ahmed Haddad was killed in a French counterterrorism operation in Mali.", "killed", "186"),
    ("He punched the guard.", "punched", "182"),
    ("A gunman went on a shooting spree in the mall.", "went", "180"),
    ("The militia orchestrated the bombings of the embassy.", "orchestrated", "183"),
    # protesters who throw things riot, whatever they throw
    ("Protesters in Hong Kong threw bottles at the police.", "threw", "145"),
    ("Demonstrators hurled objects at riot police.", "hurled", "145"),
])
def test_codes_specific_action_wins_over_the_generic_code(text, trigger, cameo, nlp, knowledge):
    frame = next(f for f in find_frames(nlp(text)[:]) if f.trigger.text == trigger)
    coded, _ = specific_action(frame, knowledge)
    assert coded.cameo == cameo


def test_codes_figurative_killing_is_no_event(nlp, knowledge):
    frame = next(f for f in find_frames(nlp("The committee killed the bill on Tuesday.")[:]) if f.trigger.text == "killed")
    assert specific_action(frame, knowledge) is None


def test_codes_operation_country_is_the_source_of_a_passive_killing(nlp):
    frame = next(f for f in find_frames(nlp("Ahmed Haddad was killed in a US raid in Syria.")[:]) if f.trigger.text == "killed")
    assert frame.source.text == "US" and not frame.source_means


def test_codes_throwing_by_someone_not_protesting_is_no_riot(nlp, knowledge):
    frame = next(f for f in find_frames(nlp("The boy threw a ball to his friend.")[:]) if f.trigger.text == "threw")
    assert specific_action(frame, knowledge) is None
