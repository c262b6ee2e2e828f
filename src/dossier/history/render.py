"""Record changes as text for people, JSON for programs, Markdown for a pull request, and
GitHub Actions annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from dossier.briefing.markdown import escape
from dossier.errors import Problem
from dossier.export.problems import annotation, github_line
from dossier.files import printable
from dossier.history.compare import MISSING, ChangeKind, FieldChange, RecordChange
from dossier.history.formats import DiffFormat, LogFormat
from dossier.history.log import LogEntry
from dossier.history.snapshot import repository_file
from dossier.model.records import KIND_NAMES, SECTIONS

SHOWN_VALUE_CHARACTERS = 100
"""Longest value the text and Markdown formats print whole; JSON always has all of it."""

KIND_OF_SECTION = {section: KIND_NAMES[kind] for section, kind in SECTIONS.items()}


def shown_value(value: Any) -> str:
    """A value on one line: strings quoted, lists and mappings in flow style, long ones cut."""
    if value is MISSING:
        return "(none)"
    text = _flow(value)
    if len(text) > SHOWN_VALUE_CHARACTERS:
        text = text[: SHOWN_VALUE_CHARACTERS - 1] + "…"
    return printable(text, one_line=True)


def _flow(value: Any) -> str:
    """A value as JSON writes it in flow style, but with strings in plain quotes: a quote or
    a backslash in the data is shown as itself, not as JSON's escape (`\\"`), which no reader
    of a terminal or a rendered pull-request comment should have to undo."""
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flow(str(k))}: {_flow(v)}" for k, v in value.items()) + "}"
    return json.dumps(value, ensure_ascii=False)


def subject(change: RecordChange) -> str:
    """`person norihiko-fukuda (Norihiko Fukuda)`"""
    version = change.current
    kind = KIND_OF_SECTION.get(version.key[0], version.key[0])
    name = f" ({version.name})" if version.name and version.name != version.key[1] else ""
    return printable(f"{kind} {version.key[1]}{name}", one_line=True)


def field_line(change: FieldChange) -> str:
    """One line whatever the field's keys hold: a key is data, and may hold a newline."""
    name = printable(change.field, one_line=True)
    if change.old is MISSING:
        return f"{name}: added {shown_value(change.new)}"
    if change.new is MISSING:
        return f"{name}: removed (was {shown_value(change.old)})"
    return f"{name}: {shown_value(change.old)} → {shown_value(change.new)}"


def where(change: RecordChange) -> str:
    """`file:line`, on one line whatever the file's name holds (a newline in a name must not
    make a line of its own that reads like a change)."""
    version = change.current
    place = f"{version.file}:{version.line}"
    if change.moved and change.old is not None:
        place = f"moved from {change.old.file} to {place}"
    return printable(place, one_line=True)


def _label(text: str) -> str:
    return printable(text, one_line=True)


def summary(changes: Sequence[RecordChange]) -> str:
    if not changes:
        return "no record changed"
    counts = {kind: sum(1 for c in changes if c.kind is kind) for kind in ChangeKind}
    parts = ", ".join(f"{n} {kind.value}" for kind, n in counts.items() if n)
    noun = "record" if len(changes) == 1 else "records"
    return f"{len(changes)} {noun} changed: {parts}"


