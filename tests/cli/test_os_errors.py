"""Every OS error on a path the user gave, and every error of standard output, is one clear
line with the path and the system's reason: never "internal error … This is a bug"."""

from __future__ import annotations

import os
import pwd
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
    monkeypatch.delenv("HOME", raising=False)

    def no_such_user(uid: int) -> None:
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.setattr(pwd, "getpwuid", no_such_user)
    result = run("show", "kawasaki", env={"DOSSIER_NO_CACHE": ""})
    assert result.exit_code == 0, result
    assert list(Path.cwd().iterdir()) == [], "no `~` folder where the command ran"


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


def _as_an_ordinary_user() -> None:
    """In the child: no power to ignore permissions, nor the sticky bit (CAP_FOWNER)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop = 24
    for capability in (1, 2, 3):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
        if libc.prctl(pr_capbset_drop, capability, 0, 0, 0) != 0:
            os._exit(77)


def _skip_unless_ordinary(result: subprocess.CompletedProcess[str]) -> None:
    if result.returncode == 77:
        pytest.skip("this machine does not let a process give up capabilities")


@pytest.mark.skipif(os.geteuid() != 0, reason="runs as root and gives up root's file powers")
def test_force_over_another_users_file_in_a_sticky_folder_is_one_line(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    theirs = shared / "export.json"
    theirs.write_text("theirs\n", encoding="utf-8")
    os.chown(theirs, 65534, 65534)
    os.chown(shared, 65534, 65534)
    shared.chmod(0o1777)
    result = _run(
        "--data",
        str(SAMPLE),
        "export",
        "-o",
        str(theirs),
        "--force",
        cwd=tmp_path,
        preexec_fn=_as_an_ordinary_user,
    )
    _skip_unless_ordinary(result)
    assert result.returncode == 2, result
    assert result.stderr == (
        f"dossier: {theirs}: cannot write the file (Operation not permitted)\n"
    )
    assert sorted(p.name for p in shared.iterdir()) == ["export.json"]
    assert theirs.read_text(encoding="utf-8") == "theirs\n"


@pytest.mark.skipif(os.geteuid() != 0, reason="runs as root and gives up root's file powers")
@pytest.mark.parametrize("option", ["-o", "--template"])
def test_a_path_in_a_folder_one_may_not_enter_is_one_line(tmp_path: Path, option: str) -> None:
    locked = tmp_path / "locked"
    (locked / "in").mkdir(parents=True)
    locked.chmod(0o700)
    os.chown(locked, 65534, 65534)
    target = locked / "in" / "briefing.docx"
    result = _run(
        "--data",
        str(SAMPLE),
        "brief",
        "kawasaki",
        option,
        str(target),
        cwd=tmp_path,
        preexec_fn=_as_an_ordinary_user,
    )
    _skip_unless_ordinary(result)
    assert result.returncode == 2, result
    assert result.stderr.splitlines()[-1] == f"dossier: {target}: Permission denied"
    assert "internal error" not in result.stderr


@pytest.mark.parametrize("option", ["-o", "--template"])
def test_a_name_over_the_limit_as_output_or_template_is_one_line(
    run: Run, tmp_path: Path, option: str
) -> None:
    name = tmp_path / ("b" * 300 + ".docx")
    result = run("brief", "kawasaki", option, str(name))
    assert result.exit_code == 2, result
    assert result.stderr.splitlines()[-1] == f"dossier: {name}: File name too long"
    assert list(tmp_path.iterdir()) == []


def test_the_default_briefing_name_of_a_long_id_is_shortened(run: Run, tmp_path: Path) -> None:
    long_id = "k" * 250
    data = tmp_path / "d.yaml"
    data.write_text(
        f"version: 1\nhome: home\nclusters:\n  - id: home\n    name: Home\n"
        f"  - id: {long_id}\n    name: There\n",
        encoding="utf-8",
    )
    result = run("brief", long_id, "--format", "md", data=data)
    assert result.exit_code == 0, result
    (written,) = [p for p in tmp_path.iterdir() if p.name.startswith("briefing-")]
    assert written.name == f"briefing-{'k' * 80}-2026-11-25.md"


@pytest.mark.parametrize("slash", ["/", os.sep])
def test_init_of_a_name_ending_in_a_slash_makes_a_folder(
    run: Run, tmp_path: Path, slash: str
) -> None:
    result = run("init", f"newdir{slash}", data=None)
    assert result.exit_code == 0, result
    assert (tmp_path / "newdir" / "clusters.yaml").is_file()
    again = run("init", "newdir", data=None)
    assert again.exit_code == 2
    assert again.stderr == (
        f"dossier: {Path('newdir', 'clusters.yaml')}: already exists; init never overwrites a file\n"
    )
