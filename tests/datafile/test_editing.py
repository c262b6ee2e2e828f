"""`dossier set` and `dossier done`: an edit changes only the lines it must, and never writes
data that does not validate."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from dossier.datafile.yaml_edit import parse_field_path
from dossier.errors import UsageError
from tests.conftest import SAMPLE, Run

VISIT = "munich-delegation-kawasaki-2027"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "clusters.yaml"
    shutil.copyfile(SAMPLE, copy)
    return copy


def _changed(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_set_changes_one_line_and_keeps_every_comment(run: Run, data: Path) -> None:
    before = data.read_text(encoding="utf-8")
    result = run("set", "--apply", "norihiko-fukuda", "honorific", "Mayor", data=data)
    assert result.exit_code == 0, result
    assert result.stderr == f"dossier: norihiko-fukuda honorific set in {data}\n"
    after = data.read_text(encoding="utf-8")
    assert _changed(before, after) == ["+    honorific: Mayor"]
    assert [line for line in before.splitlines() if line.lstrip().startswith("#")] == [
        line for line in after.splitlines() if line.lstrip().startswith("#")
    ]
    assert run("validate", data=data).exit_code == 0
    assert "Mayor Norihiko Fukuda" in run("show", "norihiko-fukuda", data=data).stdout


def test_an_edit_that_would_not_validate_writes_nothing(run: Run, data: Path) -> None:
    before = data.read_bytes()
    result = run("set", "--apply", "fukuda", "roles[0].since", "2013-13-40", data=data)
    assert result.exit_code == 1
    assert "roles[0].since: '2013-13-40' has no month 13" in result.stderr
    assert data.read_bytes() == before


def test_done_marks_a_follow_up_and_done_on_dates_it(run: Run, data: Path) -> None:
    assert "overdue" in run("follow-ups", "--owner", "ralf-huss", data=data).stdout
    dry = run("done", VISIT, "1", data=data)
    assert "+        done: true\n" in dry.stdout and dry.stdout.startswith("--- a/")
    assert run("done", "--apply", VISIT, "1", "--on", "2026-11-20", data=data).exit_code == 0
    after = data.read_text(encoding="utf-8")
    assert "        done_on: 2026-11-20\n" in after or "        done_on: '2026-11-20'\n" in after
    assert "Send list of Munich SMEs" not in run("follow-ups", data=data).stdout
    refused = run("done", "--apply", VISIT, "9", data=data)
    assert refused.exit_code == 2
    assert refused.stderr == f"dossier: {VISIT} has 3 follow-ups; N is 1 to 3\n"
    # Done twice: said so, nothing written (no `done: true` beside `done_on`).
    done_already = data.read_bytes()
    again = run("done", "--apply", VISIT, "1", data=data)
    assert again.exit_code == 0
    assert again.stderr == (
        f"dossier: follow-up 1 of {VISIT} is done already on 2026-11-20; nothing to do\n"
    )
    assert data.read_bytes() == done_already
    future = run("done", "--apply", VISIT, "2", "--on", "2099-01-01", data=data)
    assert future.exit_code == 2 and "a day still to come" in future.stderr
    assert data.read_bytes() == done_already


def test_follow_ups_are_numbered_as_done_takes_them(run: Run, data: Path) -> None:
    listed = run("follow-ups", "--format", "csv", data=data).stdout.splitlines()
    assert listed[0].endswith(",Event,Number")
    rows = [line for line in listed[1:] if VISIT in line]
    numbers = sorted(int(line.rsplit(",", 1)[1]) for line in rows)
    assert numbers == list(range(1, len(numbers) + 1))
    first = next(line for line in rows if line.endswith(",1"))
    action = first.split(",")[2]
    assert run("done", "--apply", VISIT, "1", data=data).exit_code == 0
    assert action not in run("follow-ups", "--format", "csv", data=data).stdout


def test_a_data_folder_edits_the_records_own_file(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "a.yaml").write_text("# people\npeople:\n  - id: a\n    name: A\n", "utf-8")
    (folder / "b.yaml").write_text("people:\n  - {id: b, name: B}  # flow\n", "utf-8")
    assert run("set", "--apply", "b", "honorific", "Dr.", data=folder).exit_code == 0
    assert (folder / "b.yaml").read_text("utf-8") == (
        "people:\n  - {id: b, name: B, honorific: Dr.}  # flow\n"
    )
    assert (folder / "a.yaml").read_text("utf-8") == "# people\npeople:\n  - id: a\n    name: A\n"


def test_windows_line_ends_and_a_byte_order_mark_are_kept(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_bytes("\ufeffpeople:\r\n  - id: a\r\n    name: A\r\n".encode())
    assert run("set", "--apply", "a", "honorific", "Dr.", data=path).exit_code == 0
    assert (
        path.read_bytes()
        == "\ufeffpeople:\r\n  - id: a\r\n    name: A\r\n    honorific: Dr.\r\n".encode()
    )


def test_set_refuses_an_id_and_a_bad_path(run: Run, data: Path) -> None:
    assert run("set", "--apply", "fukuda", "id", "x", data=data).exit_code == 2
    bad = run("set", "--apply", "fukuda", "roles[x]", "x", data=data)
    assert bad.exit_code == 2 and "is not a field path" in bad.stderr
    # Without data given, an edit never falls back to the sample shipped in the package.
    fallback = run("set", "--apply", "fukuda", "honorific", "x", data=None)
    assert fallback.exit_code == 2 and "no data found" in fallback.stderr


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("honorific", ("honorific",)),
        ("roles[0].until", ("roles", 0, "until")),
        ("a.b[2]", ("a", "b", 2)),
    ],
)
def test_field_paths(text: str, path: tuple[str | int, ...]) -> None:
    assert parse_field_path(text) == path


def test_a_field_path_must_start_with_a_name() -> None:
    with pytest.raises(UsageError):
        parse_field_path("[0]")


def test_add_puts_a_record_that_show_finds_laid_out_as_its_neighbours(run: Run, data: Path) -> None:
    before = data.read_text(encoding="utf-8")
    result = run(
        "add",
        "--apply",
        "person",
        "jane-roe",
        "name=Jane Roe",
        "roles[0].title=Analyst",
        "roles[0].organisation=biom",
        data=data,
    )
    assert result.exit_code == 0, result
    assert _changed(before, data.read_text(encoding="utf-8")) == [
        "+",
        "+  - id: jane-roe",
        "+    name: Jane Roe",
        "+    roles:",
        "+      - title: Analyst",
        "+        organisation: biom",
    ]
    shown = run("show", "Jane Roe", data=data)
    assert shown.stdout.startswith("Jane Roe  person jane-roe")
    assert run("validate", data=data).exit_code == 0


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (["name=Ralf"], "duplicate id 'ralf-huss'"),
        (["roles[0].title=X"], "missing required field 'name'"),
    ],
)
def test_add_refuses_a_record_the_data_would_not_validate_with(
    run: Run, data: Path, fields: list[str], message: str
) -> None:
    record_id = "ralf-huss" if "duplicate" in message else "bob"
    before = data.read_bytes()
    result = run("add", "--apply", "person", record_id, *fields, data=data)
    assert result.exit_code == 1
    assert message in result.stderr and "nothing was written" in result.stderr
    assert data.read_bytes() == before


def test_add_to_flow_lists_new_sections_and_the_right_file(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "a.yaml").write_text("clusters: [{id: c, name: C}]\n", "utf-8")
    (folder / "b.yaml").write_text("# people live here\npeople: []\n", "utf-8")
    assert run("add", "--apply", "person", "p", "name=P", data=folder).exit_code == 0
    assert run("add", "--apply", "cluster", "d", "name=D", data=folder).exit_code == 0
    assert (folder / "b.yaml").read_text(
        "utf-8"
    ) == "# people live here\npeople: [{id: p, name: P}]\n"
    assert (folder / "a.yaml").read_text(
        "utf-8"
    ) == "clusters: [{id: c, name: C}, {id: d, name: D}]\n"
    single = tmp_path / "one.yaml"
    single.write_text("version: 1\n", "utf-8")
    assert run("add", "--apply", "source", "s", "title=A source", data=single).exit_code == 0
    assert single.read_text("utf-8") == "version: 1\nsources:\n  - id: s\n    title: A source\n"
    wrong = run("add", "--apply", "meeting", "m", data=single)
    assert wrong.exit_code == 2 and "is not a kind of record" in wrong.stderr
