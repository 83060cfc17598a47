"""Events with no named source: agentless passives and event nouns that stand alone.

"150 people had been arrested", "six civilians were killed", "a bomb went off near the market", "clashes
erupted in the old city", "after the shooting": the act is reported but nobody is named as doing it. Such an
event gets a mention with a null source. Where the act itself implies who did it (an arrest or a raid is
done by police, a sentence or a conviction by a court, a protest by protesters), the implied actor's sector
is given and the actor is flagged `implied`; its text stays empty: no actor words are invented.

Only acts done to someone or material acts count (coerce, assault, fight, mass violence, charges and
convictions, bans, releases, protests): an agentless statement or appeal ("it was said") is no event.
Triggers already coded with a named source in the same sentence are skipped (`taken`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ...schemas import Actor, EventMention
from .codebook import ActionCode, Codebook
from .discards import accidental, counted_harm, natural_cause, statistic, strain
from .frames import PASSIVE_SUBJECTS, STATE_PASSIVES, object_position, phrasal_lemma, split_passive, _context
from .modality import modality_of
from .nominals import AFTER_PREPS, CAUSATIVE_VERBS, actor_modifier, is_nominal
from .precedence.material import released_work, riot_code

# CAMEO codes an agentless passive or a bare event noun may carry (prefixes): acts done to someone, and
# material acts. Statements, appeals, demands, threats and cooperation need a named actor.
AGENTLESS_PREFIXES = ("084", "1121", "115", "116", "14", "17", "18", "19", "20")
# Prefixes that a bare noun may carry (fewer than verbs: "trial", "investigation" and "sanctions" are too
# often a topic, not a reported act).
NOMINAL_PREFIXES = ("14", "173", "18", "19", "20")
# Nouns of acts whose kind is too general to stand alone ("the war", "hostilities", "occupation").
VAGUE_NOUNS = {"war", "hostilities", "occupation", "offensive", "combat", "battle", "fight", "fighting", "trial",
               "detention", "imprisonment", "repression", "incursion", "invasion", "siege", "blockade", "curfew",
               "martial law", "state of emergency", "crackdown"}
# Who an act implies when no one is named: lemma of the trigger -> sector.
IMPLIED_BY_LEMMA = {
    "arrest": "COP", "detain": "COP", "raid": "COP", "handcuff": "COP", "apprehend": "COP",
    "sentence": "JUD", "convict": "JUD", "jail": "JUD", "imprison": "JUD", "acquit": "JUD", "charge": "JUD",
    "indict": "JUD", "prosecute": "JUD",
    "protest": "CVL", "demonstration": "CVL", "rally": "CVL", "riot": "CVL", "march": "CVL", "sit-in": "CVL",
    "walkout": "CVL", "strike": "CVL", "boycott": "CVL", "unrest": "CVL",
}
_GATHERING_ROOT = "14"
# Passives that accidents and disasters share with attacks ("was killed while working", "were injured"):
# with no agent and no means named they report no act of anyone.
ACCIDENT_VERBS = {"kill", "injure", "wound", "hurt", "die"}
# Where an event noun reports an event rather than mentions one in passing: as the subject of its clause
# ("clashes erupted", "the bomb went off") or as a sentence of its own. Nouns in adjuncts ("killed in
# riots", "after the shooting") and objects are mostly background.
NOMINAL_DEPS = {"nsubj", "nsubjpass", "ROOT", "attr"}  # attr: "there was a shooting"
# Where an event noun in an object or adjunct is still reported as having happened: what an event caused
# ("sparked protests", "resulted in his arrest") and what came after it ("after a mass shooting", "following
# heavy bombing", "amid clashes").
_MODIFIER_DEPS = {"compound", "amod", "nmod"}
# Nouns whose "of" object is an event that happened: "in the aftermath of the riots", "reports of a shooting",
# "a wave of arrests", "the victims of the attack".
# Verbs whose object is an event a place or a people went through: "the city saw violent protests", "the region
# has witnessed clashes", "the town has been home to protests".
WITNESS_VERBS = {"see", "witness", "experience", "suffer", "endure"}
OF_EVENT_NOUNS = {"aftermath", "wake", "report", "scene", "victim", "target", "outbreak", "wave", "spate", "series"}


@dataclass(frozen=True)
class AgentlessEvent:
    """One event with no named source: the word that shows it, its code, who it is aimed at, who it implies."""

    trigger: Token
    code: ActionCode
    target: Token | None
    implied: str | None  # sector of the implied actor (COP, JUD, CVL), None when nothing is implied
    modality: str


def without_actor(mention: EventMention) -> EventMention:
    """The mention with an empty source: for a violent act whose only stand-in "agent" is the place where it
    happened ("was murdered in Kabul"), the act is agentless. (A named means, "killed in a car bombing", stays:
    the CAMEO examples code the bomb as the source.)"""
    return mention.model_copy(update={"actor": Actor(text="", code=None, country=None, sector=None, implied=False)})


def bare_act(means: Token) -> bool:
    """True for a means noun with nothing that names it ("hurt in the shooting", "died in the attack"): it is
    the act itself, not an agent; "killed in a car bombing" names its means and keeps it as the source."""
    return not any(c.dep_ in {"compound", "amod", "nmod", "poss"} or c.ent_type_ for c in means.children
                   if c.dep_ not in {"det", "prep", "punct"})


def _allowed(code: ActionCode | None, prefixes: tuple[str, ...]) -> bool:
    return code is not None and code.cameo.startswith(prefixes)


def implied_actor(trigger: Token, code: ActionCode) -> str | None:
    """Sector of the actor the act implies (police for an arrest, a court for a sentence), else None."""
    sector = IMPLIED_BY_LEMMA.get(trigger.lemma_.lower())
    if sector == "CVL" and not code.cameo.startswith(_GATHERING_ROOT):
        return None  # "air strike" is no strike of workers
    return sector


def _agentless_passive(verb: Token) -> bool:
    """True for a passive with no "by" agent ("were arrested", "after being shot")."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() in STATE_PASSIVES or any(c.dep_ == "agent" for c in verb.children):
        return False
    return any(c.dep_ in PASSIVE_SUBJECTS for c in verb.children) or (
        verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children)) or split_passive(verb)


