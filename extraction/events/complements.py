"""Complex events: which verb of a chain ("agreed to provide", "urged ... to expel") carries the event.

A CAMEO coder codes one event per chain of complement clauses. Reporting verbs ("said that")
are transparent; intention, threat and refusal heads ("agreed to", "ready to", "threatened to",
"refused to") take the complement's event and recode it into their own root (03, 13, 12);
appeals and accusations ("urged X to", "accused X of") keep their own code and swallow the
complement; any other coded verb swallows its purpose and participle clauses. A refusal of a
proposal noun ("rejected an ultimatum to ...") is the refusal, not the proposal's intent or threat;
the "that" clause of a demand noun ("renewed its demand that Y do Z") is demanded of its subject.
Background clauses (relative, noun-modifying, finite adverbial) carry only fresh material violence, protest and
sanctions:
none when pluperfect or dated "ago", none from a participle describing a noun. A subjectless participle
clause trailing a coded verb after a comma ("received them, informing them ...") comments on that
verb's event: it adds no non-violent event of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from typing import TYPE_CHECKING

from spacy.tokens import Token

from .frames import misparsed_main
from .modality import habitual

if TYPE_CHECKING:
    from .frames import Frame

MarkerKind = Literal["intent", "threat", "refusal", "demand", "failure", "claim"]

REPORTING = frozenset({
    "say", "tell", "report", "state", "add", "claim", "announce", "insist", "stress", "reply", "note", "write",
    "confirm", "declare", "quote", "indicate", "reveal", "believe", "think", "know", "explain",
    "acknowledge", "disclose", "according", "reiterate", "emphasize", "emphasise", "recall", "argue", "assert",
    "conclude",
})
# Reporting verbs of a third party, a belief or a memory: no announcement by their subject ("Reuters reported that
# X plans to visit Y" is X's intent, not Reuters').
HEARSAY = frozenset({"report", "quote", "according", "believe", "think", "know", "write", "recall", "claim",
                     "indicate", "note", "conclude", "argue"})
# Nouns whose "that" clause is demanded of its subject: "renewed its demand that Y do Z".
DEMAND_NOUNS = frozenset({"demand", "call", "reminder", "insistence", "request", "appeal", "ultimatum"})
# "X said that Y must/should do Z": the speaker demands Z of Y (CAMEO 10).
DEMAND_MODALS = frozenset({"must", "should"})
MARKERS: dict[str, MarkerKind] = {
    **dict.fromkeys((
        "agree", "offer", "promise", "pledge", "vow", "plan", "intend", "prepare", "ready", "willing", "prepared",
        "readiness", "willingness", "intention", "commitment", "pledge", "promise", "offer", "plan", "consent",
        "volunteer", "undertake", "determined", "eager", "hope", "wish", "want", "aim", "expect", "commit",
        "committed",
    ), "intent"),
    **dict.fromkeys(("threaten", "threat", "ultimatum", "warn"), "threat"),
    **dict.fromkeys(("refuse", "decline", "refusal", "reject"), "refusal"),
}
# Heads that pass their complement's event through unchanged ("try to dislodge", "decided to allow").
PASS_THROUGH = frozenset({
    "try", "attempt", "begin", "start", "continue", "manage", "seek", "move", "resume", "decide", "need",
    "be", "have", "get", "go", "able", "set", "about", "likely", "due", "expected", "effort", "bid", "keep",
    "vote", "choose", "opt",
})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "would", "wo"})
# "in response to X", "in reaction to X", "in retaliation for X": X is the act that came first, never a complement.
RESPONSE_NOUNS = frozenset({"response", "reaction", "retaliation", "reply", "answer", "revenge"})
_UP = {"xcomp", "ccomp", "pcomp", "acomp", "conj", "acl", "advcl", "dobj", "attr", "oprd", "prep", "pobj"}


@dataclass(frozen=True)
class Link:
    """One step up a chain: the head, the dependency that led to it, and what kind of head it is."""

    head: Token
    via: str
    kind: Literal["reporting", "marker", "pass", "other"]


def marker_kind(token: Token) -> MarkerKind | None:
    """Intent, threat or refusal when the token heads such a complement ("agreed", "ready", "threat")."""
    return MARKERS.get(token.lemma_.lower())


def _kind(token: Token) -> Literal["reporting", "marker", "pass", "other"]:
    lemma = token.lemma_.lower()
    if lemma in REPORTING:
        return "reporting"
    if lemma in MARKERS:
        return "marker"
    if lemma in PASS_THROUGH:
        return "pass"
    return "other"


def _is_purpose_or_participle(token: Token) -> bool:
    """An advcl without its own subject: "to urge them", "killing 25"."""
    return not any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in token.children) and not any(
        c.dep_ == "mark" and c.lower_ not in {"to"} for c in token.children
    )


def chain(trigger: Token) -> list[Link]:
    """The heads above a trigger through complement clauses, nearest first; stops at relative clauses,
    finite adverbial clauses ("as troops try ..."), coordination of main verbs and the sentence root."""
    links: list[Link] = []
    node = trigger
    for _ in range(12):
        head, dep = node.head, node.dep_
        if head is node or dep in {"relcl", "parataxis"}:
            break
        if dep == "advcl" and not _is_purpose_or_participle(node):
            break
        if dep == "conj" and node.pos_ in {"VERB", "AUX"} and all(l.kind == "pass" and l.via == "xcomp" for l in links):
            # also through a verb that only starts the act ("grabbed a knife and began to stab people")
            # coordinated main verbs are events of their own ("kidnapped ... and killed")
            if not head.dep_ in {"xcomp", "ccomp", "acomp", "pcomp", "acl", "advcl"}:
                break
        if dep not in _UP:
            break
        if (dep == "pcomp" or (dep == "conj" and head.dep_ == "pcomp")) and node.pos_ == "VERB" and any(
                c.dep_ == "nsubj" for c in node.children):
            break  # "with X calling the plan a gamble (and Y calling it ...)": a clause with its own subject is its own act
        if dep in {"dobj", "attr", "oprd", "pobj", "prep"} and node.pos_ not in {"NOUN", "ADP"}:
            break
        if dep == "pobj" and head.head.lemma_.lower() in RESPONSE_NOUNS and head.head.dep_ == "pobj":
            break  # "in retaliation for the raid, the militia shelled X": the act responded to is an event of its own
        links.append(Link(head, dep, _kind(head)))
        node = head
    return links


def announcer(marker: Token) -> Token | None:
    """The reporting verb ("announced", "said") whose "that" clause holds the intent or threat `marker`, through
    transparent heads only; None when the marker is no reported clause."""
    for link in chain(marker):
        if link.kind == "reporting":
            # a trailing attribution ("X will visit Y, officials said") reports X's intent; a leading speaker
            # ("X announced that her government will ...") makes the announcement (CAMEO PLOVER gold codes X there)
            ok = (link.via == "ccomp" and link.head.pos_ in {"VERB", "AUX"} and link.head.i < marker.i
                  and link.head.lemma_.lower() not in HEARSAY)
            return link.head if ok else None
        if link.kind not in {"pass", "marker"} or link.via not in {"xcomp", "conj"}:
            return None
    return None


def has_future_aux(token: Token) -> bool:
    """True when "will"/"would"/"shall" governs the verb: CAMEO reads a future act as an intention."""
    if habitual(token):
        return False
    return any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in token.children) or any(
        c.dep_ == "aux" and c.lower_ == "going" for c in token.children
    )


# --- recoding ------------------------------------------------------------------------------

_INTENT_BY_ROOT = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035", "09": "030", "02": "030", "01": "030"}
_INTENT_BY_CODE = {
    "061": "0311", "062": "0312", "063": "0313", "064": "0314", "071": "0331", "072": "0332", "073": "0333",
    "074": "0334", "081": "0351", "082": "0352", "083": "034", "0831": "0341", "0832": "0342", "0833": "0343",
    "0834": "0344", "084": "0353", "0841": "0353", "0842": "0353", "085": "0354", "086": "0355", "087": "0356",
    "046": "036", "045": "039", "043": "036", "042": "036", "040": "036", "036": "036",
}
_THREAT_BY_ROOT = {"14": "133", "15": "138", "16": "131", "17": "137", "18": "138", "19": "138", "20": "1385"}
_THREAT_BY_CODE = {
    "161": "1313", "162": "1311", "163": "1312", "164": "131", "166": "1313", "172": "132", "1721": "1321",
    "1722": "1322", "1723": "1323", "1724": "1324", "191": "1381", "192": "1382", "1041": "134", "1661": "136",
}
_REFUSE_BY_CODE = {
    "081": "1241", "082": "1242", "083": "1243", "084": "1244", "086": "1245", "087": "1246", "085": "124",
    "040": "125", "042": "125", "043": "125", "046": "125", "061": "1211", "062": "1212", "070": "122",
    "071": "1221", "072": "122", "073": "122", "074": "122", "045": "126", "038": "126",
}
_REFUSE_BY_ROOT = {"04": "125", "06": "121", "07": "122", "08": "124", "03": "120", "05": "120"}


_DEMAND_BY_INTENT = {"030": "100", "036": "106", "037": "107", "038": "108", "039": "108"}


def recode(kind: MarkerKind, complement: str) -> str:
    """The CAMEO code of "<marker> to <complement event>": intent -> 03 (13 for hostile acts), threat -> 13,
    refusal -> 12, demand -> 10 (the 03 sub-code read as 10: "must provide aid" 033 -> 103)."""
    root = complement[:2]
    hostile = root >= "14" or root in {"10", "11", "12", "13"}
    if kind == "demand":
        if hostile or not complement:
            return "100"
        intent = recode("intent", complement)
        return _DEMAND_BY_INTENT.get(intent[:3]) or "10" + intent[2:]
    if kind == "intent" and not hostile:
        if root == "03":
            return complement
        return _INTENT_BY_CODE.get(complement) or _INTENT_BY_CODE.get(complement[:3]) or _INTENT_BY_ROOT.get(root, "030")
    if kind in {"intent", "threat"}:
        if root == "11":
            return "130"  # "intends to sue": an announced hostile act is a threat (the codebook's note to 130)
        if root in {"10", "12", "13"}:
            return complement if kind == "intent" else "130"
        return _THREAT_BY_CODE.get(complement) or _THREAT_BY_CODE.get(complement[:3]) or _THREAT_BY_ROOT.get(root, "130")
    if root == "12":
        return complement
    return _REFUSE_BY_CODE.get(complement) or _REFUSE_BY_CODE.get(complement[:3]) or _REFUSE_BY_ROOT.get(root, "120")


# --- planning ------------------------------------------------------------------------------

@dataclass
class Planned:
    """One event to emit: the frame that gives actor and target, its code and the word that shows it."""

    frame: "Frame"
    cameo: str
    trigger: Token
    extra_targets: list[Token]
    modality: str
    recoded: MarkerKind | None = None
    secondary: bool = False
    base: Token | None = None  # the complement whose code is recoded when it is not the frame's trigger
    announced: bool = False  # an intent or threat made public by a reporting verb's speaker ("announced it will")


def is_secondary(token: Token) -> bool:
    """True when the trigger sits in a relative, noun-modifying or finite adverbial clause: background to
    the sentence's main event ("militants who seized", "as the opposition threatened")."""
    node = token
    for _ in range(30):
        if node.head is node:
            return False
        if (node.dep_ in {"relcl", "acl"} and not misparsed_main(node) and not perceived_act(node)) or (
                node.dep_ == "advcl" and not _is_purpose_or_participle(node) and not _news_behind(node)):
            return True
        if node.head.i == node.i:
            return False  # the root: the rounds left would test it again
        node = node.head
    return False


