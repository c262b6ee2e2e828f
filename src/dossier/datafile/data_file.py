"""One file of the data being edited: its bytes as read, its text, and the edits waiting
for it (records' texts being edited, removals, additions), put together by `edited`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.datafile.loaded import Place, RawFile
from dossier.datafile.yaml_edit import Editor, Splice, apply_splices, child, compose
from dossier.datafile.yaml_lines import after_blank_line, after_line, line_start, past_blank_lines
from dossier.datafile.yaml_render import Layout
from dossier.errors import UsageError

if TYPE_CHECKING:
    from dossier.datafile.yaml_edit import Node

BOM = "\ufeff"


@dataclass
class Region:
    """A record's text cut out of its file, being edited: the characters before it on its
    first line are blanked, so that it composes alone with every column unchanged."""

    start: int  # where its first line starts in the file
    end: int  # where its content ends
    head: int  # blanked characters before the record on its first line
    text: str


@dataclass
class DataFile:
    """One file of the data: its bytes as read, its text, and the edits waiting for it."""

    path: Path
    name: str
    raw: bytes
    text: str
    bom: bool
    layout: Layout
    regions: dict[tuple[str, int], Region] = field(default_factory=dict)
    removed: dict[tuple[str, int], list[Splice]] = field(default_factory=dict)
    inserts: list[Splice] = field(default_factory=list)
    _tree: Node | None = None

    def tree(self) -> Node:
        """The whole file's node tree, composed once, from the text as read."""
        if self._tree is None:
            self._tree = compose(self.text)
        return self._tree

    def edited(self) -> str:
        """The text with every edit made."""
        splices = [self._splice(r) for key, r in self.regions.items() if key not in self.removed]
        for removal in self.removed.values():
            splices += removal
        return apply_splices(self.text, [*splices, *self.inserts])

    def _splice(self, region: Region) -> Splice:
        """A record's edited text in place of its old; where the edit leaves it ending in a
        `|+` text, the blank lines after the record go, or the text would keep them."""
        new = self.text[region.start : region.start + region.head] + region.text[region.head :]
        end = region.end
        if after_blank_line(new, len(new)) and not after_blank_line(self.text, region.end):
            end = past_blank_lines(self.text, end)
        return Splice(region.start, end, new)


def data_file(raw: RawFile) -> DataFile:
    if raw.data is None:
        message = raw.problem.message if raw.problem else "cannot read the file"
        raise UsageError(f"{raw.name}: {message}")
    try:
        text = raw.data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{raw.name}: not UTF-8 text; `dossier validate` shows where") from None
    bom = text.startswith(BOM)
    body = text[1:] if bom else text
    return DataFile(raw.path, raw.name, raw.data, body, bom, Layout(body))


def with_bom(file: DataFile, text: str) -> str:
    return BOM + text if file.bom else text


def cut_region(file: DataFile, place: Place) -> Region:
    """The record's text, from the start of its first line to its last content."""
    if place.end <= place.start:  # a section read whole: the file's tree says where
        _, items = child(file.tree(), place.section)
        _, node = child(items, place.index) if items is not None else (None, None)
        if node is None:  # pragma: no cover - the reader found the record there
            raise UsageError(f"no {place.section}[{place.index}] to edit")
        start, end = int(node.start_mark.index), Editor(file.text, node, file.layout).end(node)
    else:
        start, end = place.start, place.end
    line = line_start(file.text, start)
    after = after_line(file.text, end)
    rest = file.text[end:after].strip()
    if rest and not rest.startswith("#"):
        after = end  # more on its last line (the next record of a flow list): cut there

    head = start - line
    return Region(line, after, head, " " * head + file.text[start:after])
