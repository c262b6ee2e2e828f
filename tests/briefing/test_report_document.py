"""`dossier report` as Word, PDF and Markdown: reopened in python-docx, pandoc and poppler,
with its chart of the figures over the years."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import docx
import pytest

from tests.conftest import Run
from tests.programs import needs_libreoffice, needs_program


def _figures(run: Run, *args: str) -> list[tuple[str, str]]:
    data = json.loads(run("report", "--year", "2017", "--format", "json", *args).stdout)
    return [(figure["label"], str(figure["count"])) for figure in data["figures"]]


@pytest.mark.parametrize("lang", ["en", "de", "ja"])
def test_the_word_report_holds_the_figures_and_a_described_chart(
    run: Run, tmp_path: Path, lang: str
) -> None:
    result = run("report", "--year", "2017", "--lang", lang, "-o", "report.docx")
    assert result.exit_code == 0, result
    document = docx.Document(str(tmp_path / "report.docx"))
    figures = document.tables[0]
    rows = [tuple(cell.text for cell in row.cells) for row in figures.rows][1:]
    assert rows == _figures(run, "--lang", lang)
    pictures = document.inline_shapes
    assert len(pictures) == 1
    description = pictures[0]._inline.docPr.get("descr")
    assert "2017 1" in description  # the figures charted, for a screen reader
    assert document.core_properties.language == {"en": "en-GB", "de": "de-DE", "ja": "ja-JP"}[lang]


def test_the_markdown_report_links_its_chart_beside_it(run: Run, tmp_path: Path) -> None:
    result = run("report", "--year", "2017", "-o", "report-2017.md", "--explain")
    assert result.exit_code == 0, result
    assert result.stderr.splitlines()[-2:] == [
        "dossier: wrote report-2017.md",
        "dossier: wrote report-2017-chart.svg",
    ]
    text = (tmp_path / "report-2017.md").read_text("utf-8")
    assert "![Over the years. Delegations received: 2011 0" in text
    assert "](report-2017-chart.svg)\n" in text
    assert "- Prof. Domdey visits Kawasaki (2017-07) · domdey-kawasaki-visit-2017-07" in text
    svg = ElementTree.parse(tmp_path / "report-2017-chart.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    # The same figures give the same bytes.
    first = (tmp_path / "report-2017-chart.svg").read_bytes()
    run("report", "--year", "2017", "-o", "report-2017.md", "--force")
    assert (tmp_path / "report-2017-chart.svg").read_bytes() == first


def test_a_chart_beside_markdown_is_never_overwritten_without_force(
    run: Run, tmp_path: Path
) -> None:
    (tmp_path / "r-chart.svg").write_text("mine", encoding="utf-8")
    result = run("report", "-o", "r.md")
    assert result.exit_code == 2
    assert "r-chart.svg: already exists; use --force to overwrite it" in result.stderr
    assert not (tmp_path / "r.md").exists()
    assert run("report", "-o", "r.md", "--no-chart").exit_code == 0


@needs_program("pandoc")
def test_pandoc_reads_the_markdown_report_with_its_image(run: Run, tmp_path: Path) -> None:
    assert run("report", "--year", "2017", "-o", "r.md").exit_code == 0
    ast = json.loads(
        subprocess.run(
            ["pandoc", "-f", "markdown", "-t", "json", "r.md"],
            cwd=tmp_path,
            capture_output=True,
            check=True,
        ).stdout
    )
    found = json.dumps(ast)
    assert '"r-chart.svg"' in found and '"Image"' in found


def test_without_matplotlib_the_chart_is_asked_for_or_left_out(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    result = run("report", "--year", "2017", "-o", "r.docx")
    assert (result.exit_code, result.stderr) == (
        2,
        "dossier: a chart needs matplotlib: pip install 'dossier[charts]' (or --no-chart)\n",
    )
    assert not (tmp_path / "r.docx").exists()
    assert run("report", "--year", "2017", "-o", "r.docx", "--no-chart").exit_code == 0
    assert docx.Document(str(tmp_path / "r.docx")).inline_shapes.__len__() == 0


def test_a_document_format_needs_a_file(run: Run) -> None:
    result = run("report", "--format", "docx")
    assert (result.exit_code, result.stderr) == (
        2,
        "dossier: --format docx writes a file: name it with -o\n",
    )


@needs_libreoffice("writer")
@needs_program("pdftotext", "poppler-utils")
def test_the_pdf_report_reads_in_japanese(run: Run, tmp_path: Path) -> None:
    assert run("report", "--year", "2017", "--lang", "ja", "-o", "r.pdf").exit_code == 0
    text = subprocess.run(
        ["pdftotext", "r.pdf", "-"], cwd=tmp_path, capture_output=True, check=True
    ).stdout.decode("utf-8")
    assert "受け入れた代表団" in text
    assert "2017年12月31日までの集計" in text.replace(" ", "")


def test_the_chart_years_end_with_the_report_even_when_every_event_is_later() -> None:
    from dossier.briefing.report import chart_years
    from dossier.datafile.validation import validate
    from dossier.model.dossier import Dossier
    from dossier.model.records import Event

    later = validate(Event, {"id": "e", "title": "Later", "date": "2031-05"})
    assert chart_years(Dossier.build([later]), 2026) == [2026]
    earlier = validate(Event, {"id": "f", "title": "Earlier", "date": "2001"})
    assert chart_years(Dossier.build([later, earlier]), 2026) == list(range(2017, 2027))
