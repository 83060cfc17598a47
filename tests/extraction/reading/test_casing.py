"""Letter case: all-lower and all-upper documents get normal case back, and code like normal text."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventpipe.extraction.batch import BatchResult, extract_documents, read_document
from eventpipe.extraction.reading.articles import RawArticle
from eventpipe.extraction.reading.casing import letter_case, restore_case

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
NAMES = {"ruritania": "Ruritania", "ivan petrov": "Ivan Petrov", "un": "UN", "al qaeda": "Al Qaeda"}


@pytest.mark.parametrize("text, expected", [
    ("police in ruritania arrested ten people on monday. they were released later.", "lower"),
    ("POLICE IN RURITANIA ARRESTED TEN PEOPLE ON MONDAY.", "upper"),
    ("Police in Ruritania arrested ten people on Monday.", None),
    ("Police said the ferry sank near the coast on its way to the port and that the crew swam ashore.", None),
    ("the ferry sank near the coast. Officials said the crew swam to the shore and then walked home.", "lower"),
    ("ok", None),  # too short to tell
])
def test_casing_detects_the_case_of_a_document(text, expected):
    assert letter_case(text) == expected


def test_casing_restores_names_sentence_starts_and_titles():
    text = "president ivan petrov met the un envoy in ruritania. i said al-qaeda had left."
    restored = restore_case(text, NAMES)
    assert restored == "President Ivan Petrov met the UN envoy in Ruritania. I said Al-Qaeda had left."
    assert len(restored) == len(text)


def test_casing_leaves_normal_text_alone_and_keeps_offsets():
    normal = "Ruritania's army said it was ready."
    assert restore_case(normal, NAMES) is normal
    upper = "RURITANIA'S ARMY SAID IT WAS READY."
    assert restore_case(upper, lambda: NAMES) == normal


def _mentions(text, nlp, knowledge):
    document = read_document(RawArticle(uri="memory://seed", text=text), "t")
    batch = extract_documents(BatchResult(documents=[document]), nlp, knowledge, "t")
    return sorted((m.actor.text.lower(), m.actor.code, m.action.cameo, m.target.text.lower() if m.target else None,
                   m.target.code if m.target else None, m.sentence_index, m.action.span.start) for m in batch.mentions)


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_casing_lower_and_upper_case_seed_give_the_same_mentions(seed, nlp, knowledge):
    text = (SEEDS / seed).read_text(encoding="utf-8")
    normal = _mentions(text, nlp, knowledge)
    assert normal
    assert _mentions(text.lower(), nlp, knowledge) == normal
    assert _mentions(text.upper(), nlp, knowledge) == normal
