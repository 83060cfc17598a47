"""Event frames from a dependency parse: trigger, source, target, places and clause of each event.

Works on any spaCy `Span` (a sentence) with a dependency parse and no coding knowledge: which
triggers are events at all is decided later by the codebook (see `mentions.py`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from .codebook import load_codebook
from .modality import modality_of

SUBJECTS = {"nsubj", "csubj", "expl"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
OBJECTS = {"dobj", "obj", "attr", "oprd"}
# Clauses below a trigger that own their own events (and their own dates).
CLAUSES = {"ccomp", "advcl", "relcl", "xcomp", "conj", "acl", "csubj", "pcomp", "parataxis"}
# Verbs that carry an event in their complement or object noun rather than in themselves.
LIGHT_VERBS = {"launch", "carry", "stage", "hold", "conduct", "mount", "make", "begin", "start", "continue", "lead", "organize", "organise", "unleash", "order",
               "perform", "execute", "join"}
# Verbs that are light only before an attack noun: "providing airstrikes" is an air strike, "providing aid" aid.
ATTACK_LIGHT_VERBS = {"provide", "deliver", "conduct", "direct", "coordinate", "orchestrate", "mastermind", "perpetrate", "commit"}
ATTACK_NOUNS = {"attack", "airstrike", "strike", "raid", "bombing", "shelling", "ambush", "assault", "offensive", "bombardment",
                "massacre", "shooting", "stabbing", "killing", "spree", "rampage"}
# "went on a stabbing spree", "went on a rampage": the outburst is the event, the verb only starts it.
OUTBURST_NOUNS = {"spree", "rampage"}
CONTROL_HEADS = {"xcomp", "acomp", "advcl", "conj", "pcomp"}
TARGET_PREPS = {"to", "on", "upon", "against", "at", "with", "for", "into", "from", "toward", "towards"}
PLACE_PREPS = {"in", "at", "near", "outside", "inside", "across", "around", "throughout", "into", "from"}
ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
PRONOUNS = {"he", "she", "they", "we", "it", "i", "him", "her", "them", "us"}
NON_ACTOR_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}


@dataclass
class Frame:
    """One candidate event in one sentence (token indices are sentence-independent doc indices)."""

    trigger: Token
    lemma: str
    context: list[str]
    source: Token | None
    target: Token | None
    noun_trigger: Token | None = None
    places: list[Token] = field(default_factory=list)
    owned: set[int] = field(default_factory=set)
    modality: str = "asserted"
    source_inherited: bool = False
    target_candidates: list[Token] = field(default_factory=list)
    object_at: int | None = None  # position of the direct object's head in `context`
    source_means: bool = False  # the source is the means or place of an agentless act, not a named actor


def phrasal_lemma(verb: Token) -> str:
    """The verb lemma with its particle: "break up", "drive out"."""
    particles = [c.lemma_.lower() for c in verb.children if c.dep_ == "prt"]
    return " ".join([verb.lemma_.lower(), *particles])


def _is_relative_pronoun(token: Token) -> bool:
    return token.tag_ in {"WP", "WDT"} or token.lower_ in {"who", "which", "that"}


def _resolve_relative(token: Token, verb: Token) -> Token:
    """`who` in "militants who seized" stands for the noun the relative clause modifies."""
    if _is_relative_pronoun(token) and verb.dep_ == "relcl":
        return verb.head
    return token


def _children(token: Token, deps: set[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def protested_in_person(verb: Token) -> bool:
    """ "students protested outside parliament", "thousands were protesting against the law": "protest" with no
    object or reported complement is a demonstration (141); "protested the decision", "protested that" are words."""
    return verb.lemma_.lower() in {"protest", "demonstrate"} and verb.pos_ == "VERB" and verb.dep_ not in {
        "ccomp", "parataxis"} and not any(c.dep_ in {"dobj", "obj", "ccomp", "xcomp", "parataxis"} for c in verb.children)


def misparsed_main(verb: Token) -> bool:
    """True for the main verb misparsed as a participle under the sentence's root noun (the sentence has no
    other verb): "A group of activists protested outside the court" (root "group"); or a verb of crowds, which
    no one undergoes, misparsed as a participle on the subject of a later verb ("Deputies of the council marched
    and waved banners that showed ..."): the noun protests."""
    if verb.dep_ != "acl" or verb.tag_ not in {"VBD", "VBN"} or verb.head.pos_ not in {"NOUN", "PROPN"} or _children(
            verb, {"agent"}):
        return False
    return verb.head.dep_ == "ROOT" or (verb.lemma_.lower() in CROWD_PARTICIPLES and verb.head.dep_ == "nsubj"
                                         and verb.head.i < verb.i)


def split_passive(verb: Token) -> bool:
    """True for a passive misparsed as "be" + adverbial clause when an adjunct splits it ("Three men were on
    Sunday arrested", "A truck bomb was on Monday driven into ..."): the subject of "be" undergoes the act."""
    return (verb.dep_ == "advcl" and verb.tag_ in {"VBN", "VBD"} and verb.head.lemma_ == "be" and verb.head.dep_ == "ROOT"
            and verb.i > verb.head.i and not _children(verb.head, {"attr", "acomp"}) and not _children(verb, {"agent"}))


# Verbs whose present participle before a plural noun describes that noun ("protesting students").
CROWD_PARTICIPLES = {"protest", "demonstrate", "strike", "march", "riot", "picket"}


def _misparsed_crowd(verb: Token) -> Token | None:
    """ "was interrupted by protesting legislators": the parser reads the participle as a gerund with an object;
    the plural noun after it is the crowd that protests."""
    if verb.tag_ != "VBG" or verb.dep_ != "pcomp" or verb.head.lower_ != "by" or verb.lemma_.lower() not in CROWD_PARTICIPLES:
        return None
    objects = _children(verb, {"dobj"})
    return objects[0] if objects and objects[0].tag_ == "NNS" and objects[0].i == verb.i + 1 else None


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """Source of a verb: its subject, the agent of a passive, or the controller it inherits."""
    agent = [g for c in _children(verb, {"agent"}) for g in _children(c, {"pobj"})]
    if agent:
        return agent[0], False
    if subjects := _children(verb, SUBJECTS):
        if subjects[0].tag_ == "VBG" and (inner := _children(subjects[0], {"nsubj"})):
            return inner[0], False  # "The Red Cross operating in Iraq said": the participle's noun speaks
        return _resolve_relative(subjects[0], verb), False
    if passive := _children(verb, PASSIVE_SUBJECTS):
        if verb.lemma_.lower() in STATE_PASSIVES:
            return _resolve_relative(passive[0], verb), False  # "forces were engaged in ethnic cleansing"
        return None, False
    if (crowd := _misparsed_crowd(verb)) is not None:
        return crowd, False  # "interrupted by protesting legislators": the legislators protest
    if verb.dep_ in {"acl", "relcl"} and verb.tag_ in {"VBG"}:
        return verb.head, True  # "fighters belonging to": the noun acts
    if misparsed_main(verb):
        return verb.head, False
    if split_passive(verb):
        return None, False
    if (culprit := _culprit(verb)) is not None:
        return culprit, True  # "the army is guilty of violating the truce": the one found guilty did it
    if verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
        if owner := _children(verb.head, {"poss"}):
            return owner[0], True  # "Iran's readiness to support": the owner acts
    node = verb
    while (node.dep_ in CONTROL_HEADS or (node.dep_ == "acl" and node.head.pos_ == "NOUN")
           or (node.dep_ in {"dobj", "attr"} and node.pos_ == "NOUN" and node is not verb)) and node.head is not node:
        node = node.head
        if subjects := _children(node, SUBJECTS):
            return _resolve_relative(subjects[0], node), True
        if node.pos_ == "VERB" and (passive := _children(node, PASSIVE_SUBJECTS)) and verb.dep_ == "xcomp":
            if node.lemma_.lower() in RAISING_PASSIVES and node.i == verb.head.i:
                return _resolve_relative(passive[0], node), True  # "X were reported to have visited": X visited
            return None, False
    return _fallback_subject(verb), True


# Passive reporting verbs whose subject is the actor of their infinitive ("were said to have attacked"), unlike
# "was asked/ordered to leave", whose subject is only the addressee.
RAISING_PASSIVES = {"say", "report", "believe", "think", "know", "allege", "understand", "rumour", "rumor",
                    "suppose", "claim", "expect"}


# Predicates that assert their subject did the act in their "of"/"for" gerund: "guilty of shelling".
CULPABLE = {"guilty", "responsible"}


def _culprit(verb: Token) -> Token | None:
    """The subject of "X is guilty of <verb>ing" / "X is responsible for <verb>ing", else None."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ not in {"of", "for"}:
        return None
    adjective = prep.head
    if adjective.lemma_.lower() not in CULPABLE or adjective.dep_ not in {"acomp", "oprd"}:
        return None
    subjects = _children(adjective.head, SUBJECTS)
    return _resolve_relative(subjects[0], adjective.head) if subjects else None


# Passives that describe what their subject does: "were engaged in fighting", "were involved in the attack".
STATE_PASSIVES = {"engage", "involve"}
# Nouns that name the means of a violent act: with no agent named, the means stands in for it.
MEANS_NOUNS = {"bombing", "bomb", "explosion", "blast", "attack", "device", "mine", "minefield", "explosive",
               "missile", "rocket", "shell", "grenade", "shelling", "airstrike", "strike", "raid", "ambush",
               "gunfire", "shooting", "landmine", "mortar"}


def is_means(token: Token) -> bool:
    """True for a noun naming the means of a violent act ("car bombing", "roadside bomb", "Predator attacks")."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in MEANS_NOUNS


def passive_means(verb: Token) -> Token | None:
    """For an agentless passive, what stands in for the missing agent: the means ("killed in a car bombing"),
    else the place where it happened ("was arrested in Lebanon"); None when neither is named."""
    objects = [g for p in verb.children if p.dep_ == "prep" and p.lower_ in {"in", "by", "with", "at", "near", "outside", "inside"}
               for g in p.children if g.dep_ == "pobj"]
    for noun in objects:
        if is_means(noun):
            return noun
    for noun in objects:
        place = noun if noun.ent_type_ in {"GPE", "LOC"} else next(
            (t for t in noun.subtree if t.ent_type_ in {"GPE"} and t.pos_ == "PROPN"), None)
        if place is not None:
            return place
    return None


def means_agent(noun: Token) -> Token | None:
    """The "by" object of a means noun ("an attack by militants"), the real agent of the act, else None."""
    if not is_means(noun):
        return None
    return next((g for p in noun.children if p.dep_ == "prep" and p.lower_ == "by"
                 for g in p.children if g.dep_ == "pobj"), None)


OPERATION_NOUNS = {"operation", "raid", "strike", "airstrike", "offensive", "counteroffensive", "mission"}


def operation_agent(verb: Token) -> Token | None:
    """The state that ran the operation an agentless passive happened in ("was killed in a US counterterrorism
    operation", "died in a French raid"): the operation noun's own country modifier, else None."""
    for noun in (g for p in verb.children if p.dep_ == "prep" and p.lower_ in {"in", "during", "by"}
                 for g in p.children if g.dep_ == "pobj" and g.lemma_.lower() in OPERATION_NOUNS):
        state = next((c for c in noun.children if c.dep_ in {"compound", "amod", "nmod"} and c.i < noun.i
                      and c.ent_type_ in {"GPE", "NORP"}), None)
        if state is not None:
            return state
    return None


def _fallback_subject(verb: Token) -> Token | None:
    """A noun the parser hung off a left-hand modifier clause ("forces - battling ... - launched")."""
    for child in verb.lefts:
        for token in child.subtree:
            if token.dep_ in {"nsubj", "npadvmod"} and token.pos_ in {"NOUN", "PROPN"} and token.i < verb.i:
                return token
    return None


def _actor_like(token: Token) -> bool:
    return (
        token.ent_type_ in ACTOR_ENTS
        or token.pos_ == "PROPN"
        or token.lower_ in PRONOUNS
        or (token.pos_ == "NOUN" and token.tag_ == "NNS")
        or any(c.ent_type_ in {"NORP", "GPE"} for c in token.children)
    )


def _prep_objects(token: Token, preps: set[str]) -> list[Token]:
    """Objects of the token's prepositions in `preps` (also those the parser hung off a particle: "kidnapped up
    to 16 advisers"), its datives, and the subject the parser took from a stranded preposition."""
    heads = [token, *(c for c in token.children if c.dep_ == "prt")]
    out = []
    for head in heads:
        for prep in head.children:
            if prep.dep_ in {"prep", "dative"} and prep.lower_ in preps:
                out += _children(prep, {"pobj"}) or _stranded(prep)
    return out + [c for c in token.children if c.dep_ == "dative" and c.pos_ in {"NOUN", "PROPN", "PRON"}]


def _stranded(prep: Token) -> list[Token]:
    """The noun right after an object-less preposition that the parser made a clause subject
    ("granted asylum to five officers holed up ...": "officers" is the object of "to")."""
    nxt = prep.doc[prep.i + 1 : prep.sent.end]
    for token in nxt:
        if token.dep_ in {"nsubj", "nsubjpass"} and token.left_edge.i == prep.i + 1:
            return [token]
    return []


_PARTY_PREPS = {"of", "with", "against", "between"}


def _act_parties(noun: Token) -> list[Token]:
    """Actor-like possessor and "of"/"with"/"against" objects of a noun that names an act (codebook-eventive)."""
    if noun.pos_ != "NOUN" or not load_codebook().is_eventive(noun.lemma_.lower()):
        return []
    owners = [c for c in noun.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
    return [c for c in [*owners, *_prep_objects(noun, _PARTY_PREPS)] if _actor_like(c)]


def _after_as(verb: Token) -> list[Token]:
    """The object the parser hung as an apposition on a predicative "as" phrase ("denounced as a crime the
    army's raid on ...": the raid is what is denounced)."""
    return [a for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "as"
            for pobj in prep.children if pobj.dep_ == "pobj" for a in pobj.children if a.dep_ == "appos"]


def _usable(token: Token, verb: Token) -> bool:
    """A possible participant: not a date, number or amount, not the verb's own relative pronoun."""
    return token.ent_type_ not in NON_ACTOR_ENTS and token.pos_ in {"NOUN", "PROPN", "PRON"} and token.lower_ not in {"which", "what"}


def target_candidates(verb: Token, noun_trigger: Token | None, owned: set[int] | None = None,
                      after: list[Token] | None = None) -> list[Token]:
    """Possible targets of a verb, best first: passive subject, the eventive noun's prepositional object,
    actor-like objects and datives, actor-like prepositional objects, then any object. `owned` and
    `after` (`owned_tokens` and `owned_after` of the verb) save recomputing them."""
    out: list[Token] = []
    if (passive := _children(verb, PASSIVE_SUBJECTS)) and verb.lemma_.lower() not in STATE_PASSIVES:
        out.append(_resolve_relative(passive[0], verb))
    objects = [o for o in [*_children(verb, OBJECTS), *_after_as(verb)] if o is not noun_trigger]
    objects += for_clause_subjects(verb) + shared_objects(verb)
    datives = _prep_objects(verb, {"to"})
    if noun_trigger is not None:
        out += _prep_objects(noun_trigger, TARGET_PREPS)
    preps = _prep_objects(verb, TARGET_PREPS)
    out += [c for c in [*objects, *datives] if _actor_like(c)]
    out += [c for c in preps if _actor_like(c)]
    # the actor an act-naming object is about: "demanded the withdrawal of Serbian forces from X",
    # "demanded a truce with rebel forces", "denounced Serbia's suppression of the unrest"
    out += [c for o in objects if not _actor_like(o) for c in _act_parties(o)]
    # the object's own recipient: "provide dollars of aid for Romania", "evacuated the wounded from Gorazde"
    # and the parties the object stands between: "ended mediation efforts between rival militias"
    out += [c for o in objects for part in [o, *_conjuncts(o)]
            for c in _prep_objects(part, {"to", "for", "from", "against", "on", "between", "among"}) if _actor_like(c)]
    out += objects + preps
    # last resort: the place where it happened stands for the target ("lifted a curfew in Montenegro",
    # "rioted at this jail in northern Israel")
    after = owned_after(verb, owned_tokens(verb) if owned is None else owned) if after is None else after
    out += [t for t in after if t.ent_type_ in {"GPE", "LOC"}
            and t.dep_ == "pobj" and t.head.lower_ in {"in", "into", "inside", "at", "from"}]
    seen: set[int] = set()
    return [t for t in out if _usable(t, verb) and not _in_name(t) and not (t.i in seen or seen.add(t.i))]


def _in_name(token: Token) -> bool:
    """True for a place inside an organisation's name ("the Islamic State in Iraq"): part of the name, no
    target of its own."""
    prep = token.head
    return (token.dep_ == "pobj" and token.ent_type_ in {"GPE", "LOC"} and prep.dep_ == "prep"
            and prep.lower_ in {"in", "of"} and prep.head.pos_ == "PROPN" and prep.head.ent_type_ == "ORG")


def _target(verb: Token, noun_trigger: Token | None) -> Token | None:
    """Target of a verb: the first of `target_candidates`."""
    candidates = target_candidates(verb, noun_trigger)
    return candidates[0] if candidates else None


def shared_objects(verb: Token) -> list[Token]:
    """The object a second verb shares with the first when both come before it ("surrounded and threatened the
    senator": the parser hangs the senator on the first verb only)."""
    if verb.dep_ != "conj" or _children(verb, OBJECTS) or verb.head.pos_ != "VERB":
        return []
    return [o for o in _children(verb.head, OBJECTS) if o.i > verb.i]


def for_clauses(verb: Token) -> list[Token]:
    """The "for X to do" clauses right after the verb ("called for the allies to pay", "called for the deaths to
    be investigated"); the parser hangs "for" on the clause, not on the verb."""
    return [c for c in verb.children if c.dep_ in {"advcl", "ccomp", "xcomp"}
            and any(m.dep_ == "mark" and m.lower_ == "for" and m.i == verb.i + 1 for m in c.children)]


def for_clause_subjects(verb: Token) -> list[Token]:
    """The active subjects of `for_clauses`: whom the appeal or demand addresses ("the allies")."""
    return [s for c in for_clauses(verb) for s in c.children if s.dep_ == "nsubj"]


def owned_after(verb: Token, owned: set[int]) -> list[Token]:
    """The tokens of `owned` (the verb's clause) that follow the verb in its sentence, in text order."""
    doc, start, end = verb.doc, verb.i + 1, verb.sent.end
    return [doc[i] for i in sorted(owned) if start <= i < end]


def _context(verb: Token, after: list[Token] | None = None) -> list[str]:
    """Lemmas after the verb in its own clause: what the codebook's object patterns match ("for" of a
    "for X to do" clause included: "called for X to" is an appeal). `after`: `owned_after` of the verb."""
    after = owned_after(verb, owned_tokens(verb)) if after is None else after
    lead = ["for"] if for_clauses(verb) else []
    return lead + [t.lemma_.lower() for t in after if not t.is_punct]


def object_position(verb: Token, after: list[Token] | None = None) -> int | None:
    """Position of the verb's direct object head among the context lemmas (see `_context`), None without one."""
    objects = _children(verb, {"dobj", "obj"})
    if not objects:
        return None
    after = owned_after(verb, owned_tokens(verb)) if after is None else after
    kept = [t.i for t in after if not t.is_punct]
    lead = 1 if for_clauses(verb) else 0
    return kept.index(objects[0].i) + lead if objects[0].i in kept else None


def owned_tokens(verb: Token) -> set[int]:
    """Token indices in the verb's clause, without the sub-clauses that carry their own events."""
    owned = {verb.i}
    stack = [c for c in verb.children if c.dep_ not in CLAUSES or c.pos_ not in {"VERB", "AUX"}]
    while stack:
        token = stack.pop()
        owned.add(token.i)
        stack.extend(c for c in token.children if c.dep_ not in {"relcl", "ccomp", "advcl"})
    return owned


def _places(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.ent_type_ in {"GPE", "LOC", "FAC"} and t.ent_iob_ in {"B", "I"}]


def _eventive_object(verb: Token) -> Token | None:
    lemma = verb.lemma_.lower()
    if lemma == "go":
        return next((g for p in verb.children if p.dep_ == "prep" and p.lower_ == "on" for g in p.children
                     if g.dep_ == "pobj" and g.lemma_.lower() in OUTBURST_NOUNS), None)
    if lemma not in LIGHT_VERBS and lemma not in ATTACK_LIGHT_VERBS:
        return None
    objects = _children(verb, {"dobj", "obj"})
    # an "object" before its active verb is a misparsed subject: "the arrest of X in <town>, <state> led to protests"
    if not objects or objects[0].pos_ != "NOUN" or objects[0].i < verb.i:
        return None
    return objects[0] if lemma in LIGHT_VERBS or objects[0].lemma_.lower() in ATTACK_NOUNS else None


def find_frames(sentence: Span) -> Iterator[Frame]:
    """Every candidate event of the sentence, one frame per (trigger, source) pair."""
    for token in sentence:
        if token.pos_ != "VERB" or token.dep_ in {"aux", "auxpass", "amod"}:
            continue
        source, inherited = _subject(token)
        means = source is None and bool(_children(token, PASSIVE_SUBJECTS))
        if means:
            source = passive_means(token)  # "three civilians were killed in a car bombing in Baghdad"
            if source is not None and (agent := means_agent(source) or operation_agent(token)) is not None:
                source, means = agent, False  # "killed in an attack by militants": the militants did it
        if source is None:
            continue
        noun_trigger = _eventive_object(token)
        owned = owned_tokens(token)  # the clause, computed once for all that reads it
        after = owned_after(token, owned)
        candidates = [c for c in target_candidates(token, noun_trigger, owned, after) if source is None or c.i != source.i]
        target = candidates[0] if candidates else None
        places = _places([sentence.doc[i] for i in sorted(owned)])
        lemma, context, modality, object_at = phrasal_lemma(token), _context(token, after), modality_of(token), object_position(token, after)
        for actor in adjective_actors(source) or [source, *_conjuncts(source), *companions(source)]:
            yield Frame(
                trigger=token,
                lemma=lemma,
                context=list(context),
                source=actor,
                target=target,
                noun_trigger=noun_trigger,
                places=places,
                owned=owned,
                modality=modality,
                source_inherited=inherited,
                target_candidates=candidates,
                object_at=object_at,
                source_means=means,
            )


def _conjuncts(token: Token) -> list[Token]:
    """Coordinated nouns: "America and Iran" are two actors."""
    return [c for c in token.conjuncts if c.pos_ in {"NOUN", "PROPN"} and c.i > token.i]


COMPANION_ADVERBS = {"along", "together"}


def companions(source: Token) -> list[Token]:
    """Actors joined to a subject by "along with" / "together with" ("The union, along with the league,
    announced ..."): they act with it. The phrase hangs on the subject or on its verb, before the verb."""
    verb = source.head
    found = []
    for holder in (source, verb):
        for word in holder.children:
            withs = [word] if word.lower_ == "with" else [c for c in word.children if c.lower_ == "with"]
            joined = word.lower_ in COMPANION_ADVERBS or any(c.lower_ in COMPANION_ADVERBS for c in word.children)
            if not joined or not source.i < word.i < verb.i:
                continue
            found += [g for w in withs for g in w.children if g.dep_ == "pobj" and g.pos_ in {"NOUN", "PROPN"}]
    return found


def _national(token: Token) -> bool:
    return token.ent_type_ in {"NORP", "GPE"} and token.pos_ in {"ADJ", "PROPN", "NOUN"}


def adjective_actors(noun: Token) -> list[Token]:
    """Coordinated nationality modifiers of one noun are separate actors: "Hungarian and Romanian officials" ->
    [Hungarian, Romanian]; [] when the noun has no such coordination."""
    for child in noun.children:
        if child.dep_ in {"amod", "compound", "nmod"} and _national(child):
            others = [c for c in child.conjuncts if _national(c)]
            if others:
                return sorted([child, *others], key=lambda t: t.i)
    return []


def modified_noun(token: Token) -> Token | None:
    """The noun a (possibly coordinated) nationality modifier qualifies: "Romanian" in "Hungarian and Romanian
    officials" -> officials; None when the token is not such a modifier."""
    node = token
    while node.dep_ == "conj" and node.head is not node:
        node = node.head
    return node.head if node.dep_ in {"amod", "compound", "nmod"} and node.head.pos_ in {"NOUN", "PROPN"} else None


def coordinated(token: Token) -> list[Token]:
    """The other members of the token's coordination (nouns, or nationality modifiers of one noun)."""
    if modified_noun(token) is not None:
        return [c for c in token.conjuncts if _national(c)]
    return [c for c in token.conjuncts if c.pos_ in {"NOUN", "PROPN"}]


# Adjectives that follow the noun of a title: "attorneys general", "secretary general", "surgeon general".
POSTPOSED_TITLE_WORDS = {"general"}


def phrase(token: Token) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by token, without clauses and appositions."""
    keep = {"compound", "amod", "det", "poss", "case", "nmod", "nummod", "quantmod", "punct", "flat", "advmod"}
    left = token.i
    for child in token.lefts:
        if child.dep_ in keep:
            left = min(left, child.left_edge.i)
    right = token.i + 1
    for child in token.rights:
        if child.dep_ in {"compound", "flat", "case"} or (child.dep_ == "prep" and child.lower_ == "of"):
            right = max(right, child.right_edge.i + 1)
        elif child.dep_ == "amod" and child.i == right and child.lower_ in POSTPOSED_TITLE_WORDS:
            right = child.right_edge.i + 1  # "attorneys general (from ten states)": one title
        else:
            break
    while left < token.i and token.doc[left].dep_ in {"det", "punct"} and token.doc[left].lower_ in {"the", "a", "an", "-", ",", "\""}:
        left += 1
    return left, right


# Post-nominal modifiers that tell who the actor is: "workers affiliated with the union", "militants loyal to X",
# "activists from the party", "students throughout Indonesia", "demonstrators in Baghdad".
_AFFILIATION_PREPS = {"of", "from", "in", "at", "throughout", "across", "inside", "within", "with"}
_AFFILIATION_WORDS = {"affiliate", "loyal", "base", "link", "belong", "close", "allied", "ally"}
_MAX_DESCRIPTION_TOKENS = 16


def described_phrase(token: Token) -> tuple[int, int]:
    """Token range [start, end) of the actor as the text describes it: `phrase` widened by an apposition on
    either side ("Qatar's emir, Sheikh Hamad") and by the affiliation that follows it ("workers affiliated
    with the union", "rebels in the Ivory Coast"); never past a clause or beyond a short span."""
    left, right = phrase(token)
    for child in token.rights:
        if child.i < right:
            continue
        gap = token.doc[right:child.left_edge.i]
        if child.dep_ == "appos" and all(t.is_punct for t in gap) and _plain_apposition(child):
            right = child.right_edge.i + 1
        elif not gap and ((child.dep_ == "prep" and child.lower_ in _AFFILIATION_PREPS) or (
                child.dep_ in {"acl", "amod"} and child.lemma_.lower() in _AFFILIATION_WORDS)):
            right = child.right_edge.i + 1
        elif child.dep_ != "punct":
            break
    left = _left_apposition(token, left)
    if right - left > _MAX_DESCRIPTION_TOKENS:
        return phrase(token)
    return left, _balanced_end(token.doc, left, right)


def _plain_apposition(appos: Token) -> bool:
    """An apposition that is a noun phrase only, not a misparsed clause ("Liberia, the WFP said")."""
    after = appos.doc[appos.right_edge.i + 1] if appos.right_edge.i + 1 < appos.sent.end else None
    return not any(t.pos_ in {"VERB", "AUX"} for t in appos.subtree) and not (after is not None and after.pos_ in {"VERB", "AUX"})


def _balanced_end(doc, left: int, right: int) -> int:
    """`right` moved so the span closes the bracket it opens and ends on no stray punctuation."""
    opened = sum(t.text == "(" for t in doc[left:right]) - sum(t.text == ")" for t in doc[left:right])
    if opened > 0 and right < len(doc) and doc[right].text == ")":
        right += 1
    elif opened > 0:
        right = max(i for i in range(left, right) if doc[i].text == "(")
    while right > left + 1 and doc[right - 1].is_punct and doc[right - 1].text not in {")", "'"}:
        right -= 1
    return right


def _left_apposition(token: Token, left: int) -> int:
    """Start of a title phrase set off by a comma before the name ("Qatar's emir, Sheikh Hamad"), else `left`."""
    doc = token.doc
    if left < 2 or doc[left - 1].text != "," or left - 1 <= token.sent.start:
        return left
    before = doc[left - 2]
    if before.pos_ != "NOUN" or before.dep_ not in {"dep", "appos", "nsubj", "npadvmod"}:
        return left
    start = before.left_edge.i
    return start if start == token.sent.start else left
