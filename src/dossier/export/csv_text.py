"""CSV that spreadsheets open safely: formulas neutralized, one header row."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _guarded(cell: str) -> bool:
    """A cell that starts as a formula would, after any quotes that guard it."""
    return cell.lstrip("'").startswith(_FORMULA_STARTS)


def csv_safe(cell: str) -> str:
    """A cell a spreadsheet would run as a formula, made plain text with a leading quote
    (as is a text that starts with such a quote itself, so that `csv_unguarded` gives back
    exactly what was written)."""
    return "'" + cell if _guarded(cell) else cell


def csv_unguarded(cell: str) -> str:
    """A cell as it was before `csv_safe`: one guarding quote taken off."""
    return cell[1:] if cell.startswith("'") and _guarded(cell) else cell


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([csv_safe(cell) for cell in row] for row in rows)
    return out.getvalue()
