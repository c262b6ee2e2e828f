"""The files `dossier import` reads are other people's: workbooks are read within bounds
whatever they declare, streams are refused, and .ods reads as LibreOffice shows it."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from dossier.files import ZipBounds
from tests.conftest import SAMPLE, Run
from tests.programs import needs_libreoffice, soffice_command


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "clusters.yaml"
    shutil.copyfile(SAMPLE, copy)
    return copy


def _xlsx(path: Path, rows: list[list[object]]) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    workbook.save(path)


def _rewrite_member(path: Path, name: str, change: object) -> None:
    """The workbook with one part's text changed by `change(text)`."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    assert callable(change)
    parts[name] = change(parts[name].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for member, content in parts.items():
            target.writestr(member, content)


def test_a_workbook_that_declares_the_largest_sheet_reads_only_its_cells(
    run: Run, data: Path, tmp_path: Path
) -> None:
    book = tmp_path / "big.xlsx"
    _xlsx(book, [["id", "E-mail"], ["ralf-huss", "ralf@example.de"]])
    _rewrite_member(
        book,
        "xl/worksheets/sheet1.xml",
        lambda text: text.replace('<dimension ref="A1:B2"/>', '<dimension ref="A1:XFD1048576"/>'),
    )
    assert 'ref="A1:XFD1048576"' in zipfile.ZipFile(book).read("xl/worksheets/sheet1.xml").decode()
    started = time.monotonic()
    result = run("import", "big.xlsx", data=data)
    assert time.monotonic() - started < 20  # reading the declared size would take minutes
    assert result.stdout == "row 2: change ralf-huss\n  email: + 'ralf@example.de'\n", result


def test_a_workbook_that_unpacks_past_its_bounds_is_refused_at_once(
    run: Run, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "dossier.export.table_read.WORKBOOK_BOUNDS", ZipBounds(member_bytes=1024 * 1024)
    )
    book = tmp_path / "bomb.xlsx"
    _xlsx(book, [["Name"], ["x"]])
    _rewrite_member(
        book,
        "xl/worksheets/sheet1.xml",
        lambda text: text.replace("<t>x</t>", "<t>" + "x" * (2 * 1024 * 1024) + "</t>"),
    )
    assert book.stat().st_size < 64 * 1024
    result = run("import", "bomb.xlsx", data=data)
    assert (result.exit_code, result.stderr) == (
        2,
        "dossier: bomb.xlsx: a part of it unpacks to more than 1 MiB\n",
    )


def test_a_table_with_more_rows_than_its_bound_is_refused(
    run: Run, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("dossier.export.table_read.MAX_ROWS", 10)
    (tmp_path / "long.csv").write_text("Name\n" + "x\n" * 20, encoding="utf-8")
    result = run("import", "long.csv", data=data)
    assert (result.exit_code, result.stderr) == (
        2,
        "dossier: long.csv: more than 10 rows; split the file\n",
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_not_read_for_ever(run: Run, data: Path, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.csv")
    result = run("import", "pipe.csv", data=data)
    assert (result.exit_code, result.stderr) == (
        2,
        "dossier: pipe.csv: not a regular file (a pipe or a device); save it as a file\n",
    )


def test_a_file_of_another_kind_is_named(run: Run, data: Path, tmp_path: Path) -> None:
    (tmp_path / "list.pdf").write_bytes(b"%PDF-1.4")
    result = run("import", "list.pdf", data=data)
    assert result.exit_code == 2
    assert result.stderr.startswith("dossier: list.pdf: not a table this reads: .csv, ")
    (tmp_path / "fake.xlsx").write_text("Name\nx\n")
    fake = run("import", "fake.xlsx", data=data)
    assert (fake.exit_code, fake.stderr) == (
        2,
        "dossier: fake.xlsx: not a .xlsx workbook (not a zip file)\n",
    )


def test_a_utf16_text_export_reads(run: Run, data: Path, tmp_path: Path) -> None:
    (tmp_path / "u.txt").write_bytes("Name\tE-mail\nRalf Huss\tralf@example.de\n".encode("utf-16"))
    result = run("import", "u.txt", data=data)
    assert result.stdout == "row 2: change ralf-huss\n  email: + 'ralf@example.de'\n", result


_ODS_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content
  xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">
<office:body><office:spreadsheet><table:table table:name="Delegation">
<table:table-column table:number-columns-repeated="16384"/>
<table:table-row>
  <table:table-cell office:value-type="string"><text:p>Name</text:p></table:table-cell>
  <table:table-cell office:value-type="string"><text:p>Phone</text:p></table:table-cell>
  <table:table-cell office:value-type="string"><text:p>verified</text:p></table:table-cell>
  <table:table-cell office:value-type="string"><text:p>Postal address</text:p></table:table-cell>
  <table:table-cell table:number-columns-repeated="16380"/>
</table:table-row>
<table:table-row table:number-rows-repeated="3"><table:table-cell
  table:number-columns-repeated="16384"/></table:table-row>
<table:table-row>
  <table:table-cell office:value-type="string"><text:p>Ralf<text:s/>Huss</text:p>
    <office:annotation><text:p>a comment, not the cell</text:p></office:annotation>
  </table:table-cell>
  <table:table-cell office:value-type="float" office:value="49891234567"
    ><text:p>+49891234567</text:p></table:table-cell>
  <table:table-cell office:value-type="date" office:date-value="2026-11-30"
    ><text:p>30.11.26</text:p></table:table-cell>
  <table:table-cell office:value-type="string"><text:p>first line</text:p
    ><text:p>second <text:span>line</text:span></text:p></table:table-cell>
  <table:table-cell table:number-columns-repeated="16380"/>
</table:table-row>
<table:table-row table:number-rows-repeated="1048570"><table:table-cell
  table:number-columns-repeated="16384"/></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>
"""


def _ods(path: Path, content: str) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)


def test_an_ods_sheet_reads_as_libreoffice_shows_it(run: Run, data: Path, tmp_path: Path) -> None:
    _ods(tmp_path / "delegation.ods", _ODS_CONTENT)
    started = time.monotonic()
    result = run("import", "delegation.ods", data=data)
    assert time.monotonic() - started < 20  # a million repeated empty rows are never made
    assert result.stdout == (
        "row 5: change ralf-huss\n"
        "  phone: + '+49891234567'\n"
        "  verified: '' → '2026-11-30'\n"
        "  postal_address: '' → 'first line\\nsecond line'\n"
    ), result


def test_an_ods_that_declares_entities_is_refused(run: Run, data: Path, tmp_path: Path) -> None:
    bomb = _ODS_CONTENT.replace(
        "<office:document-content",
        '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
        "<office:document-content",
        1,
    )
    _ods(tmp_path / "bomb.ods", bomb)
    result = run("import", "bomb.ods", data=data)
    assert (result.exit_code, result.stderr) == (
        2,
        "dossier: bomb.ods: its content declares a DTD; not read\n",
    )


@needs_libreoffice("calc")
@pytest.mark.parametrize("target", ["ods", "xlsx"])
def test_a_sheet_libreoffice_saved_reads_as_it_shows(
    run: Run, data: Path, tmp_path: Path, target: str
) -> None:
    """LibreOffice, opening a CSV, stores the phone number as a number; saved as .ods or
    .xlsx, the import reads what Calc shows, and reports it by row and column."""
    (tmp_path / "delegation.csv").write_text(
        "Name,Organisation,Position,Phone\n"
        "Hanako Yamada,Kawasaki City,Director,81312345678\n"
        "Jörg Müller,BioM,Project Manager,\n",
        encoding="utf-8",
    )
    converted = subprocess.run(
        [
            *soffice_command(tmp_path / "profile"),
            "--infilter=CSV:44,34,76",  # comma, double quote, UTF-8
            "--convert-to",
            target,
            "delegation.csv",
        ],
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
    )
    assert converted.returncode == 0, converted.stderr
    result = run("import", f"delegation.{target}", data=data)
    assert (result.exit_code, result.stderr) == (
        1,
        f"delegation.{target}: row 2, column Phone: error: hanako-yamada phone[0]:"
        " '81312345678' is not a phone number in international form\n"
        "  hint: write it with its country code, as +81 44 200 2111\n"
        "dossier: stopped: the import has 1 problem; nothing was written\n",
    )
    assert "row 3: add joerg-mueller\n" in result.stdout
    assert "  roles: 'title: Project Manager, organisation: biom'\n" in result.stdout