def _purpose(verb: Token) -> bool:
    """True in a purpose clause ("so that X is banned", "in order that ..."): a wish, no reported act."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in {"so", "that", "lest"} for c in verb.children)


# Prepositions whose object names the fight an accident verb happened in ("killed in combat", "during clashes").
_IN_FIGHT_PREPS = {"in", "during", "amid", "amidst"}
# Clause links through which a subjectless participle takes its subject from the clause above it ("died after
# being shot", "was found dead, having been stabbed").
_PARTICIPLE_DEPS = {"advcl", "pcomp", "xcomp", "conj"}


def _in_fight(verb: Token, codebook: Codebook) -> bool:
    """True when an accident verb's adjunct names violence ("were killed in combat", "died during clashes"): CAMEO
    codes the deaths as part of the fight (root 18-20), not as an accident."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in _IN_FIGHT_PREPS:
            for noun in prep.children:
                if noun.dep_ != "pobj" or noun.pos_ != "NOUN" or accidental(noun):
                    continue
                code = codebook.code_noun(noun.lemma_.lower())
                if code is not None and code.root in {"18", "19", "20"}:
                    return True
    return False


def _clause_subject(verb: Token) -> Token | None:
    """The subject of the clause a subjectless participle hangs from: "he died after being shot" -> he."""
    node = verb
    for _ in range(3):
        if node.dep_ not in _PARTICIPLE_DEPS and not (node.dep_ == "pobj" and node.head.dep_ == "prep"):
            return None
        node = node.head if node.dep_ != "pobj" else node.head.head
        if node.dep_ == "prep":
            node = node.head
        subjects = [c for c in node.children if c.dep_ in {"nsubj", *PASSIVE_SUBJECTS}]
        if subjects:
            return subjects[0]
    return None


def passive_events(sentence: Span, codebook: Codebook, taken: Collection[int]) -> list[AgentlessEvent]:
    """Agentless passives with a code in AGENTLESS_PREFIXES; the passive subject is the target (for a subjectless
    participle, the subject of the clause above it)."""
    out = []
    for verb in sentence:
        if verb.i in taken or not _agentless_passive(verb):
            continue
        if verb.lemma_.lower() in ACCIDENT_VERBS and not _in_fight(verb, codebook):
            continue
        if natural_cause(verb) or counted_harm(verb) or strain(verb) or released_work(verb):
            continue  # "were killed in floods", "hospitals were overwhelmed", "the album was released"
        code = codebook.code_verb(phrasal_lemma(verb), _context(verb), object_position(verb))
        if not _allowed(code, AGENTLESS_PREFIXES):
            continue
        modality = modality_of(verb)
        if modality in {"hypothetical", "intended"} or _purpose(verb):
            continue  # "so that it is banned": no act reported
        subjects = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECTS] or [s for s in [_clause_subject(verb)] if s]
        out.append(AgentlessEvent(verb, code, subjects[0] if subjects else None, implied_actor(verb, code), modality))
    return out


