"""Exit codes and one-line errors a scheduler can act on (pure functions; the CLI tests run them for real)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from eventpipe.flows.outcome import ExitCode, run_outcome, settings_error_message, unreachable_api
from eventpipe.flows.settings import Settings


@pytest.mark.parametrize(("inputs", "rejects", "documents", "missing", "code"), [
    (2, 0, 2, [], None),                       # all fine
    (0, 0, 0, [], None),                       # an empty inbox is a normal scheduled run
    (3, 0, 3, [], None),                       # a rerun that skipped everything
    (3, 1, 2, [], ExitCode.OK),                # partly bad input: exit 0, with a note
    (2, 2, 0, [], ExitCode.INPUTS),            # every input rejected
    (1, 1, 0, ["inbox/"], ExitCode.INPUTS),    # a named input is not there
    (5, 1, 4, ["typo.txt"], ExitCode.INPUTS),  # ... even when the other inputs were fine
])
def test_outcome_run_exit_status(inputs, rejects, documents, missing, code):
    assert rejects == inputs - documents  # every input is a document or a reject
    outcome = run_outcome(inputs, documents, missing)
    assert (outcome.code if outcome else None) == code
    if outcome:
        assert "\n" not in outcome.message and "rejects" in outcome.message


def test_outcome_missing_input_is_named():
    assert "typo.txt" in run_outcome(5, 4, ["typo.txt"]).message


def test_outcome_settings_error_is_one_line_without_pydantic_noise():
    with pytest.raises(ValidationError) as raised:
        Settings(workers=2, dask_workers=2)
    message = settings_error_message(raised.value)
    assert "dask_workers" in message and "\n" not in message
    assert "pydantic" not in message and "input_value" not in message


def test_outcome_settings_error_names_the_option():
    with pytest.raises(ValidationError) as raised:
        Settings(batch_size=0)
    assert settings_error_message(raised.value, {"batch_size": "--batch-size"}).startswith("--batch-size: ")
    assert settings_error_message(raised.value).startswith("EVENTPIPE_BATCH_SIZE: ")


def test_outcome_unreachable_api_says_why():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound, never listening: connections are refused
        why = unreachable_api(f"http://127.0.0.1:{port}/api", timeout=2)
    assert why and f"127.0.0.1:{port}" in why
