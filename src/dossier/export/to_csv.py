"""CSV export of one kind: one row per record, one column per field."""

from __future__ import annotations

import dataclasses
import enum
from typing import Any

from dossier.export.csv_text import csv_text
from dossier.export.plain import reading_order
from dossier.model.dossier import Dossier
from dossier.model.records import SECTIONS, field_alias
from dossier.model.values import PartialDate, text_in
from dossier.model.vocabulary import RecordKind


def cell(value: Any, lang: str) -> str:
    """One field as text: lists joined with "; ", language mappings in `lang`, ids as ids."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, PartialDate | int | float | str):
        return str(value)
    if isinstance(value, dict):
        return text_in(value, lang)
    if isinstance(value, list):
        return "; ".join(cell(item, lang) for item in value)
    if dataclasses.is_dataclass(value):
        # A nested entry (a role, a figure, a follow-up): its filled fields, named.
        parts = []
        for entry in dataclasses.fields(value):
            if entry.name == "audience" and getattr(value, entry.name) == entry.default:
                continue  # everyone may read it: the usual case, not worth a word in a cell
            text = cell(getattr(value, entry.name), lang)
            if text:
                parts.append(f"{field_alias(entry.name)}: {text}")
        return ", ".join(parts)
    return str(value)


def table_of(dossier: Dossier, kind: RecordKind, lang: str) -> tuple[list[str], list[list[str]]]:
    """The header and rows of one kind: what a CSV file and a spreadsheet's sheet hold."""
    model: Any = SECTIONS[kind.value]
    names = list(reading_order(dict.fromkeys(f.name for f in dataclasses.fields(model))))
    header = [field_alias(n) for n in names]
    records = getattr(dossier, kind.value)
    return header, [[cell(getattr(record, n), lang) for n in names] for record in records]


def export_csv(dossier: Dossier, kind: RecordKind, lang: str = "en") -> str:
    header, rows = table_of(dossier, kind, lang)
    return csv_text(header, rows)
