"""Where the versions a diff compares come from: a commit, the working tree, or a file."""

from __future__ import annotations

from pathlib import Path

from dossier.datafile.load import find_yaml_files
from dossier.errors import UsageError, os_reason
from dossier.history.git import Repository
from dossier.history.snapshot import Snapshot, read_snapshot


def at_commit(repository: Repository, revision: str) -> Snapshot:
    """The data as a commit holds it; empty where the data path did not exist yet."""
    commit = repository.commit(revision)
    files = repository.files_at(commit)
    return read_snapshot(
        revision, ((path, repository.blob(blob)) for path, blob in files), commit=commit
    )


def in_working_tree(repository: Repository, data: Path) -> Snapshot:
    """The data as it is on disk now, its files named as in the repository."""
    if not data.exists():
        return Snapshot("working tree")
    root = repository.root.resolve()
    files = []
    for path in find_yaml_files(data):
        name = path.resolve().relative_to(root).as_posix()
        files.append((name, _read(path)))
    return read_snapshot("working tree", files)


def of_path(path: Path) -> Snapshot:
    """A file or folder outside git, compared as it is; files are named relative to it."""
    if not path.is_dir():
        snapshot = read_snapshot(str(path), [(str(path), _read(path))])
        snapshot.single_file = True
        return snapshot
    files = [(p.relative_to(path).as_posix(), _read(p)) for p in find_yaml_files(path)]
    return read_snapshot(str(path), files)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise UsageError(f"{path}: {os_reason(error)}") from None
