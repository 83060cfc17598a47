"""Actors and targets of an event: the noun phrase as written, its pronoun antecedent, its code.

A participant must be an actor (person, group, country, organisation): a phrase is kept when
the actor dictionary codes it or its head is a named entity of an actor type. An object such
as "Turkey's efforts" or "the return of U.N. inspectors" yields the actor inside it (possessor,
"of"/"by" object, nationality modifier) or nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan, Token

from .actors import ActorCode
from .codebook import load_codebook
from .coreference import pronoun_kind, resolve_pronoun
from .frames import ACTOR_ENTS, coordinated, modified_noun, phrase

CodeActor = Callable[[str], ActorCode | None]
_INNER_PREPS = {"of", "by", "from", "for", "between", "with", "against", "on", "to", "toward", "towards", "into"}
# Heads that are never actors even when a country word sits inside ("Iraqi territory", "US mediation").
_ABSTRACT_HEADS = {
    "effort", "plan", "proposal", "offer", "deal", "agreement", "talk", "policy", "law", "resolution", "right",
    "way", "time", "issue", "report", "information", "territory", "border", "economy", "relation", "tie",
    "exercise", "game", "pullback", "contact", "declaration", "call", "fate", "decision", "measure", "ban",
    "election", "vote", "work", "expertise", "barrier", "export", "import", "program", "programme", "security",
    "control", "freedom", "step", "statement", "message", "letter", "reminder", "weapon", "operation", "campaign",
    "crisis", "conflict", "situation", "action", "move", "idea", "initiative", "process", "framework", "change",
    # what is sent or used, not who acts: "sent new rifles to the army"
    "rifle", "rocket", "missile", "ammunition", "equipment", "supply", "arm", "bomb", "shell", "food", "money",
    "artillery", "mortar", "fire", "gun", "grenade", "explosive",
}


def _eventive(token: Token) -> bool:
    """True when the head is an eventive noun of the codebook ("exercises", "strike"): an act, not an actor."""
    return token.pos_ == "NOUN" and load_codebook().is_eventive(token.lemma_.lower())


@dataclass(frozen=True)
class Participant:
    """A chosen actor or target: the head token whose phrase is shown, and its code (None if uncoded)."""

    token: Token
    code: ActorCode | None
    via_pronoun: Token | None = None


# Natural forces, diseases and accidents act on people but are no actors ("the hurricane hit the islands",
# "the virus has killed 1,000 people").
NATURAL_FORCES = {
    "hurricane", "storm", "typhoon", "cyclone", "tornado", "flood", "flooding", "earthquake", "quake", "tsunami",
    "landslide", "mudslide", "avalanche", "wildfire", "fire", "blaze", "drought", "heatwave", "virus",
    "coronavirus", "covid-19", "covid", "sars-cov-2", "pandemic", "epidemic", "disease", "outbreak", "flu",
    "influenza", "cancer", "accident", "crash", "collision", "eruption", "volcano", "lightning",
}


def _written_word(token: Token) -> str:
    """The run of text between spaces that holds `token` ("SARS-CoV-2" for any of its tokens), read from its
    neighbours rather than from `doc.text`, which spaCy rebuilds on every call."""
    doc = token.doc
    left = token.i
    while left > 0 and not doc[left - 1].whitespace_:
        left -= 1
    right = token.i
    while right + 1 < len(doc) and not doc[right].whitespace_:
        right += 1
    return doc[left : right + 1].text


def natural_force(token: Token) -> bool:
    """True when the phrase headed by `token` names a natural force, a disease or an accident."""
    start, end = phrase(token)
    words = token.doc[start:end]
    written = _written_word(token).lower().strip("\"'(),.;:")
    if written in NATURAL_FORCES or any(w.strip("\"'()") in NATURAL_FORCES for w in words.text.lower().split()):
        return True  # a name the tokenizer splits ("SARS-CoV-2")
    # a plural the tagger left unlemmatised ("Landslides blocked the road", tagged a name)
    return any(t.lower_ in NATURAL_FORCES or t.lemma_.lower() in NATURAL_FORCES or t.lower_.removesuffix("s") in NATURAL_FORCES
               for t in words)


def is_actor(token: Token, code: ActorCode | None) -> bool:
    """True when the phrase headed by `token` names an actor: coded by the dictionary or an actor entity,
    never a natural force or disease."""
    if natural_force(token):
        return False
    if (token.lemma_.lower() in _ABSTRACT_HEADS or _eventive(token)) and token.ent_type_ not in ACTOR_ENTS:
        return _candidate_organisation(token)
    if code is not None and (code.country or code.sector):
        return True
    return token.ent_type_ in ACTOR_ENTS and token.ent_type_ != "FAC"


# Heads that name a person's organisation when a person's name modifies them: "the Vale campaign".
_ORGANISATION_HEADS = {"campaign"}


def _candidate_organisation(token: Token) -> bool:
    """True for a campaign named after a person ("the Vale campaign"): the candidate's organisation, an actor
    (a "bombing campaign" stays an act)."""
    return token.lemma_.lower() in _ORGANISATION_HEADS and any(
        c.dep_ == "compound" and c.ent_type_ == "PERSON" for c in token.children)


def phrase_text(token: Token) -> str:
    """The noun phrase headed by `token` as written (see `frames.phrase`)."""
    start, end = phrase(token)
    return token.doc[start:end].text


# Prepositions whose object acts in a violent or coercive act noun: "the attack by rebels"; the others name whom
# it hit ("the bombing of Hiroshima", "the attack on the base").
_AGENT_PREPS = {"by", "from"}


def _material_act(token: Token) -> bool:
    """True for a noun of force or coercion (CAMEO roots 17-20: "shooting", "bombing", "arrest")."""
    code = load_codebook().code_noun(token.lemma_.lower()) if token.pos_ in {"NOUN", "VERB"} else None
    return code is not None and code.root >= "17"


def _inner(token: Token, as_source: bool = False) -> list[Token]:
    """Actor candidates inside a non-actor phrase: possessor, prepositional objects, nationality modifiers; for
    the source of a verb whose subject is an act of force, only who did it (not "of"/"on" whom it was done to)."""
    preps = _AGENT_PREPS if as_source and _material_act(token) else _INNER_PREPS
    out = [c for c in token.children if c.dep_ == "poss" and not pronoun_kind(c)]
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            out += [g for g in prep.children if g.dep_ == "pobj"]
    out += [c for c in token.children if c.dep_ in {"compound", "amod", "nmod"} and c.ent_type_ in {"NORP", "GPE", "ORG"}]
    return out


_COLLECTIVE_HEADS = {"group", "members", "number", "band", "handful", "dozen", "dozens", "hundred", "hundreds", "thousand",
                     "thousands", "batch", "patch", "contingent", "team"}


def _members(token: Token) -> Token | None:
    """The members a collective head counts: "a group of deputies" -> deputies, "thousands of Nigerians" -> Nigerians."""
    if token.lemma_.lower() not in _COLLECTIVE_HEADS and token.lower_ not in _COLLECTIVE_HEADS:
        return None
    of = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return of[0] if of and of[0].pos_ in {"NOUN", "PROPN"} else None


# Kin of someone named beside them are people, never an abstraction: "killed his brother", "the minister's son".
KINSHIP = {"brother", "sister", "son", "daughter", "father", "mother", "wife", "husband", "cousin", "nephew",
           "niece", "uncle", "aunt", "grandson", "granddaughter", "grandfather", "grandmother", "relative",
           "child", "sibling", "parent", "brother-in-law", "son-in-law", "widow"}


def _kin(token: Token) -> bool:
    """True for a kinship noun with a possessor ("his brother", "the minister's son"): a person."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in KINSHIP and any(c.dep_ == "poss" for c in token.children)


