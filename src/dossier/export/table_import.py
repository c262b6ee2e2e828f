"""Rows of a spreadsheet or a CSV file → records added to or changed in the dossier.

The CSV format is the export's, read the other way: its columns are the fields, lists are
joined with "; ", a cell the export protected from spreadsheets (`'+81…`) is read back as
written. A spreadsheet's own headers ("Full name", "Surname", "E-mail") are mapped to fields
too, and `--map "Column=field"` maps any other. A row finds its record by id, else by its
name or native name as `show` finds records; a row that fits several is reported, never
guessed. A row whose cells all read as the record's fields already do changes nothing, so
importing the export of the same records, or the same file twice, changes nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dossier.errors import UsageError, os_reason
from dossier.export.to_csv import cell
from dossier.model.dossier import Dossier
from dossier.model.lookup import normalize
from dossier.model.records import SECTIONS, field_alias

HEADERS = {
    "id": "id",
    "name": "name",
    "full name": "name",
    "native name": "native_name",
    "name in japanese": "native_name",
    "kanji": "native_name",
    "family name": "family_name",
    "surname": "family_name",
    "last name": "family_name",
    "given name": "given_name",
    "first name": "given_name",
    "title": "honorific",
    "honorific": "honorific",
    "e mail": "email",
    "email": "email",
    "mail": "email",
    "phone": "phone",
    "telephone": "phone",
    "tel": "phone",
    "address": "postal_address",
    "postal address": "postal_address",
    "notes": "notes",
    "city": "city",
    "country": "country",
}
"""Spreadsheet headers (as `normalize` folds them) and the fields they mean."""
LISTS = frozenset({"email", "phone", "aliases", "sources", "languages", "focus", "parties"})
_PROTECTED = ("'=", "'+", "'-", "'@")


@dataclass
class RowResult:
    """What one row does: add a record, change fields of one, nothing, or why not."""

    row: int
    record_id: str
    action: str
    """`add`, `change`, `same`, `ambiguous`, `not found` or `skipped`."""
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    """(field, old text, new text) for a change."""
    note: str = ""


def read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    """The header and rows of a .csv (UTF-8, with or without a byte-order mark) or an .xlsx
    file (its first sheet)."""
    try:
        if path.suffix.lower() == ".xlsx":
            return _xlsx(path)
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise UsageError(f"{path}: {os_reason(error)}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text (save the CSV as UTF-8)") from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise UsageError(f"{path}: the file is empty")
    return rows[0], rows[1:]


def _xlsx(path: Path) -> tuple[list[str], list[list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not .xlsx
        raise UsageError(f"{path}: not an .xlsx workbook ({type(error).__name__})") from None
    sheet = workbook.worksheets[0]
    values = [
        ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
    ]
    workbook.close()
    if not values:
        raise UsageError(f"{path}: the first sheet is empty")
    return values[0], values[1:]


def column_fields(header: Sequence[str], section: str, mapping: dict[str, str]) -> list[str | None]:
    """The field of each column (None: not imported)."""
    model = SECTIONS[section]
    known = {field_alias(name) for name in model.__dataclass_fields__}
    fields: list[str | None] = []
    for title in header:
        chosen = mapping.get(title) or HEADERS.get(normalize(title).replace("-", " "))
        if chosen is None and title in known:
            chosen = title
        if chosen is not None and chosen not in known:
            raise UsageError(f"--map {title}={chosen}: '{chosen}' is not a field of {section}")
        fields.append(chosen)
    if "id" not in fields and "name" not in fields and "title" not in fields:
        raise UsageError("no column holds an id or a name: rows cannot be matched (use --map)")
    return fields


def _unprotect(text: str) -> str:
    return text[1:] if text.startswith(_PROTECTED) else text


def _value(field_name: str, text: str, current: Any, lang: str) -> Any:
    if field_name in LISTS:
        return [part.strip() for part in text.split(";") if part.strip()]
    if isinstance(current, dict):
        return {**current, lang: text}
    return text


class Matcher:
    """Records of one kind by id and by folded name and native name."""

    def __init__(self, records: Iterable[Any]) -> None:
        self.by_id: dict[str, Any] = {}
        self.by_name: dict[str, list[Any]] = {}
        for record in records:
            self.by_id[record.id] = record
            names = [getattr(record, "name", None), getattr(record, "native_name", None)]
            for name in names:
                for text in [name] if isinstance(name, str) else list((name or {}).values()):
                    key = normalize(text).replace(" ", "")
                    bucket = self.by_name.setdefault(key, [])
                    if all(other is not record for other in bucket):  # by identity: cheap
                        bucket.append(record)

    def match(self, record_id: str, names: list[str]) -> list[Any]:
        if record_id:
            by_id = self.by_id.get(record_id)
            return [by_id] if by_id else []
        found: list[Any] = []
        for name in names:
            for record in self.by_name.get(normalize(name).replace(" ", ""), []):
                if all(other is not record for other in found):
                    found.append(record)
        return found


def plan_import(
    dossier: Dossier,
    section: str,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    mapping: dict[str, str],
    lang: str,
) -> list[RowResult]:
    """What each row would do, in order; nothing is changed."""
    fields = column_fields(header, section, mapping)
    matcher = Matcher(getattr(dossier, section))
    results = []
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        cells = {f: _unprotect(c.strip()) for f, c in zip(fields, row, strict=False) if f}
        if not any(cells.values()):
            continue
        record_id = cells.get("id", "")
        names = [cells[k] for k in ("name", "native_name", "title") if cells.get(k)]
        found = matcher.match(record_id, names)
        if len(found) > 1:
            ids = ", ".join(r.id for r in found)
            results.append(RowResult(number, record_id, "ambiguous", note=f"fits {ids}"))
            continue
        if not found:
            if not record_id:
                results.append(RowResult(number, "", "not found", note="no id to add it under"))
            else:
                results.append(RowResult(number, record_id, "add"))
            continue
        record = found[0]
        result = RowResult(number, record.id, "same")
        for name, text in cells.items():
            if name == "id":
                continue
            current = getattr(record, name if name != "for" else "for_", None)
            if cell(current, lang) != text:
                nested = isinstance(current, list) and current and not isinstance(current[0], str)
                if nested:
                    result.note = f"{name} differs: change it with dossier set"
                    continue
                result.changes.append((name, cell(current, lang), text))
        if result.changes:
            result.action = "change"
        results.append(result)
    return results


def new_record(
    section: str, header: Sequence[str], row: Sequence[str], mapping: dict[str, str]
) -> dict[str, Any]:
    """A row as a new record's fields (empty cells left out)."""
    fields = column_fields(header, section, mapping)
    record: dict[str, Any] = {}
    for name, text in zip(fields, row, strict=False):
        if name and text.strip():
            record[name] = _value(name, _unprotect(text.strip()), None, "en")
    return record


