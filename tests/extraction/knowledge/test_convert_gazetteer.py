"""Tests for extraction/knowledge/convert_gazetteer.py: centres, name keys and generic division names."""

from __future__ import annotations

import pytest

from eventpipe.extraction.knowledge import convert_gazetteer as convert


@pytest.mark.parametrize(
    ("points", "centre"),
    [
        ([(0.0, 0.0), (2.0, 4.0)], (1.0, 2.0)),
        # an island 30 degrees away (Easter Island from Valparaiso) does not drag the centre
        ([(-33.0, -71.0), (-33.5, -71.5), (-32.5, -70.5), (-27.1, -109.4)], (-33.0, -71.0)),
    ],
)
def test_convert_gazetteer_centre_skips_far_groups(points, centre):
    assert convert._centre(points) == centre


@pytest.mark.parametrize(
    ("names", "cc", "keys"),
    [
        (["Al Fallujah"], "IQ", ["al fallujah", "fallujah"]),
        (["El Paso"], "US", ["el paso"]),
        (["March"], "GB", []),
    ],
)
def test_convert_gazetteer_keys(names, cc, keys):
    assert convert._keys(names, cc) == keys


@pytest.mark.parametrize(("key", "generic"), [("western", True), ("eastern district", True), ("western cape", False)])
def test_convert_gazetteer_generic_division_names(key, generic):
    assert convert._generic(key) is generic


def test_convert_gazetteer_regions_carry_geonames_ids():
    from eventpipe.extraction.knowledge.convert_gazetteer import _region_rows

    rows = {row.split("\t")[2]: row.split("\t")[0] for row in _region_rows({}, {})}
    assert rows["Middle East"] == "6269133" and rows["Pacific Ocean"] == "2363254"
    assert rows["Levant"] == ""


_SQUARE = {"features": [{"geometry": {"type": "Polygon", "coordinates": [[[10, 0], [12, 0], [12, 2], [10, 2], [10, 0]]]}}]}


@pytest.mark.parametrize("area, point", [(500_000, (5.0, 20.0)), (50_000, (1.0, 11.0)), (9_000_000, (1.0, 11.0))])
def test_convert_gazetteer_country_point_by_size(area, point):
    record = {"area": area, "latlng": [5, 20], "geoJSON": _SQUARE}
    assert convert._country_point(record, []) == pytest.approx(point)


@pytest.mark.parametrize(
    ("name", "bare"),
    [("Departement de la Somme", "Somme"), ("Departement d'Eure-et-Loir", "Eure-et-Loir"),
     ("Politischer Bezirk Linz-Land", "Linz-Land"), ("Province of Bohol", "Bohol")],
)
def test_convert_gazetteer_admin2_prefix_leaves_the_bare_name(name, bare):
    assert convert._ADMIN2_PREFIX.sub("", name) == bare
