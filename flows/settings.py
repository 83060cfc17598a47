"""The one typed settings object: defaults run offline on seeds/, every field has an EVENTPIPE_ variable."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from ..extraction.nlp import DEFAULT_MODEL
from ..extraction.pool import usable_cores
from ..warehouse.remote import S3Options
from ..warehouse.storage import DATABASE_NAME, DEFAULT_WAREHOUSE, Location, database_name, locate

MASKED = "**********"  # how pydantic dumps a SecretStr; a masked value is no secret, the environment's is used


class Settings(BaseSettings):
    """Run settings; environment variables `EVENTPIPE_<NAME>` override the defaults, CLI options override both."""

    model_config = SettingsConfigDict(env_prefix="EVENTPIPE_", extra="forbid")

    inputs: list[str] = Field(default_factory=list, description="Files, folders, globs or JSONL manifests; empty means seeds/.")
    warehouse: str = Field(DEFAULT_WAREHOUSE, description="Warehouse folder or URI where the Parquet tables land.")
    database: str | None = Field(None, description="DuckDB file with the views; default warehouse/events.duckdb for the default warehouse, <warehouse>/events.duckdb for a folder, warehouse/<uri as a name>.duckdb for a URI.")
    model: str = Field(DEFAULT_MODEL, description="Installed spaCy pipeline to parse with.")
    batch_size: int = Field(200, gt=0, le=10_000, description="Documents per flow task (one batch, one Parquet file per table).")
    parse_batch_size: int = Field(64, gt=0, le=10_000, description="Paragraphs per spaCy nlp.pipe batch.")
    workers: int | None = Field(
        None, gt=0, le=256,
        description="Worker processes that parse and extract (each loads spaCy once); default: the machine's usable cores (CPU affinity and cgroup quota), 1 on Dask.",
    )
    text_field: str = Field("text", description="Manifest field (JSONL key or CSV column) holding the article text.")
    date_field: str = Field("published", description="Manifest field holding the publication date (ISO).")
    title_field: str = Field("title", description="Manifest field holding the title.")
    id_field: str = Field("id", description="Manifest field holding the input's own id (kept as source_id).")
    url_field: str = Field("url", description="Manifest field holding the article URL.")
    source_field: str = Field("source", description="Manifest field holding the publisher.")
    languages: list[str] = Field(default_factory=lambda: ["en"], description="Languages accepted (ISO 639-1); others become `language` rejects; ['all'] accepts every language.")
    max_input_bytes: int = Field(20 * 2**20, gt=0, description="Largest input file or fetched page, in bytes.")
    max_uncompressed_bytes: int = Field(2 * 2**30, gt=0, description="Largest total uncompressed size of one archive (defeats zip bombs).")
    fetch_timeout: float = Field(10.0, gt=0, description="Seconds allowed to fetch one page or feed (http/https only).")
    fetch_links: bool = Field(True, description="Fetch the linked page of a feed item that holds only a summary.")
    allow_roots: list[str] = Field(default_factory=list, description="If set, local inputs must lie under these folders (links followed); others become `outside_root` rejects.")
    max_document_chars: int = Field(2_000_000, gt=0, description="Longest document accepted, in characters; longer inputs become `too_large` rejects.")
    max_files_per_partition: int = Field(32, gt=1, description="Compact a table partition into one file once it holds more files than this.")
    keep_superseded_seconds: float = Field(
        600.0, ge=0, description="Keep files a run superseded this long in _replaced/files/ (moved out of the table folders at the publish that hid them), then delete them."
    )
    lock_wait: float = Field(0.0, ge=0, description="Seconds to wait for another run's warehouse lock before refusing.")
    min_free_bytes: int = Field(
        64 * 2**20, ge=0, description="Free bytes a local warehouse's filesystem must have for a run to start (a full disk mid-run stops it cleanly too)."
    )
    progress_seconds: float = Field(10.0, gt=0, description="Seconds between progress lines on stderr when it is not a terminal (cron, `2> log`).")
    reprocess: bool = Field(False, description="Re-extract documents already in the warehouse (e.g. after an extractor upgrade).")
    dask_address: str | None = Field(None, description="Run the batch tasks on this Dask scheduler (tcp://host:8786) instead of local threads.")
    dask_workers: int | None = Field(None, gt=0, le=256, description="Run the batch tasks on a local Dask cluster of this many worker processes.")
    s3_endpoint_url: str | None = Field(None, description="Endpoint of an S3-compatible store for s3:// warehouses (default: AWS).")
    s3_access_key_id: str | None = Field(None, description="Access key id for s3:// warehouses (default: boto's environment and ~/.aws).")
    s3_secret_access_key: SecretStr | None = Field(None, description="Secret access key for s3:// warehouses; never printed, logged or stored.")
    s3_region: str | None = Field(None, description="Region of the S3 bucket (default: boto's).")

    @model_validator(mode="after")
    def _refuse_clashes(self) -> Settings:
        if self.dask_address and self.dask_workers:
            raise ValueError("give dask_address (--dask-address) or dask_workers (--dask-workers), not both")
        if self.uses_dask and self.workers and self.workers > 1:
            raise ValueError("on Dask each worker is one spaCy process: scale with dask_workers or the cluster, keep workers at 1")
        if self.workers is None:
            self.workers = 1 if self.uses_dask else usable_cores()
        return self

    @classmethod
    def from_parameters(cls, parameters: dict) -> Settings:
        """Settings from flow parameters (JSON), where secrets arrive masked: those come from the environment."""
        return cls(**{k: v for k, v in parameters.items() if v != MASKED})

    @property
    def uses_dask(self) -> bool:
        return bool(self.dask_address or self.dask_workers)

    def s3_options(self) -> S3Options:
        """Object-store options for `locate`."""
        secret = self.s3_secret_access_key.get_secret_value() if self.s3_secret_access_key else None
        return S3Options(self.s3_endpoint_url, self.s3_access_key_id, secret, self.s3_region)

    def location(self) -> Location:
        """The warehouse these settings name."""
        return locate(self.warehouse, self.s3_options())

    def database_path(self) -> Path:
        """Where the DuckDB file goes."""
        if self.database:
            return Path(self.database).expanduser().resolve()
        if self.warehouse == DEFAULT_WAREHOUSE:
            return Path(DEFAULT_WAREHOUSE).resolve().parent / DATABASE_NAME
        if "://" in self.warehouse:
            return Path(DEFAULT_WAREHOUSE).resolve().parent / database_name(self.warehouse)
        return Path(self.warehouse).expanduser().resolve() / DATABASE_NAME

    def reader_options(self) -> dict:
        """Keyword arguments of `read_inputs` from these settings."""
        from ..extraction.reading.manifests import FieldMap

        fields = FieldMap(text=self.text_field, date=self.date_field, title=self.title_field, id=self.id_field, url=self.url_field, source=self.source_field)
        return {
            "fields": fields,
            "languages": None if "all" in self.languages else tuple(self.languages),
            "max_bytes": self.max_input_bytes,
            "max_uncompressed": self.max_uncompressed_bytes,
            "fetch_timeout": self.fetch_timeout,
            "fetch_links": self.fetch_links,
            "allowed_roots": self.allow_roots or None,
        }

    def as_json(self) -> str:
        """The settings as JSON for the runs table (secrets masked)."""
        return json.dumps(self.model_dump(mode="json"), sort_keys=True)
