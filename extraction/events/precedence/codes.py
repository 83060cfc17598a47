"""Which CAMEO code a frame gets when the codebook allows several: the specific code over the generic one.

The codebook's own notes decide: a suicide, car or roadside bombing is 1831/1832/1833, not 19x; violence by
protesters is a riot (145); police force against protesters is repression (175); killing a political figure is
assassination (186); an unspecified assault by one person is 180; "attacked the decision" is criticism (111);
war games held together are military cooperation (062); "warned of" is a pessimistic comment (012).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..codebook import ActionCode
from ..discards import (accident_harm, cause_struggle, contest_result, counted_harm, generic_harm, natural_cause,
                        sport_score, strain, vehicle_collision)
from ..frames import ACTOR_ENTS, Frame, coordinated, is_means, protested_in_person
from ..participants import described_person, phrase_text, public_figure
from .material import (against_nature, arms_oneself, campaign_rally, dismissal, firearm_code, material_code, no_act,
                       released_work, social_outing)

if TYPE_CHECKING:
    from ..mentions import Knowledge

GATHERINGS = {"protest", "demonstration", "rally", "march", "sit-in", "vigil", "gathering", "procession"}


def specific_action(frame: Frame, knowledge: Knowledge) -> tuple[ActionCode, Token] | None:
    """The frame's code and the token it was read from, the codebook's specific code winning over the generic
    one (suicide bombing 1831, not 190; violent protest 145; police against protesters 175; assassination 186);
    None when the codebook has no code for it."""
    if campaign_rally(frame):
        return None  # "held his first campaign rally": a campaign event, no demonstration
    if frame.noun_trigger is not None:
        noun = frame.noun_trigger  # its modifiers refine it: "suicide attack" 1831, "air raid" 195
        mods = [c.lemma_.lower() for c in noun.children if c.dep_ in {"compound", "amod", "nmod"}]
        coded = knowledge.codebook.code_noun(noun.lemma_.lower(), mods)
        if coded and coded.root in {"18", "19", "20"}:  # "the suspect carried out two attacks": by an individual
            coded = (_riot(frame, coded, knowledge) or _aircraft_used(frame, coded, knowledge)
                     or _lone_attacker(frame, coded, knowledge) or coded)
        if coded:
            return coded, frame.noun_trigger
    if no_act(frame, knowledge):
        return None  # "clashes broke out", "the shooting sparked riots", "the population exploded"
    if arms_oneself(frame) or dismissal(frame) or social_outing(frame) or released_work(frame.trigger):
        return None  # "grabbed a knife and stabbed two guards": the stabbing is the event; "fired his adviser"
    if (material := material_code(frame, knowledge)) is not None:
        return material  # "banned travel from X" 163, "joined the rally" 141, "drove his car into a crowd" 180
    coded = (knowledge.codebook.code_verb(frame.lemma, frame.context, frame.object_at)
             or firearm_code(frame, knowledge.codebook) or _crowd_throwing(frame, knowledge))
    if coded and coded.root == "13" and _warns_of(frame.trigger):
        coded = knowledge.codebook.describe("012", f"warn of a danger: {coded.pattern}") or coded
    if coded and coded.root == "02" and _legal_appeal(frame.trigger):
        coded = knowledge.codebook.describe("115", f"{coded.pattern} + before a court: legal action [115]") or coded
    if frame.trigger.lemma_.lower() in NAMING_VERBS and (verdict := _characterisation(frame.trigger, knowledge)):
        return verdict, frame.trigger  # "described the raid as a 'cowardly act'": criticism (111)
    if coded and coded.root in {"18", "19", "20"} and _figurative_object(frame.trigger) is not None and (
            frame.trigger.lemma_.lower() in UNDOING_VERBS):
        return None  # "killed the bill", "break the law": no one is hurt
    if coded and coded.root >= "14" and (sport_score(frame.trigger) or contest_result(frame.trigger)
                                          or cause_struggle(frame.trigger) or accident_harm(frame.trigger)
                                          or vehicle_collision(frame.trigger) or (frame.source_means and (
            natural_cause(frame.trigger) or counted_harm(frame.trigger)
            or (strain(frame.trigger) and not is_means(frame.source))))):
        return None  # "Liverpool beat Chelsea 2-1", "30 were killed in floods", "the bus overturned, killing 12"
    if coded and coded.root in {"18", "19", "20"} and generic_harm(frame.trigger):
        return None  # "they harm people": a general truth, no event
    if coded and coded.root >= "14" and against_nature(frame, coded):
        return None  # "firefighters battled the blaze"
    if coded and coded.root in {"18", "19", "20"}:
        coded = (_figurative(frame, coded, knowledge) or _riot(frame, coded, knowledge)
                 or _means(frame, coded, knowledge) or _assassination(frame, coded, knowledge)
                 or _police_force(frame, coded, knowledge) or _lone_attacker(frame, coded, knowledge) or coded)
    if coded and frame.trigger.lemma_.lower() in CROWD_VERBS:
        coded = _demonstration(frame, coded, knowledge) or coded
    if coded and coded.cameo == "140" and protested_in_person(frame.trigger):
        coded = knowledge.codebook.describe("141", f"{coded.pattern} + no object: in the street [141]") or coded
    if coded and coded.root == "15" and _joint_exercise(frame):
        coded = knowledge.codebook.describe("062", f"joint exercise: {coded.pattern}") or coded
    return (coded, frame.trigger) if coded else None


EXERCISE_WORDS = {"exercise", "game", "games", "maneuver", "maneuvers", "manoeuvre", "manoeuvres", "drill", "drills"}


def _joint_exercise(frame: Frame) -> bool:
    """True for war games or drills that coordinated actors hold together ("French and Egyptian warships
    launched war games"): military cooperation (062), not a unilateral show of force (15)."""
    return frame.source is not None and bool(coordinated(frame.source)) and any(
        word in EXERCISE_WORDS for word in frame.context[:6])


AIR_AGENTS = {"aircraft", "warplane", "jet", "helicopter", "gunship", "drone", "plane", "airplane", "predator"}


def _means(frame: Frame, coded: ActionCode, knowledge: Knowledge) -> ActionCode | None:
    """The finer code the means of a violent act give: "aircraft killed ..." is aerial weapons use (195);
    "wounded two soldiers in a bomb attack" and "a roadside bombing killed" take the attack's code (183, 1833)."""
    verb = frame.trigger
    means = [frame.source] if frame.source is not None and is_means(frame.source) else []
    means += [g for p in verb.children if p.dep_ in {"prep", "agent"} and p.lower_ in {"in", "with", "by"}
              for g in p.children if g.dep_ == "pobj" and g.pos_ == "NOUN"]
    if (aerial := _aircraft_used(frame, coded, knowledge)) is not None:
        return aerial
    for noun in means:
        mods = [c.lemma_.lower() for c in noun.children if c.dep_ in {"compound", "amod"}]
        found = knowledge.codebook.code_noun(noun.lemma_.lower(), mods)
        if found and found.root in {"18", "19", "20"} and found.cameo not in {"190", "180", coded.cameo}:
            return knowledge.codebook.describe(found.cameo, f"{coded.pattern} + means {found.pattern}")
    source = frame.source
    suicide = source is not None and source.lemma_.lower() == "bomber" and any(
        c.lower_ == "suicide" for c in source.children if c.dep_ in {"compound", "amod", "nmod"})
    if suicide or (verb.lemma_.lower() in {"blow", "detonate"} and any(  # "blew themselves up"
            c.lower_ in {"themselves", "himself", "herself"} for c in verb.children)):
        return knowledge.codebook.describe("1831", f"{coded.pattern} + by a suicide bomber [1831]")
    if source is not None and (source.lemma_.lower() in AIR_AGENTS or _warplane_bomber(source)) and (
            coded.cameo in {"190", "180", "193", "202", "186"}):
        return knowledge.codebook.describe("195", f"{coded.pattern} + by aircraft [195]")
    return None


def _aircraft_used(frame: Frame, coded: ActionCode, knowledge: Knowledge) -> ActionCode | None:
    """ "attacked the base using drones", "an attack with drones": aerial weapons use (195)."""
    tools = _tools(frame.trigger) + (_tools(frame.noun_trigger) if frame.noun_trigger is not None else [])
    if coded.cameo not in {"190", "180", "193"} or not any(t.lemma_.lower() in AIR_AGENTS for t in tools):
        return None
    return knowledge.codebook.describe("195", f"{coded.pattern} + using aircraft [195]")


def _warplane_bomber(noun: Token) -> bool:
    """True for a bomber that is an aircraft: a national or fleet one ("a Japanese bomber", "stealth bombers"), not a
    person ("a suicide bomber", "the bomber was arrested")."""
    return noun.lemma_.lower() == "bomber" and any(
        (c.dep_ == "amod" and c.ent_type_ == "NORP") or (c.dep_ == "compound" and c.lower_ in WARPLANE_KINDS)
        for c in noun.children)


WARPLANE_KINDS = {"stealth", "strategic", "heavy", "jet", "b-52", "b-1", "b-2"}


def _tools(word: Token) -> list[Token]:
    """What an act is done with: "attacked the base using drones", "an attack with drones"."""
    out = [g for p in word.children if p.dep_ == "prep" and p.lower_ == "with" for g in p.children if g.dep_ == "pobj"]
    out += [g for c in word.children if c.dep_ in {"acl", "advcl", "xcomp"} and c.lemma_.lower() in {"use", "employ"}
            for g in c.children if g.dep_ in {"dobj", "obj"}]
    return [t for t in out if t.pos_ == "NOUN"]


# Crowds whose violence CAMEO codes as a violent protest or riot (145), not as an assault or a fight.
CROWD_NOUNS = {"protester", "protestor", "demonstrator", "rioter", "mob", "crowd", "marcher", "picketer"}


def _riot(frame: Frame, coded: ActionCode, knowledge: Knowledge) -> ActionCode | None:
    """ "rioters set fire to the church", "protesters attacked the police": violence by protesters is a
    violent protest (145), the codebook's code for riots."""
    source = frame.source
    if source is not None and source.lemma_.lower() in {"group", "crowd", "band", "mob"}:
        # "a group of protesters": the members act
        source = next((g for p in source.children if p.dep_ == "prep" and p.lower_ == "of"
                       for g in p.children if g.dep_ == "pobj"), source)
    if source is None or coded.cameo.startswith(("186", "20")) or source.lemma_.lower() not in CROWD_NOUNS:
        return None
    if frame.trigger.lemma_.lower() in OBSTRUCT_VERBS:  # "protesters surrounded the car": blocking (144)
        return knowledge.codebook.describe("144", f"{coded.pattern} + protesters obstruct [144]")
    if frame.trigger.lemma_.lower() in KILLING_VERBS:  # "was killed by a mob": a lynching (1823), not a riot
        return knowledge.codebook.describe("1823", f"{coded.pattern} + killed by a crowd [1823]")
    return knowledge.codebook.describe("145", f"{coded.pattern} + by protesters [145]")


# Verbs of throwing: protesters who throw things ("bottles", "objects", "things") riot (145), whatever the
# dictionary says of the object (it codes only stones, rocks, grenades...).
THROW_VERBS = {"throw", "hurl", "pelt", "lob", "fling"}


def _crowd_throwing(frame: Frame, knowledge: Knowledge) -> ActionCode | None:
    """ "protesters threw bottles at the police", "demonstrators hurling objects at officers": a violent protest (145)."""
    if frame.trigger.lemma_.lower() not in THROW_VERBS:
        return None
    thrown = knowledge.codebook.describe("180", f"{frame.trigger.lemma_.upper()} + thrown objects")
    riot = _riot(frame, thrown, knowledge) if thrown is not None else None
    return riot if riot is not None and riot.cameo == "145" else None


OBSTRUCT_VERBS = {"surround", "block", "blockade", "barricade", "encircle", "occupy"}
KILLING_VERBS = {"kill", "lynch", "murder"}


# Verbs of crowds: "thousands gathered outside parliament", "supporters rallied in the capital" is a
# demonstration (141); the codebook's 150 (show of force) is for armed forces and police, 040 for meetings.
CROWD_VERBS = {"rally", "gather", "assemble", "march"}
_CROWD_HEADS = CROWD_NOUNS | {"people", "supporter", "resident", "citizen", "activist", "student", "worker", "thousand",
                              "hundred", "dozen", "tens", "crowd", "throng", "group", "member", "voter", "fan"}
_FORCE_SECTORS = {"MIL", "COP", "SPY", "REB", "INS", "UAF"}


def _demonstration(frame: Frame, coded: ActionCode, knowledge: Knowledge) -> ActionCode | None:
    """A crowd that rallies, gathers or marches demonstrates (141), unless armed forces do it."""
    source = frame.source
    if source is None or coded.root == "14" or any(c.dep_ == "prep" and c.lower_ == "with" and any(
            g.ent_type_ in ACTOR_ENTS for g in c.children) for c in frame.trigger.children):
        return None  # "gathered with the ministers": a meeting
    crowd = source.lemma_.lower() in _CROWD_HEADS or any(c.dep_ == "nummod" for c in source.children)
    known = knowledge.actors.code_actor(phrase_text(source))
    if not crowd or (known is not None and known.sector in _FORCE_SECTORS):
        return None
    return knowledge.codebook.describe("141", f"{coded.pattern} + by a crowd [141]")


# What one attacks in words, not by force: "attacked the impeachment inquiry", "slammed the decision".
FIGURATIVE_OBJECTS = {"inquiry", "investigation", "decision", "plan", "policy", "proposal", "bill", "law", "report",
                      "remark", "comment", "statement", "claim", "idea", "process", "ruling", "verdict", "announcement",
                      "record", "speech", "move", "deal", "agreement", "budget", "impeachment", "campaign", "approach",
                      "handling", "response", "strategy", "stance", "view", "argument", "position", "article", "book",
                      "part", "project", "rule", "regulation", "treaty", "chance", "hope", "record", "silence", "taboo"}
ATTACK_VERBS = {"attack", "assail", "slam", "blast", "hit", "strike", "lash", "savage", "bash"}


# Verbs of force that, done to a thing of words or rules, only end or break it ("killed the bill").
UNDOING_VERBS = {"kill", "break", "destroy", "crush", "bury", "torpedo", "wreck", "shoot"}


def _figurative_object(verb: Token) -> Token | None:
    """The verb's direct object when it names an idea, a decision, a text or a rule, else None."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
    if not objects or objects[0].lemma_.lower() not in FIGURATIVE_OBJECTS or objects[0].ent_type_:
        return None
    return objects[0]


def _figurative(frame: Frame, coded: ActionCode, knowledge: Knowledge) -> ActionCode | None:
    """ "attacked the impeachment inquiry": an attack on an idea, a decision or a text is criticism (111)."""
    if frame.trigger.lemma_.lower() not in ATTACK_VERBS or _figurative_object(frame.trigger) is None:
        return None
    return knowledge.codebook.describe("111", f"{coded.pattern} + figurative object [111]")


# One person acting alone ("a man stabbed", "the gunman attacked"): CAMEO codes an unspecified assault by an
# individual 180, by a state or an armed group 190.
INDIVIDUALS = {"man", "woman", "gunman", "assailant", "attacker", "suspect", "perpetrator", "teenager", "youth",
               "boy", "girl", "person", "individual", "driver", "worker", "student", "resident", "killer", "murderer",
               "accused", "defendant", "prisoner", "inmate", "shooter"}
_GROUP_SECTORS = {"GOV", "MIL", "COP", "REB", "INS", "SEP", "UAF", "OPP", "SPY"}
_GROUPS_OF = {"gunman", "man", "youth", "worker", "student", "resident"}  # plural: an unknown armed group or a crowd


def _lone_attacker(frame: Frame, coded: ActionCode, knowledge: Knowledge) -> ActionCode | None:
    """An unspecified attack or killing (190) by an individual is an assault (180)."""
    source = frame.source
    if coded.cameo != "190" or source is None or frame.trigger.lemma_.lower() in {"shoot", "fire", "fight", "clash"}:
        return None
    person = (source.ent_type_ == "PERSON" and source.pos_ == "PROPN") or source.lower_ in {"he", "she"} or (
        described_person(source))
    if not person and source.pos_ == "PROPN" and source.ent_type_ == "" and not source.ent_iob_ == "B":
        # a name the tagger left untyped ("Fields killed a woman"): a person unless the dictionary knows a group
        known = knowledge.actors.code_actor(phrase_text(source))
        person = known is None or (known.sector not in _GROUP_SECTORS and known.sector is not None)
    if not person and (INDIVIDUALS.isdisjoint({source.lemma_.lower(), source.lower_}) or (source.tag_ == "NNS" and source.lemma_.lower() in _GROUPS_OF)):
        return None
    return knowledge.codebook.describe("180", f"{coded.pattern} + individual attacker [180]")


POLICE_NOUNS = {"police", "policeman", "policemen", "policewoman", "officer", "cop", "trooper", "gendarme", "riot"}
_LETHAL_VERBS = {"kill", "murder", "assassinate", "execute", "slay"}


def _police(token: Token | None) -> bool:
    """True for police as the actor: "police", "riot police", "a police officer", "officers"."""
    return token is not None and (token.lemma_.lower() in POLICE_NOUNS or token.lower_ == "police" or any(
        c.dep_ == "compound" and c.lower_ == "police" for c in token.children))


def _police_force(frame: Frame, coded: ActionCode, knowledge: Knowledge) -> ActionCode | None:
    """ "police fired rubber bullets at protesters", "was injured by police during a protest": police force
    against protesters is repression (175, the codebook's "use tactics of violent repression"), not a fight
    (19). A killing stays what it is (the README of the gold: police shooting an attacker is 193)."""
    verb = frame.trigger
    if verb.pos_ != "VERB" or not _police(frame.source) or verb.lemma_.lower() in _LETHAL_VERBS:
        return None
    if coded.cameo.startswith(("186", "20")) or any(c.dep_ == "acomp" and c.lower_ == "dead" for c in verb.children):
        return None
    crowd = frame.target is not None and frame.target.lemma_.lower() in CROWD_NOUNS
    if not crowd and not any(t.lemma_.lower() in GATHERINGS | CROWD_NOUNS for t in verb.sent):
        return None
    return knowledge.codebook.describe("175", f"{coded.pattern} + police against protesters [175]")


KILL_VERBS = {"kill", "murder", "assassinate", "gun", "shoot"}
# Political and public figures whose killing CAMEO codes as assassination (186), not as plain force (19).
POLITICAL_FIGURES = {"president", "minister", "premier", "governor", "mayor", "chief", "leader", "lawmaker",
                     "legislator", "parliamentarian", "senator", "ambassador", "envoy", "judge", "prosecutor"}


def _assassination(frame: Frame, coded: ActionCode, knowledge: Knowledge) -> ActionCode | None:
    """ "killed the deputy chief of the militia", "a governor was shot dead": killing a political figure is
    assassination (186)."""
    return figure_killed(frame, coded, frame.target, knowledge)


def figure_killed(frame: Frame, coded: ActionCode, target: Token | None, knowledge: Knowledge) -> ActionCode | None:
    """186 when `target` (the frame's target, or what its pronoun stands for) is a political or public figure."""
    if coded.cameo not in {"190", "180", "193"} or frame.trigger.lemma_.lower() not in KILL_VERBS or target is None:
        return None
    if target.lemma_.lower() not in POLITICAL_FIGURES and not public_figure(target, knowledge.actors.code_actor) and (
            not _targeted_killing(frame, target)):
        return None
    return knowledge.codebook.describe("186", f"{coded.pattern} + political figure [186]")


def _warns_of(verb: Token) -> bool:
    """ "warned of the collapse": a warning about a danger, with no threatened act or addressee, is a pessimistic
    comment (012), not a threat (13)."""
    return verb.lemma_.lower() == "warn" and any(c.dep_ == "prep" and c.lower_ in {"of", "about"} for c in verb.children) \
        and not any(c.dep_ in {"dobj", "ccomp", "xcomp"} for c in verb.children)


# Who kills a person by name in a targeted operation: a state's forces ("killed by US special forces").
STATE_FORCES = {"force", "troop", "commando", "soldier", "military", "army", "navy", "marine", "seal", "operative",
                "operation", "raid", "strike", "airstrike", "drone"}


def _targeted_killing(frame: Frame, target: Token) -> bool:
    """ "<a militant leader by name> was killed by US special forces", "killed in a US counterterrorism operation":
    a state's forces killing a person by name is a targeted killing, coded as assassination (186)."""
    if frame.trigger.lemma_.lower() not in {"kill", "assassinate"} or target.ent_type_ != "PERSON" or target.pos_ != "PROPN":
        return False
    heads = [frame.source] if frame.source is not None else []
    heads += [g for p in frame.trigger.children if p.dep_ in {"prep", "agent"} and p.lower_ in {"in", "by"}
              for g in p.children if g.dep_ == "pobj"]
    return any(h.lemma_.lower() in STATE_FORCES and any(t.ent_type_ in {"GPE", "NORP"} for t in h.subtree)
               for h in heads)


# Verbs that name what their object is ("called the plan 'a reckless gamble'", "described the raid as a
# 'cowardly act'"): with a quoted or evaluative characterisation they judge it, criticism (111) unless the words
# praise (051).
NAMING_VERBS = {"call", "describe", "brand", "label", "dub", "term", "characterize", "characterise", "refer", "deem"}
APPEAL_PARTICLES = {"on", "upon", "for", "off", "up", "out"}  # "called on", "called for", "called off"
PRAISE_WORDS = {"historic", "great", "success", "successful", "good", "important", "excellent", "positive",
                "productive", "constructive", "wonderful", "hero", "heroic", "brave", "courageous", "landmark",
                "breakthrough", "victory", "milestone", "fair", "welcome", "remarkable", "best", "fine", "honest"}


def _characterisation(verb: Token, knowledge: Knowledge) -> ActionCode | None:
    """The code of a characterisation in quotes ("called it 'a stunt'", "referred to it as 'gamesmanship'"):
    111, or 051 when its words praise; None when the verb names nothing in quotes or makes an appeal
    ("called on X to 'act now'", "called for ...")."""
    if any(c.dep_ in {"prep", "prt"} and c.lower_ in APPEAL_PARTICLES for c in verb.children):
        return None
    # the object or predicate phrase, or a phrase the quote was misparsed into ("calling the inquiry "Soviet-style"")
    phrases = [c for c in verb.children if c.dep_ in {"oprd", "attr", "dobj", "obj", "prep"}]
    for phrase in phrases:
        words = list(phrase.subtree)
        if not any(t.tag_ == "``" for t in words):
            continue
        praise = any(t.lemma_.lower() in PRAISE_WORDS for t in words)
        code, name = ("051", "praise") if praise else ("111", "criticism")
        return knowledge.codebook.describe(code, f"{verb.lemma_.upper()} + quoted characterisation: {name} [{code}]")
    return None


# Courts and what they decide: an appeal or petition to them, or against a ruling, is legal action (115, like a
# lawsuit), not a plea (02).
COURT_WORDS = {"court", "tribunal", "judge", "justice", "ruling", "verdict", "decision", "sentence", "conviction",
               "judgment", "judgement", "order"}
LEGAL_APPEAL_VERBS = {"appeal", "petition"}


def _legal_appeal(verb: Token) -> bool:
    """True for "appealed the verdict", "will appeal" (no one asked, nothing asked for), "petitioned the court",
    "the court was petitioned by X": a legal appeal, not "appealed to X to ..." or "appealed for calm"."""
    if verb.lemma_.lower() not in LEGAL_APPEAL_VERBS:
        return False
    objects = [c for c in verb.children if c.dep_ in {"dobj", "obj", "nsubjpass"}]
    objects += [g for p in verb.children if p.dep_ in {"prep", "dative"} and p.lower_ in {"to", "against"}
                for g in p.children if g.dep_ == "pobj"]
    if objects:
        return any(o.lemma_.lower() in COURT_WORDS for o in objects)
    asks = any(c.dep_ in {"xcomp", "ccomp"} or (c.dep_ == "prep" and c.lower_ == "for") for c in verb.children)
    return verb.lemma_.lower() == "appeal" and not asks
