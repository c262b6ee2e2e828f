"""An edit of one record, in its own file of the data, checked before anything is written.

The record is found by id in whichever file of the data holds it; the file's text is edited
in place (`yaml_edit`), and the whole data, with the edited file in place of the old one, is
validated: an edit after which the data would have an error is refused, with the errors,
and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dossier.datafile.load import display_name, find_yaml_files
from dossier.datafile.loaded import RawFile
from dossier.datafile.yaml_edit import add_item, remove_item, set_value, set_value_in_item
from dossier.datafile.yaml_reader import keep_item, parse_yaml
from dossier.errors import EditRefused, FieldPath, UsageError, os_reason
from dossier.model.records import SECTIONS


@dataclass(frozen=True)
class Edit:
    """One file's text before and after an edit."""

    path: Path
    before: str
    after: str

    def write(self) -> None:
        """Atomically, keeping the file's mode: readers see the old text or the new."""
        from dossier.files import write_atomic

        write_atomic(self.path, self.after.encode("utf-8"), force=True)

    def diff(self) -> str:
        """A unified diff; the lines the edit left alone are matched first, so that a large
        file does not cost difflib's search over all of it."""
        name = display_name(self.path)
        old, new = self.before.splitlines(keepends=True), self.after.splitlines(keepends=True)
        head = 0
        while head < min(len(old), len(new)) and old[head] == new[head]:
            head += 1
        tail = 0
        while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
            tail += 1
        start = max(head - CONTEXT, 0)
        old_part, new_part = (
            old[start : len(old) - tail + CONTEXT],
            new[start : len(new) - tail + CONTEXT],
        )
        lines = list(difflib.unified_diff(old_part, new_part, f"a/{name}", f"b/{name}"))
        # Line numbers in the hunk headers count from the start of the file.
        return "".join(_shifted(line, start) for line in lines)


CONTEXT = 3
"""Lines of context around a change in a diff, as git shows them."""
_HUNK = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@")


def _shifted(line: str, offset: int) -> str:
    match = _HUNK.match(line)
    if not match or not offset:
        return line
    old, old_count, new, new_count = match.groups()
    return (
        f"@@ -{int(old) + offset}{old_count or ''} +{int(new) + offset}{new_count or ''} @@"
        + line[match.end() :]
    )


def read_value(text: str) -> Any:
    """A value typed on the command line, read as YAML 1.2 reads it in a file: `true`, `12`,
    `{en: Mayor, de: Oberbürgermeister}`; anything that is not one YAML value is text."""
    document = parse_yaml(text.encode("utf-8"))
    if document.problems or document.data is None:
        return text
    return document.data


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except OSError as error:
        raise UsageError(f"{path}: {os_reason(error)}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text; `dossier validate` shows where") from None


@dataclass(frozen=True)
class Place:
    """Where a record stands: its file, section and index, and its lines (0-based)."""

    path: Path
    section: str
    index: int
    first_line: int
    last_line: int


def find_record(files: list[Path], record_id: str, texts: dict[Path, str] | None = None) -> Place:
    """Where the record with `record_id` stands (in `texts` where a file is being edited)."""
    for path in files:
        text = texts[path] if texts and path in texts else _read(path)
        document = parse_yaml(text.removeprefix("\ufeff").encode("utf-8"), keep_item)
        data = document.data
        if not isinstance(data, dict):
            continue
        for section in SECTIONS:
            items = data.get(section)
            if not isinstance(items, list):
                continue
            for index, item in enumerate(items):
                if isinstance(item, dict) and item.get("id") == record_id:
                    span = document.spans.get((section, index))
                    first, last = (span.line, span.end_line) if span else (-1, -1)
                    if span and span.end_column == 0:
                        last -= 1  # libyaml ends a block item at the start of the next line
                    return Place(path, section, index, first, last)
    raise UsageError(f"no record '{record_id}' in the data's files")


def edit_record(data: Path, record_id: str, field: FieldPath, value: Any, today: dt.date) -> Edit:
    """The edit that sets `field` of the record to `value`; `EditRefused` with every error if
    the data would not validate after it."""
    batch = Batch(data)
    path = batch.set(record_id, field, value)
    return _only(batch, path, today)


