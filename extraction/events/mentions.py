"""Turn parsed paragraphs of one document into coded, validated `EventMention` records."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as SpacySpan, Token

from ...schemas import Action, Actor, Document, EventDate, EventMention, Place, Span
from ...schemas.records import is_historical
from .actors import ActorCode, ActorDictionary, load_actor_dictionary
from .agentless import AgentlessEvent, agentless_events, bare_act, beside_named, undergoes, without_actor
from .actors import data_version as actors_version
from .codebook import ActionCode, Codebook, load_codebook
from .codebook import data_version as codebook_version
from .confidence import confidence, confidence_features
from .complements import Planned, is_secondary, past_background, plan_events
from ..dates.resolution import resolve_dates
from .discards import Discards, accidental, load_discards
from .frames import (ACTOR_ENTS, NON_ACTOR_ENTS, Frame, _places, coordinated, described_phrase, find_frames, for_clauses, is_means, owned_tokens,
                     phrase)
from .nominals import crime_frames, nominal_frames, sent_frames
from .precedence.codes import GATHERINGS, figure_killed, specific_action
from .participants import Participant, conjuncts, first_participant, named, natural_force, participant, phrase_text
from ..places.geography import actor_geography, event_location
from ..places.resolution import PLACE_NOUNS, resolve_places

EXTRACTOR_VERSION = "0.1.0"
# Verbs whose event is in their complement: the speaker is not the actor of what is reported.
REPORTING_VERBS = {"say", "tell", "report", "state", "add", "claim", "announce", "insist", "stress", "reply", "note", "write"}


@dataclass(frozen=True)
class Knowledge:
    """Everything coding needs, loaded once and passed in."""

    codebook: Codebook
    actors: ActorDictionary
    discards: Discards | None = None

    @property
    def version(self) -> str:
        return _knowledge_version(self.codebook.version, self.actors.version)


def _knowledge_version(codebook: str, actors: str) -> str:
    return f"{EXTRACTOR_VERSION}+{codebook[:8]}.{actors[:8]}"


def knowledge_version() -> str:
    """The version `load_knowledge()` will carry, from its files' hashes alone (a run with nothing
    new to extract never parses the dictionaries)."""
    return _knowledge_version(codebook_version(), actors_version())


def load_knowledge() -> Knowledge:
    """Load the codebook and actor dictionaries (cached by their loaders)."""
    return Knowledge(codebook=load_codebook(), actors=load_actor_dictionary(), discards=load_discards())


@dataclass
class _DocContext:
    """What one document tells every sentence: its places, dates and people."""

    document: Document
    places: list[Place]
    dates: list[EventDate]
    people: dict[str, str]
    last_person: str | None = None
    offsets: dict[int, int] = field(default_factory=dict)
    earlier: list[SpacySpan] = field(default_factory=list)
    titled: dict[str, ActorCode | None] = field(default_factory=dict)  # surname -> code its titled mention got


def mention_id(doc_id: str, sentence_index: int, trigger_start: int, actor_start: int, target_start: int = -1) -> str:
    """Stable id of a mention: the same text always yields the same id."""
    key = f"{doc_id}|{sentence_index}|{trigger_start}|{actor_start}" + (f"|{target_start}" if target_start >= 0 else "")
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _span(offset: int, tokens: SpacySpan) -> Span:
    return Span(start=offset + tokens.start_char, end=offset + tokens.end_char)


def _overlaps(span: Span | None, start: int, end: int) -> bool:
    return span is not None and span.start < end and start < span.end


def _token_chars(offset: int, doc: Doc, indices: set[int]) -> list[tuple[int, int]]:
    return [(offset + doc[i].idx, offset + doc[i].idx + len(doc[i])) for i in sorted(indices)]


def _code_actor(text: str, knowledge: Knowledge, published: dt.date | None) -> ActorCode | None:
    return knowledge.actors.code_actor(text[:200], on=published)


def _actor(found: Participant, ctx: _DocContext, knowledge: Knowledge) -> Actor:
    """The Actor record of a chosen participant (the antecedent's phrase for a pronoun)."""
    token = found.token
    # a gathering's participants are shown by the gathering alone ("a peaceful anti-government protest"):
    # neither where it was nor what it opposed names them
    gathering = found.code is None and token.lemma_.lower() in GATHERINGS
    start, end = phrase(token) if gathering else described_phrase(token)
    words = token.doc[start:end]
    code = found.code
    if token.ent_type_ == "PERSON" and token.text in ctx.people:
        code = _code_actor(ctx.people[token.text], knowledge, ctx.document.published) or code
    if not gathering and (code is None or code.country is None):
        # "The deputy chief of staff of Iran's armed forces, ... Hejazi": the appositive or the full phrase may tell more.
        wider = [token.doc[token.left_edge.i : token.right_edge.i + 1].text]
        wider += [token.doc[c.left_edge.i : c.right_edge.i + 1].text for c in token.children if c.dep_ == "appos"]
        for candidate in wider:
            better = _code_actor(candidate, knowledge, ctx.document.published)
            if better and (code is None or (better.country and not code.country)):
                code = better
                break
    code = _titled(words, code, ctx)
    return Actor(
        text=words.text,
        code=code.code if code else None,
        country=code.country if code else None,
        sector=code.sector if code else None,
        span=(span := _span(ctx.offsets.get(id(token.doc), 0), words)), **actor_geography(ctx.places, span),
        pronoun=found.via_pronoun.text if found.via_pronoun is not None else None,
    )


def _titled(words: SpacySpan, code: ActorCode | None, ctx: _DocContext) -> ActorCode | None:
    """The code of a person named with a title: "President X" (a title with no country) takes the document's
    country; the code a titled name gets ("President X", "Y's foreign minister X") is carried to later
    mentions of the surname ("X said")."""
    people = [t for t in words if t.ent_type_ == "PERSON" and t.pos_ == "PROPN"]
    if not people:
        # a surname the tagger did not take for a person here ("Trump granted ...") is still the titled one
        return ctx.titled.get(words[-1].text, code) if code is None and words[-1].text[:1].isupper() else code
    surname = people[-1].text
    if code is None:
        return ctx.titled.get(surname)
    titled = code.entry.startswith("agent ") or " + agent " in code.entry
    if titled and code.country is None and (country := _document_country(ctx)):
        code = ActorCode(f"{country}{code.sector or ''}", country, code.sector,
                         f"{code.entry} + document country {country}", code.phoenix)
    if titled or surname not in ctx.titled:
        ctx.titled[surname] = code
    return code


def _document_country(ctx: _DocContext) -> str | None:
    """The country most of the document's places lie in, None when it names none."""
    counts = Counter(p.country for p in ctx.places if p.country)
    return counts.most_common(1)[0][0] if counts else None


_MODIFIER_DEPS = {"compound", "amod", "poss", "nmod"}
_TERRITORY_NOUNS = PLACE_NOUNS | {"area", "border", "island", "valley", "oblast", "prefecture", "municipality", "suburb"}


def _whose_place(token: Token) -> bool:
    """True for a place that modifies a noun other than a territory: "the Dover police", not "Anbar province"."""
    return token.dep_ in _MODIFIER_DEPS and token.head.lemma_.lower() not in _TERRITORY_NOUNS


def _location(frame: Frame, offset: int, sentence_span: Span, ctx: _DocContext) -> Place | None:
    """The place the frame's own words name, else the nearest in its sentence, else the dateline (places/geography)."""
    # "attacked the Dover police in Ramadi": a place that only modifies a noun names whose it is, not where
    # the act was; it is the event's place only when the phrase names no other
    scenes = [t for t in frame.places if not _whose_place(t)] or frame.places
    phrase = [(offset + token.idx, offset + token.idx + len(token)) for token in scenes]
    return event_location(ctx.document.text, ctx.places, phrase, (sentence_span.start, sentence_span.end),
                          offset + frame.trigger.idx)


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


def _confidence(actor: Actor, target: Actor | None, code: ActionCode, plan: Planned, source: Participant,
                aimed: Participant | None) -> float:
    """The calibrated probability that the mention is right (model and fitting in `confidence.py`)."""
    return confidence(confidence_features(
        actor_country=bool(actor.country), actor_coded=bool(actor.code), target_country=bool(target and target.country),
        target_coded=bool(target and target.code), no_target=target is None, pronoun=source.via_pronoun is not None,
        inherited=plan.frame.source_inherited, secondary=plan.secondary, modality=plan.modality,
        pattern=code.pattern, recoded=plan.recoded is not None, noun_trigger=plan.frame.noun_trigger is not None,
        root=code.root, target_place=aimed is not None and aimed.token.ent_type_ in {"GPE", "LOC"}
        and aimed.token.dep_ == "pobj" and aimed.token.head.lower_ in {"in", "at", "into", "inside", "from"}))


def _event_month(date: EventDate, published: dt.date | None) -> str:
    anchor = date.start or published
    return anchor.strftime("%Y-%m") if anchor else "unknown"


def _remember_people(ents: Sequence[SpacySpan], ctx: _DocContext) -> None:
    """Full names by surname, so "Maliki" is coded as "Nuri al-Maliki" was; the last one for "he"."""
    for ent in ents:
        if ent.label_ == "PERSON" and len(ent) > 1:
            ctx.people.setdefault(ent[-1].text, ent.text)
            ctx.last_person = ent.text


def _remember_titles(ents: Sequence[SpacySpan], ctx: _DocContext, knowledge: Knowledge) -> None:
    """The code of each person the sentence names with a title ("US President X"), kept for later mentions of
    the surname even when the titled phrase itself acts in no event ("President X arrived on Monday")."""
    for ent in ents:
        if ent.label_ != "PERSON" or ent[-1].text in ctx.titled:
            continue
        start = ent.root.left_edge.i
        if start < ent.start and ent.end - start <= _MAX_TITLED_WORDS:
            words = ent.doc[start:ent.end]
            code = _code_actor(words.text, knowledge, ctx.document.published)
            bare = _code_actor(ent.text, knowledge, ctx.document.published)
            if code is not None and (bare is None or bare.code != code.code):  # the title words tell the role
                _titled(words, code, ctx)


_MAX_TITLED_WORDS = 8


def mentions_for_document(
    document: Document, parsed: Sequence[tuple[int, Doc]], knowledge: Knowledge, run_id: str
) -> list[EventMention]:
    """Every coded event mention of a document, from its parsed paragraphs [(char offset, Doc)]."""
    ctx = _DocContext(
        document=document,
        places=resolve_places(document.text, entities=[(o + e.start_char, o + e.end_char, e.label_) for o, d in parsed for e in d.ents]),
        dates=resolve_dates(document.text, document.published, vague=False, parsed=parsed),
        people={},
    )
    mentions: dict[str, EventMention] = {}
    sentence_index = -1
    for offset, doc in parsed:
        ctx.offsets[id(doc)] = offset
        text = doc.text  # built once per paragraph: a sentence's text is a slice of it
        for sentence in doc.sents:
            sentence_index += 1
            sentence_text = text[sentence.start_char:sentence.end_char]
            # questions assert nothing; discarded sentences (sport, disasters...) carry no political event
            asserts = not sentence_text.rstrip(" \"'\u201d").endswith("?")
            if asserts and (knowledge.discards is None or not knowledge.discards.voids_sentence(sentence, sentence_text)):
                for mention in _sentence_mentions(sentence, offset, sentence_index, ctx, knowledge, run_id):
                    mentions.setdefault(mention.mention_id, mention)
            _remember_people(sentence.ents, ctx)
            _remember_titles(sentence.ents, ctx, knowledge)
            ctx.earlier.append(sentence)
    return list(mentions.values())


def _codes(frames: list[Frame], knowledge: Knowledge) -> dict[int, tuple[ActionCode, Token]]:
    """The code of each coded trigger (by token index); reporting verbs with a complement stay uncoded."""
    out: dict[int, tuple[ActionCode, Token]] = {}
    for frame in frames:
        if frame.trigger.i not in out and not _is_reporting(frame):
            coded = specific_action(frame, knowledge)
            if coded is not None:
                out[frame.trigger.i] = coded
    return out


def _sentence_mentions(
    sentence: SpacySpan, offset: int, sentence_index: int, ctx: _DocContext, knowledge: Knowledge, run_id: str
) -> list[EventMention]:
    frames = list(find_frames(sentence))
    codes = _codes(frames, knowledge)
    nominal = list(nominal_frames(sentence, knowledge.codebook, codes)) + list(sent_frames(sentence, knowledge.codebook, codes))
    codes |= _codes(nominal, knowledge)
    frames += nominal
    plans = plan_events(frames, {i: c.cameo for i, (c, _) in codes.items()})
    # the crime a legal act is for is an event of its own, never a complement of the legal act
    crimes = list(crime_frames(sentence, knowledge.codebook))
    codes |= _codes(crimes, knowledge)
    plans += [Planned(f, codes[f.trigger.i][0].cameo, f.trigger, [], f.modality) for f in crimes if f.trigger.i in codes]
    out: list[EventMention] = []
    seen: set[tuple] = set()
    acted: set[tuple[int, int, str]] = set()
    taken: set[int] = set()
    named_triggers: list[int] = []  # trigger index of each mention in `out`
    code_actor = lambda text: _code_actor(text, knowledge, ctx.document.published)  # noqa: E731
    for plan in plans:
        if undergoes(plan.frame.trigger):
            continue  # "he received a prison sentence": he is its target (see agentless.undergone_events)
        source = participant(plan.frame.source, ctx.earlier, code_actor, as_source=True)
        if source is None and _unresolved_person(plan.frame.source) and material(plan.cameo):
            # "they arrested three", "he shot at one person": an unresolved pronoun is still the actor, uncoded
            source = Participant(plan.frame.source, None)
        if source is None and (_unresolved_person(plan.frame.source, SPEAKING_SUBJECTS)
                               or _untagged_name(plan.frame.source)):
            # "we are continuing to investigate", "Ahmed confessed": a speaker the text names only so
            # (a quoted "we", a name the tagger missed) is still the actor, uncoded
            source = Participant(plan.frame.source, None)
        if source is None and violent(plan.cameo) and is_means(plan.frame.source) and not accidental(plan.frame.source):
            # "a roadside bombing killed ...", "were killed in a car bombing": the means stands for the unnamed agent
            source = Participant(plan.frame.source, code_actor(phrase_text(plan.frame.source)))
        if source is None or (plan.frame.source_means and not material(plan.cameo)):
            continue
        if _described_again(source, plan, ctx, code_actor):
            continue
        targets = _targets(plan, source, ctx, code_actor)
        for target in targets:
            if target is None and not (material(plan.cameo) or yielding(plan.cameo) or _yields(plan, codes)
                                       or speech_act_alone(plan, source)):
                continue  # a statement, appeal, demand or threat is addressed to someone, unless a named actor makes it
            if target is None and _same_act_continued(plan, source, acted):
                continue
            key = (plan.trigger.i, source.token.i, id(source.token.doc), target.token.i if target else None)
            if key in seen:
                continue
            seen.add(key)
            mention = _mention(plan, source, target, codes, offset, sentence, sentence_index, ctx, knowledge, run_id)
            if mention is not None and plan.frame.source_means and violent(plan.cameo) and (
                    not is_means(source.token) or bare_act(source.token)):
                mention = without_actor(mention)  # "was murdered in Kabul", "hurt in the shooting": no agent named
            if mention is not None:
                out.append(mention)
                # a crime a legal act is for does not make the legal act background (see beside_named)
                named_triggers.append(-1 if plan.frame in crimes else plan.trigger.i)
                acted.add((plan.trigger.i, source.token.i, plan.cameo[:2]))
                taken.update(t.i for t in (plan.trigger, plan.frame.trigger, plan.base, plan.frame.noun_trigger,
                                           source.token, plan.frame.source) if t is not None)
    # a sentence whose event has a named actor keeps only the agentless acts that event caused and legal acts in
    # clauses of their own (the rest is background to it)
    named = [i for i, m in zip(named_triggers, out) if m.actor.text and i >= 0]
    events = beside_named(sentence, knowledge.codebook, taken, named) if named else agentless_events(
        sentence, knowledge.codebook, taken)
    named_codes = {m.action.cameo for m in out if m.actor.text}
    for event in events:
        if undergoes(event.trigger.head) and event.code.cameo in named_codes:
            continue  # "a jury convicted X, and he received a prison sentence": the named act already tells it
        if (mention := _agentless_mention(event, offset, sentence, sentence_index, ctx, knowledge, run_id)):
            out.append(mention)
    return out


def _agentless_mention(event: AgentlessEvent, offset: int, sentence: SpacySpan, sentence_index: int,
                       ctx: _DocContext, knowledge: Knowledge, run_id: str) -> EventMention | None:
    """The mention of an event with no named source (see `agentless.py`): empty actor text, the implied
    actor's sector (and the place's country) when the act implies one."""
    trigger, code = event.trigger, event.code
    owned = owned_tokens(trigger)
    frame = Frame(trigger=trigger, lemma=trigger.lemma_.lower(), context=[], source=None, target=event.target,
                  places=_places([sentence.doc[i] for i in sorted(owned)]), owned=owned, modality=event.modality)
    sentence_span = _span(offset, sentence)
    location = _location(frame, offset, sentence_span, ctx)
    country = location.country if location is not None and event.implied else None
    actor = Actor(text="", code=f"{country}{event.implied}" if country else None, country=country,
                  sector=event.implied, implied=event.implied is not None)
    code_actor = lambda text: _code_actor(text, knowledge, ctx.document.published)  # noqa: E731
    aimed = participant(event.target, ctx.earlier, code_actor) if event.target is not None else None
    if aimed is None and event.target is not None and event.target.lower_ in {"he", "she", "they", "him", "them"}:
        aimed = Participant(event.target, None)  # "he was jailed": the person, uncoded
    if aimed is None and trigger.pos_ == "VERB":
        return None  # "the observations were executed": a passive act done to no actor is no event
    target = _actor(aimed, ctx, knowledge) if aimed is not None else None
    span = Span(start=offset + trigger.idx, end=offset + trigger.idx + len(trigger))
    action = Action(text=trigger.text, lemma=trigger.lemma_.lower(), cameo=code.cameo, root=code.root,
                    quad_class=code.quad_class, goldstein=code.goldstein, plover=code.plover, span=span)
    date = _date(frame, offset, ctx)
    features = confidence_features(
        actor_country=False, actor_coded=False, target_country=bool(target and target.country),
        target_coded=bool(target and target.code), no_target=target is None, pronoun=False, inherited=False,
        secondary=is_secondary(trigger), modality=event.modality, pattern=code.pattern, recoded=False,
        noun_trigger=trigger.pos_ == "NOUN", root=code.root, agentless=True)
    return EventMention(
        mention_id=mention_id(ctx.document.doc_id, sentence_index, span.start, -1, target.span.start if target else -1),
        doc_id=ctx.document.doc_id, sentence_index=sentence_index, sentence=sentence.text,
        sentence_span=sentence_span, actor=actor, action=action, target=target, location=location, date=date,
        modality=event.modality, confidence=confidence(features), extractor_version=knowledge.version,
        run_id=run_id, event_month=_event_month(date, ctx.document.published))


PERSONAL_SUBJECTS = {"he", "she", "they", "we"}
# Pronouns that stay the actor of any act when unresolved: a "he" or "she" left unresolved names nobody in the
# sentence more often than a plural or first-person speaker does (dev split: "he"/"she" cost precision).
SPEAKING_SUBJECTS = {"they", "we", "i"}


def _unresolved_person(token: Token | None, words=PERSONAL_SUBJECTS) -> bool:
    """True for a personal subject pronoun ("they", "he") the document gives no antecedent for."""
    return token is not None and token.lower_ in words and token.dep_ in {"nsubj", "nsubjpass"}


def _untagged_name(token: Token | None) -> bool:
    """True for a capitalised proper-noun subject the entity tagger left untagged ("Ahmed confessed"): a person
    or group the dictionaries do not know."""
    return (token is not None and token.pos_ == "PROPN" and not token.ent_type_ and token.dep_ == "nsubj"
            and token.text[:1].isupper() and token.is_alpha and not natural_force(token))


def _described_again(source: Participant, plan: Planned, ctx: _DocContext, code_actor) -> bool:
    """True for an unnamed subject coordinated after a named one ("the speaker and a group of deputies held
    talks"): the named actor carries the event; the unnamed company adds no dyad of its own."""
    subject = plan.frame.source
    if subject is None or subject.dep_ != "conj" or named(source):
        return False
    first = subject.head
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    lead = participant(first, ctx.earlier, code_actor)
    return lead is not None and named(lead)


def _same_act_continued(plan: Planned, source: Participant, acted: set[tuple[int, int, str]]) -> bool:
    """True for a target-less verb coordinated with a coded verb of the same subject and root ("killed two
    youths and wounded five others"): the second verb tells more of the same act, not a second event."""
    verb = plan.trigger
    if verb.dep_ != "conj" or any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return False
    return (verb.head.i, source.token.i, plan.cameo[:2]) in acted


def _yields(plan: Planned, codes: dict[int, tuple[ActionCode, Token]]) -> bool:
    """True for an intent or refusal to yield ("agreed to resign", "refused to step down"): like the yielding
    act itself, it needs no named target."""
    if plan.recoded not in {"intent", "refusal"}:
        return False
    complement = codes.get((plan.base or plan.frame.trigger).i)
    return complement is not None and yielding(complement[0].cameo)


def _alias(token: Token) -> bool:
    """True for an acronym joined by "or" ("inspectors of the International Atomic Energy Agency, or IAEA"): the
    same actor named again, not a second target."""
    return token.text.isupper() and any(c.dep_ == "cc" and c.lower_ == "or" for c in token.head.children)


def violent(cameo: str) -> bool:
    """True for assaults, fights and mass violence (CAMEO roots 18-20)."""
    return cameo[:2] >= "18"


def material(cameo: str) -> bool:
    """True for material conflict and protest (CAMEO roots 14-20): acts that may have no named target."""
    return cameo[:2] >= "14"


# Verbal acts a named actor may make without a named addressee ("Senator X condemned the decision"):
# disapproval (11), praise or endorsement of a thing (05: "hailed the pipeline"), claims, denials and condolences
# (015, 016, 018). Statements, appeals, demands and threats (01, 02, 10, 13) alone were tried too: no gain on
# the dev split and PLOVER F1 fell below 0.81. Actors: named entities (coded by the dictionary or not).
SPEECH_ROOTS = {"11", "05"}
SPEECH_CODES = {"015", "016", "018"}
# Investigations (09) need no addressee and are made by agencies the dictionary codes ("the police").
INQUIRY_ROOTS = {"09"}
_NAMED_TYPES = {"PERSON", "ORG", "GPE", "NORP"}
_COMMENTS = {"010", "012", "013"}  # 'said', pessimistic and optimistic comments: no act without an addressee
# An unspecified statement (010 "make statement") is no act of its own: a statement is coded only as the act it
# is (a claim, a denial, a comment, an appeal, an accusation: CAMEO's notes to 01), never as plain "said".
BARE_STATEMENTS = frozenset({"010"})


def speech_act_alone(plan: Planned, source: Participant) -> bool:
    """True for a verbal act (`SPEECH_ROOTS`, `SPEECH_CODES`, no mere comment) of a named actor, an
    investigation by a coded one, or an appeal for an act (`_appeal_for`), in a main clause:
    it is coded without a target."""
    if plan.secondary or plan.cameo in _COMMENTS or source.via_pronoun is not None or past_background(plan.trigger):
        return False  # "had reached 3 percent support": a pluperfect act without addressee is background
    token = source.token
    # "One senator, Ruth Vale, said ...": the appositive names the speaker
    is_named = any(t.ent_type_ in _NAMED_TYPES or t.pos_ == "PROPN"
                   for t in [token, *(c for c in token.children if c.dep_ == "appos")]) or token.lower_ in {"i", "we"}
    if plan.cameo[:2] in INQUIRY_ROOTS:
        return is_named or source.code is not None
    if plan.cameo[:2] == "02" and plan.recoded is None and _appeal_for(plan.trigger):
        return is_named or source.code is not None
    if plan.announced:
        return is_named  # "Nigeria announced it planned to join the bloc": the announcement is Nigeria's act
    return (plan.cameo[:2] in SPEECH_ROOTS or plan.cameo in SPEECH_CODES) and is_named


def _appeal_for(verb: Token) -> bool:
    """True for an appeal for an act ("called for the deaths to be investigated", "called for an inquiry"):
    "for" right after the verb, as a preposition or as the mark of a "for X to do" clause."""
    return bool(for_clauses(verb)) or any(c.dep_ == "prep" and c.lower_ == "for" and c.i == verb.i + 1
                                           for c in verb.children)


def yielding(cameo: str) -> bool:
    """True for yielding acts (CAMEO root 08: resign, surrender, withdraw), which need no named target."""
    return cameo[:2] == "08"


RECIPROCAL = {"agree", "meet", "talk", "negotiate", "sign", "cooperate", "clash", "fight", "discuss", "consult",
              "reach", "hold", "exchange", "resume", "establish", "restore", "normalize", "normalise"}


def _targets(plan: Planned, source: Participant, ctx: _DocContext, code_actor) -> list[Participant | None]:
    """The targets of a planned event: the first actor among the candidates and its conjuncts; else, for a
    reciprocal act of coordinated actors ("Jordan and Britain agreed"), the other actor; else [None]."""
    frame = plan.frame
    partners = coordinated(frame.source)
    with_partner = any(t.dep_ == "pobj" and t.head.lower_ in {"with", "between"} for t in frame.target_candidates)
    if partners and not with_partner and _reciprocal(plan):
        # "Israel and Lebanon renewed negotiations": each side's act is aimed at the other
        found = [f for f in (participant(t, ctx.earlier, code_actor) for t in partners) if f is not None]
        if found:
            return found
    candidates = [c for c in [*_grievance_objects(plan), *frame.target_candidates, *plan.extra_targets]
                  if not _own_members(c)]
    if plan.cameo[:3] in COMMENT_CODES:
        candidates = [t for t in frame.target_candidates if _addressee(t, frame.trigger)]
    addressee = _appeal_addressee(plan, source, ctx, code_actor)
    first = addressee or first_participant(candidates, ctx.earlier, code_actor, avoid=source.token)
    if first is None and plan.cameo[:2] >= "15":
        first = _gathering(plan)
    if first is None and plan.cameo[:2] in CLAUSE_TARGET_ROOTS:
        first = first_participant(clause_targets(plan.trigger, source.token), ctx.earlier, code_actor,
                                  avoid=source.token)
    if first is not None and _where(first.token):
        return [first]  # "rallies throughout A, B and C": one event in several places, not one per place
    if first is not None:
        more = [participant(c, ctx.earlier, code_actor) for c in conjuncts(first.token) if not _alias(c)]
        # "released the prime minister and 30 members of his government": an unnamed conjunct of a named
        # target is the same party described again, not a target of its own
        # "the president and his party": a conjunct owned by the first target is its own side, not a new target
        return [first, *(m for m in more if m is not None and (named(m) or not named(first)) and not _owned(m))]
    return [None]


WHERE_PREPS = {"in", "at", "throughout", "across", "around", "inside", "near", "into", "outside"}


def _where(token: Token) -> bool:
    """True for a place named as where an act happened ("protested in Lyon"), standing in for its target."""
    return (token.ent_type_ in {"GPE", "LOC", "FAC"} and token.dep_ == "pobj" and token.head.lower_ in WHERE_PREPS
            and token.head.head.pos_ in {"VERB", "NOUN"})


APPEAL_ROOTS = {"02", "10"}
APPEAL_PREPS = {"on", "upon", "to"}


def _appeal_addressee(plan: Planned, source: Participant, ctx: _DocContext, code_actor) -> Participant | None:
    """The addressee of an appeal or demand with an infinitive ("called upon the tribes not to provide cover
    for X", "urged them to expel", "appealed to donors to send aid"): the appeal is aimed at whom it asks to
    act, not at the actors named in what it asks."""
    verb = plan.frame.trigger
    if plan.cameo[:2] not in APPEAL_ROOTS or plan.recoded is not None or not any(
            c.dep_ in {"xcomp", "ccomp"} and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            for c in verb.children):
        return None
    asked = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
    asked += [g for p in verb.children if p.dep_ in {"prep", "dative"} and p.lower_ in APPEAL_PREPS
              for g in p.children if g.dep_ == "pobj"]
    asked = [t for t in asked if not _own_members(t)]
    asked = sorted((t for t in asked if t.i != source.token.i), key=lambda t: t.i)
    found = [f for f in (participant(t, ctx.earlier, code_actor) for t in asked) if f is not None]
    # "urged states not to delay", "asked residents to stay home": whom an appeal asks to act is its addressee,
    # coded or not
    uncoded = [Participant(t, None) for t in asked if t.pos_ in {"NOUN", "PROPN"} and t.ent_type_ not in NON_ACTOR_ENTS]
    return (found or uncoded or [None])[0]


# Gatherings whose participants a material act hits: "dispersed a protest", "broke up the rally".


def _gathering(plan: Planned) -> Participant | None:
    """The gathering a coercive or violent act is aimed at ("police dispersed a peaceful protest"): its
    participants are the target, shown by the noun phrase, uncoded."""
    frame = plan.frame
    for token in frame.target_candidates:
        if (token.dep_ in {"dobj", "obj", "nsubjpass"} and token.lemma_.lower() in GATHERINGS
                and token is not frame.noun_trigger):
            return Participant(token, None)
    return None


def _owned(found: Participant) -> bool:
    """True for a phrase whose possessor is a pronoun ("his ruling party", "their supporters")."""
    return found.via_pronoun is None and any(
        c.dep_ == "poss" and c.lower_ in {"his", "her", "its", "their"} for c in found.token.children)


# Demands, complaints, refusals, threats and protests aimed at no one in their own clause name their target
# in the clause they govern: "threatened to strike unless Israel rescinded", "demanding that the government
# provide", "a hunger strike in protest of the government's refusal".
CLAUSE_TARGET_ROOTS = {"10", "11", "12", "13", "14"}
_CLAUSE_TARGET_DEPS = {"nsubj", "nsubjpass", "dobj", "obj", "pobj", "poss", "dative"}


def clause_targets(trigger: Token, source: Token) -> list[Token]:
    """Possible targets below the trigger, in text order: subjects, objects and prepositional objects of the
    clauses it governs, never inside reported speech attributions or the source's own phrase."""
    out: list[Token] = []
    stack = [c for c in trigger.children if c.dep_ not in {"parataxis", "nsubj", "nsubjpass"}]
    while stack:
        token = stack.pop()
        if token.lemma_.lower() in REPORTING_VERBS and token.pos_ == "VERB":
            continue
        if token.dep_ in _CLAUSE_TARGET_DEPS and token.pos_ in {"NOUN", "PROPN"} and token.i != source.i:
            out.append(token)
        stack.extend(c for c in token.children if c.dep_ != "parataxis")
    return sorted(out, key=lambda t: t.i)


def _own_members(token: Token) -> bool:
    """True for the source's own unnamed people ("urged its citizens", "its peacekeeping forces"): the act
    is aimed at no one outside the actor, so they are never its target."""
    return token.pos_ == "NOUN" and token.ent_type_ not in ACTOR_ENTS and any(
        c.dep_ == "poss" and c.lower_ in {"its", "their", "our"} for c in token.children) and not any(
        c.dep_ in {"compound", "amod", "nmod"} and c.ent_type_ in {"NORP", "GPE", "ORG"} for c in token.children)


RECIPROCAL_NOUNS = {"talk", "talks", "negotiation", "agreement", "accord", "deal", "treaty", "relation", "tie",
                    "exercise", "game", "manoeuvre", "maneuver", "consultation", "summit", "meeting", "ceasefire",
                    "truce", "armistice"}
RECIPROCAL_CODES = {"040", "043", "046", "057", "062", "064", "164"}


def _reciprocal(plan: Planned) -> bool:
    """True for an act two coordinated actors do with each other (agree, meet, negotiate, sign, clash)."""
    frame = plan.frame
    words = [plan.trigger, frame.trigger, plan.base, frame.noun_trigger]
    if any(w is not None and w.lemma_.lower() in RECIPROCAL for w in words) or plan.cameo in RECIPROCAL_CODES:
        return True
    objects = [c for c in frame.trigger.children if c.dep_ in {"dobj", "obj"}]
    return any(o.lemma_.lower() in RECIPROCAL_NOUNS for o in objects)


# Optimistic and pessimistic comments ("expressed hope that ...", "warned of the collapse of ...") are aimed only at
# an addressee named beside the verb; the actors inside what is hoped or feared are their topic, not their target.
COMMENT_CODES = {"012", "013"}


def _addressee(token: Token, verb: Token) -> bool:
    """True when `token` is the verb's direct object or dative, or the object of its "to"/"with"."""
    if token.head is verb and token.dep_ in {"dobj", "obj", "dative"}:
        return True
    return token.dep_ == "pobj" and token.head.lower_ in {"to", "with"} and token.head.head is verb


GRIEVANCE_PREPS = {"over", "about", "of", "against", "at"}


def _grievance_objects(plan: Planned) -> list[Token]:
    """For complaints and accusations (CAMEO 11), the act complained of names the target: "complained to the UN
    over Israeli air raids" -> the raids (whose actor, Israel, is found inside the phrase)."""
    if plan.cameo[:2] != "11":
        return []
    verb = plan.frame.trigger
    return [g for p in verb.children if p.dep_ == "prep" and p.lower_ in GRIEVANCE_PREPS
            for g in p.children if g.dep_ == "pobj"]


def _mention(
    plan: Planned,
    source: Participant,
    target: Participant | None,
    codes: dict[int, tuple[ActionCode, Token]],
    offset: int,
    sentence: SpacySpan,
    sentence_index: int,
    ctx: _DocContext,
    knowledge: Knowledge,
    run_id: str,
) -> EventMention | None:
    frame = plan.frame
    base, shown = codes.get((plan.base or frame.trigger).i, (None, None))
    if base is None and plan.recoded is None:
        return None
    code = base if plan.recoded is None else knowledge.codebook.describe(
        plan.cameo, f"{plan.recoded} + {base.pattern if base else (plan.base or frame.trigger).lemma_}")
    if code is None or code.cameo in BARE_STATEMENTS:
        return None
    if target is not None and target.via_pronoun is not None and plan.recoded is None:
        # "X shot him": the pronoun stands for a leader named earlier in the sentence or document
        code = figure_killed(frame, code, target.token, knowledge) or code
    trigger = shown if plan.recoded is None else plan.trigger
    actor = _actor(source, ctx, knowledge)
    target_actor = _actor(target, ctx, knowledge) if target is not None else None
    if target_actor is not None and (target_actor.span == actor.span or target_actor.text == actor.text):
        target_actor = None
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
    sentence_span = _span(offset, sentence)
    key_target = target_actor.span.start if target_actor else -1
    return EventMention(
        mention_id=mention_id(ctx.document.doc_id, sentence_index, action.span.start, actor.span.start, key_target),
        doc_id=ctx.document.doc_id,
        sentence_index=sentence_index,
        sentence=sentence.text,
        sentence_span=sentence_span,
        actor=actor,
        action=action,
        target=target_actor,
        location=_location(frame, offset, sentence_span, ctx),
        date=date,
        modality=plan.modality,
        confidence=_confidence(actor, target_actor, code, plan, source, target),
        extractor_version=knowledge.version,
        run_id=run_id,
        event_month=_event_month(date, ctx.document.published),
        historical=is_historical(date.end or date.start, ctx.document.published),
    )
