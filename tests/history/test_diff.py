"""`dossier diff`: records added, removed, changed and moved between versions of the data."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Run
from tests.history.repo import Repo, needs_git

pytestmark = needs_git

PEOPLE = """\
version: 1
# People we meet.
people:
  - id: ada
    name: Ada Lovelace
    honorific: Countess
  - id: bob
    name: Bob Smith
"""

PEOPLE_CHANGED = """\
version: 1
# People we meet.
people:
  - id: ada
    name: Ada Lovelace
    honorific: Countess of Lovelace
    roles:
      - {title: Analyst, organisation: engine}
  - id: cy
    name: Cy Young
"""


def test_two_commits_name_each_record_and_field(run: Run, tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("People", {"data/people.yaml": PEOPLE})
    repo.commit("Ada's title, Bob out, Cy in", {"data/people.yaml": PEOPLE_CHANGED})
    result = run("diff", "HEAD~1", "HEAD", data=repo.root / "data")
    assert result.exit_code == 0, result
    assert result.stdout == (
        "HEAD~1 → HEAD: 3 records changed: 1 added, 1 removed, 1 changed\n"
        "\n"
        "changed  person ada (Ada Lovelace)  data/people.yaml:4\n"
        '  honorific: "Countess" → "Countess of Lovelace"\n'
        '  roles: added [{"title": "Analyst", "organisation": "engine"}]\n'
        "\n"
        "removed  person bob (Bob Smith)  data/people.yaml:7\n"
        "\n"
        "added    person cy (Cy Young)  data/people.yaml:9\n"
    )


def test_json_has_old_and_new_values(run: Run, tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("People", {"data/people.yaml": PEOPLE})
    repo.commit("Changes", {"data/people.yaml": PEOPLE_CHANGED})
    result = run("diff", "HEAD~1", "HEAD", "--format", "json", data=repo.root / "data")
    document = json.loads(result.stdout)
    assert (document["from"], document["to"]) == ("HEAD~1", "HEAD")
    ada = document["records"][0]
    assert ada["id"] == "ada" and ada["change"] == "changed"
    assert ada["fields"][0] == {
        "field": "honorific",
        "old": "Countess",
        "new": "Countess of Lovelace",
    }
    assert ada["fields"][1] == {
        "field": "roles",
        "new": [{"title": "Analyst", "organisation": "engine"}],
    }
    assert [(r["id"], r["change"]) for r in document["records"][1:]] == [
        ("bob", "removed"),
        ("cy", "added"),
    ]


def test_default_compares_the_last_commit_with_the_working_tree(run: Run, tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("People", {"data/people.yaml": PEOPLE})
    repo.write("data/people.yaml", PEOPLE.replace("Bob Smith", "Robert Smith"))
    result = run("diff", data=repo.root / "data")
    assert result.stdout.splitlines()[0] == ("HEAD → working tree: 1 record changed: 1 changed")
    assert '  name: "Bob Smith" → "Robert Smith"' in result.stdout
    one_revision = run("diff", "HEAD", data=repo.root / "data")
    assert one_revision.stdout == result.stdout


def test_identity_by_id_across_files_and_renames(run: Run, tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("People", {"data/people.yaml": PEOPLE})
    # Bob moves to a file of his own; the file of the others is renamed.
    ada_only = PEOPLE.split("  - id: bob")[0]
    bob_file = "version: 1\npeople:\n  - id: bob\n    name: Bob Smith\n"
    repo.git("mv", "data/people.yaml", "data/members.yaml")
    repo.commit("Split", {"data/members.yaml": ada_only, "data/bob.yaml": bob_file})
    result = run("diff", "HEAD~1", "HEAD", data=repo.root / "data")
    assert result.stdout == (
        "HEAD~1 → HEAD: 2 records changed: 2 moved\n"
        "\n"
        "moved    person ada (Ada Lovelace)  moved from data/people.yaml to data/members.yaml:4\n"
        "\n"
        "moved    person bob (Bob Smith)  moved from data/people.yaml to data/bob.yaml:3\n"
    )


def test_nothing_changed(run: Run, tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("People", {"data/people.yaml": PEOPLE})
    repo.commit("Comment only", {"data/people.yaml": PEOPLE.replace("# People", "# All people")})
    result = run("diff", "HEAD~1", "HEAD", data=repo.root / "data")
    assert (result.exit_code, result.stdout) == (0, "HEAD~1 → HEAD: no record changed\n")


def test_a_revision_with_a_syntax_error_is_reported_not_a_crash(run: Run, tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit(
        "People", {"data/people.yaml": PEOPLE, "data/other.yaml": "version: 1\nsources: []\n"}
    )
    repo.commit(
        "Broken, and a new source",
        {
            "data/people.yaml": PEOPLE.replace("name: Bob Smith", "name: [Bob"),
            "data/other.yaml": (
                "version: 1\nsources:\n  - {id: s1, title: A source, url: 'https://example.org'}\n"
            ),
        },
    )
    result = run("diff", "HEAD~1", "HEAD", data=repo.root / "data")
    assert result.exit_code == 0, result
    assert "data/people.yaml:" in result.stderr
    assert "left out of the comparison" in result.stderr
    # The readable file is still compared; the unreadable one's records are neither added
    # nor removed.
    assert "added    source s1 (A source)  data/other.yaml:3" in result.stdout
    assert "ada" not in result.stdout and "bob" not in result.stdout


def test_a_plain_file_that_cannot_be_read_is_left_out_not_emptied(run: Run, tmp_path: Path) -> None:
    """Of two plain files, one unreadable: its records are neither removed nor added, and a
    repeated key (YAML calls the file invalid) makes a version unreadable like a syntax error."""
    old = tmp_path / "old.yaml"
    old.write_text(PEOPLE, encoding="utf-8")
    for broken, said in [
        (PEOPLE.replace("    name: Bob Smith\n", "    name: Bob Smith\n    name: Bo\n"), "9:5"),
        (PEOPLE.replace("name: Bob Smith", "name: [Bob"), "9:"),
    ]:
        new = tmp_path / "new.yaml"
        new.write_text(broken, encoding="utf-8")
        result = run("diff", str(old), str(new), data=None)
        assert result.exit_code == 0, result
        assert result.stdout.endswith(
            "new.yaml: no record changed; 1 file could not be read, its records left out\n"
        )
        assert f"new.yaml:{said}" in result.stderr
        assert "left out of the comparison" in result.stderr


def test_every_format_says_which_file_could_not_be_read(run: Run, tmp_path: Path) -> None:
    """A pull request's comment or check shows no stderr: the fault is in the output too."""
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(PEOPLE, encoding="utf-8")
    new.write_text(PEOPLE.replace("name: Bob Smith", "name: [Bob"), encoding="utf-8")

    def diff(fmt: str) -> str:
        result = run("diff", str(old), str(new), "--format", fmt, data=None)
        assert result.exit_code == 0, result
        return result.stdout

    (fault,) = json.loads(diff("json"))["unreadable"]
    assert (Path(fault["file"]).name, fault["line"]) == ("new.yaml", 9)
    assert "YAML syntax error" in fault["message"]
    markdown = diff("markdown")
    assert "no record changed; 1 file could not be read, its records left out." in markdown
    assert "- **not read** " in markdown and "new.yaml:9:" in markdown
    (annotation,) = diff("github").splitlines()
    assert annotation.startswith("::error file=") and ",line=9," in annotation