def describing_participle(token: Token) -> bool:
    """True for a present participle that describes a noun ("aircraft using guided missiles", "guerrillas
    operating in the north"): what the noun is, not an event of the news."""
    return token.dep_ == "acl" and token.tag_ == "VBG" and not perceived_act(token)


# Verbs that only place their subject after the news ("the move comes after the EU sanctioned Iran") or tell that
# something broke out when it happened ("violence broke out when thousands rallied").
_PLACING_VERBS = frozenset({"come", "follow"})
_OUTBREAK_VERBS = frozenset({"break", "erupt", "flare"})


def _news_behind(clause: Token) -> bool:
    """True for the "after"/"as" clause of a placing verb ("the move comes after X sanctioned Y") or the "when"
    clause of an outbreak ("violence broke out when thousands rallied"): the clause is the news, not background."""
    head, marks = clause.head.lemma_.lower(), {c.lower_ for c in clause.children if c.dep_ == "mark"}
    if head in _PLACING_VERBS:
        return bool(marks & {"after", "as", "amid"})
    advmods = {c.lower_ for c in clause.children if c.dep_ == "advmod" and c.i < clause.i}
    return head in _OUTBREAK_VERBS and bool((marks | advmods) & {"when", "as", "after"})


# Verbs of seeing and recording: "footage showed protesters throwing stones" reports the throwing.
PERCEPTION_VERBS = frozenset({"show", "capture", "see", "film", "record", "depict", "witness", "watch", "catch",
                              "hear", "spot", "observe", "photograph"})


