"""Pronoun coreference: "he", "it", "they" -> the last compatible actor before them.

Rules, in order: a pronoun in the complement of a reporting or intention verb is its subject
("Hungary said it will support" -> Hungary); else the nearest compatible noun before it in the
sentence (subjects first), then in the earlier sentences of the document. "he"/"she" want a
person, "it" a country, place or organisation, "they" a plural or a group; "we"/"I" the speaker.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from spacy.tokens import Span, Token

from .complements import MARKERS, REPORTING

Kind = Literal["person", "thing", "plural", "speaker"]
PRONOUN_KINDS: dict[str, Kind] = {
    **dict.fromkeys(("he", "she", "him", "her", "his"), "person"),
    **dict.fromkeys(("it", "its"), "thing"),
    **dict.fromkeys(("they", "them", "their"), "plural"),
    **dict.fromkeys(("we", "i", "us", "our", "me"), "speaker"),
}
_GROUP_ENTS = {"ORG", "NORP", "GPE"}
_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr", "dative", "poss"}
MAX_SENTENCES_BACK = 3


def pronoun_kind(token: Token) -> Kind | None:
    """The kind of antecedent a personal pronoun wants, None for any other token."""
    return PRONOUN_KINDS.get(token.lower_) if token.pos_ == "PRON" or token.tag_ in {"PRP", "PRP$"} else None


def compatible(candidate: Token, kind: Kind) -> bool:
    """True when `candidate` (a noun head) can be what a pronoun of `kind` refers to."""
    if candidate.pos_ not in {"NOUN", "PROPN"} or pronoun_kind(candidate):
        return False
    ent = candidate.ent_type_
    if kind == "person":
        return ent == "PERSON" or (candidate.pos_ == "NOUN" and candidate.tag_ == "NN" and _has_person(candidate))
    if kind == "thing":
        return ent in {"GPE", "ORG"} or (candidate.tag_ == "NN" and candidate.pos_ == "NOUN" and _is_collective(candidate))
    if kind in {"plural", "speaker"}:
        return candidate.tag_ in {"NNS", "NNPS"} or ent in _GROUP_ENTS or _is_collective(candidate)
    return False


_COLLECTIVE = {"government", "army", "ministry", "council", "parliament", "cabinet", "party", "group", "country",
               "administration", "police", "court", "assembly", "movement", "front", "union", "alliance", "force",
               "forces", "regime", "committee", "organization", "organisation", "agency", "side", "authority",
               "congress", "senate", "military", "state", "coalition", "network", "navy", "leadership", "company"}


def _is_collective(token: Token) -> bool:
    return token.lemma_.lower() in _COLLECTIVE or any(c.ent_type_ in _GROUP_ENTS for c in token.children)


def _has_person(token: Token) -> bool:
    return any(t.ent_type_ == "PERSON" for t in token.subtree) or token.lemma_.lower() in {
        "president", "minister", "leader", "spokesman", "chief", "official", "secretary", "general", "brigadier",
        "premier", "king", "envoy", "ambassador", "commander", "chairman", "diplomat", "negotiator", "mediator"}


def _speaker(pronoun: Token) -> Token | None:
    """The subject of the reporting or intention verb whose complement holds the pronoun."""
    node = pronoun.head
    for _ in range(8):
        if node.lemma_.lower() in REPORTING | set(MARKERS):
            subjects = [c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i != pronoun.i]
            if subjects and pronoun.i > subjects[0].i or subjects and node.lemma_.lower() in REPORTING:
                return subjects[0]
        if node.head is node:
            break
        node = node.head
    return None


def _candidates(sentence: Span, before: int) -> list[Token]:
    """Argument heads of a sentence before token index `before`, subjects first, nearest first."""
    heads = [t for t in sentence if t.i < before and t.dep_ in _ARGUMENT_DEPS]
    return sorted(heads, key=lambda t: (t.dep_ not in {"nsubj", "nsubjpass"}, -t.i))


def resolve_pronoun(pronoun: Token, earlier: Sequence[Span] = ()) -> Token | None:
    """The noun a pronoun refers to (in its sentence or the `earlier` sentences, latest last), or None."""
    kind = pronoun_kind(pronoun)
    if kind is None:
        return None
    speaker = _speaker(pronoun)
    if speaker is not None and speaker.i > pronoun.i and kind == "plural":
        # "bombers killed 23 people when they blew themselves up, police said": a subject before the
        # pronoun is its antecedent, not the speaker named after it
        before = [c for c in _candidates(pronoun.sent, pronoun.i) if c.dep_ in {"nsubj", "nsubjpass"}
                  and compatible(c, kind) and not _same_clause_object(c, pronoun)]
        if before:
            return before[0]
    if speaker is not None and not pronoun_kind(speaker) and compatible(speaker, kind):
        return speaker
    if speaker is not None and pronoun_kind(speaker) and speaker.i < pronoun.i:
        found = resolve_pronoun(speaker, earlier)
        if found is not None and compatible(found, kind):
            return found
    for candidate in _candidates(pronoun.sent, pronoun.i):
        if compatible(candidate, kind) and not _same_clause_object(candidate, pronoun):
            return candidate
    for sentence in reversed(list(earlier)[-MAX_SENTENCES_BACK:]):
        for candidate in _candidates(sentence, sentence.end):
            if compatible(candidate, kind):
                return candidate
    return None


def _same_clause_object(candidate: Token, pronoun: Token) -> bool:
    """A subject pronoun never refers to the object of its own verb ("X met Y and he ...")."""
    return candidate.head is pronoun.head and candidate.dep_ not in {"nsubj", "nsubjpass"}
