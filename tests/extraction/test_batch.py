"""read_batch: every input is a document, a skip or a reject, across the batches of a run."""

import datetime as dt

from eventpipe.extraction.batch import input_key, read_batch
from eventpipe.extraction.errors import InputError
from eventpipe.extraction.reading.inputs import RawArticle

STORY = "Police arrested ten protesters in Cairo on Monday, officials said."
GERMAN = "Die Polizei hat am Montag in Kairo zehn Demonstranten festgenommen, wie Beamte mitteilten. " * 3


def _article(uri: str, text: str = STORY, **fields) -> RawArticle:
    return RawArticle(uri=uri, text=text, **fields)


def test_batch_same_text_in_a_later_batch_is_a_duplicate_naming_the_first():
    seen: dict[str, str] = {}
    first = read_batch([_article("a.txt")], "r", seen=seen)
    second = read_batch([_article("b.txt")], "r", seen=seen)
    assert [d.uri for d in first.documents] == ["a.txt"] and second.documents == []
    assert [(r.reason, r.uri) for r in second.rejects] == [("duplicate", "b.txt")]
    assert "a.txt" in second.rejects[0].detail


def test_batch_known_input_is_skipped_before_cleaning_and_language_checks():
    known = {input_key(_article("x", GERMAN))}
    batch = read_batch([_article("old.txt", GERMAN), _article("new.txt", GERMAN + " Neu.")], "r", known_inputs=known, languages=("en",))
    assert batch.skipped == 1 and batch.documents == []
    assert [(r.reason, r.uri) for r in batch.rejects] == [("language", "new.txt")]


def test_batch_input_key_changes_with_title_or_date_and_is_stored_on_the_document():
    plain = _article("a.txt")
    assert input_key(plain) != input_key(_article("a.txt", title="Cairo"))
    assert input_key(plain) != input_key(_article("a.txt", published=dt.date(2014, 1, 6)))
    assert read_batch([plain], "r").documents[0].input_key == input_key(plain)


def test_batch_counts_every_input():
    items = [_article("a.txt"), InputError("empty", "b.txt"), _article("c.txt", "  ")]
    batch = read_batch(items, "r")
    assert batch.inputs == 3 == len(batch.documents) + len(batch.rejects) + batch.skipped
