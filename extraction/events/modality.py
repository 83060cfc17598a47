"""Modality of an event trigger: asserted, negated, hypothetical, intended or reported."""

from __future__ import annotations

from spacy.tokens import Token

from ...schemas import Modality

# Frequency adverbs that make "would" habitual ("would sometimes kill"): a past habit, asserted (gold README).
HABITUAL = frozenset({"sometimes", "often", "usually", "always", "regularly", "frequently", "routinely", "repeatedly"})


def habitual(token: Token) -> bool:
    """True for "would" + a frequency adverb on the verb: a past habit, not a future act or a hedge."""
    return any(c.dep_ == "aux" and c.lower_ == "would" for c in token.children) and any(
        c.dep_ == "advmod" and c.lower_ in HABITUAL for c in token.children)


CONDITIONAL_MARKS = {"if", "unless", "whether"}
HEDGE_AUX = {"could", "might", "may", "would", "should"}
INTENT_HEADS = {
    "ready", "willing", "prepared", "plan", "intend", "want", "wish", "seek", "aim", "hope", "vow", "pledge",
    "promise", "threaten", "prepare", "expect", "readiness", "offer", "agree", "decide", "going",
}
REPORTING = {"say", "report", "claim", "tell", "state", "add", "allege", "announce", "insist", "quote", "according"}
_CLAUSE_UP = {"xcomp", "ccomp", "advcl", "acomp", "conj", "relcl", "pcomp", "acl"}


def _chain(token: Token) -> list[Token]:
    """The token and the heads of the clauses it sits in, innermost first."""
    chain = [token]
    while chain[-1].dep_ in _CLAUSE_UP and chain[-1].head is not chain[-1]:
        chain.append(chain[-1].head)
    return chain


def is_negated(token: Token) -> bool:
    """True when the trigger or its auxiliary carries "not"/"never"/"no"."""
    return any(c.dep_ == "neg" for c in token.children) or (
        token.dep_ in {"xcomp"} and any(c.dep_ == "neg" for c in token.head.children) and token.head.pos_ == "VERB"
    )


def is_hypothetical(token: Token) -> bool:
    """True under "if/unless", or with a hedging modal ("would", "could") on the trigger's own clause."""
    for node in _chain(token):
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in node.children):
            return True
        if node.lower_ in {"asks", "ask", "asked"} and any(c.lower_ == "when" for c in node.children):
            return True
    if habitual(token):
        return False  # "would sometimes kill": a past habit
    return any(c.dep_ == "aux" and c.lower_ in HEDGE_AUX for c in token.children)


def is_intended(token: Token) -> bool:
    """True when the trigger is the complement of an intention: "ready to provide", "plans to", "will"."""
    if any(c.dep_ == "aux" and c.lower_ in {"will", "shall", "'ll"} for c in token.children):
        return True
    node = token
    while node.dep_ in {"xcomp", "acomp", "acl"} and node.head is not node:
        node = node.head
        if node.lemma_.lower() in INTENT_HEADS:
            return True
    return False


def is_reported(token: Token) -> bool:
    """True when the trigger sits in the complement of a reporting verb ("said that ...")."""
    return any(node.head.lemma_.lower() in REPORTING for node in _chain(token) if node.dep_ in {"ccomp", "xcomp", "pcomp"})


def modality_of(token: Token) -> Modality:
    """The strongest modality that applies: negated > hypothetical > intended > reported > asserted."""
    if is_negated(token):
        return "negated"
    if is_hypothetical(token):
        return "hypothetical"
    if is_intended(token):
        return "intended"
    if is_reported(token):
        return "reported"
    return "asserted"