# Acts undergone by the subject of an active verb ("faced six counts of fraud", "is serving a life sentence", "is
# in prison"): the subject is the target and the act is the authorities' (lemma of the verb -> object lemma ->
# (CAMEO code, implied sector)). Charges are 115, imprisonment 173 (the codebook's notes to 115 and 173).
UNDERGONE = {
    "face": {"charge": ("115", "JUD"), "count": ("115", "JUD"), "indictment": ("115", "JUD"),
             "accusation": ("115", "JUD"), "prosecution": ("115", "JUD"), "trial": ("115", "JUD")},
    "serve": {"sentence": ("173", "JUD"), "term": ("173", "JUD")},
    "receive": {"sentence": ("173", "JUD"), "term": ("173", "JUD")},
    "get": {"sentence": ("173", "JUD"), "term": ("173", "JUD")},
    "be": {"prison": ("173", "JUD"), "jail": ("173", "JUD"), "custody": ("173", "COP"), "detention": ("173", "COP")},
    "remain": {"prison": ("173", "JUD"), "jail": ("173", "JUD"), "custody": ("173", "COP"), "detention": ("173", "COP")},
}


def _undergone_object(verb: Token) -> Token | None:
    """The charge or the prison of an `UNDERGONE` verb: its direct object, or for "be"/"remain" the "in" object."""
    if verb.lemma_.lower() in {"be", "remain"}:
        return next((g for p in verb.children if p.dep_ == "prep" and p.lower_ in {"in", "into"}
                     for g in p.children if g.dep_ == "pobj"), None)
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def undergoes(verb: Token) -> bool:
    """True for an `UNDERGONE` verb with its charge or prison: its subject is the target, never the actor."""
    objects = UNDERGONE.get(verb.lemma_.lower())
    thing = _undergone_object(verb) if objects is not None else None
    return thing is not None and thing.lemma_.lower() in objects


def undergone_events(sentence: Span, codebook: Codebook, taken: Collection[int]) -> list[AgentlessEvent]:
    """Charges and imprisonment reported of their subject ("she faces two counts of fraud", "he is in jail")."""
    out = []
    for verb in sentence:
        objects = UNDERGONE.get(verb.lemma_.lower())
        if objects is None or verb.i in taken or (thing := _undergone_object(verb)) is None:
            continue
        found = objects.get(thing.lemma_.lower())
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if found is None or not subjects or (code := codebook.describe(found[0], f"{verb.lemma_} {thing.lemma_}")) is None:
            continue
        if verb.dep_ in {"ccomp", "xcomp"} and verb.head.lemma_.lower() == "order":
            continue  # "ordered the accused remain in custody": the order is the detention (precedence.material)
        modality = modality_of(verb)
        if modality in {"hypothetical", "intended"} or _purpose(verb):
            continue
        out.append(AgentlessEvent(thing, code, subjects[0], found[1], modality))
    return out


def _noun_code(noun: Token, codebook: Codebook) -> ActionCode | None:
    mods = [c.lemma_.lower() for c in noun.children if c.dep_ in _MODIFIER_DEPS]
    compound = [c.lemma_.lower() for c in noun.children if c.dep_ == "compound"]
    for words in ([*compound, noun.lemma_.lower()][-2:],):  # "air strike", "car bomb"
        joined = " ".join(words)
        if len(words) == 2 and codebook.is_eventive(joined):
            return codebook.code_noun(joined, mods)
    return codebook.code_noun(noun.lemma_.lower(), mods)


def _noun_target(noun: Token) -> Token | None:
    """Whom an act noun names as hit: "the attack on X", "his arrest", "the killing of X"."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in {"on", "against", "of"}:
            objects = [g for g in prep.children if g.dep_ == "pobj" and g.pos_ in {"NOUN", "PROPN", "PRON"}]
            if objects:
                return objects[0]
    owners = [c for c in noun.children if c.dep_ == "poss"]
    return owners[0] if owners else None


def _negated_noun(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


def _place_or_time_subject(verb: Token) -> bool:
    """True when the verb's subject is no person ("the city saw protests", not "she saw the protests")."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return bool(subjects) and subjects[0].lower_ not in {"i", "you", "he", "she", "we", "they", "who"} and (
        subjects[0].ent_type_ != "PERSON")


