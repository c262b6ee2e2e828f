"""An import is a merge, on generated dossiers and spreadsheets, checked by PyYAML.

People are written in block and flow style, with and without comments, CRLF or LF; a
spreadsheet (CSV or .xlsx) names some of them by id or by name, adds new ones, and leaves
random cells empty. After `import --apply`, an independent reader (PyYAML's `BaseLoader`)
must find: every value whose cell was empty as it was, every list with the row's new items
added after the old ones, every changed text as the cell says, every other record and
field as it was. The dry run must end as the apply does.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path
from typing import Any

import openpyxl
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Run

NAMES = ["Kenji Tanaka", "Yuki Sato", "Anna Weber", "Jörg Müller", "Li Wei", "Marie Curie"]
WORDS = st.sampled_from(["Dr.", "Prof.", "Ms.", "Herr", "先生", "a: b", "NO", "2017", "x # y"])
EMAILS = st.sampled_from(["k@example.org", "y@example.jp", "o@biom.example", "m@x.example"])
COLUMNS = ["honorific", "notes", "email"]


def _text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@st.composite
def people(draw: st.DrawFn) -> list[dict[str, Any]]:
    names = draw(st.lists(st.sampled_from(NAMES[:4]), min_size=1, max_size=4, unique=True))
    records = []
    for name in names:
        record: dict[str, Any] = {"id": name.lower().replace(" ", "-").replace("ö", "oe")}
        record["id"] = record["id"].replace("ü", "ue")
        record["name"] = name
        if draw(st.booleans()):
            record["honorific"] = draw(WORDS)
        if draw(st.booleans()):
            record["notes"] = draw(WORDS)
        record["email"] = draw(st.lists(EMAILS, max_size=2, unique=True))
        records.append(record)
    return records


def _yaml(records: list[dict[str, Any]], flow: list[bool], comments: bool, crlf: bool) -> str:
    lines = ["people:"]
    for record, is_flow in zip(records, flow, strict=True):
        if comments:
            lines.append(f"  # about {record['id']}")
        fields = {k: v for k, v in record.items() if v != []}
        if is_flow:
            inner = ", ".join(
                f"{k}: [{', '.join(v)}]" if isinstance(v, list) else f"{k}: {_text(v)}"
                for k, v in fields.items()
            )
            lines.append(f"  - {{{inner}}}")
            continue
        first = True
        for key, value in fields.items():
            lead = "  - " if first else "    "
            first = False
            if isinstance(value, list):
                lines.append(f"{lead}{key}:")
                lines += [f"      - {item}" for item in value]
            else:
                lines.append(f"{lead}{key}: {_text(value)}" + ("  # kept" if comments else ""))
    return ("\r\n" if crlf else "\n").join(lines) + ("\r\n" if crlf else "\n")


@st.composite
def sheets(draw: st.DrawFn, records: list[dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    keys = draw(st.sampled_from([["id", "Name"], ["Name"]]))
    columns = draw(st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=3, unique=True))
    header = [*keys, *columns]
    rows = []
    existing = draw(st.lists(st.sampled_from(records), max_size=len(records), unique_by=id))
    new_names = draw(st.lists(st.sampled_from(NAMES[4:]), max_size=2, unique=True))
    for target in [*existing, *({"id": "", "name": n} for n in new_names)]:
        cells = [target["id"], target["name"]] if len(keys) == 2 else [target["name"]]
        for column in columns:
            value = draw(st.one_of(st.just(""), EMAILS if column == "email" else WORDS))
            cells.append(value)
        rows.append(cells)
    return header, rows


def _write_sheet(path: Path, header: list[str], rows: list[list[str]]) -> None:
    if path.suffix == ".xlsx":
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        assert sheet is not None
        for row in [header, *rows]:
            sheet.append([cell or None for cell in row])
        workbook.save(path)
        return
    out = io.StringIO()
    csv.writer(out).writerows([header, *rows])
    path.write_text(out.getvalue(), encoding="utf-8")


def _expected(
    records: list[dict[str, Any]], header: list[str], rows: list[list[str]]
) -> dict[str, dict[str, Any]]:
    """What the data must hold after the import, computed without the project's code."""
    result = {r["id"]: {k: v for k, v in r.items() if v != []} for r in records}
    by_name = {r["name"]: r["id"] for r in records}
    for row in rows:
        cells = dict(zip(header, row, strict=True))
        key = cells.pop("id", None) or by_name.get(cells["Name"])
        if key is None:  # a new person: an id made from the name
            name = cells.pop("Name")
            key = name.lower().replace(" ", "-")
            result[key] = {"id": key, "name": name}
        cells.pop("Name", None)
        record = result[key]
        for column, value in cells.items():
            if not value:
                continue  # an empty cell changes nothing
            if column == "email":
                if value not in record.get("email", []):
                    record["email"] = [*record.get("email", []), value]
            else:
                record[column] = value
    return result


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_an_import_merges_and_never_erases(run: Run, data: st.DataObject) -> None:
    records = data.draw(people())
    flow = data.draw(st.lists(st.booleans(), min_size=len(records), max_size=len(records)))
    comments, crlf = data.draw(st.booleans()), data.draw(st.booleans())
    header, rows = data.draw(sheets(records))
    suffix = data.draw(st.sampled_from([".csv", ".xlsx"]))
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "d.yaml"
        file.write_bytes(_yaml(records, flow, comments, crlf).encode("utf-8"))
        sheet = Path(folder) / f"sheet{suffix}"
        _write_sheet(sheet, header, rows)
        dry = run("import", str(sheet), data=file)
        applied = run("import", str(sheet), "--apply", data=file)
        assert dry.exit_code == applied.exit_code == 0, (dry, applied)
        assert dry.stdout == applied.stdout
        assert dry.stderr.replace(" (a dry run: --apply writes)", "; written") == applied.stderr
        loaded = yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        after = {r["id"]: r for r in loaded["people"]}
        assert after == _expected(records, header, rows)
        if comments:
            text = file.read_text(encoding="utf-8")
            assert all(f"# about {r['id']}" in text for r in records)
        # The same sheet again changes nothing.
        again = run("import", str(sheet), data=file)
        assert ", 0 to change," in again.stderr and again.stderr.startswith("dossier: 0 to add")
