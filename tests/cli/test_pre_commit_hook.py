"""The pre-commit hook, run for real by `pre-commit try-repo` in throwaway git repositories."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE
from tests.programs import needs_program

pytestmark = [needs_program("git"), pytest.mark.slow]

BAD = "clusters:\n  - {id: a, name: A, contry: JP}\n"


def _git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This project as a hook repository, committed as it is in the working tree now."""
    repo = tmp_path_factory.mktemp("hook-repo")
    for name in (".pre-commit-hooks.yaml", "pyproject.toml", "README.md", "src", "data"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, repo / name)
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "hook")
    return repo


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def _try_repo(
    hook_repo: Path,
    pre_commit_home: Path,
    files: dict[str, str],
    tmp_path: Path,
    hook: str = "dossier-validate",
) -> subprocess.CompletedProcess[str]:
    user = tmp_path / "user-repo"
    user.mkdir()
    for name, text in files.items():
        (user / name).parent.mkdir(parents=True, exist_ok=True)
        (user / name).write_text(text, encoding="utf-8")
    _git(user, "init", "-q")
    _git(user, "add", ".")
    executable = shutil.which("pre-commit")
    assert executable, "pre-commit is a test dependency"
    env = {**os.environ, "PRE_COMMIT_HOME": str(pre_commit_home), "NO_COLOR": "1"}
    env.pop("DOSSIER_DATA", None)
    return subprocess.run(
        [executable, "try-repo", str(hook_repo), hook, "--all-files"],
        cwd=user,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_the_hook_passes_good_data(hook_repo: Path, pre_commit_home: Path, tmp_path: Path) -> None:
    files = {"data/clusters.yaml": SAMPLE.read_text(encoding="utf-8")}
    result = _try_repo(hook_repo, pre_commit_home, files, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "dossier validate" in result.stdout and "Passed" in result.stdout


def test_the_hook_fails_bad_data_naming_file_line_and_field(
    hook_repo: Path, pre_commit_home: Path, tmp_path: Path
) -> None:
    result = _try_repo(hook_repo, pre_commit_home, {"data/clusters.yaml": BAD}, tmp_path)
    assert result.returncode == 1
    assert "Failed" in result.stdout
    assert "data/clusters.yaml:2:22: error: a contry: unknown field 'contry'" in result.stdout


def test_the_hook_fails_where_the_data_is_not_where_it_looks(
    hook_repo: Path, pre_commit_home: Path, tmp_path: Path
) -> None:
    files = {"partners/dossier.yaml": SAMPLE.read_text(encoding="utf-8")}
    result = _try_repo(hook_repo, pre_commit_home, files, tmp_path)
    assert result.returncode == 1
    assert (
        "dossier: no data found; looked at --data, $DOSSIER_DATA, ./data/clusters.yaml"
        in result.stdout
    )


def test_the_layout_hook_checks_the_data_and_no_other_yaml(
    hook_repo: Path, pre_commit_home: Path, tmp_path: Path
) -> None:
    files = {
        "data/clusters.yaml": SAMPLE.read_text(encoding="utf-8") + "\n\n",
        "notes/extra.yaml": "people:\n  - {id: a, name: A}   \n\n\n",
        ".github/workflows/ci.yml": "on: push   \n\n\n",
    }
    result = _try_repo(hook_repo, pre_commit_home, files, tmp_path, hook="dossier-fmt")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "data/clusters.yaml: not in layout:" in result.stdout
    assert "extra.yaml" not in result.stdout and "ci.yml" not in result.stdout
