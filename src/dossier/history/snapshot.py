"""One version of the data, as records keyed by kind and id: what a diff compares.

Records are compared as written (plain YAML data), not as validated: a revision that would not
validate today, or an older version of the format, still compares field by field. A file that
cannot be read at all in one version is reported, and its records are left out of the
comparison rather than reported as removed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from dossier.datafile.text_check import check_bytes
from dossier.datafile.yaml_reader import keep_item, parse_yaml
from dossier.errors import Problem
from dossier.model.records import SECTIONS

RecordKey = tuple[str, str]
"""(section, id): a record's identity across versions, files and renames."""


@dataclass(frozen=True, slots=True)
class RecordVersion:
    """A record as one version of the data holds it."""

    key: RecordKey
    data: dict[str, Any]
    file: str
    line: int
    """First line of the record (1-based, as editors count)."""
    end_line: int
    """Last line of the record."""

    @property
    def name(self) -> str:
        return record_name(self.data)


def record_name(data: dict[str, Any]) -> str:
    """What people call a record: its name (or title), in English where it has several."""
    for key in ("name", "title"):
        value = data.get(key)
        if isinstance(value, dict):
            value = value.get("en", next(iter(value.values()), ""))
        if isinstance(value, str) and value:
            return value
    return ""


@dataclass
class Snapshot:
    """The records of one version of the data, and what could not be read of it."""

    label: str
    records: dict[RecordKey, RecordVersion] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)
    """Files that could not be parsed in this version."""
    problems: list[Problem] = field(default_factory=list)
    single_file: bool = False
    """A file given by itself: its records cannot move to another file."""


def record_items(raw: bytes, file: str) -> tuple[list[RecordVersion], list[Problem]]:
    """Every record with an id in one file's bytes, with its lines; or the file's problems.

    The bytes are checked as the data file's reader checks them (UTF-8, characters YAML
    refuses), so that a fault is reported at its own line and column, not where libyaml
    gave up."""
    checked = check_bytes(raw, file)
    if checked.problems or checked.data is None:
        return [], checked.problems
    document = parse_yaml(checked.data, keep_item)
    # A repeated key or a tag leaves data to read, but YAML calls the file invalid and which
    # value counts is anyone's guess: the version is as unreadable as one that stops early.
    if document.problems or not isinstance(document.data, dict):
        problems = [
            Problem(file, *document.in_editor(f.line, f.column), f.message)
            for f in document.problems
            if f.line
        ] or [Problem(file, 1, 1, "the file does not hold a mapping of sections")]
        return [], problems
    found = []
    for section, items in document.data.items():
        if section not in SECTIONS or not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                continue
            span = document.spans[section, index]
            line, _ = document.in_editor(span.line + 1, span.column + 1)
            # libyaml ends a block record at the start of the next line.
            end_line, _ = document.in_editor(
                span.end_line + (1 if span.end_column else 0), max(span.end_column, 1)
            )
            found.append(
                RecordVersion((section, item["id"]), item, file, line, max(line, end_line))
            )
    return found, []


_COMMIT_SHOWN = 12
"""Hex digits of the commit in `commit:file`."""
_IN_COMMIT = re.compile(rf"[0-9a-f]{{{_COMMIT_SHOWN}}}:")


def in_commit(problem: Problem, commit: str) -> Problem:
    """The problem of a version in a commit, its file named `commit:file` as `git show`
    takes it."""
    return replace(problem, file=f"{commit[:_COMMIT_SHOWN]}:{problem.file}")


def repository_file(name: str) -> str:
    """The file a problem's name stands for, without the commit `in_commit` put before it."""
    return name[_COMMIT_SHOWN + 1 :] if _IN_COMMIT.match(name) else name


_READ: dict[tuple[str, bytes], tuple[list[RecordVersion], list[Problem]]] = {}
"""Files read in this run, by name and digest: a file unchanged between the two versions of a
diff (most files of a data folder) is read once."""


def read_snapshot(label: str, files: Iterable[tuple[str, bytes]], commit: str = "") -> Snapshot:
    """A version of the data from its files' bytes. Where an id repeats, the first one counts
    (validation reports the repetition). A problem in a commit's version names the file as
    `commit:file`, as `git show` takes it."""
    snapshot = Snapshot(label)
    for file, raw in files:
        key = (file, hashlib.blake2b(raw, digest_size=16).digest())
        if key not in _READ:
            _READ[key] = record_items(raw, file)
        records, problems = _READ[key]
        if problems:
            snapshot.unreadable.add(file)
            snapshot.problems += [in_commit(p, commit) if commit else p for p in problems]
        for record in records:
            snapshot.records.setdefault(record.key, record)
    return snapshot
