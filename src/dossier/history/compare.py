"""Two versions of the data → the records added, removed, changed and moved, field by field."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from dossier.errors import FieldPath, format_field_path
from dossier.history.snapshot import RecordKey, RecordVersion, Snapshot
from dossier.model.records import SECTIONS

MISSING: Any = object()
"""A field one version does not have."""


class ChangeKind(enum.StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    MOVED = "moved"
    """Only the file changed: the same record now lives in another file of the folder."""


@dataclass(frozen=True, slots=True)
class FieldChange:
    path: FieldPath
    old: Any
    new: Any

    @property
    def field(self) -> str:
        return format_field_path(self.path)


@dataclass(frozen=True, slots=True)
class RecordChange:
    kind: ChangeKind
    old: RecordVersion | None
    new: RecordVersion | None
    fields: tuple[FieldChange, ...] = ()
    moved: bool = False
    """The record now lives in another file of the folder (with or without field changes)."""

    @property
    def current(self) -> RecordVersion:
        """The newer version where there is one."""
        version = self.new or self.old
        assert version is not None
        return version

    @property
    def key(self) -> RecordKey:
        return self.current.key


def field_changes(old: Any, new: Any, path: FieldPath = ()) -> Iterator[FieldChange]:
    """Where two values differ: mappings key by key, lists item by item, anything else whole."""
    if isinstance(old, dict) and isinstance(new, dict):
        # In the order the record is written now; fields it no longer has after them.
        for key in [*new, *(k for k in old if k not in new)]:
            yield from field_changes(old.get(key, MISSING), new.get(key, MISSING), (*path, key))
    elif isinstance(old, list) and isinstance(new, list) and old and new:
        for index in range(max(len(old), len(new))):
            before = old[index] if index < len(old) else MISSING
            after = new[index] if index < len(new) else MISSING
            yield from field_changes(before, after, (*path, index))
    elif not _same(old, new):
        yield FieldChange(path, old, new)


def _same(old: Any, new: Any) -> bool:
    # 1 and True, 1 and 1.0 are equal in Python but not in the data.
    return type(old) is type(new) and old == new


def identical(old: Any, new: Any) -> bool:
    """Equal, and of the same types all the way down: most records of two versions are, and
    saying so is far quicker than walking them field by field."""
    if type(old) is not type(new):
        return False
    if isinstance(old, dict):
        return old.keys() == new.keys() and all(identical(v, new[k]) for k, v in old.items())
    if isinstance(old, list):
        return len(old) == len(new) and all(identical(a, b) for a, b in zip(old, new, strict=True))
    return bool(old == new)


def compare(old: Snapshot, new: Snapshot) -> list[RecordChange]:
    """Every record that differs between two versions, in section order, then by id.

    A record keeps its identity (kind and id) across files: one that moved to another file of
    the folder is `moved`, with its field changes if it also changed. Records of a file that
    one version could not read are left out: they are neither added nor removed.
    """
    unknown = old.unreadable | new.unreadable
    files_matter = not (old.single_file and new.single_file)
    if unknown and not files_matter:
        return []  # two versions of one file, one of them unreadable: nothing to compare
    changes = []
    for key in sorted(old.records.keys() | new.records.keys(), key=_order):
        before, after = old.records.get(key), new.records.get(key)
        if (before and before.file in unknown) or (after and after.file in unknown):
            continue
        if before is None:
            assert after is not None
            changes.append(RecordChange(ChangeKind.ADDED, None, after))
        elif after is None:
            changes.append(RecordChange(ChangeKind.REMOVED, before, None))
        else:
            change = record_change(before, after, files_matter=files_matter)
            if change is not None:
                changes.append(change)
    return changes


def record_change(
    before: RecordVersion, after: RecordVersion, *, files_matter: bool = True
) -> RecordChange | None:
    """How one record changed between two versions; None when it did not."""
    fields = (
        () if identical(before.data, after.data) else tuple(field_changes(before.data, after.data))
    )
    moved = files_matter and before.file != after.file
    if fields:
        return RecordChange(ChangeKind.CHANGED, before, after, fields, moved)
    if moved:
        return RecordChange(ChangeKind.MOVED, before, after, moved=True)
    return None


_SECTION_ORDER = {name: index for index, name in enumerate(SECTIONS)}


def _order(key: RecordKey) -> tuple[int, str]:
    return _SECTION_ORDER.get(key[0], len(_SECTION_ORDER)), key[1]
