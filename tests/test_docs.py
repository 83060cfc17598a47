"""Docs cannot drift: README's generated sections match the code; every command has help with an example."""

import pytest
from typer.testing import CliRunner

from eventpipe.flows.cli import app
from eventpipe.flows.docs import README, render
from eventpipe.flows.settings import Settings
from eventpipe.schemas import TABLES, column_docs

COMMANDS = [c.name or c.callback.__name__ for c in app.registered_commands]


def test_docs_readme_generated_sections_are_current():
    assert render(README.read_text()) == README.read_text(), "run: python -m eventpipe.flows.docs"


@pytest.mark.parametrize("command", COMMANDS)
def test_docs_every_command_has_help_with_an_example(command):
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Example:" in result.output


@pytest.mark.parametrize("name", list(Settings.model_fields))
def test_docs_every_setting_is_in_readme(name):
    assert f"EVENTPIPE_{name.upper()}" in README.read_text()


@pytest.mark.parametrize("table", list(TABLES))
def test_docs_every_column_has_a_description(table):
    assert all(description for _, _, description in column_docs(TABLES[table]))


def test_docs_every_analysis_view_is_in_readme():
    from eventpipe.warehouse.publish import analysis_views

    assert all(f"`{name}`" in README.read_text() for name, _ in analysis_views())


def test_docs_issue_19_table_json_schemas_are_current():
    from eventpipe.flows.docs import table_schema_files

    assert all(path.exists() and path.read_text() == text for path, text in table_schema_files().items()), "run: python -m eventpipe.flows.docs"
