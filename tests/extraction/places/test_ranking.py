"""The candidate ranker: named features, default and fitted weights."""

from __future__ import annotations

from eventpipe.extraction.places import ranking
from eventpipe.extraction.places.gazetteer import Entry


def test_ranking_weights_cover_every_feature():
    assert set(ranking.WEIGHTS) == set(ranking.FEATURES)
    assert set(ranking.load_weights()) == set(ranking.FEATURES)


def test_ranking_missing_file_gives_defaults(tmp_path):
    assert ranking.load_weights(str(tmp_path)) == ranking.WEIGHTS


def test_ranking_score_is_the_weighted_sum():
    values = {"log_population": 5.0, "is_country": 1.0, "capital": 0.0}
    assert ranking.score(values, {"log_population": 1.0, "is_country": 2.0, "capital": 9.0}) == 7.0


def test_ranking_regions_without_population_rank_high():
    ocean = Entry(None, "region", "Pacific Ocean", None, None, 0.0, -160.0, 0)
    town = Entry(1, "city", "Pacific", "USA", "Missouri", 38.5, -90.7, 7000)
    assert ranking.population_feature(ocean) > ranking.population_feature(town)


def test_namesake_capital_is_a_town_inside_the_province():
    """"Tehran": the province holds the city of its name; the state of Wyoming does not hold Wyoming, Michigan."""
    from eventpipe.extraction.places.resolution import ranking_candidates

    def flags(text: str) -> set[float]:
        return {f["namesake_capital"] for _, _, rows in ranking_candidates(text) for e, f in rows if e.feature == "admin1"}

    assert flags("Protests spread in Tehran on Monday.") == {1.0}
    assert flags("Protests spread in Wyoming on Monday.") == {0.0}
