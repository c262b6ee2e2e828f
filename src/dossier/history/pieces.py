"""A data file cut by its lines into the text of each record and the rest, without parsing it.

Two versions of a file mostly hold the same records, written the same: a record whose text
is the same in both is the same record in both, and only the others need reading. Cutting
is a scan of the lines that start at the column of a section's dashes or left of it, so it
costs a small part of reading the file.

Only files whose top level is plain can be cut this way: section keys and settings, written
as `key:` at the first column, comments, and the sections' block lists. Anything else (a
document marker, a quoted or complex key, a repeated section, an alias that could make one
record's text stand for another's, a quoted text that goes on over lines, line breaks other
than LF and CR LF, a line at the list's column that is not an item) makes `cut` say None,
and the file is read whole.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from dossier.model.records import SECTIONS

# Patterns that start with a line break: a literal the scan finds fast, where `^` would be
# tried at every character.
_FIRST_LINE = re.compile(rb"[^ \r\n][^\r\n]*")
_NEXT_TOP_LINE = re.compile(rb"\n([^ \r\n][^\r\n]*)")
_KEY = re.compile(rb"([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]+(.*))?")
_CONTENT_LINE = re.compile(rb"^( *)([^ \r\n])", re.MULTILINE)
_ITEM_AFTER_DASH = re.compile(rb"[ \t\r\n]|$")
# An alias (`*name`) where YAML would read one: at a line's start or after a space, a flow
# bracket, a comma or a colon. Text that only looks like one sends the file to be read whole.
_ALIAS = re.compile(rb"(?<![^\s\[{,:-])\*[^\s,\[\]{}]")
# A quoted text left open at its line's end goes on in the next lines, which may look like
# items. Lines whose only quotes are pairs of double quotes close what they open; only the
# others (few: apostrophes, escapes, odd quotes) are looked at closely, where a quote that
# starts a text (after indentation, `: `, `- `, a flow bracket or comma) is left open.
_NOT_QUOTING = bytes(sorted(set(range(256)) - set(b"\"'\\\n")))
_NOT_PAIRED = re.compile(rb'^(?:"")*+(?!\n|\Z)', re.MULTILINE)
_LEFT_OPEN = re.compile(
    rb"""(?:^[ \t]*|[:?\[{,-][ \t]+|[\[{,])"""
    rb"""(?:"(?:[^"\\\r\n]|\\.)*\\?|'(?:[^'\r\n]|'')*)\r?\Z"""
)
_LONE_CR = re.compile(rb"\r(?!\n)")
_OTHER_BREAKS = (b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")  # NEL, LS, PS in UTF-8
_NOT_BREAK = bytes(sorted(set(range(256)) - set(b"\r\n")))


@dataclass
class Section:
    """One section's block list: its key line and where each item's text stands."""

    key: tuple[int, int]
    """The key line, without its line break."""
    dash: int
    """The column of the list's dashes."""
    starts: list[int] = field(default_factory=list)
    """Where each item's dash line starts."""
    end: int = 0
    """Where the list ends: the next top-level key, or the end of the file."""

    @functools.cached_property
    def items(self) -> list[tuple[int, int]]:
        """Each item from its dash to the next item or the list's end: its comments and
        blank lines go with it."""
        return list(zip(self.starts, [*self.starts[1:], self.end], strict=True))


@dataclass
class Cut:
    """A file's bytes (without a byte-order mark) and its sections' block lists."""

    data: bytes
    sections: dict[str, Section]

    def skeleton(self) -> bytes:
        """Everything but the items: two versions with the same skeleton differ only in
        their items. (A section's items run from its first dash to the next top-level key,
        so what is left says where they stood.)"""
        spans = sorted((s.starts[0], s.end) for s in self.sections.values())
        pieces, at = [], 0
        for start, end in spans:
            pieces.append(self.data[at:start])
            at = end
        pieces.append(self.data[at:])
        return b"".join(pieces)

    def texts(self, section: str) -> list[bytes]:
        """Each item's text, as written, in the order of the list."""
        return [self.data[start:end] for start, end in self.sections[section].items]

    def with_only(self, keep: dict[str, list[int]]) -> bytes:
        """The file with only the items at `keep` (by section, in order) and their sections'
        keys; every other line left empty, so that what is kept stands at its own line and
        column, and the reader says where a record starts and ends as in the file.

        The line after a kept item becomes a stand-in that ends it where it ended in the
        file: an empty item (`-`) or a key of no section, never a blank line, which a text
        kept with its blank lines (`|+`) would take as its own.
        """
        kept: list[tuple[int, int, bytes]] = []
        key_starts = {self.sections[name].key[0] for name in keep}
        stand_ins = 0
        for name, indices in keep.items():
            section = self.sections[name]
            kept.append((*section.key, self.data[slice(*section.key)]))
            chosen = set(indices)
            for index in indices:
                start, end = section.items[index]
                kept.append((start, end, self.data[start:end]))
                if end == len(self.data) or index + 1 in chosen or end in key_starts:
                    continue
                if index + 1 < len(section.items):
                    stand_in = b" " * section.dash + b"-"
                else:
                    stand_in, stand_ins = b"_%d:" % stand_ins, stand_ins + 1
                kept.append((end, self._line_end(end), stand_in))
        pieces, at = [], 0
        for start, end, text in sorted(kept):
            pieces += [self.data[at:start].translate(None, _NOT_BREAK), text]
            at = end
        pieces.append(self.data[at:].translate(None, _NOT_BREAK))
        return b"".join(pieces)

    def _line_end(self, position: int) -> int:
        """Where the line at `position` ends, before its line break."""
        found = self.data.find(b"\n", position)
        if found < 0:
            return len(self.data)
        return found - 1 if found > position and self.data[found - 1] == 0x0D else found