def perceived_act(token: Token) -> bool:
    """True for a present participle on the object of a perception verb ("video showed two men punching a guard",
    "footage captured a group of protesters throwing stones") or in an absolute "with" phrase: what it tells
    happened."""
    if token.dep_ != "acl" or token.tag_ != "VBG":
        return False
    noun = token.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "with" and noun.head.head.pos_ in {"VERB", "AUX"}:
        return True  # an absolute "with" phrase: "had protests, with thousands of students marching in X"
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":  # "a group of protesters"
        noun = noun.head.head
    return noun.dep_ in {"dobj", "obj"} and noun.head.lemma_.lower() in PERCEPTION_VERBS


def trailing_participle(token: Token) -> Token | None:
    """The main verb of a subjectless participle clause trailing it after a comma ("received the mission,
    informing them ...", "staged rallies, saying he must resign"); conjoined participles share it. None otherwise."""
    node = token
    while node.dep_ == "conj" and node.head is not node:
        node = node.head
    if not (node.dep_ == "advcl" and node.tag_ == "VBG" and node.i > node.head.i and node.i > 0
            and node.doc[node.i - 1].text == ","):
        return None
    if any(c.dep_ in {"nsubj", "nsubjpass", "mark"} for c in node.children):
        return None
    return node.head


def past_background(token: Token) -> bool:
    """True when a background clause tells an act long before the news: pluperfect ("whom they had taken
    hostage") or dated "ago" ("when the dictator expelled them 18 years ago"). A clause dated "last week"
    stays: recent violence in a relative clause is still news ("militants who seized the city last week")."""
    if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in {"had", "'d"} for c in token.children):
        return True
    return any(t.lower_ == "ago" for t in token.subtree if t.i > token.i)


