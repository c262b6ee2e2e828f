"""Shared fixtures: the sample data, a CLI runner with a fixed clock and width, data files."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.cli import app
from dossier.datafile.load import load
from dossier.datafile.loaded import LoadResult

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "clusters.yaml"
TODAY = dt.date(2026, 11, 25)
CLI_ENV = {
    "COLUMNS": "100",
    "DOSSIER_TODAY": TODAY.isoformat(),
    "NO_COLOR": "1",
    "TERM": "dumb",
    "TTY_COMPATIBLE": "1",  # views as on a terminal of COLUMNS; tests of pipes set it to 0
    "DOSSIER_NO_CACHE": "1",  # tests/datafile/test_cache.py turns it on where it is the subject
}


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DOSSIER_DATA", "DOSSIER_DEBUG", "DOSSIER_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DOSSIER_NO_CACHE", "1")


class Result:
    """What a user sees after one command: exit code, standard output, standard error."""

    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr

    def __repr__(self) -> str:
        return f"exit {self.exit_code}\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"


Run = Callable[..., Result]
Write = Callable[..., Path]
"""The `write` fixture: a data file under the test's folder from its text (and name)."""
EDITING_COMMANDS = frozenset({"set", "done", "add", "import", "fmt", "merge"})
"""Commands that write into the data: never run against the repository's sample."""


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Run:
    """Run `dossier ARGS` from an empty folder, against the sample data unless told otherwise."""
    monkeypatch.chdir(tmp_path)

    def invoke(
        *args: str,
        env: dict[str, str] | None = None,
        data: Path | None = SAMPLE,
        bug: bool = False,
    ) -> Result:
        """`bug`: the test provokes an internal error on purpose; otherwise none may occur,
        whatever input, template, path or environment the test gives."""
        if data == SAMPLE and args and args[0] in EDITING_COMMANDS:
            raise AssertionError("an editing command must be given a copy of the sample")
        argv = [*(["--data", str(data)] if data is not None else []), *args]
        runner = CliRunner()
        result = runner.invoke(app, argv, env={**CLI_ENV, **(env or {})}, catch_exceptions=False)
        if not bug:
            assert "This is a bug" not in result.stderr, result.stderr
        return Result(result.exit_code, result.stdout, result.stderr)

    return invoke


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a data file under the test's folder and return its path."""

    def write_file(text: str, name: str = "data.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write_file


@pytest.fixture(scope="session")
def sample() -> LoadResult:
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        return load([SAMPLE], TODAY)
    finally:
        os.chdir(cwd)
