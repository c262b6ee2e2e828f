"""A data file whose name is not UTF-8 (written on another system, or by an old tool) works
with every command, with the cache and without, and its name is shown escaped."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, Run
from tests.history.repo import Repo, needs_git

LATIN_1_NAME = os.fsdecode(b"caf\xe9.yaml")
SHOWN = "caf\\xe9.yaml"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    repo = Repo(tmp_path / "repo")
    data = repo.root / "data"
    data.mkdir()
    shutil.copy(SAMPLE, data / LATIN_1_NAME)
    repo.commit("Start")
    return data


COMMANDS = [
    ("show", "kawasaki"),
    ("list", "people"),
    ("search", "Kawasaki"),
    ("timeline",),
    ("follow-ups",),
    ("stale",),
    ("export", "--format", "json"),
    ("export", "--format", "ics"),
    ("brief", "kawasaki", "--format", "md", "-o", "-"),
    ("validate",),
    ("fmt", "--check"),
    ("set", "kawasaki", "name.en", "King Skyfront Hub"),
]


@needs_git
@pytest.mark.parametrize("cache", ["on", "off"])
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_command_reads_a_file_whose_name_is_not_utf8(
    run: Run, folder: Path, cache: str, args: tuple[str, ...]
) -> None:
    env = {"DOSSIER_NO_CACHE": "1"} if cache == "off" else {}
    for _ in range(2):  # the second run reads the cache the first one wrote
        result = run(*args, data=folder, env=env)
        assert result.exit_code in (0, 1), result  # 1: validate --strict-free warnings only
        assert "internal error" not in result.stderr
    if args[0] in ("validate", "set"):
        assert SHOWN in result.stdout + result.stderr


@needs_git
def test_history_reads_a_file_whose_name_is_not_utf8(run: Run, folder: Path) -> None:
    log = run("log", "kawasaki", data=folder)
    assert log.exit_code == 0, log
    assert f"added cluster kawasaki (King Skyfront)  data/{SHOWN}:" in log.stdout
    assert run("set", "--apply", "kawasaki", "name.en", "Kawa", data=folder).exit_code == 0
    diff = run("diff", data=folder)
    line = SAMPLE.read_text("utf-8").splitlines().index("  - id: kawasaki") + 1
    assert f"changed  cluster kawasaki (Kawa)  data/{SHOWN}:{line}" in diff.stdout, diff
