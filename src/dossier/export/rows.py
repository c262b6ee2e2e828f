"""The rows of `dossier list` as JSON or CSV, for other programs."""

from __future__ import annotations

import json

from dossier.export.csv_text import csv_text
from dossier.views.listing import Rows


def rows_json(rows: Rows) -> str:
    """A list of objects, one per row, keyed by the column names in snake case."""
    return json.dumps(rows.as_dicts(), ensure_ascii=False, indent=2) + "\n"


def rows_csv(rows: Rows) -> str:
    return csv_text(rows.columns, rows.rows)
