"""The README documents every command, and its examples are real output."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dossier.cli import app
from tests.conftest import Run

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands if c.callback)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme_and_has_help(run: Run, command: str) -> None:
    assert f"`dossier {command}" in README
    result = run(command, "--help", data=None)
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) > 3


@pytest.mark.parametrize("args", [["show", "kawasaki"], ["timeline", "munich"], ["list"]])
def test_readme_examples_are_real_output(run: Run, args: list[str]) -> None:
    match = re.search(rf"\$ dossier {' '.join(args)}\n(.*?)\n```", README, re.DOTALL)
    assert match, f"no example of `dossier {' '.join(args)}` in the README"
    actual = "\n".join(line.rstrip() for line in run(*args).stdout.splitlines())
    assert match.group(1) == actual


def test_readme_quickstart_has_the_two_commands() -> None:
    section = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    assert "python -m pip install . && dossier show kawasaki" in section
    assert "python -m pip install -e '.[test]' && python -m pytest" in section
