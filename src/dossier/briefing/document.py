"""A briefing as plain data: sections of paragraphs, lists and tables, with links.

Renderers (Word, Markdown) draw this model; they decide nothing about content.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

SAFE_LINK_SCHEMES = ("http://", "https://", "mailto:")


def is_safe_link(url: str | None) -> bool:
    """Only web and mail links are ever written into a document."""
    return bool(url) and str(url).lower().startswith(SAFE_LINK_SCHEMES)


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of text with its emphasis; `url` makes it a hyperlink."""

    text: str
    bold: bool = False
    italic: bool = False
    url: str | None = None
    whole: bool = False
    """Kept on one line in a table: a date, in every language (`10. November 2017` would
    otherwise break at its spaces, `2017年11月10日` between any two characters)."""


Line = tuple[Run, ...]


def line(*parts: str | Run | None) -> Line:
    """A line from strings and runs; None parts are skipped."""
    return tuple(Run(p) if isinstance(p, str) else p for p in parts if p is not None and p != "")


@dataclass(frozen=True, slots=True)
class Paragraph:
    runs: Line
    keep_with_next: bool = False
    """On the same page as what follows (a person's name with their role and notes)."""
    indent: bool = False
    """Set in from the left, under the line it belongs to."""


@dataclass(frozen=True, slots=True)
class Subheading:
    text: str


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class NumberedList:
    items: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Line, ...], ...]


@dataclass(frozen=True, slots=True)
class Picture:
    """A picture: PNG for Word, SVG in a file of its own beside a Markdown document (a
    picture made for one kind of document may leave the other's bytes empty)."""

    png: bytes
    svg: bytes
    description: str
    """What it shows, for readers who cannot see it (alternative text)."""
    file_name: str
    """The SVG's file name, beside the Markdown document that links it."""
    width_mm: float | None = None
    """Its natural width, if narrower than the text: it is never drawn wider than that."""


Block = Paragraph | Subheading | BulletList | NumberedList | Table | Picture


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Briefing:
    """Everything a renderer needs, in reading order."""

    title: str
    cover: tuple[Line, ...]
    classification: str
    """Printed as written (`VS-NfD` stays `VS-NfD`); "" prints no classification line."""
    sections: tuple[Section, ...]
    subject: str
    author: str
    prepared: dt.date
    keywords: tuple[str, ...] = field(default_factory=tuple)
    language: str = "en"
    page_label: tuple[str, ...] = ("Page ", "{page}", " of ", "{pages}", "")
    """The footer's words around its page fields, as `Translator.parts` splits them."""
    paper: str | None = "a4"
    """`a4` or `letter`; None keeps the page setup of the template."""
    template_values: tuple[tuple[str, str], ...] = ()
    """What a template's `{{ placeholders }}` are filled with (`dossier.briefing.letterhead`)."""

    def header_text(self) -> str:
        """The title, and the classification as written (none if it was given empty)."""
        return f"{self.title} · {self.classification}" if self.classification else self.title
