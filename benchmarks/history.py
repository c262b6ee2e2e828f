"""P11, P12: `dossier diff` and `dossier log` against git showing the same history; P11p the
diff for a pull request, which validates and redacts both versions for the public.

git compares lines; dossier has to read the YAML of both versions to compare records field
by field, so `git diff` and `git log -p` are the floor, not a rival. The repositories are
built with one `git fast-import` each, so that building them takes seconds.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
_NAME = re.compile(rb'^    name: "(.*)"$')


def _name_lines(lines: list[bytes]) -> list[int]:
    """The index of each record's `name:` line (records written by generate.py)."""
    return [i for i, line in enumerate(lines) if _NAME.match(line)]


def _import(repo: Path, versions: Sequence[bytes], file: str = "data/clusters.yaml") -> None:
    """A repository whose history holds `versions` of one file, one commit each."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True, env=_env())
    stream = bytearray()
    for number, content in enumerate(versions):
        message = f"Edit {number}".encode()
        stream += b"commit refs/heads/main\n"
        stream += b"committer Bench <bench@example.org> %d +0000\n" % (1_700_000_000 + number * 60)
        stream += b"data %d\n%s\n" % (len(message), message)
        stream += b"M 100644 inline %s\ndata %d\n%s\n" % (file.encode(), len(content), content)
    subprocess.run(
        ["git", "fast-import", "--quiet"], input=bytes(stream), cwd=repo, check=True, env=_env()
    )
    subprocess.run(["git", "checkout", "-q", "main"], cwd=repo, check=True, env=_env())


def _env() -> dict[str, str]:
    return {**os.environ, **GIT_ENV}


def _renamed(lines: list[bytes], index: int, suffix: str) -> None:
    match = _NAME.match(lines[index])
    assert match is not None
    lines[index] = b'    name: "%s %s"' % (match[1], suffix.encode())


def diff_repository(source: Path, repo: Path) -> Path:
    """Two revisions of a file: one in a hundred records renamed, and ten removed."""
    lines = source.read_bytes().split(b"\n")
    changed = list(lines)
    names = _name_lines(changed)
    for index in names[::100]:
        _renamed(changed, index, "(renamed)")
    _import(repo, [b"\n".join(lines), b"\n".join(changed)])
    return repo


def log_repository(source: Path, repo: Path, commits: int) -> tuple[Path, str]:
    """`commits` revisions, each renaming one record; one record is renamed every 200th
    commit (what `log` is asked about)."""
    lines = source.read_bytes().split(b"\n")
    names = _name_lines(lines)
    target = names[len(names) // 2]
    versions = [b"\n".join(lines)]
    for number in range(1, commits):
        index = target if number % 200 == 0 else names[(number * 7) % len(names)]
        _renamed(lines, index, str(number))
        versions.append(b"\n".join(lines))
    _import(repo, versions)
    record_id = lines[target - 1].split(b"id: ")[1].decode()
    return repo, record_id


def history_rows(
    work: Path,
    dossier: Sequence[str],
    generate: Callable[[int, Path], Path],
    measure: Callable[..., dict[str, Any]],
    ratio_row: Callable[..., Any],
    env: dict[str, str],
    *,
    runs: int,
    quick: bool,
) -> list[Any]:
    diff_records, log_records, commits = (1_000, 200, 50) if quick else (10_000, 2_000, 1_000)
    diff_repo = diff_repository(
        generate(diff_records, work / f"d{diff_records}.yaml"), work / "diff-repo"
    )
    data = ["--data", "data/clusters.yaml"]
    p11 = measure(
        {
            "ours": ([*dossier, *data, "diff", "HEAD~1", "HEAD", "--format", "json"], env),
            "git": (["git", "diff", "HEAD~1", "HEAD"], env),
            "public": (
                [*dossier, *data, "diff", "HEAD~1", "HEAD", "--format", "markdown"],
                env,
            ),
            "validate": (
                [*dossier, "validate", "data/clusters.yaml"],
                {**env, "DOSSIER_NO_CACHE": "1"},
            ),
        },
        runs=runs,
        cwd=diff_repo,
    )
    log_repo, record_id = log_repository(
        generate(log_records, work / f"d{log_records}.yaml"), work / "log-repo", commits
    )
    p12 = measure(
        {
            "ours": ([*dossier, *data, "log", record_id, "--format", "json"], env),
            "git": (["git", "log", "-p", "--", "data/clusters.yaml"], env),
        },
        runs=max(1, runs // 2),
        cwd=log_repo,
    )
    # Two versions read against one validated: at most twice the work.
    validate_row = ratio_row(
        "P11v", "diff, as above", p11["ours"], "validate one revision", p11["validate"], 2
    )
    return [
        ratio_row(
            "P11",
            f"diff, 2 revisions of {diff_records:,} records",
            p11["ours"],
            "git diff",
            p11["git"],
            40,
        ),
        validate_row,
        # Each version's records validated and redacted: twice a validation, and the diff.
        ratio_row(
            "P11p",
            "diff --format markdown (public)",
            p11["public"],
            "validate one revision",
            p11["validate"],
            3,
        ),
        ratio_row(
            "P12",
            f"log, {commits:,} commits of {log_records:,} records",
            p12["ours"],
            "git log -p",
            p12["git"],
            3,
        ),
    ]
