"""Every OS error on a path the user gave, and every error of standard output, is one clear
line with the path and the system's reason: never "internal error … This is a bug"."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_bad_inputs import _without_permission_override
from tests.conftest import SAMPLE, Run

DOSSIER = [sys.executable, "-m", "dossier"]


def _run(*args: str, cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DOSSIER_NO_CACHE": "1", "NO_COLOR": "1"}
    kwargs.setdefault("stdout", subprocess.PIPE)
    result: subprocess.CompletedProcess[str] = subprocess.run(
        [*DOSSIER, *args],
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        env=env,
        check=False,
        timeout=120,
        **kwargs,  # type: ignore[call-overload]
    )
    return result


def test_a_name_too_long_is_a_usage_error(run: Run) -> None:
    result = run("validate", "a" * 300 + ".yaml", data=None)
    assert (result.exit_code, result.stderr) == (
        2,
        f"dossier: {'a' * 300}.yaml: File name too long\n",
    )


def test_an_unreadable_folder_inside_the_data_is_an_error(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "locked").mkdir(parents=True)
    shutil.copy(SAMPLE, data / "main.yaml")
    (data / "locked").chmod(0)
    try:
        result = _run("validate", str(data), cwd=tmp_path, preexec_fn=_without_permission_override)
    finally:
        (data / "locked").chmod(0o755)
    if result.returncode == 77:
        pytest.skip("this machine does not let a process give up capabilities")
    assert result.returncode == 2, result
    assert result.stderr == (
        f"dossier: {data / 'locked'}: cannot read this folder (Permission denied)\n"
    )


def test_a_file_name_that_is_not_utf8_is_shown_by_its_bytes(tmp_path: Path) -> None:
    folder = tmp_path.as_posix().encode()
    bad = folder + b"/M\xfcnchen.yaml"
    fd = os.open(bad, os.O_WRONLY | os.O_CREAT, 0o644)
    os.write(fd, b"clusters: 5\n")
    os.close(fd)
    result = _run("validate", tmp_path.as_posix(), cwd=tmp_path)
    assert result.returncode == 1, result
    assert "M\\xfcnchen.yaml:1:11: error: clusters:" in result.stdout
    assert "This is a bug" not in result.stderr


def test_no_home_folder_means_no_cache_not_a_crash(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DOSSIER_NO_CACHE")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    result = run("show", "kawasaki", env={"DOSSIER_NO_CACHE": ""})
    assert result.exit_code == 0, result


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "-o", ""], "dossier: -o: the path is empty\n"),
        (["brief", "kawasaki", "-o", ""], "dossier: -o: the path is empty\n"),
        (["schema", "-o", ""], "dossier: -o: the path is empty\n"),
        (["init", ""], "dossier: init: the path is empty\n"),
    ],
)
def test_an_empty_output_path_is_a_usage_error(run: Run, args: list[str], message: str) -> None:
    result = run(*args)
    assert (result.exit_code, result.stderr) == (2, message)


@pytest.mark.parametrize("args", [["show", "kawasaki"], ["export"], ["list"]])
def test_a_full_standard_output_is_one_line_and_exit_1(tmp_path: Path, args: list[str]) -> None:
    with Path("/dev/full").open("w") as full:
        result = _run("--data", str(SAMPLE), *args, cwd=tmp_path, stdout=full)
    assert result.returncode == 1
    assert result.stderr == "dossier: cannot write to standard output (No space left on device)\n"


@pytest.mark.parametrize("args", [["show", "kawasaki"], ["export"]])
def test_a_closed_standard_output_is_one_line_and_exit_1(tmp_path: Path, args: list[str]) -> None:
    command = [*DOSSIER, "--data", str(SAMPLE), *args]
    result = subprocess.run(
        ["bash", "-c", 'exec "$@" >&-', "_", *command],
        capture_output=False,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        check=False,
        env={**os.environ, "DOSSIER_NO_CACHE": "1"},
    )
    assert result.returncode == 1
    assert result.stderr == "dossier: cannot write to standard output (it is closed)\n"
