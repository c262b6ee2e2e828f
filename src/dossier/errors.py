"""The project's error types and the `Problem` every data fault is reported as."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

PathPart = str | int
FieldPath = tuple[PathPart, ...]
"""Where a value stands inside a file or a record: `("roles", 0, "since")`."""


MAX_PATH_PARTS = 8


def format_field_path(path: Sequence[PathPart]) -> str:
    """`roles[0].since`; a very deep path keeps its start and end around an ellipsis."""
    if len(path) > MAX_PATH_PARTS:
        return f"{format_field_path(path[:3])}…{format_field_path(path[-2:])}"
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One fault in the data, located as precisely as the input allows.

    `line` and `column` are 1-based; 0 means the position is unknown (for example a
    file that could not be decoded at all). `record` is the id of the record the
    fault is in, or "" when it is outside any record. `field` is a dotted path
    inside that record (`roles[0].since`), or "" for the record itself.
    """

    file: str
    line: int
    column: int
    message: str
    record: str = ""
    field: str = ""
    hint: str = ""
    severity: Severity = Severity.ERROR
    kind: str = ""
    """For warnings, the kind (`overdue`, `no-source`…) that `validate --fail-on` and
    `--ignore` name; "" for errors."""
    cause: str = ""
    """Where the error this one follows from stands (`file:line`), or "" for a root cause.
    Reports list root causes first: fixing them may make the consequences go away."""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file

    def subject(self) -> str:
        """The `<record> <field path>` part of a report line, without a trailing space."""
        return " ".join(part for part in (self.record, self.field) if part)

    def sort_key(self) -> tuple[bool, str, int, int, str]:
        """Root causes first, then consequences; each by file and place."""
        return (bool(self.cause), self.file, self.line, self.column, self.message)


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem at a place in the data, before it is reported with its file and position.

    `path` leads from the start of the file (as the YAML reader and validation find them) or
    from the record named by `record` (as the cross-record checks find them). The reader of
    the data file turns each finding into a `Problem`, at `line` and `column` where the YAML
    reader already knows them, else at the position of `path` (of its key, with `at_key`).
    """

    record: str
    path: FieldPath
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR
    kind: str = ""
    """For warnings, the kind `validate --fail-on` and `--ignore` name."""
    basis: tuple[FieldPath, ...] = ()
    """The places the finding is derived from, where more than its own `path`: a finding
    is not reported when one of them holds an error of its own."""
    cause: str = ""
    """Where the error this one follows from stands (see `Problem.cause`)."""
    at_key: bool = False
    line: int = 0
    column: int = 0
    related: str = ""
    """The id of another record the message names: `{where}` in the message becomes its
    file and line."""

    def derived_from(self) -> tuple[FieldPath, ...]:
        return self.basis or (self.path,)


class DossierError(Exception):
    """Base of every error `dossier` raises on purpose; the CLI maps these to exit codes."""

    exit_code = 1


class DataError(DossierError):
    """The data has errors; `problems` lists every one found (warnings included)."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = sorted(problems, key=Problem.sort_key)
        errors = sum(1 for p in self.problems if p.is_error)
        super().__init__(f"the data has {errors} error{'s' if errors != 1 else ''}")


class EditRefused(DataError):
    """An edit after which the data would have errors: nothing was written."""

    def __str__(self) -> str:
        errors = sum(1 for p in self.problems if p.is_error)
        return (
            f"the edit would leave the data with {errors} error{'s' if errors != 1 else ''};"
            " nothing was written (the lines are those of the file as edited)"
        )


class NotFoundError(DossierError):
    """A reference given on the command line names no record."""

    def __init__(self, message: str, candidates: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.candidates = list(candidates)


class UsageError(DossierError):
    """The command line asks for something impossible: bad path, refused overwrite, bad value."""

    exit_code = 2


class OutputError(DossierError):
    """Standard output cannot take what the command prints (closed, or the disk is full)."""


class ConversionError(DossierError):
    """A program the output is made with (LibreOffice, for a PDF) failed or took too long."""


def os_reason(error: OSError) -> str:
    """The operating system's words for `error` (`Permission denied`), as a user reads them."""
    return error.strerror or type(error).__name__