def _reported_noun(noun: Token) -> bool:
    """True where an event noun reports its event (`NOMINAL_DEPS`, an effect of `CAUSATIVE_VERBS`, the object
    of `AFTER_PREPS` or of an `OF_EVENT_NOUNS` noun); the first of coordinated nouns decides ("sparked controversy
    and protests")."""
    for _ in range(5):
        if noun.dep_ != "conj" or noun.head is noun:
            break
        noun = noun.head
    if noun.dep_ in NOMINAL_DEPS:
        return True
    head = noun.head
    if noun.dep_ == "dobj":
        return head.lemma_.lower() in CAUSATIVE_VERBS or head.lower_ in AFTER_PREPS or (
            head.lemma_.lower() in WITNESS_VERBS and _place_or_time_subject(head))
    if noun.dep_ == "pobj":
        return head.lower_ in AFTER_PREPS or (head.lower_ in {"in", "to"} and head.head.lemma_.lower() in CAUSATIVE_VERBS) or (
            head.lower_ == "of" and head.head.lemma_.lower() in OF_EVENT_NOUNS) or (
            head.lower_ == "to" and head.head.lemma_.lower() == "home")
    return False


def nominal_events(sentence: Span, codebook: Codebook, taken: Collection[int]) -> list[AgentlessEvent]:
    """Event nouns with no actor written in their phrase ("the shooting", "protests began", "a bomb went off")."""
    out = []
    for noun in sentence:
        if not is_nominal(noun) or noun.i in taken or not _reported_noun(noun):
            continue
        if noun.lemma_.lower() in VAGUE_NOUNS or actor_modifier(noun) is not None or accidental(noun) or statistic(noun):
            continue
        code = riot_code(noun, _noun_code(noun, codebook), codebook)  # "clashes broke out" at a protest: 145
        if not _allowed(code, NOMINAL_PREFIXES):
            continue
        modality = "negated" if _negated_noun(noun) else modality_of(noun.head if noun.dep_ != "ROOT" else noun)
        out.append(AgentlessEvent(noun, code, _noun_target(noun), implied_actor(noun, code), modality))
    return out


def caused(noun: Token) -> bool:
    """True for an event noun that an event noun caused: "the police shooting sparked riots", "led to protests"."""
    for _ in range(5):
        if noun.dep_ != "conj" or noun.head is noun:
            break
        noun = noun.head
    verb = noun.head if noun.dep_ == "dobj" else noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ in {"to", "in"} else None
    return verb is not None and verb.lemma_.lower() in CAUSATIVE_VERBS and any(
        c.dep_ == "nsubj" and is_nominal(c) for c in verb.children)


def caused_events(sentence: Span, codebook: Codebook, taken: Collection[int]) -> list[AgentlessEvent]:
    """The agentless events that a named event of the sentence caused ("the army raid sparked protests": the
    protests); the only agentless events kept beside named ones."""
    return [e for e in nominal_events(sentence, codebook, taken) if e.trigger.pos_ == "NOUN" and caused(e.trigger)]


# Legal acts reported beside a named event in a clause of their own ("the prosecutor began a probe after his
# lawyer was convicted", "the arrest came after he assaulted her"): the court's or the police's act is news too.
BESIDE_PREFIXES = ("115", "116", "1121", "173", "0841")


def clause_head(token: Token) -> Token:
    """The verb of the clause a token belongs to (the token itself for a verb)."""
    for _ in range(12):
        if token.pos_ in {"VERB", "AUX"} or token.head is token:
            return token
        token = token.head
    return token


def beside_named(sentence: Span, codebook: Codebook, taken: Collection[int], named: Collection[int]) -> list[AgentlessEvent]:
    """The agentless events kept beside named ones (`named`: their trigger indices): what those caused, and legal
    acts (`BESIDE_PREFIXES`) in another clause than every named trigger."""
    heads = {clause_head(sentence.doc[i]).i for i in named}
    return [*caused_events(sentence, codebook, taken),
            *(e for e in agentless_events(sentence, codebook, taken) if (_broke_out(e.trigger) or (
                e.code.cameo.startswith(BESIDE_PREFIXES) and clause_head(e.trigger).i not in heads))
              and not (e.trigger.pos_ == "NOUN" and caused(e.trigger)))]


# Verbs whose subject noun is an event that began: "violence broke out when thousands rallied".
_OUTBREAK_LEMMAS = {"break", "erupt", "flare", "escalate"}


def _broke_out(noun: Token) -> bool:
    """True for an event noun that is the subject of the main verb, an outbreak verb: its own event beside the
    named ones ("as soon as the clashes erupted" only times another event)."""
    verb = noun.head
    return noun.pos_ == "NOUN" and noun.dep_ == "nsubj" and verb.lemma_.lower() in _OUTBREAK_LEMMAS and (
        verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT"))


def agentless_events(sentence: Span, codebook: Codebook, taken: Collection[int]) -> list[AgentlessEvent]:
    """Every agentless event of the sentence, passives first; `taken` holds the token indices already used as
    triggers, sources or targets of mentions with a named source."""
    return [*passive_events(sentence, codebook, taken), *nominal_events(sentence, codebook, taken),
            *undergone_events(sentence, codebook, taken)]