QUESTION_HEADS = frozenset({"ask", "wonder", "question", "inquire", "enquire"})
QUESTION_MARKS = frozenset({"whether", "if"})
# Clauses that only time the main event ("one day after a jet shot down ...").
TEMPORAL_MARKS = frozenset({"after", "before", "since", "until", "following", "when", "while"})


def in_question(token: Token) -> bool:
    """True inside an embedded question ("asked whether Iraq had demanded ...") or for the asking participle
    itself ("Asked whether ..., he replied"): a question asserts no event."""
    node = prev = token
    for _ in range(30):
        if node.lemma_.lower() in QUESTION_HEADS and node is not token and any(
                c.dep_ == "mark" and c.lower_ in QUESTION_MARKS for c in prev.children):
            return True
        if node.head is node or (node is not token and node.i == prev.i):
            break  # the root, after itself: the rounds left would test the same again
        prev, node = node, node.head
    return token.lemma_.lower() in QUESTION_HEADS and any(
        c.dep_ in {"ccomp", "xcomp"} and any(m.dep_ == "mark" and m.lower_ in QUESTION_MARKS for m in c.children)
        for c in token.children)


def framing_participle(token: Token) -> bool:
    """True for a subjectless participle clause that frames a reporting verb ("Speaking in Jerusalem, Kerry said"):
    the circumstance of the statement, not an event of its own."""
    return (token.dep_ == "advcl" and token.tag_ in {"VBG", "VBN"} and token.head.lemma_.lower() in REPORTING
            and not any(c.dep_ in {"nsubj", "nsubjpass", "mark"} for c in token.children))


def temporal(token: Token) -> bool:
    """True when the trigger sits in a clause or phrase that only times another event ("after X shot down")."""
    node = token
    for _ in range(30):
        if node.head is node:
            return False
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in node.children):
            return True
        if node.dep_ == "pcomp" and node.head.lower_ in TEMPORAL_MARKS:
            return True
        if node.head.i == node.i:
            return False  # the root: the rounds left would test it again
        node = node.head
    return False


def _hedged_condition(verb: Token) -> bool:
    """True for a verb with a hedging modal and its own "if"/"unless" clause: "may cut aid if ..."."""
    hedged = any(c.dep_ == "aux" and c.lower_ in {"may", "might", "could"} for c in verb.children)
    return hedged and any(c.dep_ == "advcl" and _conditional(c) for c in verb.children)


def _conditional(token: Token) -> bool:
    node = token
    while node.dep_ == "conj" and node.head is not node:
        node = node.head
    return any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in node.children)


