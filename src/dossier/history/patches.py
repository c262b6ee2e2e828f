"""What each commit changed under the data path: files with their blobs and changed lines.

One `git diff-tree --stdin` run streams the changes of every commit against its first parent
with no context lines (`-U0`): the hunk headers say which lines changed, which is all the log
needs to know whether a record's lines were touched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from dossier.history.git import Commit, Repository, is_yaml

_HUNK = re.compile(rb"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_START = b"\x1e"
_FIELD = "\x1f"


@dataclass(frozen=True, slots=True)
class Hunk:
    """Old lines `old_start`… (`old_count` of them) became new lines `new_start`…"""

    old_start: int
    old_count: int
    new_start: int
    new_count: int
    structural: bool
    """A line at the top level (a section key, a setting) was added or removed: every record
    below it may have changed kind or file meaning."""

    def touches(self, first: int, last: int) -> bool:
        """Whether the hunk changed, or changed lines right beside, new lines first…last."""
        low = self.new_start
        high = self.new_start + max(self.new_count, 1) - (1 if self.new_count else 0)
        return low <= last + 1 and high >= first - 1


@dataclass
class FilePatch:
    path: str
    old_blob: str
    new_blob: str
    hunks: list[Hunk] = field(default_factory=list)

    def touches(self, first: int, last: int) -> bool:
        return any(h.structural or h.touches(first, last) for h in self.hunks)

    def old_lines(self, first: int, last: int) -> tuple[int, int]:
        """Where untouched new lines first…last stood in the old file."""
        shift = sum(h.old_count - h.new_count for h in self.hunks if h.new_start < first)
        return first + shift, last + shift


@dataclass
class CommitPatch:
    commit: Commit
    files: dict[str, FilePatch]


def commit_patches(repository: Repository, commits: Sequence[Commit]) -> dict[str, CommitPatch]:
    """The data files each commit changed against its first parent, by commit id; a commit
    that changed none has no entry."""
    spec = [repository.data] if repository.data else []
    feed = "".join(f"{c.id} {c.parents[0]}\n" if c.parents else f"{c.id}\n" for c in commits)
    output = repository.git(
        "diff-tree",
        "--stdin",
        "-r",
        "-p",
        "-U0",
        "--raw",
        "--no-renames",
        "--no-ext-diff",
        "--no-textconv",
        "--root",
        "-z",
        f"--pretty=format:{_START.decode()}%H{_FIELD}%an{_FIELD}%aI{_FIELD}%s",
        "--",
        *spec,
        stdin=feed.encode("ascii"),
    )
    parents = {c.id: c.parents for c in commits}
    patches = {}
    for chunk in output.split(_START)[1:]:
        patch = _commit_patch(chunk, parents)
        if patch.files:
            patches[patch.commit.id] = patch
    return patches


def _commit_patch(chunk: bytes, parents: dict[str, tuple[str, ...]]) -> CommitPatch:
    header, _, body = chunk.partition(b"\n")
    commit_id, author, date, subject = header.decode("utf-8", "replace").split(_FIELD, 3)
    commit = Commit(commit_id, parents.get(commit_id, ()), author, date[:10], subject)
    files, patch_text = _raw_entries(body)
    _read_hunks(patch_text.split(b"\n"), files)
    return CommitPatch(commit, {f.path: f for f in files if is_yaml(f.path)})


def _raw_entries(body: bytes) -> tuple[list[FilePatch], bytes]:
    """The raw entries (`:modes blobs status NUL path NUL`, as `-z` writes them, so that a
    name with quotes, tabs or newlines comes as it is) and the patch text after them."""
    fields = body.split(b"\0")
    files = []
    index = 0
    while index + 1 < len(fields) and fields[index].startswith(b":"):
        parts = fields[index].decode("ascii").split()
        path = fields[index + 1].decode("utf-8", "surrogateescape")
        files.append(FilePatch(path, parts[2], parts[3]))
        index += 2
    # An empty field stands between the last entry and the patches.
    return files, b"\0".join(fields[index + 1 :])


def _read_hunks(lines: list[bytes], files: list[FilePatch]) -> None:
    """Hunks in the order of the raw entries: git writes the patches in that order."""
    index = -1
    current: list[Hunk] | None = None
    hunk: tuple[int, int, int, int] | None = None
    structural = False
    for line in lines:
        if line.startswith(b"diff --git "):
            _close(current, hunk, structural)
            hunk, structural = None, False
            index += 1
            current = files[index].hunks if index < len(files) else None
        elif line.startswith(b"@@ "):
            _close(current, hunk, structural)
            match = _HUNK.match(line)
            hunk = _numbers(match) if match else None
            structural = False
        elif hunk is not None and line[:1] in (b"+", b"-") and _top_level(line[1:]):
            structural = True
    _close(current, hunk, structural)


def _numbers(match: re.Match[bytes]) -> tuple[int, int, int, int]:
    a, b, c, d = match.groups()
    return int(a), 1 if b is None else int(b), int(c), 1 if d is None else int(d)


def _close(
    target: list[Hunk] | None, hunk: tuple[int, int, int, int] | None, structural: bool
) -> None:
    if target is not None and hunk is not None:
        target.append(Hunk(*hunk, structural))


def _top_level(text: bytes) -> bool:
    """A line of the file's top level: not indented, not a comment, not a list item."""
    return bool(text) and text[:1] not in b" \t#-\r" and not text.startswith(b"...")
