"""What reading data files gives: each file's bytes, and the dossier with its problems."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from dossier.errors import Problem
from dossier.model.dossier import Dossier


@dataclass(frozen=True, slots=True)
class Place:
    """Where a record stands: its file (by its name for messages), its section and index
    there, and its text as character indices into the file's text (without a byte-order
    mark); start == end where its section was read whole (an anchored section)."""

    file: str
    section: str
    index: int
    start: int
    end: int


class LoadResult(NamedTuple):
    """A dossier built from every valid record, and every problem found (errors and warnings)."""

    dossier: Dossier
    problems: list[Problem]
    files: list[str]
    places: dict[str, Place] = {}  # noqa: RUF012 - a NamedTuple default, never mutated
    """Where each record of the dossier stands (empty for a dossier from the cache without)."""

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


class RawFile(NamedTuple):
    """A data file as read from disk: its name for messages, and its bytes or why there are none."""

    path: Path
    name: str
    data: bytes | None
    problem: Problem | None = None
