"""The consolidated event: the mentions of one real-world event, merged into one explained row."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from .base import Granularity, Modality, Record


class Event(Record):
    """One real-world event: its mentions within and across documents merged, with the reason why."""

    event_id: str = Field(description="sha256 of 'event:' + the first mention_id in canonical order (earliest publication, doc, sentence): stable across reruns and incremental runs.")
    modality: Modality = Field("asserted", description="Modality class of all its mentions: asserted (asserted, reported or intended), negated or hypothetical; classes never merge.")
    actor_text: str = Field(description="Source actor words of the mention that supplied actor_code.")
    actor_code: str | None = Field(None, description="Most frequent source actor code of the mentions (ties: the most specific), e.g. IRN, IRQGOV.")
    actor_country: str | None = Field(None, description="ISO3 country of actor_code.")
    actor_sector: str | None = Field(None, description="CAMEO sector of actor_code.")
    cameo: str | None = Field(None, description="Most frequent CAMEO event code of the mentions (ties: the most specific).")
    cameo_root: str | None = Field(None, description="CAMEO root code of `cameo`.")
    quad_class: int | None = Field(None, ge=1, le=4, description="QuadClass of `cameo`: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict.")
    goldstein: float | None = Field(None, ge=-10, le=10, description="Goldstein score of `cameo`.")
    plover: str | None = Field(None, description="PLOVER event type of `cameo`.")
    target_text: str | None = Field(None, description="Target words of the mention that supplied target_code.")
    target_code: str | None = Field(None, description="Most frequent target code of the mentions that have one (ties: the most specific).")
    target_country: str | None = Field(None, description="ISO3 country of target_code.")
    target_sector: str | None = Field(None, description="CAMEO sector of target_code.")
    location_name: str | None = Field(None, description="Gazetteer name of the most frequent place of the mentions (ties: the most specific, city > admin1 > country).")
    location_country: str | None = Field(None, description="ISO3 country of the place.")
    location_admin1: str | None = Field(None, description="First-level administrative division of the place.")
    location_feature: str | None = Field(None, description="Kind of place: country, admin1, city, region.")
    lat: float | None = Field(None, ge=-90, le=90, description="Latitude of the place (WGS84).")
    lon: float | None = Field(None, ge=-180, le=180, description="Longitude of the place (WGS84).")
    geonameid: int | None = Field(None, description="GeoNames id of the place.")
    date_start: dt.date | None = Field(None, description="First day of the event window: the intersection of the mentions' dates (explicit/relative before publication-based), else the tightest one; null when no mention is dated.")
    date_end: dt.date | None = Field(None, description="Last day of the event window (inclusive).")
    date_granularity: Granularity | None = Field(None, description="day, week, month or year of the window.")
    name_variants: list[str] = Field(default_factory=list, description="Person names of the event, titles dropped, sorted: the source actor's names, plus full names that two of its documents spell differently for one person (the official both quote), e.g. ['Mohamed Hijazi', 'Mohammad Hejazi'].")
    num_mentions: int = Field(ge=1, description="Sentences (doc_id, sentence_index) merged into the event: one sentence counts once.")
    num_documents: int = Field(ge=1, description="Distinct documents among the mentions (GDELT NumArticles).")
    num_sources: int = Field(ge=1, description="Distinct publishers: documents.source, else the URL host, else the input file name.")
    first_seen: dt.datetime | None = Field(None, description="Earliest time a mention's document appeared: its publication date (00:00 UTC), else when it was ingested.")
    mention_ids: list[str] = Field(description="The merged mentions, in canonical order (the first one gives event_id).")
    match_keys: list[str] = Field(default_factory=list, description="Blocking keys of the mentions (modality class|action key|actor key): a new mention can join this event only if it shares one; used to pick the events an incremental run revisits.")
    merge_reason: str = Field(description="Why the mentions were merged: the fields that matched and how, e.g. 'actor IRN = IRN; offer/provide aid 030 ~ 072; target IRQ = IRQ; dates overlap 2014-01-05..2014-01-05'; 'single mention' when alone.")
    event_month: str = Field(description="Partition key YYYY-MM of date_start, else of the earliest publication date, 'unknown' without either.")
    historical: bool = Field(False, description="The event window ends more than a year before the earliest publication of its documents (background, e.g. 1905 in a 2020 story); the daily analysis views leave these out.")
