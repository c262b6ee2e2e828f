"""Where the versions a diff compares come from: a commit, the working tree, or a file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dossier.datafile.load import find_yaml_files
from dossier.errors import UsageError, os_reason
from dossier.history.git import Repository


@dataclass
class Version:
    """One version of the data as its files' bytes, named as the repository names them."""

    label: str
    files: list[tuple[str, bytes]] = field(default_factory=list)
    commit: str = ""
    """The commit it was read from; its files' problems are named `commit:file`."""
    single_file: bool = False
    """A file given by itself: its records cannot move to another file."""


def at_commit(repository: Repository, revision: str) -> Version:
    """The data as a commit holds it; empty where the data path did not exist yet."""
    commit = repository.commit(revision)
    files = [(path, repository.blob(blob)) for path, blob in repository.files_at(commit)]
    return Version(revision, files, commit=commit)


def in_working_tree(repository: Repository, data: Path) -> Version:
    """The data as it is on disk now, its files named as in the repository."""
    if not data.exists():
        return Version("working tree")
    root = repository.root.resolve()
    files = []
    for path in find_yaml_files(data):
        name = path.resolve().relative_to(root).as_posix()
        files.append((name, _read(path)))
    return Version("working tree", files)


def of_path(path: Path) -> Version:
    """A file or folder outside git, compared as it is; files are named relative to it."""
    if not path.is_dir():
        return Version(str(path), [(str(path), _read(path))], single_file=True)
    files = [(p.relative_to(path).as_posix(), _read(p)) for p in find_yaml_files(path)]
    return Version(str(path), files)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise UsageError(f"{path}: {os_reason(error)}") from None