def demanding_speaker(trigger: Token) -> Token | None:
    """The reporting verb whose speaker demands the trigger's act: "declared that China must drop" -> declared.

    The modal may sit on the trigger or on a transparent head of its chain ("must be ready to mediate")."""
    nodes = [trigger]
    links = chain(trigger)
    for n, link in enumerate(links):
        if (link.head.pos_ == "NOUN" and link.head.lemma_.lower() in DEMAND_NOUNS and link.via in {"acl", "ccomp"}
                and all(up.via in {"xcomp", "conj"} for up in links[:n])
                and any(c.dep_ in {"nsubj", "nsubjpass"} for c in nodes[-1].children)):
            # "reiterated its demand that Israel ease ...", "insisted on its demands that the government grant ..."
            verbs = [up.head for up in links[n + 1:] if up.head.pos_ in {"VERB", "AUX"}]
            return verbs[0] if verbs else None
        if (link.via == "ccomp" and _demand_object(link.head) and all(up.via in {"xcomp", "conj"} for up in links[:n])
                and any(c.dep_ == "mark" and c.lower_ == "that" for c in nodes[-1].children)):
            # the same "that" clause parsed under the verb: "reiterated its demand on Monday that Israel ease ..."
            return link.head
        if link.kind == "reporting":
            if link.via != "ccomp":
                return None
            modal = any(c.dep_ == "aux" and c.lower_ in DEMAND_MODALS for n in nodes for c in n.children)
            return link.head if modal else None
        nodes.append(link.head)
    return None


def _demand_object(verb: Token) -> bool:
    """True when the verb's direct object is a demand noun ("renewed its demand")."""
    return verb.pos_ in {"VERB", "AUX"} and any(
        c.dep_ in {"dobj", "obj"} and c.lemma_.lower() in DEMAND_NOUNS for c in verb.children)


def _demands(frame: "Frame", by_trigger: dict[int, list], cameo: str | None) -> list[Planned]:
    """Demand events of the speaker(s) of a "must" complement, aimed at the complement's subject."""
    speaker = demanding_speaker(frame.trigger)
    if speaker is None or frame.source is None:
        return []
    out = []
    for said in by_trigger.get(speaker.i, []):
        aimed = replace(said, target_candidates=[frame.source, *frame.target_candidates])
        out.append(Planned(aimed, recode("demand", cameo or ""), speaker, [], said.modality, "demand", base=frame.trigger))
    return out


