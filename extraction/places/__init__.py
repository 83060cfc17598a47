"""Places: toponyms in text resolved to gazetteer entries (name, country, admin1, lat/lon, geonameid).

Owns country names and demonyms (`countries`), the gazetteer reader (`gazetteer`), and detection
plus resolution (`resolution`).
Imports only `knowledge/` (data files), `extraction.errors` and `schemas`.
"""

from .resolution import resolve_place_names, resolve_places

__all__ = ["resolve_place_names", "resolve_places"]
