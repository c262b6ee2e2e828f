"""Commands answer as users of git and of other CLIs expect: a mistyped name gets a
did-you-mean, a missing file is named, `diff --exit-code` says whether anything changed."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SAMPLE, Run
from tests.history.repo import Repo, needs_git
from tests.history.test_log import people


@needs_git
def test_log_of_a_mistyped_id_is_a_record_not_found_with_a_suggestion(
    run: Run, tmp_path: Path
) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("Ada", {"data/people.yaml": people(("ada-lovelace", "Ada"))})
    result = run("log", "ada-lovelacee", data=repo.root / "data")
    assert result.exit_code == 1
    assert result.stderr == (
        "dossier: no record matches 'ada-lovelacee'; did you mean 'ada-lovelace'?\n"
    )


@needs_git
def test_log_of_a_removed_record_still_finds_its_history(run: Run, tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("Ada", {"data/people.yaml": people(("ada", "Ada"), ("bob", "Bob"))})
    repo.commit("Ada gone", {"data/people.yaml": people(("bob", "Bob"))})
    result = run("log", "ada", data=repo.root / "data")
    assert result.exit_code == 0, result
    assert "removed person ada" in result.stdout


def test_diff_of_two_paths_names_the_one_missing(run: Run, tmp_path: Path) -> None:
    result = run("diff", str(SAMPLE), "missing.yaml", data=None)
    assert result.exit_code == 2
    assert result.stderr == (
        "dossier: missing.yaml: no such file or folder (two paths are compared only when both"
        " exist)\n"
    )


def test_diff_exit_code_says_whether_a_record_changed(run: Run, tmp_path: Path) -> None:
    changed = tmp_path / "changed.yaml"
    changed.write_text(
        SAMPLE.read_text(encoding="utf-8").replace("King Skyfront", "King Skyfront Hub", 1),
        encoding="utf-8",
    )
    same = run("diff", str(SAMPLE), str(SAMPLE), "--exit-code", data=None)
    assert same.exit_code == 0, same
    differs = run("diff", str(SAMPLE), str(changed), "--exit-code", data=None)
    assert differs.exit_code == 1, differs
    assert "1 record changed" in differs.stdout
    assert run("diff", str(SAMPLE), str(changed), data=None).exit_code == 0


def test_a_mistyped_choice_gets_the_same_did_you_mean(run: Run) -> None:
    result = run("list", "peple")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for 'KIND': 'peple' is not one of 'clusters', 'organisations',"
        " 'people', 'agreements', 'events', 'sources'; did you mean 'people'?"
    )
    far = run("show", "kawasaki", "--lang", "fr")
    assert "did you mean" not in far.stderr


def test_an_empty_result_is_one_line_on_stderr(run: Run) -> None:
    for args, said in (
        (("list", "organisations", "--country", "FR"), "dossier: no organisations match\n"),
        (("follow-ups", "--due-before", "1990"), "dossier: no follow-up matches\n"),
        (("timeline", "--since", "2090"), "dossier: no event matches\n"),
    ):
        result = run(*args)
        assert (result.exit_code, result.stdout, result.stderr) == (0, "", said), args
    # Programs still get what they parse: an empty JSON list, a CSV header.
    assert run("list", "organisations", "--country", "FR", "--format", "json").stdout == "[]\n"
    assert run("follow-ups", "--due-before", "1990", "--format", "csv").stdout.startswith("Due,")


def test_an_option_of_dossier_after_the_command_says_where_it_goes(run: Run) -> None:
    result = run("show", "kawasaki", "--data", "data/clusters.yaml", data=None)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: --data is an option of dossier itself: write it before the command"
        " (dossier --data … show …)"
    )
    unknown = run("show", "kawasaki", "--dat", "x", data=None)
    assert "No such option: --dat" in unknown.stderr
