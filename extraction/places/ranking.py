"""Candidate ranking: a linear score over a few features that generalise (population, kind of place, how it is
written, what the rest of the document names).

`WEIGHTS` are hand-set defaults; `data/place_ranker.json` (in extraction/knowledge/, written by
`python bench/places.py --fit`, a conditional logit fitted on the dev split of dev_places) replaces them when
present. Feature values are 0/1 except `log_population`.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from .gazetteer import Entry

RANKER_FILE = "place_ranker.json"
REGION_POPULATION_SCORE = 7.5  # regions without a population (oceans, "Middle East") rank above their namesake towns

FEATURES: tuple[str, ...] = (
    "log_population",  # log10(population + 10); regions without one: REGION_POPULATION_SCORE
    "is_country", "is_admin1", "is_admin2", "is_region",  # a city is the baseline
    "capital", "alternate_name",
    "admin_suffix",  # "Anbar province" and the entry is a province
    "dateline_city",  # "NEW YORK (AP) --" and the entry is a town
    "container_before",  # "West Point, New York": the entry is the province or country of the place before
    "country_named",  # the document names the entry's country
    "country_hint",  # the caller names it (resolve_places' `countries`); not fitted: the gold has no hints
    "country_located",  # the document's other places lie in the entry's country
    "admin1_located_province", "admin1_located_other",  # ... in the entry's province
    "next_is_admin1", "next_is_country",  # "Paris, Texas", "Ramadi, Iraq"
    "cue_city",  # "in X", "town of X" and the entry is a town
    "namesake_capital",  # a province whose own country has a town of the same name ("Tehran")
    "near_located",  # a town within 150 km of another town the document names
    "county_holds_town",  # a county within twice COUNTY_KM of another town the document names ("Red Oak ... Montgomery County")
    "main_name_elsewhere",  # an alternate name of this town, the main name of a town of its country ("Charleston")
)

WEIGHTS: dict[str, float] = {
    "log_population": 1.0, "is_country": 1.0, "is_admin1": -1.5, "is_admin2": -0.5, "is_region": 0.0,
    "capital": 0.5, "alternate_name": -0.5, "admin_suffix": 3.0, "dateline_city": 2.5, "container_before": 2.0,
    "country_named": 1.5, "country_hint": 1.5, "country_located": 1.5, "admin1_located_province": 1.5, "admin1_located_other": 1.0,
    "next_is_admin1": 3.0, "next_is_country": 2.0, "cue_city": 0.0, "namesake_capital": 0.0,
    "near_located": 1.5, "main_name_elsewhere": -2.0, "county_holds_town": 2.0,
}


def population_feature(entry: Entry) -> float:
    if entry.population or entry.feature != "region":
        return math.log10(entry.population + 10)
    return REGION_POPULATION_SCORE


def score(values: dict[str, float], weights: dict[str, float]) -> float:
    """The weighted sum of the features that are set."""
    return sum(weights.get(name, 0.0) * value for name, value in values.items())


@lru_cache(maxsize=4)
def load_weights(folder: str | None = None) -> dict[str, float]:
    """The fitted weights if `place_ranker.json` exists in the knowledge data folder, else the defaults."""
    from ..knowledge import DATA_DIR

    path = Path(folder) if folder else DATA_DIR
    file = path / RANKER_FILE
    if not file.exists():
        return dict(WEIGHTS)
    data = json.loads(file.read_text(encoding="utf-8"))
    return {name: float(data["weights"].get(name, WEIGHTS[name])) for name in FEATURES}
