"""Every bad input gets a one-line answer naming file, line and field; nothing is written.

Each file in tests/bad_inputs/ holds one fault. The test copies it into an empty folder,
asks for an export to a file, and checks the exit code, the first line on standard error,
that no traceback appears and that no output file was left behind.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, Run

BAD_INPUTS = Path(__file__).resolve().parents[1] / "bad_inputs"

FIRST_ERROR = {
    "syntax-unclosed-bracket.yaml": "syntax-unclosed-bracket.yaml:4:1: error: YAML syntax error: did not find expected ',' or ']'",
    "syntax-bad-indent.yaml": "syntax-bad-indent.yaml:3:4: error: YAML syntax error: did not find expected '-' indicator",
    "syntax-tab-indent.yaml": "syntax-tab-indent.yaml:2:1: error: a TAB is used for indentation; YAML indents with spaces only",
    "syntax-unclosed-quote.yaml": "syntax-unclosed-quote.yaml:4:1: error: YAML syntax error: found unexpected end of stream",
    "syntax-key-after-list.yaml": "syntax-key-after-list.yaml:4:3: error: YAML syntax error: did not find expected '-' indicator",
    "empty.yaml": "empty.yaml:1:1: error: the file holds no data",
    "only-comments.yaml": "only-comments.yaml:1:1: error: the file holds no data",
    "top-level-list.yaml": "top-level-list.yaml:1:1: error: the top level must be a mapping of sections (clusters:, people:, …)",
    "top-level-scalar.yaml": "top-level-scalar.yaml:1:1: error: the top level must be a mapping of sections (clusters:, people:, …)",
    "null-record.yaml": "null-record.yaml:5:5: error: clusters[1]: record 2 of clusters is empty",
    "duplicate-key.yaml": "duplicate-key.yaml:4:5: error: a name: duplicate key 'name'",
    "duplicate-section.yaml": "duplicate-section.yaml:3:1: error: sources: duplicate key 'sources'",
    "duplicate-id.yaml": "duplicate-id.yaml:4:10: error: a id: duplicate id 'a'",
    "dangling-reference.yaml": "dangling-reference.yaml:2:34: error: a managed_by: 'biomm' is not a known organisation",
    "missing-id.yaml": "missing-id.yaml:2:5: error: clusters[0] id: missing required field 'id'",
    "wrong-type-text-for-list.yaml": "wrong-type-text-for-list.yaml:2:29: error: a focus: expected a list, got the text 'nanomedicine'",
    "wrong-type-list-for-text.yaml": "wrong-type-list-for-text.yaml:2:19: error: a name: expected text or a mapping, got a list",
    "impossible-date.yaml": "impossible-date.yaml:2:29: error: e date: '2017-02-30' is not a real calendar date",
    "free-text-date.yaml": "free-text-date.yaml:2:29: error: e date: 'early spring 2017' is not a date: write 2017, 2017-02 or 2017-02-14",
    "misspelled-field.yaml": "misspelled-field.yaml:2:22: error: a contry: unknown field 'contry'",
    "misspelled-section.yaml": "misspelled-section.yaml:1:1: error: organizations: unknown section 'organizations'",
    "yaml11-yes-is-text.yaml": "yaml11-yes-is-text.yaml:5:39: error: e follow_ups[0].done: expected true or false, got the text 'yes'",
    "alias-bomb.yaml": "alias-bomb.yaml:5:8: error: e[0]: aliases expand to more than 10,000 values",
    "python-tag.yaml": "python-tag.yaml:3:11: error: a name: the tag !!python/object/apply:os.system is not allowed: a data file holds plain data only",
    "control-character.yaml": "control-character.yaml:3:11: error: a name: control character U+0007 in text",
    "latin1.yaml": "latin1.yaml:2:20: error: m: the file is not UTF-8 text (byte 0xFC)",
    "utf16.yaml": "utf16.yaml:1:1: error: the file is not UTF-8 text (byte 0xFF)",
    "binary.yaml": "binary.yaml:1:1: error: the file is not UTF-8 text (byte 0x89)",
    "merge-key.yaml": "merge-key.yaml:3:5: error: b name: missing required field 'name'",
    "number-key.yaml": "number-key.yaml:2:22: error: a 1: unknown field '1'",
    "deep-nesting.yaml": "deep-nesting.yaml:1:1010: error: the data is nested too deeply",
    "block-deep-nesting.yaml": "block-deep-nesting.yaml:4:250: error: clusters[0] [0].x.a…a.a: the data is nested deeper than 64 levels",
}
VALID = ["valid-bom-crlf.yaml", "valid-yaml11-traps.yaml", "valid-1mb-string.yaml"]


def test_every_file_is_covered() -> None:
    files = {p.name for p in BAD_INPUTS.iterdir()}
    assert files == set(FIRST_ERROR) | set(VALID)


@pytest.mark.parametrize("name", sorted(FIRST_ERROR))
def test_bad_input(run: Run, tmp_path: Path, name: str) -> None:
    shutil.copy(BAD_INPUTS / name, tmp_path / name)
    result = run("export", "-o", "out.json", data=Path(name))
    assert result.exit_code == 1, result
    assert result.stderr.splitlines()[0] == FIRST_ERROR[name]
    assert result.stderr.splitlines()[-1].startswith("dossier: stopped: the data has ")
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


@pytest.mark.parametrize("name", VALID)
def test_valid_but_unusual_input(run: Run, tmp_path: Path, name: str) -> None:
    shutil.copy(BAD_INPUTS / name, tmp_path / name)
    result = run("validate", data=Path(name))
    assert result.exit_code == 0, result
    assert result.stderr == "0 errors, 0 warnings in 1 file\n"


def test_yaml_1_1_traps_keep_their_text(run: Run, tmp_path: Path) -> None:
    shutil.copy(BAD_INPUTS / "valid-yaml11-traps.yaml", tmp_path / "d.yaml")
    out = run("show", "oslo", data=Path("d.yaml")).stdout
    assert "Country        NO" in out
    assert "yes, on, off, y, n" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--data", "missing.yaml", "validate"], "dossier: missing.yaml: no such file or folder"),
        (
            ["--data", "empty-folder", "validate"],
            "dossier: empty-folder: no .yaml or .yml files in this folder",
        ),
        (["--data", "pipe.yaml", "validate"], "dossier: pipe.yaml: not a file or folder"),
    ],
)
def test_unusable_data_paths(run: Run, tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "empty-folder").mkdir()
    os.mkfifo(tmp_path / "pipe.yaml")  # reading it would block forever
    result = run(*args, data=None)
    assert result.exit_code == 2
    assert result.stderr == message + "\n"


def test_a_file_over_the_size_limit(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("dossier.datafile.load.MAX_FILE_BYTES", 1024 * 1024)
    (tmp_path / "big.yaml").write_text("notes: " + "x" * (1024 * 1024 + 1))
    result = run("validate", data=Path("big.yaml"))
    assert result.exit_code == 1
    assert result.stdout.startswith("big.yaml: error: the file is larger than 1 MiB")


def test_rich_markup_and_escape_codes_in_data_print_literally(run: Run, tmp_path: Path) -> None:
    (tmp_path / "d.yaml").write_text(
        "clusters:\n  - id: x\n    name: '[red]x[/red] [/] [link=file:///etc/passwd]'\n"
        "    focus: ['[bold]', \"\\e[31m\"]\n    sources: [s]\nsources: [{id: s, title: S}]\n"
    )
    result = run("list", data=Path("d.yaml"))
    assert result.exit_code == 1  # the escape character is a control character: refused
    result = run("show", "x", data=Path("d.yaml"))
    assert "control character U+001B" in result.stderr


def test_markup_in_every_view(run: Run, tmp_path: Path) -> None:
    (tmp_path / "d.yaml").write_text(
        "clusters:\n  - id: x\n    name: '[red]x[/red] [/]'\n    focus: ['[bold]']\n    sources: [s]\n"
        "sources: [{id: s, title: '[/i]'}]\n"
    )
    for args in (["show", "x"], ["list"], ["search", "red"], ["timeline"], ["show", "s"]):
        result = run(*args, data=Path("d.yaml"))
        assert result.exit_code == 0, result
    assert "[red]x[/red] [/]" in run("list", data=Path("d.yaml")).stdout


# --- outputs -----------------------------------------------------------------------------


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "out.json").write_text("old")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    result = run("export", "-o", "out.json", "--force")
    assert result.exit_code == 2
    assert result.stderr == "dossier: out.json: cannot write the file (No space left on device)\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]
    assert (tmp_path / "out.json").read_text() == "old"


def test_an_interrupted_run_leaves_no_partial_file(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    result = run("export", "-o", "out.json")
    assert result.exit_code != 0
    assert list(tmp_path.iterdir()) == []


def _without_permission_override() -> None:
    """In the child: give up root's power to ignore file permissions, as an ordinary user has.

    Dropping CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the bounding set means the program
    run next has neither, so a folder without write permission refuses it like anyone else.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop, cap_dac_override, cap_dac_read_search = 24, 1, 2
    for capability in (cap_dac_override, cap_dac_read_search):
        if libc.prctl(pr_capbset_drop, capability, 0, 0, 0) != 0:
            os._exit(77)


