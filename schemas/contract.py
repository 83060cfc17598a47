"""The tables as downstream readers see them: a JSON Schema per table (the flattened columns as
stored in Parquet) and one version string that changes whenever any table's columns change."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache

import pyarrow as pa

from .arrow import arrow_schema, column_docs

SCHEMA_URL = "https://json-schema.org/draft/2020-12/schema"


def _json_type(arrow_type: pa.DataType) -> dict:
    if pa.types.is_list(arrow_type):
        return {"type": "array", "items": _json_type(arrow_type.value_type)}
    if pa.types.is_map(arrow_type):
        return {"type": "object", "additionalProperties": _json_type(arrow_type.item_type)}
    if pa.types.is_boolean(arrow_type):
        return {"type": "boolean"}
    if pa.types.is_integer(arrow_type):
        return {"type": "integer"}
    if pa.types.is_floating(arrow_type):
        return {"type": "number"}
    if pa.types.is_date(arrow_type):
        return {"type": "string", "format": "date"}
    if pa.types.is_timestamp(arrow_type):
        return {"type": "string", "format": "date-time"}
    return {"type": "string"}


def _tables() -> dict:
    from . import TABLES

    return TABLES


@lru_cache(maxsize=1)
def schema_version() -> str:
    """12 hex digits of sha256 over every table's columns (name, Arrow type, nullability), in order.

    Descriptions do not count: only a change a reader's code could trip on moves the version.
    """
    contract = {name: [(f.name, str(f.type), f.nullable) for f in arrow_schema(model)] for name, model in _tables().items()}
    return hashlib.sha256(json.dumps(contract, sort_keys=True).encode()).hexdigest()[:12]


def table_json_schema(name: str) -> dict:
    """The JSON Schema of one row of table `name` (a view or Parquet row, as a JSON object)."""
    model = _tables()[name]
    described = {column: description for column, _, description in column_docs(model)}
    properties, required = {}, []
    for field in arrow_schema(model):
        kind = _json_type(field.type)
        if field.nullable:
            kind = {"anyOf": [kind, {"type": "null"}]}
        else:
            required.append(field.name)
        properties[field.name] = {**kind, "description": described.get(field.name, "")}
    return {
        "$schema": SCHEMA_URL,
        "title": name,
        "description": (model.__doc__ or "").strip().splitlines()[0],
        "x-eventpipe-schema-version": schema_version(),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
