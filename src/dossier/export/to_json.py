"""JSON export: UTF-8, stable key order, a newline at the end."""

from __future__ import annotations

import json

from dossier.dossier import Dossier
from dossier.export import ExportKind, as_data


def export_json(dossier: Dossier, kind: ExportKind | None = None) -> str:
    return json.dumps(as_data(dossier, kind), ensure_ascii=False, indent=2) + "\n"
