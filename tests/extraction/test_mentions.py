"""Mentions end to end on the real model (one sentence of our own per construction) and the discard list."""

from __future__ import annotations

import datetime as dt

import pytest

from eventpipe.extraction.batch import document_id
from eventpipe.extraction.discards import compile_discards, usable
from eventpipe.extraction.mentions import mentions_for_document
from eventpipe.schemas import Document


def _mentions(text, nlp, knowledge):
    document = Document(doc_id=document_id(text), uri="memory://test", title=None, published=dt.date(2020, 3, 2),
                        published_basis="metadata", text=text, n_chars=len(text),
                        ingested_at=dt.datetime(2020, 3, 2, tzinfo=dt.timezone.utc), run_id="t")
    return mentions_for_document(document, [(0, nlp(text))], knowledge, "t")


@pytest.mark.parametrize("text, actor, root, target", [
    # intention + complement = one 03 event aimed at the complement's target
    ("Norway agreed on Monday to send medical supplies to Chile.", "Norway", "03", "Chile"),
    # reported speech: the pronoun is the speaker, the statement itself is no event
    ("Portugal said it would support Chile.", "Portugal", "03", "Chile"),
    # threat recoded to 13
    ("Egypt threatened to impose sanctions on Libya.", "Egypt", "13", "Libya"),
])
def test_mentions_complex_events(text, actor, root, target, nlp, knowledge):
    found = [(m.actor.text, m.action.root, m.target.text if m.target else None) for m in _mentions(text, nlp, knowledge)]
    assert (actor, root, target) in found
    assert not any(r == "01" for _, r, _ in found)


@pytest.mark.parametrize("text", ["Ruritania's striker scored two goals in the World Cup final against Chile."])
def test_mentions_discarded_sentence_has_no_event(text, nlp, knowledge):
    assert _mentions(text, nlp, knowledge) == []


@pytest.mark.parametrize("phrase, kept", [("1998", False), ("months ago", False), ("world cup", True), ("champion", False)])
def test_mentions_discard_entries_usable(phrase, kept):
    assert usable(phrase) is kept


@pytest.mark.parametrize("sentence, hit", [("The World-Cup final drew crowds.", "world-cup"), ("Troops fired on protesters.", None)])
def test_mentions_discards_match_whole_words(sentence, hit):
    assert compile_discards(["world cup", "tennis"]).voids(sentence) == hit


@pytest.mark.parametrize("text, actor, root, target", [
    # "must" under a reporting verb: the speaker demands it of the complement's subject
    ("Portugal declared on Monday that Chile must lower its tariffs.", "Portugal", "10", "Chile"),
    # object pattern past the object's modifiers
    ("Riot police dispersed a peaceful student protest.", "Riot police", "17", None),
    # send ... to: military aid to the recipient
    ("Norway sent new rifles to the Malian army.", "Norway", "07", "Malian army"),
])
def test_mentions_demands_and_object_patterns(text, actor, root, target, nlp, knowledge):
    found = [(m.actor.text, m.action.root, m.target.text if m.target else None) for m in _mentions(text, nlp, knowledge)]
    assert (actor, root, target) in found


@pytest.mark.parametrize("text", ["Chile expressed deep concern on Monday."])
def test_mentions_verbal_event_needs_a_target(text, nlp, knowledge):
    assert _mentions(text, nlp, knowledge) == []
