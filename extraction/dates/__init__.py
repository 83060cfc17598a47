"""Dates: date expressions resolved to intervals with granularity against the publication date.

Owns `resolution` (`resolve_dates`, `resolve_expression`). Imports only `schemas`; dateparser is
imported on first use, not at import.
"""

from .resolution import resolve_dates, resolve_expression

__all__ = ["resolve_dates", "resolve_expression"]