def change_value(dossier: Dossier, record_id: str, name: str, text: str, lang: str) -> Any:
    current = getattr(dossier.get(record_id), name, None)
    return _value(name, text, current, lang)


def apply_import(
    batch: Any,
    dossier: Dossier,
    section: str,
    table: tuple[Sequence[str], Sequence[Sequence[str]]],
    results: Sequence[RowResult],
    mapping: dict[str, str],
    lang: str,
) -> None:
    """The rows' additions and changes, made in `batch` (a `datafile.editing.Batch`)."""
    header, rows = table
    by_row = dict(enumerate(rows, start=2))
    for result in results:
        if result.action == "add":
            batch.add(section, new_record(section, header, by_row[result.row], mapping))
        elif result.action == "change":
            for name, _old, new in result.changes:
                value = change_value(dossier, result.record_id, name, new, lang)
                batch.set(result.record_id, (name,), value)


def describe(results: Sequence[RowResult]) -> tuple[str, str]:
    """The rows that do something, one by one, and the counts."""
    lines = []
    for result in results:
        if result.action == "same" and not result.note:
            continue
        line = f"row {result.row}: {result.action} {result.record_id}".rstrip()
        if result.note:
            line += f" ({result.note})"
        lines.append(line)
        lines += [f"  {name}: {old!r} → {new!r}" for name, old, new in result.changes]
    counts = {a: sum(1 for r in results if r.action == a) for a in ("add", "change", "same")}
    left = len(results) - sum(counts.values())
    summary = f"{counts['add']} to add, {counts['change']} to change, {counts['same']} unchanged"
    if left:
        summary += f", {left} left out"
    return "".join(line + "\n" for line in lines), summary
