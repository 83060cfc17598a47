"""The data contract: one model per concept. Arrow schemas and README tables derive from these."""

from __future__ import annotations

import datetime as dt

from typing import Literal

from pydantic import Field, model_validator

from .base import DateBasis, DateMod, Granularity, Modality, PublishedBasis, Record, Stage

# Where a flattened column must not carry its parent's prefix (the column names:
# `cameo`, `cameo_root`, `lat`...), the field says so once, here.
def _column(name: str) -> dict:
    return {"column": name}


class Span(Record):
    """Character offsets [start, end) into the document's cleaned text."""

    start: int = Field(ge=0, description="First character, 0-based, in the document text.")
    end: int = Field(ge=0, description="One past the last character.")

    @model_validator(mode="after")
    def _ordered(self) -> "Span":
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before start {self.start}")
        return self


class Document(Record):
    """One ingested article after cleaning."""

    doc_id: str = Field(description="sha256 of the normalised text: the document's identity.")
    source_id: str | None = Field(None, description="The input's own id (manifest `id`), if any.")
    uri: str = Field(description="Where the text came from: file path, manifest path#line, URL.")
    source: str | None = Field(None, description="Publisher or site, if known.")
    title: str | None = Field(None, description="Title from metadata or the first heading line.")
    published: dt.date | None = Field(None, description="Publication date, if found.")
    published_basis: PublishedBasis = Field("none", description="Where `published` came from.")
    text: str = Field(description="Cleaned text: boilerplate dropped, paragraphs separated by blank lines.")
    n_chars: int = Field(ge=0, description="Length of `text` in characters.")
    ingested_at: dt.datetime = Field(description="When this run read the document (UTC).")
    run_id: str = Field(description="The run that ingested it.")
    input_key: str | None = Field(
        None, description="sha256 of the raw input (text, title, date): a rerun skips an input it has seen without cleaning it again."
    )


class Actor(Record):
    """Who acts or is acted upon."""

    text: str = Field(description="Actor words as written in the sentence.")
    code: str | None = Field(None, description="CAMEO-style code: country ISO3 + sector, e.g. IRQGOV.")
    country: str | None = Field(None, description="ISO3 country code.")
    sector: str | None = Field(None, description="CAMEO sector: GOV, MIL, COP, REB, ...")
    span: Span | None = Field(None, description="Actor text span in the document.")
    pronoun: str | None = Field(None, description="The pronoun written where the actor acts when `text` is the phrase it "
                                "refers to ('he urged' -> text 'Prime Minister John Smith', pronoun 'he'); null when the actor is named there.")
    implied: bool = Field(False, description="True when no actor is named and the act implies who did it (an "
                          "arrest implies police): text is then empty and only sector (and country) are given.")
    geo_name: str | None = Field(None, description="Gazetteer name of the place the actor's words name ('Dover police' -> Dover, 'Iraqi troops' -> Iraq): the most specific one.")
    geo_country: str | None = Field(None, description="ISO3 country code of the actor's place.")
    geo_admin1: str | None = Field(None, description="First-level administrative division of the actor's place.")
    geo_feature: str | None = Field(None, description="Kind of the actor's place: country, admin1, admin2, city, region.")
    geo_lat: float | None = Field(None, ge=-90, le=90, description="Latitude of the actor's place (WGS84).")
    geo_lon: float | None = Field(None, ge=-180, le=180, description="Longitude of the actor's place (WGS84).")
    geo_geonameid: int | None = Field(None, description="GeoNames id of the actor's place.")


class Action(Record):
    """What was done, coded in CAMEO and PLOVER."""

    text: str = Field(description="Trigger words as written.")
    lemma: str = Field(description="Lemma of the trigger (verb or eventive noun).")
    cameo: str | None = Field(None, description="CAMEO event code (2-4 digits).", json_schema_extra=_column("cameo"))
    root: str | None = Field(None, description="CAMEO root code (first two digits).", json_schema_extra=_column("cameo_root"))
    quad_class: int | None = Field(None, ge=1, le=4, description="QuadClass: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict.", json_schema_extra=_column("quad_class"))
    goldstein: float | None = Field(None, ge=-10, le=10, description="Goldstein score of the CAMEO code.", json_schema_extra=_column("goldstein"))
    plover: str | None = Field(None, description="PLOVER event type.", json_schema_extra=_column("plover"))
    span: Span | None = Field(None, description="Trigger span in the document.")


# How a Place got its point: its own words name a gazetteer entry, or it is a facility, street or venue that the
# gazetteer lacks, placed at the town its context names.
PlaceBasis = Literal["gazetteer", "context"]


class Place(Record):
    """A named place resolved to a gazetteer entry."""

    text: str = Field(description="Place words as written.")
    name: str | None = Field(None, description="Gazetteer name.")
    country: str | None = Field(None, description="ISO3 country code.")
    admin1: str | None = Field(None, description="First-level administrative division name.")
    lat: float | None = Field(None, ge=-90, le=90, description="Latitude (WGS84).", json_schema_extra=_column("lat"))
    lon: float | None = Field(None, ge=-180, le=180, description="Longitude (WGS84).", json_schema_extra=_column("lon"))
    geonameid: int | None = Field(None, description="GeoNames id.", json_schema_extra=_column("geonameid"))
    feature: str | None = Field(None, description="Kind of place: country, admin1, admin2, city, region.")
    span: Span | None = Field(None, description="Place text span in the document.")
    basis: PlaceBasis = Field("gazetteer", description=(
        "gazetteer: the words name this gazetteer entry; context: a facility, street or venue the gazetteer lacks "
        "(\"Royal Street\", \"the Barclays Center\"), given the point of the town its context names (the town "
        "written next to it, else its sentence's nearest town, else the dateline's, else the one the document names "
        "most), or a hamlet the gazetteer "
        "lacks, given the town written right after it (\"Kibera in Nairobi\")."))


