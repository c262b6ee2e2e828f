"""The `Workspace`: one read of the data, edits that land in the record they name, checked by
the reading `validate` does, and written only over files nobody else changed."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from dossier.datafile.workspace import Workspace, open_for_edit
from dossier.errors import EditRefused, UsageError
from tests.conftest import Run

TODAY = dt.date(2026, 11, 25)
ISSUE = """\
people:
  - id: kenji-tanaka
    name: Kenji Tanaka
    email:
      - k.tanaka@example.org
  - id: yuki-sato
    name: Yuki Sato
"""


def _plain(text: str) -> object:
    return yaml.load(text, Loader=yaml.BaseLoader)


@pytest.fixture
def issue_file(tmp_path: Path) -> Path:
    path = tmp_path / "people.yaml"
    path.write_text(ISSUE, encoding="utf-8")
    return path


def test_a_record_that_ends_in_a_block_list_gets_its_own_new_field(
    run: Run, issue_file: Path
) -> None:
    result = run("set", "--apply", "kenji-tanaka", "honorific", "Mr.", data=issue_file)
    assert result.exit_code == 0, result
    assert issue_file.read_text(encoding="utf-8") == ISSUE.replace(
        "      - k.tanaka@example.org\n", "      - k.tanaka@example.org\n    honorific: Mr.\n"
    )
    assert run("show", "yuki-sato", data=issue_file).stdout.startswith("Yuki Sato ")
    assert run("show", "kenji-tanaka", data=issue_file).stdout.startswith("Mr. Kenji Tanaka")


def test_where_finds_each_record_in_its_file_and_section(issue_file: Path) -> None:
    workspace = Workspace.open(issue_file, TODAY, use_cache=False)
    place = workspace.where("yuki-sato")
    assert (place.file, place.section, place.index) == (str(issue_file), "people", 1)
    assert ISSUE[place.start : place.end].startswith("id: yuki-sato")
    assert workspace.find("Kenji Tanaka").id == "kenji-tanaka"
    with pytest.raises(UsageError, match="no record 'nobody'"):
        workspace.where("nobody")


def test_edits_of_one_batch_are_checked_together_and_refused_together(issue_file: Path) -> None:
    workspace = Workspace.open(issue_file, TODAY, use_cache=False)
    workspace.set("kenji-tanaka", ("honorific",), "Mr.")
    workspace.set("yuki-sato", ("email",), ["not an address"])
    with pytest.raises(EditRefused) as refused:
        workspace.changes(TODAY)
    (problem,) = refused.value.problems
    assert (problem.record, problem.field) == ("yuki-sato", "email[0]")
    assert issue_file.read_text(encoding="utf-8") == ISSUE


def test_null_is_not_a_value_to_set_and_unset_takes_a_field_out(issue_file: Path) -> None:
    workspace = Workspace.open(issue_file, TODAY, use_cache=False)
    with pytest.raises(UsageError, match="use `dossier unset`"):
        workspace.set("kenji-tanaka", ("honorific",), None)
    assert workspace.unset("kenji-tanaka", ("email",))
    assert not workspace.unset("yuki-sato", ("honorific",))
    (edit,) = workspace.changes(TODAY)
    assert _plain(edit.after) == {
        "people": [
            {"id": "kenji-tanaka", "name": "Kenji Tanaka"},
            {"id": "yuki-sato", "name": "Yuki Sato"},
        ]
    }


def test_set_null_on_the_command_line_says_to_unset(run: Run, issue_file: Path) -> None:
    result = run("set", "--apply", "kenji-tanaka", "honorific", "null", data=issue_file)
    assert result.exit_code == 2
    assert result.stderr == "dossier: honorific: null removes a field; use `dossier unset`\n"
    assert issue_file.read_text(encoding="utf-8") == ISSUE


def test_a_file_changed_by_someone_else_meanwhile_is_never_overwritten(issue_file: Path) -> None:
    workspace = Workspace.open(issue_file, TODAY, use_cache=False)
    workspace.set("kenji-tanaka", ("honorific",), "Mr.")
    edits = workspace.changes(TODAY)
    theirs = ISSUE + "  - id: hanako-yamada\n    name: Hanako Yamada\n"
    issue_file.write_text(theirs, encoding="utf-8")
    with pytest.raises(UsageError, match="changed by someone else since it was read"):
        workspace.write(edits)
    assert issue_file.read_text(encoding="utf-8") == theirs


def test_a_link_is_edited_through_and_stays_a_link(run: Run, issue_file: Path) -> None:
    link = issue_file.parent / "link.yaml"
    link.symlink_to(issue_file.name)
    assert run("set", "--apply", "yuki-sato", "honorific", "Ms.", data=link).exit_code == 0
    assert link.is_symlink()
    assert "    honorific: Ms.\n" in issue_file.read_text(encoding="utf-8")


def test_a_read_only_file_is_refused(run: Run, issue_file: Path) -> None:
    issue_file.chmod(0o444)
    result = run("set", "--apply", "yuki-sato", "honorific", "Ms.", data=issue_file)
    assert result.exit_code == 2
    assert result.stderr == f"dossier: {issue_file}: read-only; nothing written\n"
    assert issue_file.read_text(encoding="utf-8") == ISSUE


def test_the_lock_keeps_a_second_editor_waiting_and_is_released(issue_file: Path) -> None:
    first = open_for_edit(issue_file, TODAY)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("dossier.datafile.guard.LOCK_WAIT_SECONDS", 0.1)
        with pytest.raises(UsageError, match="another dossier command is editing this data"):
            open_for_edit(issue_file, TODAY)
    first.unlock()
    with open_for_edit(issue_file, TODAY) as second:
        assert second.where("yuki-sato").index == 1


def test_six_concurrent_sets_keep_all_six_changes(tmp_path: Path) -> None:
    path = tmp_path / "people.yaml"
    people = [f"p{i}" for i in range(6)]
    path.write_text(
        "people:\n" + "".join(f"  - id: {p}\n    name: Person {p}\n" for p in people), "utf-8"
    )
    environment = {**os.environ, "DOSSIER_DATA": str(path), "DOSSIER_NO_CACHE": "1"}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "dossier", "set", p, "honorific", f"Dr. {p}", "--apply"],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for p in people
    ]
    for process in processes:
        _, error = process.communicate(timeout=120)
        assert process.returncode == 0, error
    read = _plain(path.read_text(encoding="utf-8"))
    assert isinstance(read, dict)
    assert [p["honorific"] for p in read["people"]] == [f"Dr. {p}" for p in people]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Dr. #1", "Dr. #1"),
        ("a # b", "a # b"),
        ("first\n\nsecond", "first\n\nsecond"),
        ("!!str yes", "!!str yes"),
        ("!", "!"),
        ("yes", "yes"),
        ("'2017'", "2017"),
    ],
)
def test_a_value_is_stored_as_typed(run: Run, issue_file: Path, typed: str, stored: str) -> None:
    result = run("set", "--apply", "yuki-sato", "notes", typed, data=issue_file)
    assert result.exit_code == 0, result
    read = _plain(issue_file.read_text(encoding="utf-8"))
    assert isinstance(read, dict)
    assert read["people"][1]["notes"] == stored


def test_a_list_is_set_whether_written_in_block_or_flow_style(run: Run, issue_file: Path) -> None:
    assert (
        run(
            "set",
            "kenji-tanaka",
            "email",
            "[a@example.org, b@example.org]",
            "--apply",
            data=issue_file,
        ).exit_code
        == 0
    )
    assert "    email:\n      - a@example.org\n      - b@example.org\n" in issue_file.read_text(
        "utf-8"
    )
    flow = issue_file.parent / "flow.yaml"
    flow.write_text("people:\n  - {id: a, name: A, email: [x@example.org]}\n", "utf-8")
    assert run("set", "--apply", "a", "email", "[y@example.org]", data=flow).exit_code == 0
    assert flow.read_text("utf-8") == "people:\n  - {id: a, name: A, email: [y@example.org]}\n"


def test_add_role_follow_up_and_agenda_items(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(
        "organisations:\n  - {id: city, name: City}\n"
        "people:\n  - id: kenji\n    name: Kenji\n"
        "events:\n  - id: visit\n    title: Visit\n    date: 2027-04-14\n"
        "    follow_ups:\n      - {action: Call, owner: kenji}\n",
        "utf-8",
    )
    role = run(
        "add",
        "role",
        "Kenji",
        "title=Director",
        "organisation=city",
        "since=2024-04",
        "--apply",
        data=path,
    )
    assert role.exit_code == 0, role
    assert role.stderr == f"dossier: added role 1 to kenji in {path}\n"
    follow = run(
        "add",
        "--apply",
        "follow-up",
        "visit",
        "action=Send the report",
        "owner=kenji",
        "due=2027-05-01",
        data=path,
    )
    assert follow.exit_code == 0, follow
    assert "added follow-up 2 to visit" in follow.stderr
    agenda = run("add", "--apply", "agenda", "visit", "time=10:00", "title=Welcome", data=path)
    assert agenda.exit_code == 0, agenda
    text = path.read_text("utf-8")
    assert (
        "    roles:\n      - title: Director\n        organisation: city\n        since: 2024-04\n"
        in text
    )
    assert "      - {action: Send the report, owner: kenji, due: 2027-05-01}\n" in text
    assert "    agenda:\n      - time: '10:00'\n        title: Welcome\n" in text
    assert run("validate", data=path).exit_code == 0
    wrong = run("add", "--apply", "role", "visit", "title=X", data=path)
    assert wrong.exit_code == 2 and "a role belongs to a person" in wrong.stderr


def test_remove_is_refused_while_others_refer_to_it(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    text = (
        "organisations:\n  - {id: city, name: City}\n  - {id: other, name: Other}\n"
        "people:\n  - id: kenji\n    name: Kenji\n    roles: [{title: Mayor, organisation: city}]\n"
    )
    path.write_text(text, "utf-8")
    refused = run("remove", "--apply", "city", data=path)
    assert refused.exit_code == 2
    assert refused.stderr == (
        "dossier: city is referred to by kenji roles[0].organisation; change those first,"
        " or --force\n"
    )
    assert path.read_text("utf-8") == text
    assert run("remove", "--apply", "other", data=path).exit_code == 0
    assert "other" not in path.read_text("utf-8")
    forced = run("remove", "--apply", "city", "--force", data=path)
    assert forced.exit_code == 1 and "nothing was written" in forced.stderr  # it would dangle


def test_an_id_that_is_another_records_alias_is_refused(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(
        "people:\n  - id: taro-yamada\n    name: Taro Yamada\n    aliases: [taro]\n", "utf-8"
    )
    added = run("add", "--apply", "person", "taro", "name=Taro Suzuki", data=path)
    assert added.exit_code == 1
    assert "the id 'taro' is an alias of 'taro-yamada'" in added.stderr
    path.write_text(path.read_text("utf-8") + "  - id: taro\n    name: Taro Suzuki\n", "utf-8")
    assert run("validate", data=path).exit_code == 1


def test_fmt_never_changes_a_value(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    text = (
        "people:  \n  - id: a\n    name: A\n    notes: |\n      kept blanks   \n\n\n"
        '      after two blank lines\n    honorific: "Dr.  \n\n\n      B"\n\n\n\n'
    )
    path.write_text(text, "utf-8")
    before = _plain(text)
    assert run("fmt", data=path).exit_code == 0
    after = path.read_text("utf-8")
    assert _plain(after) == before
    assert after.startswith("people:\n")
    assert run("fmt", "--check", data=path).exit_code == 0


def test_the_python_api_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = (Path(__file__).resolve().parents[2] / "docs" / "python-api.md").read_text("utf-8")
    code = document.split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "python-api.md", "exec"), {})
