"""What editing commands share: a file's text before and after (`Edit`), values typed on
the command line, and records built from `FIELD=VALUE` pairs. The edits themselves are a
`dossier.datafile.workspace.Workspace`'s."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dossier.datafile.line_diff import unified_diff
from dossier.datafile.load import display_name
from dossier.datafile.yaml_reader import parse_yaml
from dossier.errors import FieldPath, UsageError
from dossier.files import printable


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
        """A unified diff, in time close to linear in the file's lines
        (`dossier.datafile.line_diff`)."""
        name = printable(display_name(self.path), one_line=True)  # a name may hold anything
        old, new = self.before.splitlines(keepends=True), self.after.splitlines(keepends=True)
        return "".join(unified_diff(old, new, f"a/{name}", f"b/{name}", CONTEXT))


CONTEXT = 3
"""Lines of context around a change in a diff, as git shows them."""


def read_value(text: str) -> Any:
    """A value typed on the command line, read as YAML 1.2 reads it in a file: `true`, `12`,
    `null` (None), `{en: Mayor, de: Oberbürgermeister}`. Text is stored as typed: a `#` in
    it is no comment, its blank lines stay, and a tag (`!!str yes`) is text too; quotes make
    text of what would be read as something else (`'2017'`)."""
    stripped = text.strip()
    if not stripped or stripped[0] in "!&*" or "\n" in stripped or " #" in stripped:
        return text
    document = parse_yaml(text.encode("utf-8"))
    if document.problems:
        return text
    if document.data is None:  # `null` or `~`: the caller refuses it and says to unset
        return None
    if isinstance(document.data, str) and stripped[0] not in "'\"":
        return text  # plain text, exactly as typed
    return document.data


def build_record(record_id: str | None, assignments: list[tuple[FieldPath, Any]]) -> dict[str, Any]:
    """A record from `FIELD=VALUE` pairs: `name=Jane Roe`, `roles[0].title=Mayor` (an item of
    a list, without `record_id`)."""
    record: dict[str, Any] = {} if record_id is None else {"id": record_id}
    for path, value in assignments:
        if record_id is not None and path == ("id",):
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
