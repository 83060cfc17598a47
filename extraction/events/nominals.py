"""Events named by a noun alone: "Palestinian riots against Israeli policies are continuing".

A CAMEO coder codes an eventive noun ("riots", "attack", "strike") as an event when its actor is
written inside the noun phrase, as a nationality adjective or a possessor ("the army's attack on
the village"), and no coded verb already carries the sentence's event: the noun must be the
subject of an uncoded verb ("are continuing", "spread"), stand alone, or follow "after"/"following"/"amid"
("fled after the army raid"). Forces written as a modifier ("the police shooting of X") name the actor too.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from spacy.tokens import Span, Token

from .codebook import Codebook
from .frames import TARGET_PREPS, Frame, _conjuncts, _context, object_position, owned_tokens, phrasal_lemma, target_candidates
from .modality import modality_of

_ACTOR_MODIFIER_ENTS = {"NORP", "GPE", "ORG"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "ROOT"}
# Forces that name the actor of a violent or coercive act noun as its modifier: "the police shooting of X",
# "an army raid", "security forces' crackdown".
FORCE_MODIFIERS = {"police", "army", "military", "troop", "soldier", "militia", "rebel", "militant", "insurgent"}
# Prepositions (or participles) after which an event noun is reported as having happened: "after the army raid",
# "following Russian airstrikes", "amid clashes".
AFTER_PREPS = {"after", "following", "amid", "amidst"}
# Verbs whose subject is an event and whose object is what it caused ("the shooting sparked protests").
CAUSATIVE_VERBS = {"spark", "trigger", "cause", "prompt", "provoke", "ignite", "fuel", "result", "lead"}


def actor_modifier(noun: Token) -> Token | None:
    """The actor written inside an eventive noun phrase: its possessor, else a nationality/organisation modifier."""
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ in {"PROPN", "NOUN"}:
            return child
    for child in noun.children:
        if child.dep_ in {"amod", "compound", "nmod"} and child.ent_type_ in _ACTOR_MODIFIER_ENTS:
            return child
    for child in noun.children:
        if child.dep_ in {"compound", "amod"} and child.lemma_.lower() in FORCE_MODIFIERS:
            return child
    return None


def is_nominal(token: Token) -> bool:
    """True for an event noun, also a gerund the tagger read as a verb but that heads a noun phrase
    ("the police shooting of X": a determiner or an "of" object)."""
    if token.pos_ == "NOUN":
        return True
    return token.tag_ == "VBG" and token.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"} and any(
        c.dep_ == "det" for c in token.children)


# Prepositions whose object, an act noun with its actor written in it, reports the act: "killed in Israeli
# airstrikes", "escalated with the police killing of X", "during a police raid", "the target of an army attack"
# ("by" is the agent of a passive: the verb already carries it).
_REPORTING_PREPS = {"in", "with", "during"}


def _after(noun: Token) -> bool:
    """True for the object of `AFTER_PREPS` ("after the army raid", "following Russian airstrikes")."""
    return noun.dep_ in {"pobj", "dobj"} and noun.head.lower_ in AFTER_PREPS


def _reported_with_actor(noun: Token) -> bool:
    """True for an act noun with a written actor in an adjunct that reports it (`_REPORTING_PREPS`, "target of")."""
    if noun.dep_ != "pobj":
        return False
    prep = noun.head
    return prep.lower_ in _REPORTING_PREPS or (prep.lower_ == "of" and prep.head.lemma_.lower() in {"target", "victim"})


# Legal actions whose bare "by" object brings them: "a lawsuit by two tenants", "an indictment by a grand jury".
LEGAL_ACTION_NOUNS = {"lawsuit", "indictment", "complaint"}


def agent_of_noun(noun: Token) -> Token | None:
    """The "by" agent of a participle on an event noun: "the attack, reportedly carried out by the rebels", and the
    bare "by" object of a legal action noun ("a lawsuit by X"). (A bare "by" on any noun, "an attack by X", was
    tried: two false positives on PLOVER, no gain on dev.)"""
    if noun.lemma_.lower() in LEGAL_ACTION_NOUNS:
        brought = [g for p in noun.children if p.dep_ == "prep" and p.lower_ == "by" for g in p.children
                   if g.dep_ == "pobj" and g.pos_ in {"NOUN", "PROPN"}]
        if brought:
            return brought[0]
    for verb in [*noun.children, *_trailing_participles(noun)]:
        if verb.dep_ in {"acl", "advcl"} and verb.tag_ == "VBN":
            for agent in verb.children:
                if agent.dep_ == "agent":
                    objects = [g for g in agent.children if g.dep_ == "pobj"]
                    if objects:
                        return objects[0]
    return None


def _trailing_participles(noun: Token) -> list[Token]:
    """Subjectless participles the parser hung on the clause verb right after the noun's phrase: "died in the
    attack, reportedly conducted by X" (conducted describes the attack, not the dying)."""
    if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return []
    verb, end = noun.head.head, noun.right_edge.i
    return [c for c in verb.children if c.dep_ == "advcl" and c.i > end and c.left_edge.i <= end + 3
            and not any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)]