class EventDate(Record):
    """When: an interval with its granularity, resolved against the publication date."""

    start: dt.date | None = Field(None, description="First day of the interval; null when there is no anchor.")
    end: dt.date | None = Field(None, description="Last day of the interval (inclusive).")
    granularity: Granularity | None = Field(None, description="day, week, month or year.")
    text: str | None = Field(None, description="The date expression as written.")
    basis: DateBasis = Field("none", description="explicit, relative (to publication), publication (no expression), none.")
    span: Span | None = Field(None, description="Date expression span in the document.")
    value: str | None = Field(None, description=(
        "TIMEX3 value of the whole unit named (2012-12, 2012-W49, 2012-Q4, 2012, PRESENT_REF), as TimeML "
        "tools write it; start/end may be narrower (\"early December\" is December 1-10)."))
    mod: DateMod | None = Field(None, description=(
        "TIMEX3 mod: START, MID or END for early/mid/late and start/end of; BEFORE/AFTER; APPROX."))

    @model_validator(mode="after")
    def _ordered(self) -> "EventDate":
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"date end {self.end} is before start {self.start}")
        return self


def _schema_version() -> str:
    from .contract import schema_version

    return schema_version()


HISTORICAL_DAYS = 366  # "more than a year before publication"


def is_historical(date: dt.date | None, published: dt.date | None) -> bool:
    """Whether an event dated `date` (the last day of its window) lies more than a year before its
    story's publication: background ("founded in 1905"), not news of the day."""
    return bool(date and published and (published - date).days > HISTORICAL_DAYS)


class EventMention(Record):
    """One event as one sentence states it."""

    mention_id: str = Field(description="sha256 of doc_id, sentence index and trigger span: stable across runs.")
    doc_id: str = Field(description="The document it comes from.")
    sentence_index: int = Field(ge=0, description="0-based sentence number in the document.")
    sentence: str = Field(description="The sentence text.")
    sentence_span: Span = Field(description="The sentence span in the document.")
    actor: Actor = Field(description="Source actor.")
    action: Action = Field(description="The event action.")
    target: Actor | None = Field(None, description="Target actor.")
    location: Place | None = Field(None, description="Where it happened.")
    date: EventDate = Field(description="When it happened.")
    modality: Modality = Field("asserted", description="asserted, negated, hypothetical, intended or reported.")
    confidence: float = Field(ge=0, le=1, description="Estimated probability that the record is right.")
    extractor_version: str = Field(description="Version of the extractor and codebook that made it.")
    run_id: str = Field(description="The run that made it.")
    event_month: str = Field(description="Partition key YYYY-MM of the event date (or publication), 'unknown' without either.")
    historical: bool = Field(False, description="The date ends more than a year before the document's publication (background such as 'in 1905'); the daily analysis views leave these out.")


class Reject(Record):
    """An input or record that could not become a document or mention, with why."""

    reject_id: str = Field(description="sha256 of uri, line, stage and reason: the same failure is recorded once.")
    uri: str = Field(description="The input (file, manifest path, URL).")
    line: int | None = Field(None, ge=1, description="Line number in a manifest, if any.")
    stage: Stage = Field(description="Stage that refused it.")
    reason: str = Field(description="Short reason code, e.g. empty, decode, invalid_json, validation.")
    detail: str = Field(description="Human-readable explanation naming the value and the fix.")
    excerpt: str | None = Field(None, description="First characters of the offending input.")
    run_id: str = Field(description="The run that refused it.")
    at: dt.datetime = Field(description="When (UTC).")


class Run(Record):
    """One pipeline run: what went in, what came out, how long each stage took."""

    run_id: str = Field(description="Run identifier.")
    started: dt.datetime = Field(description="Start time (UTC).")
    finished: dt.datetime | None = Field(None, description="End time (UTC).")
    inputs: int = Field(0, ge=0, description="Inputs discovered (files, manifest lines).")
    documents: int = Field(0, ge=0, description="Documents read this run (new + skipped).")
    new: int = Field(0, ge=0, description="Documents new to the warehouse.")
    skipped: int = Field(0, ge=0, description="Documents skipped as already in the warehouse.")
    mentions: int = Field(0, ge=0, description="Event mentions written.")
    events: int = Field(0, ge=0, description="Consolidated events touched.")
    rejects: int = Field(0, ge=0, description="Reject rows written.")
    words: int = Field(0, ge=0, description="Words parsed (whitespace tokens of new documents).")
    timings: dict[str, float] = Field(default_factory=dict, description="Seconds per stage.")
    code_version: str = Field(description="eventpipe version.")
    model: str = Field(description="spaCy pipeline name and version.")
    codebook_version: str = Field(description="Hash of the codebook and dictionaries.")
    settings: str = Field("{}", description="The settings used, as JSON (secrets masked).")
    schema_version: str = Field(default_factory=lambda: _schema_version(), description="Version of the table contract the run wrote: changes whenever any table's columns change (names, types, nullability); docs/tables/*.json carry the same value.")