def plan_events(frames: list["Frame"], codes: dict[int, str]) -> list[Planned]:
    """The events of one sentence: at most one per complement chain and source (rules in the module docstring).

    `codes` maps the trigger index of every coded frame to its CAMEO code.
    """
    by_trigger: dict[int, list] = {}
    for frame in frames:
        by_trigger.setdefault(frame.trigger.i, []).append(frame)
    dropped: set[int] = set()
    planned: list[Planned] = []
    extra: dict[int, list[Token]] = {}
    for frame in frames:
        cameo = codes.get(frame.trigger.i)
        if _aside_of_coded(frame.trigger, cameo, codes):
            continue
        if demands := _demands(frame, by_trigger, cameo):
            planned.extend(demands)
            continue
        if (alleging := _alleging_link(frame.trigger, codes)) is not None and frame.source is not None:
            extra.setdefault(alleging.head.i, []).append(frame.source)  # whom the allegation is about
        marker, dominator = _governor(frame.trigger, codes, dropped)
        head = dominator or marker
        if head is not None and (cameo is None or dominator is not None):
            # an uncoded or swallowed complement still tells who the act is aimed at
            if not frame.source_inherited and frame.source is not None:
                extra.setdefault(head.i, []).append(frame.source)
            extra.setdefault(head.i, []).extend(frame.target_candidates)
        if cameo is None or dominator is not None or _conditional(frame.trigger):
            continue
        negated = any(c.dep_ == "neg" for c in frame.trigger.children)
        if marker is None and has_future_aux(frame.trigger) and (
                cameo[:2] not in {"01", "03", "13"} or (cameo[:2] == "03" and negated)):
            marker = frame.trigger  # "will visit": intent; "will not accept refugees": refusal
        if marker is None and cameo[:2] >= "14" and _hedged_condition(frame.trigger):
            # "may halt mediation if cooperation founders": a hostile act made conditional is a threat
            planned.append(Planned(frame, recode("threat", cameo), frame.trigger, [], frame.modality, "threat"))
            continue
        if marker is frame.trigger and negated:
            # "said it would not meet the demands": a refusal, asserted
            planned.append(Planned(frame, recode("refusal", cameo), frame.trigger, [], "asserted", "refusal"))
            continue
        if marker is None:
            planned.append(Planned(frame, cameo, frame.trigger, [], frame.modality))
            continue
        kind = marker_kind(marker) or "intent"
        dropped.add(marker.i)
        if marker.pos_ == "NOUN" and marker.head is not marker:
            dropped.add(marker.head.i)
        own = [t for f in by_trigger.get(marker.i, []) for t in f.target_candidates]
        modality = "negated" if any(c.dep_ == "neg" for c in marker.children) else (
            "reported" if frame.modality == "reported" else "asserted")
        code = recode(kind, cameo)
        speakers = by_trigger.get(marker.i, []) if _own_side(frame.source) else []
        said = announcer(marker) if kind in {"intent", "threat"} and _speakers_side(frame.source) else None
        if said is not None and by_trigger.get(said.i):
            # "X announced that her government will withdraw the bill": the announcement is X's act (03x/13x)
            speakers = by_trigger[said.i]
        elif (holders := _plan_holders(marker, frame.source, by_trigger)):
            speakers = holders  # "X, along with Y, announced their plans to sue": X and Y plan it
        # "X and Y agreed that their countries should cooperate": the marker's subjects act, not "their countries"
        planned.extend(Planned(replace(s, target_candidates=frame.target_candidates), code, marker, own, modality, kind,
                               announced=said is not None)
                       for s in speakers or [frame])
    planned += _claims(planned, by_trigger)
    for p in planned:
        if failed_settlement(p.trigger):
            p.cameo, p.recoded = FAILED_SETTLEMENT_CODE, "failure"  # "failed to reach agreement": talks broke down
    planned = [p for p in planned if not (in_question(p.frame.trigger) or in_question(p.trigger)
                                          or framing_participle(p.trigger) or _unsaid(p))]
    main = [p for p in planned if not temporal(p.trigger) and not (p.trigger.i in dropped and p.recoded is None)]
    acting = {p.trigger.i for p in main}
    out = []
    for p in planned:
        if p.trigger.i in dropped and p.recoded is None:
            continue
        if main and temporal(p.trigger):
            continue  # "one day after a jet shot down ...": background to the sentence's own event
        if _aside(p, acting):
            continue
        p.secondary = is_secondary(p.trigger)
        stale = past_background(p.trigger) or describing_participle(p.trigger)
        if p.secondary and (stale or (p.cameo[:2] < "17" and p.cameo[:2] not in BACKGROUND_ROOTS
                                      and not (not main and _follows(p.trigger)))):
            continue  # background clauses: only fresh violence, protest and sanctions there ("militants who seized")
        p.extra_targets = p.extra_targets + extra.get(p.frame.trigger.i, []) + (
            extra.get(p.trigger.i, []) if p.trigger is not p.frame.trigger else [])
        out.append(p)
    # "retook the village from guerrillas who overran it", "killed 23 when they blew themselves up": background
    # violence of the same kind as the sentence's own event tells that event again, it is no second one
    roots = {p.cameo[:2] for p in out if not p.secondary}
    return [p for p in out if not (p.secondary and p.cameo[:2] in roots)]


# Below violence (17-20), the roots still coded in a background clause: a protest or a sanction told in a relative or
# participle clause happened ("students who were marching against the law", "a minister surrounded by demonstrators",
# "the rule that halts trade with X"). Shows of force (15) there are mostly what is asked or planned.
BACKGROUND_ROOTS = frozenset({"14", "16"})


# Verbs whose speaker, saying that it did an act of violence, claims it (CAMEO 015, "claim responsibility").
CLAIMING_VERBS = frozenset({"say", "claim", "announce", "confirm", "admit", "state"})
_OWN_PRONOUNS = frozenset({"it", "they", "we"})
CLAIM_CODE = "015"


def _claims(planned: list[Planned], by_trigger: dict[int, list]) -> list[Planned]:
    """The claims of responsibility of the speakers who say that they did an act of violence ("the militia said it
    fired the rockets", "the rebels said they shot down the drone"): 015 of the speaker, beside the violent act
    (reported)."""
    out = []
    for p in planned:
        subject = p.frame.source
        if p.cameo[:2] < "18" or p.recoded is not None or subject is None or subject.lower_ not in _OWN_PRONOUNS:
            continue
        links = chain(p.frame.trigger)
        said = links[0].head if links and links[0].kind == "reporting" and links[0].via == "ccomp" else None
        if said is None or said.lemma_.lower() not in CLAIMING_VERBS or said.i > p.frame.trigger.i:
            continue
        out += [Planned(s, CLAIM_CODE, said, [], "asserted", "claim") for s in by_trigger.get(said.i, [])
                if s.source is not None and s.source.i != subject.i]
    return out


# Verbal acts that a negation voids: "did not give details", "does not need forces" assert nothing.
_VERBAL_ROOTS = frozenset({"01", "02", "10"})


