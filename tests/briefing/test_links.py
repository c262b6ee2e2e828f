"""Links in Word briefings look like links because of the Hyperlink character style, as
Word's own do: a template can restyle them, and readers see links, not underlined text."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from dossier.briefing.document import Paragraph, Run
from dossier.briefing.docx import render_docx
from tests.briefing.made import briefing_of

BRIEFING = briefing_of(
    Paragraph((Run("See "), Run("the release", url="https://example.org/r"), Run("."))),
    title="Links",
    section="Sources",
)


def _links(data: bytes) -> tuple[docx.document.Document, list[object]]:
    document = docx.Document(io.BytesIO(data))
    runs = document.element.body.findall(".//" + qn("w:hyperlink") + "/" + qn("w:r"))
    return document, runs


def test_a_link_takes_its_look_from_the_hyperlink_style() -> None:
    document, runs = _links(render_docx(BRIEFING))
    style = next(s for s in document.styles if s.name == "Hyperlink")
    assert style.type == WD_STYLE_TYPE.CHARACTER
    assert style.font.underline and style.font.color.rgb is not None
    assert len(runs) == 1
    (properties,) = runs[0].findall(qn("w:rPr"))  # type: ignore[attr-defined]
    assert [child.tag for child in properties] == [qn("w:rStyle")]
    assert properties[0].get(qn("w:val")) == style.style_id


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_reads_a_link_without_underlining(tmp_path: Path) -> None:
    path = tmp_path / "links.docx"
    path.write_bytes(render_docx(BRIEFING))
    html = subprocess.run(
        ["pandoc", "-t", "html", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert '<a href="https://example.org/r">the release</a>' in html
    assert "<u>" not in html