# Verbs that bring an act noun from its actor: "condolences came from X" (the noun is the subject), "received a
# warning from X" (the noun is the object; the receiver is the target).
ARRIVAL_VERBS = {"come", "arrive", "pour"}
RECEIPT_VERBS = {"receive", "get"}
# Nouns that only carry an act noun in their "of" object: "expressions of condolence", "messages of support".
CARRIER_NOUNS = {"expression", "message", "word", "statement", "letter", "note"}


def _from_object(token: Token) -> Token | None:
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "from":
            objects = [g for g in prep.children if g.dep_ == "pobj" and g.pos_ in {"NOUN", "PROPN"}]
            if objects:
                return objects[0]
    return None


def act_noun(noun: Token) -> Token:
    """The act noun a carrier noun brings ("expressions of condolence" -> condolence), else the noun itself."""
    if noun.lemma_.lower() in CARRIER_NOUNS:
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                inner = [g for g in prep.children if g.dep_ == "pobj" and g.pos_ == "NOUN"]
                if inner:
                    return inner[0]
    return noun


def sender_of_noun(noun: Token) -> Token | None:
    """The actor an act noun comes from: "condolences came from X", "received a warning from X", "a notice from X
    was received". None when no "from" names one."""
    head = noun.head
    if noun.dep_ == "nsubj" and head.lemma_.lower() in ARRIVAL_VERBS:
        return _from_object(head)
    if noun.dep_ == "dobj" and head.lemma_.lower() in RECEIPT_VERBS:
        return _from_object(noun) or _from_object(head)
    return None


def _receiver(noun: Token) -> Token | None:
    """The subject of "received" whose object is the act noun: the act's target."""
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in RECEIPT_VERBS:
        subjects = [c for c in noun.head.children if c.dep_ == "nsubj"]
        return subjects[0] if subjects else None
    return None


def sent_frames(sentence: Span, codebook: Codebook, coded: Collection[int]) -> Iterator[Frame]:
    """Frames for verbal act nouns (CAMEO roots 01-13) that come from a named sender (`sender_of_noun`): "condolences
    came from the president", "the ministry received a protest note from Iran"."""
    for noun in sentence:
        if not is_nominal(noun) or noun.head.i in coded or (source := sender_of_noun(noun)) is None:
            continue
        act = act_noun(noun)
        code = codebook.code_noun(act.lemma_.lower())
        if code is None or code.root > "13":
            continue
        receiver = _receiver(noun)
        targets = [receiver] if receiver is not None else _targets(act)
        for sender in _senders(source, noun.head):  # "came from X, Y and Z": one act each
            yield Frame(trigger=act, lemma=act.lemma_.lower(), context=[], source=sender,
                        target=targets[0] if targets else None, noun_trigger=act, owned=owned_tokens(act),
                        modality=modality_of(noun.head), target_candidates=targets)


