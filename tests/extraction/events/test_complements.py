"""Complex events: recoding of intent/threat/refusal complements and which verb carries the event."""

from __future__ import annotations

import pytest

from eventpipe.extraction.events.complements import chain, plan_events, recode
from eventpipe.extraction.events.frames import find_frames

from ._docs import build


@pytest.mark.parametrize("kind, complement, expected", [
    ("intent", "072", "0332"),   # ready to provide military aid
    ("intent", "042", "036"),    # will visit
    ("intent", "190", "138"),    # plans to attack: a threat
    ("threat", "163", "1312"),   # threatened an embargo
    ("refusal", "086", "1245"),  # refused to allow observers
    ("refusal", "125", "125"),
])
def test_complements_recode(kind, complement, expected):
    assert recode(kind, complement) == expected


# "Ruritania agreed to help Osterlich ."
AGREED = [("Ruritania", 1, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("agreed", 1, "ROOT", "VERB", "VBD", "agree", "O"),
          ("to", 3, "aux", "PART", "TO", "to", "O"), ("help", 1, "xcomp", "VERB", "VB", "help", "O"),
          ("Osterlich", 3, "dobj", "PROPN", "NNP", "Osterlich", "B-GPE"), (".", 1, "punct", "PUNCT", ".", ".", "O")]
# "Ruritania said Osterlich attacked ."
SAID = [("Ruritania", 1, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("said", 1, "ROOT", "VERB", "VBD", "say", "O"),
        ("Osterlich", 3, "nsubj", "PROPN", "NNP", "Osterlich", "B-GPE"), ("attacked", 1, "ccomp", "VERB", "VBD", "attack", "O"),
        (".", 1, "punct", "PUNCT", ".", ".", "O")]


@pytest.mark.parametrize("rows, codes, expected", [
    (AGREED, {1: "030", 3: "070"}, [("agreed", "033", "Ruritania")]),   # one event, recoded intent to aid
    (SAID, {3: "190"}, [("attacked", "190", "Osterlich")]),              # the speaker is not the actor
])
def test_complements_plan_one_event_per_chain(rows, codes, expected):
    doc = build(rows)
    plans = plan_events(list(find_frames(doc[:])), codes)
    assert [(p.trigger.text, p.cameo, p.frame.source.text) for p in plans] == expected


@pytest.mark.parametrize("rows, trigger, heads", [(AGREED, 3, ["agreed"]), (SAID, 3, ["said"])])
def test_complements_chain_heads(rows, trigger, heads):
    assert [link.head.text for link in chain(build(rows)[trigger])] == heads


@pytest.mark.parametrize("complement, expected", [
    ("070", "103"),    # must provide aid
    ("0331", "1031"),  # must provide economic aid
    ("042", "106"),    # must visit / meet
    ("045", "108"),    # must mediate
    ("190", "100"),    # a hostile act demanded: plain demand
    ("", "100"),       # an uncoded complement
])
def test_complements_recode_demand(complement, expected):
    assert recode("demand", complement) == expected


# "Ruritania said Osterlich must help Zenda ."
MUST = [("Ruritania", 1, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("said", 1, "ROOT", "VERB", "VBD", "say", "O"),
        ("Osterlich", 4, "nsubj", "PROPN", "NNP", "Osterlich", "B-GPE"), ("must", 4, "aux", "AUX", "MD", "must", "O"),
        ("help", 1, "ccomp", "VERB", "VB", "help", "O"), ("Zenda", 4, "dobj", "PROPN", "NNP", "Zenda", "B-GPE"),
        (".", 1, "punct", "PUNCT", ".", ".", "O")]


@pytest.mark.parametrize("rows, codes, expected", [
    (MUST, {4: "070"}, [("said", "103", "Ruritania", "Osterlich")]),   # the speaker demands aid of the subject
    (MUST, {}, [("said", "100", "Ruritania", "Osterlich")]),           # even when the complement is uncoded
])
def test_complements_must_under_reporting_verb_is_a_demand(rows, codes, expected):
    plans = plan_events(list(find_frames(build(rows)[:])), codes)
    assert [(p.trigger.text, p.cameo, p.frame.source.text, p.frame.target_candidates[0].text) for p in plans] == expected


# "Asked whether Osterlich attacked , Ruritania replied ."
ASKED = [("Asked", 5, "advcl", "VERB", "VBN", "ask", "O"), ("whether", 3, "mark", "SCONJ", "IN", "whether", "O"),
         ("Osterlich", 3, "nsubj", "PROPN", "NNP", "Osterlich", "B-GPE"),
         ("attacked", 0, "ccomp", "VERB", "VBD", "attack", "O"), (",", 5, "punct", "PUNCT", ",", ",", "O"),
         ("Ruritania", 5, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("replied", 5, "ROOT", "VERB", "VBD", "reply", "O")]
# "Ruritania protested after Osterlich attacked ."
AFTER = [("Ruritania", 1, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("protested", 1, "ROOT", "VERB", "VBD", "protest", "O"),
         ("after", 4, "mark", "SCONJ", "IN", "after", "O"), ("Osterlich", 4, "nsubj", "PROPN", "NNP", "Osterlich", "B-GPE"),
         ("attacked", 1, "advcl", "VERB", "VBD", "attack", "O"), (".", 1, "punct", "PUNCT", ".", ".", "O")]
# "Ruritania ordered troops not to attack ."
ORDERED = [("Ruritania", 1, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("ordered", 1, "ROOT", "VERB", "VBD", "order", "O"),
           ("troops", 1, "dobj", "NOUN", "NNS", "troop", "O"), ("not", 5, "neg", "PART", "RB", "not", "O"),
           ("to", 5, "aux", "PART", "TO", "to", "O"), ("attack", 1, "xcomp", "VERB", "VB", "attack", "O"),
           (".", 1, "punct", "PUNCT", ".", ".", "O")]
# "Ruritania would not help Osterlich ."
WOULD_NOT = [("Ruritania", 3, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("would", 3, "aux", "AUX", "MD", "would", "O"),
             ("not", 3, "neg", "PART", "RB", "not", "O"), ("help", 3, "ROOT", "VERB", "VB", "help", "O"),
             ("Osterlich", 3, "dobj", "PROPN", "NNP", "Osterlich", "B-GPE"), (".", 3, "punct", "PUNCT", ".", ".", "O")]
# "Ruritania began a strike to protest ."
STRIKE = [("Ruritania", 1, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("began", 1, "ROOT", "VERB", "VBD", "begin", "O"),
          ("a", 3, "det", "DET", "DT", "a", "O"), ("strike", 1, "dobj", "NOUN", "NN", "strike", "O"),
          ("to", 5, "aux", "PART", "TO", "to", "O"), ("protest", 1, "advcl", "VERB", "VB", "protest", "O"),
          (".", 1, "punct", "PUNCT", ".", ".", "O")]

# "Ruritania received envoys , informing them ."
INFORMING = [("Ruritania", 1, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("received", 1, "ROOT", "VERB", "VBD", "receive", "O"),
             ("envoys", 1, "dobj", "NOUN", "NNS", "envoy", "O"), (",", 1, "punct", "PUNCT", ",", ",", "O"),
             ("informing", 1, "advcl", "VERB", "VBG", "inform", "O"), ("them", 4, "dobj", "PRON", "PRP", "they", "O"),
             (".", 1, "punct", "PUNCT", ".", ".", "O")]
# "Ruritania refused to help , citing Osterlich ."
CITING = [("Ruritania", 1, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("refused", 1, "ROOT", "VERB", "VBD", "refuse", "O"),
          ("to", 3, "aux", "PART", "TO", "to", "O"), ("help", 1, "xcomp", "VERB", "VB", "help", "O"),
          (",", 1, "punct", "PUNCT", ",", ",", "O"), ("citing", 1, "advcl", "VERB", "VBG", "cite", "O"),
          ("Osterlich", 5, "dobj", "PROPN", "NNP", "Osterlich", "B-GPE"), (".", 1, "punct", "PUNCT", ".", ".", "O")]
# "Ruritania declared a siege , arresting rivals ."
DECLARED = [("Ruritania", 1, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("declared", 1, "ROOT", "VERB", "VBD", "declare", "O"),
            ("a", 3, "det", "DET", "DT", "a", "O"), ("siege", 1, "dobj", "NOUN", "NN", "siege", "O"),
            (",", 1, "punct", "PUNCT", ",", ",", "O"), ("arresting", 1, "advcl", "VERB", "VBG", "arrest", "O"),
            ("rivals", 5, "dobj", "NOUN", "NNS", "rival", "O"), (".", 1, "punct", "PUNCT", ".", ".", "O")]

# "Ruritania failed to reach agreement ."
FAILED = [("Ruritania", 1, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("failed", 1, "ROOT", "VERB", "VBD", "fail", "O"),
          ("to", 3, "aux", "PART", "TO", "to", "O"), ("reach", 1, "xcomp", "VERB", "VB", "reach", "O"),
          ("agreement", 3, "dobj", "NOUN", "NN", "agreement", "O"), (".", 1, "punct", "PUNCT", ".", ".", "O")]


@pytest.mark.parametrize("rows, codes, expected", [
    (FAILED, {1: "120", 3: "030"}, [("failed", "164")]),       # a failure to settle: the talks broke down (164)
    (INFORMING, {1: "042", 4: "010"}, [("received", "042")]),  # the trailing participle comments on the main event
    (INFORMING, {4: "010"}, [("informing", "010")]),           # ... but stands when the main verb is uncoded
    (CITING, {1: "120", 3: "070", 5: "010"}, [("refused", "122")]),  # the refusal does not recode the aside
    (DECLARED, {1: "1724", 5: "173"}, [("declared", "1724")]),  # a participle does not make "declared" reporting
])
def test_complements_trailing_participle(rows, codes, expected):
    plans = plan_events(list(find_frames(build(rows)[:])), codes)
    assert [(p.trigger.text, p.cameo) for p in plans] == expected


@pytest.mark.parametrize("rows, codes, expected", [
    (ASKED, {0: "020", 3: "190"}, []),                                   # embedded question and its asking: no event
    (AFTER, {1: "140", 4: "190"}, [("protested", "140", "Ruritania")]),  # "after ..." only times the main event
    (ORDERED, {1: "150", 5: "190"}, []),                                 # a command not to act is no event
    (WOULD_NOT, {3: "070"}, [("help", "122", "Ruritania")]),             # "would not help": a refusal (of aid)
    (STRIKE, {1: "143", 5: "140"}, [("began", "143", "Ruritania")]),     # the strike swallows its purpose clause
])
def test_complements_round3_rules(rows, codes, expected):
    doc = build(rows)
    plans = plan_events(list(find_frames(doc[:])), codes)
    assert [(p.trigger.text, p.cameo, p.frame.source.text) for p in plans] == expected


@pytest.mark.parametrize("words, expected", [(("their", "countries"), True), (("the", "countries"), False)])
def test_complements_own_side_subject(words, expected):
    from eventpipe.extraction.events.complements import _own_side

    from ._docs import build

    doc = build([(words[0], 1, "poss" if words[0] == "their" else "det", "PRON" if words[0] == "their" else "DET",
                  "PRP$" if words[0] == "their" else "DT", words[0], "O"),
                 (words[1], 1, "ROOT", "NOUN", "NNS", "country", "O")])
    assert _own_side(doc[1]) is expected


# "Vale announced that her cabinet will withdraw the bill ."
ANNOUNCED = [("Vale", 1, "nsubj", "PROPN", "NNP", "Vale", "B-PERSON"), ("announced", 1, "ROOT", "VERB", "VBD", "announce", "O"),
             ("that", 6, "mark", "SCONJ", "IN", "that", "O"), ("her", 4, "poss", "PRON", "PRP$", "her", "O"),
             ("cabinet", 6, "nsubj", "NOUN", "NN", "cabinet", "O"), ("will", 6, "aux", "AUX", "MD", "will", "O"),
             ("withdraw", 1, "ccomp", "VERB", "VB", "withdraw", "O"), ("the", 8, "det", "DET", "DT", "the", "O"),
             ("bill", 6, "dobj", "NOUN", "NN", "bill", "O"), (".", 1, "punct", "PUNCT", ".", ".", "O")]
# "Her cabinet will withdraw the bill , Vale reported ."
TRAILING = [("Her", 1, "poss", "PRON", "PRP$", "her", "O"), ("cabinet", 3, "nsubj", "NOUN", "NN", "cabinet", "O"),
            ("will", 3, "aux", "AUX", "MD", "will", "O"), ("withdraw", 8, "ccomp", "VERB", "VB", "withdraw", "O"),
            ("the", 5, "det", "DET", "DT", "the", "O"), ("bill", 3, "dobj", "NOUN", "NN", "bill", "O"),
            (",", 8, "punct", "PUNCT", ",", ",", "O"), ("Vale", 8, "nsubj", "PROPN", "NNP", "Vale", "B-PERSON"),
            ("said", 8, "ROOT", "VERB", "VBD", "say", "O"), (".", 8, "punct", "PUNCT", ".", ".", "O")]
# "Vale reported that her cabinet will withdraw the bill ." (a third party's report: no announcement)
REPORTED = [(w, h, d, p, t, "report" if w == "reported" else lem, e) for w, h, d, p, t, lem, e in
            [(("reported",) + r[1:]) if r[0] == "announced" else r for r in ANNOUNCED]]


@pytest.mark.parametrize("rows, source, announced", [
    (ANNOUNCED, "Vale", True),        # a leading speaker announces the intent: the speaker's act (03x)
    (TRAILING, "cabinet", False),     # a trailing attribution reports the cabinet's own intent
    (REPORTED, "cabinet", False),     # hearsay verbs announce nothing
])
def test_complements_announced_intent_is_the_speakers_act(rows, source, announced):
    plans = plan_events(list(find_frames(build(rows)[:])), {i: "081" for i, r in enumerate(rows) if r[0] == "withdraw"})
    assert [(p.cameo[:2], p.frame.source.text, p.announced) for p in plans] == [("03", source, announced)]


@pytest.mark.parametrize("complement, expected", [("115", "130"), ("111", "130"), ("130", "130")])
def test_complements_intent_to_a_legal_act_is_a_threat(complement, expected):
    # "intends to sue": the codebook's note to 130 codes an announced hostile act as a threat
    assert recode("intent", complement) == expected
