"""The data as one thing to read and to edit: its files, their texts, where every record
stands, and the dossier they make, from one read.

Every command that changes the data goes through a `Workspace`: `find` a record, make
edits (`set`, `unset`, `append`, `remove`, `add`), then `changes()` checks the data with
all of them, by the same reading as `dossier validate`, and `write()` replaces the files.

Edits inside a record are made on that record's own text, composed by the parser that
reads the file and located by the character span the reader noted for it, so an edit can
only land in the record it names. Records are then put back into their files in one pass:
a batch of ten thousand edits costs one read, one check and one write.

While a workspace is open for writing, a lock file beside the data (`.NAME.lock`) keeps
other `dossier` commands from editing the same data; a file changed by anyone else between
reading and writing is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from dossier.datafile.data_file import DataFile, Region, cut_region, data_file, with_bom
from dossier.datafile.editing import Edit
from dossier.datafile.guard import hold_lock, writable
from dossier.datafile.load import find_yaml_files, load_raws, read_raw, remember
from dossier.datafile.loaded import LoadResult, Place, RawFile
from dossier.datafile.yaml_edit import (
    Editor,
    SequenceNode,
    Splice,
    apply_splices,
    child,
    compose,
    walk,
)
from dossier.datafile.yaml_ends import compose_list_ends, compose_list_items
from dossier.datafile.yaml_render import add_section
from dossier.errors import EditRefused, FieldPath, UsageError, format_field_path, os_reason

if TYPE_CHECKING:
    from dossier.datafile.yaml_edit import Node
    from dossier.model.dossier import Dossier
    from dossier.model.records import AnyRecord


class Workspace:
    """The data's files and the dossier read from them, with edits made in their text."""

    def __init__(self, data: Path, files: list[DataFile], result: LoadResult) -> None:
        self.data = data
        self.files = files
        self.result = result
        self._by_name = {f.name: f for f in files}
        self._lock: int | None = None
        self._sections: dict[tuple[str, str], list[tuple[int, int]] | None] | None = None
        self._ends: dict[tuple[str, str], Node] = {}
        self._created: dict[tuple[str, str], tuple[int, list[dict[str, Any]]]] = {}
        """Sections this workspace adds to a file: where their text is among the file's
        insertions, and the records they hold."""
        self._checked: tuple[list[RawFile], LoadResult] | None = None
        """The files as edited and the dossier read from them, once `changes` checked them."""

    # Opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, data: Path, today: dt.date, *, use_cache: bool = True) -> Workspace:
        """Read every file of the data once: texts, the dossier and where each record is."""
        raws = [read_raw(path) for path in find_yaml_files(data)]
        files = [data_file(raw) for raw in raws]
        result = load_raws(raws, today, warnings=False, use_cache=use_cache)
        return cls(data, files, result)

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.unlock()

    @property
    def dossier(self) -> Dossier:
        return self.result.dossier

    # Looking up ----------------------------------------------------------------------

    def find(self, ref: str) -> AnyRecord:
        """The record `ref` names (id, alias or name), as `dossier show` finds it."""
        from dossier.model.lookup import Finder

        return Finder(self.dossier).find(ref)

    def where(self, record_id: str) -> Place:
        """Where the record stands; `UsageError` for an id the data has no valid record of."""
        place = self.result.places.get(record_id)
        if place is None or place.file not in self._by_name:
            raise UsageError(f"no record '{record_id}' in the data's files")
        return place

    def raw(self, record_id: str) -> dict[str, Any]:
        """The record as written (plain data: lists, texts, dates as text)."""
        from dossier.datafile.yaml_reader import parse_yaml

        data = parse_yaml(self._region_of(record_id).text).data
        if not isinstance(data, dict):  # pragma: no cover - the reader found a record there
            raise UsageError(f"'{record_id}' cannot be read for editing")
        return data

    # Edits of a record ---------------------------------------------------------------

    def set(self, record_id: str, path: FieldPath, value: Any) -> None:
        """Set a field of a record (added after its last field if it has none)."""
        if value is None:
            raise UsageError(
                f"{format_field_path(path)}: null removes a field; use `dossier unset`"
            )
        self._in_record(record_id, lambda editor: editor.set(path, value))

    def unset(self, record_id: str, path: FieldPath) -> bool:
        """Take a field out of a record; False if it had none."""
        if path[0] == "id":
            raise UsageError("the id cannot be unset: it is what names the record")
        region = self._region_of(record_id)
        before = region.text
        self._in_record(record_id, lambda editor: editor.unset(path))
        return region.text != before

    def append(self, record_id: str, path: FieldPath, item: Any) -> int:
        """Add an item at the end of a list of a record; its index."""
        editor = self._in_record(record_id, lambda editor: editor.append(path, item))
        _, items = child(walk(editor.root, path[:-1]), path[-1])
        return len(items.value) if isinstance(items, SequenceNode) else 0

    def remove_item(self, record_id: str, path: FieldPath) -> None:
        """Take item `path[-1]` out of the list at `path[:-1]` of a record."""
        self._in_record(record_id, lambda editor: editor.remove(path))

    def _region_of(self, record_id: str) -> Region:
        """The record's text being edited, cut out of its file at the first edit."""
        place = self.where(record_id)
        file = self._by_name[place.file]
        key = (place.section, place.index)
        if key in file.removed:
            raise UsageError(f"'{record_id}' is being removed")
        region = file.regions.get(key)
        if region is None:
            region = file.regions[key] = cut_region(file, place)
        return region

    def _in_record(self, record_id: str, edit: Callable[[Editor], list[Splice]]) -> Editor:
        """Make `edit` in the record's text; the editor of the text before it."""
        region = self._region_of(record_id)
        layout = self._by_name[self.where(record_id).file].layout
        editor = Editor(region.text, compose(region.text), layout, region.head)
        splices = edit(editor)
        if any(s.start < region.head for s in splices):  # pragma: no cover - a safeguard
            raise UsageError(f"the edit of '{record_id}' would reach outside the record")
        region.text = apply_splices(region.text, splices)
        return editor

    # Edits of the data ---------------------------------------------------------------

    def remove(self, record_id: str) -> None:
        """Take a record out of its file: its lines, or its text and a comma."""
        place = self.where(record_id)
        file = self._by_name[place.file]
        spans = self._spans(file, place.section) or []
        # The record, its neighbours and the first item: enough to know its lines and the
        # blank lines around them, without composing the whole file.
        keep = sorted({0, *range(max(place.index - 1, 0), min(place.index + 2, len(spans)))})
        tree = compose_list_items(file.text, place.section, spans, keep) if spans else None
        index = keep.index(place.index) if tree is not None else place.index
        editor = Editor(file.text, tree if tree is not None else file.tree(), file.layout)
        file.removed[place.section, place.index] = editor.remove((place.section, index))

    def add(self, section: str, record: dict[str, Any]) -> Path:
        """Add a record at the end of its section, in the first file that has the section
        (else the first file), laid out as its neighbours; the file."""
        return self.add_all(section, [record])

    def add_all(self, section: str, records: list[dict[str, Any]]) -> Path:
        """`add` of several records, in order, written out at once (an import's new rows)."""
        target = next(
            (f for f in self.files if self._has_section(f, section)),
            self.files[0] if self.files else None,
        )
        if target is None:  # pragma: no cover - find_yaml_files never returns nothing
            raise UsageError("the data has no file to add to")
        key = (target.name, section)
        if key in self._created:  # a section this workspace adds: it grows
            at, held = self._created[key]
            held += records
            target.inserts[at] = _new_section(target, section, held)
            return target.path
        tree = self._list_ends(target, section)
        _, items = child(tree, section)
        if items is None:
            self._created[key] = (len(target.inserts), list(records))
            target.inserts.append(_new_section(target, section, records))
        else:
            target.inserts += Editor(target.text, tree, target.layout).extend((section,), records)
        return target.path

    def _spans(self, file: DataFile, section: str) -> list[tuple[int, int]] | None:
        """Where each record of the section stands in the file, in order; None where the
        reader did not place them all (records with errors, a section read whole). Worked
        out once for all sections: a batch of additions asks at each one."""
        if self._sections is None:
            by_section: dict[tuple[str, str], dict[int, tuple[int, int]]] = {}
            for place in self.result.places.values():
                key = (place.file, place.section)
                by_section.setdefault(key, {})[place.index] = (place.start, place.end)
            self._sections = {
                key: [found[i] for i in range(len(found))]
                if sorted(found) == list(range(len(found)))
                else None
                for key, found in by_section.items()
            }
        return self._sections.get((file.name, section))

    def _has_section(self, file: DataFile, section: str) -> bool:
        if self._spans(file, section):
            return True
        try:
            _, items = child(file.tree(), section)
        except UsageError:
            return False
        return items is not None

    def _list_ends(self, file: DataFile, section: str) -> Node:
        """The tree `add` reads: the section's list by its ends, or the whole file's."""
        key = (file.name, section)
        if key not in self._ends:
            spans = self._spans(file, section)
            ends = compose_list_ends(file.text, section, spans) if spans else None
            self._ends[key] = ends if ends is not None else file.tree()
        return self._ends[key]

    # Checking and writing ------------------------------------------------------------

    def changes(self, today: dt.date) -> list[Edit]:
        """Every file's edit, after checking the data with all of them by the same reading as
        `dossier validate`; `EditRefused` with every error if the data would have one."""
        from dossier.datafile.read import read_dossier

        edits = []
        raws = []
        for file in self.files:
            after = file.edited()
            if after != file.text:
                edits.append(Edit(file.path, with_bom(file, file.text), with_bom(file, after)))
                raws.append(RawFile(file.path, file.name, with_bom(file, after).encode("utf-8")))
            else:
                raws.append(RawFile(file.path, file.name, file.raw))
        if not edits:
            return []
        result = read_dossier(raws, today, warnings=False)
        errors = [p for p in result.problems if p.is_error]
        if errors:
            raise EditRefused(errors)
        self._checked = (raws, result)
        return edits

    def write(self, edits: list[Edit]) -> None:
        """Write the edits (from `changes`), each file replaced atomically through any link,
        after making sure nobody changed it since it was read."""
        from dossier.files import write_atomic

        by_path = {f.path: f for f in self.files}
        for edit in edits:
            file = by_path[edit.path]
            target = writable(file.path)
            try:
                now = target.read_bytes()
            except OSError as error:
                raise UsageError(f"{file.name}: {os_reason(error)}") from None
            if now != file.raw:
                raise UsageError(
                    f"{file.name}: changed by someone else since it was read; nothing written"
                    " (run the command again)"
                )
        for edit in edits:
            write_atomic(writable(edit.path), edit.after.encode("utf-8"), force=True)
        if self._checked is not None:
            remember(*self._checked)

    # Locking -------------------------------------------------------------------------

    def unlock(self) -> None:
        """Let go of the data's lock (the end of the `with` block does)."""
        if self._lock is not None:
            os.close(self._lock)  # closing releases the lock
            self._lock = None


def _new_section(file: DataFile, section: str, records: list[dict[str, Any]]) -> Splice:
    """The section added at the end of the file, holding `records`."""
    end = len(file.text)
    return Splice(end, end, add_section(file.text, section, records, file.layout)[end:])


def open_for_edit(data: Path, today: dt.date) -> Workspace:
    """The workspace of the data, locked against other editing commands, then read."""
    fd = hold_lock(data)
    try:
        workspace = Workspace.open(data, today)
        for file in workspace.files:
            writable(file.path)
    except BaseException:
        os.close(fd)
        raise
    workspace._lock = fd
    return workspace


__all__ = ["DataFile", "Workspace", "open_for_edit"]
