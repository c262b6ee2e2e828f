"""Options checked where users type them: filter values, output formats from file names."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.views.listing import FILTER_CHOICES
from tests.conftest import Run


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["list", "agreements", "--status", "signd"],
            "dossier: --status: 'signd' is not one of draft, negotiating, signed, active,"
            " expired, terminated, superseded; did you mean 'signed'?\n",
        ),
        (
            ["list", "events", "--kind", "vist"],
            "dossier: --kind: 'vist' is not one of visit, meeting, signing, renewal, conference,"
            " call, other; did you mean 'visit'?\n",
        ),
        (
            ["list", "--country", "XX"],
            "dossier: --country: 'XX' is not an ISO 3166-1 alpha-2 code (DE, JP)\n",
        ),
    ],
)
def test_filters_refuse_values_no_record_can_have(run: Run, args: list[str], message: str) -> None:
    result = run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_list_help_names_every_choice_of_every_filter(run: Run) -> None:
    # Help is wrapped to the terminal, at spaces and after hyphens: compare without them.
    text = "".join(run("list", "--help").stdout.split())
    for by_kind in FILTER_CHOICES.values():
        for choices in by_kind.values():
            assert ",".join(choices) in text


@pytest.mark.parametrize(
    ("args", "written", "starts"),
    [
        (["brief", "kawasaki", "-o", "k.md"], "k.md", b'---\n    pagetitle: "Briefing'),
        (["brief", "kawasaki", "-o", "k.docx"], "k.docx", b"PK"),
        (["export", "-o", "d.yaml"], "d.yaml", b"# yaml-language-server"),
        (["export", "-o", "d.yml"], "d.yml", b"# yaml-language-server"),
        (["export", "-o", "d.ics"], "d.ics", b"BEGIN:VCALENDAR"),
        (["export", "-o", "d.json"], "d.json", b"{"),
        (["export", "--format", "json", "-o", "d.txt"], "d.txt", b"{"),
    ],
)
def test_the_format_follows_the_output_name(
    run: Run, tmp_path: Path, args: list[str], written: str, starts: bytes
) -> None:
    result = run(*args)
    assert result.exit_code == 0, result
    assert (tmp_path / written).read_bytes().startswith(starts)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["brief", "kawasaki", "-o", "out.odt"],
            "dossier: -o out.odt: cannot write .odt files; name a .docx, .md or .pdf file, or"
            " give --format\n",
        ),
        (
            ["brief", "kawasaki", "--format", "docx", "-o", "out.md"],
            "dossier: -o out.md: the name ends in .md but --format is docx; make them agree\n",
        ),
        (
            ["export", "--format", "ics", "-o", "out.json"],
            "dossier: -o out.json: the name ends in .json but --format is ics; make them agree\n",
        ),
        (
            ["export", "-o", "out.txt"],
            "dossier: -o out.txt: cannot write .txt files; name a .json, .yaml, .csv, .ics, .vcf,"
            " .sqlite, .geojson, .kml or .xlsx file, or give --format\n",
        ),
    ],
)
def test_a_name_that_disagrees_with_the_format_writes_nothing(
    run: Run, tmp_path: Path, args: list[str], message: str
) -> None:
    result = run(*args)
    assert (result.exit_code, result.stderr) == (2, message)
    assert sorted(p.name for p in tmp_path.iterdir()) == []