def _only(batch: Batch, path: Path, today: dt.date) -> Edit:
    """The one edit a batch made (unchanged text where it changed nothing)."""
    edits = batch.finish(today)
    return edits[0] if edits else Edit(path, batch.originals[path], batch.originals[path])


def _check_all(files: list[Path], texts: dict[Path, str], today: dt.date) -> None:
    from dossier.datafile.read import read_dossier

    raws = [
        RawFile(p, display_name(p), texts[p].encode("utf-8") if p in texts else p.read_bytes())
        for p in files
    ]
    result = read_dossier(raws, today, warnings=False)
    errors = [p for p in result.problems if p.is_error]
    if errors:
        raise EditRefused(errors)


def build_record(record_id: str, assignments: list[tuple[FieldPath, Any]]) -> dict[str, Any]:
    """A record from `FIELD=VALUE` pairs: `name=Jane Roe`, `roles[0].title=Mayor`."""
    record: dict[str, Any] = {"id": record_id}
    for path, value in assignments:
        if path == ("id",):
            raise UsageError("the id is given before the fields")
        _put(record, path, value)
    return record


def _put(container: Any, path: FieldPath, value: Any) -> None:
    head, rest = path[0], path[1:]
    if isinstance(head, int):
        if not isinstance(container, list) or head > len(container):
            raise UsageError(f"[{head}]: list items are given in order, from [0]")
        if head == len(container):
            container.append({} if rest and isinstance(rest[0], str) else [])
        if not rest:
            container[head] = value
        else:
            _put(container[head], rest, value)
        return
    if not isinstance(container, dict):
        raise UsageError(f"{head}: not a field of a list")
    if not rest:
        container[head] = value
        return
    if head not in container:
        container[head] = [] if isinstance(rest[0], int) else {}
    _put(container[head], rest, value)


def add_record(data: Path, section: str, record: dict[str, Any], today: dt.date) -> Edit:
    """The edit that adds `record` to `section`: in the file of the data that has the
    section (the first such), else the first file; validated like every edit."""
    batch = Batch(data)
    path = batch.add(section, record)
    return _only(batch, path, today)


class Batch:
    """Many edits of the data, checked together once and then written (an import)."""

    def __init__(self, data: Path) -> None:
        self.files = find_yaml_files(data)
        self.texts: dict[Path, str] = {}
        self.originals: dict[Path, str] = {}

    def _text(self, path: Path) -> str:
        if path not in self.texts:
            self.originals[path] = self.texts[path] = _read(path)
        return self.texts[path]

    def _edit(self, path: Path, change: Callable[[str], str]) -> Path:
        """Apply `change` to a file's text, its byte-order mark kept aside; the file."""
        text = self._text(path)
        bom = "\ufeff" if text.startswith("\ufeff") else ""
        self.texts[path] = bom + change(text[len(bom) :])
        return path

    def set(self, record_id: str, field: FieldPath, value: Any) -> Path:
        """Set a field of a record; the file edited."""
        place = find_record(self.files, record_id, self.texts)

        def change(body: str) -> str:
            if place.first_line >= 0:
                edited = set_value_in_item(body, place.first_line, place.last_line, field, value)
                if edited:
                    return edited
            return set_value(body, (place.section, place.index, *field), value)

        return self._edit(place.path, change)

    def add(self, section: str, record: dict[str, Any]) -> Path:
        """Add a record at the end of its section; the file edited."""
        target = self.files[0]
        for path in self.files:
            document = parse_yaml(self._text(path).removeprefix("\ufeff").encode("utf-8"))
            if isinstance(document.data, dict) and section in document.data:
                target = path
                break
        return self._edit(target, lambda body: add_item(body, section, record))

    def remove(self, record_id: str) -> Path:
        """Take a record out of its file; the file edited."""
        place = find_record(self.files, record_id, self.texts)
        return self._edit(place.path, lambda body: remove_item(body, place.section, place.index))

    def finish(self, today: dt.date) -> list[Edit]:
        """The edits, after checking the data with all of them; `EditRefused` if it would
        have an error."""
        changed = {p: t for p, t in self.texts.items() if t != self.originals[p]}
        if changed:
            _check_all(self.files, changed, today)
        return [Edit(p, self.originals[p], t) for p, t in changed.items()]
