"""CSV that spreadsheets open safely: formulas that would run neutralized, one header row."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

_NUMBER = re.compile(r"[+-][0-9 ().\-/]*")
"""A signed number or a phone number: `+81 44-200-2111`, `-5`, `+49 (89) 1234`."""


def _runs(cell: str) -> bool:
    """Whether a spreadsheet opening the CSV would run `cell` as a formula that reaches
    beyond the cell: one that starts with `=` or `@`, or with a tab or a carriage return
    (ways past a guard), or with `+` or `-` and then anything but a number's characters
    (`+cmd|' /C calc'!A0`, `-1+HYPERLINK(…)`). A phone number or a signed number is left as
    it is: guarding it would change it for every program that reads the CSV, not only for
    a spreadsheet, and a spreadsheet user has `--format xlsx`, whose cells are always text."""
    if not cell:
        return False
    if cell[0] in "=@\t\r":
        return True
    return cell[0] in "+-" and _NUMBER.fullmatch(cell) is None


def _guarded(cell: str) -> bool:
    """A cell that would run, after any quotes that guard it."""
    return _runs(cell.lstrip("'"))


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