def cut(data: bytes) -> Cut | None:
    """The file's sections and items, or None where its layout is not one `Cut` knows."""
    if (
        any(line_break in data for line_break in _OTHER_BREAKS)
        or (b"\r" in data and _LONE_CR.search(data))
        or (b"*" in data and _ALIAS.search(data))
        or _quote_left_open(data)
    ):
        return None
    sections: dict[str, Section] = {}
    keys: set[bytes] = set()
    current: Section | None = None
    for start, end in _top_lines(data):
        text = data[start:end]
        if text.startswith(b"#"):
            continue
        if text.startswith(b"-"):
            if current is None and keys:
                continue  # a list at the first column under a setting: its value
            if current is None or current.dash != 0 or not _is_dash(data, start):
                return None
            current.starts.append(start)
            continue
        key = _KEY.fullmatch(text)
        if key is None or key.group(1) in keys:
            return None
        keys.add(key.group(1))
        if current is not None and not _close(data, current, start):
            return None
        current = None
        name = key.group(1).decode("ascii")
        rest = (key.group(2) or b"").strip()
        if name in SECTIONS and (not rest or rest.startswith(b"#")):
            current = _open(data, start, end)
            if current is not None:
                sections[name] = current
    if current is not None and not _close(data, current, len(data)):
        return None
    return Cut(data, sections)


def _top_lines(data: bytes) -> Iterator[tuple[int, int]]:
    """Where each line that starts at the first column starts and ends (before its break)."""
    first = _FIRST_LINE.match(data)
    if first:
        yield first.span()
    for line in _NEXT_TOP_LINE.finditer(data):
        yield line.span(1)


def _quote_left_open(data: bytes) -> bool:
    """Whether a quoted text goes on past the end of a line."""
    quoting = data.translate(None, _NOT_QUOTING)
    lines: list[bytes] = []
    line, counted = 0, 0
    for unpaired in _NOT_PAIRED.finditer(quoting):
        lines = lines or data.split(b"\n")
        line += quoting.count(b"\n", counted, unpaired.start())
        counted = unpaired.start()
        if _LEFT_OPEN.search(lines[line]):
            return True
    return False


def _is_dash(data: bytes, position: int) -> bool:
    return data[position : position + 1] == b"-" and bool(
        _ITEM_AFTER_DASH.match(data, position + 1)
    )


def _open(data: bytes, start: int, end: int) -> Section | None:
    """A section whose key stands alone on its line: a block list when its first line of
    content is a dash; else its value is left in the skeleton (None)."""
    for line in _CONTENT_LINE.finditer(data, end):
        if line.group(2) == b"#":
            continue
        if not _is_dash(data, line.start(2)):
            return None  # the next key (an empty section), or a list in flow style
        return Section((start, end), len(line.group(1)))
    return None


def _close(data: bytes, section: Section, end: int) -> bool:
    """Find the items of a list indented under its key (a list at the first column has its
    items from the top-level lines) and end each at the next; False where a line at the
    list's column or left of it is neither an item nor a comment."""
    if section.dash > 0:
        if _not_an_item(section.dash).search(data, section.key[1], end):
            return False
        dash = b"\n" + b" " * section.dash + b"-"
        at = data.find(dash, section.key[1], end)
        while at >= 0:
            section.starts.append(at + 1)
            at = data.find(dash, at + len(dash), end)
    section.end = end
    return bool(section.starts)


@functools.cache
def _not_an_item(dash: int) -> re.Pattern[bytes]:
    """A line at a list's column or left of it that is neither an item nor a comment."""
    return re.compile(
        rb"\n(?: {0,%d}[^ \r\n#-]| {0,%d}-| {%d}-(?![ \t\r\n]|\Z))" % (dash, dash - 1, dash)
    )
