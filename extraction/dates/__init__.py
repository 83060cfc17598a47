"""Dates: date expressions resolved to intervals with granularity against the publication date,
with their TimeML (TIMEX3) value and modifier.

`resolution` finds expressions and resolves them (`resolve_dates`, `resolve_expression`); `grammar`
holds the regex pieces, `arithmetic` the calendar, `tense` the direction (words or parse), `values`
the TIMEX3 value/mod, `anchors` the dates the story sets (quarters, "that day", "a year earlier")
and `units` decades, spoken years and the fiscal year. Imports only `schemas`; dateparser is imported
on first use, not at import.
"""

from .resolution import resolve_dates, resolve_expression

__all__ = ["resolve_dates", "resolve_expression"]
