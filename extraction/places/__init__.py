"""Places: toponyms in text resolved to gazetteer entries (name, country, admin1, lat/lon, geonameid).

Owns country names and demonyms (`countries`), the gazetteer reader (`gazetteer`), detection helpers
(`detection`: abbreviations, datelines, places inside names), candidate ranking (`ranking`), resolution
(`resolution`) and event geography (`geography`: which place an event happened at).
Imports only `knowledge/` (data files), `extraction.errors` and `schemas`.
"""

from .geography import event_location
from .resolution import resolve_place_names, resolve_places

__all__ = ["event_location", "resolve_place_names", "resolve_places"]
