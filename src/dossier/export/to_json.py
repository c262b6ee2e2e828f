"""JSON export: UTF-8, stable key order, a newline at the end."""

from __future__ import annotations

from pydantic_core import to_json

from dossier.export.plain import as_data
from dossier.model.dossier import Dossier
from dossier.model.vocabulary import RecordKind


def export_json(dossier: Dossier, kind: RecordKind | None = None) -> bytes:
    """The UTF-8 bytes of the JSON: kept as bytes, since a text of them (where Japanese
    takes two or four bytes a character) would be two to four times as large."""
    # pydantic-core's encoder writes indented JSON natively; the standard library's falls
    # back to pure Python as soon as indentation is asked for.
    return to_json(as_data(dossier, kind), indent=2) + b"\n"
