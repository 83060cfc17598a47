"""Tests for extraction/events/codebook.py."""

from __future__ import annotations


import pytest

from eventpipe.extraction.events.codebook import Codebook, intent_code, load_codebook, plover_type, quad_class, token_key


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return load_codebook()


@pytest.mark.parametrize(("lemma", "context", "cameo"), [
    ("offer", ["help", "to", "iraq"], "030"),                        # OFFER * HELP
    ("offer", ["iraq", "logistical", "support"], "030"),             # OFFER * SUPPORT, one word apart
    ("offer", ["military", "assistance"], "0332"),                   # {&MILITARY ASSISTANCE}
    ("offer", ["million", "dollars"], "0331"),                       # &CURRENCY synset member, plural
    ("launch", ["an", "airstrike", "on", "the", "city"], "195"),
    ("send", ["rocket", "to", "the", "army"], "072"),                # * &WEAPON
    ("provide", ["iraq", "with", "military", "equipment"], "072"),
    ("ask", ["for", "help"], "020"),
    ("release", ["prisoner"], "0841"),
    ("accuse", ["the", "mayor", "of", "fraud"], "1121"),             # (OF FRAUD): accused of a crime
    ("accuse", ["of", "criminal", "offences"], "1121"),              # (OF &CRIME)
    ("accuse", ["the", "mayor", "of", "lying"], "112"),              # no crime named: plain accusation
    ("convict", ["of", "fraud"], "116"),                             # accuse's sub-code does not recode CONVICT
])
def test_codebook_object_patterns(codebook, lemma, context, cameo):
    assert codebook.code_verb(lemma, context).cameo == cameo


@pytest.mark.parametrize(("lemma", "cameo"), [
    ("say", "010"), ("accuse", "112"), ("condemn", "111"), ("meet", "040"), ("visit", "042"),
    ("attack", "190"), ("kidnap", "181"), ("arrest", "173"), ("threaten", "130"), ("warn", "130"),
    ("expel", "174"), ("support", "050"), ("agree", "030"), ("reject", "120"), ("urge", "020"),
    ("dislodge", "190"), ("assassinate", "186"), ("investigate", "090"),
])
def test_codebook_verb_defaults(codebook, lemma, cameo):
    assert codebook.code_verb(lemma).cameo == cameo


@pytest.mark.parametrize(("form", "lemma"), [
    ("offered", "offer"), ("kidnapped", "kidnap"), ("seized", "seize"), ("said", "say"), ("struck", "strike"),
])
def test_codebook_inflected_forms_resolve_to_lemma(codebook, form, lemma):
    assert codebook.code_verb(form) == codebook.code_verb(lemma)


@pytest.mark.parametrize(("lemma", "context", "cameo"), [
    ("call on", ["resident", "to", "leave"], "020"),
    ("call", ["on", "resident"], "020"),          # particle given as context
    ("break up", ["a", "protest"], "175"),
    ("crack down", ["on", "protester"], "170"),
    ("carry out", ["an", "airstrike"], "195"),    # unknown to the patterns: light verb + eventive noun
])
def test_codebook_phrasal_verbs(codebook, lemma, context, cameo):
    assert codebook.code_verb(lemma, context).cameo == cameo


@pytest.mark.parametrize(("lemma", "context"), [
    ("avert", ["attack"]),            # pattern coded [---]: explicitly no event
    ("xyzzy", []),                    # unknown verb
    ("seem", []),                     # block without a code
])
def test_codebook_no_event(codebook, lemma, context):
    assert codebook.code_verb(lemma, context) is None


def test_codebook_other_verbs_pattern_cannot_change_root(codebook):
    # APPREHEND block: "- * PART [030] # TAKE" is for "take part", not for "seize parts of Ramadi"
    assert codebook.code_verb("seize", ["part", "of", "ramadi"]).root == "17"


def test_codebook_pattern_explains_itself(codebook):
    code = codebook.code_verb("offer", ["military", "assistance"])
    assert "OFFER" in code.pattern and "[0332]" in code.pattern


@pytest.mark.parametrize(("lemma", "context", "cameo"), [
    ("airstrike", [], "195"), ("air strike", [], "195"), ("air-strike", [], "195"),
    ("attack", ["suicide"], "1831"), ("attack", [], "190"), ("clash", [], "190"),
    ("protest", [], "141"), ("demonstration", [], "141"), ("talks", [], "046"), ("visit", [], "042"),
    ("kidnapping", [], "181"), ("ceasefire", [], "0871"), ("sanctions", [], "163"),
    ("strike", ["hunger"], "142"), ("strike", ["air"], "195"), ("offensive", [], "190"),
])
def test_codebook_eventive_nouns(codebook, lemma, context, cameo):
    assert codebook.code_noun(lemma, context).cameo == cameo


@pytest.mark.parametrize("lemma", ["strike", "concern", "table"])
def test_codebook_nouns_without_event(codebook, lemma):
    assert codebook.code_noun(lemma) is None   # ambiguous, light-verb-only, or not eventive


