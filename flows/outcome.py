"""What a finished command tells a scheduler: exit codes, and one-line messages for known failures."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from pydantic import ValidationError


class ExitCode(IntEnum):
    """`eventpipe` exit statuses (README, "Exit codes")."""

    OK = 0  # the run published; some inputs may have become rejects (the summary says how many)
    ERROR = 1  # the run failed: setup, lock held, disk full, server unreachable, bad warehouse
    USAGE = 2  # bad or conflicting options or settings; nothing was done
    INPUTS = 3  # a named input does not exist, or every input was rejected; the run still published
    TERMINATED = 143  # stopped by SIGTERM (128 + 15); the next run picks up where it stopped


@dataclass(frozen=True)
class Outcome:
    code: ExitCode
    message: str  # one line: the `Error:` text for failures, the rejects note for partly bad input


def run_outcome(inputs: int, documents: int, missing: list[str], warehouse: str | None = None) -> Outcome | None:
    """The exit status of a run from its counts and its named inputs that do not exist (None: all fine).

    A run that skipped everything (already in the warehouse) or read an empty folder is fine; one whose
    every input was rejected is not, nor one that was told to read something that is not there.
    warehouse: named in the hint's query command when it is not the default. Every input is a
    document (new or skipped) or a reject, so the rejected ones are `inputs - documents`.
    """
    rejects = inputs - documents
    where = f" -w {warehouse}" if warehouse else ""
    hint = f'see `eventpipe query{where} "select uri, reason, excerpt from rejects order by at desc"`'
    if missing:
        return Outcome(ExitCode.INPUTS, f"input not found: {', '.join(missing)} (recorded as not_found rejects; {hint})")
    if inputs and documents == 0:
        return Outcome(ExitCode.INPUTS, f"every input was rejected ({rejects} of {inputs}); {hint}")
    if rejects:
        return Outcome(ExitCode.OK, f"{rejects} of {inputs} inputs rejected; {hint}")
    return None


def settings_error_message(error: ValidationError, options: dict[str, str] | None = None) -> str:
    """One line for a settings validation error: the option (or variable) and what is wrong with it.

    options: field name -> how the user set it (e.g. "--dask-workers"); unnamed fields read as
    EVENTPIPE_<FIELD> variables.
    """
    options = options or {}
    parts = []
    for item in error.errors():
        message = item["msg"].removeprefix("Value error, ")
        field = ".".join(str(part) for part in item["loc"])
        where = options.get(field) or (f"EVENTPIPE_{field.upper()}" if field else "")
        given = "" if not field or item.get("input") is None or isinstance(item.get("input"), dict) else f" (got {item['input']!r})"
        parts.append(f"{where}: {message}{given}" if where else message)
    return "; ".join(parts)


def unreachable_api(api_url: str, timeout: float = 5.0) -> str | None:
    """Why the Prefect API at `api_url` cannot be used, or None when it answers its health check."""
    import httpx

    try:
        response = httpx.get(f"{api_url.rstrip('/')}/health", timeout=timeout)
    except httpx.HTTPError as error:
        return f"the Prefect server at {api_url} does not answer ({type(error).__name__}: {error})"
    if response.status_code != 200:
        return f"the Prefect server at {api_url} answered {response.status_code} to its health check"
    return None
