"""Material acts that the verb dictionary misses or miscodes: the words around the verb decide.

- An outbreak verb ("clashes broke out", "violence erupted") is no act of its own: its subject noun is the event.
- A verb of cause whose subject is an event ("the shooting sparked riots") passes no actor to what it caused.
- Something that "exploded" is a bomb only when it is a device or someone's weapon ("the population exploded").
- "demonstrated a shocking ignorance": "demonstrate" with an object shows something, it is no demonstration.
- A ban on travel, flights or trade is an embargo (163, the gold README: sanctions and bans on trade or travel).
- Taking part in a protest ("joined the rally", "was involved in demonstrations") is the protest (14x).
- Driving a vehicle into people is an assault with an unsophisticated weapon (180, the codebook's note to 180).
- Taking or holding people hostage or captive is abduction (181); turning oneself in is a surrender (080).
- A court, a judge or a jury that rules or finds decides a case (116).
- A conviction with imprisonment in the sentence is 173; ordering someone held in custody is detention (173); clearing a protest or its camp is repression (175).
- Force against a natural force or a disease ("firefighters battled the wildfire") is no act of anyone's.
- Firing a firearm is shooting (193) when the dictionary has no code for the verb ("discharged their weapons").
- Violence in a sentence about a protest ("clashes with counter-protesters broke out") is a riot (145).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..codebook import ActionCode, Codebook
from ..discards import PEOPLE_NOUNS
from ..frames import ACTOR_ENTS, Frame, is_means
from ..participants import natural_force, phrase_text

if TYPE_CHECKING:
    from ..mentions import Knowledge

# Verbs that tell an event began or went on; their subject noun is the event ("clashes broke out").
OUTBREAK_VERBS = {"break out", "erupt", "flare", "flare up", "escalate", "spread", "intensify", "resume", "ensue",
                  "occur", "break"}
# Verbs of cause (as `nominals.CAUSATIVE_VERBS`): the subject is what caused the object.
CAUSE_VERBS = {"spark", "trigger", "cause", "prompt", "provoke", "ignite", "fuel", "lead", "result"}
EXPLODE_VERBS = {"explode", "blow up", "go off", "detonate", "blow"}
# What explodes as a weapon: devices, ammunition and the vehicles bombs are put in.
DEVICES = {"bomb", "device", "explosive", "grenade", "mine", "landmine", "shell", "mortar", "rocket", "missile",
           "ied", "vest", "belt", "car", "vehicle", "truck", "van", "motorcycle", "bicycle", "package", "parcel",
           "suitcase", "bag", "charge", "dynamite", "munition", "ordnance", "projectile", "drone"}
# Armed or criminal sectors: someone of these who "exploded" set off a bomb.
_ARMED_SECTORS = {"UAF", "CRM", "REB", "INS", "MIL", "SPY", "SEP", "RAD"}
# Objects of a ban that make it an embargo: movement of people and goods.
TRADE_OBJECTS = {"travel", "flight", "import", "export", "trade", "visitor", "traveler", "traveller", "shipment",
                 "good", "investment", "entry", "arrival", "transaction", "sale"}
BAN_VERBS = {"ban", "bar", "suspend", "halt", "restrict", "prohibit", "embargo"}
# Verbs of taking part: their gathering object is the subject's own protest.
PARTICIPATION_VERBS = {"participate", "join", "attend", "involve", "engage", "take"}
GATHERING_NOUNS = {"protest", "demonstration", "rally", "sit-in", "vigil", "march", "riot", "strike", "walkout",
                   "boycott", "picket", "blockade", "counter-protest", "counterprotest"}
RAM_VERBS = {"drive", "plow", "plough", "ram", "steer", "crash", "smash", "slam"}
# Who a vehicle is driven into: PEOPLE_NOUNS (discards.py), not a wall.
# Verbs of removing people from a place: done to a protest, it is repression (175, the gold README: clearing a
# protest camp).
CLEARING_VERBS = {"clear", "break up", "disperse", "evict", "dismantle", "raze", "remove", "storm"}
# "took 20 villagers hostage", "were held captive": taking hostages is abduction (181, the codebook's "abduct, hijack,
# or take hostage"), not a seizure of property (171).
CAPTIVE_VERBS = {"take", "hold", "keep"}
CAPTIVES = {"hostage", "captive", "prisoner"}
# "turned herself in at a police station", "handed themselves over": a surrender (080, yield), not a handing over.
SURRENDER_PHRASES = {"turn in", "hand over", "give up"}
REFLEXIVES = {"himself", "herself", "themselves", "itself", "myself", "ourselves", "yourself", "yourselves"}
# A court that rules or finds decides a case: a ruling on a party (116, the gold README: a court's decision coded as
# its finding), not the founding of something ("found" is also the past of "find").
RULING_VERBS = {"rule", "find"}
COURTS = {"court", "judge", "jury", "tribunal", "justice", "magistrate"}


def _court(frame: Frame, knowledge: Knowledge) -> bool:
    """True when the frame's source is a court, a judge or a jury (by its head noun or its actor code)."""
    source = frame.source
    if source is None:
        return False
    if source.lemma_.lower() in COURTS or any(t.lemma_.lower() in COURTS for t in source.subtree if t.i <= source.i):
        return True
    code = knowledge.actors.code_actor(phrase_text(source))
    return code is not None and code.sector == "JUD"


