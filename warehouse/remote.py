"""Object storage for the warehouse: an s3fs filesystem from plain options, shared by pyarrow and DuckDB.

DuckDB's own S3 support (the httpfs extension) cannot be installed offline for DuckDB 2.0, so the
same fsspec filesystem that writes the Parquet files is registered on every DuckDB connection
that reads them. A plain `duckdb` shell therefore cannot read an s3:// warehouse's views.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

S3_SCHEMES = ("s3", "s3a")


@dataclass(frozen=True)
class S3Options:
    """Where and as whom to reach an S3-compatible store; None means boto's defaults (env, ~/.aws)."""

    endpoint_url: str | None = None
    access_key_id: str | None = None
    secret_access_key: str | None = field(default=None, repr=False)  # never in a repr, log or error
    region: str | None = None


def is_s3(uri: str) -> bool:
    """True for s3:// (and s3a://) URIs."""
    return uri.split("://", 1)[0].lower() in S3_SCHEMES if "://" in uri else False


def s3_filesystem(options: S3Options | None = None):
    """An s3fs filesystem with listing caches off: other processes write the same prefixes."""
    import s3fs

    options = options or S3Options()
    client_kwargs = {"region_name": options.region} if options.region else {}
    return s3fs.S3FileSystem(
        key=options.access_key_id,
        secret=options.secret_access_key,
        endpoint_url=options.endpoint_url,
        client_kwargs=client_kwargs,
        use_listings_cache=False,
        skip_instance_cache=True,
    )


def register_filesystem(con: duckdb.DuckDBPyConnection, filesystem) -> duckdb.DuckDBPyConnection:
    """Let `con` read s3:// paths through `filesystem` (an fsspec filesystem); returns `con`."""
    if filesystem is not None:
        con.register_filesystem(filesystem)
    return con
