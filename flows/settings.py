"""The one typed settings object: defaults run offline on seeds/, every field has an EVENTPIPE_ variable."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from ..extraction.nlp import DEFAULT_MODEL
from ..warehouse.storage import DATABASE_NAME, DEFAULT_WAREHOUSE


class Settings(BaseSettings):
    """Run settings; environment variables `EVENTPIPE_<NAME>` override the defaults, CLI options override both."""

    model_config = SettingsConfigDict(env_prefix="EVENTPIPE_", extra="forbid")

    inputs: list[str] = Field(default_factory=list, description="Files, folders, globs or JSONL manifests; empty means seeds/.")
    warehouse: str = Field(DEFAULT_WAREHOUSE, description="Warehouse folder or URI where the Parquet tables land.")
    database: str | None = Field(None, description="DuckDB file with the views; default warehouse/events.duckdb for the default warehouse, else <warehouse>/events.duckdb.")
    model: str = Field(DEFAULT_MODEL, description="Installed spaCy pipeline to parse with.")
    batch_size: int = Field(200, gt=0, le=10_000, description="Documents per flow task (one batch, one Parquet file per table).")
    parse_batch_size: int = Field(64, gt=0, le=10_000, description="Paragraphs per spaCy nlp.pipe batch.")
    workers: int = Field(1, gt=0, le=256, description="spaCy processes per task (nlp.pipe n_process).")
    max_document_chars: int = Field(2_000_000, gt=0, description="Longest document accepted, in characters; longer inputs become `too_large` rejects.")
    max_files_per_partition: int = Field(32, gt=1, description="Compact a table partition into one file once it holds more files than this.")
    lock_wait: float = Field(0.0, ge=0, description="Seconds to wait for another run's warehouse lock before refusing.")
    reprocess: bool = Field(False, description="Re-extract documents already in the warehouse (e.g. after an extractor upgrade).")

    def database_path(self) -> Path:
        """Where the DuckDB file goes."""
        if self.database:
            return Path(self.database).expanduser().resolve()
        if self.warehouse == DEFAULT_WAREHOUSE:
            return Path(DEFAULT_WAREHOUSE).resolve().parent / DATABASE_NAME
        if "://" in self.warehouse:
            return Path(DATABASE_NAME).resolve()
        return Path(self.warehouse).expanduser().resolve() / DATABASE_NAME

    def as_json(self) -> str:
        """The settings as JSON for the runs table (secrets would be masked here)."""
        return json.dumps(self.model_dump(mode="json"), sort_keys=True)