# Commands to one's own subordinates: "ordered security forces not to strike" restrains, it does not act.
COMMANDS = frozenset({"order", "instruct", "command", "direct"})


# Main verbs that only place their subject after an act: "the move came after the bloc sanctioned Iran".
SEQUEL_VERBS = frozenset({"come", "follow"})


def _follows(token: Token) -> bool:
    """True for an act in the "after"/"when" clause of "X came after ...": with no event in the main clause, the
    clause's act is the news."""
    node = token
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    return (node.dep_ == "advcl" and node.head.lemma_.lower() in SEQUEL_VERBS
            and any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in node.children))


def _aside_of_coded(trigger: Token, cameo: str | None, codes: dict[int, str]) -> bool:
    """True for a non-violent trailing participle of a coded verb: neither its own event nor a complement that
    the verb recodes ("refused to help, citing opposition")."""
    main = trailing_participle(trigger)
    return main is not None and main.i in codes and (cameo is None or (cameo[:2] < "18" and not (
        _disapproval_sequel(trigger, cameo) and codes[main.i][:2] != cameo[:2])))


def _aside(plan: Planned, acting: set[int]) -> bool:
    """True for a non-violent act in a participle clause trailing a verb that has its own event: the comment or
    manner of that event ("staged rallies, saying ..."), not a second one. Violence stays ("shelled, killing")."""
    main = trailing_participle(plan.trigger)
    return main is not None and main.i in acting and plan.cameo[:2] < "18" and not _disapproval_sequel(plan.trigger,
                                                                                                 plan.cameo)


def _speakers_side(source: Token | None) -> bool:
    """True for a complement subject that names the speaker or the speaker's side ("she", "it", "her government"):
    the announcement is then the speaker's act. A named subject ("said that Iran would support Iraq") keeps it."""
    return source is not None and (source.pos_ == "PRON" or (source.pos_ == "NOUN" and any(
        c.dep_ == "poss" and c.pos_ == "PRON" for c in source.children)))


def _plan_holders(marker: Token, source: Token | None, by_trigger: dict[int, list]) -> list:
    """The frames of the verb whose object is an intent noun owned by a pronoun ("announced their plans to
    sue", "made its intention to leave clear"): the verb's subjects hold the plan the pronoun stands for."""
    if (source is None or marker.pos_ != "NOUN" or source.pos_ != "PRON" or source.dep_ != "poss"
            or source.head.i != marker.i or marker.dep_ not in {"dobj", "obj"}):
        return []
    return by_trigger.get(marker.head.i, [])


def _own_side(source: Token | None) -> bool:
    """True for a complement subject that only names the marker's subject again: "their countries", "its forces"."""
    return source is not None and source.pos_ == "NOUN" and any(
        c.dep_ == "poss" and c.lower_ in {"their", "its", "our"} for c in source.children)


# Heads whose complement did not happen: "failed to reach agreement" is no event (the dictionary's FAIL is 120).
FAILURES = frozenset({"fail"})


# A failure to settle reads as the dictionary's FAIL + TALKS/MEETING: halted negotiations (164).
FAILED_SETTLEMENT_CODE = "164"
_SETTLING = frozenset({"reach", "conclude", "agree", "strike", "secure", "clinch", "finalize", "finalise"})
_SETTLEMENTS = frozenset({"agreement", "accord", "deal", "settlement", "compromise", "breakthrough", "consensus",
                          "truce", "ceasefire"})


def failed_settlement(verb: Token) -> bool:
    """True for "failed to reach agreement" / "failed to agree": a failure whose complement is a settlement."""
    if verb.lemma_.lower() not in FAILURES:
        return False
    for comp in (c for c in verb.children if c.dep_ == "xcomp"):
        objects = [o.lemma_.lower() for o in comp.children if o.dep_ in {"dobj", "obj"}]
        if comp.lemma_.lower() == "agree" or (comp.lemma_.lower() in _SETTLING and _SETTLEMENTS.intersection(objects)):
            return True
    return False


def _unsaid(plan: Planned) -> bool:
    """True for a negated statement, appeal or demand that no marker turned into a refusal, for a command
    not to act, and for a failure to act."""
    if plan.recoded is None and plan.modality == "negated" and plan.cameo[:2] in _VERBAL_ROOTS:
        return True
    verb = plan.trigger
    if verb.lemma_.lower() in FAILURES and any(c.dep_ == "xcomp" for c in verb.children) and not failed_settlement(verb):
        return True  # "failed to reach agreement": neither the act nor a rejection happened
    verb = plan.frame.trigger
    return verb.lemma_.lower() in COMMANDS and any(
        c.dep_ in {"xcomp", "ccomp"} and any(n.dep_ == "neg" for n in c.children) for c in verb.children)