# Imprisonment beside a conviction makes it 173 (the gold README: conviction 116, or 173 with imprisonment).
PRISON_WORDS = {"prison", "jail", "imprisonment", "sentence", "incarceration"}
CUSTODY_NOUNS = {"custody", "jail", "prison", "detention", "remand"}
CUSTODY_VERBS = {"remain", "stay", "be", "hold", "keep", "detain", "remand"}
# Violence nouns that, where people protest, are the protesters' riot (145).
RIOT_NOUNS = {"clash", "violence", "scuffle", "melee", "fighting", "skirmish", "brawl"}
PROTEST_WORDS = {"protest", "demonstration", "rally", "march", "protester", "protestor", "demonstrator", "marcher",
                 "counter-protester", "counterprotester", "sit-in", "picket", "rallygoer", "demonstrate"}


def _objects(verb: Token, preps: set[str] = frozenset()) -> list[Token]:
    """The verb's direct objects and the objects of its prepositions in `preps` (particles included)."""
    out = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
    heads = [verb, *(c for c in verb.children if c.dep_ == "prt")]
    out += [g for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ in preps
            for g in p.children if g.dep_ == "pobj"]
    return out


def _bare_lemma(token: Token) -> str:
    return token.lemma_.lower().removeprefix("counter-")


def event_subject(frame: Frame, knowledge: Knowledge) -> bool:
    """True when the frame's source is an event noun ("clashes", "the shooting"), not an actor."""
    source = frame.source
    return source is not None and source.pos_ in {"NOUN", "VERB"} and source.ent_type_ not in ACTOR_ENTS and (
        knowledge.codebook.is_eventive(source.lemma_.lower()) or source.lemma_.lower() in RIOT_NOUNS)


def no_act(frame: Frame, knowledge: Knowledge) -> bool:
    """True when the verb names no act though the dictionary codes it: an outbreak or a cause said of an event, a
    non-weapon that "exploded", "demonstrate" with an object."""
    lemma = frame.lemma
    if (lemma in OUTBREAK_VERBS or frame.trigger.lemma_.lower() in CAUSE_VERBS or frame.source_inherited) and (
            event_subject(frame, knowledge)):
        return True  # "the shooting sparked riots and looting": no one inside the shooting riots or loots
    if lemma in EXPLODE_VERBS and not _objects(frame.trigger) and not _weapon_exploded(frame, knowledge):
        return True
    return lemma == "demonstrate" and any(o.lemma_.lower() not in GATHERING_NOUNS for o in _objects(frame.trigger))


def _weapon_exploded(frame: Frame, knowledge: Knowledge) -> bool:
    """True when what exploded is a device, a means of attack, or an armed person ("the bomber blew up")."""
    source = frame.source
    if source is None or is_means(source) or source.lemma_.lower() in DEVICES:
        return True
    if source.pos_ == "PRON" or source.ent_type_ in {"PERSON", "ORG", "NORP"}:
        return True
    known = knowledge.actors.code_actor(source.text)
    return known is not None and known.sector in _ARMED_SECTORS


# Verbs of taking a thing in hand: with a weapon and from no one, the actor arms itself ("grabbed a knife", "drew
# his pistol"): no confiscation (1711) of anyone's property; what is done with the weapon is the event.
TAKING_IN_HAND = {"grab", "pick", "pick up", "draw", "pull", "pull out", "take out", "snatch"}