def render_diff(
    changes: Sequence[RecordChange],
    fmt: DiffFormat,
    old: str,
    new: str,
    unreadable: Sequence[Problem] = (),
) -> str:
    """The changes in `fmt`; `unreadable` holds the faults of files a version could not
    read, whose records are left out: every format says so, a pull request's comment too."""
    if fmt is DiffFormat.JSON:
        document = {
            "from": old,
            "to": new,
            "records": [_change_data(c) for c in changes],
            "unreadable": [_problem_data(p) for p in unreadable],
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if fmt is DiffFormat.GITHUB:
        faults = [_fault_annotation(p) + "\n" for p in unreadable]
        return "".join(faults) + "".join(_annotation(c) + "\n" for c in changes)
    if fmt is DiffFormat.MARKDOWN:
        return _markdown(changes, old, new, unreadable)
    lines = [f"{_label(old)} → {_label(new)}: {summary(changes)}{_left_out(unreadable)}"]
    for change in changes:
        lines += ["", f"{change.kind.value:<8} {subject(change)}  {where(change)}"]
        lines += [f"  {field_line(f)}" for f in change.fields]
    return "\n".join(lines) + "\n"


def _change_data(change: RecordChange) -> dict[str, Any]:
    version = change.current
    data: dict[str, Any] = {
        "change": change.kind.value,
        "kind": KIND_OF_SECTION.get(version.key[0], version.key[0]),
        "id": version.key[1],
        "name": version.name,
        "file": version.file,
        "line": version.line,
    }
    if change.moved and change.old is not None:
        data["moved_from"] = change.old.file
    if change.kind is not ChangeKind.ADDED and change.kind is not ChangeKind.REMOVED:
        data["fields"] = [_field_data(f) for f in change.fields]
    return data


def _field_data(change: FieldChange) -> dict[str, Any]:
    data: dict[str, Any] = {"field": change.field}
    if change.old is not MISSING:
        data["old"] = change.old
    if change.new is not MISSING:
        data["new"] = change.new
    return data


def _annotation(change: RecordChange) -> str:
    version = change.current
    message = f"{change.kind.value}: {subject(change)}"
    if change.fields:
        message += "\n" + "\n".join(field_line(f) for f in change.fields)
    title = f"dossier diff: {change.kind.value} {version.key[1]}"
    return annotation("notice", version.file, version.line, 1, title, message)


def _left_out(unreadable: Sequence[Problem]) -> str:
    """`; 1 file could not be read, its records left out`, or nothing."""
    files = len({repository_file(p.file) for p in unreadable})
    if not files:
        return ""
    if files == 1:
        return "; 1 file could not be read, its records left out"
    return f"; {files} files could not be read, their records left out"


def _fault_annotation(problem: Problem) -> str:
    """A fault as validate annotates it, on the file as the repository names it."""
    return github_line(replace(problem, file=repository_file(problem.file)))


def _problem_data(problem: Problem) -> dict[str, Any]:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "message": problem.message,
    }


def _markdown(
    changes: Sequence[RecordChange], old: str, new: str, unreadable: Sequence[Problem]
) -> str:
    lines = [
        f"### Dossier changes: {escape(_label(old))} → {escape(_label(new))}",
        "",
        escape(summary(changes) + _left_out(unreadable)) + ".",
    ]
    for problem in unreadable:
        place = f"{problem.file}:{problem.line}:{problem.column}"
        lines += ["", f"- **not read** {escape(_label(place))}: {escape(_label(problem.message))}"]
    for change in changes:
        lines += [
            "",
            f"- **{change.kind.value}** {escape(subject(change))} ({escape(where(change))})",
        ]
        lines += [f"  - {escape(field_line(f))}" for f in change.fields]
    return "\n".join(lines) + "\n"


def render_log(entries: Sequence[LogEntry], fmt: LogFormat) -> str:
    if fmt is LogFormat.JSON:
        items = [
            {
                "commit": e.commit.id,
                "date": e.commit.date,
                "author": e.commit.author,
                "subject": e.commit.subject,
                **_change_data(e.change),
            }
            for e in entries
        ]
        return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    blocks = []
    for entry in entries:
        commit, change = entry.commit, entry.change
        head = f"{commit.id[:12]}  {commit.date}  {commit.author}  {commit.subject}"
        body = [f"  {change.kind.value} {subject(change)}  {where(change)}"]
        body += [f"    {field_line(f)}" for f in change.fields]
        blocks.append(printable(head, one_line=True) + "\n" + "\n".join(printable(b) for b in body))
    return "\n\n".join(blocks) + ("\n" if blocks else "")
