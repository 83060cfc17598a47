"""Tests for extraction/events/actors.py."""

from __future__ import annotations

import datetime as dt

import pytest

from eventpipe.extraction.events.actors import ActorDictionary, load_actor_dictionary, phrase_key


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return load_actor_dictionary()


@pytest.mark.parametrize(("text", "code", "country", "sector"), [
    ("Iraqi troops", "IRQMIL", "IRQ", "MIL"),                      # demonym + agent
    ("Iraqi government officials", "IRQGOV", "IRQ", "GOV"),        # longest agent phrase
    ("Iraqi police", "IRQCOP", "IRQ", "COP"),
    ("Iran's armed forces", "IRNMIL", "IRN", "MIL"),               # possessive
    ("Security forces in Iraq", "IRQMIL", "IRQ", "MIL"),
    ("residents of Fallujah", "IRQCVL", "IRQ", "CVL"),             # city listed under its country
    ("Iran", "IRN", "IRN", None),
    ("the US", "USA", "USA", None),
    ("U.S.", "USA", "USA", None),
    ("America", "USA", "USA", None),
    ("Prime Minister Nuri al-Maliki", "IRQGOV", "IRQ", "GOV"),     # named entry beats the agent
    ("Maliki", "IRQGOV", "IRQ", "GOV"),
    ("Al-Maliki", "IRQGOV", "IRQ", "GOV"),
    ("Nouri Al-Maliki", "IRQGOV", "IRQ", "GOV"),                   # spelling variant in the dictionary
    ("Secretary of State John Kerry", "USAGOV", "USA", "GOV"),
    ("Kerry", "USAGOV", "USA", "GOV"),                             # unique surname
    ("al Qaeda militants", "IMGREB", "IMG", "REB"),                # non-state group + agent
    ("al-Qaeda", "IMGREB", "IMG", "REB"),
    ("Hamas", "PSEREB", "PSE", "REB"),
    ("the UN", "IGO", "IGO", None),
    ("UN peacekeepers", "IGOMIL", "IGO", "MIL"),
    ("militants", "REB", None, "REB"),
    ("police", "COP", None, "COP"),
    ("protesters", "OPP", None, "OPP"),
    ("tribal leaders", "ELI", None, "ELI"),
    ("Brigadier-General Mohammad Hejazi", "MIL", None, "MIL"),     # rank only
    ("Moslem forces", "MIL", None, "MIL"),                         # religion qualifies, force is the role
])
def test_actors_code_actor(actors, text, code, country, sector):
    got = actors.code_actor(text)
    assert (got.code, got.country, got.sector) == (code, country, sector)


@pytest.mark.parametrize("text", ["", "he", "they", "us", "the weather"])
def test_actors_no_code(actors, text):
    assert actors.code_actor(text) is None


@pytest.mark.parametrize("common, name", [("the ferry", "Ferry"), ("the cook", "Cook"), ("the bill", "Bill"),
                                          ("the rice", "Rice")])
def test_actors_a_surname_needs_its_capital(actors, common, name):
    assert actors.code_actor(common) is None  # a common noun in normal text is no person's surname
    assert actors.code_actor(name) is not None


@pytest.mark.parametrize(("on", "code"), [
    (dt.date(2010, 6, 1), "IRQGOV"),   # prime minister 2006-05-20 .. 2014-09-08
    (dt.date(2016, 1, 1), "IRQELI"),   # after: the undated default role
    (None, "IRQGOV"),                  # no date: the most recent dated role
])
def test_actors_date_ranged_roles(actors, on, code):
    assert actors.code_actor("Nuri al-Maliki", on).code == code


def test_actors_entry_names_the_rule(actors):
    assert actors.code_actor("Maliki").entry.startswith("NURI_AL_MALIKI [IRQGOV 20060520-20140908]")
    assert "agent TROOPS [~MIL]" in actors.code_actor("Iraqi troops").entry


FIXTURE = {
    "entries": [
        ["ALPHA LAND", [["ALP", None, None]], "countries"],
        ["JOHN DOE", [["ALPELI", 19680101, 20000101], ["ALPGOV", 20060520, 20140908], ["ALPELI", None, None]], "countries"],
        ["RED BRIGADE", [["IMGMUSXYZ", None, None]], "milnonstate"],
    ],
    "index": {"alpha land": [0], "alphan": [0], "john doe": [1], "red brigade": [2]},
    "surnames": {"doe": [1]},
}
CURATED = {"weak_agents": ["official"]}


