"""Run from a subfolder of a repository, `dossier` finds the data as git finds its files, and
GitHub annotations name files from the repository's root, where GitHub places them."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.programs import needs_program

BAD = "clusters:\n  - {id: a, name: A, contry: JP, sources: [s]}\nsources: [{id: s, title: S}]\n"


def _repository(root: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / "data").mkdir()
    (root / "data" / "clusters.yaml").write_text(BAD, encoding="utf-8")
    (root / "docs" / "notes").mkdir(parents=True)
    return root / "docs" / "notes"


@needs_program("git")
def test_a_subfolder_of_a_repository_finds_the_data_at_its_root(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(_repository(tmp_path / "repo"))
    text = run("validate", data=None)
    assert text.exit_code == 1
    assert text.stdout.startswith("../../data/clusters.yaml:2:22: error: a contry:")
    github = run("validate", "--format", "github", data=None)
    assert github.stdout == (
        "::error file=data/clusters.yaml,line=2,col=22,title=dossier a contry::"
        "unknown field 'contry' (hint: did you mean 'country'?)\n"
    )


@needs_program("git")
def test_annotations_name_files_from_the_root_whatever_path_was_given(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = _repository(tmp_path / "repo")
    monkeypatch.chdir(notes)
    by_path = run("validate", "../../data", "--format", "github", data=None)
    assert by_path.stdout.startswith("::error file=data/clusters.yaml,line=2,")
    monkeypatch.chdir(tmp_path)
    absolute = run("validate", str(tmp_path / "repo" / "data"), "--format", "github", data=None)
    assert absolute.stdout.startswith("::error file=data/clusters.yaml,line=2,")


def test_outside_a_repository_no_folder_above_is_searched(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "clusters.yaml").write_text(BAD, encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    result = run("validate", data=None)
    assert result.exit_code == 2
    assert "no data found" in result.stderr


@needs_program("git")
def test_the_search_stops_at_the_repository_root(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "clusters.yaml").write_text(BAD, encoding="utf-8")
    inner = tmp_path / "inner"
    subprocess.run(["git", "init", "-q", str(inner)], check=True)
    (inner / "sub").mkdir()
    monkeypatch.chdir(inner / "sub")
    result = run("validate", data=None)
    assert result.exit_code == 2
    assert "no data found" in result.stderr
