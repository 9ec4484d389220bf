"""Lossless conversion between the minutes dataclasses and JSON-ready dicts, and the JSON Schema.

Dates are ISO strings, times "HH:MM" (or "HH:MM:SS" when seconds are set), enums their value.
Both directions and the schema are driven by the dataclass type hints, so a field added to the
model is serialised, parsed and described without touching this module.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date, time
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from . import model

T = TypeVar("T")


class MinutesFormatError(ValueError):
    """The JSON does not describe a valid minutes record; the message says where and why."""


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


def _optional_inner(tp: Any) -> Any | None:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return None


def _format_time(t: time) -> str:
    return t.strftime("%H:%M:%S" if t.second else "%H:%M")


def to_dict(obj: Any) -> Any:
    """Turn a minutes dataclass (or a list/value inside one) into JSON-ready data."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, time):
        return _format_time(obj)
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, list):
        return [to_dict(v) for v in obj]
    return obj


def from_dict(cls: type[T], data: Any, path: str = "$") -> T:
    """Build ``cls`` from JSON data, rejecting unknown keys and wrong types with their path."""
    return _load(cls, data, path)


def _load(tp: Any, data: Any, path: str) -> Any:
    inner = _optional_inner(tp)
    if inner is not None:
        return None if data is None else _load(inner, data, path)
    if data is None:
        raise MinutesFormatError(f"{path}: värde saknas (null är inte tillåtet här)")
    origin = typing.get_origin(tp)
    if origin is list:
        if not isinstance(data, list):
            raise MinutesFormatError(f"{path}: en lista väntades")
        (item_tp,) = typing.get_args(tp)
        return [_load(item_tp, v, f"{path}[{i}]") for i, v in enumerate(data)]
    if dataclasses.is_dataclass(tp):
        if not isinstance(data, dict):
            raise MinutesFormatError(f"{path}: ett objekt väntades")
        hints = _hints(tp)
        names = {f.name for f in dataclasses.fields(tp)}
        unknown = sorted(set(data) - names)
        if unknown:
            raise MinutesFormatError(f"{path}: okända fält {', '.join(unknown)}")
        kwargs = {k: _load(hints[k], v, f"{path}.{k}") for k, v in data.items()}
        try:
            return tp(**kwargs)
        except TypeError as exc:  # a required field is missing
            raise MinutesFormatError(f"{path}: {exc}") from None
    if isinstance(tp, type) and issubclass(tp, Enum):
        try:
            return tp(data)
        except ValueError:
            allowed = ", ".join(m.value for m in tp)
            raise MinutesFormatError(f"{path}: {data!r} är inte ett av {allowed}") from None
    if tp is date:
        return _parse(date.fromisoformat, data, path, "ett datum ÅÅÅÅ-MM-DD")
    if tp is time:
        return _parse(time.fromisoformat, data, path, "en tid TT:MM")
    if tp is bool:
        if not isinstance(data, bool):
            raise MinutesFormatError(f"{path}: true eller false väntades")
        return data
    if tp is int:
        if isinstance(data, bool) or not isinstance(data, int):
            raise MinutesFormatError(f"{path}: ett heltal väntades")
        return data
    if tp is str:
        if not isinstance(data, str):
            raise MinutesFormatError(f"{path}: en text väntades")
        return data
    raise TypeError(f"unsupported type in minutes model: {tp!r}")  # a programming error


def _parse(fn: Any, data: Any, path: str, what: str) -> Any:
    if not isinstance(data, str):
        raise MinutesFormatError(f"{path}: {what} väntades")
    try:
        return fn(data)
    except ValueError:
        raise MinutesFormatError(f"{path}: {data!r} är inte {what}") from None


def dumps(minutes: model.Minutes | list[model.Minutes], indent: int | None = 2) -> str:
    return json.dumps(to_dict(minutes), ensure_ascii=False, indent=indent)


def loads(text: str) -> model.Minutes:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MinutesFormatError(f"ogiltig JSON: {exc}") from None
    return from_dict(model.Minutes, data)


# --- JSON Schema -------------------------------------------------------------------------

SCHEMA_ID = "https://kansli.example/schema/minutes.schema.json"


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :class:`model.Minutes`, derived from the dataclasses."""
    defs: dict[str, Any] = {}
    root = _schema_for(model.Minutes, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Kansli minutes record (protokoll, protokollsutdrag, kallelse)",
        **defs[root["$ref"].rsplit("/", 1)[1]],
        "$defs": {k: v for k, v in sorted(defs.items())},
    }


def _schema_for(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    inner = _optional_inner(tp)
    if inner is not None:
        return {"anyOf": [_schema_for(inner, defs), {"type": "null"}]}
    if typing.get_origin(tp) is list:
        (item_tp,) = typing.get_args(tp)
        return {"type": "array", "items": _schema_for(item_tp, defs)}
    if dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            hints = _hints(tp)
            fields = dataclasses.fields(tp)
            defs[name] = {
                "type": "object",
                "description": (tp.__doc__ or name).strip().splitlines()[0],
                "properties": {f.name: _schema_for(hints[f.name], defs) for f in fields},
                "required": [
                    f.name
                    for f in fields
                    if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
                ],
                "additionalProperties": False,
            }
        return {"$ref": f"#/$defs/{name}"}
    if isinstance(tp, type) and issubclass(tp, Enum):
        return {"type": "string", "enum": [m.value for m in tp]}
    if tp is date:
        return {"type": "string", "format": "date"}
    if tp is time:
        return {"type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2})?$"}
    return {bool: {"type": "boolean"}, int: {"type": "integer"}, str: {"type": "string"}}[tp]