@pytest.fixture()
def small() -> ActorDictionary:
    agents = {"troop": "~MIL", "official": "~GOV", "president": "~GOV", "human right group": "NGO~"}
    return ActorDictionary(FIXTURE, agents, CURATED, "test")


@pytest.mark.parametrize(("text", "on", "code"), [
    ("John Doe", dt.date(1990, 1, 1), "ALPELI"),
    ("John Doe", dt.date(2010, 1, 1), "ALPGOV"),
    ("John Doe", None, "ALPGOV"),
    ("President Doe", None, "ALPGOV"),            # surname index
    ("Alphan troops", None, "ALPMIL"),            # country synonym + agent
    ("Red Brigade", None, "IMGREB"),              # IMG group without a role acts as REB
    ("human rights groups", None, "NGO"),         # prefix agent
])
def test_actors_fixture_dictionary(small, text, on, code):
    assert small.code_actor(text, on).code == code


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Hejazi", "Hijazi", True),
    ("Mohammad Hejazi", "Mohamed Hijazi", True),
    ("Brigadier-General Mohammad Hejazi", "Brigadier Mohamed Hijazi", True),
    ("Nuri al-Maliki", "Nouri Al-Maliki", True),
    ("Maliki", "Prime Minister Nuri al-Maliki", True),
    ("Kerry", "John Kerry", True),
    ("Kerry", "Perry", False),
    ("Mohammad Hejazi", "Mohammad Khatami", False),
    ("John Kerry", "Jim Kerry", False),
])
def test_actors_same_person(actors, a, b, same):
    assert actors.same_person(a, b) is same


@pytest.mark.parametrize(("text", "key"), [
    ("Nuri al-Maliki's", "nuri maliki"), ("AL_QA'IDA", "qaida"), ("U.S.", "us"), ("the United Nations", "united nations"),
])
def test_actors_phrase_key(text, key):
    assert phrase_key(text) == key



def test_actors_loader_is_cached_and_versioned():
    first = load_actor_dictionary()
    assert first is load_actor_dictionary()
    assert len(first.version) == 12


STALE_FIXTURE = {
    "entries": [
        ["MARA VOSK", [["ALPLEG", 19900101, 20090119], ["ALPGOV", 20090120, None], ["ALPELI", None, None]], "countries"],
        ["TEO RANNIK", [["ALPGOV", 20100101, 20140908]], "countries"],  # the dictionary's last date
    ],
    "index": {"mara vosk": [0], "teo rannik": [1]},
    "surnames": {"vosk": [0], "rannik": [1]},
}


@pytest.fixture()
def stale() -> ActorDictionary:
    agents = {"senator": "~LEG", "opposition leader": "~OPP", "leader": "~GOV", "president": "~GOV"}
    return ActorDictionary(STALE_FIXTURE, agents, {"weak_agents": ["leader"]}, "test")


@pytest.mark.parametrize(("text", "on", "code"), [
    ("Senator Mara Vosk", dt.date(2012, 5, 1), "ALPGOV"),       # within the dictionary's years: its role
    ("Senator Mara Vosk", dt.date(2016, 5, 1), "ALPGOV"),       # under STALE_AFTER_YEARS past its last date
    ("Senator Mara Vosk", dt.date(2020, 5, 1), "ALPLEG"),       # years later the text's role wins
    ("opposition leader Vosk", dt.date(2020, 5, 1), "ALPOPP"),  # by surname too
    ("Mara Vosk", dt.date(2020, 5, 1), "ALPGOV"),               # no role in the text: the dictionary's
    ("leader Mara Vosk", dt.date(2020, 5, 1), "ALPGOV"),        # a weak agent noun tells no role
    ("President Mara Vosk", dt.date(2020, 5, 1), "ALPGOV"),     # the same role
    ("Senator Teo Rannik", dt.date(2020, 5, 1), "ALPGOV"),      # a closed role is not open-ended
])
def test_actors_stale_open_ended_role_yields_to_the_text(stale, text, on, code):
    assert stale.code_actor(text, on).code == code


def test_actors_stale_role_is_named_in_the_entry(stale):
    assert stale.last_date == 20140908
    assert "stale" in stale.code_actor("Senator Mara Vosk", dt.date(2020, 5, 1)).entry
