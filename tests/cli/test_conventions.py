"""Command-line conventions: help with an example and readable names, completion, JSON out."""

from __future__ import annotations

import json
import re

import pytest

from dossier.cli import app
from tests.conftest import Run

COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands if c.callback)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_has_an_example_and_plain_metavars(run: Run, command: str) -> None:
    text = run(command, "--help", data=None).stdout
    assert f"Example: dossier {command}" in text
    # Typer 0.29 prints an argument's type after its name (`KIND <str>`); the name is ours.
    ours = re.sub(r"^(\s+\S+) <[\w\[\]|]+>", r"\1", text, flags=re.MULTILINE)
    assert not re.search(r"<\w+>|\{\w+\}", ours), text  # `<str>`, `{ref}`: Typer's defaults


def test_shell_completion_prints_a_script(run: Run) -> None:
    result = run("--show-completion", "bash", data=None, env={"SHELL": "/bin/bash"})
    assert result.exit_code == 0
    assert "complete" in result.stdout and "_dossier_completion" in result.stdout


def test_show_as_json_is_the_record_with_its_kind(run: Run) -> None:
    result = run("show", "kawasaki", "--format", "json")
    data = json.loads(result.stdout)
    assert data["kind"] == "cluster"
    assert data["record"]["id"] == "kawasaki"
    assert data["record"]["native_name"] == "キング スカイフロント"
    exported = json.loads(run("export", "--format", "json", "--kind", "clusters").stdout)
    assert data["record"] == next(c for c in exported if c["id"] == "kawasaki")


def test_search_as_json_lists_each_match(run: Run) -> None:
    hits = json.loads(run("search", "geltinger", "--format", "json").stdout)
    assert hits[0]["record"] == "christian-geltinger"
    assert set(hits[0]) == {"record", "kind", "field", "text"}
    assert hits[0]["kind"] == "person"


def test_timeline_as_json_is_events_in_order_marked_upcoming(run: Run) -> None:
    events = json.loads(run("timeline", "--format", "json").stdout)
    dates = [str(e["date"]) for e in events]
    assert dates == sorted(dates, key=lambda d: (d + "-00-00")[:10])
    planned = next(e for e in events if e["id"] == "munich-delegation-kawasaki-2027")
    assert planned["upcoming"] is True
    assert all(e["upcoming"] is False for e in events if str(e["date"]) < "2020")


def _header_words(table: str) -> list[str]:
    """The words above a table's rule: its column labels, however they wrapped."""
    header = table[: table.index("─")]
    return header.split()


def test_list_takes_lang_for_its_labels(run: Run) -> None:
    assert run("list", "--lang", "de").stdout.split()[0] == "Id"
    # Only words that differ between the languages can show which one was used.
    german = _header_words(run("list", "agreements", "--lang", "de").stdout)
    english = _header_words(run("list", "agreements", "--lang", "en").stdout)
    assert {"Titel", "Art", "Parteien"} <= set(german)
    assert {"Title", "Kind", "Parties"} <= set(english)
    assert not {"Title", "Kind", "Parties"} & set(german)
