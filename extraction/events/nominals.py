"""Events named by a noun alone: "Palestinian riots against Israeli policies are continuing".

A CAMEO coder codes an eventive noun ("riots", "attack", "strike") as an event when its actor is
written inside the noun phrase, as a nationality adjective or a possessor ("the army's attack on
the village"), and no coded verb already carries the sentence's event: the noun must be the
subject of an uncoded verb ("are continuing", "spread") or stand alone.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from spacy.tokens import Span, Token

from .codebook import Codebook
from .frames import TARGET_PREPS, Frame, owned_tokens
from .modality import modality_of

_ACTOR_MODIFIER_ENTS = {"NORP", "GPE", "ORG"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "ROOT"}


def actor_modifier(noun: Token) -> Token | None:
    """The actor written inside an eventive noun phrase: its possessor, else a nationality/organisation modifier."""
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ in {"PROPN", "NOUN"}:
            return child
    for child in noun.children:
        if child.dep_ in {"amod", "compound", "nmod"} and child.ent_type_ in _ACTOR_MODIFIER_ENTS:
            return child
    return None


def _targets(noun: Token) -> list[Token]:
    return [g for prep in noun.children if prep.dep_ == "prep" and prep.lower_ in TARGET_PREPS
            for g in prep.children if g.dep_ == "pobj" and g.pos_ in {"NOUN", "PROPN"}]


def nominal_frames(sentence: Span, codebook: Codebook, coded: Collection[int]) -> Iterator[Frame]:
    """Frames for eventive subject nouns with a written actor whose verb is not coded (indices in `coded`)."""
    for noun in sentence:
        if noun.pos_ != "NOUN" or noun.dep_ not in _SUBJECT_DEPS or noun.head.i in coded:
            continue
        if codebook.code_noun(noun.lemma_.lower()) is None or (source := actor_modifier(noun)) is None:
            continue
        targets = _targets(noun)
        yield Frame(trigger=noun, lemma=noun.lemma_.lower(), context=[], source=source,
                    target=targets[0] if targets else None, noun_trigger=noun, owned=owned_tokens(noun),
                    modality=modality_of(noun.head), target_candidates=targets)
