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
