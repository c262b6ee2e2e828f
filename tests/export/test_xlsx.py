"""`export --format xlsx`: a sheet per kind holding the CSV export's cells, every one text, so
nothing a spreadsheet opens becomes a formula or a number; and the CSV guard, which changes only
cells a spreadsheet would run."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier.export.csv_text import csv_safe, csv_unguarded
from tests.conftest import Run, Write
from tests.programs import needs_libreoffice, sheet_as_csv

HOSTILE = (
    "people:\n  - id: eve\n    name: '=HYPERLINK(\"http://evil\")'\n"
    "    phone: ['+81 44-200-2111']\n    notes: '@SUM(A1)'\n    honorific: '-1+2'\n"
)


def _sheets(path: Path) -> dict[str, list[list[str | None]]]:
    workbook = openpyxl.load_workbook(path)
    return {
        sheet.title: [[cell.value for cell in row] for row in sheet.iter_rows()]
        for sheet in workbook.worksheets
    }


def test_a_sheet_per_kind_with_the_cells_of_the_csv_export(run: Run, tmp_path: Path) -> None:
    assert run("export", "-o", "all.xlsx").exit_code == 0
    sheets = _sheets(tmp_path / "all.xlsx")
    assert list(sheets) == [
        "clusters",
        "organisations",
        "people",
        "agreements",
        "events",
        "sources",
    ]
    for kind, rows in sheets.items():
        run("export", "--format", "csv", "--kind", kind, "-o", f"{kind}.csv")
        text = (tmp_path / f"{kind}.csv").read_text(encoding="utf-8-sig")
        expected = [[csv_unguarded(c) for c in row] for row in csv.reader(io.StringIO(text))]
        assert [[c or "" for c in row] for row in rows] == expected, kind


def test_every_cell_is_text_and_nothing_is_a_formula(
    run: Run, write: Write, tmp_path: Path
) -> None:
    data = write(HOSTILE)
    assert run("export", "--kind", "people", "-o", "p.xlsx", data=data).exit_code == 0
    sheet = openpyxl.load_workbook(tmp_path / "p.xlsx")["people"]
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert cells and {cell.data_type for cell in cells} == {"s"}
    values = {cell.value for cell in cells}
    assert {'=HYPERLINK("http://evil")', "+81 44-200-2111", "@SUM(A1)", "-1+2"} <= values


def test_the_same_data_gives_the_same_workbook(run: Run, tmp_path: Path) -> None:
    run("export", "-o", "a.xlsx")
    run("export", "-o", "b.xlsx", env={"DOSSIER_TODAY": "2026-11-25"})
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_a_workbook_is_not_written_to_standard_output(run: Run) -> None:
    result = run("export", "--format", "xlsx")
    assert result.exit_code == 2
    assert result.stderr == (
        "dossier: --format xlsx writes a workbook file: name it with -o, such as -o dossier.xlsx\n"
    )


def test_importing_the_workbook_changes_nothing(run: Run, write: Write, tmp_path: Path) -> None:
    data = write(HOSTILE)
    run("export", "--kind", "people", "-o", "p.xlsx", data=data)
    result = run("import", "p.xlsx", "--apply", data=data)
    assert result.stderr == "dossier: 0 to add, 0 to change, 1 unchanged; written\n", result


@needs_libreoffice("calc")
def test_libreoffice_reads_phone_numbers_and_formulas_as_text(
    run: Run, write: Write, tmp_path: Path
) -> None:
    data = write(HOSTILE)
    run("export", "--kind", "people", "-o", "p.xlsx", data=data)
    back = sheet_as_csv(tmp_path / "p.xlsx", tmp_path)
    for value in ("+81 44-200-2111", "@SUM(A1)", "-1+2", "HYPERLINK"):
        assert value in back, back
    assert "http://evil" in back  # the formula's text, not a link it was run into


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("+81 44-200-2111", "+81 44-200-2111"),
        ("-5", "-5"),
        ("+49 (89) 1234-0", "+49 (89) 1234-0"),
        ("=1+1", "'=1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-1+HYPERLINK(1)", "'-1+HYPERLINK(1)"),
        ("\t=1", "'\t=1"),
        ("'=quoted", "''=quoted"),
    ],
)
def test_csv_guards_only_what_a_spreadsheet_would_run(cell: str, written: str) -> None:
    assert csv_safe(cell) == written


@given(st.text())
def test_the_csv_guard_is_undone_exactly(text: str) -> None:
    assert csv_unguarded(csv_safe(text)) == text


@given(st.text())
def test_no_guarded_cell_starts_as_a_formula(text: str) -> None:
    written = csv_safe(text)
    starts_a_formula = written[:1] in ("=", "@", "\t", "\r")
    plus_minus_text = written[:1] in ("+", "-") and any(
        not (c.isdigit() or c.isspace() or c in "().-/") for c in written[1:]
    )
    assert not (starts_a_formula or plus_minus_text)
