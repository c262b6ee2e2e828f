"""Values as YAML text for an edit: on one line, or as block lines at an indentation, in the
file's own line ends and with dates written as the file writes them."""

from __future__ import annotations

import json
import re
from typing import Any

from dossier.datafile.yaml_core import dump_block, dump_flow, dump_yaml
from dossier.datafile.yaml_plain import plain_block

_PLAIN_DATE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
_WRITES_PLAIN_DATES = re.compile(
    r"^[ \t-]*[A-Za-z_]+:[ \t]+\d{4}-\d{2}(?:-\d{2})?[ \t]*(?:#|$)", re.M
)


class Layout:
    """What an edit needs to know of the whole file: its line ends and how it writes dates."""

    def __init__(self, text: str) -> None:
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.plain_dates = _WRITES_PLAIN_DATES.search(text) is not None


def inline(layout: Layout, value: Any, *, in_flow: bool = False) -> str:
    """A value on one line: a scalar plain or quoted as the reader needs (inside a flow
    collection, as flow context needs: `a, b` is quoted there), a list or mapping in flow
    style; dates plain where the file writes them plain."""
    if isinstance(value, list):
        return "[" + ", ".join(inline(layout, item, in_flow=True) for item in value) + "]"
    if isinstance(value, dict):
        pairs = (
            f"{dump_flow([key])[1:-1]}: {inline(layout, item, in_flow=True)}"
            for key, item in value.items()
        )
        return "{" + ", ".join(pairs) + "}"
    if isinstance(value, str) and layout.plain_dates and _PLAIN_DATE.match(value):
        return value
    if isinstance(value, str) and ("\n" in value or "\r" in value):
        return json.dumps(value, ensure_ascii=False)  # JSON's escapes are YAML's
    if in_flow:
        return dump_flow([value])[1:-1]
    text = dump_yaml(value).strip()
    if text.endswith("\n..."):
        text = text[: -len("\n...")]
    if "\n" in text:
        text = json.dumps(value, ensure_ascii=False)
    return text


def _block_text(data: Any) -> str:
    """Block YAML of `data`: written plain where it is plain (see `yaml_plain`), else by
    PyYAML."""
    return plain_block(data) or dump_block(data)


def block_lines(layout: Layout, data: Any, indent: int) -> str:
    """Block-style YAML lines at `indent`, in the file's line ends."""
    lines = _block_text(data).splitlines()
    if layout.plain_dates:
        lines = [_unquote_date(line) for line in lines]
    return "".join(" " * indent + line + layout.newline for line in lines)


def needs_block(value: Any) -> bool:
    """A list of mappings or lists: written in block style under its key."""
    return isinstance(value, list) and any(isinstance(item, dict | list) for item in value)


def literal_block(value: Any, indent: int, style: str, newline: str) -> str | None:
    """Text as a block scalar at `indent`: in `style` (`|` or `>`) while it is one line, else
    literal, which keeps every line break and blank line as they are; None for text a block
    scalar cannot hold as it is (a CR, blanks at its start, or nothing)."""
    if not isinstance(value, str) or not value.strip() or "\r" in value:
        return None
    if value[0] in " \t" or any(ch in value for ch in "\x85\u2028\u2029\ufeff"):
        return None
    body = value.rstrip("\n")
    trailing = len(value) - len(body)
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    lines = body.split("\n")
    folded = len(lines) == 1 and style == ">" and "  " not in body
    header = (">" if folded else "|") + chomp
    written = [header] + [(" " * indent + line) if line else "" for line in lines]
    written += [""] * (trailing - 1 if chomp == "+" else 0)
    return newline.join(written) + newline


def _unquote_date(line: str) -> str:
    """`since: '2017-11-10'` as `since: 2017-11-10`: the reader takes both as the same text."""
    return re.sub(r"(:\s|-\s)'(\d{4}-\d{2}(?:-\d{2})?)'$", r"\1\2", line)


def add_section(text: str, section: str, items: list[dict[str, Any]], layout: Layout) -> str:
    """The text with a new top-level list `section` holding `items`, at the end of the file."""
    start = "" if not text or text[-1] in "\n\r" else layout.newline
    lines = _block_text({section: items}).splitlines()
    if layout.plain_dates:
        lines = [_unquote_date(line) for line in lines]
    return text + start + "".join(line + layout.newline for line in lines)
