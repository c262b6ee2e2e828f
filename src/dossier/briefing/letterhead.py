"""A template's letterhead and cover sheet, kept, with their placeholders filled.

A ministry's template carries its letterhead in its headers and footers and, often, a cover
sheet in its body. Both are kept; `{{ title }}`, `{{ counterpart }}`, `{{ date }}`,
`{{ classification }}`, `{{ audience }}` and `{{ home }}` in them are filled with the
briefing's values. An unknown placeholder is an error, raised before anything is written.

python-docx's own API suffices for this: placeholders are plain text, not a template
language, so a `{{ … }}` can do nothing but be replaced (docxtpl would bring Jinja, whose
templates can run code unless sandboxed, for no gain here). Word may split a placeholder
over several runs; each paragraph is read as one text, and its filled text is written into
its first run, whose formatting it takes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from docx.document import Document
from docx.oxml.ns import qn

from dossier.errors import UsageError

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
PLACEHOLDERS = ("title", "counterpart", "date", "classification", "audience", "home")
"""Every placeholder a template may use."""


def letterhead_elements(document: Document) -> Iterator[Any]:
    """The headers and footers of every section that has its own."""
    for section in document.sections:
        for part in (
            section.header,
            section.first_page_header,
            section.even_page_header,
            section.footer,
            section.first_page_footer,
            section.even_page_footer,
        ):
            if not part.is_linked_to_previous:
                yield part._element


def has_text(element: Any) -> bool:
    """Whether a header, footer or body shows anything: text, a picture or a table."""
    texts = "".join(t.text or "" for t in element.iter(qn("w:t")))
    return bool(texts.strip()) or any(
        True for tag in ("w:drawing", "w:pict", "w:tbl") for _ in element.iter(qn(tag))
    )


def used_placeholders(element: Any) -> set[str]:
    return {
        match.group(1)
        for paragraph in element.iter(qn("w:p"))
        for match in PLACEHOLDER.finditer(_text(paragraph))
    }


def check_placeholders(elements: list[Any], template_name: str) -> None:
    unknown = sorted(set().union(*(used_placeholders(e) for e in elements)) - set(PLACEHOLDERS))
    if unknown:
        names = ", ".join(f"{{{{ {name} }}}}" for name in unknown)
        known = ", ".join(PLACEHOLDERS)
        raise UsageError(
            f"{template_name}: unknown placeholder {names}; the template may use {known}"
        )


def fill(element: Any, values: Mapping[str, str]) -> None:
    """Every placeholder in `element` replaced by its value."""
    for paragraph in element.iter(qn("w:p")):
        text = _text(paragraph)
        if "{{" not in text:
            continue
        filled = PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)
        texts = list(paragraph.iter(qn("w:t")))
        texts[0].text = filled
        texts[0].set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        for other in texts[1:]:
            other.text = ""


def _text(paragraph: Any) -> str:
    return "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
