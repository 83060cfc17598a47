"""Frames on hand-built parses: passive, coordination, control, relative clauses, targets."""

from __future__ import annotations

import pytest

from eventpipe.extraction.events.frames import find_frames

from ._docs import build

# "Ruritania attacked Osterlich ."
ACTIVE = [("Ruritania", 1, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("attacked", 1, "ROOT", "VERB", "VBD", "attack", "O"),
          ("Osterlich", 1, "dobj", "PROPN", "NNP", "Osterlich", "B-GPE"), (".", 1, "punct", "PUNCT", ".", ".", "O")]
# "Osterlich was attacked by Ruritania ."
PASSIVE = [("Osterlich", 2, "nsubjpass", "PROPN", "NNP", "Osterlich", "B-GPE"), ("was", 2, "auxpass", "AUX", "VBD", "be", "O"),
           ("attacked", 2, "ROOT", "VERB", "VBN", "attack", "O"), ("by", 2, "agent", "ADP", "IN", "by", "O"),
           ("Ruritania", 3, "pobj", "PROPN", "NNP", "Ruritania", "B-GPE"), (".", 2, "punct", "PUNCT", ".", ".", "O")]
# "Ruritania and Osterlich met ."
COORDINATED = [("Ruritania", 3, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("and", 0, "cc", "CCONJ", "CC", "and", "O"),
               ("Osterlich", 0, "conj", "PROPN", "NNP", "Osterlich", "B-GPE"), ("met", 3, "ROOT", "VERB", "VBD", "meet", "O"),
               (".", 3, "punct", "PUNCT", ".", ".", "O")]
# "Ruritania tried to seize Osterlich ."
CONTROL = [("Ruritania", 1, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("tried", 1, "ROOT", "VERB", "VBD", "try", "O"),
           ("to", 3, "aux", "PART", "TO", "to", "O"), ("seize", 1, "xcomp", "VERB", "VB", "seize", "O"),
           ("Osterlich", 3, "dobj", "PROPN", "NNP", "Osterlich", "B-GPE"), (".", 1, "punct", "PUNCT", ".", ".", "O")]
# "rebels who seized Zenda fled ."
RELATIVE = [("rebels", 4, "nsubj", "NOUN", "NNS", "rebel", "O"), ("who", 2, "nsubj", "PRON", "WP", "who", "O"),
            ("seized", 0, "relcl", "VERB", "VBD", "seize", "O"), ("Zenda", 2, "dobj", "PROPN", "NNP", "Zenda", "B-GPE"),
            ("fled", 4, "ROOT", "VERB", "VBD", "flee", "O"), (".", 4, "punct", "PUNCT", ".", ".", "O")]
# "Ruritania attacked Osterlich on Monday ."  (a date is never a target)
DATED = [("Ruritania", 1, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("met", 1, "ROOT", "VERB", "VBD", "meet", "O"),
         ("on", 1, "prep", "ADP", "IN", "on", "O"), ("Monday", 2, "pobj", "PROPN", "NNP", "Monday", "B-DATE"),
         (".", 1, "punct", "PUNCT", ".", ".", "O")]


def _triples(rows):
    doc = build(rows)
    return [(f.source.text, f.lemma, f.target.text if f.target is not None else None) for f in find_frames(doc[:])]


@pytest.mark.parametrize("rows, expected", [
    (ACTIVE, ("Ruritania", "attack", "Osterlich")),
    (PASSIVE, ("Ruritania", "attack", "Osterlich")),
    (CONTROL, ("Ruritania", "seize", "Osterlich")),
    (RELATIVE, ("rebels", "seize", "Zenda")),
    (DATED, ("Ruritania", "meet", None)),
])
def test_frames_source_and_target(rows, expected):
    assert expected in _triples(rows)


@pytest.mark.parametrize("rows, sources", [(COORDINATED, {"Ruritania", "Osterlich"})])
def test_frames_coordinated_sources_are_two_frames(rows, sources):
    assert {s for s, lemma, _ in _triples(rows) if lemma == "meet"} == sources


# "Ruritania granted asylum to officers holed up ."  (the parser made "officers" a clause subject)
STRANDED = [("Ruritania", 1, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("granted", 1, "ROOT", "VERB", "VBD", "grant", "O"),
            ("asylum", 1, "dobj", "NOUN", "NN", "asylum", "O"), ("to", 1, "prep", "ADP", "IN", "to", "O"),
            ("officers", 5, "nsubj", "NOUN", "NNS", "officer", "O"), ("holed", 1, "advcl", "VERB", "VBD", "hole", "O"),
            ("up", 5, "prt", "ADP", "RP", "up", "O"), (".", 1, "punct", "PUNCT", ".", ".", "O")]
# "Rebels kidnapped up to advisers ."  (the preposition hangs off the particle)
PARTICLE = [("Rebels", 1, "nsubj", "NOUN", "NNS", "rebel", "O"), ("kidnapped", 1, "ROOT", "VERB", "VBD", "kidnap", "O"),
            ("up", 1, "prt", "ADP", "RP", "up", "O"), ("to", 2, "prep", "ADP", "IN", "to", "O"),
            ("advisers", 3, "pobj", "NOUN", "NNS", "adviser", "O"), (".", 1, "punct", "PUNCT", ".", ".", "O")]
# "Ruritania sent aid for Zenda ."  (the recipient hangs off the object)
OBJECT_PREP = [("Ruritania", 1, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("sent", 1, "ROOT", "VERB", "VBD", "send", "O"),
               ("aid", 1, "dobj", "NOUN", "NN", "aid", "O"), ("for", 2, "prep", "ADP", "IN", "for", "O"),
               ("Zenda", 3, "pobj", "PROPN", "NNP", "Zenda", "B-GPE"), (".", 1, "punct", "PUNCT", ".", ".", "O")]
# "Ruritania rioted at a jail in Zenda ."  (the place stands for the target)
PLACE = [("Ruritania", 1, "nsubj", "PROPN", "NNP", "Ruritania", "B-GPE"), ("rioted", 1, "ROOT", "VERB", "VBD", "riot", "O"),
         ("at", 1, "prep", "ADP", "IN", "at", "O"), ("a", 4, "det", "DET", "DT", "a", "O"),
         ("jail", 2, "pobj", "NOUN", "NN", "jail", "O"), ("in", 4, "prep", "ADP", "IN", "in", "O"),
         ("Zenda", 5, "pobj", "PROPN", "NNP", "Zenda", "B-GPE"), (".", 1, "punct", "PUNCT", ".", ".", "O")]
# "The Red Cross operating there said ."  (the parser made the participle the subject)
PARTICIPLE = [("Cross", 1, "nsubj", "PROPN", "NNP", "Cross", "B-ORG"), ("operating", 3, "nsubj", "VERB", "VBG", "operate", "O"),
              ("there", 1, "advmod", "ADV", "RB", "there", "O"), ("said", 3, "ROOT", "VERB", "VBD", "say", "O"),
              (".", 3, "punct", "PUNCT", ".", ".", "O")]


@pytest.mark.parametrize("rows, trigger, target", [
    (STRANDED, "granted", "officers"), (PARTICLE, "kidnapped", "advisers"), (OBJECT_PREP, "sent", "Zenda"),
    (PLACE, "rioted", "Zenda"),
])
def test_frames_target_candidates_repair_parses(rows, trigger, target):
    frame = next(f for f in find_frames(build(rows)[:]) if f.trigger.text == trigger)
    assert target in [t.text for t in frame.target_candidates]


@pytest.mark.parametrize("rows, trigger, source", [(PARTICIPLE, "said", "Cross")])
def test_frames_participle_subject_yields_its_noun(rows, trigger, source):
    frame = next(f for f in find_frames(build(rows)[:]) if f.trigger.text == trigger)
    assert frame.source.text == source


# "Police dispersed a big student protest ."
DISPERSE = [("Police", 1, "nsubj", "NOUN", "NNS", "police", "O"), ("dispersed", 1, "ROOT", "VERB", "VBD", "disperse", "O"),
            ("a", 5, "det", "DET", "DT", "a", "O"), ("big", 5, "amod", "ADJ", "JJ", "big", "O"),
            ("student", 5, "compound", "NOUN", "NN", "student", "O"), ("protest", 1, "dobj", "NOUN", "NN", "protest", "O"),
            (".", 1, "punct", "PUNCT", ".", ".", "O")]


@pytest.mark.parametrize("rows, trigger, position", [(DISPERSE, "dispersed", 3), (ACTIVE, "attacked", 0)])
def test_frames_object_position_in_context(rows, trigger, position):
    frame = next(f for f in find_frames(build(rows)[:]) if f.trigger.text == trigger)
    assert frame.object_at == position


# "Ruritanian and Osterlich officials met ."  (coordinated nationality adjectives: two actors)
ADJECTIVES = [("Ruritanian", 3, "amod", "ADJ", "JJ", "ruritanian", "B-NORP"), ("and", 0, "cc", "CCONJ", "CC", "and", "O"),
              ("Osterlichan", 0, "conj", "ADJ", "JJ", "osterlichan", "B-NORP"),
              ("officials", 4, "nsubj", "NOUN", "NNS", "official", "O"), ("met", 4, "ROOT", "VERB", "VBD", "meet", "O"),
              (".", 4, "punct", "PUNCT", ".", ".", "O")]


@pytest.mark.parametrize("rows, sources", [(ADJECTIVES, ["Ruritanian", "Osterlichan"]), (COORDINATED, ["Ruritania", "Osterlich"])])
def test_frames_coordinated_actors_are_separate_sources(rows, sources):
    from eventpipe.extraction.events.frames import coordinated

    frames = list(find_frames(build(rows)[:]))
    assert [f.source.text for f in frames] == sources
    assert [t.text for t in coordinated(frames[0].source)] == sources[1:]


def test_frames_place_inside_an_organisation_name_is_no_target(nlp):
    # "in Peru" belongs to the front's name, not to the act
    sentence = next(nlp("Chile accused the Revolutionary Front in Peru of the bombing.").sents)
    frame = next(f for f in find_frames(sentence) if f.trigger.text == "accused")
    assert "Peru" not in [t.text for t in frame.target_candidates]


# "Vale called for the allies to pay ."
CALLED_FOR = [("Vale", 1, "nsubj", "PROPN", "NNP", "Vale", "B-PERSON"), ("called", 1, "ROOT", "VERB", "VBD", "call", "O"),
              ("for", 5, "mark", "SCONJ", "IN", "for", "O"), ("the", 4, "det", "DET", "DT", "the", "O"),
              ("allies", 5, "nsubj", "NOUN", "NNS", "ally", "O"), ("pay", 1, "advcl", "VERB", "VB", "pay", "O"),
              (".", 1, "punct", "PUNCT", ".", ".", "O")]


def test_frames_for_clause_subject_is_the_addressee():
    from eventpipe.extraction.events.frames import for_clause_subjects, target_candidates

    doc = build(CALLED_FOR)
    called = doc[1]
    frame = next(f for f in find_frames(doc[:]) if f.trigger.i == 1)
    assert frame.context[0] == "for"  # the codebook's "call (FOR)" pattern: an appeal
    assert [t.text for t in for_clause_subjects(called)] == ["allies"]
    assert "allies" in [t.text for t in target_candidates(called, None)]


# "Rebels surrounded and threatened Vale ." (the parser hangs Vale on "surrounded" only)
SHARED = [("Rebels", 1, "nsubj", "NOUN", "NNS", "rebel", "O"), ("surrounded", 1, "ROOT", "VERB", "VBD", "surround", "O"),
          ("and", 1, "cc", "CCONJ", "CC", "and", "O"), ("threatened", 1, "conj", "VERB", "VBD", "threaten", "O"),
          ("Vale", 1, "dobj", "PROPN", "NNP", "Vale", "B-PERSON"), (".", 1, "punct", "PUNCT", ".", ".", "O")]


def test_frames_conjoined_verbs_share_a_later_object():
    from eventpipe.extraction.events.frames import shared_objects, target_candidates

    doc = build(SHARED)
    assert [t.text for t in shared_objects(doc[3])] == ["Vale"]
    assert [t.text for t in target_candidates(doc[3], None)][:1] == ["Vale"]
    assert shared_objects(doc[1]) == []


# "A band of rebels attacked Osterlich ." misparsed: the root is "band", the verb an acl under it
MISPARSED_MAIN = [("A", 1, "det", "DET", "DT", "a", "O"), ("band", 1, "ROOT", "NOUN", "NN", "band", "O"),
                  ("of", 1, "prep", "ADP", "IN", "of", "O"), ("rebels", 2, "pobj", "NOUN", "NNS", "rebel", "O"),
                  ("attacked", 1, "acl", "VERB", "VBN", "attack", "O"),
                  ("Osterlich", 4, "dobj", "PROPN", "NNP", "Osterlich", "B-GPE"), (".", 1, "punct", "PUNCT", ".", ".", "O")]


def test_frames_misparsed_main_verb_keeps_the_root_noun_as_subject():
    frames = list(find_frames(build(MISPARSED_MAIN)[:]))
    assert [(f.lemma, f.source.text, f.source_inherited) for f in frames] == [("attack", "band", False)]


def test_frames_protesting_crowd_after_by_is_the_source(nlp):
    frames = [f for f in find_frames(nlp("The senator was interrupted by protesting students.")[:]) if f.trigger.text == "protesting"]
    assert frames and frames[0].source.text == "students" and frames[0].target is None


# "Members of the assembly protested and waved signs which read slogans ." with "protested" misparsed as a
# participle on the subject of "read" (the root).
CROWD_MISPARSED = [("Members", 8, "nsubj", "NOUN", "NNS", "member", "O"), ("of", 0, "prep", "ADP", "IN", "of", "O"),
                   ("the", 3, "det", "DET", "DT", "the", "O"), ("assembly", 1, "pobj", "NOUN", "NN", "assembly", "O"),
                   ("protested", 0, "acl", "VERB", "VBN", "protest", "O"), ("and", 0, "cc", "CCONJ", "CC", "and", "O"),
                   ("waved", 0, "conj", "VERB", "VBD", "wave", "O"), ("signs", 6, "dobj", "NOUN", "NNS", "sign", "O"),
                   ("read", 8, "ROOT", "VERB", "VBD", "read", "O"), ("slogans", 8, "dobj", "NOUN", "NNS", "slogan", "O"),
                   (".", 8, "punct", "PUNCT", ".", ".", "O")]


def test_frames_crowd_verb_misparsed_as_a_participle_of_the_subject_is_its_act():
    """A verb of crowds no one undergoes ("protested") hung as a participle on a later verb's subject: the noun
    protests, and the act is no background clause."""
    from eventpipe.extraction.events.complements import is_secondary

    doc = build(CROWD_MISPARSED)
    assert ("Members", "protest", None) in _triples(CROWD_MISPARSED)
    assert not is_secondary(doc[4])
