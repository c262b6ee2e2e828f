"""The `git` command, as pre-commit and most tools that read a repository use it.

git itself knows every repository layout, worktree, packing and configuration there is; a
library re-implementing it (dulwich) or binding libgit2 (pygit2, with a C library to build)
would add a dependency to reach what every user of a dossier under git already has. Each
call runs with a fixed locale and no pager; revisions are checked before use, so that a
mistyped one is a clear error rather than a message from deep inside git.

A checkout is other people's input: a folder received as a zip, a shared drive or a CI cache
brings its own `.git/config`, and git runs programs that config names (an fsmonitor, a pager,
an external diff, a textconv filter, hooks). Every call therefore overrides each such setting
on the command line, which wins over every config file, and reads no system config.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dossier.errors import UsageError, os_reason
from dossier.files import printable

NO_BLOB = "0" * 40
"""How git writes 'no file' in a raw diff line."""


NEUTRAL_CONFIG = (
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "core.pager=cat",
    "core.sshCommand=false",
    "core.askPass=",
    "core.quotePath=false",
    "diff.external=",
    "credential.helper=",
    "protocol.allow=never",
)
"""Settings that could make git run a program, each set to run none (`-c` beats every config
file); and names written as they are."""

_GIT = ["git", *(arg for setting in NEUTRAL_CONFIG for arg in ("-c", setting))]


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _PROGRAMS_FROM_ENVIRONMENT}
    # Messages in English (they are matched and quoted), no pager, no lock taken for a read,
    # no system config, no prompt for a password.
    env.update(
        LC_ALL="C",
        LANGUAGE="C",
        GIT_PAGER="cat",
        GIT_OPTIONAL_LOCKS="0",
        GIT_CONFIG_NOSYSTEM="1",
        GIT_TERMINAL_PROMPT="0",
        GIT_PROTOCOL_FROM_USER="0",
    )
    return env


_PROGRAMS_FROM_ENVIRONMENT = frozenset(
    {"GIT_EXTERNAL_DIFF", "GIT_ASKPASS", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_PROXY_COMMAND"}
)


@dataclass(frozen=True, slots=True)
class Commit:
    """One commit: its id, its parents' ids, and what `log` prints of it."""

    id: str
    parents: tuple[str, ...]
    author: str = ""
    date: str = ""
    subject: str = ""

    @property
    def first_parent(self) -> str:
        """The parent its patch is against; "" for a root (or a shallow clone's edge)."""
        return self.parents[0] if self.parents else ""


class Repository:
    """The git repository a data path lies in, and the path's place inside it."""

    def __init__(self, root: Path, data: str) -> None:
        self.root = root
        self.data = data
        """The data file or folder, relative to the root, with forward slashes ("" = root)."""
        self._blobs: _BlobReader | None = None
        self._shallow: frozenset[str] | None = None

    @classmethod
    def containing(cls, data: Path) -> Repository:
        """The repository holding `data` (a file or folder that may no longer exist)."""
        folder = data if data.is_dir() else data.parent
        if not folder.is_dir():
            raise UsageError(f"{data}: no such file or folder")
        result = _run(["rev-parse", "--show-toplevel"], cwd=folder, check=False)
        if result.returncode != 0:
            raise _not_a_repository(data, result.stderr.decode("utf-8", "replace"))
        root = Path(result.stdout.decode("utf-8", "surrogateescape").rstrip("\n"))
        try:
            relative = data.resolve().relative_to(root.resolve())
        except ValueError:
            raise UsageError(f"{data} is not inside the repository at {root}") from None
        text = relative.as_posix()
        return cls(root, "" if text == "." else text)

    def git(self, *args: str, stdin: bytes | None = None) -> bytes:
        result = _run(args, cwd=self.root, stdin=stdin)
        return result.stdout

    def commit(self, revision: str) -> str:
        """The commit a revision names; a clear error for one that names none."""
        result = _run(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"],
            cwd=self.root,
            check=False,
        )
        if result.returncode != 0 or not revision:
            shallow = (
                "; the clone is shallow, so older commits may not have been fetched: "
                "git fetch --unshallow fetches them"
                if self.shallow_commits()
                else ""
            )
            raise UsageError(
                f"{printable(repr(revision), one_line=True)} is not a commit in the repository "
                f"at {printable(str(self.root), one_line=True)}{shallow}"
            )
        return result.stdout.decode("ascii").strip()

    def shallow_commits(self) -> frozenset[str]:
        """The commits a shallow clone stops at (their parents were not fetched); none in a
        full clone. git lists them in the repository's `shallow` file."""
        if self._shallow is None:
            listing = self.git("rev-parse", "--git-path", "shallow")
            path = self.root / listing.decode("utf-8", "surrogateescape").rstrip("\n")
            try:
                self._shallow = frozenset(path.read_text("ascii").split())
            except FileNotFoundError:
                self._shallow = frozenset()
            except (OSError, UnicodeDecodeError) as error:
                raise UsageError(f"{path}: {error}") from None
        return self._shallow

    def files_at(self, commit: str) -> list[tuple[str, str]]:
        """(path, blob id) of every YAML file of the data in a commit, in path order."""
        spec = [self.data] if self.data else []
        listing = self.git("ls-tree", "-r", "-z", "--full-tree", commit, "--", *spec)
        files = []
        for entry in listing.split(b"\0"):
            if not entry:
                continue
            meta, _, raw_path = entry.partition(b"\t")
            _mode, kind, blob = meta.decode("ascii").split(" ")
            path = raw_path.decode("utf-8", "surrogateescape")
            if kind == "blob" and is_yaml(path):
                files.append((path, blob))
        return sorted(files)

    def blob(self, blob: str) -> bytes:
        """A blob's bytes, through one `git cat-file --batch` kept open for all of them."""
        if self._blobs is None:
            self._blobs = _BlobReader(self.root)
        return self._blobs.read(blob)

    def history(self, start: str) -> list[Commit]:
        """Every commit reachable from `start`, children before their parents."""
        listing = self.git("rev-list", "--topo-order", "--parents", start)
        commits = []
        for line in listing.decode("ascii").splitlines():
            ids = line.split()
            commits.append(Commit(ids[0], tuple(ids[1:])))
        return commits

    def close(self) -> None:
        if self._blobs is not None:
            self._blobs.close()
            self._blobs = None