# Firing someone from a post is a dismissal, no act of force: "fired his national security adviser", "the company
# fired 300 workers". CAMEO codes no event for it (the dictionary reads "fire" as shooting, 190).
DISMISSAL_VERBS = {"fire", "sack"}
POSTS = {"adviser", "advisor", "aide", "director", "secretary", "minister", "chief", "head", "official", "manager",
         "coach", "employee", "worker", "staff", "staffer", "executive", "ceo", "editor", "commissioner", "attorney",
         "prosecutor", "general", "commander", "ambassador", "spokesman", "spokeswoman", "spokesperson", "deputy",
         "president", "chairman", "chairwoman", "governor", "inspector", "teacher", "employer", "lawyer"}


def dismissal(frame: Frame) -> bool:
    """True for "fired"/"sacked" with a person holding a post as direct object ("fired the FBI director", "sacked
    300 workers", "fired Ann Vale"): a dismissal, not a shooting."""
    if frame.trigger.lemma_.lower() not in DISMISSAL_VERBS or frame.trigger.pos_ != "VERB":
        return False
    objects = [c for c in frame.trigger.children if c.dep_ in {"dobj", "obj"}]
    return any(o.ent_type_ == "PERSON" or o.lemma_.lower() in POSTS for o in objects)


# Social and private gatherings: attending one is no visit (042) of anyone ("guests attended the wedding"); a
# summit, a meeting or a rally attended keeps its code.
SOCIAL_OUTINGS = {"party", "concert", "wedding", "festival", "game", "match", "show", "class", "school", "church",
                  "mass", "service", "screening", "premiere", "picnic", "barbecue", "dinner", "birthday", "prom"}


def social_outing(frame: Frame) -> bool:
    """True for "attended the party", "went to a concert": a private outing, no political visit."""
    if frame.trigger.lemma_.lower() not in {"attend", "go"}:
        return False
    return any(o.lemma_.lower() in SOCIAL_OUTINGS for o in _objects(frame.trigger, {"to"}))


# What is released without being set free: a work made public ("released a report", "the album was released on
# Friday") or a patient sent home ("released from hospital"). CAMEO 084 returns or frees persons or property.
RELEASED_WORKS = {
    "statement", "report", "summary", "book", "memoir", "video", "footage", "album", "song", "single", "film", "movie",
    "trailer", "episode", "page", "finding", "data", "figure", "statistic", "document", "transcript", "photo",
    "photograph", "image", "picture", "audio", "recording", "version", "software", "program", "code", "game", "update",
    "detail", "name", "result", "study", "paper", "list", "record", "message", "letter", "memo", "plan", "budget",
    "information", "guideline", "guidance", "poll", "survey", "map", "app", "product", "tool", "edition", "cause",
}
MEDICAL_PLACES = {"hospital", "clinic", "care", "quarantine", "isolation"}


def released_work(verb: Token) -> bool:
    """True for a release that frees no one: of a work made public ("released a summary of the call", "the film was
    released on Friday", a title the tagger calls a work of art or product) or from hospital."""
    if verb.lemma_.lower() != "release":
        return False
    freed = [c for c in verb.children if c.dep_ in {"dobj", "obj", "nsubjpass"}]
    if any(f.lemma_.lower() in RELEASED_WORKS or f.ent_type_ in {"WORK_OF_ART", "PRODUCT"} for f in freed):
        return True
    return any(o.lemma_.lower() in MEDICAL_PLACES for o in _objects(verb, {"from"}))


# A campaign's rallies are held by candidates for their voters: CAMEO's 141 is a demonstration against or for a
# cause ("supporters rallied outside the court"), not a campaign event.
CAMPAIGN_WORDS = {"campaign", "election", "re-election", "reelection", "electoral", "primary", "stump"}


def campaign_rally(frame: Frame) -> bool:
    """True for a rally of an election campaign: "his first campaign rally", "Trump's Tulsa rally" (a person's
    rally), "ramped up his campaign, holding five rallies a day"."""
    verb = frame.trigger
    nouns = [frame.noun_trigger] if frame.noun_trigger is not None else [
        c for c in verb.children if c.dep_ in {"dobj", "obj"}]
    for noun in nouns:
        if noun.lemma_.lower() != "rally":
            continue
        mods = [c for c in noun.children if c.dep_ in {"compound", "amod", "nmod", "poss"}]
        mods += [g for m in mods for g in m.children if g.dep_ in {"compound", "poss"}]  # "Trump's Tulsa rally"
        if any(m.lemma_.lower() in CAMPAIGN_WORDS or m.ent_type_ == "PERSON" for m in mods):
            return True
        above = [noun.head, noun.head.head]
        if any(c.lemma_.lower() in CAMPAIGN_WORDS for h in above for c in h.children if c.dep_ in {"dobj", "obj"}):
            return True
    return False


