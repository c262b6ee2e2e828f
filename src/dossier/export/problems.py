"""Problems as text for people, JSON for programs, or GitHub Actions annotations."""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import replace

from dossier.errors import Problem, Severity
from dossier.export.formats import ReportFormat
from dossier.files import printable, repository_path


def apply_policy(
    problems: Sequence[Problem], fail_on: Collection[str], ignore: Collection[str] = ()
) -> list[Problem]:
    """Warnings of an `ignore` kind left out, those of a `fail_on` kind made errors."""
    kept = [p for p in problems if p.is_error or p.kind not in ignore]
    return [
        replace(p, severity=Severity.ERROR) if not p.is_error and p.kind in fail_on else p
        for p in kept
    ]


def problem_line(problem: Problem) -> str:
    """`file:line:column: error: <record> <field>: <message>`, and the hint on its own line;
    what comes from the data (a file name, a value in a message) as the terminal shows it."""

    def shown(text: str) -> str:
        return printable(text, one_line=True)

    subject = shown(problem.subject())
    message = shown(problem.message)
    text = f"{shown(problem.location())}: {problem.severity.value}: "
    text += f"{subject}: {message}" if subject else message
    if problem.kind:
        text += f" [{problem.kind}]"
    if problem.hint:
        text += f"\n  hint: {shown(problem.hint)}"
    return text


def _escape_data(text: str) -> str:
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(escaped)


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, file: str, line: int, column: int, title: str, message: str) -> str:
    """A workflow command GitHub Actions shows as an annotation on the file and line (0: no
    line known)."""
    properties = [f"file={_escape_property(file)}"]
    if line:
        properties += [f"line={line}", f"col={column}"]
    properties.append(f"title={_escape_property(title)}")
    return f"::{level} {','.join(properties)}::{_escape_data(message)}"


def github_line(problem: Problem) -> str:
    """A problem as a GitHub Actions annotation, its file named from the repository's root
    (GitHub places annotations by that path, whatever folder the check ran in)."""
    title = f"dossier {problem.subject()}".strip() + (f" [{problem.kind}]" if problem.kind else "")
    message = problem.message + (f" (hint: {problem.hint})" if problem.hint else "")
    return annotation(
        problem.severity.value,
        repository_path(problem.file),
        problem.line,
        problem.column,
        title,
        message,
    )


def render(problems: Sequence[Problem], fmt: ReportFormat) -> str:
    """The whole report; "" when there is nothing to say (text and GitHub formats)."""
    if fmt is ReportFormat.JSON:
        items = [
            {
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "severity": p.severity.value,
                "record": p.record,
                "field": p.field,
                "message": p.message,
                "hint": p.hint,
                "kind": p.kind or None,
            }
            for p in problems
        ]
        return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    render_line = github_line if fmt is ReportFormat.GITHUB else problem_line
    return "".join(render_line(p) + "\n" for p in problems)


def summary(problems: Sequence[Problem], files: int) -> str:
    """`3 errors (2 follow from the others), 1 warning in 2 files`."""
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    following = sum(1 for p in problems if p.is_error and p.cause)

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    counted = plural(errors, "error")
    if following:
        counted += f" ({following} follow{'s' if following == 1 else ''} from the others)"
    return f"{counted}, {plural(warnings, 'warning')} in {plural(files, 'file')}"
