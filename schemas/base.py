"""The one strict base model every record extends, and the closed vocabularies."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict

Modality = Literal["asserted", "negated", "hypothetical", "intended", "reported"]
Granularity = Literal["day", "week", "month", "year"]
DateBasis = Literal["explicit", "relative", "publication", "none"]
DateMod = Literal["START", "MID", "END", "BEFORE", "AFTER", "APPROX"]  # TIMEX3 mod values eventpipe writes
PublishedBasis = Literal["metadata", "dateline", "none"]
Stage = Literal["discover", "read", "parse", "extract", "validate", "write", "publish"]

MODALITIES: tuple[str, ...] = get_args(Modality)
GRANULARITIES: tuple[str, ...] = get_args(Granularity)
DATE_BASES: tuple[str, ...] = get_args(DateBasis)
DATE_MODS: tuple[str, ...] = get_args(DateMod)
PUBLISHED_BASES: tuple[str, ...] = get_args(PublishedBasis)
STAGES: tuple[str, ...] = get_args(Stage)


class Record(BaseModel):
    """Base of every record in the contract: unknown fields are refused, assignment is checked."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, frozen=False)