def arms_oneself(frame: Frame) -> bool:
    """True for taking a weapon in hand from no one ("grabbed a knife", "drew his pistol"): no act."""
    verb = frame.trigger
    if frame.lemma not in TAKING_IN_HAND and verb.lemma_.lower() not in TAKING_IN_HAND:
        return False
    if any(c.dep_ == "prep" and c.lower_ == "from" for c in verb.children):
        return False  # "grabbed a rifle from a guard": taken from someone
    return any(o.lemma_.lower() in WEAPONS for o in _objects(verb))


def material_code(frame: Frame, knowledge: Knowledge) -> tuple[ActionCode, Token] | None:
    """The code the words around the verb give (embargo, protest taken part in, vehicle ramming, custody), or None."""
    verb, lemma = frame.trigger, frame.trigger.lemma_.lower()
    codebook = knowledge.codebook
    if lemma in BAN_VERBS and any(o.lemma_.lower() in TRADE_OBJECTS for o in _objects(verb)):
        return _described(codebook, "163", f"{lemma} + travel or trade [163]", verb)
    if lemma in PARTICIPATION_VERBS and (gathering := _gathering_taken_part_in(verb)) is not None:
        code = codebook.code_noun(gathering.lemma_.lower()) or codebook.describe("141")
        if code is not None and code.root == "14":
            return codebook.describe(code.cameo, f"{lemma} + {gathering.lemma_} [{code.cameo}]"), gathering
    if lemma in RAM_VERBS and any(_bare_lemma(o) in PEOPLE_NOUNS for o in _objects(verb, {"into", "through"})):
        return _described(codebook, "180", f"{lemma} into people [180]", verb)
    if frame.lemma in CLEARING_VERBS and _protest_object(verb):
        return _described(codebook, "175", f"{frame.lemma} a protest [175]", verb)
    if lemma in CAPTIVE_VERBS and any(c.dep_ in {"dobj", "obj", "oprd", "npadvmod"} and c.lemma_.lower() in CAPTIVES
                                      for c in verb.children):
        return _described(codebook, "181", f"{lemma} + hostage [181]", verb)
    if frame.lemma in SURRENDER_PHRASES and any(c.dep_ in {"dobj", "obj"} and c.lower_ in REFLEXIVES
                                                 for c in verb.children):
        return _described(codebook, "080", f"{frame.lemma} oneself [080]", verb)
    if lemma in RULING_VERBS and _court(frame, knowledge):
        return _described(codebook, "116", f"{lemma} by a court [116]", verb)
    if lemma == "convict" and any(t.lemma_.lower() in PRISON_WORDS for t in verb.sent):
        return _described(codebook, "173", "convict + imprisonment in the sentence [173]", verb)
    if lemma == "order" and _held_in_custody(verb):
        return _described(codebook, "173", "order held in custody [173]", verb)
    return None


def _described(codebook: Codebook, cameo: str, pattern: str, token: Token) -> tuple[ActionCode, Token] | None:
    code = codebook.describe(cameo, pattern)
    return (code, token) if code is not None else None


def _gathering_taken_part_in(verb: Token) -> Token | None:
    """The protest a verb of taking part names: "joined the rally", "took part in a march", "were involved in
    demonstrations"; "take" only with "part"."""
    if verb.lemma_.lower() == "take" and not any(c.lower_ == "part" and c.dep_ in {"dobj", "obj"} for c in verb.children):
        return None
    return next((o for o in _objects(verb, {"in"}) if o.lemma_.lower() in GATHERING_NOUNS and o.pos_ == "NOUN"), None)


def _protest_object(verb: Token) -> bool:
    """True when the verb's object names a protest or its camp ("cleared the protest camp", "the Occupied Protest")."""
    return any(t.lemma_.lower() in PROTEST_WORDS | {"encampment", "sit-in", "occupation"}
               for o in _objects(verb) for t in o.subtree)


def _held_in_custody(verb: Token) -> bool:
    """ "ordered him held in custody", "ordered the accused remain in custody": the order detains."""
    for clause in (c for c in verb.children if c.dep_ in {"ccomp", "xcomp", "oprd", "advcl", "dobj"}):
        if clause.lemma_.lower() in CUSTODY_VERBS or clause.pos_ in {"NOUN", "PRON", "PROPN"}:
            if any(o.lemma_.lower() in CUSTODY_NOUNS for o in _objects(clause, {"in", "into"})):
                return True
    return False