def test_two_files_without_git(run: Run, tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_text(PEOPLE, encoding="utf-8")
    new.write_text(PEOPLE_CHANGED, encoding="utf-8")
    result = run("diff", str(old), str(new), data=None)
    assert result.exit_code == 0, result
    assert "3 records changed: 1 added, 1 removed, 1 changed" in result.stdout
    assert "moved from" not in result.stdout


def test_markdown_and_github(run: Run, tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("People", {"data/people.yaml": PEOPLE})
    repo.commit("Changes", {"data/people.yaml": PEOPLE_CHANGED})
    markdown = run("diff", "HEAD~1", "HEAD", "--format", "markdown", data=repo.root / "data")
    assert markdown.stdout.startswith("### Dossier changes: HEAD\\~1 → HEAD\n")
    assert "- **removed** person bob (Bob Smith) (data/people.yaml:7)" in markdown.stdout
    github = run("diff", "HEAD~1", "HEAD", "--format", "github", data=repo.root / "data")
    lines = github.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("::notice file=data/people.yaml,line=4,col=1,title=")
    assert '%0Ahonorific: "Countess" → "Countess of Lovelace"' in lines[0]


def test_outside_a_repository_exit_2(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "plain" / "people.yaml"
    data.parent.mkdir()
    data.write_text(PEOPLE, encoding="utf-8")
    result = run("diff", data=data, env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert result.exit_code == 2
    assert "is not inside a git repository" in result.stderr


def test_a_revision_that_names_no_commit_exit_2(run: Run, tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("People", {"data/people.yaml": PEOPLE})
    result = run("diff", "HEAD~5", data=repo.root / "data")
    assert result.exit_code == 2
    assert "'HEAD~5' is not a commit in the repository" in result.stderr


def test_the_sample_never_stands_in(run: Run, tmp_path: Path) -> None:
    result = run("diff", data=None)
    assert result.exit_code == 2
    assert "no data found" in result.stderr


def test_values_equal_in_python_but_not_in_the_data_are_a_change(run: Run, tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_text("events:\n  - {id: e, follow_ups: [{action: A, done: true}]}\n", "utf-8")
    new.write_text("events:\n  - {id: e, follow_ups: [{action: A, done: 1}]}\n", "utf-8")
    result = run("diff", str(old), str(new), data=None)
    assert "  follow_ups[0].done: true → 1\n" in result.stdout


def test_a_quote_in_a_value_reads_as_a_quote_when_the_comment_is_rendered(
    run: Run, tmp_path: Path
) -> None:
    import shutil
    import subprocess

    import pytest

    repo = Repo(tmp_path / "repo")
    repo.commit("People", {"data/people.yaml": PEOPLE})
    quoted = PEOPLE.replace("honorific: Countess", "honorific: 'Countess \"Ada\" \\ of L.'")
    repo.commit("Quoted", {"data/people.yaml": quoted})
    text = run("diff", "HEAD~1", "HEAD", data=repo.root / "data").stdout
    assert 'honorific: "Countess" → "Countess "Ada" \\ of L."' in text
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed (apt-get install pandoc)")
    markdown = run("diff", "HEAD~1", "HEAD", "--format", "markdown", data=repo.root / "data")
    shown = subprocess.run(
        ["pandoc", "-f", "gfm", "-t", "plain", "--wrap=none"],
        input=markdown.stdout,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert 'honorific: "Countess" → "Countess "Ada" \\ of L."' in shown
