"""Pydantic validation errors → one readable message per field, with a "did you mean"."""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections import defaultdict
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from dossier.errors import FieldPath, Finding, PathPart
from dossier.model.records import field_alias
from dossier.model.suggest import did_you_mean

T = TypeVar("T")

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}


def describe(value: Any) -> str:
    """How a YAML value reads to the person who wrote it."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value[:40]}'" if len(value) <= 40 else "a long text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _step(data: Any, part: int | str) -> tuple[bool, Any]:
    """The child of `data` at `part`, if there is one."""
    if isinstance(data, dict) and part in data:
        return True, data[part]
    if isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
        return True, data[part]
    return False, None


def _data_path(loc: tuple[int | str, ...], data: Any, *, names_key: bool) -> tuple[FieldPath, Any]:
    """Follow Pydantic's `loc` through the data, dropping union-branch labels it inserts.

    `names_key`: the last part of `loc` is a key the data lacks (a missing field).
    """
    path: list[PathPart] = []
    current = data
    for part in loc:
        found, child = _step(current, part)
        if found:
            path.append(part)
            current = child
        elif names_key and isinstance(current, dict) and part == loc[-1]:
            path.append(part)  # a missing key: the path names it, the data lacks it
            current = None
    return tuple(path), current


_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}


def adapter(kind: Any) -> TypeAdapter[Any]:
    """Pydantic's validator and serializer for a record class, built once."""
    found = _ADAPTERS.get(kind)
    if found is None:
        found = _ADAPTERS[kind] = TypeAdapter(kind)
    return found


def validate(model: type[T], data: Any) -> T:
    """`data` as a `model` record; raises Pydantic's `ValidationError`."""
    result: T = adapter(model).validate_python(data)
    return result


def _nested_model(annotation: Any) -> type | None:
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = _nested_model(arg)
            if found is not None:
                return found
    return None


def model_at(model: type, path: FieldPath) -> type:
    """The record class that validates the mapping at `path` inside a `model` record."""
    for part in path:
        if isinstance(part, int):
            continue
        hints = typing.get_type_hints(model)
        name = next((n for n in hints if field_alias(n) == part), None)
        nested = _nested_model(hints[name]) if name is not None else None
        if nested is None:
            break
        model = nested
    return model


def field_names(model: type) -> list[str]:
    return [field_alias(f.name) for f in dataclasses.fields(model)]


def _single(error: ErrorDetails, path: FieldPath, value: Any, model: type) -> Finding:
    kind = error["type"]
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        key = str(path[-1]) if path else "?"
        parent = model_at(model, path[:-1])
        return Finding(
            "",
            path,
            f"unknown field '{key}'",
            did_you_mean(key, field_names(parent))
            or f"known fields: {', '.join(field_names(parent))} (each described in docs/format.md)",
            at_key=True,
        )
    if kind == "missing":
        key = str(path[-1]) if path else "?"
        return Finding("", path, f"missing required field '{key}'")
    if kind in _EXPECTED:
        hint = ""
        if kind == "string_type" and isinstance(value, dict):
            hint = (
                "this field takes one text, not a text by language; docs/format.md lists the"
                " fields that do"
            )
        return Finding("", path, f"expected {_EXPECTED[kind]}, got {describe(value)}", hint)
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        choices = re.findall(r"'([^']*)'", expected)
        hint = did_you_mean(str(value), choices) if isinstance(value, str) else ""
        return Finding("", path, f"{describe(value)} is not one of {expected}", hint)
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return Finding("", path, f"expected {expected}, got {describe(value)}")
    return Finding("", path, error["msg"], str(error.get("ctx", {}).get("hint", "")))


def field_errors(error: ValidationError, data: Any, model: type) -> list[Finding]:
    """One `Finding` per offending field of `data`, validated as `model`."""
    by_path: defaultdict[FieldPath, list[tuple[ErrorDetails, Any]]] = defaultdict(list)
    for details in error.errors(include_url=False):
        path, value = _data_path(details["loc"], data, names_key=details["type"] == "missing")
        by_path[path].append((details, value))
    result: list[Finding] = []
    for path, group in by_path.items():
        if _is_branch_noise(path, group, by_path):
            continue
        # Pydantic reports each branch of a union (`text or a mapping by language`) as its own
        # error; a user needs one sentence naming what would have been accepted.
        type_errors = [d for d, _ in group if d["type"] in _EXPECTED]
        if len(type_errors) > 1 and len(type_errors) == len(group):
            expected = list(dict.fromkeys(_EXPECTED[d["type"]] for d in type_errors))
            wanted = ", ".join(expected[:-1]) + " or " + expected[-1]
            result.append(Finding("", path, f"expected {wanted}, got {describe(group[0][1])}"))
            continue
        specific = [(d, v) for d, v in group if d["type"] not in _EXPECTED] or group
        details, value = specific[0]
        result.append(_single(details, path, value, model))
    return result


def _is_branch_noise(
    path: FieldPath, group: list[tuple[ErrorDetails, Any]], by_path: dict[FieldPath, Any]
) -> bool:
    """A type error from one union branch while another branch found a fault deeper inside.

    `people: [{person: x, bogus: 1}]` fails as text (wrong type) and as a mapping (unknown
    key); only the second says what the user got wrong.
    """
    if not all(d["type"] in _EXPECTED for d, _ in group):
        return False
    return any(len(other) > len(path) and other[: len(path)] == path for other in by_path)
