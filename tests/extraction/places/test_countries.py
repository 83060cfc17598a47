"""Tests for extraction/places/countries.py."""

from __future__ import annotations

import pytest

from eventpipe.extraction.places.countries import country_for, country_name, name_key


@pytest.mark.parametrize(("text", "iso3"), [
    ("Iraq", "IRQ"), ("Iraqi", "IRQ"), ("iraqis", "IRQ"), ("IRAQ", "IRQ"), ("Iraq's", "IRQ"),
    ("the US", "USA"), ("U.S.", "USA"), ("US", "USA"), ("USA", "USA"), ("America", "USA"),
    ("American", "USA"), ("United States", "USA"), ("the United States", "USA"),
    ("Turkish", "TUR"), ("Britain", "GBR"), ("British", "GBR"), ("UK", "GBR"), ("Iranian", "IRN"),
    ("Syrian", "SYR"), ("Dutch", "NLD"), ("Emirati", "ARE"), ("Palestinian", "PSE"), ("Côte d'Ivoire", "CIV"),
])
def test_countries_country_for(text, iso3):
    assert country_for(text) == iso3


@pytest.mark.parametrize("text", ["us", "Baghdad", "Anbar", "Fallujah", "Levant", "", "government"])
def test_countries_not_a_country(text):
    assert country_for(text) is None   # pronoun, cities and provinces, regions, words


@pytest.mark.parametrize(("iso3", "name"), [("IRQ", "Iraq"), ("irn", "Iran"), ("USA", "United States"), ("PSE", "Palestine")])
def test_countries_country_name(iso3, name):
    assert country_name(iso3) == name


def test_countries_unknown_code():
    assert country_name("ZZZ") is None


@pytest.mark.parametrize(("text", "key"), [("the U.S.", "us"), ("Iraq's", "iraq"), ("COTE_D'IVOIRE", "cote divoire"), ("Guinea-Bissau", "guinea bissau")])
def test_countries_name_key(text, key):
    assert name_key(text) == key
