"""A numbered list of ten items or more leaves room for its two-digit numbers: "10." never
runs into the item's text, in Word, in LibreOffice's PDF, or as pandoc reads the list."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree as etree

import docx
import pytest

from dossier.briefing.document import Briefing, NumberedList, Run
from dossier.briefing.docx import render_docx
from dossier.briefing.numbering import NUMBER_TWIPS
from tests.briefing.made import briefing_of
from tests.programs import needs_libreoffice, needs_program

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _briefing(count: int) -> Briefing:
    items = tuple((Run(f"Source number {n}"),) for n in range(1, count + 1))
    return briefing_of(NumberedList(items), title="Sources", section="Sources")


def _numbered(data: bytes) -> tuple[list[str | None], dict[str, tuple[int, int]]]:
    """Each list paragraph's own numbering id (None: the style's), and each numbering's
    first-level (left, hanging) indent in twips, read from the package's XML."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        numbering = etree.fromstring(package.read("word/numbering.xml"))
    paragraphs = [p for p in body.iter(W + "p") if "Source number" in "".join(p.itertext())]
    ids = [next((n.get(W + "val") for n in p.iter(W + "numId")), None) for p in paragraphs]
    abstracts = {
        a.get(W + "abstractNumId"): a.find(f"{W}lvl/{W}pPr/{W}ind")
        for a in numbering.iter(W + "abstractNum")
    }
    rooms = {}
    for num in numbering.iter(W + "num"):
        ind = abstracts[_val(num)]
        if ind is not None:
            rooms[num.get(W + "numId", "")] = (
                int(ind.get(W + "left", "0")),
                int(ind.get(W + "hanging", "0")),
            )
    return ids, rooms


def _val(num: etree.Element) -> str | None:
    reference = num.find(W + "abstractNumId")
    return None if reference is None else reference.get(W + "val")


def test_nine_items_keep_the_styles_numbering() -> None:
    ids, _ = _numbered(render_docx(_briefing(9)))
    assert ids == [None] * 9


@pytest.mark.parametrize(("count", "digits"), [(10, 2), (14, 2), (120, 3)])
def test_a_longer_list_numbers_with_room_for_every_digit(count: int, digits: int) -> None:
    data = render_docx(_briefing(count))
    ids, rooms = _numbered(data)
    assert len(set(ids)) == 1 and ids[0] is not None
    left, hanging = rooms[ids[0]]
    assert hanging > NUMBER_TWIPS and left - hanging == 0  # the number stays at the margin
    assert hanging >= NUMBER_TWIPS * digits / 2 + NUMBER_TWIPS / 2
    style = docx.Document(io.BytesIO(data)).styles["List Number"].element
    assert rooms[str(style.pPr.numPr.numId.val)][1] == NUMBER_TWIPS  # the style is as it was


@needs_program("pandoc", "pandoc")
def test_pandoc_reads_one_list_from_one_to_fourteen(tmp_path: Path) -> None:
    path = tmp_path / "list.docx"
    path.write_bytes(render_docx(_briefing(14)))
    html = subprocess.run(
        ["pandoc", "-t", "html", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert html.count("<ol") == 1 and html.count("<li>") == 14
    assert 'start="' not in html


@needs_libreoffice("writer")
@needs_program("pdftotext", "poppler-utils")
def test_in_the_pdf_a_gap_follows_every_number(tmp_path: Path) -> None:
    from dossier.briefing.pdf import docx_to_pdf

    path = tmp_path / "list.pdf"
    path.write_bytes(docx_to_pdf(render_docx(_briefing(14))))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    numbers = re.findall(r"^\s*(\d+)\.(\s+)Source number (\d+)$", text, re.MULTILINE)
    assert [(int(a), int(b)) for a, _, b in numbers] == [(n, n) for n in range(1, 15)]
