"""A spreadsheet or a CSV file from someone else, read as a header and rows of text.

Every cell is read as the text the spreadsheet shows: a phone number stored as a number
keeps the `+` or the leading zeros its number format adds, a date reads as `2024-04-01`.
The file is untrusted: it is read only if it is a regular file within `MAX_TABLE_BYTES`,
a workbook only if its parts unpack within `WORKBOOK_BOUNDS`, and no more than `MAX_CELLS`
cells and `MAX_ROWS` rows are read from it, whatever size it declares.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from dossier.errors import UsageError, os_reason
from dossier.files import InputRefused, ZipBounds, check_zip, read_bounded

MAX_TABLE_BYTES = 32 * 1024 * 1024
WORKBOOK_BOUNDS = ZipBounds(members=1_000, member_bytes=32 * 1024 * 1024, total_bytes=64 << 20)
MAX_CELLS = 2_000_000
MAX_ROWS = 200_000
MAX_COLUMNS = 1_000
"""A delegation list has tens of columns and thousands of rows: these leave room for far
more, and stop a file built to exhaust memory."""

SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".ods")


@dataclass(frozen=True)
class Row:
    number: int
    """As the spreadsheet numbers it: the header is row 1."""
    cells: list[str]


@dataclass(frozen=True)
class Table:
    name: str
    """The file, as the user named it (for messages)."""
    header: list[str]
    rows: list[Row]


class _Counter:
    """Cells and rows read so far, refused past the bounds."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.cells = 0
        self.rows = 0

    def take(self, row: list[str]) -> list[str]:
        self.rows += 1
        self.cells += len(row)
        if self.rows > MAX_ROWS:
            raise UsageError(f"{self.name}: more than {MAX_ROWS:,} rows; split the file")
        if self.cells > MAX_CELLS:
            raise UsageError(f"{self.name}: more than {MAX_CELLS:,} cells; split the file")
        return row


def read_table(path: Path, name: str) -> Table:
    """The first sheet of an .xlsx or .ods workbook, or a CSV file (UTF-8 or UTF-16;
    separated by commas, semicolons or tabs, as its header line shows)."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(f"{name}: not a table this reads: {', '.join(SUFFIXES)}")
    try:
        data = read_bounded(path, MAX_TABLE_BYTES)
        if suffix in (".xlsx", ".xlsm", ".ods"):
            check_zip(data, WORKBOOK_BOUNDS)
    except OSError as error:
        raise UsageError(f"{name}: {os_reason(error)}") from None
    except InputRefused as refused:
        raise UsageError(f"{name}: {refused}") from None
    except zipfile.BadZipFile:
        raise UsageError(f"{name}: not a {suffix} workbook (not a zip file)") from None
    counter = _Counter(name)
    if suffix == ".ods":
        rows = list(_ods_rows(data, counter))
    elif suffix in (".xlsx", ".xlsm"):
        rows = list(_xlsx_rows(data, counter))
    else:
        rows = list(_csv_rows(data, counter))
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if not rows:
        raise UsageError(f"{name}: the file has no rows")
    header = rows[0]
    if len(header) > MAX_COLUMNS:
        raise UsageError(f"{name}: more than {MAX_COLUMNS} columns")
    return Table(name, header, [Row(n, cells) for n, cells in enumerate(rows[1:], start=2)])


# CSV ---------------------------------------------------------------------------------------


def _csv_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")  # what Excel's "Unicode text" writes
    return data.decode("utf-8-sig")


def _csv_rows(data: bytes, counter: _Counter) -> Iterator[list[str]]:
    try:
        text = _csv_text(data)
    except UnicodeDecodeError:
        raise UsageError(f"{counter.name}: not UTF-8 text (save the CSV as UTF-8)") from None
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            yield counter.take(row)
    except csv.Error as error:
        raise UsageError(f"{counter.name}: row {counter.rows + 1}: {error}") from None


# xlsx --------------------------------------------------------------------------------------


def _xlsx_rows(data: bytes, counter: _Counter) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not .xlsx
        raise UsageError(
            f"{counter.name}: not an .xlsx workbook ({type(error).__name__})"
        ) from None
    try:
        sheet = workbook.worksheets[0]
        # The size a sheet declares (`A1:XFD1048576`) is not believed: rows are read as
        # long as their last cell, and no further.
        sheet.reset_dimensions()
        for row in sheet.iter_rows():
            yield counter.take([shown(cell.value, cell.number_format) for cell in row])
    finally:
        workbook.close()


_LITERAL = re.compile(r'"([^"]*)"|\\(.)')
_PADDED = re.compile(r"(?P<before>[^0#]*)(?P<digits>[0#]+)(?P<after>[^0#.,%E]*)")


def shown(value: Any, number_format: str | None = "General") -> str:
    """A cell's value as the spreadsheet shows it: a number in its format's digits
    (`0000000000` keeps leading zeros, `"+"0` its plus), a date as an ISO date."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat() if isinstance(value, dt.date) else value.strftime("%H:%M")
    if isinstance(value, int | float):
        return _number(value, number_format or "General")
    return str(value)


