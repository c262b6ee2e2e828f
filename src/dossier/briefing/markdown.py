"""`Briefing` → Markdown, for reading as plain text and for pandoc."""

from __future__ import annotations

import re

from dossier.briefing.document import (
    Block,
    Briefing,
    BulletList,
    Line,
    NumberedList,
    Paragraph,
    Subheading,
    is_safe_link,
)
from dossier.model.values import CONTROL_CHARACTERS

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def escape(text: str) -> str:
    """Text that Markdown shows as written."""
    return _SPECIAL.sub(r"\\\1", CONTROL_CHARACTERS.sub("", text))


def inline(runs: Line) -> str:
    parts = []
    for run in runs:
        text = escape(run.text)
        if run.url and is_safe_link(run.url):
            text = f"[{text}](<{run.url}>)"
        if run.bold:
            text = f"**{text}**"
        if run.italic:
            text = f"*{text}*"
        parts.append(text)
    return "".join(parts).replace("\n", " ")


def block(item: Block) -> str:
    if isinstance(item, Paragraph):
        return inline(item.runs)
    if isinstance(item, Subheading):
        return f"### {escape(item.text)}"
    if isinstance(item, BulletList):
        return "\n".join(f"- {inline(i)}" for i in item.items)
    if isinstance(item, NumberedList):
        return "\n".join(f"{n}. {inline(i)}" for n, i in enumerate(item.items, 1))
    rows = [
        "| " + " | ".join(escape(h) for h in item.header) + " |",
        "|" + "---|" * len(item.header),
        *("| " + " | ".join(inline(cell) for cell in row) + " |" for row in item.rows),
    ]
    return "\n".join(rows)


def render_markdown(briefing: Briefing) -> str:
    parts = [f"# {escape(briefing.title)}"]
    parts += [inline(cover) for cover in briefing.cover]
    parts.append(f"**{escape(briefing.classification.upper())}**")
    for section in briefing.sections:
        parts.append(f"## {escape(section.title)}")
        parts += [block(b) for b in section.blocks]
    return "\n\n".join(parts) + "\n"