# Accusing verbs coded as acts of their own (11x) whose "that" clause still tells a reported material act.
ALLEGING = frozenset({"allege", "claim", "suspect", "charge"})


def _alleging_link(trigger: Token, codes: dict[int, str]) -> Link | None:
    """The link to an `ALLEGING` verb whose "that" clause holds this material act (CAMEO roots 14-20), else None."""
    if codes.get(trigger.i, "00")[:2] < "14":
        return None
    return next((link for link in chain(trigger)[:1] if link.via == "ccomp" and link.head.lemma_.lower() in ALLEGING), None)


def _governor(trigger: Token, codes: dict[int, str], dropped: set[int]) -> tuple[Token | None, Token | None]:
    """(marker, dominator): the intent/threat/refusal head that recodes this trigger, or the coded verb that swallows it."""
    marker = None
    for link in chain(trigger):
        if link == _alleging_link(trigger, codes):
            continue  # "police alleged the accused performed two attacks": the allegation and the alleged act
        if link.kind == "reporting" and not (link.via == "advcl" and trailing_participle(trigger) is link.head):
            dropped.add(link.head.i)
            continue
        if link.kind == "marker" and marker is None:
            marker = link.head
            continue
        if link.kind == "pass" and link.head.i in codes and (link.via == "advcl" or (
                link.via == "xcomp" and any(c.dep_ in {"dobj", "obj"} for c in link.head.children))):
            return None, link.head  # "began a hunger strike to protest against X": the strike carries the protest
        if (link.kind == "marker" and marker is not None and marker.pos_ == "NOUN" and link.via == "dobj"
                and marker_kind(link.head) == "refusal" and link.head.i in codes):
            return None, link.head  # "rejected an ultimatum to hand over": the rejection, not the ultimatum
        if link.kind in {"pass", "marker"}:
            continue
        if marker is not None and link.via == "conj":
            break  # "did not concede and vowed to keep fighting": the vow is a main verb of its own
        if link.head.i in codes and _graver_sequel(trigger, link, codes):
            break
        if link.head.i in codes and not _second_act(trigger, link, codes):
            return None, link.head
    return marker, None


# Acts that a trailing participle adds to a milder act as an event of their own: taking people hostage after
# seizing a place ("seized the mine, taking 40 workers hostage") hits other victims. The harm a verb's act did
# ("shelled the town, killing 12", "opened fire, killing one") and the manner of a riot ("rioted, setting fire to
# ...") stay part of it (PLOVER gold).
SEQUEL_CODES = ("181",)
# A disapproval in a participle trailing an act of another root is a second act of the same actor ("withdrew from
# the pact, condemning X").
SEQUEL_ROOTS = frozenset({"11"})
CHARACTERISING_VERBS = frozenset({"describe", "call", "brand", "label", "term", "dub", "characterize", "characterise"})


def _graver_sequel(trigger: Token, link: Link, codes: dict[int, str]) -> bool:
    """True for an abduction in a participle trailing a coded verb of a milder root ("seized the mine, taking 40
    workers hostage"): the graver act is an event of its own (the gold README codes the most severe act of a
    sequence), not the manner of the milder one."""
    own = codes.get(trigger.i)
    main = trailing_participle(trigger)
    if link.via != "advcl" or main is None or main.i != link.head.i or own is None:
        return False
    head = codes[link.head.i]
    return (own.startswith(SEQUEL_CODES) and own[:2] > head[:2]) or (_disapproval_sequel(trigger, own)
                                                                       and head[:2] != own[:2])


def _disapproval_sequel(trigger: Token, cameo: str) -> bool:
    """True for a disapproval (11) in a trailing participle that is no characterisation of the act before it
    ("withdrew from the pact, condemning X" is a second act; "demanded X, calling it a provocation" only
    says what the demand is about, as PLOVER codes it)."""
    return cameo[:2] in SEQUEL_ROOTS and trigger.lemma_.lower() not in CHARACTERISING_VERBS


def _second_act(trigger: Token, link: Link, codes: dict[int, str]) -> bool:
    """True for a verbal act coordinated with a coded verb of another root ("said he met the envoys but denied
    that ..."): a second act of its own, not more of the first one."""
    own = codes.get(trigger.i)
    return (link.via == "conj" and link.head.i == trigger.head.i and own is not None and own[:2] < "14"
            and own[:2] != codes[link.head.i][:2])
