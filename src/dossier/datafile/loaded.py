"""What reading data files gives: each file's bytes, and the dossier with its problems."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from dossier.errors import Problem
from dossier.model.dossier import Dossier


class LoadResult(NamedTuple):
    """A dossier built from every valid record, and every problem found (errors and warnings)."""

    dossier: Dossier
    problems: list[Problem]
    files: list[str]

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


class RawFile(NamedTuple):
    """A data file as read from disk: its name for messages, and its bytes or why there are none."""

    path: Path
    name: str
    data: bytes | None
    problem: Problem | None = None