def _number(value: float, number_format: str) -> str:
    integral = float(value).is_integer()
    plain = str(int(value)) if integral else repr(float(value))
    section = number_format.split(";", 1)[0]
    literal = _LITERAL.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), section)
    match = _PADDED.fullmatch(literal)
    if not integral or match is None or value < 0:
        return plain
    width = match.group("digits").count("0")
    return f"{match.group('before')}{plain.zfill(width)}{match.group('after')}"


# ods ---------------------------------------------------------------------------------------

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_ELEMENT = re.compile(rb"<[A-Za-z_]")


def _ods_rows(data: bytes, counter: _Counter) -> Iterator[list[str]]:
    """The first table of an OpenDocument spreadsheet, read as its XML streams by: rows and
    cells repeated (`number-rows-repeated="1048000"`, as LibreOffice writes the empty rest
    of a sheet) are made only when a filled one follows them."""
    from xml.etree.ElementTree import Element, XMLPullParser

    try:
        content = zipfile.ZipFile(io.BytesIO(data)).read("content.xml")
    except (KeyError, zipfile.BadZipFile, ValueError, NotImplementedError):
        raise UsageError(f"{counter.name}: not an .ods workbook (no content.xml)") from None
    first_element = _ELEMENT.search(content)
    if _DOCTYPE.search(content[: first_element.start() if first_element else None]):
        raise UsageError(f"{counter.name}: its content declares a DTD; not read")
    parser: XMLPullParser[Element] = XMLPullParser(events=("start", "end"))
    sheet = _OdsSheet(counter)
    for start in range(0, len(content), 1 << 16):
        try:
            parser.feed(content[start : start + (1 << 16)])
        except Exception as error:  # expat's ParseError, or its refusal of an entity bomb
            raise UsageError(f"{counter.name}: not an .ods workbook ({error})") from None
        events = cast("Iterator[tuple[str, Element]]", parser.read_events())  # start, end only
        for event, element in events:
            yield from sheet.take(event, element)
            if sheet.finished:
                return


class _OdsSheet:
    """Rows of the first `table:table`, from the parser's start and end events."""

    def __init__(self, counter: _Counter) -> None:
        self.counter = counter
        self.depth = 0  # how many tables are open (a table may hold a table)
        self.finished = False
        self.row: list[str] = []
        self.blank_cells = 0
        self.blank_rows = 0

    def take(self, event: str, element: Any) -> Iterator[list[str]]:
        tag = element.tag
        if tag == f"{{{_TABLE}}}table":
            self.depth += 1 if event == "start" else -1
            self.finished = event == "end" and self.depth == 0
            return
        if self.depth != 1 or event != "end":
            return
        if tag in (f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell"):
            self._cell(element)
            element.clear()
        elif tag == f"{{{_TABLE}}}table-row":
            yield from self._row(_repeated(element, "number-rows-repeated"))
            element.clear()

    def _cell(self, element: Any) -> None:
        text = _cell_text(element)
        times = _repeated(element, "number-columns-repeated")
        if not text:
            self.blank_cells += times
            return
        self._fill(self.blank_cells + times)
        self.row.extend([""] * self.blank_cells + [text] * times)
        self.blank_cells = 0

    def _fill(self, count: int) -> None:
        if len(self.row) + count > MAX_COLUMNS:
            raise UsageError(f"{self.counter.name}: more than {MAX_COLUMNS} columns in a row")

    def _row(self, times: int) -> Iterator[list[str]]:
        row, self.row, self.blank_cells = self.row, [], 0
        if not row:
            self.blank_rows += times
            return
        for _ in range(self.blank_rows):
            yield self.counter.take([])
        self.blank_rows = 0
        for _ in range(times):
            yield self.counter.take(list(row))


def _cell_text(element: Any) -> str:
    """What a cell shows; a date as its ISO date (the shown one follows the locale), a
    truth value as true or false. A comment on the cell is not its text."""
    kind = element.get(f"{{{_OFFICE}}}value-type")
    if kind == "date":
        return str(element.get(f"{{{_OFFICE}}}date-value", "")).removesuffix("T00:00:00")
    if kind == "boolean":
        return str(element.get(f"{{{_OFFICE}}}boolean-value", "")).lower()
    return "\n".join(_paragraph(p) for p in element.findall(f"{{{_TEXT}}}p"))


def _repeated(element: Any, attribute: str) -> int:
    text = element.get(f"{{{_TABLE}}}{attribute}", "1")
    return int(text) if text.isdigit() and 0 < int(text) <= 1 << 20 else 1


def _paragraph(element: Any) -> str:
    """A `text:p` as its text: spans and links read through, `text:s` as its spaces."""
    parts = [element.text or ""]
    for child in element:
        name = child.tag.rpartition("}")[2]
        if name == "s":
            count = child.get(f"{{{_TEXT}}}c", "1")
            parts.append(" " * (int(count) if count.isdigit() and int(count) < 1000 else 1))
        elif name == "tab":
            parts.append("\t")
        elif name == "line-break":
            parts.append("\n")
        elif name != "note":  # an annotation is not the cell's text
            parts.append(_paragraph(child))
        parts.append(child.tail or "")
    return "".join(parts)
