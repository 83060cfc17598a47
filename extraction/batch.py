"""One batch of raw articles in, documents + mentions + rejects out: the unit a flow task runs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import time
import traceback
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from pydantic import ValidationError
from spacy.language import Language
from spacy.tokens import Doc

from ..schemas import Document, EventMention, Reject, Stage
from .reading.casing import restore_case
from .reading.cleaning import clean_text, paragraphs
from .errors import InputError
from .reading.inputs import RawArticle, language_checked
from .events.actors import cased_names
from .events.mentions import Knowledge, mentions_for_document
from .nlp import MAX_PARAGRAPH_CHARS, parse_paragraphs

EXCERPT_CHARS = 200
MAX_DOCUMENT_CHARS = 2_000_000  # about 300k words: a minute of parsing; longer inputs are rejected


@dataclass
class BatchResult:
    """What one batch produced, with counts and seconds per stage."""

    documents: list[Document] = field(default_factory=list)
    mentions: list[EventMention] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    inputs: int = 0
    skipped: int = 0
    words: int = 0
    timings: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    loads: dict[str, int] = field(default_factory=dict)  # host:pid -> spaCy pipelines it had loaded (1: loaded once)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def document_id(text: str) -> str:
    """sha256 of the whitespace-normalised cleaned text: the same article always has the same id."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def reject(error: InputError, stage: Stage, run_id: str) -> Reject:
    """The reject row of an input error."""
    key = f"{error.uri}|{error.line}|{stage}|{error.reason}"
    return Reject(
        reject_id=hashlib.sha256(key.encode()).hexdigest()[:32],
        uri=error.uri, line=error.line, stage=stage, reason=error.reason, detail=error.detail,
        excerpt=(error.excerpt or None) and error.excerpt[:EXCERPT_CHARS], run_id=run_id, at=utcnow(),
    )


def input_key(article: RawArticle) -> str:
    """sha256 of what cleaning reads from an article (text, title, date): same key, same document."""
    parts = (article.text, article.title or "", str(article.published or ""), article.published_basis or "")
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def read_document(article: RawArticle, run_id: str, max_chars: int = MAX_DOCUMENT_CHARS) -> Document:
    """Clean an article into a `Document`; raises InputError when nothing is left or it is too long."""
    if len(article.text) > max_chars:
        raise InputError(
            "too_large", article.uri, f"{len(article.text):,} characters is over the limit of {max_chars:,} "
            "(raise EVENTPIPE_MAX_DOCUMENT_CHARS to accept it)", article.line, article.text[:EXCERPT_CHARS],
        )
    # all-lower or all-upper text gets normal case back before anything reads it (same length)
    cleaned = clean_text(restore_case(article.text, cased_names), title=article.title, published=article.published)
    if not cleaned.text.strip():
        raise InputError("empty", article.uri, "no text left after removing boilerplate", article.line, article.text[:EXCERPT_CHARS])
    basis = article.published_basis or ("metadata" if article.published else ("dateline" if cleaned.published else "none"))
    return Document(
        doc_id=document_id(cleaned.text),
        source_id=article.source_id,
        uri=article.uri,
        source=article.source,
        title=cleaned.title,
        published=cleaned.published,
        published_basis=basis,
        text=cleaned.text,
        n_chars=len(cleaned.text),
        ingested_at=utcnow(),
        run_id=run_id,
        input_key=input_key(article),
    )


def read_batch(
    items: Iterable[RawArticle | InputError],
    run_id: str,
    known: set[str] = frozenset(),
    seen: dict[str, str] | None = None,
    max_chars: int = MAX_DOCUMENT_CHARS,
    known_inputs: set[str] = frozenset(),
    languages: Collection[str] | None = None,
) -> BatchResult:
    """Read and clean one batch: the documents to parse, with rejects and skips recorded.

    known: doc_ids already stored (skipped); known_inputs: their `input_key`s, which skip an
    unchanged input before any cleaning. `seen` (doc_id -> uri) carries over the batches of a
    run: a text met a second time, in this batch or an earlier one, is a `duplicate` reject
    naming the first file. languages: when given, text clearly in another language is rejected.
    """
    result = BatchResult()
    seen = {} if seen is None else seen
    clock = time.perf_counter()
    for item in items:
        result.inputs += 1
        if not isinstance(item, InputError) and input_key(item) in known_inputs:
            result.skipped += 1
            continue
        item = language_checked(item, languages)
        if isinstance(item, InputError):
            result.rejects.append(reject(item, "read", run_id))
            continue
        try:
            document = read_document(item, run_id, max_chars)
        except InputError as error:
            result.rejects.append(reject(error, "read", run_id))
            continue
        except ValidationError as error:
            result.rejects.append(reject(InputError("validation", item.uri, str(error).splitlines()[0], item.line), "validate", run_id))
            continue
        if document.doc_id in known:
            result.skipped += 1
        elif document.doc_id in seen:
            detail = f"same text as {seen[document.doc_id]}"
            result.rejects.append(reject(InputError("duplicate", item.uri, detail, item.line), "read", run_id))
        else:
            seen[document.doc_id] = item.uri
            result.documents.append(document)
    result.timings["read"] += time.perf_counter() - clock
    return result


