"""Arrow schemas and flat rows derived from the Pydantic models: no column list is typed twice."""

from __future__ import annotations

import datetime as dt
import functools
import types
from collections import namedtuple
from typing import Any, Literal, Union, get_args, get_origin

import pyarrow as pa
from pydantic import BaseModel
from pydantic.fields import FieldInfo

_SCALARS: dict[Any, pa.DataType] = {
    str: pa.string(),
    int: pa.int64(),
    float: pa.float64(),
    bool: pa.bool_(),
    dt.date: pa.date32(),
    dt.datetime: pa.timestamp("us", tz="UTC"),
}


def _strip_optional(annotation: Any) -> tuple[Any, bool]:
    """The annotation without `| None`, and whether None was allowed."""
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _column_name(prefix: str, name: str, info: FieldInfo) -> str:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    if prefix and "column" in extra:
        return str(extra["column"])
    return f"{prefix}_{name}" if prefix else name


def _arrow_type(annotation: Any) -> pa.DataType:
    if get_origin(annotation) is Literal:
        return pa.string()
    if get_origin(annotation) is dict:
        key, value = get_args(annotation)
        return pa.map_(_arrow_type(key), _arrow_type(value))
    if get_origin(annotation) is list:
        return pa.list_(_arrow_type(get_args(annotation)[0]))
    if annotation in _SCALARS:
        return _SCALARS[annotation]
    raise TypeError(f"no Arrow type for {annotation!r}")


def _flat_fields(model: type[BaseModel], prefix: str = "", nullable: bool = False):
    """Yield (column, path, arrow type, nullable, description) for every leaf field."""
    for name, info in model.model_fields.items():
        annotation, optional = _strip_optional(info.annotation)
        column = _column_name(prefix, name, info)
        if _is_model(annotation):
            yield from (
                (col, (name, *path), typ, null, desc)
                for col, path, typ, null, desc in _flat_fields(annotation, column, nullable or optional)
            )
        else:
            yield column, (name,), _arrow_type(annotation), nullable or optional, info.description or ""


def arrow_schema(model: type[BaseModel]) -> pa.Schema:
    """The flat Arrow schema of a model: nested models become prefixed columns."""
    return pa.schema(
        [pa.field(col, typ, nullable=null) for col, _, typ, null, _ in _flat_fields(model)]
    )


def column_docs(model: type[BaseModel]) -> list[tuple[str, str, str]]:
    """(column, Arrow type, description) for each flat column: the README table rows."""
    return [(col, str(typ), desc) for col, _, typ, _, desc in _flat_fields(model)]


def _get_path(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    for key in path:
        if data is None:
            return None
        data = data.get(key)
    return data


def to_row(record: BaseModel) -> dict[str, Any]:
    """One flat row of a record, keyed by its Arrow column names."""
    data = record.model_dump()
    return {col: _get_path(data, path) for col, path, *_ in _flat_fields(type(record))}


def to_table(records: list[BaseModel], model: type[BaseModel]) -> pa.Table:
    """An Arrow table of records (possibly none) with the model's schema."""
    schema = arrow_schema(model)
    rows = [to_row(r) for r in records]
    return pa.Table.from_pylist(rows, schema=schema)


def from_row(model: type[BaseModel], row: dict[str, Any]) -> BaseModel:
    """Rebuild a record from a flat row; a nested model whose columns are all null becomes None."""
    return model.model_validate(_nested(model, row))


def view_from_row(model: type[BaseModel], row: dict[str, Any]) -> tuple:
    """A stored record as nested named tuples with the model's field names, unvalidated.

    A read-only stand-in for `from_row` where many stored records are read and only their fields
    are needed (consolidation re-reads every mention of the events it revises): about a fifth of
    the memory of the Pydantic record.
    """
    return _view(model, _nested(model, row))


def _nested(model: type[BaseModel], row: dict[str, Any]) -> dict[str, Any] | None:
    nested: dict[str, Any] = {}
    for col, path, *_ in _flat_fields(model):
        cursor = nested
        for key in path[:-1]:
            cursor = cursor.setdefault(key, {})
        cursor[path[-1]] = _python_value(row.get(col))
    return _prune_empty(nested)


@functools.cache
def _view_shape(model: type[BaseModel]) -> tuple[type, tuple[tuple[str, type[BaseModel] | None], ...]]:
    """The named tuple type of a model's views, and each field with its nested model (None for a value)."""
    fields = []
    for name, info in model.model_fields.items():
        annotation, _ = _strip_optional(info.annotation)
        fields.append((name, annotation if _is_model(annotation) else None))
    return namedtuple(f"{model.__name__}View", list(model.model_fields)), tuple(fields)


def _view(model: type[BaseModel], data: dict[str, Any] | None) -> tuple | None:
    if data is None:
        return None
    view_type, fields = _view_shape(model)
    return view_type(*(_view(nested, data[name]) if nested else data[name] for name, nested in fields))


def _python_value(value: Any) -> Any:
    """Arrow hands maps back as lists of (key, value) pairs; the models want dicts."""
    if isinstance(value, list) and value and all(isinstance(v, tuple) for v in value):
        return dict(value)
    return value


def _prune_empty(data: dict[str, Any]) -> dict[str, Any] | None:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            value = _prune_empty(value)
        out[key] = value
    return out if any(v is not None for v in out.values()) else None
