"""The `eventpipe` command line: each command parses options, builds settings, calls one function, prints."""

from __future__ import annotations

import sys
import tempfile
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from pydantic import ValidationError

from ..extraction.errors import EventpipeError
from .outcome import ExitCode, run_outcome, settings_error_message, unreachable_api
from .prefect_env import EarlyServer, configure_prefect
from .progress import progress_for

app = typer.Typer(
    name="eventpipe",
    help="News text in, a queryable event warehouse out.\n\nExample: eventpipe run seeds/ && eventpipe query \"select * from mentions limit 5\"",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
out = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True)

WarehouseOption = Annotated[
    Optional[str], typer.Option("--warehouse", "-w", help="Warehouse folder or URI (default: warehouse/data, env EVENTPIPE_WAREHOUSE).")
]
DatabaseOption = Annotated[
    Optional[str], typer.Option("--database", help="DuckDB file with the views (default: beside the warehouse).")
]


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    parquet = "parquet"


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        print(f"eventpipe {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """News text in, a queryable event warehouse out."""


def _settings(**overrides):
    from .settings import Settings

    return Settings(**{k: v for k, v in overrides.items() if v is not None})


def _build(inputs: Path, warehouse: Path) -> float:
    """Run the pipeline quietly on `inputs` into `warehouse` (for `score`); returns seconds."""
    configure_prefect()
    from .pipeline import run_pipeline

    summary = run_pipeline(_settings(inputs=[str(inputs)], warehouse=str(warehouse)))
    return (summary.run.finished - summary.run.started).total_seconds()


def _readable_database(settings) -> tuple[Path, object]:
    """The DuckDB file to read and the filesystem its views need (None for a local warehouse).

    A remote warehouse's views are rebuilt from its published manifest first, so any machine
    with the settings can query it and sees the last publish whole.
    """
    if "://" not in settings.warehouse:
        return settings.database_path(), None
    from ..warehouse.publish import refresh_views

    location = settings.location()
    return refresh_views(location, settings.database_path()), location.fsspec


def _fail(error: Exception | str, code: int = 1) -> None:
    err.print(f"[bold red]Error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)  # unwrapped: paths and names stay greppable
    raise typer.Exit(code)


@app.command()
def run(
    inputs: Annotated[Optional[list[str]], typer.Argument(help="Files, folders, globs or .jsonl manifests (default: seeds/); - reads text or JSONL from stdin.")] = None,
    warehouse: WarehouseOption = None,
    database: DatabaseOption = None,
    batch_size: Annotated[Optional[int], typer.Option(help="Documents per task (default 200).")] = None,
    workers: Annotated[Optional[int], typer.Option(help="Worker processes that parse and extract (default: usable cores).")] = None,
    model: Annotated[Optional[str], typer.Option(help="Installed spaCy pipeline name.")] = None,
    reprocess: Annotated[bool, typer.Option("--reprocess", help="Re-extract documents already in the warehouse.")] = False,
    text_field: Annotated[Optional[str], typer.Option(help="Manifest field/column with the text (default text).")] = None,
    date_field: Annotated[Optional[str], typer.Option(help="Manifest field/column with the ISO publication date (default published).")] = None,
    title_field: Annotated[Optional[str], typer.Option(help="Manifest field/column with the title (default title).")] = None,
    id_field: Annotated[Optional[str], typer.Option(help="Manifest field/column with the id (default id).")] = None,
    url_field: Annotated[Optional[str], typer.Option(help="Manifest field/column with the URL (default url).")] = None,
    language: Annotated[Optional[list[str]], typer.Option("--language", help="Accepted language code, repeatable (default en; 'all' for any).")] = None,
    allow_root: Annotated[Optional[list[str]], typer.Option("--allow-root", help="Only read local files under this folder (repeatable).")] = None,
    lock_wait: Annotated[Optional[float], typer.Option(help="Seconds to wait when another run holds the warehouse (default 0: refuse).")] = None,
    dask_address: Annotated[Optional[str], typer.Option(help="Run the batches on this Dask scheduler, e.g. tcp://10.0.0.5:8786.")] = None,
    dask_workers: Annotated[Optional[int], typer.Option(help="Run the batches on a local Dask cluster of N worker processes.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress (a bar on a terminal, else a line every EVENTPIPE_PROGRESS_SECONDS).")] = False,
) -> None:
    """Extract events from the inputs into the warehouse and publish the DuckDB views.

    Exit status: 0 done (some inputs may be rejects), 1 failed, 2 bad options, 3 a named input is
    missing or every input was rejected, 143 stopped by SIGTERM.

    Example: eventpipe run articles/ news.jsonl --warehouse /data/wh  (or: cat story.txt | eventpipe run -)
    """
    with _stdin_as_file(inputs) as inputs:
        _run(inputs, warehouse, database, batch_size, workers, model, reprocess, text_field, date_field, title_field, id_field,
             url_field, language, allow_root, lock_wait, dask_address, dask_workers, quiet)


@contextmanager
def _stdin_as_file(inputs: list[str] | None):
    """`inputs` with `-` replaced by a temporary file holding stdin: `stdin.jsonl` when every line is
    a JSON object (a manifest), else `stdin.txt` (one article)."""
    if not inputs or "-" not in inputs:
        yield inputs
        return
    data = sys.stdin.buffer.read()
    lines = [line.strip() for line in data.splitlines() if line.strip()]
    manifest = bool(lines) and all(line.startswith(b"{") and line.endswith(b"}") for line in lines)
    with tempfile.TemporaryDirectory(prefix="eventpipe-stdin-") as folder:
        path = Path(folder, "stdin.jsonl" if manifest else "stdin.txt")
        path.write_bytes(data)
        yield [str(path) if item == "-" else item for item in inputs]


def _run(inputs, warehouse, database, batch_size, workers, model, reprocess, text_field, date_field, title_field, id_field,
         url_field, language, allow_root, lock_wait, dask_address, dask_workers, quiet) -> None:
    try:
        settings = _settings(
            inputs=inputs or None, warehouse=warehouse, database=database, batch_size=batch_size,
            workers=workers, model=model, reprocess=reprocess or None, lock_wait=lock_wait,
            text_field=text_field, date_field=date_field, title_field=title_field, id_field=id_field,
            url_field=url_field, languages=language or None, allow_roots=allow_root or None,
            dask_address=dask_address, dask_workers=dask_workers,
        )
    except ValidationError as error:
        _fail(settings_error_message(error, RUN_OPTIONS), ExitCode.USAGE)
    configure_prefect()
    _require_reachable_api()
    server = EarlyServer()
    from ..extraction.reading.inputs import missing_inputs
    from ..extraction.pool import warm_up
    from .pipeline import run_pipeline

    # spaCy loads (or the forkserver imports it) while Prefect's server starts: both take seconds
    warming = None if settings.uses_dask else warm_up(settings.workers, settings.model)
    progress = progress_for(err, quiet, settings.progress_seconds)
    try:
        with server.ready(), progress:
            if warming is not None:
                warming.join()
            summary = run_pipeline(settings, on_progress=progress.advance)
    except EventpipeError as error:
        _fail(error)
    out.print(_run_table(summary))
    run = summary.run
    outcome = run_outcome(run.inputs, run.documents, missing_inputs(settings.inputs), warehouse)
    if outcome and outcome.code != ExitCode.OK:
        _fail(outcome.message, outcome.code)
    if outcome:
        err.print(f"[yellow]Note:[/] {escape(outcome.message)}", highlight=False, soft_wrap=True)


# Settings fields -> the option that sets them, for one-line settings errors.
RUN_OPTIONS = {
    "inputs": "inputs", "warehouse": "--warehouse", "database": "--database", "batch_size": "--batch-size",
    "workers": "--workers", "model": "--model", "lock_wait": "--lock-wait", "languages": "--language",
    "allow_roots": "--allow-root", "dask_address": "--dask-address", "dask_workers": "--dask-workers",
}


def _require_reachable_api() -> None:
    """Stop with one line when PREFECT_API_URL names a server that does not answer (before any work)."""
    from prefect.settings import PREFECT_API_URL

    api_url = PREFECT_API_URL.value()
    if api_url and (why := unreachable_api(api_url)):
        _fail(f"{why}\nHint: start it with `prefect server start`, or unset PREFECT_API_URL to let eventpipe start a temporary one")


def _run_table(summary) -> Table:
    run = summary.run
    seconds = (run.finished - run.started).total_seconds() if run.finished else 0.0
    table = Table(title=f"run {run.run_id}", show_header=True)
    for name in ("inputs", "documents", "new", "skipped", "mentions", "rejects", "seconds"):
        table.add_column(name, justify="right")
    table.add_row(*(str(v) for v in (run.inputs, run.documents, run.new, run.skipped, run.mentions, run.rejects)), f"{seconds:.1f}")
    table.caption = f"warehouse {summary.warehouse} | views {summary.database}"
    return table


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="SQL over the views: documents, mentions, rejects, runs, ...")],
    warehouse: WarehouseOption = None,
    database: DatabaseOption = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="table, csv (list columns joined with ';', maps as JSON), json or parquet.")] = Format.table,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (required for parquet).")] = None,
    limit: Annotated[int, typer.Option(help="Rows shown in table format.")] = 50,
) -> None:
    """Run SQL against the warehouse views (read-only) and print the result.

    Example: eventpipe query "select actor_text, cameo, target_text from mentions" --format csv
    """
    from ..warehouse.query import run_query

    settings = _settings(warehouse=warehouse, database=database)
    try:
        database, filesystem = _readable_database(settings)
        run_query(database, sql, format.value, output, limit, out, filesystem=filesystem)
    except EventpipeError as error:
        _fail(error)


@app.command()
def score(
    warehouse: WarehouseOption = None,
    gold: Annotated[Optional[list[Path]], typer.Option("--gold", help="Gold files (default ../shared/gold/*).")] = None,
    out_dir: Annotated[Optional[Path], typer.Option("--out", help="Also write the score files (JSON, Markdown) to this folder; without it nothing is written.")] = None,
) -> None:
    """Score a warehouse (default: a fresh run on seeds/ in a temporary folder) against gold annotations, per field.

    Example: eventpipe score --gold ../shared/gold/seeds_gold.json --out bench/results
    """
    from ..evaluation.scoring import score_command

    try:
        out.print(score_command(Path(warehouse) if warehouse else None, gold, out_dir, build=_build))
    except (EventpipeError, FileNotFoundError) as error:
        _fail(error)


@app.command()
def serve(
    inputs: Annotated[Optional[list[str]], typer.Argument(help="Folders, globs or manifests to process on each run (default: seeds/).")] = None,
    warehouse: WarehouseOption = None,
    cron: Annotated[Optional[str], typer.Option(help="Cron schedule, e.g. '*/15 * * * *'.")] = None,
    interval: Annotated[Optional[int], typer.Option(help="Seconds between runs (instead of --cron).")] = None,
    name: Annotated[str, typer.Option(help="Deployment name.")] = "eventpipe",
) -> None:
    """Serve the pipeline on a schedule against a Prefect server (needs PREFECT_API_URL; SIGTERM or Ctrl-C stops).

    Example: prefect server start & PREFECT_API_URL=http://127.0.0.1:4200/api eventpipe serve inbox/ --cron '*/15 * * * *'
    """
    if cron and interval:
        _fail("give --cron or --interval, not both", ExitCode.USAGE)
    configure_prefect()
    import os

    if not os.environ.get("PREFECT_API_URL"):
        err.print("[yellow]Warning:[/] PREFECT_API_URL is not set: schedules do not run on the ephemeral server. "
                  "Start one with `prefect server start` and export PREFECT_API_URL=http://127.0.0.1:4200/api")
    _require_reachable_api()
    try:
        settings = _settings(inputs=inputs or None, warehouse=warehouse)
    except ValidationError as error:
        _fail(settings_error_message(error, RUN_OPTIONS), ExitCode.USAGE)
    from .serving import serve_pipeline

    raise typer.Exit(serve_pipeline(settings, name=name, cron=cron, interval=interval))


@app.command()
def report(
    warehouse: WarehouseOption = None,
    database: DatabaseOption = None,
    out_file: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path("report.html"),
) -> None:
    """Write one self-contained HTML report of the warehouse (charts, map, runs, explained events).

    Example: eventpipe report --out report.html && xdg-open report.html
    """
    from ..warehouse.report import write_report

    settings = _settings(warehouse=warehouse, database=database)
    try:
        database_file, filesystem = _readable_database(settings)
        path = write_report(database_file, out_file, filesystem=filesystem)
    except EventpipeError as error:
        _fail(error)
    out.print(f"report written to {path}")


@app.command()
def explain(
    event_id: Annotated[Optional[str], typer.Argument(help="Event id (or a unique prefix).")] = None,
    mention: Annotated[Optional[str], typer.Option("--mention", help="Explain one mention id instead.")] = None,
    warehouse: WarehouseOption = None,
    database: DatabaseOption = None,
) -> None:
    """Show why a row exists: fields, highlighted sentences, dictionary and codebook lines, merge reason.

    Example: eventpipe explain 3f9a1c --warehouse warehouse/data
    """
    from ..warehouse.explain import explain_event

    if not event_id and not mention:
        _fail(ValueError("give an EVENT_ID or --mention ID"))
    settings = _settings(warehouse=warehouse, database=database)
    try:
        database_file, filesystem = _readable_database(settings)
        out.print(explain_event(database_file, event_id, mention, filesystem=filesystem))
    except EventpipeError as error:
        _fail(error)


@app.command()
def check(warehouse: WarehouseOption = None) -> None:
    """Check prerequisites (model package, knowledge files, writable warehouse) and say how to fix each; writes nothing.

    Example: eventpipe check
    """
    from .checks import run_checks

    ok = run_checks(_settings(warehouse=warehouse), out)
    raise typer.Exit(0 if ok else 1)


def main() -> None:
    """Console-script entry point; ends the process without the interpreter's teardown (see `_exit`)."""
    try:
        app()
    except SystemExit as stop:
        _exit(stop.code)
    _exit(0)


def _exit(code: int | str | None) -> None:
    """Exit with `code` as `sys.exit` would, minus freeing every object one by one.

    A run leaves millions of objects (spaCy's vocabulary, the dictionaries) that the interpreter
    would free at exit: a second or more a user waits for. What must happen still does: threading's
    exit hooks run and other threads are joined, then atexit handlers (the temporary server's stop,
    multiprocessing's clean-up), and output is flushed.
    """
    import atexit
    import os
    import threading

    if isinstance(code, str):
        sys.stderr.write(code + "\n")
        code = 1
    # As the interpreter does at exit, in its order: threading's exit hooks (concurrent.futures',
    # Prefect's log and event drains, while the server still answers), joining threads, then atexit.
    shutdown = getattr(threading, "_shutdown", None)
    if shutdown is not None:
        shutdown()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code or 0)


if __name__ == "__main__":
    sys.exit(main())
