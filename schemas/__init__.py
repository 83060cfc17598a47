"""The data contract: strict Pydantic models and the Arrow schemas derived from them."""

from .base import (
    DATE_BASES,
    DATE_MODS,
    GRANULARITIES,
    MODALITIES,
    PUBLISHED_BASES,
    STAGES,
    DateBasis,
    DateMod,
    Granularity,
    Modality,
    PublishedBasis,
    Record,
    Stage,
)
from .events import Event
from .records import Action, Actor, Document, EventDate, EventMention, Place, Reject, Run, Span

TABLES: dict[str, type[Record]] = {
    "documents": Document,
    "mentions": EventMention,
    "events": Event,
    "rejects": Reject,
    "runs": Run,
}

__all__ = [
    "Action", "Actor", "Document", "Event", "EventDate", "EventMention", "Place", "Reject", "Run", "Span",
    "Record", "Modality", "Granularity", "DateBasis", "DateMod", "PublishedBasis", "Stage",
    "MODALITIES", "GRANULARITIES", "DATE_BASES", "DATE_MODS", "PUBLISHED_BASES", "STAGES", "TABLES",
    "arrow_schema", "column_docs", "to_row", "to_table", "from_row", "view_from_row",
]

_ARROW_NAMES = {"arrow_schema", "column_docs", "to_row", "to_table", "from_row", "view_from_row"}


def __getattr__(name: str):
    """The Arrow helpers load pyarrow on first use only: the extraction workers never need it (27 MiB each)."""
    if name in _ARROW_NAMES:
        from . import arrow

        return getattr(arrow, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

