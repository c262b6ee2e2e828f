"""`dossier log REF`: the commits that changed one record, and the fields each changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.history.compare import ChangeKind, RecordChange, record_change
from dossier.history.git import Repository
from dossier.history.log import record_log
from dossier.history.reading import whole
from dossier.history.snapshot import RecordVersion
from dossier.history.versions import at_commit
from tests.conftest import Run
from tests.history.repo import Repo, needs_git

pytestmark = needs_git


def people(*records: tuple[str, str], comment: str = "") -> str:
    lines = ["version: 1", "people:"]
    for record_id, name in records:
        if comment:
            lines.append(f"  # {comment}")
        lines += [f"  - id: {record_id}", f"    name: {name}"]
    return "\n".join(lines) + "\n"


def test_log_lists_the_commits_that_changed_the_record(run: Run, tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("Ada", {"data/people.yaml": people(("ada", "Ada"))})
    repo.commit("Bob", {"data/people.yaml": people(("bob", "Bob"), ("ada", "Ada"))})
    repo.commit("Ada's full name", {"data/people.yaml": people(("bob", "Bob"), ("ada", "Ada L."))})
    result = run("log", "ada", data=repo.root / "data")
    assert result.exit_code == 0, result
    head, _, first = result.stdout.partition("\n\n")
    assert head.splitlines()[0].endswith("  2026-11-20  Jane Roe  Ada's full name")
    assert head.splitlines()[1:] == [
        "  changed person ada (Ada L.)  data/people.yaml:5",
        '    name: "Ada" → "Ada L."',
    ]
    assert first.splitlines()[0].endswith("  Ada")
    assert first.splitlines()[1] == "  added person ada (Ada)  data/people.yaml:3"
    # Bob's commit moved Ada's lines without changing her.
    assert "  Bob\n" not in result.stdout


def test_log_finds_a_record_by_name(run: Run, tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("Ada", {"data/people.yaml": people(("ada", "Ada Lovelace"))})
    by_name = run("log", "Lovelace", "--format", "json", data=repo.root / "data")
    entries = json.loads(by_name.stdout)
    assert [(e["id"], e["change"], e["subject"]) for e in entries] == [("ada", "added", "Ada")]


def test_a_removed_record_is_found_by_its_id(run: Run, tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("Both", {"data/people.yaml": people(("ada", "Ada"), ("bob", "Bob"))})
    repo.commit("Bob left", {"data/people.yaml": people(("ada", "Ada"))})
    result = run("log", "bob", "--format", "json", data=repo.root / "data")
    assert result.exit_code == 0, result
    changes = [(e["subject"], e["change"]) for e in json.loads(result.stdout)]
    assert changes == [("Bob left", "removed"), ("Both", "added")]


def test_a_record_moved_to_another_file(run: Run, tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("Both", {"data/a.yaml": people(("ada", "Ada"), ("bob", "Bob"))})
    repo.commit(
        "Bob to his own file",
        {"data/a.yaml": people(("ada", "Ada")), "data/b.yaml": people(("bob", "Bob"))},
    )
    result = run("log", "bob", "--format", "json", data=repo.root / "data")
    entries = json.loads(result.stdout)
    assert [(e["subject"], e["change"], e.get("moved_from")) for e in entries] == [
        ("Bob to his own file", "moved", "data/a.yaml"),
        ("Both", "added", None),
    ]


def test_a_merge_that_only_brings_a_branch_in_is_not_a_change(run: Run, tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit(
        "Start", {"data/a.yaml": people(("ada", "Ada")), "data/b.yaml": people(("bob", "Bob"))}
    )
    repo.git("checkout", "-q", "-b", "side")
    repo.commit("Ada renamed on a branch", {"data/a.yaml": people(("ada", "Ada L."))})
    repo.git("checkout", "-q", "main")
    repo.commit("Bob renamed on main", {"data/b.yaml": people(("bob", "Robert"))})
    repo.git("merge", "-q", "--no-edit", "side")
    ada = json.loads(run("log", "ada", "--format", "json", data=repo.root / "data").stdout)
    assert [e["subject"] for e in ada] == ["Ada renamed on a branch", "Start"]
    bob = json.loads(run("log", "bob", "--format", "json", data=repo.root / "data").stdout)
    assert [e["subject"] for e in bob] == ["Bob renamed on main", "Start"]


@pytest.mark.parametrize(
    "broken",
    [
        "version: 1\npeople:\n  - id: ada\n    name: [Ada\n",
        # A repeated key: YAML calls the file invalid, whichever value a reader would keep.
        "version: 1\npeople:\n  - id: ada\n    name: Ada\n    name: Ada B.\n",
    ],
)
def test_a_revision_that_cannot_be_read_is_reported(run: Run, tmp_path: Path, broken: str) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("Ada", {"data/people.yaml": people(("ada", "Ada"))})
    repo.commit("Broken", {"data/people.yaml": broken})
    repo.commit("Mended", {"data/people.yaml": people(("ada", "Ada"))})
    result = run("log", "ada", "--format", "json", data=repo.root / "data")
    assert result.exit_code == 0, result
    assert "data/people.yaml:" in result.stderr
    assert "versions that could not be read" in result.stderr
    assert [e["subject"] for e in json.loads(result.stdout)] == ["Mended", "Broken", "Ada"]


def test_outside_a_repository_exit_2(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "plain.yaml"
    data.write_text(people(("ada", "Ada")), encoding="utf-8")
    result = run("log", "ada", data=data, env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert result.exit_code == 2
    assert "is not inside a git repository" in result.stderr


# The log follows a record's lines through each commit's hunks instead of reading every
# version: it must find exactly what reading and comparing every version finds.


def _naive_log(repository: Repository, record_id: str) -> list[tuple[str, RecordChange]]:
    def version(commit: str) -> RecordVersion | None:
        snapshot = whole(at_commit(repository, commit))
        return next((r for k, r in snapshot.records.items() if k[1] == record_id), None)

    entries = []
    for commit in repository.history("HEAD"):
        new = version(commit.id)
        old = version(commit.parents[0]) if commit.parents else None
        change: RecordChange | None
        if old is None:
            change = RecordChange(ChangeKind.ADDED, None, new) if new else None
        elif new is None:
            change = RecordChange(ChangeKind.REMOVED, old, None)
        else:
            change = record_change(old, new)
        if change is not None:
            entries.append((commit.id, change))
    return entries


IDS = ["ada", "bob", "cy", "dee"]
FILES = ["data/a.yaml", "data/b.yaml"]
edits = st.lists(
    st.tuples(
        st.sampled_from(["rename", "add", "remove", "move", "comment", "swap", "flow", "break"]),
        st.sampled_from(IDS),
        st.integers(0, 3),
    ),
    min_size=1,
    max_size=7,
)


def _render(records: list[dict[str, str]], comments: int, flow: set[str]) -> str:
    lines = ["version: 1", "people:"]
    for index, record in enumerate(records):
        if index < comments:
            lines += ["", f"  # note {index}"]
        if record["id"] in flow:
            lines.append(f"  - {{id: {record['id']}, name: {record['name']}}}")
        else:
            lines += [f"  - id: {record['id']}", f"    name: {record['name']}"]
    return "\n".join(lines) + "\n"


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits)
def test_the_log_finds_what_reading_every_version_finds(
    tmp_path_factory: object, steps: list[tuple[str, str, int]]
) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        repo = Repo(Path(folder) / "repo")
        files: dict[str, list[dict[str, str]]] = {
            FILES[0]: [{"id": "ada", "name": "Ada"}],
            FILES[1]: [],
        }
        comments = dict.fromkeys(FILES, 0)
        flow: set[str] = set()

        def commit(subject: str, broken: str = "") -> None:
            texts = {
                name: (_render(records, comments[name], flow) if name != broken else "people: [\n")
                for name, records in files.items()
            }
            repo.commit(subject, texts)

        commit("start")
        for number, (action, record_id, n) in enumerate(steps):
            holder = next(
                (f for f, rs in files.items() if any(r["id"] == record_id for r in rs)), None
            )
            if action == "add" and holder is None:
                files[FILES[n % 2]].insert(
                    n % (len(files[FILES[n % 2]]) + 1), {"id": record_id, "name": record_id.title()}
                )
            elif holder is not None:
                records = files[holder]
                index = next(i for i, r in enumerate(records) if r["id"] == record_id)
                if action == "rename":
                    records[index]["name"] += f" {n}"
                elif action == "remove":
                    records.pop(index)
                elif action == "move":
                    other = FILES[1] if holder == FILES[0] else FILES[0]
                    files[other].insert(n % (len(files[other]) + 1), records.pop(index))
                elif action == "swap" and len(records) > 1:
                    records[index], records[index - 1] = records[index - 1], records[index]
                elif action == "flow":
                    flow.symmetric_difference_update({record_id})
            if action == "comment":
                comments[FILES[n % 2]] = (comments[FILES[n % 2]] + 1) % 3
            commit(f"step {number}", broken=FILES[n % 2] if action == "break" else "")

        repository = Repository.containing(repo.root / "data")
        try:
            for record_id in IDS:
                entries, _ = record_log(repository, record_id, repository.commit("HEAD"))
                tracked = [(e.commit.id, e.change) for e in entries]
                assert tracked == _naive_log(repository, record_id), record_id
        finally:
            repository.close()
