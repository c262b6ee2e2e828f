"""The rows of `dossier list` as JSON, CSV or tab-separated lines, for other programs."""

from __future__ import annotations

import json
import re

from dossier.export.csv_text import csv_text
from dossier.views.listing import Rows


def rows_json(rows: Rows) -> str:
    """A list of objects, one per row, keyed by the column names in snake case."""
    return json.dumps(rows.as_dicts(), ensure_ascii=False, indent=2) + "\n"


def rows_csv(rows: Rows) -> str:
    return csv_text(rows.columns, rows.rows)


_SEPARATORS = re.compile(r"[\t\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")


def rows_tsv(rows: Rows) -> str:
    """One row a line, cells between tabs, no header (as `gh` prints when piped): what `grep`,
    `cut -f` and `sort` read. A tab or line break inside a value becomes a space."""
    return "".join(
        "\t".join(_SEPARATORS.sub(" ", cell) for cell in row) + "\n" for row in rows.rows
    )
