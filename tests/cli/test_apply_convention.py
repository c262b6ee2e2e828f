"""One convention for every command that writes into the data: show the change unless
`--apply`; `--dry-run`, the older way for some of them, still shows, with a notice."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run, Write

DATA = (
    "people:\n  - id: ada\n    name: Ada\n  - id: ada-2\n    name: Ada L.\n"
    "events:\n  - id: visit\n    title: Visit\n    date: 2026-01-10\n"
    "    follow_ups:\n      - {action: Call, owner: ada}\n"
)
EDITS = [
    ("set", "ada", "honorific", "Dr."),
    ("unset", "ada-2", "name"),
    ("add", "person", "bob", "name=Bob"),
    ("remove", "ada-2"),
    ("done", "visit", "1"),
    ("merge", "ada", "ada-2", "--prefer", "keep"),
]


@pytest.mark.parametrize("edit", EDITS, ids=lambda e: e[0])
def test_without_apply_the_change_is_shown_and_nothing_written(
    run: Run, write: Write, edit: tuple[str, ...]
) -> None:
    data = write(DATA)
    result = run(*edit, data=data)
    if edit[0] == "unset":  # a person needs a name: refused, shown as an error
        assert result.exit_code == 1
    else:
        assert result.exit_code == 0, result
        assert result.stdout.startswith(f"--- a/{data.name}\n") or "--- a/" in result.stdout
        assert result.stderr.endswith(" (a dry run: --apply writes)\n")
    assert data.read_text(encoding="utf-8") == DATA


@pytest.mark.parametrize("edit", [e for e in EDITS if e[0] != "unset"], ids=lambda e: e[0])
def test_with_apply_the_change_is_written(run: Run, write: Write, edit: tuple[str, ...]) -> None:
    data = write(DATA)
    result = run(*edit, "--apply", data=data)
    assert result.exit_code == 0, result
    assert result.stdout == ""
    assert data.read_text(encoding="utf-8") != DATA


@pytest.mark.parametrize("command", ["set", "add", "done", "import", "merge"])
def test_dry_run_still_shows_with_a_notice_and_contradicting_apply_is_refused(
    run: Run, write: Write, tmp_path: Path, command: str
) -> None:
    data = write(DATA)
    sheet = tmp_path / "rows.csv"
    sheet.write_text("Id,Honorific\nada,Dr.\n", encoding="utf-8")
    args = {
        "set": ("set", "ada", "honorific", "Dr."),
        "add": ("add", "person", "bob", "name=Bob"),
        "done": ("done", "visit", "1"),
        "import": ("import", str(sheet)),
        "merge": ("merge", "ada", "ada-2", "--prefer", "keep"),
    }[command]
    shown = run(*args, "--dry-run", data=data)
    assert shown.exit_code == 0, shown
    assert shown.stderr.startswith(
        "dossier: --dry-run is the default now and goes in the next release;"
        " leave it out to see the change, add --apply to write it\n"
    )
    assert data.read_text(encoding="utf-8") == DATA
    both = run(*args, "--dry-run", "--apply", data=data)
    assert both.exit_code == 2
    assert both.stderr == "dossier: --apply and --dry-run contradict each other: give one\n"
    assert data.read_text(encoding="utf-8") == DATA


def test_every_editing_command_documents_apply_in_its_help(run: Run, write: Write) -> None:
    for command in ("set", "unset", "add", "remove", "done", "import", "merge"):
        help_text = run(command, "--help", data=write(DATA)).stdout
        assert "--apply" in help_text, command
        assert "--dry-run" not in help_text, command
