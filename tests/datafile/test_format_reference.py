"""docs/format.md describes every field the schema (and so `validate`) knows, and no other."""

from __future__ import annotations

import re
from pathlib import Path

from dossier.datafile.format_reference import NESTED, format_reference
from dossier.datafile.schema import build_schema
from dossier.model.records import SECTIONS
from tests.conftest import ROOT, Run


def test_the_reference_in_the_repository_is_up_to_date() -> None:
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert text == format_reference(), "run python docs/refresh_format.py"


def _documented_fields(text: str) -> dict[str, list[str]]:
    """Heading → the fields in the table under it."""
    found: dict[str, list[str]] = {}
    heading = ""
    for line in text.splitlines():
        if line.startswith("## "):
            heading = line[3:]
            found[heading] = []
        match = re.match(r"\| `([a-z_]+)` \|", line)
        if match:
            found[heading].append(match.group(1))
    return found


def test_every_field_of_every_kind_is_documented_with_whether_it_is_required() -> None:
    schema = build_schema()
    documented = _documented_fields(format_reference())
    assert documented.pop("Top level") == list(schema["properties"])
    kinds = [model.__name__ for model in SECTIONS.values()] + list(NESTED)
    assert sorted(documented) == sorted(kinds)
    for kind in kinds:
        definition = schema["$defs"][kind]
        assert documented[kind] == list(definition["properties"]), kind
        for name in definition.get("required", []):
            assert re.search(rf"\| `{name}` \| [^|]+ \| yes \|", format_reference()), (kind, name)


def test_every_field_has_a_description() -> None:
    for line in format_reference().splitlines():
        if line.startswith("| `"):
            assert not line.endswith("|  |"), line


def test_an_unknown_field_without_a_close_match_points_to_the_reference(
    run: Run, tmp_path: Path
) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("sources:\n  - {id: s, title: S, zzzz: 1}\n", encoding="utf-8")
    result = run("validate", data=path)
    assert "(each described in docs/format.md)" in result.stdout
