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
])
def test_codes_specific_action_wins_over_the_generic_code(text, trigger, cameo, nlp, knowledge):
    frame = next(f for f in find_frames(nlp(text)[:]) if f.trigger.text == trigger)
    coded, _ = specific_action(frame, knowledge)
    assert coded.cameo == cameo


def test_codes_figurative_killing_is_no_event(nlp, knowledge):
    frame = next(f for f in find_frames(nlp("The committee killed the bill on Tuesday.")[:]) if f.trigger.text == "killed")
    assert specific_action(frame, knowledge) is None
