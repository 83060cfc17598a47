"""Generate README sections from the code (tables from the models, settings, CLI help) and the
tables' JSON Schemas (docs/tables/<table>.json) so docs cannot drift.

    python -m eventpipe.flows.docs          # rewrite README.md and docs/tables/ in place
    python -m eventpipe.flows.docs --check  # exit 1 when either is stale
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from ..extraction.errors import REASONS
from ..schemas import TABLES, column_docs
from .settings import Settings

README = Path(__file__).resolve().parent.parent / "README.md"
TABLE_SCHEMAS = README.parent / "docs" / "tables"
TABLE_INTROS = {
    "documents": "One row per ingested article (not partitioned).",
    "mentions": "One row per event mention: a sentence's actor, action, target, place and date. Partitioned by `event_month`.",
    "events": "One row per real-world event: its mentions merged within and across documents, with counts and the merge reason. Partitioned by `event_month`.",
    "rejects": "One row per input or record that could not be used, with the reason.",
    "runs": "One row per pipeline run: counts, seconds per stage, versions and settings.",
}


def tables_markdown() -> str:
    """A Markdown section per table, one row per column, from the Pydantic models."""
    parts = []
    for name, model in TABLES.items():
        rows = "\n".join(f"| `{col}` | {typ} | {desc} |" for col, typ, desc in column_docs(model))
        parts.append(f"### `{name}`\n{TABLE_INTROS[name]} JSON Schema: [`docs/tables/{name}.json`](docs/tables/{name}.json).\n\n"
                     f"| column | type | meaning |\n|---|---|---|\n{rows}\n")
        if name == "rejects":
            reasons = "\n".join(f"| `{code}` | {meaning} |" for code, meaning in REASONS.items())
            parts.append(f"Reject reasons (`reason`):\n\n| reason | meaning |\n|---|---|\n{reasons}\n")
    return "\n".join(parts)


def settings_markdown() -> str:
    """One row per setting with its environment variable and default."""
    rows = []
    for name, field in Settings.model_fields.items():
        default = "[]" if field.default_factory else repr(field.default)
        rows.append(f"| `EVENTPIPE_{name.upper()}` | `{default}` | {field.description} |")
    return "| variable | default | meaning |\n|---|---|---|\n" + "\n".join(rows) + "\n"


def cli_markdown() -> str:
    """`--help` of each command, as README shows it."""
    from typer.testing import CliRunner

    from .cli import app

    runner = CliRunner()
    commands = [c.name or c.callback.__name__ for c in app.registered_commands]
    parts = []
    for command in commands:
        result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}, terminal_width=100)
        parts.append(f"#### `eventpipe {command}`\n```\n{result.output.strip()}\n```\n")
    return "\n".join(parts)


SECTIONS = {"tables": tables_markdown, "settings": settings_markdown, "cli": cli_markdown}


def render(text: str) -> str:
    """README text with every generated section replaced by its current content."""
    for name, make in SECTIONS.items():
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
        text = pattern.sub(lambda m, make=make: m.group(1) + make() + m.group(2), text)
    return text


def table_schema_files() -> dict[Path, str]:
    """docs/tables/<table>.json for every table: path -> content."""
    from ..schemas.contract import table_json_schema

    return {TABLE_SCHEMAS / f"{name}.json": json.dumps(table_json_schema(name), indent=2) + "\n" for name in TABLES}


def main(argv: list[str]) -> int:
    current = README.read_text()
    fresh = render(current)
    schemas = table_schema_files()
    if "--check" in argv:
        stale = [str(p) for p, text in schemas.items() if not p.exists() or p.read_text() != text]
        if fresh != current or stale:
            print(f"stale: {', '.join(['README.md'] * (fresh != current) + stale)}: run `python -m eventpipe.flows.docs`", file=sys.stderr)
            return 1
        return 0
    README.write_text(fresh)
    TABLE_SCHEMAS.mkdir(parents=True, exist_ok=True)
    for path, text in schemas.items():
        path.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
