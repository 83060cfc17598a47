"""The gazetteer extract, its index and the converter's helpers."""

from __future__ import annotations

import pytest

from eventpipe.extraction.knowledge import convert_gazetteer as convert
from eventpipe.extraction.places.gazetteer import (
    COMMON_WORDS_FILE,
    GAZETTEER_FILE,
    INDEX_FILE,
    Rows,
    load_gazetteer,
    name_key,
    strip_article,
)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Al-Anbar", "al anbar"),
        ("São Paulo", "sao paulo"),
        ("Cox's Bazar", "coxs bazar"),
        ("Cox\u2019s Bāzār", "coxs bazar"),
        ("U.S.", "u s"),
        ("  Port-au-Prince ", "port au prince"),
    ],
)
def test_gazetteer_name_key_folds_and_lowers(text, key):
    assert name_key(text) == key


@pytest.mark.parametrize(("key", "bare"), [("al anbar", "anbar"), ("ar ramadi", "ramadi"), ("anbar", None), ("al", None)])
def test_gazetteer_strip_article(key, bare):
    assert strip_article(key) == bare


@pytest.mark.parametrize(
    ("key", "name", "country", "alternate"),
    [
        ("falluja", "Al Fallūjah", "IRQ", True),
        ("ramadi", "Ramadi", "IRQ", False),
        ("anbar", "Anbar", "IRQ", False),
        ("kiev", "Kyiv", "UKR", True),
        ("us", "United States", "USA", False),
    ],
)
def test_gazetteer_lookup_finds_main_and_alternate_names(key, name, country, alternate):
    matches = load_gazetteer().lookup(key)
    assert (name, country, alternate) in [(m.entry.name, m.entry.country, m.alternate) for m in matches]


@pytest.mark.parametrize("key", ["march", "sunday", "white house", "kerry"])
def test_gazetteer_leaves_out_dropped_keys(key):
    assert load_gazetteer().lookup(key) == []


def test_gazetteer_country_by_iso3():
    gazetteer = load_gazetteer()
    assert (gazetteer.country("IRQ").name, gazetteer.country("XXX")) == ("Iraq", None)


def test_gazetteer_loads_a_given_folder(tmp_path):
    rows = [
        "geonameid\tfeature\tname\tcountry\tadmin1\tlat\tlon\tpopulation\tcapital\tnames\talternate_names",
        "1\tcountry\tTestland\tTST\t\t1.0\t2.0\t100\t\ttestland\t",
        "2\tcity\tTestville\tTST\tNorth\t1.5\t2.5\t50\t1\ttestville\ttestvil|tville",
    ]
    convert._write_gzip(tmp_path / GAZETTEER_FILE, ["\t".join(row.split("\t")[:9]) for row in rows])
    convert._write_gzip(tmp_path / INDEX_FILE, ["name_key\tentries", *convert.index_rows(rows[1:])])
    (tmp_path / COMMON_WORDS_FILE).write_text("bath\nmost\n", encoding="utf-8")
    gazetteer = load_gazetteer(str(tmp_path))
    (match,) = gazetteer.lookup("tville")
    assert (match.entry.name, match.entry.capital, match.alternate) == ("Testville", True, True)
    assert gazetteer.common_words == {"bath", "most"}
    assert gazetteer.country("TST").lat == 1.0





def test_gazetteer_second_level_unit_without_its_province_of_prefix():
    """"Province of Bohol" is also found as "Bohol" (an alternate name, so a town of the name keeps the lead)."""
    matches = [m for m in load_gazetteer().lookup("bohol") if m.entry.feature == "admin2"]
    assert [(m.entry.name, m.alternate) for m in matches] == [("Province of Bohol", True)]


def test_gazetteer_rows_keep_every_row_with_its_non_ascii_letters():
    lines = ["1\tcity\tSão Paulo", "", "3\tcity\tKraków", "4\tcity\tMosul"]
    rows = Rows(iter(lines))
    assert len(rows) == 4 and list(rows) == lines
    assert rows[2] == "3\tcity\tKraków" and rows[1] == ""
    with pytest.raises(IndexError):
        rows[4]


def test_gazetteer_lookup_reads_single_and_several_entry_codes_alike():
    gazetteer = load_gazetteer()
    single = [key for key, codes in gazetteer.index.items() if isinstance(codes, int)][:1]
    several = [key for key, codes in gazetteer.index.items() if isinstance(codes, str)][:1]
    assert single and several
    assert len(gazetteer.lookup(single[0])) == 1
    assert len(gazetteer.lookup(several[0])) == len(gazetteer.index[several[0]].split(",")) > 1
