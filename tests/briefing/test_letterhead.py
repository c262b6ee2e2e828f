"""Templates with content: the letterhead and cover sheet kept, their placeholders filled."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from tests.conftest import Run

VISIT = "munich-delegation-kawasaki-2027"


def _template(
    path: Path, *, cover: bool = True, header: str = "Ministry — {{ classification }}"
) -> Path:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = header
    footer = section.footer.paragraphs[0]
    # Word often splits a placeholder over runs: `{{ da` + `te }}`.
    footer.add_run("Prepared {{ da")
    footer.add_run("te }} for {{ home }}")
    if cover:
        document.add_paragraph("COVER SHEET")
        document.add_paragraph("{{ title }} · {{ counterpart }} · {{ audience }}")
    else:
        document.add_paragraph("Sample text of the style sheet")
    document.save(str(path))
    return path


def test_the_letterhead_and_cover_sheet_are_kept_and_filled(run: Run, tmp_path: Path) -> None:
    template = _template(tmp_path / "house.docx")
    result = run(
        "brief", VISIT, "--template", str(template), "--audience", "partner", "-o", "b.docx"
    )
    assert result.exit_code == 0, result
    document = docx.Document(str(tmp_path / "b.docx"))
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "Ministry — Shareable with partners"
    assert (
        section.footer.paragraphs[0].text == "Prepared 25 November 2026 for Munich Biotech Cluster"
    )
    texts = [p.text for p in document.paragraphs]
    assert texts[:2] == [
        "COVER SHEET",
        "Briefing: Munich delegation to King Skyfront · King Skyfront · Written for our partners",
    ]
    # The cover sheet has a page of its own; the briefing follows.
    assert '<w:br w:type="page"/>' in document.paragraphs[2]._p.xml
    assert texts[3] == "Briefing: Munich delegation to King Skyfront"


def test_a_body_without_placeholders_is_not_a_cover_sheet(run: Run, tmp_path: Path) -> None:
    template = _template(tmp_path / "styles.docx", cover=False, header="")
    assert run("brief", VISIT, "--template", str(template), "-o", "b.docx").exit_code == 0
    document = docx.Document(str(tmp_path / "b.docx"))
    assert "Sample text of the style sheet" not in [p.text for p in document.paragraphs]
    # Without a header of its own, the template gets the briefing's.
    assert document.sections[0].header.paragraphs[0].text.endswith("· Internal")


@pytest.mark.parametrize("placeholder", ["{{ secret }}", "{{ title.__class__ }}", "{{}}"])
def test_an_unknown_placeholder_is_an_error_and_nothing_is_written(
    run: Run, tmp_path: Path, placeholder: str
) -> None:
    template = _template(tmp_path / "bad.docx", header=f"Ministry {placeholder}")
    result = run("brief", VISIT, "--template", str(template), "-o", "b.docx")
    assert result.exit_code == 2
    assert "bad.docx: unknown placeholder" in result.stderr
    assert (
        "the template may use title, counterpart, date, classification, audience, home"
        in result.stderr
    )
    assert not (tmp_path / "b.docx").exists()
