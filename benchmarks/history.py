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


def diff_repository(source: Path, repo: Path, every: int = 100) -> Path:
    """Two revisions of a file: one in `every` named records renamed (0: the first only)."""
    lines = source.read_bytes().split(b"\n")
    changed = list(lines)
    names = _name_lines(changed)
    for index in names[:: every or len(names)]:
        _renamed(changed, index, "(renamed)")
    _import(repo, [b"\n".join(lines), b"\n".join(changed)])
    return repo


_ID_LINE = re.compile(rb"^(  - id: [^\n]*)$", re.MULTILINE)


def every_record_repository(source: Path, repo: Path) -> Path:
    """Two revisions of a file in which every record changed: each has a field more."""
    raw = source.read_bytes()
    _import(repo, [raw, _ID_LINE.sub(rb"\1\n    revision: 2", raw)])
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
    source = generate(diff_records, work / f"d{diff_records}.yaml")
    diff_repo = diff_repository(source, work / "diff-repo")
    every_repo = every_record_repository(source, work / "every-repo")
    one_repo = diff_repository(source, work / "one-repo", every=0)
    small_repo = diff_repository(
        generate(diff_records // 10, work / f"d{diff_records // 10}.yaml"),
        work / "small-repo",
        every=0,
    )

    def diff_in(repo: Path, *options: str) -> tuple[list[str], dict[str, str]]:
        data = ["--data", str(repo / "data/clusters.yaml")]
        return [*dossier, *data, "diff", "HEAD~1", "HEAD", *options], env

    p11 = measure(
        {
            "ours": diff_in(diff_repo, "--format", "json"),
            "git": (["git", "-C", str(diff_repo), "diff", "HEAD~1", "HEAD"], env),
            "public": diff_in(diff_repo, "--format", "markdown"),
            "every": diff_in(every_repo, "--format", "json"),
            "one": diff_in(one_repo, "--format", "json"),
            "one small": diff_in(small_repo, "--format", "json"),
            "validate": (
                [*dossier, "validate", str(diff_repo / "data/clusters.yaml")],
                {**env, "DOSSIER_NO_CACHE": "1"},
            ),
        },
        runs=runs,
        cwd=work,
    )
    log_repo, record_id = log_repository(
        generate(log_records, work / f"d{log_records}.yaml"), work / "log-repo", commits
    )
    data = ["--data", "data/clusters.yaml"]
    p12 = measure(
        {
            "ours": ([*dossier, *data, "log", record_id, "--format", "json"], env),
            "git": (["git", "log", "-p", "--", "data/clusters.yaml"], env),
        },
        runs=max(1, runs // 2),
        cwd=log_repo,
    )
    return [
        ratio_row(
            "P11",
            f"diff, 2 revisions of {diff_records:,} records",
            p11["ours"],
            "git diff",
            p11["git"],
            10,
        ),
        # Every record's text changed: both versions are parsed, against one parsed and
        # validated.
        ratio_row(
            "P11a",
            "diff, every record changed",
            p11["every"],
            "validate one revision",
            p11["validate"],
            1.2,
        ),
        # One record changed: the cost follows the change, not the file.
        ratio_row(
            "P11s",
            f"diff, 1 record changed in {diff_records:,}",
            p11["one"],
            f"the same in {diff_records // 10:,}",
            p11["one small"],
            1.5,
        ),
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
