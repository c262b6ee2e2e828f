"""Where things stand in a YAML file: problems, record spans, and positions found on demand.

Positions are not stored while a file is converted: its node tree is composed a second time,
record by record, only when a problem needs a line and column, and lines are counted as
editors count them.
"""

from __future__ import annotations

import re
from array import array
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from dossier.datafile.yaml_core import Composer
from dossier.errors import FieldPath, Finding, PathPart


@dataclass(frozen=True, slots=True)
class Span:
    """Where an item of a top-level list (a record) stands: 0-based lines, character columns."""

    line: int
    column: int
    end_line: int
    end_column: int
    start: int = 0
    """Character index of the record's first character in the file's text."""
    end: int = 0
    """Character index just after its last content (a scalar, or a flow collection's
    bracket): libyaml ends a block collection at the next token, which may be the next
    record's."""


class SpanTable(Mapping[tuple[str, int], Span]):
    """Every record's `Span`, by (section, index), kept as six integers in one array per
    section: a `Span` with its own integers and key takes about 300 bytes, which at 100,000
    records was a tenth of all the memory reading a file took. Records are added in order."""

    _FIELDS = 6

    def __init__(self) -> None:
        self._sections: dict[str, array[int]] = {}

    def append(self, section: str, index: int, span: Span) -> None:
        """Note where item `index` of `section` stands; items come in order, from 0."""
        numbers = self._sections.setdefault(section, array("q"))
        if len(numbers) != index * self._FIELDS:
            raise ValueError(f"{section}[{index}] added out of order")
        numbers.extend(
            (span.line, span.column, span.end_line, span.end_column, span.start, span.end)
        )

    def __getitem__(self, key: tuple[str, int]) -> Span:
        section, index = key
        numbers = self._sections.get(section)
        if numbers is None or not 0 <= index < len(numbers) // self._FIELDS:
            raise KeyError(key)
        at = index * self._FIELDS
        return Span(*numbers[at : at + self._FIELDS])

    def __iter__(self) -> Iterator[tuple[str, int]]:
        for section, numbers in self._sections.items():
            for index in range(len(numbers) // self._FIELDS):
                yield section, index

    def __len__(self) -> int:
        return sum(len(numbers) // self._FIELDS for numbers in self._sections.values())


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


KEPT_TREES = 32
"""Composed records kept for locating problems: a record's problems come close together."""


@dataclass
class YamlDocument:
    """One parsed file: its data (None where it could not be read), problems, record spans."""

    source: bytes
    data: Any
    problems: list[Finding]
    spans: SpanTable = field(default_factory=SpanTable)
    _root: Node | None = field(default=None, repr=False)
    _composed: bool = field(default=False, repr=False)
    _line_starts: array[int] | None = field(default=None, repr=False)
    _odd_breaks: bool | None = field(default=None, repr=False)
    _trees: OrderedDict[Span | None, _Tree] = field(default_factory=OrderedDict, repr=False)
    """The records composed last (None: the whole file), so that locating many problems in
    one record stays linear while memory stays bounded however many records have one."""

    def in_editor(self, line: int, column: int) -> tuple[int, int]:
        """A position as YAML counts lines turned into one as editors, git and GitHub do.

        YAML also breaks lines at a lone CR, NEL (U+0085) and U+2028/U+2029; a file that
        holds one of them would otherwise be reported lines below the real place.
        """
        if self._odd_breaks is None:
            self._odd_breaks = _ODD_BREAK_BYTES.search(self.source) is not None
        if line < 1 or not self._odd_breaks:
            return line, column
        starts = self._yaml_line_starts()
        if line > len(starts):
            return line, column
        start = starts[line - 1]
        prefix = self.source[start:].decode("utf-8", "replace")[: max(column - 1, 0)]
        offset = start + len(prefix.encode("utf-8"))
        real_line = self.source.count(b"\n", 0, offset) + 1
        line_start = self.source.rfind(b"\n", 0, offset) + 1
        return real_line, len(self.source[line_start:offset].decode("utf-8", "replace")) + 1

    def _yaml_line_starts(self) -> array[int]:
        if self._line_starts is None:
            # An array, not a list: a large file has millions of lines.
            starts = array("q", [0])
            starts.extend(m.end() for m in LINE_BREAK_BYTES.finditer(self.source))
            self._line_starts = starts
        return self._line_starts

    def position(self, path: FieldPath, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at `path` (of its key, with `key=True`), as an
        editor counts them (see `in_editor`).

        Where the path leads past the data (a missing field), the position of the deepest
        node that exists is given, so the user is sent to the record that lacks it. Inside a
        record only that record's text is read again, so locating many problems in a large
        file costs no more than the records they are in.
        """
        if len(path) >= 2 and isinstance(path[1], int):
            span = self.spans.get((str(path[0]), path[1]))
            if span is not None:
                return self.in_editor(*self._in_record(span, path[2:], key=key))
        if not self._composed:
            self._composed = True
            self._root = _compose_safely(self.source)
        tree = self._trees.get(None)
        if tree is None:
            tree = self._trees[None] = _Tree(self._root)
        return self.in_editor(*tree.walk(path, key=key, line_offset=0))

    def _in_record(self, span: Span, path: FieldPath, *, key: bool) -> tuple[int, int]:
        tree = self._trees.get(span)
        if tree is None:
            tree = self._trees[span] = _Tree(self._compose_record(span))
            if len(self._trees) > KEPT_TREES:
                self._trees.popitem(last=False)
        else:
            self._trees.move_to_end(span)
        if tree.root is None:
            return span.line + 1, span.column + 1
        return tree.walk(path, key=key, line_offset=span.line)

    def _compose_record(self, span: Span) -> Node | None:
        """The node tree of one record alone, composed once however many problems it has."""
        starts = self._yaml_line_starts()
        if span.line >= len(starts):  # pragma: no cover - libyaml and we count lines alike
            return None
        end = starts[span.end_line + 1] if span.end_line + 1 < len(starts) else len(self.source)
        text = self.source[starts[span.line] : end].decode("utf-8", "replace")
        lines = LINE_BREAK.split(text)
        # Blank what precedes the record on its first line and follows it on its last, so
        # that the record parses alone with its columns unchanged.
        if span.end_line > span.line:
            lines[span.end_line - span.line] = lines[span.end_line - span.line][: span.end_column]
        else:
            lines[0] = lines[0][: span.end_column]
        lines[0] = " " * span.column + lines[0][span.column :]
        return _compose_safely("\n".join(lines))


class _Tree:
    """A composed node tree, with each mapping's keys indexed as they are first asked for."""

    def __init__(self, root: Node | None) -> None:
        self.root = root
        self.keys: dict[int, dict[str, tuple[Node, Node]]] = {}
        """Mapping node (by id, alive as long as `root`) → its keys."""

    def walk(self, path: FieldPath, *, key: bool, line_offset: int) -> tuple[int, int]:
        """Line and column of the node at `path` (of its key, with `key`), or of the deepest
        node on the way that exists."""
        if self.root is None:
            return (1 + line_offset, 1)
        found = self.root
        for index, part in enumerate(path):
            child, key_node = self._child(found, part)
            if child is None:
                break
            if index == len(path) - 1 and key and key_node is not None:
                found = key_node
                break
            found = child
        line, column = _mark(found)
        return line + line_offset, column

    def _child(self, node: Node, part: PathPart) -> tuple[Node | None, Node | None]:
        if isinstance(node, MappingNode):
            keys = self.keys.get(id(node))
            if keys is None:
                keys = self.keys[id(node)] = {}
                for key_node, value_node in node.value:
                    if isinstance(key_node, ScalarNode):
                        keys.setdefault(key_node.value, (value_node, key_node))
            value, key_node = keys.get(str(part), (None, None))
            return value, key_node
        if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            return node.value[part], None
        return None, None


def _compose_safely(source: bytes | str) -> Node | None:
    """The node tree, for positions; None if it cannot be built."""
    loader = Composer(source)
    try:
        return loader.get_single_node()
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
    finally:
        loader.dispose()


# Line breaks as YAML (and so libyaml's line numbers) count them.
LINE_BREAK_BYTES = re.compile(rb"\r\n|\r|\n|\xc2\x85|\xe2\x80[\xa8\xa9]")
LINE_BREAK = re.compile("\r\n|\r|\n|\x85|\u2028|\u2029")
# The line breaks of YAML that editors, git and GitHub do not count.
_ODD_BREAK_BYTES = re.compile(rb"\r(?!\n)|\xc2\x85|\xe2\x80[\xa8\xa9]")


def _tab_indent(raw: bytes, line: int) -> int | None:
    """The column of a TAB in the indentation of YAML line `line` (1-based), if any."""
    for number, text in enumerate(LINE_BREAK_BYTES.split(raw), 1):
        if number == line:
            indent = text[: len(text) - len(text.lstrip(b" \t"))]
            return indent.index(b"\t") + 1 if b"\t" in indent else None
    return None


def yaml_error(error: yaml.YAMLError, raw: bytes) -> Finding:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    tab = _tab_indent(raw, line) if mark is not None else None
    if tab is not None:
        return Finding(
            "",
            (),
            "a TAB is used for indentation; YAML indents with spaces only",
            "replace the TAB at the start of the line with spaces",
            line=line,
            column=tab,
        )
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    message = f"YAML syntax error: {problem}"
    hint = ""
    if context:
        context_mark = getattr(error, "context_mark", None)
        where = f" (line {context_mark.line + 1})" if context_mark is not None else ""
        hint = f"{context}{where}"
    if "nesting depth" in str(problem):
        message, hint = "the data is nested too deeply", ""
    return Finding("", (), message, hint, line=line, column=column)
