"""The commits that changed one record, newest first, with the fields each one changed.

Reading every version of a large file would parse it once per commit. Instead the walk keeps
the record's place (file, blob, lines) from child to parent: a commit whose hunks do not touch
those lines leaves the record as it was, and only shifts the lines. Only a commit that touches
them (or a top-level line) has its two versions of the file parsed and compared, so the cost
follows the record's own history, not the repository's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dossier.errors import Problem
from dossier.history.compare import ChangeKind, RecordChange, record_change
from dossier.history.git import NO_BLOB, Commit, Repository
from dossier.history.patches import CommitPatch, commit_patches
from dossier.history.snapshot import RecordVersion, in_commit, record_items


@dataclass(frozen=True, slots=True)
class LogEntry:
    commit: Commit
    change: RecordChange


@dataclass(frozen=True, slots=True)
class _Place:
    """Where the record stands in one commit."""

    file: str
    blob: str
    line: int
    end_line: int


class _Walk:
    def __init__(self, repository: Repository, record_id: str) -> None:
        self.repository = repository
        self.record_id = record_id
        # Where an id is defined: `id: x`, `"id": "x"`, or a block scalar holding x.
        self.probe = re.compile(
            rb"""\bid['"]?[ \t]*:[\s>|+\-0-9]*['"]?""" + re.escape(record_id.encode()) + rb"""\b"""
        )
        self.versions: dict[tuple[str, str], RecordVersion | None] = {}
        """By blob and file: two files may hold the very same bytes (an emptied file, a copy)."""
        self.places: dict[str, _Place | None] = {}
        self.problems: list[Problem] = []
        """Versions of a file holding the record that could not be read: reported, and the
        record counts as absent from them."""

    def version(self, blob: str, file: str, commit: str) -> RecordVersion | None:
        """The record as one blob holds it (each blob read and parsed at most once). A blob
        that cannot be read is reported as `commit:file`, `commit` being one that holds it:
        the walk goes from children to parents, so the newest such commit."""
        if (blob, file) not in self.versions:
            found = None
            raw = self.repository.blob(blob)
            if self.probe.search(raw):
                records, problems = record_items(raw, file)
                self.problems += [in_commit(p, commit) for p in problems]
                found = next((r for r in records if r.key[1] == self.record_id), None)
            self.versions[blob, file] = found
        return self.versions[blob, file]

    def place(self, commit: str) -> _Place | None:
        """Where the record stands in a commit, looked up in its whole tree when no child
        has said."""
        if commit not in self.places:
            self.places[commit] = None
            for file, blob in self.repository.files_at(commit):
                version = self.version(blob, file, commit)
                if version is not None:
                    self.places[commit] = _Place(file, blob, version.line, version.end_line)
                    break
        return self.places[commit]

    def elsewhere(self, patch: CommitPatch, skip: str) -> _Place | None:
        """The record in the first parent, in another file this commit changed."""
        for file in patch.files.values():
            if file.path == skip or file.old_blob == NO_BLOB:
                continue
            version = self.version(file.old_blob, file.path, patch.commit.first_parent)
            if version is not None:
                return _Place(file.path, file.old_blob, version.line, version.end_line)
        return None

    def step(
        self, place: _Place | None, patch: CommitPatch
    ) -> tuple[_Place | None, RecordChange | None]:
        """The record's place in the first parent, and how this commit changed it."""
        if place is None:
            before = self.elsewhere(patch, skip="")
            if before is None:
                return None, None
            old = self.version(before.blob, before.file, patch.commit.first_parent)
            assert old is not None
            return before, RecordChange(ChangeKind.REMOVED, old, None)
        file = patch.files.get(place.file)
        if file is None:
            return place, None
        if file.old_blob != NO_BLOB and not file.touches(place.line, place.end_line):
            line, end_line = file.old_lines(place.line, place.end_line)
            return _Place(place.file, file.old_blob, line, end_line), None
        new = self.version(place.blob, place.file, patch.commit.id)
        assert new is not None
        parent = patch.commit.first_parent
        old = self.version(file.old_blob, file.path, parent) if file.old_blob != NO_BLOB else None
        before = None
        if old is not None:
            before = _Place(file.path, file.old_blob, old.line, old.end_line)
        else:
            before = self.elsewhere(patch, skip=place.file)
            old = self.version(before.blob, before.file, parent) if before else None
        if old is None:
            return None, RecordChange(ChangeKind.ADDED, None, new)
        return before, record_change(old, new)

    def merged_from_elsewhere(self, commit: Commit, change: RecordChange) -> bool:
        """A merge that takes the record as another parent had it did not change it itself."""
        for parent in commit.parents[1:]:
            place = self.place(parent)
            theirs = self.version(place.blob, place.file, parent) if place else None
            if (theirs is None and change.new is None) or (
                theirs is not None and change.new is not None and theirs.data == change.new.data
            ):
                return True
        return False


def record_log(
    repository: Repository, record_id: str, start: str
) -> tuple[list[LogEntry], list[Problem]]:
    """Every commit reachable from `start` that changed the record, children first; and the
    versions of its file that could not be read."""
    commits = repository.history(start)
    # A shallow clone's oldest commits show no parents: every record they hold would read
    # as added there, which nobody knows.
    shallow = repository.shallow_commits()
    patches = commit_patches(repository, commits)
    walk = _Walk(repository, record_id)
    entries = []
    for commit in commits:
        place = walk.place(commit.id)
        patch = patches.get(commit.id)
        change = None
        before = place
        if patch is not None:
            before, change = walk.step(place, patch)
            commit = patch.commit
        if commit.parents:
            walk.places.setdefault(commit.parents[0], before)
        if change is None or (change.kind is ChangeKind.ADDED and commit.id in shallow):
            continue
        if not (len(commit.parents) > 1 and walk.merged_from_elsewhere(commit, change)):
            entries.append(LogEntry(commit, change))
    return entries, walk.problems