@pytest.mark.parametrize(("root", "quad"), [("01", 1), ("05", 1), ("06", 2), ("08", 2), ("09", 3), ("13", 3), ("14", 4), ("20", 4)])
def test_codebook_quad_class(root, quad):
    assert quad_class(root) == quad


@pytest.mark.parametrize(("cameo", "plover"), [
    ("010", None), ("020", "REQUEST"), ("0332", "AGREE"), ("042", "CONSULT"), ("057", "SUPPORT"),
    ("062", "COOPERATE"), ("072", "AID"), ("081", "CONCEDE"), ("0841", "RETREAT"), ("090", "INVESTIGATE"),
    ("1041", "DEMAND"), ("112", "DISAPPROVE"), ("120", "REJECT"), ("138", "THREATEN"), ("141", "PROTEST"),
    ("154", "MOBILIZE"), ("163", "SANCTION"), ("173", "COERCE"), ("175", "ASSAULT"), ("181", "ASSAULT"),
    ("191", "COERCE"), ("195", "FIGHT"), ("202", "FIGHT"),
])
def test_codebook_plover_types(cameo, plover):
    assert plover_type(cameo) == plover


def test_codebook_describe_full_record(codebook):
    code = codebook.describe("195")
    assert (code.root, code.quad_class, code.goldstein, code.plover) == ("19", 4, -10.0, "FIGHT")
    assert code.name == "Employ aerial weapons"
    assert codebook.describe("999") is None


def test_codebook_names_are_clean(codebook):
    assert all("\ufffd" not in codebook.describe(c).name for c in ("010", "043", "1124"))


@pytest.mark.parametrize(("a", "b"), [
    ("troops", "troop"), ("supplies", "supply"), ("forces", "force"), ("attacks", "attack"),
    ("agreed", "agree"), ("rallied", "rally"), ("stopped", "stop"), ("Iran's", "iran"),
])
def test_codebook_token_key_folds_inflections(a, b):
    assert token_key(a) == token_key(b)


def test_codebook_loader_is_cached_and_versioned():
    first = load_codebook()
    assert first is load_codebook()
    assert len(first.version) == 12



@pytest.mark.parametrize(("cameo", "intent"), [
    ("042", "036"), ("046", "036"), ("072", "0332"), ("070", "033"), ("0841", "0353"), ("190", "138"),
    ("195", "138"), ("192", "1382"), ("163", "1312"), ("010", None), ("112", None), ("030", None),
])
def test_codebook_intent_code(cameo, intent):
    assert intent_code(cameo) == intent


def test_codebook_intended_keeps_the_rule(codebook):
    visit = codebook.intended(codebook.code_verb("visit"))
    assert (visit.cameo, visit.root) == ("036", "03") and "VISIT" in visit.pattern
    say = codebook.code_verb("say")
    assert codebook.intended(say) is say


@pytest.mark.parametrize("lemma, context, anchor, cameo", [
    ("disperse", ["a", "large", "peaceful", "student", "protest"], 4, "175"),    # DISPERSE * PROTEST at the object
    ("send", ["so", "call", "new", "anti", "tank", "rocket", "to"], 5, "072"),  # SEND * &WEAPON at the object
])
def test_codebook_object_anchor_reaches_past_modifiers(codebook, lemma, context, anchor, cameo):
    assert codebook.code_verb(lemma, context, anchor).cameo == cameo


@pytest.mark.parametrize("lemma, eventive", [("strike", True), ("talks", True), ("soldier", False)])
def test_codebook_is_eventive(codebook, lemma, eventive):
    assert codebook.is_eventive(lemma) is eventive


@pytest.mark.parametrize("lemma, cameo", [
    ("pardon", "0841"), ("commute", "0841"),  # the codebook's 0841 note: pardons and commutations are releases
    ("indict", "115"),                        # the 173 note: criminal charges are 115
    ("confess", "015"), ("admit", "015"),     # 015: admit a wrongdoing
    ("allege", "1121"),                       # 1121: allege a crime
    ("subpoena", "1014"),
])
def test_codebook_verbal_and_legal_overrides(lemma, cameo, knowledge):
    assert knowledge.codebook.code_verb(lemma).cameo == cameo


@pytest.mark.parametrize("lemma, context, cameo", [
    ("unseal", ["further", "charge", "against", "minister"], "115"),  # charges are brought: 115
    ("bring", ["charge", "against", "company"], "115"),
    ("issue", ["subpoena", "to", "bank"], "1014"),
    ("give", ["a", "different", "account", "of", "event"], "010"),  # an account is a statement, not aid
    ("give", ["aid", "to", "refugee"], "070"),
])
def test_codebook_light_verbs_of_legal_acts(lemma, context, cameo, knowledge):
    assert knowledge.codebook.code_verb(lemma, context).cameo == cameo


def test_codebook_press_release_is_no_release(codebook):
    """A press or news release is a statement made public, not a return or release (084) of anyone."""
    assert codebook.code_noun("release", ["press"]) is None and codebook.code_noun("release", ["news"]) is None
    assert codebook.code_noun("release", ["prisoner"]).cameo == "0841"
