"""Text and addresses from the data reach a Markdown briefing only as what they say: rendered
by pandoc, the page holds no element and no link that the briefing did not write."""

from __future__ import annotations

import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.briefing.build import build_briefing
from dossier.briefing.markdown import render_markdown
from dossier.datafile.load import load
from dossier.datafile.yaml_core import dump_yaml
from tests.conftest import TODAY
from tests.programs import needs_program

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[Click](javascript:alert(1))",
    "![x](https://evil.example/x.png)",
    "<https://evil.example/>",
    "`code`",
    "**bold** _it_ ~~gone~~ ^up^ ~down~",
    "$x^2$",
    "&lt;b&gt; &amp;",
    "- item",
    "1. item",
    "# heading",
    "> quote",
    "| a | b |",
    "---",
    "[^1]",
    "{.class}",
    "::: div",
    "@cite",
    "\\",
    "<!-- c -->",
]
PRINTABLE = st.text(st.characters(exclude_categories=("Cc", "Cs", "Co", "Cn")), max_size=5)
TEXT = st.lists(st.sampled_from(HOSTILE) | PRINTABLE, min_size=1, max_size=4).map("".join)
URL = st.builds(lambda tail: "https://x.example/" + tail, TEXT)
ALLOWED_TAGS = {
    "h1",
    "h2",
    "h3",
    "p",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "colgroup",
    "col",
    "br",
}


STANDALONE_TAGS = {"html", "head", "meta", "title", "style", "body", "header"}
"""What `pandoc -s` wraps the page in, around the metadata it shows."""


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in_title = tag == "title"
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def _dossier(text: str, url: str) -> dict[str, Any]:
    return {
        "home": "home",
        "clusters": [
            {"id": "home", "name": "Home", "city": "Munich", "sources": ["s"]},
            {"id": "there", "name": text, "summary": text, "focus": [text], "sources": ["s"]},
        ],
        "people": [
            {
                "id": "p",
                "name": text,
                "notes": text,
                "roles": [{"title": text, "organisation": "there"}],
                "sources": ["s"],
            }
        ],
        "events": [
            {
                "id": "trip",
                "kind": "visit",
                "title": text,
                "date": "2027-03-26",
                "place": text,
                "parties": ["home", "there"],
                "purpose": text,
                "objectives": [text],
                "agenda": [{"time": "09:30", "title": text, "people": ["p"]}],
                "follow_ups": [{"action": text, "owner": "p", "due": "2027-01-01"}],
                "sources": ["s"],
            }
        ],
        "sources": [{"id": "s", "title": text, "publisher": text, "url": url}],
    }


def _html_of(tmp_path: Path, text: str, url: str, *standalone: str) -> _Elements:
    path = tmp_path / "hostile.yaml"
    path.write_text(dump_yaml(_dossier(text, url)), encoding="utf-8")
    loaded = load([path], TODAY)
    assert not loaded.has_errors, loaded.problems
    markdown = render_markdown(
        build_briefing(loaded.dossier, loaded.dossier.by_id["trip"], today=TODAY)
    )
    html = subprocess.run(
        ["pandoc", *standalone, "-f", "markdown", "-t", "html"],
        input=markdown,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    elements = _Elements()
    elements.feed(html)
    return elements


@needs_program("pandoc")
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=TEXT, url=URL)
def test_hostile_text_renders_no_element_or_link_we_did_not_write(
    tmp_path: Path, text: str, url: str
) -> None:
    elements = _html_of(tmp_path, text, url)
    assert set(elements.tags) <= ALLOWED_TAGS, set(elements.tags) - ALLOWED_TAGS
    # The one link is the source's address, percent-encoded, still on its own host.
    assert len(elements.links) == 1
    assert elements.links[0].startswith("https://x.example/")
    assert " " not in elements.links[0] and "<" not in elements.links[0]


@needs_program("pandoc")
def test_an_address_that_tries_to_close_its_link_stays_one_link(tmp_path: Path) -> None:
    url = "https://x.example/>)[Click](javascript:alert(1)) <img src=x onerror=alert(1)>"
    elements = _html_of(tmp_path, "Plain", url)
    assert elements.links == [
        "https://x.example/%3E%29%5BClick%5D%28javascript:alert%281%29%29%20%3Cimg%20src="
        "x%20onerror=alert%281%29%3E"
    ]
    assert "img" not in elements.tags


@needs_program("pandoc")
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=TEXT)
def test_the_metadata_block_is_text_to_pandoc_s(tmp_path: Path, text: str) -> None:
    """`pandoc -s` reads the title, subject and author as Markdown and puts them in the page:
    they arrive as the text they are, with no element of their own."""
    elements = _html_of(tmp_path, text, "https://x.example/", "-s")
    assert set(elements.tags) <= ALLOWED_TAGS | STANDALONE_TAGS, set(elements.tags) - (
        ALLOWED_TAGS | STANDALONE_TAGS
    )
    # pandoc's typography (`--` as a dash, curly quotes) aside, the title is the text.
    assert _letters(elements.title) == _letters(f"Briefing: {text}")


def _letters(text: str) -> str:
    return "".join(c for c in text if not c.isspace() and c not in "-–—.…'\"‘’“”")
