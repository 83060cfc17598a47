"""The published contract: JSON Schema per table and a schema version that follows the columns."""

import datetime as dt

import pytest
from pydantic import Field

from eventpipe.schemas import TABLES, Run, arrow_schema, to_table
from eventpipe.schemas.contract import schema_version, table_json_schema


@pytest.mark.parametrize("table", list(TABLES))
def test_contract_issue_19_json_schema_has_every_column_with_its_description(table):
    schema = table_json_schema(table)
    assert list(schema["properties"]) == arrow_schema(TABLES[table]).names
    assert all(p["description"] for p in schema["properties"].values())
    assert schema["x-eventpipe-schema-version"] == schema_version()


def test_contract_issue_19_json_schema_validates_a_stored_row():
    jsonschema = pytest.importorskip("jsonschema")
    run = Run(run_id="r", started=dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc), code_version="0", model="m", codebook_version="c",
              timings={"parse": 1.5})
    row = to_table([run], Run).to_pylist()[0]
    row = {k: (v.isoformat() if isinstance(v, dt.datetime) else dict(v) if k == "timings" else v) for k, v in row.items()}
    jsonschema.validate(row, table_json_schema("runs"))


def test_contract_issue_19_runs_record_the_schema_version_and_it_follows_the_columns(monkeypatch):
    run = Run(run_id="r", started=dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc), code_version="0", model="m", codebook_version="c")
    assert run.schema_version == schema_version() and len(run.schema_version) == 12
    import eventpipe.schemas as schemas

    class Wider(schemas.Reject):
        new_column: str | None = Field(None, description="A column added later.")

    before = schema_version()
    schema_version.cache_clear()
    monkeypatch.setitem(schemas.TABLES, "rejects", Wider)
    try:
        assert schema_version() != before
    finally:
        monkeypatch.setitem(schemas.TABLES, "rejects", schemas.Reject)
        schema_version.cache_clear()
    assert schema_version() == before
