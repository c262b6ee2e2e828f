"""The README documents every command, and its examples are real output."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import shlex
from pathlib import Path
from types import ModuleType

import pytest

from dossier.cli import app
from tests.conftest import Run

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands if c.callback)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme_and_has_help(run: Run, command: str) -> None:
    assert f"`dossier {command}" in README
    result = run(command, "--help", data=None)
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) > 3


def _refresher() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "refresh_readme", ROOT / "docs" / "refresh_readme.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REFRESHER = _refresher()


def test_every_readme_example_shows_its_real_output() -> None:
    rendered = REFRESHER.render(README)
    for expected, actual in zip(README.splitlines(), rendered.splitlines(), strict=False):
        assert expected == actual
    assert rendered == README


def test_readme_examples_include_each_view_and_export() -> None:
    for command in ("show kawasaki", "timeline munich", "list", "validate broken.yaml"):
        assert f"\n$ dossier {command}\n" in README
    for fmt in ("yaml", "csv"):
        assert f"$ dossier export --format {fmt}" in README
    assert "$ dossier export -o events.ics" in README


@pytest.mark.parametrize(
    "command", ["dossier list | head -3", "dossier show x && echo", "dossier validate < x"]
)
def test_the_refresher_never_passes_shell_syntax_to_dossier(command: str) -> None:
    with pytest.raises(REFRESHER.ExampleError, match="shell syntax"):
        REFRESHER.words(command)


def test_the_refresher_takes_a_final_redirect_and_a_comment() -> None:
    assert REFRESHER.words("dossier export > d.json   # all of it") == (
        ["dossier", "export"],
        "d.json",
    )


def test_an_example_that_is_a_usage_error_is_refused() -> None:
    with pytest.raises(REFRESHER.ExampleError, match="is a usage error"):
        REFRESHER.render_block("$ dossier export --colour")


def test_readme_quickstart_has_the_two_commands() -> None:
    section = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    assert "python -m pip install . && dossier show kawasaki" in section
    assert "python -m pip install -e '.[test]' && python -m pytest" in section


def _workflow_validate_command() -> list[str]:
    match = re.search(r"^      - run: dossier (validate[^\n]*)$", README, re.MULTILINE)
    assert match, "the README's workflow has no validate step"
    return shlex.split(match.group(1))


@pytest.mark.parametrize("years_ahead", [0, 5, 20])
def test_the_readme_workflow_passes_on_the_sample_today_and_for_years(
    run: Run, years_ahead: int
) -> None:
    today = dt.date.today()
    later = today.replace(year=today.year + years_ahead, day=min(today.day, 28))
    result = run(*_workflow_validate_command(), env={"DOSSIER_TODAY": later.isoformat()})
    assert result.exit_code == 0, result
    assert "::error" not in result.stdout


def test_strict_turns_red_by_the_clock_alone(run: Run) -> None:
    later = dt.date.today().replace(day=1)
    later = later.replace(year=later.year + 5)
    result = run("validate", "--strict", env={"DOSSIER_TODAY": later.isoformat()})
    assert result.exit_code == 1
    assert "[overdue]" in result.stdout


def test_the_readme_excerpt_of_the_visit_briefing_is_real(run: Run) -> None:
    excerpt = README.split("```markdown\n")[1].split("```")[0]
    briefing = run("brief", "munich-delegation-kawasaki-2027", "--format", "md", "-o", "-")
    assert excerpt in briefing.stdout


def test_every_test_the_reliability_page_names_exists() -> None:
    """docs/reliability.md proves each promise by naming tests: each one named is there."""
    text = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    missing = []
    for row in text.splitlines():
        current: Path | None = None
        for file, name in re.findall(r"`(tests/[\w/]+\.(?:py|yaml))?(?:::(\w+))?`", row):
            if file:
                current = ROOT / file
                if not current.exists():
                    missing.append(file)
            if not name or current is None or current.suffix != ".py":
                continue
            if not re.search(rf"^def {name}\b", current.read_text(encoding="utf-8"), re.M):
                missing.append(f"{current.relative_to(ROOT)}::{name}")
    assert missing == []


def test_the_readme_workflow_posts_a_public_diff_of_a_pull_request(
    run: Run, tmp_path: Path
) -> None:
    import yaml

    from tests.history.repo import Repo

    workflow = re.search(r"```yaml\n(name: dossier\n.*?)```", README, re.DOTALL)
    assert workflow
    steps = yaml.safe_load(workflow.group(1))["jobs"]["validate"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0  # a shallow checkout has no base to compare
    (command,) = [s["run"] for s in steps if "dossier diff" in str(s.get("run"))]
    args = shlex.split(command.split(">>")[0])[1:]
    assert args[args.index("--audience") + 1] == "public"
    repo = Repo(tmp_path / "repo")
    sample = (ROOT / "data" / "clusters.yaml").read_text(encoding="utf-8")
    repo.commit("Base", {"data/clusters.yaml": sample})
    repo.commit("Change", {"data/clusters.yaml": sample.replace("Kawasaki City", "Kawasaki")})
    args[args.index("origin/$GITHUB_BASE_REF")] = "HEAD~1"
    result = run(*args, data=repo.root / "data")
    assert result.exit_code == 0, result
    assert result.stdout.startswith("### Dossier changes: HEAD\\~1 → HEAD")
