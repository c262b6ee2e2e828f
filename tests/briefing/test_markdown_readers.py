"""The Markdown briefing in the programs that read Markdown: pandoc shows its title once,
and a CommonMark renderer shows the metadata as a block of code, never as a heading."""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml
from hypothesis import given
from markdown_it import MarkdownIt

from dossier.briefing.document import Briefing, Paragraph, Run
from dossier.briefing.markdown import render_markdown
from tests.briefing.made import briefing_of
from tests.briefing.test_hostile_text import TEXT
from tests.programs import needs_program


def _briefing(title: str, author: str = "Home Cluster") -> Briefing:
    return briefing_of(Paragraph((Run("Text"),)), title=title, section="Who's who", author=author)


def _pandoc_standalone(tmp_path: Path, to: str) -> str:
    """What `pandoc -s` makes of a small briefing's Markdown, as `to`."""
    path = tmp_path / "b.md"
    path.write_text(render_markdown(_briefing("Briefing: Trip")), encoding="utf-8")
    return subprocess.run(
        ["pandoc", "-s", "-t", to, str(path)], capture_output=True, text=True, check=True
    ).stdout


@given(title=TEXT, author=TEXT)
def test_commonmark_shows_the_metadata_as_code_then_the_one_title(title: str, author: str) -> None:
    tokens = MarkdownIt("commonmark").parse(render_markdown(_briefing(title, author)))
    blocks = [t for t in tokens if t.level == 0]
    assert [t.type for t in blocks[:4]] == ["hr", "code_block", "hr", "heading_open"]
    assert blocks[3].tag == "h1"
    assert [t.tag for t in tokens if t.type == "heading_open"].count("h1") == 1
    # What the code block shows is the metadata, which YAML reads back as written.
    metadata = yaml.safe_load(blocks[1].content)
    assert metadata["lang"] == "en-GB" and metadata["date"] == "2026-11-25"
    assert set(metadata) == {"pagetitle", "title-meta", "subject", "author-meta", "lang", "date"}


@needs_program("pandoc")
def test_pandoc_s_shows_the_title_once_and_names_the_page(tmp_path: Path) -> None:
    page = _pandoc_standalone(tmp_path, "html")
    assert page.count("<h1") == 1 and "<title>Briefing: Trip</title>" in page
    assert 'lang="en-GB"' in page and "title-block-header" not in page


@needs_program("pandoc")
def test_pandoc_names_the_pdf_and_its_language(tmp_path: Path) -> None:
    latex = _pandoc_standalone(tmp_path, "latex")
    assert "pdftitle={Briefing: Trip}" in latex and "pdfauthor={Home Cluster}" in latex
    assert "\\maketitle" not in latex  # the body's heading is the title
