"""A record with its faulty fields mended, so that everything else in it is still checked.

When a record fails validation, its faults are reported; but its other fields (a reference in
the same role, a person in the same agenda item) must be cross-checked in the same run, or a
user fixes one error only to meet the next. The record is rebuilt with each faulty value taken
out: an unknown or optional field is dropped, a required one gets a stand-in value of its
type. The result is only ever cross-checked, never shown: findings that touch a mended place
are left out by `overlaps`, so no stand-in and no warning derived from a faulty entry is
reported.
"""

from __future__ import annotations

import copy
import dataclasses
import enum
import functools
import types
import typing
from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import ValidationError

from dossier.datafile.validation import adapter, validate
from dossier.errors import FieldPath
from dossier.model.records import field_alias

T = TypeVar("T")

_STAND_INS: tuple[Any, ...] = ("", "stand-in", "00:00", 1000, 0, False, [], {})
"""Values tried, in order, for a required field whose own value is faulty."""


def mended(model: type[T], raw: dict[str, Any], faulty: Iterable[FieldPath]) -> T | None:
    """`raw` as a `model` record with every faulty path mended; None where that is not
    possible (the id itself is faulty, or a stand-in cannot be found)."""
    data = copy.deepcopy(raw)
    for path in sorted(set(faulty), key=len, reverse=True):
        if not path or path[0] == "id" or not _mend(model, data, path):
            return None
    try:
        return validate(model, data)
    except ValidationError:
        return None


def overlaps(basis: Iterable[FieldPath], faulty: Iterable[FieldPath]) -> bool:
    """Whether a finding derived from the places `basis` touches a faulty place: one lies
    inside the other (`roles` and `roles[0].since`, or `roles[0]` and `roles[0].title`)."""
    faulty = list(faulty)
    return any(f[: len(b)] == b or b[: len(f)] == f for b in basis for f in faulty)


def _mend(model: type, data: Any, path: FieldPath) -> bool:
    parent = data
    for part in path[:-1]:
        found = _child(parent, part)
        if found is None:
            return True  # already taken out with a faulty parent
        parent = found
    last = path[-1]
    annotation = _annotation_at(model, path)
    if isinstance(parent, dict) and isinstance(last, str):
        if annotation is None or not _required(model, path):
            parent.pop(last, None)  # unknown or optional: leave it out
            return True
        stand_in = _stand_in(annotation)
        if stand_in is None:
            return False
        parent[last] = stand_in
        return True
    if isinstance(parent, list) and isinstance(last, int) and 0 <= last < len(parent):
        stand_in = _stand_in(annotation) if annotation is not None else None
        if stand_in is None:
            return False
        parent[last] = stand_in  # a stand-in, not a removal: later indexes keep their place
        return True
    return True


def _child(data: Any, part: str | int) -> Any:
    if isinstance(data, dict):
        return data.get(part)
    if isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
        return data[part]
    return None


@functools.cache
def _hints(model: type) -> dict[str, Any]:
    return typing.get_type_hints(model, include_extras=True)


def _without_none(annotation: Any) -> Any:
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        arms = [a for a in typing.get_args(annotation) if a is not type(None)]
        return arms[0] if len(arms) == 1 else annotation
    return annotation


def _dataclass_in(annotation: Any) -> type | None:
    annotation = _without_none(annotation)
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return annotation
    if isinstance(annotation, types.UnionType):
        found = [a for a in typing.get_args(annotation) if dataclasses.is_dataclass(a)]
        return found[0] if found and isinstance(found[0], type) else None
    return None


def _annotation_at(model: type, path: FieldPath) -> Any | None:
    """The declared type of the value at `path` inside a `model` record; None for a path
    through an unknown field."""
    annotation: Any = model
    for part in path:
        if isinstance(part, int):
            inner = _without_none(annotation)
            if typing.get_origin(inner) is not list:
                return None
            annotation = typing.get_args(inner)[0]
            continue
        nested = _dataclass_in(annotation)
        if nested is None:
            return None
        hints = _hints(nested)
        name = next((n for n in hints if field_alias(n) == part), None)
        if name is None:
            return None
        annotation = hints[name]
    return annotation


def _required(model: type, path: FieldPath) -> bool:
    owner = _dataclass_in(_annotation_at(model, path[:-1]) if path[:-1] else model)
    if owner is None:
        return False
    for item in dataclasses.fields(owner):
        if field_alias(item.name) == path[-1]:
            no_default = item.default is dataclasses.MISSING
            return no_default and item.default_factory is dataclasses.MISSING
    return False


def _stand_in(annotation: Any) -> Any | None:
    inner = _without_none(annotation)
    candidates: list[Any] = list(_STAND_INS)
    if isinstance(inner, type) and issubclass(inner, enum.Enum):
        candidates.insert(0, next(iter(inner)).value)
    nested = _dataclass_in(inner)
    for candidate in candidates:
        try:
            adapter(annotation).validate_python(candidate)
        except ValidationError:
            continue
        return candidate
    if nested is not None:
        return _minimal(nested)
    return None


def _minimal(model: type) -> dict[str, Any] | None:
    """The smallest mapping a nested entry accepts: each required field a stand-in."""
    data: dict[str, Any] = {}
    for item in dataclasses.fields(model):
        if item.default is dataclasses.MISSING and item.default_factory is dataclasses.MISSING:
            value = _stand_in(_hints(model)[item.name])
            if value is None:
                return None
            data[field_alias(item.name)] = value
    return data
