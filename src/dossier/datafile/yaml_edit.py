"""Edits of a data file that change only the text they must: comments, key order, quoting,
blank lines and every other record stay byte for byte.

The file is composed into nodes with their positions by the same libyaml parser that reads
it; a value is replaced where it stands, and a field a record lacks is added on a line of
its own after the record's last field (or inside its braces, for a record written in flow
style). A round-trip library (ruamel.yaml) would re-emit the whole file in its own layout
and bring a second YAML parser whose rules differ from the reader's; position-based edits on
the reader's own parse keep one set of rules and touch nothing else.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from dossier.datafile.yaml_core import Composer, dump_block, dump_flow, dump_yaml
from dossier.errors import FieldPath, UsageError, format_field_path

_NEWLINE = re.compile("\n")
_PART = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def parse_field_path(text: str) -> FieldPath:
    """`roles[0].until` → ("roles", 0, "until"); a usage error for anything else."""
    parts: list[str | int] = []
    position = 0
    while position < len(text):
        match = _PART.match(text, position)
        if match is None or (position == 0 and text.startswith(".")):
            raise UsageError(f"'{text}' is not a field path such as honorific or roles[0].until")
        parts.append(match.group(1) if match.group(1) else int(match.group(2)))
        position = match.end()
    if not parts or not isinstance(parts[0], str):
        raise UsageError(f"'{text}' is not a field path such as honorific or roles[0].until")
    return tuple(parts)


def scalar_text(value: Any) -> str:
    """A value as YAML text for one line: a scalar plain or quoted as the reader needs, a list
    or mapping in flow style."""
    if isinstance(value, list | dict):
        return dump_flow(value)
    text = dump_yaml(value).strip()
    if text.endswith("\n..."):
        text = text[: -len("\n...")]
    if "\n" in text:  # a multi-line text: one double-quoted line (JSON's escapes are YAML's)
        text = json.dumps(value, ensure_ascii=False)
    return text


class _Text:
    """The file's text, with offsets from libyaml's (line, column) marks."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = [0, *(m.end() for m in _NEWLINE.finditer(text))]

    def offset(self, mark: Any) -> int:
        line: int = mark.line
        column: int = mark.column
        return self.starts[line] + column