def protest_sentence(sentence: Span) -> bool:
    """True when the sentence speaks of a protest (a gathering noun, protesters, "rallied", "protested")."""
    return any(t.lemma_.lower() in PROTEST_WORDS or (t.pos_ == "VERB" and t.lemma_.lower() == "rally") for t in sentence)


def riot_code(noun: Token, code: ActionCode | None, codebook: Codebook) -> ActionCode | None:
    """Violence where people protest is their riot (145): "clashes with counter-protesters broke out" after a
    demonstration; else the noun's own code. "violence" that broke out is violence (190) anywhere."""
    lemma = noun.lemma_.lower()
    if lemma not in RIOT_NOUNS:
        return code
    if code is None and not (lemma == "violence" and noun.dep_ == "nsubj" and noun.head.lemma_.lower() in {
            "break", "erupt", "flare", "escalate", "spread", "intensify", "resume", "ensue"}):
        return None
    if protest_sentence(noun.sent):
        return codebook.describe("145", f"{lemma} where people protest [145]")
    return code or codebook.describe("190", f"{lemma} broke out [190]")

# Natural-force words that, as an object, are the means of an act: "opened fire on", "set fire to"...
MEANS_OF_FORCE = {"fire", "blaze", "lightning"}
# ...except as the object of a verb of fighting one: "firefighters battled the blaze".
FIRE_FIGHTING_VERBS = {"fight", "battle", "combat", "tackle", "contain", "douse", "extinguish", "quell"}


def against_nature(frame: Frame, coded: ActionCode) -> bool:
    """True when a verb of force is aimed at a natural force, a disease or an accident ("firefighters battled the
    wildfire", "fought the virus"), or a ban or closure is made because of one ("banned gatherings because of the
    outbreak"): CAMEO codes no event for it (the gold README: disasters and epidemics get no event)."""
    verb = frame.trigger
    if any(natural_force(o) for o in _objects(verb, {"against", "with", "on"})
           if o.pos_ in {"NOUN", "PROPN"} and (
               o.lemma_.lower() not in MEANS_OF_FORCE or verb.lemma_.lower() in FIRE_FIGHTING_VERBS)):
        return True
    return coded.cameo.startswith(("16", "172", "144")) and any(natural_force(t) for t in _reasons(verb))


# Prepositions (and "ahead" of "ahead of X") whose object is why a ban, a closure or a blockade was made: a
# disaster's cause, or the disaster it prepares for or follows ("closed schools ahead of the storm", "closed the
# road after the crash"; the gold README: disasters get no event, whatever officials do about them).
REASON_PREPS = {"because", "due", "amid", "over", "after", "following", "before", "ahead"}


def _reasons(verb: Token) -> list[Token]:
    """The nouns a verb gives as its reason or occasion: "because of X", "due to X", "amid X", "over X", "ahead of
    X", "after X", "to curb X"."""
    node = verb
    while node.dep_ == "conj" and node.head is not node:  # "closed schools and banned gatherings because of X"
        node = node.head
    out = []
    for v in {verb, node, *node.conjuncts}:
        for prep in (c for c in v.children if c.dep_ in {"prep", "advmod"} and c.lower_ in REASON_PREPS):
            out += [t for t in prep.subtree if t.dep_ == "pobj" and t.pos_ in {"NOUN", "PROPN"}]
        for clause in (c for c in v.children if c.dep_ in {"advcl", "xcomp"} and c.lemma_.lower() in {
                "curb", "stop", "slow", "contain", "fight", "prevent", "limit"}):
            out += [t for t in clause.subtree if t.pos_ in {"NOUN", "PROPN"}]
    return out


FIREARMS = {"firearm", "gun", "weapon", "pistol", "rifle", "handgun", "shotgun", "revolver", "sidearm"}
WEAPONS = FIREARMS | {"knife", "machete", "axe", "sword", "blade", "dagger", "hammer", "bat"}
FIRING_VERBS = {"discharge", "fire", "empty", "unload", "shoot"}


def firearm_code(frame: Frame, codebook: Codebook) -> ActionCode | None:
    """ "police discharged their firearms", "fired his pistol": shooting (193); None for other verbs and objects."""
    verb = frame.trigger
    if verb.lemma_.lower() not in FIRING_VERBS or not any(o.lemma_.lower() in FIREARMS for o in _objects(verb)):
        return None
    return codebook.describe("193", f"{verb.lemma_.lower()} + firearm [193]")
