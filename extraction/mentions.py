"""Turn parsed paragraphs of one document into coded, validated `EventMention` records."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..schemas import Action, Actor, Document, EventDate, EventMention, Place, Span
from .actors import ActorCode, ActorDictionary, load_actor_dictionary
from .codebook import ActionCode, Codebook, load_codebook
from .dates import resolve_dates
from .frames import Frame, find_frames, owned_tokens, phrase
from .places import resolve_places

EXTRACTOR_VERSION = "0.1.0"
# Verbs whose event is in their complement: the speaker is not the actor of what is reported.
REPORTING_VERBS = {"say", "tell", "report", "state", "add", "claim", "announce", "insist", "stress", "reply", "note", "write", "allege"}
PLACE_FEATURES_FOR_EVENTS = {"city", "admin1", "region"}


@dataclass(frozen=True)
class Knowledge:
    """Everything coding needs, loaded once and passed in."""

    codebook: Codebook
    actors: ActorDictionary

    @property
    def version(self) -> str:
        return f"{EXTRACTOR_VERSION}+{self.codebook.version[:8]}.{self.actors.version[:8]}"


def load_knowledge() -> Knowledge:
    """Load the codebook and actor dictionaries (cached by their loaders)."""
    return Knowledge(codebook=load_codebook(), actors=load_actor_dictionary())


@dataclass
class _DocContext:
    """What one document tells every sentence: its places, dates and people."""

    document: Document
    places: list[Place]
    dates: list[EventDate]
    people: dict[str, str]
    last_person: str | None = None


def mention_id(doc_id: str, sentence_index: int, trigger_start: int, actor_start: int) -> str:
    """Stable id of a mention: the same text always yields the same id."""
    key = f"{doc_id}|{sentence_index}|{trigger_start}|{actor_start}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _span(offset: int, tokens: SpacySpan) -> Span:
    return Span(start=offset + tokens.start_char, end=offset + tokens.end_char)


def _overlaps(span: Span | None, start: int, end: int) -> bool:
    return span is not None and span.start < end and start < span.end


def _token_chars(offset: int, doc: Doc, indices: set[int]) -> list[tuple[int, int]]:
    return [(offset + doc[i].idx, offset + doc[i].idx + len(doc[i])) for i in sorted(indices)]


def _code_actor(text: str, knowledge: Knowledge, published: dt.date | None) -> ActorCode | None:
    return knowledge.actors.code_actor(text, on=published)


def _actor(token: Token, offset: int, ctx: _DocContext, knowledge: Knowledge) -> Actor:
    start, end = phrase(token)
    words = token.doc[start:end]
    text = words.text
    lookup = text
    if token.lower_ in {"he", "she", "him", "her"} and ctx.last_person:
        lookup = ctx.last_person
    elif token.ent_type_ == "PERSON":
        lookup = ctx.people.get(token.text, text)
    code = _code_actor(lookup, knowledge, ctx.document.published)
    if code is None or code.country is None:
        # "The deputy chief of staff of Iran's armed forces, ... Hejazi": the appositive or the full phrase may tell more.
        wider = [token.doc[token.left_edge.i : token.right_edge.i + 1].text]
        wider += [token.doc[c.left_edge.i : c.right_edge.i + 1].text for c in token.children if c.dep_ == "appos"]
        for candidate in wider:
            better = _code_actor(candidate[:200], knowledge, ctx.document.published)
            if better and (code is None or (better.country and not code.country)):
                code = better
                break
    return Actor(
        text=text,
        code=code.code if code else None,
        country=code.country if code else None,
        sector=code.sector if code else None,
        span=_span(offset, words),
    )


def _action(frame: Frame, knowledge: Knowledge) -> tuple[ActionCode, Token] | None:
    if frame.noun_trigger is not None:
        coded = knowledge.codebook.code_noun(frame.noun_trigger.lemma_.lower())
        if coded:
            return coded, frame.noun_trigger
    coded = knowledge.codebook.code_verb(frame.lemma, frame.context)
    return (coded, frame.trigger) if coded else None


def _location(frame: Frame, offset: int, sentence_span: Span, ctx: _DocContext) -> Place | None:
    for token in frame.places:
        start = offset + token.idx
        for place in ctx.places:
            if _overlaps(place.span, start, start + len(token)) and place.feature in PLACE_FEATURES_FOR_EVENTS:
                return place
    in_sentence = [p for p in ctx.places if _overlaps(p.span, sentence_span.start, sentence_span.end)]
    for place in in_sentence:
        if place.feature in {"city", "admin1"}:
            return place
    return None


def _date(frame: Frame, offset: int, ctx: _DocContext) -> EventDate:
    node = frame.trigger
    while True:
        for start, end in _token_chars(offset, node.doc, owned_tokens(node)):
            for date in ctx.dates:
                if _overlaps(date.span, start, end):
                    return date
        if node.head is node or node.dep_ not in {"ccomp", "xcomp", "advcl", "conj", "pcomp", "acomp"}:
            break
        node = node.head
    published = ctx.document.published
    if published is None:
        return EventDate(basis="none")
    return EventDate(start=published, end=published, granularity="day", basis="publication")


def _is_reporting(frame: Frame) -> bool:
    return frame.trigger.lemma_.lower() in REPORTING_VERBS and any(
        c.dep_ in {"ccomp", "xcomp"} or c.lower_ == "that" for c in frame.trigger.children
    )


def _confidence(actor: Actor, target: Actor | None, code: ActionCode, frame: Frame) -> float:
    """A heuristic score in [0, 1]; calibration against gold is reported by `eventpipe score`."""
    score = 0.35
    score += 0.2 if actor.country or actor.code else 0.0
    score += 0.15 if target and (target.country or target.code) else 0.0
    score += 0.1 if code.pattern and "*" in code.pattern else 0.05
    score += 0.0 if frame.source_inherited else 0.1
    score += 0.05 if frame.modality == "asserted" else 0.0
    return round(min(score, 0.99), 3)


def _event_month(date: EventDate, published: dt.date | None) -> str:
    anchor = date.start or published
    return anchor.strftime("%Y-%m") if anchor else "unknown"


def _remember_people(ents: Sequence[SpacySpan], ctx: _DocContext) -> None:
    """Full names by surname, so "Maliki" is coded as "Nuri al-Maliki" was; the last one for "he"."""
    for ent in ents:
        if ent.label_ == "PERSON" and len(ent) > 1:
            ctx.people.setdefault(ent[-1].text, ent.text)
            ctx.last_person = ent.text


def mentions_for_document(
    document: Document, parsed: Sequence[tuple[int, Doc]], knowledge: Knowledge, run_id: str
) -> list[EventMention]:
    """Every coded event mention of a document, from its parsed paragraphs [(char offset, Doc)]."""
    ctx = _DocContext(
        document=document,
        places=resolve_places(document.text),
        dates=resolve_dates(document.text, document.published),
        people={},
    )
    mentions: dict[str, EventMention] = {}
    sentence_index = -1
    for offset, doc in parsed:
        for sentence in doc.sents:
            sentence_index += 1
            sentence_span = _span(offset, sentence)
            for frame in find_frames(sentence):
                mention = _mention(frame, offset, sentence, sentence_index, sentence_span, ctx, knowledge, run_id)
                if mention is not None:
                    mentions.setdefault(mention.mention_id, mention)
            _remember_people(sentence.ents, ctx)
    return list(mentions.values())


def _mention(
    frame: Frame,
    offset: int,
    sentence: SpacySpan,
    sentence_index: int,
    sentence_span: Span,
    ctx: _DocContext,
    knowledge: Knowledge,
    run_id: str,
) -> EventMention | None:
    if frame.source is None or _is_reporting(frame):
        return None
    coded = _action(frame, knowledge)
    if coded is None:
        return None
    code, trigger = coded
    actor = _actor(frame.source, offset, ctx, knowledge)
    target = _actor(frame.target, offset, ctx, knowledge) if frame.target is not None else None
    if target is not None and actor.span == target.span:
        target = None
    action = Action(
        text=trigger.text,
        lemma=frame.lemma if trigger is frame.trigger else trigger.lemma_.lower(),
        cameo=code.cameo,
        root=code.root,
        quad_class=code.quad_class,
        goldstein=code.goldstein,
        plover=code.plover,
        span=Span(start=offset + trigger.idx, end=offset + trigger.idx + len(trigger)),
    )
    date = _date(frame, offset, ctx)
    return EventMention(
        mention_id=mention_id(ctx.document.doc_id, sentence_index, action.span.start, actor.span.start),
        doc_id=ctx.document.doc_id,
        sentence_index=sentence_index,
        sentence=sentence.text,
        sentence_span=sentence_span,
        actor=actor,
        action=action,
        target=target,
        location=_location(frame, offset, sentence_span, ctx),
        date=date,
        modality=frame.modality,
        confidence=_confidence(actor, target, code, frame),
        extractor_version=knowledge.version,
        run_id=run_id,
        event_month=_event_month(date, ctx.document.published),
    )
