"""Every command that takes `--audience` prints and writes only what that audience may read:
found by looking at the commands themselves, so that a new one is covered (or this test
fails until it is)."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import typer.main
from hypothesis import HealthCheck, given, settings
from typer.core import TyperGroup

from dossier.cli import app
from dossier.datafile.yaml_core import dump_yaml
from tests.briefing.test_audiences import MARK, PARTNER_MARK, marked_dossiers
from tests.conftest import Run
from tests.history.repo import Repo, needs_git

pytestmark = needs_git

# Each command with --audience, and the ways of running it that print or write data.
RUNS: dict[str, list[tuple[str, ...]]] = {
    "brief": [
        ("visit", "--format", "md", "-o", "-"),
        ("visit", "-o", "brief.docx", "--force"),
        ("there", "--format", "md", "-o", "-"),
    ],
    "export": [
        ("--format", "json"),
        ("--format", "yaml"),
        ("--format", "ics"),
        ("--format", "vcf"),
        ("--format", "sqlite", "-o", "dossier.db", "--force"),
        *(("--format", "csv", "--kind", kind) for kind in ("people", "events", "organisations")),
    ],
    "diff": [
        ("HEAD~1", "HEAD", "--format", "text"),
        ("HEAD~1", "HEAD", "--format", "json"),
        ("HEAD~1", "HEAD", "--format", "markdown"),
        ("HEAD~1", "HEAD", "--format", "github"),
        ("HEAD~1",),
    ],
    "follow-ups": [("--all",), ("--all", "--format", "json"), ("--all", "--format", "csv")],
    "graph": [
        ("there", "--depth", "2"),
        ("there", "--depth", "2", "--format", "mermaid"),
        ("there", "--depth", "2", "--format", "gexf"),
        *([("there", "--depth", "2", "--format", "svg")] if shutil.which("dot") else []),
    ],
    "report": [("--explain",), ("--format", "json"), ("--format", "md", "--explain")],
    "stale": [("--older-than", "1d"), ("--older-than", "1d", "--format", "json")],
}


def _commands_with_audience() -> set[str]:
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    context = group.make_context("dossier", [], resilient_parsing=True)
    found = set()
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None
        if any(param.name == "audience" for param in command.params):
            found.add(name)
    return found


def test_every_command_with_an_audience_is_tried() -> None:
    assert _commands_with_audience() == set(RUNS)


def _outputs(run: Run, data: Path, audience: str) -> dict[str, str]:
    outputs = {}
    for command, variants in RUNS.items():
        for args in variants:
            result = run(command, *args, "--audience", audience, data=data)
            assert result.exit_code == 0, (command, args, result)
            written = ""
            if "dossier.db" in args:
                with sqlite3.connect(Path.cwd() / "dossier.db") as database:
                    written = "\n".join(database.iterdump())
            if "brief.docx" in args:
                archive = zipfile.ZipFile(io.BytesIO((Path.cwd() / "brief.docx").read_bytes()))
                written = "".join(
                    archive.read(n).decode("utf-8", "replace") for n in archive.namelist()
                )
            outputs[" ".join((command, *args))] = result.stdout + result.stderr + written
    return outputs


@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(marked_dossiers())
def test_no_command_shows_a_partner_or_the_public_what_is_internal(
    run: Run, tmp_path: Path, data: dict[str, Any]
) -> None:
    for cluster in data["clusters"]:
        cluster["focus"] = [f for f in cluster.get("focus", []) if MARK not in f]
    repo = Repo(tmp_path / f"repo-{len(list(tmp_path.iterdir()))}")
    # The diff sees every record added: all of the data passes through it.
    repo.commit("Start", {"data/home.yaml": dump_yaml({"version": 1})})
    repo.commit("Marked", {"data/home.yaml": dump_yaml(data)})
    folder = repo.root / "data"
    for audience in ("partner", "public"):
        for name, text in _outputs(run, folder, audience).items():
            assert MARK not in text.lower(), (audience, name, text)
            if audience == "public":
                assert PARTNER_MARK not in text.lower(), (name, text)
    # The test can fail: internal readers do get the marks, from the diff too.
    internal = run(
        "diff", "HEAD~1", "HEAD", "--format", "markdown", "--audience", "internal", data=folder
    )
    assert MARK in internal.stdout
    assert MARK in run("follow-ups", "--all", data=folder).stdout.lower()
    assert json.loads(run("export", data=folder).stdout)