@pytest.mark.skipif(os.geteuid() != 0, reason="runs as root and gives up root's file powers")
def test_an_unwritable_folder_gives_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir(mode=0o555)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "dossier",
            "--data",
            str(SAMPLE),
            "export",
            "-o",
            str(folder / "out.json"),
        ],
        capture_output=True,
        text=True,
        preexec_fn=_without_permission_override,
        check=False,
    )
    if result.returncode == 77:
        pytest.skip("this machine does not let a process give up capabilities")
    assert result.returncode == 2, result.stderr
    assert (
        result.stderr == f"dossier: {folder / 'out.json'}: cannot write here (Permission denied)\n"
    )
    assert list(folder.iterdir()) == []


def _large_dossier(folder: Path) -> Path:
    """A valid dossier whose views and exports are far larger than a pipe holds."""
    lines = ["clusters:"]
    lines += [
        f"  - {{id: c{i}, name: Cluster {i}, city: Kawasaki, sources: [s]}}" for i in range(4000)
    ]
    lines += ["sources: [{id: s, title: S}]", ""]
    path = folder / "large.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("args", [["export"], ["list"], ["search", "cluster"]])
def test_a_reader_that_goes_away_mid_way_gets_exit_1(tmp_path: Path, args: list[str]) -> None:
    data = _large_dossier(tmp_path)
    command = f"{sys.executable} -m dossier --data {data} {' '.join(args)}"
    env = {**os.environ, "DOSSIER_NO_CACHE": "1"}
    with subprocess.Popen(
        command.split(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.read(100)
        process.stdout.close()  # the reader goes away, most of the output still to come
        assert process.wait(timeout=120) == 1
        assert process.stderr.read() == b""


def test_a_broken_pipe_ends_quietly() -> None:
    command = f"{sys.executable} -m dossier --data {SAMPLE} export | head -1"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, check=False)
    assert result.stdout == "{\n"
    assert result.stderr == ""


@pytest.mark.parametrize(
    "args",
    [["show", "kawasaki"], ["list", "people"], ["timeline"], ["search", "MoU"], ["export"]],
)
def test_a_reader_that_never_reads_gets_no_error_message(args: list[str]) -> None:
    # `true` exits at once, so every write of the command meets a closed pipe.
    command = f"{sys.executable} -m dossier --data {SAMPLE} {' '.join(args)} | true"
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "DOSSIER_NO_CACHE": "1"},
    )
    assert result.stderr == ""
    assert result.returncode == 1


# --- internal errors ---------------------------------------------------------------------


def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom")


def test_an_internal_error_is_one_line_saying_it_is_a_bug(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("dossier.views.records.record_view", _boom)
    result = run("show", "kawasaki", bug=True)
    assert result.exit_code == 1
    assert result.stderr == (
        "dossier: internal error (RuntimeError: boom). This is a bug; run again with --debug "
        "for the details\n"
    )


@pytest.mark.parametrize("how", ["option", "environment"])
def test_debug_shows_the_traceback(run: Run, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    monkeypatch.setattr("dossier.views.records.record_view", _boom)
    with pytest.raises(RuntimeError, match="boom"):
        if how == "option":
            run("--debug", "show", "kawasaki")
        else:
            run("show", "kawasaki", env={"DOSSIER_DEBUG": "1"})


def test_the_alias_bomb_is_refused_not_expanded() -> None:
    # The timeout only stops a hang from stalling the suite; the benchmark measures speed.
    result = subprocess.run(
        [sys.executable, "-m", "dossier", "validate", str(BAD_INPUTS / "alias-bomb.yaml")],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 1
    assert "error: e[0]: aliases expand to more than 10,000 values" in result.stdout
