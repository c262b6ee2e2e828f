"""PDF briefings, reopened with poppler: text in every language, fonts embedded, the paper;
and the Word package they are made from, free of the library's leftovers."""

from __future__ import annotations

import contextlib
import io
import subprocess
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import docx
import pytest

from tests.conftest import Run
from tests.programs import needs_libreoffice, needs_program

VISIT = "munich-delegation-kawasaki-2027"
A4 = "595.304 x 841.89 pts (A4)"
LETTER = "612 x 792 pts (letter)"


def _pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def _fonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:]]


def _text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@needs_libreoffice("writer")
@needs_program("pdfinfo", "poppler-utils")
@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Since the last visit", "Who's who", "King Skyfront"]),
        ("de", ["Seit dem letzten Besuch", "Wer ist wer", "King Skyfront"]),
        ("ja", ["前回の訪問以降", "キング スカイフロント", "福田市長"]),
    ],
)
def test_a_pdf_in_each_language_on_a4_with_every_font_embedded(
    run: Run, tmp_path: Path, lang: str, words: list[str]
) -> None:
    result = run("brief", VISIT, "--lang", lang, "-o", "visit.pdf")
    assert result.exit_code == 0, result
    path = tmp_path / "visit.pdf"
    assert path.read_bytes().startswith(b"%PDF-")
    info = _pdfinfo(path)
    assert info["Page size"] == A4
    assert info["Title"].startswith(
        {"en": "Briefing", "de": "Briefing", "ja": "ブリーフィング"}[lang]
    )
    fonts = _fonts(path)
    assert fonts and all(row[-5] == "yes" for row in fonts), fonts  # the "emb" column
    text = _text(path)
    for word in words:
        assert word in text, word
    assert list(tmp_path.glob("*.docx")) == []  # the Word step leaves nothing behind
    assert info["Tagged"] == "yes"
    structure = subprocess.run(
        ["pdfinfo", "-struct", str(path)], capture_output=True, text=True, check=True
    ).stdout
    elements = {line.split()[0].rstrip(":") for line in structure.splitlines() if line.strip()}
    assert {"H1", "H2", "Table", "TR", "TD", "P"} <= elements, structure[:2000]


@needs_libreoffice("writer")
@needs_program("pdfinfo", "poppler-utils")
def test_letter_where_the_home_country_uses_it_and_paper_chooses(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "us.yaml"
    data.write_text(
        "home: bos\nclusters:\n  - {id: bos, name: Boston Hub, country: US}\n"
        "  - {id: kyo, name: Kyoto Hub, country: JP}\n",
        encoding="utf-8",
    )
    assert run("brief", "kyo", "-o", "us.pdf", data=data).exit_code == 0
    assert _pdfinfo(tmp_path / "us.pdf")["Page size"] == LETTER
    assert run("brief", "kyo", "-o", "a4.pdf", "--paper", "a4", data=data).exit_code == 0
    assert _pdfinfo(tmp_path / "a4.pdf")["Page size"] == A4


@needs_libreoffice("writer")
def test_concurrent_conversions_do_not_collide(run: Run, tmp_path: Path) -> None:
    from dossier.briefing.pdf import docx_to_pdf

    run("brief", "kawasaki", "-o", "k.docx")
    source = (tmp_path / "k.docx").read_bytes()
    results: list[bytes] = []
    threads = [
        threading.Thread(target=lambda: results.append(docx_to_pdf(source))) for _ in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 3 and all(r.startswith(b"%PDF-") for r in results)


def test_without_libreoffice_exit_2_and_the_package_to_install(run: Run, tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    result = run("brief", "kawasaki", "-o", "k.pdf", env={"PATH": str(empty)})
    assert result.exit_code == 2
    assert "apt-get install libreoffice-writer-nogui" in result.stderr
    assert not (tmp_path / "k.pdf").exists()


@needs_libreoffice("writer")
def test_a_conversion_out_of_time_leaves_no_file_no_process_and_no_profile(
    run: Run,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    private = tmp_path_factory.mktemp("tmpdir")
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    result = run("brief", "kawasaki", "-o", "k.pdf", env={"DOSSIER_PDF_TIMEOUT": "0.5"})
    assert result.exit_code == 1
    assert "LibreOffice did not finish the PDF within 0.5 s" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    assert list(private.iterdir()) == [], "the profile is removed"
    time.sleep(1)  # a LibreOffice left running would go on working in its profile
    assert str(private) not in _processes(), "no LibreOffice process is left running"
    assert list(private.iterdir()) == []


def _processes() -> str:
    """The command lines of the running processes."""
    lines = []
    for folder in Path("/proc").iterdir():
        if folder.name.isdigit():
            with contextlib.suppress(OSError):
                lines.append((folder / "cmdline").read_bytes().replace(b"\0", b" ").decode())
    return "\n".join(lines)


def test_a_pdf_cannot_go_to_standard_output(run: Run) -> None:
    result = run("brief", "kawasaki", "--format", "pdf", "-o", "-")
    assert result.exit_code == 2
    assert "a pdf file cannot go to standard output" in result.stderr


def test_the_word_package_names_dossier_and_no_library(run: Run, tmp_path: Path) -> None:
    run("brief", VISIT, "-o", "v.docx")
    data = (tmp_path / "v.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        app = archive.read("docProps/app.xml").decode()
        core = archive.read("docProps/core.xml").decode()
    assert not any("thumbnail" in name for name in names)
    assert "<Application>dossier " in app
    for leftover in ("Normal.dotm", "Microsoft", "python-docx"):
        assert leftover not in app + core
    properties = docx.Document(io.BytesIO(data)).core_properties
    assert properties.title == "Briefing: Munich delegation to King Skyfront"
    assert properties.language == "en-GB"
    section = docx.Document(io.BytesIO(data)).sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


@needs_program("pandoc")
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_pandoc_makes_a_titled_page_of_the_markdown(run: Run, tmp_path: Path, lang: str) -> None:
    run("brief", VISIT, "--lang", lang, "-o", "v.md")
    result = subprocess.run(
        ["pandoc", "-s", str(tmp_path / "v.md"), "-o", str(tmp_path / "v.html")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stderr == ""  # pandoc warns about a page without a title
    page = (tmp_path / "v.html").read_text(encoding="utf-8")
    title = {"en": "Briefing: Munich delegation to King Skyfront", "ja": "ブリーフィング："}[lang]
    assert f"<title>{title}" in page
    assert f'lang="{ {"en": "en-GB", "ja": "ja-JP"}[lang] }"' in page
