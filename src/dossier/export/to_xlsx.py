"""The dossier as an Excel workbook: a sheet per kind of record, the cells of the CSV export.

Every cell is written as text (and formatted as text, so that an edit keeps it so): a phone
number stays `+81 44-200-2111`, a date stays as the data has it, and nothing becomes a formula,
whatever it starts with. That is why spreadsheet users are pointed here rather than to CSV,
where a cell can only be kept from running by changing it (see `csv_text`).

The same data gives the same bytes: the workbook's dates are the export's stamp, and every
member of the zip package carries one fixed time.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

from dossier.export.to_csv import table_of
from dossier.model.dossier import Dossier
from dossier.model.vocabulary import RecordKind

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""The earliest time a zip member can carry; any fixed time would do."""
MAX_COLUMN_WIDTH = 60
_CORE_DATE = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def export_xlsx(dossier: Dossier, kind: RecordKind | None, lang: str, stamp: dt.datetime) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    workbook.properties.creator = "dossier"
    naive = stamp.astimezone(dt.UTC).replace(tzinfo=None)
    workbook.properties.created = workbook.properties.modified = naive
    bold = Font(bold=True)
    for listed in [kind] if kind else list(RecordKind):
        header, rows = table_of(dossier, listed, lang)
        sheet = workbook.create_sheet(listed.value)
        sheet.freeze_panes = "A2"
        for index, width in enumerate(_widths(header, rows)):
            column = sheet.column_dimensions[get_column_letter(index + 1)]
            column.width = width
            column.number_format = "@"  # what is typed into the column stays text too
        sheet.append([_text_cell(sheet, name, bold) for name in header])
        for row in rows:
            sheet.append(
                [_text_cell(sheet, value) if _read_as_formula(value) else value for value in row]
            )
    saved = io.BytesIO()
    workbook.save(saved)
    return _with_fixed_times(saved.getvalue(), naive)


def _widths(header: list[str], rows: list[list[str]]) -> list[int]:
    """Columns as wide as their longest line, within reason."""
    widths = [len(name) for name in header]
    for row in rows:
        for index, value in enumerate(row):
            longest = max((len(line) for line in value.splitlines()), default=0)
            widths[index] = max(widths[index], longest)
    return [min(width + 2, MAX_COLUMN_WIDTH) for width in widths]


def _read_as_formula(value: str) -> bool:
    """openpyxl stores a string as text unless it starts with `=`; those need a cell typed
    text by hand. (Plain strings are the fast path: most of the export's time is cells.)"""
    return value.startswith("=")


def _text_cell(sheet: Any, value: str, font: Any = None) -> Any:
    """A cell that holds `value` as text, even if it starts with `=`."""
    from openpyxl.cell import WriteOnlyCell

    written = WriteOnlyCell(sheet, value=value)
    written.data_type = "s"
    written.number_format = "@"
    if font is not None:
        written.font = font
    return written


def _with_fixed_times(package: bytes, stamp: dt.datetime) -> bytes:
    """The package again, each member at `ZIP_TIME` and the document's dates at `stamp`
    (openpyxl stamps both with the time it saves)."""
    written = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "docProps/core.xml":
                data = _CORE_DATE.sub(rb"\g<1>" + written + rb"\g<2>", data)
            info = zipfile.ZipInfo(member.filename, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
    return out.getvalue()
