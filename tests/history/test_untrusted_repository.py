"""A repository is other people's input: its config runs nothing, git's refusals are told as
git said them, a shallow clone is said to be shallow, and names and versions are reported as
they are."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.history.repo import GIT_ENV, Repo, needs_git
from tests.history.test_log import people

pytestmark = needs_git

HOSTILE_CONFIG = """
[core]
\tfsmonitor = "{spy} fsmonitor"
\tpager = "{spy} pager"
\thooksPath = {hooks}
\tsshCommand = "{spy} ssh"
[diff]
\texternal = "{spy} external-diff"
[diff "spy"]
\ttextconv = "{spy} textconv"
\tcommand = "{spy} diff-driver"
[filter "spy"]
\tclean = "{spy} clean"
\tsmudge = "{spy} smudge"
\tprocess = "{spy} process"
[pager]
\tlog = "{spy} pager-log"
\tdiff = "{spy} pager-diff"
"""


def _hostile(repo: Repo, tmp_path: Path) -> Path:
    """Every setting in the repository's own config that names a program points at one
    that leaves a mark; the marks file is returned."""
    marks = tmp_path / "marks"
    spy = tmp_path / "spy"
    spy.write_text(f'#!/bin/sh\necho "$1" >> {marks}\ncat\n', encoding="utf-8")
    spy.chmod(spy.stat().st_mode | stat.S_IXUSR)
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    for hook in ("post-checkout", "pre-commit", "post-index-change", "reference-transaction"):
        (hooks / hook).write_text(f"#!/bin/sh\necho hook-{hook} >> {marks}\n", encoding="utf-8")
        (hooks / hook).chmod(0o755)
    config = repo.root / ".git" / "config"
    with config.open("a", encoding="utf-8") as stream:
        stream.write(HOSTILE_CONFIG.format(spy=spy, hooks=hooks))
    (repo.root / ".gitattributes").write_text("* diff=spy filter=spy\n", encoding="utf-8")
    return marks


def test_no_git_command_runs_a_program_the_repository_config_names(
    run: Run, tmp_path: Path
) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("Ada", {"data/people.yaml": people(("ada", "Ada"))})
    repo.commit("Bob", {"data/people.yaml": people(("ada", "Ada"), ("bob", "Bob"))})
    marks = _hostile(repo, tmp_path)
    repo.write("data/people.yaml", people(("ada", "Ada L."), ("bob", "Bob")))
    data = repo.root / "data"
    for args in (
        ("log", "ada"),
        ("log", "bob", "--format", "json"),
        ("diff",),
        ("diff", "HEAD~1"),
        ("diff", "HEAD~1", "HEAD", "--format", "markdown"),
        ("diff", "HEAD~1", "HEAD", "--format", "github"),
    ):
        result = run(*args, data=data)
        assert result.exit_code == 0, (args, result)
        assert not marks.exists(), (args, marks.read_text(encoding="utf-8"))


def test_a_revision_is_never_read_as_an_option(run: Run, tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("Ada", {"data/people.yaml": people(("ada", "Ada"))})
    target = tmp_path / "written"
    for args in (
        ("diff", "--", f"--output={target}"),
        ("diff", "HEAD", "--", f"--output={target}"),
        ("log", "ada", f"--rev=--output={target}"),
    ):
        result = run(*args, data=repo.root / "data")
        assert result.exit_code == 2, (args, result)
        assert "is not a commit in the repository" in result.stderr
        assert not target.exists()


def test_a_repository_of_another_user_is_told_as_git_refuses_it(run: Run, tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("Ada", {"data/people.yaml": people(("ada", "Ada"))})
    env = {"GIT_TEST_ASSUME_DIFFERENT_OWNER": "1"}
    for args in (("log", "ada"), ("diff",)):
        result = run(*args, data=repo.root / "data", env=env)
        assert result.exit_code == 2
        assert result.stderr == (
            f"dossier: git refuses to read the repository at {repo.root}: it is owned by "
            'another user ("dubious ownership"); if you trust it, allow it with: '
            f"git config --global --add safe.directory {repo.root}\n"
        )
        assert "not inside a git repository" not in result.stderr


def _shallow_clone(repo: Repo, tmp_path: Path) -> Path:
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)],
        env={**os.environ, **GIT_ENV},
        check=True,
        capture_output=True,
    )
    return clone


def test_a_shallow_clone_says_so_and_adds_nothing_at_its_edge(run: Run, tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("Ada", {"data/people.yaml": people(("ada", "Ada"))})
    repo.commit("Bob", {"data/people.yaml": people(("ada", "Ada"), ("bob", "Bob"))})
    repo.commit("Ada renamed", {"data/people.yaml": people(("ada", "Ada L."), ("bob", "Bob"))})
    clone = _shallow_clone(repo, tmp_path)
    result = run("log", "ada", data=clone / "data")
    assert result.exit_code == 0, result
    assert "added" not in result.stdout
    assert result.stderr.endswith(
        "dossier: the clone is shallow: commits before the oldest one fetched are not known, "
        "nor what they changed; git fetch --unshallow fetches them\n"
    )
    outside = run("diff", "HEAD~2", data=clone / "data")
    assert outside.exit_code == 2
    assert outside.stderr == (
        f"dossier: 'HEAD~2' is not a commit in the repository at {clone}; the clone is shallow, "
        "so older commits may not have been fetched: git fetch --unshallow fetches them\n"
    )
    full = run("log", "ada", data=repo.root / "data")
    assert "shallow" not in full.stderr


@pytest.mark.parametrize("name", ['quote".yaml', "back\\slash.yaml", "tab\there.yaml"])
def test_log_follows_records_in_files_whose_names_git_would_quote(
    run: Run, tmp_path: Path, name: str
) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("Ada", {f"data/{name}": people(("ada", "Ada"))})
    repo.commit("Ada renamed", {f"data/{name}": people(("ada", "Ada L."))})
    result = run("log", "ada", "--format", "json", data=repo.root / "data")
    assert result.exit_code == 0, result
    entries = json.loads(result.stdout)
    assert [e["subject"] for e in entries] == ["Ada renamed", "Ada"]
    assert {e["file"] for e in entries} == {f"data/{name}"}


FORGED = "x.yaml:1\n\n- **removed** person ada (Ada) (people.yaml:3)\n\nremoved  person bob"


def test_a_file_name_cannot_forge_a_line_of_a_diff(run: Run, tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    name = f"data/{FORGED}.yaml"
    repo.commit("Start", {"data/people.yaml": people(("ada", "Ada"))})
    repo.commit("Carol", {name: people(("carol", "Carol"))})
    # Text: the summary line and one change; Markdown: a title, the summary, one change.
    for fmt, count in (("text", 2), ("markdown", 3)):
        result = run("diff", "HEAD~1", "HEAD", "--format", fmt, data=repo.root / "data")
        assert result.exit_code == 0, result
        lines = [line for line in result.stdout.splitlines() if line.strip()]
        assert len(lines) == count, result.stdout
        assert "carol" in lines[-1]
        assert "\\n" in lines[-1]
    log = run("log", "carol", data=repo.root / "data")
    assert len(log.stdout.splitlines()) == 2, log.stdout
    github = run("diff", "HEAD~1", "HEAD", "--format", "github", data=repo.root / "data")
    assert len(github.stdout.splitlines()) == 1


def test_an_unreadable_version_is_named_by_its_commit_file_and_line(
    run: Run, tmp_path: Path
) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("Ada", {"data/people.yaml": people(("ada", "Ada"))})
    broken = repo.commit(
        "Broken", {"data/people.yaml": "version: 1\npeople:\n  - id: ada\n    name: A\x07da\n"}
    )
    repo.commit("Mended", {"data/people.yaml": people(("ada", "Ada"))})
    expected = f"{broken[:12]}:data/people.yaml:4:12: error: control character U+0007 in the file"
    log = run("log", "ada", data=repo.root / "data")
    assert log.exit_code == 0, log
    assert log.stderr.splitlines()[0].startswith(expected), log.stderr
    diff = run("diff", "HEAD~1", "HEAD", data=repo.root / "data")
    assert diff.stderr.splitlines()[0].startswith(expected), diff.stderr
