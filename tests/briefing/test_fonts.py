"""A PDF is set in the fonts the Word document names where the machine has them, else in
their stand-ins of the same kind; never in whatever LibreOffice finds first."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from dossier.briefing.fonts import STAND_INS, for_this_machine, installed_families, substitutions
from tests.conftest import Run
from tests.programs import needs_libreoffice, needs_program

LINUX = {"Liberation Sans", "Liberation Serif", "IPAGothic", "DejaVu Sans", "DejaVu Serif"}


def test_each_office_font_gets_its_first_installed_stand_in() -> None:
    chosen = substitutions(LINUX)
    assert chosen["Calibri"] == chosen["Arial"] == "Liberation Sans"
    assert chosen["Cambria"] == "Liberation Serif"
    assert chosen["Yu Gothic"] == "IPAGothic"
    assert substitutions(LINUX | {"Carlito", "Cambria"})["Calibri"] == "Carlito"
    assert "Cambria" not in substitutions(LINUX | {"Cambria"})  # installed: kept
    assert substitutions(set()) == {}  # nothing known: LibreOffice chooses


def _font_names(document: bytes) -> set[str]:
    names: set[str] = set()
    with zipfile.ZipFile(io.BytesIO(document)) as package:
        for name in package.namelist():
            if name.endswith(".xml"):
                text = package.read(name).decode("utf-8")
                names |= set(re.findall(r'(?:typeface|w:ascii|w:hAnsi|w:eastAsia)="([^"]+)"', text))
    return names


def test_the_document_names_only_installed_fonts_after(run: Run, tmp_path: Path) -> None:
    result = run("brief", "kawasaki", "--lang", "ja", "-o", "b.docx")
    assert result.exit_code == 0, result
    original = (tmp_path / "b.docx").read_bytes()
    assert {"Calibri", "Cambria", "Yu Gothic", "Arial"} <= _font_names(original)
    rendered = for_this_machine(original, LINUX)
    names = _font_names(rendered)
    assert names & set(STAND_INS) == set()  # the theme's fonts for other scripts stay
    assert {"Liberation Sans", "Liberation Serif", "IPAGothic"} <= names
    docx.Document(io.BytesIO(rendered))  # still a Word document
    assert for_this_machine(original, set()) == original


@needs_libreoffice("writer")
@needs_program("pdffonts", "poppler-utils")
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_pdf_is_set_in_the_stand_ins_not_in_a_fallback(
    run: Run, tmp_path: Path, lang: str
) -> None:
    installed = installed_families()
    if not {"Liberation Sans", "Liberation Serif"} <= installed:
        pytest.skip("the test needs fonts-liberation2")
    result = run("brief", "kawasaki", "--lang", lang, "-o", "b.pdf")
    assert result.exit_code == 0, result
    listed = subprocess.run(
        ["pdffonts", str(tmp_path / "b.pdf")], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    fonts = {line.split()[0].split("+", 1)[-1] for line in listed}
    wanted = {"Calibri", "Cambria", "Arial", "Yu Gothic"}
    chosen = {font: substitutions(installed).get(font, font) for font in wanted}
    families = {re.sub(r"[- ]", "", c) for c in chosen.values()}
    used = {re.sub(r"-(Regular|Bold|Italic|BoldItalic)$", "", f) for f in fonts} - {"OpenSymbol"}
    assert used <= families, (used, families)
