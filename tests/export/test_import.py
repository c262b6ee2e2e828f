"""`dossier import`: a merge of spreadsheet and CSV rows into the dossier. Rows are matched
by id or name or added with an id made from the name; an empty cell changes nothing; the
dossier's own exports import back unchanged; the dry run checks exactly as --apply does."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml

from tests.conftest import SAMPLE, Run

KINDS = ("people", "organisations", "clusters", "events", "agreements", "sources")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "clusters.yaml"
    shutil.copyfile(SAMPLE, copy)
    return copy


def _records(data: Path, section: str) -> dict[str, dict[str, object]]:
    """The records as an independent reader (PyYAML) reads the file."""
    loaded = yaml.load(data.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return {r["id"]: r for r in loaded[section]}


@pytest.mark.parametrize("lang", ["en", "de", "ja"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_kinds_csv_export_imports_back_unchanged(
    run: Run, data: Path, kind: str, lang: str
) -> None:
    exported = run(
        "export", "--format", "csv", "--kind", kind, "--lang", lang, "-o", "x.csv", data=data
    )
    assert exported.exit_code == 0, exported
    before = data.read_bytes()
    result = run("import", "x.csv", "--kind", kind, "--lang", lang, "--apply", data=data)
    assert result.exit_code == 0, result
    assert result.stdout == ""
    count = len(_records(data, kind))
    assert result.stderr == f"dossier: 0 to add, 0 to change, {count} unchanged; written\n"
    assert data.read_bytes() == before


def test_an_empty_cell_leaves_the_value_and_a_list_cell_adds(
    run: Run, data: Path, tmp_path: Path
) -> None:
    (tmp_path / "d.csv").write_text(
        "id,Notes,E-mail,Phone\nnorihiko-fukuda,,mayor@city.example.jp,\n", encoding="utf-8"
    )
    before = _records(data, "people")["norihiko-fukuda"]
    result = run("import", "d.csv", "--apply", data=data)
    assert result.stdout == "row 2: change norihiko-fukuda\n  email: + 'mayor@city.example.jp'\n"
    after = _records(data, "people")["norihiko-fukuda"]
    assert after == {**before, "email": ["mayor@city.example.jp"]}
    # A second address joins the first; the first is never dropped.
    (tmp_path / "d.csv").write_text("id,E-mail\nnorihiko-fukuda,second@city.example.jp\n")
    run("import", "d.csv", "--apply", data=data)
    emails = _records(data, "people")["norihiko-fukuda"]["email"]
    assert emails == ["mayor@city.example.jp", "second@city.example.jp"]


def test_clear_empty_clears_what_an_empty_cell_stands_for(
    run: Run, data: Path, tmp_path: Path
) -> None:
    (tmp_path / "d.csv").write_text("id,notes\nnorihiko-fukuda,\n", encoding="utf-8")
    dry = run("import", "d.csv", "--clear-empty", data=data)
    assert dry.stdout.startswith("row 2: change norihiko-fukuda\n  notes: 'Address as")
    assert dry.stdout.endswith(" → (cleared)\n")
    assert run("import", "d.csv", "--clear-empty", "--apply", data=data).exit_code == 0
    assert "notes" not in _records(data, "people")["norihiko-fukuda"]


def test_a_changed_text_is_shown_old_to_new_and_nothing_else_changes(
    run: Run, data: Path, tmp_path: Path
) -> None:
    (tmp_path / "d.csv").write_text("id,honorific\nralf-huss,Prof. Dr.\n", encoding="utf-8")
    before = _records(data, "people")
    result = run("import", "d.csv", "--apply", data=data)
    assert result.stdout == "row 2: change ralf-huss\n  honorific: 'Prof.' → 'Prof. Dr.'\n"
    after = _records(data, "people")
    assert after["ralf-huss"] == {**before["ralf-huss"], "honorific": "Prof. Dr."}
    assert {k: v for k, v in after.items() if k != "ralf-huss"} == {
        k: v for k, v in before.items() if k != "ralf-huss"
    }


def test_a_text_in_another_language_is_added_beside_the_stored_one(
    run: Run, data: Path, tmp_path: Path
) -> None:
    (tmp_path / "d.csv").write_text("id,notes\nralf-huss,Geschäftsführer seit 2020.\n")
    result = run("import", "d.csv", "--lang", "de", "--apply", data=data)
    assert result.exit_code == 0, result
    notes = _records(data, "people")["ralf-huss"]["notes"]
    assert isinstance(notes, dict) and notes["de"] == "Geschäftsführer seit 2020."
    assert notes["en"]  # the English text stays


B2MATCH = (
    "Name,Organisation,Country,Position,E-mail,Phone\n"
    "Hanako Yamada,Kawasaki City,JP,Director International Affairs,h.yamada@example.jp,"
    "+81 44 200 2111\n"
    "Jörg Müller,BioM,DE,Project Manager,j.mueller@example.de,\n"
    "Taro Suzuki,Nanotech Example KK,JP,CEO,taro@example.jp,\n"
    "Ralf Huss,BioM Biotech Cluster Development GmbH,DE,,,\n"
)


def test_a_delegation_list_without_ids_adds_its_people_with_roles(
    run: Run, data: Path, tmp_path: Path
) -> None:
    (tmp_path / "delegation.csv").write_text(B2MATCH, encoding="utf-8")
    result = run("import", "delegation.csv", "--apply", data=data)
    assert result.exit_code == 0, result
    assert result.stdout == (
        "row 2: add hanako-yamada\n"
        "  name: 'Hanako Yamada'\n"
        "  roles: 'title: Director International Affairs, organisation: kawasaki-city'\n"
        "  email: 'h.yamada@example.jp'\n"
        "  phone: '+81 44 200 2111'\n"
        "row 3: add joerg-mueller\n"
        "  name: 'Jörg Müller'\n"
        "  roles: 'title: Project Manager, organisation: biom'\n"
        "  email: 'j.mueller@example.de'\n"
        "row 4: add taro-suzuki (no role: organisation 'Nanotech Example KK' is not in the"
        " dossier yet)\n"
        "  name: 'Taro Suzuki'\n"
        "  email: 'taro@example.jp'\n"
    )
    assert result.stderr == (
        "dossier: columns not read: Country (--map COLUMN=FIELD reads one)\n"
        "dossier: 3 to add, 0 to change, 1 unchanged; written\n"
    )
    people = _records(data, "people")
    assert people["hanako-yamada"]["roles"] == [
        {"title": "Director International Affairs", "organisation": "kawasaki-city"}
    ]
    # `add` makes the same id from the same name.
    added = run("add", "person", "Jörg Müller", data=data)
    assert added.exit_code == 1
    assert "joerg-mueller" in added.stderr


def test_an_id_made_from_a_name_that_is_taken_leaves_the_row_out(
    run: Run, data: Path, tmp_path: Path
) -> None:
    (tmp_path / "d.csv").write_text("Name\nBioM\n福田 太郎\n", encoding="utf-8")
    result = run("import", "d.csv", data=data)
    assert result.stdout == (
        "row 2: not found (the id it would get, biom, is taken: add an id column)\n"
        "row 3: not found (its name has no Latin letter to make an id from: add an id column)\n"
    )
    assert result.stderr.endswith(
        "0 to add, 0 to change, 0 unchanged, 2 left out (a dry run: --apply writes)\n"
    )


def test_header_words_never_shadow_a_field(run: Run, data: Path, tmp_path: Path) -> None:
    (tmp_path / "d.csv").write_text(
        "id,address,Postal address\nralf-huss,Dr. Huss,Marsstraße 1; München\n"
    )
    result = run("import", "d.csv", "--apply", data=data)
    assert result.exit_code == 0, result
    person = _records(data, "people")["ralf-huss"]
    assert person["address"] == "Dr. Huss"
    assert person["postal_address"] == "Marsstraße 1; München"


def test_a_dry_run_checks_as_apply_does_and_names_row_and_column(
    run: Run, data: Path, tmp_path: Path
) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Name", "Phone", "E-mail"])
    sheet.append(["Hanako Yamada", 81312345678, "hanako@example.jp"])  # stored as a number
    workbook.save(tmp_path / "delegation.xlsx")
    before = data.read_bytes()
    for apply in ([], ["--apply"]):
        result = run("import", "delegation.xlsx", *apply, data=data)
        assert result.exit_code == 1
        assert result.stderr == (
            "delegation.xlsx: row 2, column Phone: error: hanako-yamada phone[0]: '81312345678'"
            " is not a phone number in international form\n"
            "  hint: write it with its country code, as +81 44 200 2111\n"
            "dossier: stopped: the import has 1 problem; nothing was written\n"
        )
    assert data.read_bytes() == before


def test_numbers_read_as_the_spreadsheet_shows_them(run: Run, data: Path, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["id", "Phone", "Mobile", "verified"])
    sheet.append(["ralf-huss", 4989123456, 81312345678, None])
    sheet["B2"].number_format = '"+"0'
    sheet["C2"].number_format = "\\+0"
    workbook.save(tmp_path / "numbers.xlsx")
    result = run("import", "numbers.xlsx", "--map", "Mobile=", "--apply", data=data)
    assert result.stdout == "row 2: change ralf-huss\n  phone: + '+4989123456'\n", result


def test_ragged_rows_and_doubled_headers_are_errors(run: Run, data: Path, tmp_path: Path) -> None:
    (tmp_path / "r.csv").write_text("id,Name\nralf-huss,Ralf Huss,extra\n", encoding="utf-8")
    ragged = run("import", "r.csv", data=data)
    assert (ragged.exit_code, ragged.stderr) == (
        1,
        "r.csv: row 2: error: 3 cells, the header has 2 columns\n"
        "dossier: stopped: the import has 1 problem; nothing was written\n",
    )
    for header in ("name,Name", "E-mail,email,Name"):
        (tmp_path / "h.csv").write_text(f"{header}\nx,y,z\n", encoding="utf-8")
        doubled = run("import", "h.csv", data=data)
        assert doubled.exit_code == 2
        assert "both hold" in doubled.stderr and "--map" in doubled.stderr


def test_cells_are_echoed_inert(run: Run, data: Path, tmp_path: Path) -> None:
    (tmp_path / "e.csv").write_text(
        'Name,notes\nEve Example,"line one\nrow 9: add forged"\n', encoding="utf-8"
    )
    result = run("import", "e.csv", data=data)
    assert result.stdout == (
        "row 2: add eve-example\n  name: 'Eve Example'\n  notes: 'line one\\nrow 9: add forged'\n"
    )
    (tmp_path / "e.csv").write_text('Name\n"Eve\x1b]0;pwned\x07"\n', encoding="utf-8")
    escaped = run("import", "e.csv", data=data)
    assert (escaped.exit_code, escaped.stdout, escaped.stderr) == (
        1,
        "",
        "e.csv: row 2: error: column Name: control character U+001B; no document can hold it:"
        " remove it\n"
        "dossier: stopped: the import has 1 problem; nothing was written\n",
    )


@pytest.mark.parametrize("text", ["@handle", "=1+1", "'=quoted", "-5", "'plain", "+49 89 1"])
def test_the_formula_guard_is_undone_exactly(run: Run, tmp_path: Path, text: str) -> None:
    data = tmp_path / "d.yaml"
    data.write_text(
        f"people:\n  - id: eve\n    name: Eve\n    notes: {yaml.safe_dump(text).splitlines()[0]}\n",
        encoding="utf-8",
    )
    assert _records(data, "people")["eve"]["notes"] == text
    run("export", "--format", "csv", "--kind", "people", "-o", "p.csv", data=data)
    result = run("import", "p.csv", "--apply", data=data)
    assert result.stderr == "dossier: 0 to add, 0 to change, 1 unchanged; written\n", result


def test_a_semicolon_csv_as_german_spreadsheets_save_it(
    run: Run, data: Path, tmp_path: Path
) -> None:
    (tmp_path / "de.csv").write_text("Name;E-Mail\r\nRalf Huss;ralf@example.de\r\n")
    result = run("import", "de.csv", data=data)
    assert result.stdout == "row 2: change ralf-huss\n  email: + 'ralf@example.de'\n"


def test_a_row_that_fits_several_records_is_reported_not_guessed(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "d.yaml"
    data.write_text(
        "people:\n  - {id: a, name: Kim Lee}\n  - {id: b, name: Kim Lee}\n", encoding="utf-8"
    )
    (tmp_path / "s.csv").write_text("Name,E-mail\nKim Lee,kim@example.org\n", encoding="utf-8")
    result = run("import", "s.csv", "--apply", data=data)
    assert "row 2: ambiguous (fits a, b)" in result.stdout
    assert "1 left out" in result.stderr
    assert "kim@example.org" not in data.read_text(encoding="utf-8")


def test_the_same_person_in_two_rows_is_added_once(run: Run, data: Path, tmp_path: Path) -> None:
    (tmp_path / "d.csv").write_text(
        "Name,E-mail\nEve Example,eve@example.org\nEve Example,eve@work.example\n"
    )
    result = run("import", "d.csv", "--apply", data=data)
    assert result.exit_code == 0, result
    assert _records(data, "people")["eve-example"]["email"] == [
        "eve@example.org",
        "eve@work.example",
    ]


def test_new_rows_for_a_kind_the_file_lacks_make_one_section(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "d.yaml"
    data.write_text(
        "version: 1\norganisations:\n  - id: city\n    name: City\n    kind: municipality\n",
        encoding="utf-8",
    )
    (tmp_path / "p.csv").write_text(
        "Name,E-mail\nAda Lovelace,ada@example.org\nBob Smith,bob@example.org\n",
        encoding="utf-8",
    )
    result = run("import", "p.csv", "--apply", data=data)
    assert result.exit_code == 0, result
    assert result.stderr == "dossier: 2 to add, 0 to change, 0 unchanged; written\n"
    assert data.read_text(encoding="utf-8").count("people:") == 1
    assert list(_records(data, "people")) == ["ada-lovelace", "bob-smith"]


def test_columns_nothing_can_match_by_are_refused(run: Run, data: Path, tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("Colour\nred\n", encoding="utf-8")
    result = run("import", "x.csv", data=data)
    assert result.exit_code == 2
    assert "no column holds an id or a name" in result.stderr
    unknown = run("import", "x.csv", "--map", "Colour=colour", data=data)
    assert unknown.exit_code == 2 and "'colour' is not a field of people" in unknown.stderr


def test_events_of_one_title_are_told_apart_by_their_date(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "d.yaml"
    data.write_text(
        "events:\n"
        "  - {id: meeting-2023, title: Annual meeting, date: 2023-05-04}\n"
        "  - {id: meeting-2024, title: Annual meeting, date: 2024-05-02}\n",
        encoding="utf-8",
    )
    (tmp_path / "e.csv").write_text("title,date,place\nAnnual meeting,2024-05-02,Munich\n")
    result = run("import", "e.csv", "--kind", "events", data=data)
    assert result.stdout == "row 2: change meeting-2024\n  place: '' → 'Munich'\n", result
