"""What can go wrong while reading and extracting, one class per kind, each with a short code.

The code is the `reason` stored in the `rejects` table; the message names the value and the fix.
"""

from __future__ import annotations

REASONS: dict[str, str] = {
    "not_found": "the input does not exist; check the path or glob",
    "unreadable": "the file could not be opened (permissions?)",
    "changed": "the file was being written while it was read; the next run reads it again",
    "empty": "no text left after cleaning (empty, whitespace or boilerplate only)",
    "binary": "the file looks binary, not text",
    "decode": "the bytes are not valid text in UTF-8 or a detectable encoding",
    "invalid_json": "a manifest line is not a JSON object",
    "missing_text": "a manifest record has no text field",
    "bad_field": "a manifest field has the wrong type",
    "unsupported": "this input type is not supported",
    "duplicate": "the same text was already read in this run under another name",
    "too_large": "the input is larger than the configured limit",
    "language": "the text is clearly in a language the run does not read (English by default)",
    "unsafe_path": "an archive member's name is absolute or climbs out with `..`; it is not read",
    "fetch": "an http(s) URL could not be fetched (network, HTTP status, timeout)",
    "feed": "an RSS/Atom input holds no items or could not be parsed",
    "missing_column": "a CSV manifest has no column for the text; name it with --text-field",
    "validation": "a record failed the data contract",
    "extract": "extraction failed on this document",
    "outside_root": "the file lies outside the folders --allow-root permits",
    "task_failed": "the batch task kept failing after its retries",
}


class EventpipeError(Exception):
    """Base of every error eventpipe raises on purpose."""

    code = "error"


class InputError(EventpipeError):
    """An input that cannot become a document; becomes a `Reject` row, never stops the run."""

    def __init__(self, reason: str, uri: str, detail: str = "", line: int | None = None, excerpt: str | None = None):
        self.reason = reason
        self.uri = uri
        self.line = line
        self.excerpt = excerpt
        self._given = detail
        where = f"{uri}:{line}" if line else uri
        self.detail = f"{where}: {detail or REASONS.get(reason, reason)}"
        super().__init__(self.detail)

    def __reduce__(self):
        """Pickle by constructor arguments, so errors cross process boundaries (Dask workers)."""
        return (type(self), (self.reason, self.uri, self._given, self.line, self.excerpt))


class SetupError(EventpipeError):
    """Broken setup (missing model, unwritable warehouse): stops the run before work is lost."""

    code = "setup"

    def __init__(self, message: str, hint: str = ""):
        self.hint = hint
        super().__init__(message if not hint else f"{message}\nHint: {hint}")
