"""Tests for extraction/knowledge/convert_dictionaries.py: the Phoenix actor and verb dictionaries converted."""

import json

import pytest

from eventpipe.extraction.events.codebook import Codebook
from eventpipe.extraction.knowledge.convert_dictionaries import _actor_entries, _add_curated_verbs, _date, _fix_mojibake, _role, convert_verbs


@pytest.mark.parametrize(("raw", "role"), [
    ("IRQGOV 20060520-20140908", ["IRQGOV", 20060520, 20140908]),
    ("AFGGOV >011222", ["AFGGOV", 20011222, None]),
    ("IRQ <20030320", ["IRQ", None, 20030320]),
    ("AFGELI 320101-331108", ["AFGELI", 19320101, 19331108]),
    ("IRQELI", ["IRQELI", None, None]),
])
def test_convert_dictionaries_actor_role_parsing(raw, role):
    assert _role(raw) == role


def test_convert_dictionaries_actor_date_clamps_invalid_days():
    assert _date("20100931") == 20100930


def test_convert_dictionaries_actor_entry_parsing(tmp_path):
    path = tmp_path / "x.actors.txt"
    path.write_text("# comment\nALPHA_LAND_ [ALP]\n+ALPHAN_\n\nJOHN_DOE_  # note\n+MR_DOE\n\t[ALPGOV 20060520-20140908]\n\t[ALPELI]\n"
                    "NO_ROLE_ENTRY\n", encoding="utf-8")
    entries = _actor_entries(path)
    assert [e["names"] for e in entries] == [["ALPHA_LAND_", "ALPHAN_"], ["JOHN_DOE_", "MR_DOE"]]
    assert entries[1]["roles"] == [["ALPGOV", 20060520, 20140908], ["ALPELI", None, None]]


def test_convert_dictionaries_verbs_mojibake_repaired():
    raw = "city’s “new” — ok".encode("utf-8").decode("mac_roman").encode("cp1252")
    assert _fix_mojibake(raw) == "city’s “new” — ok"


VERB_FIXTURE = """\
####### SYNONYM SETS #######
&WEAPON
+RIFLE
+TANK

####### VERB PATTERNS #######
---  GRANT   [070]  ---
GRANT
GIVE {GAVE GIVEN GIVING}
+HAND_OVER [0841]
- * &WEAPON                    [072]   # GIVE
- * {HUMANITARIAN AID}         [073]   # GRANT
- &MILITARY * AID              [072]   # GIVE
- * (TO COURT)                 [---]   # GIVE
######## TRANSFORMATIONS ##########
"""


def test_convert_dictionaries_verbs_converted_fixture_dictionary(tmp_path):
    path = tmp_path / "verbs.txt"
    path.write_text(VERB_FIXTURE, encoding="utf-8")
    verbs = convert_verbs(path)
    assert verbs["skipped_patterns"] == 1                      # the subject-side pattern
    assert verbs["forms"]["gave"] == "give"
    codes = json.loads(json.dumps({"070": {"name": "Provide aid", "goldstein": 7.0, "root": "07", "description": ""},
                                   "072": {"name": "Provide military aid", "goldstein": 8.3, "root": "07", "description": ""},
                                   "073": {"name": "Provide humanitarian aid", "goldstein": 7.4, "root": "07", "description": ""},
                                   "0841": {"name": "Return, release person(s)", "goldstein": 7.0, "root": "08", "description": ""}}))
    book = Codebook(codes, verbs, {}, "test")
    assert book.code_verb("give", ["tanks"]).cameo == "072"                 # synset member, plural
    assert book.code_verb("gave", ["humanitarian", "aid"]).cameo == "073"   # irregular form
    assert book.code_verb("grant").cameo == "070"
    assert book.code_verb("hand over").cameo == "0841"
    assert book.code_verb("give", ["to", "court"]) is None


def test_convert_dictionaries_verbs_curated_pattern_additions(tmp_path):
    path = tmp_path / "verbs.txt"
    path.write_text(VERB_FIXTURE, encoding="utf-8")
    verbs = convert_verbs(path)
    block = next(b["name"] for b in verbs["blocks"] if b["patterns"])
    _add_curated_verbs(verbs["verbs"], verbs["blocks"], {}, {}, [], [[block, "give", "- * {MEDICAL SUPPLIES} [073]"]])
    codes = {"070": {"name": "Provide aid", "goldstein": 7.0, "root": "07", "description": ""},
             "073": {"name": "Provide humanitarian aid", "goldstein": 7.4, "root": "07", "description": ""}}
    coded = Codebook(codes, verbs, {}, "test").code_verb("give", ["medical", "supplies"])
    assert coded.cameo == "073" and "eventpipe curated" in coded.pattern
