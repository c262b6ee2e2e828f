"""`Briefing` → Markdown, for reading as plain text and for pandoc."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from dossier.briefing.document import (
    Block,
    Briefing,
    BulletList,
    Line,
    NumberedList,
    Paragraph,
    Picture,
    Subheading,
    is_safe_link,
)
from dossier.model.languages import language_tag
from dossier.model.values import CONTROL_CHARACTERS

# Every character CommonMark or pandoc's Markdown gives a meaning inside a line: emphasis,
# code, links and images, raw HTML and entities, tables, headings, strikeout, super- and
# subscript, inline math, citations, attributes.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&~^$!@{}])")
# What starts a block when it opens a line: a list item, a numbered item, a rule (`---`), a
# fenced div (`:::`).
_BLOCK_START = re.compile(r"^(\s*(?:\d+)?)([-+.)]|:(?=::))")
# In a link's address only these stay as written; everything else is percent-encoded, so an
# address can never end the link early (`>`, `)`, a space) or carry markup.
_URL_SAFE = ":/?#@!$&'*+,;=%~-._"
METADATA_INDENT = " " * 4
"""The metadata's indent: enough for CommonMark's code block."""


def escape(text: str) -> str:
    """Text that Markdown shows as written, inside a line."""
    return _SPECIAL.sub(r"\\\1", CONTROL_CHARACTERS.sub("", text))


def line_start(markdown: str) -> str:
    """A line that cannot open a list, a rule or a div by how its text begins (table cells
    need no such care, and `09:30` in them stays readable)."""
    return _BLOCK_START.sub(r"\1\\\2", markdown)


def link_address(url: str) -> str:
    """A URL as a Markdown link destination that means exactly that URL and nothing more."""
    return quote(CONTROL_CHARACTERS.sub("", url), safe=_URL_SAFE)


def inline(runs: Line) -> str:
    parts = []
    for run in runs:
        text = escape(run.text)
        if not text:
            continue  # empty emphasis (`****`) alone on a line would be a rule
        if run.url and is_safe_link(run.url):
            text = f"[{text}](<{link_address(run.url)}>)"
        if run.bold:
            text = f"**{text}**"
        if run.italic:
            text = f"*{text}*"
        parts.append(text)
    return "".join(parts).replace("\n", " ")


def block(item: Block) -> str:
    if isinstance(item, Paragraph):
        return line_start(inline(item.runs))
    if isinstance(item, Subheading):
        return f"### {escape(item.text)}"
    if isinstance(item, BulletList):
        return "\n".join(f"- {line_start(inline(i))}" for i in item.items)
    if isinstance(item, NumberedList):
        return "\n".join(f"{n}. {line_start(inline(i))}" for n, i in enumerate(item.items, 1))
    if isinstance(item, Picture):
        return f"![{escape(item.description)}]({link_address(item.file_name)})"
    rows = [
        "| " + " | ".join(escape(h) for h in item.header) + " |",
        "|" + "---|" * len(item.header),
        *("| " + " | ".join(inline(cell) for cell in row) + " |" for row in item.rows),
    ]
    return "\n".join(rows)


def metadata(briefing: Briefing) -> str:
    """A YAML metadata block that pandoc, GitHub and static-site tools read: the page's title,
    subject, author, language and date.

    The title is `pagetitle` and `title-meta`, the names pandoc gives the title of the page
    (HTML's `<title>`, the PDF's properties) without a title block: the body's `#` heading is
    the one title a reader sees. The lines are indented, which YAML reads the same and
    CommonMark shows as a block of code between two rules, never as a heading. The values are
    JSON strings, which YAML reads as written; pandoc reads each as Markdown, so it is escaped
    as every text of the body is: a `<script>` in a title is text, not HTML in the page."""
    title = line_start(escape(briefing.title))
    texts = {"subject": briefing.subject, "author-meta": briefing.author}
    fields = {"pagetitle": title, "title-meta": title}
    fields.update({key: line_start(escape(value)) for key, value in texts.items()})
    # A language tag and an ISO date hold nothing Markdown reads; tools parse them as written.
    fields.update(lang=language_tag(briefing.language), date=briefing.prepared.isoformat())
    lines = [f"{METADATA_INDENT}{key}: {_yaml_string(value)}" for key, value in fields.items()]
    return "\n".join(["---", *lines, "---"])


def _yaml_string(text: str) -> str:
    """A double-quoted string YAML reads back as `text` (JSON's escapes are YAML's; the line
    separators YAML would fold are escaped too)."""
    quoted = json.dumps(CONTROL_CHARACTERS.sub("", text), ensure_ascii=False)
    return quoted.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def render_markdown(briefing: Briefing) -> str:
    parts = [metadata(briefing), f"# {escape(briefing.title)}"]
    parts += [line_start(inline(cover)) for cover in briefing.cover]
    if briefing.classification:
        parts.append(f"**{escape(briefing.classification)}**")
    for section in briefing.sections:
        parts.append(f"## {escape(section.title)}")
        parts += [block(b) for b in section.blocks]
    return "\n\n".join(parts) + "\n"