def _pieces(text: str, limit: int) -> list[tuple[int, str]]:
    """(offset, piece) cuts of an over-long paragraph at whitespace, each under the parser's limit."""
    pieces, start = [], 0
    while len(text) - start > limit:
        cut = text.rfind(" ", start + 1, start + limit)
        cut = cut if cut > start else start + limit
        pieces.append((start, text[start:cut]))
        start = cut
    pieces.append((start, text[start:]))
    return pieces


def _parsed_documents(nlp: Language, documents: Sequence[Document], n_process: int, batch_size: int) -> Iterator[tuple[int, list[tuple[int, Doc]]]]:
    """(document index, [(paragraph offset, Doc)]) per document in order, streamed: only one
    document's parses are held at a time (spaCy keeps the order, also with several processes)."""
    jobs = (
        (piece, (i, offset + start))
        for i, d in enumerate(documents)
        for offset, text in paragraphs(d.text)
        for start, piece in _pieces(text, MAX_PARAGRAPH_CHARS)
    )
    current, parsed = None, []
    for doc, (i, offset) in parse_paragraphs(nlp, jobs, batch_size=batch_size, n_process=n_process):
        if i != current and current is not None:
            yield current, parsed
            parsed = []
        current = i
        parsed.append((offset, doc))
    if current is not None:
        yield current, parsed


def extract_documents(batch: BatchResult, nlp: Language, knowledge: Knowledge, run_id: str, n_process: int = 1, batch_size: int = 64) -> BatchResult:
    """A copy of a `read_batch` result with its documents parsed and their mentions (and rejects) added.

    The input is left as it was, so a retried task starts from the same batch. Each document is
    extracted as soon as it is parsed, so a batch never holds more than one document's parses.
    """
    batch = dataclasses.replace(
        batch, documents=list(batch.documents), mentions=list(batch.mentions), rejects=list(batch.rejects),
        timings=defaultdict(float, batch.timings),
    )
    clock = time.perf_counter()
    extract_seconds = 0.0
    for i, paragraphs_parsed in _parsed_documents(nlp, batch.documents, n_process, batch_size):
        started = time.perf_counter()
        _extract_one(batch, batch.documents[i], paragraphs_parsed, knowledge, run_id)
        extract_seconds += time.perf_counter() - started
    for document in batch.documents:
        batch.words += len(document.text.split())
    batch.timings["parse"] += time.perf_counter() - clock - extract_seconds
    batch.timings["extract"] += extract_seconds
    return batch


def _extract_one(batch: BatchResult, document: Document, paragraphs_parsed: list[tuple[int, Doc]], knowledge: Knowledge, run_id: str) -> None:
    """Add one parsed document's mentions to the batch; a failure becomes a reject, never stops the batch."""
    try:
        batch.mentions.extend(mentions_for_document(document, paragraphs_parsed, knowledge, run_id))
    except ValidationError as error:
        batch.rejects.append(reject(InputError("validation", document.uri, str(error).splitlines()[0]), "validate", run_id))
    except Exception as error:  # noqa: BLE001 - one bad document must not stop the batch
        detail = f"{type(error).__name__}: {error} ({traceback.format_exc(limit=-1).splitlines()[-2].strip()})"
        batch.rejects.append(reject(InputError("extract", document.uri, detail), "extract", run_id))


def extract_batch(
    items: Iterable[RawArticle | InputError],
    nlp: Language,
    knowledge: Knowledge,
    run_id: str,
    known_doc_ids: set[str] = frozenset(),
    n_process: int = 1,
    batch_size: int = 64,
    max_chars: int = MAX_DOCUMENT_CHARS,
) -> BatchResult:
    """Read, parse and extract one batch; every input ends as a document, a skip or a reject."""
    batch = read_batch(items, run_id, set(known_doc_ids), max_chars=max_chars)
    return extract_documents(batch, nlp, knowledge, run_id, n_process, batch_size)