def data_commit(files: list[Path]) -> str | None:
    """The commit the data `files` are exactly as now: HEAD when git sees no change to any of
    them; None outside a repository, before the first commit, or with changes."""
    if not files:
        return None
    try:
        repository = Repository.containing(files[0])
        head = repository.commit("HEAD")
        paths = [str(file.resolve()) for file in files]
        changed = repository.git("status", "--porcelain", "--untracked-files=all", "--", *paths)
    except UsageError:
        return None
    return None if changed.strip() else head


def _not_a_repository(data: Path, said: str) -> UsageError:
    """Why git would not read the repository around `data`, in git's words where it gave
    some: a repository another user owns (a CI checkout, a shared drive) is refused by git
    until the user allows it, which is not the same as no repository at all."""
    owned = re.search(r"dubious ownership in repository at '(.*)'", said)
    if owned:
        folder = owned.group(1)
        return UsageError(
            f"git refuses to read the repository at {printable(folder, one_line=True)}: "
            'it is owned by another user ("dubious ownership"); if you trust it, allow it '
            "with: git config --global --add safe.directory "
            + printable(shlex.quote(folder), one_line=True)
        )
    return UsageError(
        f"{data} is not inside a git repository: history needs one "
        "(dossier diff OLD.yaml NEW.yaml compares two files without git)"
    )


def is_yaml(path: str) -> bool:
    return path.endswith((".yaml", ".yml"))


class _BlobReader:
    def __init__(self, root: Path) -> None:
        try:
            self.process = subprocess.Popen(
                [*_GIT, "cat-file", "--batch"],
                cwd=root,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=_environment(),
            )
        except OSError as error:
            raise UsageError(f"git could not be started: {os_reason(error)}") from None

    def read(self, blob: str) -> bytes:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(blob.encode("ascii") + b"\n")
        self.process.stdin.flush()
        header = self.process.stdout.readline().split()
        if len(header) != 3:
            raise UsageError(f"git could not read the object {blob}")
        size = int(header[2])
        data = self.process.stdout.read(size + 1)
        return data[:size]

    def close(self) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.close()
        self.process.wait()
        self.process.stdout.close()


def _run(
    args: Sequence[str], *, cwd: Path, check: bool = True, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    try:
        result = subprocess.run(
            [*_GIT, *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            env=_environment(),
            check=False,
        )
    except FileNotFoundError:
        raise UsageError(
            "git is not installed: install git to read the dossier's history"
        ) from None
    except OSError as error:
        raise UsageError(f"git could not be started: {os_reason(error)}") from None
    if check and result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = message[-1] if message else f"exit status {result.returncode}"
        raise UsageError(f"git {args[0]}: {reason}")
    return result
