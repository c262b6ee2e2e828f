"""Edits of a data file that change only the text they must: comments, key order, quoting,
blank lines and every other record stay byte for byte.

A record is composed into nodes by the same libyaml parser that reads the file, and every
position is libyaml's character index into the text, so that lines are never counted twice
(YAML breaks lines at CR, LF, CRLF, NEL, LS and PS; an editor at fewer of them). An edit is a
`Splice`: the characters it replaces and the text put in their place. A value is replaced
where it stands; a field a mapping lacks goes on a line of its own after the mapping's last
content, at its keys' indentation (or inside its braces, for a mapping in flow style); an
item goes after a list's last item, laid out as its items are. A round-trip library
(ruamel.yaml) would re-emit the whole file in its own layout and bring a second YAML parser
whose rules differ from the reader's; edits on the reader's own parse keep one set of rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from dossier.datafile.yaml_core import Composer, core_tag
from dossier.datafile.yaml_lines import (
    after_blank_line,
    after_line,
    block_text_end,
    content_indent,
    line_start,
    past_blank_lines,
)
from dossier.datafile.yaml_positions import LINE_BREAK
from dossier.datafile.yaml_render import Layout, block_lines, inline, literal_block, needs_block
from dossier.errors import FieldPath, UsageError, format_field_path

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


@dataclass(frozen=True)
class Splice:
    """Characters `start`…`end` of a text replaced by `text` (an insertion where equal)."""

    start: int
    end: int
    text: str


def apply_splices(text: str, splices: Iterable[Splice]) -> str:
    """The text with every splice made; splices at one place keep their order."""
    ordered = sorted(splices, key=lambda s: (s.start, s.end))
    pieces, at = [], 0
    for splice in ordered:
        if splice.start < at:  # pragma: no cover - edits are made so that this cannot be
            raise UsageError("two edits overlap in one place; make them one at a time")
        pieces += [text[at : splice.start], splice.text]
        at = splice.end
    pieces.append(text[at:])
    return "".join(pieces)


def compose(text: str) -> Node:
    """The node tree of a text (a whole file or a record blanked out of one)."""
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


def child(node: Node, part: str | int) -> tuple[Node | None, Node | None]:
    """(key node, value node) of a mapping's key, or (None, item) of a sequence's index."""
    if isinstance(node, MappingNode) and isinstance(part, str):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == part:
                return key, value
        return None, None
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None, None


def walk(root: Node, path: FieldPath) -> Node:
    node = root
    for depth, part in enumerate(path):
        _, found = child(node, part)
        if found is None:
            raise UsageError(f"no {format_field_path(path[: depth + 1])} to edit")
        node = found
    return node


class Editor:
    """Splices for edits of the node tree `root` of `text`: a whole file, or one record cut
    out of it whose first `head` characters (blanked) are not the record's."""

    def __init__(self, text: str, root: Any, layout: Layout, head: int = 0) -> None:
        self.text = text
        self.root: Node = root
        self.layout = layout
        self.head = head

    # Positions -------------------------------------------------------------------------

    def start(self, node: Node) -> int:
        return int(node.start_mark.index)

    def end(self, node: Node) -> int:
        """Where the node's own text ends: block collections and block scalars end at their
        last content, not at the next token (where libyaml marks them)."""
        if isinstance(node, ScalarNode):
            end = int(node.end_mark.index)
            if node.style in ("|", ">"):
                return block_text_end(self.text, self.start(node), end)
            return end
        if getattr(node, "flow_style", False) or not node.value:
            return int(node.end_mark.index)
        if isinstance(node, MappingNode):
            key, value = node.value[-1]
            return self._pair_end(key, value)
        return self.end(node.value[-1])

    def _pair_end(self, key: Node, value: Node) -> int:
        if isinstance(value, ScalarNode) and value.value == "" and value.style is None:
            colon = self.text.find(":", self.end(key))
            return colon + 1  # `key:` with no value
        return self.end(value)

    def _ends_file(self, position: int) -> str:
        """A line end to add where the file's last line has none."""
        return (
            self.layout.newline
            if position == len(self.text)
            and self.text
            and (self.text[-1] not in "\n\r\x85\u2028\u2029")
            else ""
        )

    # Edits -----------------------------------------------------------------------------

    def set(self, path: FieldPath, value: Any) -> list[Splice]:
        """Set the value at `path` (from the tree's root): replaced where it stands, or added
        to its mapping."""
        parent = walk(self.root, path[:-1])
        key, current = child(parent, path[-1])
        if current is None:
            if not isinstance(parent, MappingNode) or not isinstance(path[-1], str):
                raise UsageError(f"no {format_field_path(path)} to edit")
            return [self._add_key(parent, path[-1], value)]
        return [self._replace(parent, key, current, value)]

    def _replace(self, parent: Node, key: Node | None, current: Node, value: Any) -> Splice:
        start, end = self.start(current), self.end(current)
        if isinstance(current, ScalarNode) and current.value == "" and current.style is None:
            at = self._pair_end(key, current) if key is not None else start
            return self._after_colon(key, at, at, value)
        in_block_mapping = key is not None and not getattr(parent, "flow_style", False)
        block_now = isinstance(current, SequenceNode | MappingNode) and not current.flow_style
        as_block = block_now or needs_block(value)
        if in_block_mapping and isinstance(value, list | dict) and value and as_block:
            assert key is not None
            colon = self.text.find(":", self.end(key)) + 1
            return self._after_colon(key, colon, after_line(self.text, end), value)
        if isinstance(current, ScalarNode) and current.style in ("|", ">"):
            # A block scalar stays one, and its line end stays: the next line starts where
            # it did.
            indent = self._content_indent(current, key)
            written = literal_block(value, indent, current.style, self.layout.newline)
            if written is not None:
                return Splice(start, after_line(self.text, end), written)
            return Splice(
                start, after_line(self.text, end), inline(self.layout, value) + self.layout.newline
            )
        return Splice(start, end, inline(self.layout, value, in_flow=_in_flow(parent)))

    def _content_indent(self, scalar: ScalarNode, key: Node | None) -> int:
        """The indentation of a block scalar's content, kept: a comment after it that is less
        indented than its content must stay a comment."""
        indent = content_indent(LINE_BREAK.split(self.text[self.start(scalar) : self.end(scalar)]))
        if indent is not None:
            return indent
        return int(key.start_mark.column) + 2 if key is not None else 2

    def _after_colon(self, key: Node | None, start: int, end: int, value: Any) -> Splice:
        """`key:` and its value, from `start` (after the colon): inline, or in block style on
        the lines after; `end` is the colon too (no value) or past the old value's lines."""
        block = key is not None and isinstance(value, list | dict) and bool(value)
        if block and (end > start or needs_block(value)):
            assert key is not None
            body = block_lines(self.layout, value, int(key.start_mark.column) + 2)
            if end == start:  # the line end after the colon stays
                body = body.removesuffix(self.layout.newline)
            return Splice(start, end, self.layout.newline + body)
        return Splice(start, end, " " + inline(self.layout, value))

    def _add_key(self, mapping: MappingNode, key: str, value: Any) -> Splice:
        if mapping.flow_style or not mapping.value:
            if not mapping.value:
                close = int(mapping.end_mark.index) - 1
                return Splice(close, close, f"{key}: {inline(self.layout, value, in_flow=True)}")
            last_key, last_value = mapping.value[-1]
            at = self._pair_end(last_key, last_value)
            return Splice(at, at, f", {key}: {inline(self.layout, value, in_flow=True)}")
        indent = int(mapping.value[0][0].start_mark.column)
        last_key, last_value = mapping.value[-1]
        at = after_line(self.text, self._pair_end(last_key, last_value))
        if needs_block(value) or (isinstance(value, str) and "\n" in value):
            line = block_lines(self.layout, {key: value}, indent)
        else:  # a scalar, or a list of them, on the key's line, as the reader needs it
            line = " " * indent + f"{key}: {inline(self.layout, value)}{self.layout.newline}"
        return Splice(at, at, self._ends_file(at) + line)

    def unset(self, path: FieldPath) -> list[Splice]:
        """Take the field at `path` out of its mapping: its lines, or its text and a comma."""
        parent = walk(self.root, path[:-1])
        if not isinstance(parent, MappingNode) or not isinstance(path[-1], str):
            raise UsageError(f"{format_field_path(path)} is not a field that can be unset")
        pairs = parent.value
        place = next(
            (
                i
                for i, (k, _) in enumerate(pairs)
                if isinstance(k, ScalarNode) and k.value == path[-1]
            ),
            None,
        )
        if place is None:
            return []
        if len(pairs) == 1:
            raise UsageError(f"{format_field_path(path)} is the only field there; remove the item")
        key, value = pairs[place]
        if parent.flow_style:
            if place + 1 < len(pairs):
                return [Splice(self.start(key), self.start(pairs[place + 1][0]), "")]
            previous_key, previous_value = pairs[place - 1]
            return [
                Splice(self._pair_end(previous_key, previous_value), self._pair_end(key, value), "")
            ]
        line = line_start(self.text, self.start(key))
        if line < self.head or self.text[line : self.start(key)].strip(" \t"):
            # The first key of a list item (`- title: …`): the next key takes its place.
            return [Splice(self.start(key), self.start(pairs[place + 1][0]), "")]
        last = after_line(self.text, self._pair_end(key, value))
        if after_blank_line(self.text, line):
            # Blank lines before and after: one run of them is left, not two; and the blank
            # lines a `|+` text ends with stay its own, none added to them.
            last = past_blank_lines(self.text, last)
        return [Splice(line, last, "")]

    def append(self, path: FieldPath, item: Any) -> list[Splice]:
        """Add `item` at the end of the list at `path` (created if the mapping lacks it)."""
        return self.extend(path, [item])

    def extend(self, path: FieldPath, new: list[Any]) -> list[Splice]:
        """Add the items of `new` at the end of the list at `path`, in order (the list is
        created if the mapping lacks it)."""
        parent = walk(self.root, path[:-1])
        _, items = child(parent, path[-1])
        if items is None or _is_null(items):
            return self.set(path, new)
        if not isinstance(items, SequenceNode):
            raise UsageError(f"{format_field_path(path)} is not a list")
        if items.flow_style or not items.value:
            written = ", ".join(inline(self.layout, item, in_flow=True) for item in new)
            if not items.value:
                close = int(items.end_mark.index) - 1
                return [Splice(close, close, written)]
            at = self.end(items.value[-1])
            return [Splice(at, at, ", " + written)]
        return [self._add_block_items(items, new)]

    def _add_block_items(self, items: SequenceNode, new: list[Any]) -> Splice:
        dash = int(items.start_mark.column)
        last = items.value[-1]
        at = after_line(self.text, self.end(last))
        gap = ""
        if len(items.value) > 1:  # items set apart by blank lines: so are the new ones
            between = self.text[
                after_line(self.text, self.end(items.value[-2])) : line_start(
                    self.text, self.start(last)
                )
            ]
            gap = self.layout.newline if between and not between.strip() else ""
        # After an item ending in a text kept with its blank lines (`|+`), they are its
        # content, and a blank line more would be content too. They set it apart already.
        first_gap = "" if gap and after_blank_line(self.text, at) else gap
        if isinstance(last, MappingNode | SequenceNode) and last.flow_style:
            # Items written in flow style (`- {title: Mayor, since: 2013}`): so are these.
            lines = [
                " " * dash + "- " + inline(self.layout, item) + self.layout.newline for item in new
            ]
            return Splice(at, at, self._ends_file(at) + first_gap + gap.join(lines))
        lines = block_lines(self.layout, new, 0).splitlines(keepends=True)
        first_column = int(items.value[0].start_mark.column)
        step = (
            max(first_column - dash, 2)
            if items.value[0].start_mark.line == items.start_mark.line
            else 2
        )
        rendered: list[str] = []
        for line in lines:
            if line.startswith("- "):  # an item's first line
                rendered += [gap if rendered else first_gap, " " * dash + "-" + " " * (step - 1)]
                rendered.append(line[2:])
            else:
                rendered.append(" " * (dash + step - 2) + line)
        return Splice(at, at, self._ends_file(at) + "".join(rendered))

    def _emptied(self, path: FieldPath, items: SequenceNode) -> Splice:
        """The block list at `path` without its only item: `key: []`."""
        key, _ = child(walk(self.root, path[:-1]), path[-1])
        if key is None:
            raise UsageError(f"{format_field_path(path)}: its only item cannot be taken out")
        colon = self.text.find(":", self.end(key)) + 1
        return Splice(colon, after_line(self.text, self.end(items)), " []" + self.layout.newline)

    def remove(self, path: FieldPath) -> list[Splice]:
        """Take item `path[-1]` out of the list at `path[:-1]`: its lines (and one blank line
        that set it apart), or, in a list in flow style, its text and one comma."""
        items = walk(self.root, path[:-1])
        index = path[-1]
        if not isinstance(items, SequenceNode) or not isinstance(index, int):
            raise UsageError(f"no {format_field_path(path)} to remove")
        if not 0 <= index < len(items.value):
            raise UsageError(f"no {format_field_path(path)} to remove")
        item = items.value[index]
        if items.flow_style:
            if index + 1 < len(items.value):
                return [Splice(self.start(item), self.start(items.value[index + 1]), "")]
            if index > 0:
                return [Splice(self.end(items.value[index - 1]), self.end(item), "")]
            return [Splice(self.start(item), self.end(item), "")]
        if len(items.value) == 1:
            return [self._emptied(path[:-1], items)]
        first = line_start(self.text, self.start(item))
        if first < self.head:
            raise UsageError(f"{format_field_path(path)} shares its line; remove it by hand")
        last = after_line(self.text, self.end(item))
        if (
            index > 0
            and after_line(self.text, self.end(items.value[index - 1])) == first
            and after_blank_line(self.text, first)
        ):
            # The item before ends in a text kept with its blank lines (`|+`): blank lines
            # left after this item would join that text. They go with the item.
            return [Splice(first, past_blank_lines(self.text, last), "")]
        following = LINE_BREAK.search(self.text, last)
        if (
            index + 1 < len(items.value)
            and following
            and not self.text[last : following.start()].strip()
        ):
            return [Splice(first, following.end(), "")]  # and the blank line after it
        if index + 1 == len(items.value):
            previous_end = after_line(self.text, self.end(items.value[index - 1]))
            if previous_end < first and not self.text[previous_end:first].strip():
                first = previous_end  # the last item: the blank line before it goes with it
        return [Splice(first, last, "")]


def _in_flow(node: Node) -> bool:
    return bool(getattr(node, "flow_style", False))


def _is_null(node: Node) -> bool:
    """`key:` or `key: null`: a list not yet begun."""
    return (
        isinstance(node, ScalarNode)
        and node.style is None
        and core_tag(node.value) == ("tag:yaml.org,2002:null")
    )


__all__ = ["Layout", "Node", "SequenceNode"]
