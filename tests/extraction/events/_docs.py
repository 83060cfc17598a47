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