_AFFILIATIONS = {"belong", "loyal", "affiliate", "link", "allied", "tie"}


def _affiliation(token: Token) -> Token | None:
    """The group a bare agent noun belongs to: "fighters belonging to the X group", "militias loyal to Y",
    "workers affiliated with the union" -> the group's head."""
    for mod in token.children:
        if mod.dep_ in {"acl", "amod"} and mod.lemma_.lower() in _AFFILIATIONS:
            groups = [g for p in mod.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
            if groups:
                return groups[0]
    return None


def _with_group(token: Token, code: ActorCode | None, code_actor: CodeActor) -> ActorCode | None:
    """The code of a bare agent noun widened by the group it belongs to, when that names the actor better
    (a country or an organisation)."""
    if code is None or code.country or _affiliation(token) is None:
        return code
    better = code_actor(token.doc[token.left_edge.i : token.right_edge.i + 1].text)
    return better if better is not None and better.country else code


# Heads of an indefinite appositive that describe a body or a place, not a person ("Acme, a company based in X").
_NOT_PEOPLE = {"town", "city", "village", "province", "district", "region", "state", "county", "capital", "country",
               "company", "firm", "group", "organisation", "organization", "party", "area", "place", "nation"}


def described_person(token: Token) -> bool:
    """True for a name with an indefinite appositive describing someone ("Jones, a local farmer, ...",
    "X, a self-described militant"): a person, whatever entity type the tagger gave the name."""
    if token.pos_ != "PROPN":
        return False
    return any(c.dep_ == "appos" and c.lemma_.lower() not in _NOT_PEOPLE and c.ent_type_ not in {"GPE", "LOC", "ORG"}
               and any(d.dep_ == "det" and d.lower_ in {"a", "an"} for d in c.children) for c in token.children)


_BODIES = {"group", "movement", "organisation", "organization", "coalition", "union", "network", "alliance", "campaign"}


def _named_body(token: Token) -> bool:
    """True for a body named by its proper-noun modifier ("a Black Flag group", "the Green Shoots movement")."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in _BODIES and any(
        c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children)


def public_figure(target: Token, code_actor: CodeActor) -> bool:
    """ "troops killed <a militant chief by name>": a person the actor dictionaries name is a public figure."""
    name = next((e for e in target.doc.ents if e.start <= target.i < e.end and e.label_ == "PERSON"), None)
    code = code_actor(name.text) if name is not None else None
    if code is None or code.phoenix is None:
        return False
    # a surname alone matched ("<someone else> bin Laden"): the entry shares some of the name's words, not the first
    words, entry = name.text.upper().replace("-", "_").split(), code.entry.split(" [")[0].split("_")
    return words[0] in entry or not set(words) & set(entry)


def participant(token: Token, earlier: Sequence[SpacySpan], code_actor: CodeActor, depth: int = 0,
                as_source: bool = False) -> Participant | None:
    """The actor named by `token` (resolving pronouns, looking inside object phrases), or None; `as_source`: the
    token is the subject of the act, so an act of force yields only its doer ("the shooting of X" names no actor)."""
    if pronoun_kind(token):
        antecedent = resolve_pronoun(token, earlier)
        if antecedent is None:
            return None
        found = participant(antecedent, earlier, code_actor, depth + 1)
        return Participant(found.token, found.code, token) if found else None
    if (members := _members(token)) is not None:
        return participant(members, earlier, code_actor, depth)
    if (noun := modified_noun(token)) is not None and coordinated(token):
        # "Hungarian and Romanian officials": each nationality with the noun it qualifies (HUN + officials = HUNGOV)
        code = code_actor(f"{token.text} {noun.text}")
        return Participant(token, code) if code is not None and code.country else None
    code = code_actor(phrase_text(token))
    if is_actor(token, code):
        return Participant(token, _with_group(token, code, code_actor))
    if _kin(token) or described_person(token) or _named_body(token):
        return Participant(token, code)
    if depth < 2:
        for inner in _inner(token, as_source):
            found = participant(inner, earlier, code_actor, depth + 1)
            if found is not None:
                return found
    return None


def first_participant(
    candidates: Sequence[Token], earlier: Sequence[SpacySpan], code_actor: CodeActor, avoid: Token | None = None
) -> Participant | None:
    """The first candidate that names an actor other than `avoid`: named ones (a country, an organisation,
    a person) before bare agent nouns ("4,000 troops" is what is sent, "Liberia" where to)."""
    found = [f for f in (participant(t, earlier, code_actor) for t in candidates) if f is not None]
    found = [f for f in found if avoid is None or f.token.i != avoid.i or f.token.doc is not avoid.doc]
    named_ = [f for f in found if named(f)]
    return (named_ or found or [None])[0]


def named(found: Participant) -> bool:
    """True when the participant is named: a country code or an actor entity (not a bare agent noun)."""
    code = found.code
    return bool(code and code.country) or found.token.ent_type_ in ACTOR_ENTS


def conjuncts(token: Token) -> list[Token]:
    """Nouns (or nationality modifiers of one noun) coordinated with `token` ("Iran, Libya and Cuba"), after it."""
    return [c for c in coordinated(token) if c.i > token.i]
