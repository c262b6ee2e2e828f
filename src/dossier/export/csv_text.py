"""CSV that spreadsheets open safely: formulas neutralized, one header row."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(cell: str) -> str:
    """A cell a spreadsheet would run as a formula, made plain text with a leading quote."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([csv_safe(cell) for cell in row] for row in rows)
    return out.getvalue()
