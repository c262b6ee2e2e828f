"""The dossier as plain JSON-ready data, in the order of the data format: what the JSON and
YAML exports write."""

from __future__ import annotations

from typing import Any

from dossier.model.dossier import Dossier
from dossier.model.records import SECTIONS, SETTINGS
from dossier.model.vocabulary import RecordKind

TRAILING_FIELDS = ("verified", "notes", "sources")


def reading_order(fields: dict[str, Any]) -> dict[str, Any]:
    """A record's fields with what every record shares (`verified`, `notes`, `sources`) at the
    end."""
    ordered = {k: v for k, v in fields.items() if k not in TRAILING_FIELDS}
    ordered.update((k, fields[k]) for k in TRAILING_FIELDS if k in fields)
    return ordered


def record_data(record: Any, *, compact: bool = False) -> dict[str, Any]:
    """One record (or entry) as plain data, its fields in the order of the data format."""
    from dossier.datafile.validation import adapter

    dumped = adapter(type(record)).dump_python(
        record, mode="json", by_alias=True, exclude_defaults=compact
    )
    return reading_order(dumped)


def as_data(dossier: Dossier, kind: RecordKind | None = None, *, compact: bool = False) -> Any:
    """The dossier as plain JSON-ready data, in the order of the data format.

    Dates keep their precision (`2017-02` stays `2017-02`). `compact` leaves out empty and
    default fields, for YAML meant to be read by people.
    """

    def dump(records: list[Any]) -> list[dict[str, Any]]:
        return [record_data(r, compact=compact) for r in records]

    if kind is not None:
        return dump(getattr(dossier, kind.value))
    data: dict[str, Any] = {key: getattr(dossier, key) for key in SETTINGS}
    for section in SECTIONS:
        data[section] = dump(getattr(dossier, section))
    if compact:
        data = {k: v for k, v in data.items() if v not in (None, [])}
    return data
