"""The raw article: what every reader (file, page, feed item, manifest record) hands to cleaning."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

PublishedBasis = Literal["metadata", "dateline", "none"]


@dataclass(frozen=True)
class RawArticle:
    """One article as read, before cleaning.

    `published_basis` is set when the reader itself judged where `published` came from (an HTML
    date found in the page text is `dateline`); None lets cleaning decide. `raw_sha256` hashes the
    original bytes of the file, page or archive member (None for manifest records and feed bodies).
    """

    uri: str
    text: str
    source_id: str | None = None
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    line: int | None = None
    published_basis: PublishedBasis | None = None
    author: str | None = None
    raw_sha256: str | None = None
