"""Shell completion knows the data: record ids where a command takes a record, a follow-up's
number after its event, the values of every option with a fixed set of them. Asked as each
shell asks, through Click's completion protocol; in bash also through the function that
`dossier --show-completion bash` installs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLE

DOSSIER = str(Path(sys.executable).with_name("dossier"))


def _env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "DOSSIER_DATA": str(SAMPLE), "DOSSIER_NO_CACHE": "1"}
    return {**env, **extra}


def complete(shell: str, line: str) -> list[str]:
    """The values `shell` is offered for the last word of `line` (a line ending in a space
    completes a new word)."""
    if shell == "bash":
        words = line.split()
        cword = len(words) if line.endswith(" ") else len(words) - 1
        env = _env(_DOSSIER_COMPLETE="complete_bash", COMP_WORDS=line, COMP_CWORD=str(cword))
    else:
        env = _env(_DOSSIER_COMPLETE=f"complete_{shell}", _TYPER_COMPLETE_ARGS=line)
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    result = subprocess.run([DOSSIER], env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    if shell == "zsh":  # _arguments '*: :(("value":"help"⏎"value" …))'
        return re.findall(r'(?:\(\(|\n)"((?:[^"\\]|\\.)*)"', result.stdout)
    return [line.split("\t")[0] for line in result.stdout.splitlines() if line]


SHELLS = ["bash", "zsh", "fish"]


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize("command", ["show", "log", "set", "graph", "brief", "timeline"])
def test_commands_that_take_a_record_complete_its_id(shell: str, command: str) -> None:
    assert complete(shell, f"dossier {command} kawasaki-c") == ["kawasaki-city"]
    offered = complete(shell, f"dossier {command} ka")
    assert {"kawasaki", "kawasaki-city"} <= set(offered)
    assert all(value.startswith("ka") for value in offered)


@pytest.mark.parametrize("shell", SHELLS)
def test_done_completes_events_then_the_numbers_of_their_follow_ups(shell: str) -> None:
    assert complete(shell, "dossier done munich-del") == ["munich-delegation-kawasaki-2027"]
    assert complete(shell, "dossier done munich-delegation-kawasaki-2027 ") == ["1", "2", "3"]


def test_zsh_and_fish_show_the_record_s_name_beside_its_id() -> None:
    env = _env(_DOSSIER_COMPLETE="complete_fish", _TYPER_COMPLETE_ARGS="dossier show kawasaki-c")
    env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    out = subprocess.run([DOSSIER], env=env, capture_output=True, text=True, check=True).stdout
    assert out == "kawasaki-city\tCity of Kawasaki\n"


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("dossier validate --fail-on zone-n", ["zone-name"]),
        ("dossier validate --fail-on zone-name,agenda-z", ["zone-name,agenda-zone"]),
        ("dossier validate --ignore cl", ["clock"]),
        ("dossier list organisations --kind cons", ["consulate"]),
        ("dossier list --kind sig", ["signing"]),
        ("dossier list agreements --status ex", ["expired"]),
        ("dossier show kawasaki --lang ", ["en", "de", "ja"]),
        ("dossier brief kawasaki --audience p", ["partner", "public"]),
        ("dossier export --format ic", ["ics"]),
        ("dossier list ev", ["events"]),
    ],
)
def test_option_values_complete(shell: str, line: str, expected: list[str]) -> None:
    assert complete(shell, line) == expected


@pytest.mark.parametrize("shell", SHELLS)
def test_unreadable_data_completes_nothing_and_says_nothing(shell: str, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("people: [\n", encoding="utf-8")
    line = f"dossier --data {broken} show ka"
    assert complete(shell, line) == []


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_the_installed_bash_function_offers_the_ids() -> None:
    source = subprocess.run(
        [DOSSIER], env=_env(_DOSSIER_COMPLETE="source_bash"), capture_output=True, text=True
    ).stdout
    script = (
        f"{source}\nCOMP_WORDS=(dossier show kawasaki-c); COMP_CWORD=2\n"
        f"_dossier_completion {DOSSIER}\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n"
    )
    result = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", script],
        env=_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout == "kawasaki-city\n"