def compose(text: str) -> Node:
    loader = Composer(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as error:
        raise UsageError(f"the file cannot be read for editing: {error}") from None
    finally:
        loader.dispose()
    if node is None:
        raise UsageError("the file is empty")
    return node


def _child(node: Node, part: str | int) -> tuple[Node | None, Node | None]:
    """(key node, value node) of a mapping's key, or (None, item) of a sequence's index."""
    if isinstance(node, MappingNode) and isinstance(part, str):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == part:
                return key, value
        return None, None
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None, None


def set_value(text: str, path: FieldPath, value: Any) -> str:
    """The text with the value at `path` (from the top of the file) set to `value`: replaced
    where it stands, or added after its mapping's last field."""
    node = compose(text)
    positions = _Text(text)
    for depth, part in enumerate(path[:-1]):
        _, child = _child(node, part)
        if child is None:
            raise UsageError(f"no {format_field_path(path[: depth + 1])} to edit")
        node = child
    last = path[-1]
    _, current = _child(node, last)
    rendered = scalar_text(value)
    if current is not None:
        start, end = positions.offset(current.start_mark), positions.offset(current.end_mark)
        if isinstance(current, ScalarNode) and current.style in ("|", ">"):
            # A block scalar ends with the line breaks after it (blank lines too): kept.
            old = text[start:end]
            tail = old[len(old.rstrip("\n")) :] or "\n"
            return text[:start] + rendered + tail + text[end:]
        return text[:start] + rendered + text[end:]
    if not isinstance(node, MappingNode) or not isinstance(last, str):
        raise UsageError(f"no {format_field_path(path)} to edit")
    return _add_key(text, positions, node, last, rendered)


def set_value_in_item(
    text: str, first_line: int, last_line: int, path: FieldPath, value: Any
) -> str:
    """`set_value` for a path inside the list item on lines `first_line`…`last_line`
    (0-based; a record of a block section): only those lines are parsed, so that an edit of
    one record of a large file costs what the record does. A record that shares its lines
    with others (a section in flow style) is edited through the whole file."""
    lines = text.splitlines(keepends=True)
    before, item, after = (
        lines[:first_line],
        lines[first_line : last_line + 1],
        lines[last_line + 1 :],
    )
    piece = "".join(item)
    if not piece.lstrip().startswith("- "):
        return ""  # not a block list item of its own: the caller edits the whole file
    edited = set_value(piece, (0, *path), value)
    return "".join(before) + edited + "".join(after)


def _end_of_line(text: str, start: int) -> int:
    newline = text.find("\n", start)
    return len(text) if newline < 0 else newline


def _add_key(text: str, positions: _Text, mapping: MappingNode, key: str, rendered: str) -> str:
    if mapping.flow_style or not mapping.value:
        close = positions.offset(mapping.end_mark) - 1  # the closing brace
        while close > 0 and text[close] != "}":
            close -= 1
        separator = ", " if mapping.value else ""
        return text[:close].rstrip(" ") + f"{separator}{key}: {rendered}" + text[close:]
    first_key = mapping.value[0][0]
    indent = int(first_key.start_mark.column)
    last_value = mapping.value[-1][1]
    end = positions.offset(last_value.end_mark)
    if last_value.end_mark.column == 0 and end > 0:
        insert_at = end  # the value ended with its line (a block scalar or collection)
    else:
        insert_at = _end_of_line(text, end) + 1
        if insert_at > len(text):
            text += "\r\n" if "\r\n" in text else "\n"
    newline = "\r\n" if "\r\n" in text else "\n"  # the file's own line ends
    line = " " * indent + f"{key}: {rendered}{newline}"
    return str(text[:insert_at] + line + text[insert_at:])


def add_item(text: str, section: str, item: dict[str, Any]) -> str:
    """The text with `item` added at the end of the top-level list `section` (which is
    created at the end of the file if there is none), laid out as the list's items are."""
    root = compose(text) if text.strip() else None
    newline = "\r\n" if "\r\n" in text else "\n"
    _, items = _child(root, section) if root is not None else (None, None)
    if items is None:
        start = "" if not text or text.endswith("\n") else newline
        return text + start + _indented({section: [item]}, newline)
    if not isinstance(items, SequenceNode):
        raise UsageError(f"'{section}' is not a list in this file")
    positions = _Text(text)
    if items.flow_style or not items.value:
        close = positions.offset(items.end_mark) - 1
        while close > 0 and text[close] != "]":
            close -= 1
        separator = ", " if items.value else ""
        return text[:close].rstrip(" ") + separator + scalar_text(item) + text[close:]
    indent = int(items.value[0].start_mark.column) - 2  # the "- " of the items
    # Right after the last item's last line (libyaml ends it after any blank lines).
    content_end = len(text[: positions.offset(items.value[-1].end_mark)].rstrip())
    insert_at = _end_of_line(text, content_end) + 1
    if insert_at > len(text):
        text += newline
    gap = ""
    if len(items.value) > 1:  # items set apart by blank lines: so is the new one
        previous_end = len(text[: positions.offset(items.value[-2].end_mark)].rstrip())
        between = text[previous_end : positions.offset(items.value[-1].start_mark)]
        gap = newline if between.replace("\r", "").count("\n") > 1 else ""
    rendered = "".join(" " * indent + line + newline for line in dump_block([item]).splitlines())
    return text[:insert_at] + gap + rendered + text[insert_at:]


def _indented(data: dict[str, Any], newline: str) -> str:
    """A new section in block style, its items indented under the key as the sample's are."""
    return "".join(line + newline for line in dump_block(data).splitlines())


def remove_item(text: str, section: str, index: int) -> str:
    """The text without item `index` of the top-level list `section`: its lines (and one blank
    line that set it apart), or, in a list in flow style, its text and one comma."""
    root = compose(text)
    _, items = _child(root, section)
    if not isinstance(items, SequenceNode) or not 0 <= index < len(items.value):
        raise UsageError(f"no {section}[{index}] to remove")
    positions = _Text(text)
    item = items.value[index]
    if items.flow_style:
        start, end = positions.offset(item.start_mark), positions.offset(item.end_mark)
        after = text[end:]
        stripped = after.lstrip(" ")
        if stripped.startswith(","):
            return text[:start] + stripped[1:].lstrip(" ")
        before = text[:start].rstrip(" ")
        return before.removesuffix(",") + after
    lines = text.splitlines(keepends=True)
    first = item.start_mark.line
    last_end = len(text[: positions.offset(item.end_mark)].rstrip())
    last = text.count("\n", 0, last_end)
    drop_to = last + 1
    if drop_to < len(lines) and not lines[drop_to].strip():
        drop_to += 1  # the blank line after it
    elif first > 0 and not lines[first - 1].strip():
        first -= 1  # the blank line before it, for the last item
    return "".join(lines[:first] + lines[drop_to:])
