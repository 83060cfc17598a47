"""Hand-built parsed sentences: a model update cannot move what these tests check."""

from __future__ import annotations

from spacy.tokens import Doc
import spacy

_VOCAB = spacy.blank("en").vocab


def build(rows: list[tuple[str, int, str, str, str, str, str]]) -> Doc:
    """A Doc from rows of (word, head index, dep, pos, tag, lemma, entity IOB tag such as "B-GPE" or "O")."""
    words, heads, deps, pos, tags, lemmas, ents = (list(col) for col in zip(*rows))
    return Doc(_VOCAB, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas, ents=ents,
               sent_starts=[True] + [False] * (len(words) - 1))


def mentions_of(text: str, nlp, knowledge) -> list:
    """The mentions of `text` as one document published 2020-03-02, parsed by the real model."""
    import datetime as dt

    from eventpipe.extraction.batch import document_id
    from eventpipe.extraction.events.mentions import mentions_for_document
    from eventpipe.schemas import Document

    document = Document(doc_id=document_id(text), uri="memory://test", title=None, published=dt.date(2020, 3, 2),
                        published_basis="metadata", text=text, n_chars=len(text),
                        ingested_at=dt.datetime(2020, 3, 2, tzinfo=dt.timezone.utc), run_id="t")
    return mentions_for_document(document, [(0, nlp(text))], knowledge, "t")