def _senders(source: Token, verb: Token) -> list[Token]:
    """The sender and its conjuncts, also those of a list the parser hung on the verb ("came from X, Y and Z" with
    Y made a conjunct of "came")."""
    misplaced = [c for c in verb.children if c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN"} and c.i > source.i]
    return [source, *_conjuncts(source), *(t for c in misplaced for t in (c, *_conjuncts(c)))]


def _targets(noun: Token) -> list[Token]:
    return [g for prep in noun.children if prep.dep_ == "prep" and prep.lower_ in TARGET_PREPS
            for g in prep.children if g.dep_ == "pobj" and g.pos_ in {"NOUN", "PROPN"}]


def nominal_frames(sentence: Span, codebook: Codebook, coded: Collection[int]) -> Iterator[Frame]:
    """Frames for eventive subject nouns with a written actor whose verb is not coded (indices in `coded`)."""
    for noun in sentence:
        if not is_nominal(noun) or codebook.code_noun(noun.lemma_.lower()) is None:
            continue
        cause = noun.dep_ == "nsubj" and noun.head.lemma_.lower() in CAUSATIVE_VERBS
        # an agent written on the noun ("the attack carried out by X") reports the act wherever the noun stands
        source = agent_of_noun(noun)
        if source is None and not ((noun.dep_ in _SUBJECT_DEPS and noun.head.i not in coded) or cause or _after(noun)
                                   or _reported_with_actor(noun)):
            continue
        if source is None and (source := actor_modifier(noun)) is None:
            continue
        if not (noun.dep_ in _SUBJECT_DEPS or cause or _after(noun) or _reported_with_actor(noun) or agent_of_noun(noun)):
            continue
        targets = _targets(noun)
        yield Frame(trigger=noun, lemma=noun.lemma_.lower(), context=[], source=source,
                    target=targets[0] if targets else None, noun_trigger=noun, owned=owned_tokens(noun),
                    modality=modality_of(noun.head), target_candidates=targets)


# Legal acts whose "for"/"of" object names the crime of the person they are done to: "jailed X for the murder of
# Y", "is serving a life sentence for the assassination of Y", "was convicted of the killing of Y".
# ("accuse" is left out: an accusation is a verbal act, and the CAMEO examples code only the accusation.)
LEGAL_HEADS = {"sentence", "convict", "charge", "arrest", "jail", "imprison", "indict", "prosecute", "try",
               "acquit", "serve", "confess", "detain", "admit"}
_ACCUSED_IS_SUBJECT = {"serve", "confess", "admit"}  # for the others: the object or the passive subject
_ALLEGED = {"charge", "arrest", "indict", "detain", "try", "prosecute", "accuse"}  # the crime is only alleged
# Heads that take the crime as a gerund only ("accused of shooting two men", "confessed to killing her"): the
# accusation noun-crime stays the accusation alone (the CAMEO examples code only it).
_GERUND_HEADS = {"accuse"}
_GERUND_PREPS = {"for", "of", "to"}


def _accused(verb: Token) -> Token | None:
    """Who the legal act is about: the subject of "serve"/"confess", else the object or the passive subject."""
    deps = {"nsubj"} if verb.lemma_.lower() in _ACCUSED_IS_SUBJECT else {"dobj", "nsubjpass"}
    return next((c for c in verb.children if c.dep_ in deps), None)


def crime_frames(sentence: Span, codebook: Codebook) -> Iterator[Frame]:
    """Frames for a violent crime noun named as the reason of a legal act ("jailed for the murder of a guard"): the
    person the act is done to committed it (reported where the act only alleges it); its "of" object is the victim."""
    for noun in sentence:
        if noun.pos_ == "VERB" and noun.tag_ == "VBG" and noun.dep_ == "pcomp" and noun.head.lower_ in _GERUND_PREPS:
            yield from _crime_gerund(noun, codebook)  # "sentenced them for torturing their children"
            continue
        if not is_nominal(noun) or noun.dep_ != "pobj" or noun.head.lower_ not in {"for", "of"}:
            continue
        code = codebook.code_noun(noun.lemma_.lower())
        if code is None or code.root not in {"18", "19", "20"}:
            continue
        legal = noun.head.head
        if legal.pos_ == "NOUN" and legal.lemma_.lower() in {"sentence", "term"}:
            legal = legal.head  # "serving a life sentence for ..."
        if legal.lemma_.lower() not in LEGAL_HEADS or (accused := _accused(legal)) is None:
            continue
        victims = [g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                   for g in p.children if g.dep_ == "pobj" and g.pos_ in {"NOUN", "PROPN"}]
        for doer in [accused, *_conjuncts(accused)]:  # "sentenced X and Y for the murder of Z": one crime each
            yield Frame(trigger=noun, lemma=noun.lemma_.lower(), context=[], source=doer,
                        target=victims[0] if victims else None, noun_trigger=noun, owned=owned_tokens(noun),
                        modality="reported" if legal.lemma_.lower() in _ALLEGED else "asserted", target_candidates=victims)


def _crime_gerund(verb: Token, codebook: Codebook) -> Iterator[Frame]:
    """The frame of a violent gerund a legal act is for, with the accused as its actor (not the judge)."""
    legal = verb.head.head
    if legal.pos_ == "NOUN" and legal.lemma_.lower() in {"sentence", "term"}:
        legal = legal.head
    if legal.lemma_.lower() not in LEGAL_HEADS | _GERUND_HEADS or (accused := _accused(legal)) is None:
        return
    if verb.head.lower_ == "to" and legal.lemma_.lower() not in _ACCUSED_IS_SUBJECT:
        return  # "to" brings the crime only after a confession ("confessed to killing")
    lemma = phrasal_lemma(verb)
    code = codebook.code_verb(lemma, _context(verb), object_position(verb))
    if code is None or code.root not in {"18", "19", "20"}:
        return
    if legal.lemma_.lower() in _GERUND_HEADS and code.cameo.startswith("196"):
        return  # "accused the rebels of violating the truce": a political charge, coded as the accusation alone
    targets = target_candidates(verb, None)
    for doer in [accused, *_conjuncts(accused)]:  # "sentenced X and Y for torturing Z": one act each
        yield Frame(trigger=verb, lemma=lemma, context=_context(verb), source=doer,
                    target=targets[0] if targets else None, owned=owned_tokens(verb), object_at=object_position(verb),
                    modality="reported" if legal.lemma_.lower() in _ALLEGED else "asserted", target_candidates=targets)
