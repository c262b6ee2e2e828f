"""`dossier import`: spreadsheet and CSV rows added to or changed in the dossier, matched by
id or name, ambiguities reported, and the export of the same records changing nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import SAMPLE, Run


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "clusters.yaml"
    shutil.copyfile(SAMPLE, copy)
    return copy


def test_importing_the_csv_export_of_the_people_changes_nothing(run: Run, data: Path) -> None:
    run("export", "--format", "csv", "--kind", "people", "-o", "people.csv", data=data)
    before = data.read_bytes()
    result = run("import", "people.csv", "--kind", "people", "--apply", data=data)
    assert result.exit_code == 0, result
    assert result.stdout == ""
    assert result.stderr == "dossier: 0 to add, 0 to change, 18 unchanged; written\n"
    assert data.read_bytes() == before


def test_spreadsheet_headers_a_dry_run_and_an_apply(run: Run, data: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "id,Full name,Surname,E-mail,Kanji\n"
        "norihiko-fukuda,Norihiko Fukuda,Fukuda,mayor@city.example.jp,福田紀彦\n"
        "jane-doe,Jane Doe,Doe,jane@example.org,\n",
        encoding="utf-8",
    )
    before = data.read_bytes()
    dry = run("import", "sheet.csv", data=data)
    assert dry.stdout == (
        "row 2: change norihiko-fukuda\n"
        "  email: '' → 'mayor@city.example.jp'\n"
        "row 3: add jane-doe\n"
    )
    assert dry.stderr == "dossier: 1 to add, 1 to change, 0 unchanged (a dry run: --apply writes)\n"
    assert data.read_bytes() == before
    assert run("import", "sheet.csv", "--apply", data=data).exit_code == 0
    assert "jane@example.org" in run("show", "jane-doe", data=data).stdout
    assert "mayor@city.example.jp" in run("show", "norihiko-fukuda", data=data).stdout
    # The same file again: nothing left to do.
    again = run("import", "sheet.csv", data=data)
    assert (
        again.stderr == "dossier: 0 to add, 0 to change, 2 unchanged (a dry run: --apply writes)\n"
    )


def test_a_row_that_fits_several_records_is_reported_not_guessed(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "d.yaml"
    data.write_text(
        "people:\n  - {id: a, name: Kim Lee}\n  - {id: b, name: Kim Lee}\n", encoding="utf-8"
    )
    sheet = tmp_path / "s.csv"
    sheet.write_text("Name,E-mail\nKim Lee,kim@example.org\n", encoding="utf-8")
    result = run("import", "s.csv", "--apply", data=data)
    assert "row 2: ambiguous (fits a, b)" in result.stdout
    assert "1 left out" in result.stderr
    assert "kim@example.org" not in data.read_text(encoding="utf-8")


def test_an_xlsx_workbook_with_a_mapped_column(run: Run, data: Path, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["ID", "Name", "Mobile"])
    sheet.append(["ralf-huss", "Ralf Huss", "+49 89 1234567"])
    workbook.save(tmp_path / "delegation.xlsx")
    result = run("import", "delegation.xlsx", "--map", "ID=id", "--map", "Mobile=phone", data=data)
    assert result.exit_code == 0, result
    assert "row 2: change ralf-huss\n  phone: '' → '+49 89 1234567'\n" in result.stdout


def test_an_import_the_data_would_not_validate_with_writes_nothing(
    run: Run, data: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text("id,Name,Phone\nnew-person,New Person,044-200-2111\n", encoding="utf-8")
    before = data.read_bytes()
    result = run("import", "bad.csv", "--apply", data=data)
    assert result.exit_code == 1
    assert "is not a phone number in international form" in result.stderr
    assert data.read_bytes() == before


def test_columns_nothing_can_match_by_are_refused(run: Run, data: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "x.csv"
    sheet.write_text("Colour\nred\n", encoding="utf-8")
    result = run("import", "x.csv", data=data)
    assert result.exit_code == 2
    assert "no column holds an id or a name" in result.stderr
    unknown = run("import", "x.csv", "--map", "Colour=colour", data=data)
    assert unknown.exit_code == 2 and "'colour' is not a field of people" in unknown.stderr
