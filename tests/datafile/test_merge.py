"""`dossier merge KEEP DROP`: two records of one person folded into one, every reference
rewritten in every file, DROP's id kept as an alias; a dry run first; refused on a
disagreement unless --prefer says who wins."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run

TWO = """\
people:
  - id: norihiko-fukuda
    name: Norihiko Fukuda
    native_name: 福田紀彦
    roles: [{title: Mayor, organisation: city}]
    sources: [s1]

  - id: fukuda-norihiko
    name: FUKUDA Norihiko
    native_name: 福田 紀彦
    honorific: Mayor
    email: [mayor@city.example.jp]
    notes: Prefers mornings.
    sources: [s1, s2]
organisations:
  - {id: city, name: City, sources: [s1]}
sources: [{id: s1, title: S1}, {id: s2, title: S2}]
"""
EVENTS = """\
events:
  - id: visit
    title: Visit
    date: 2027-04-14
    parties: [city]
    people:
      - {person: fukuda-norihiko, role: host}
    follow_ups:
      - {action: Call, owner: fukuda-norihiko}
    sources: [s1]
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "people.yaml").write_text(TWO, encoding="utf-8")
    (data / "events.yaml").write_text(EVENTS, encoding="utf-8")
    return data


def test_the_duplicate_warning_then_a_dry_run_then_the_merge(run: Run, folder: Path) -> None:
    assert "possible-duplicate" in run("validate", data=folder).stdout
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    dry = run("merge", "norihiko-fukuda", "fukuda-norihiko", data=folder)
    assert dry.exit_code == 0, dry
    assert "+      - {person: norihiko-fukuda, role: host}" in dry.stdout
    assert "(a dry run: --apply writes)" in dry.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    done = run("merge", "norihiko-fukuda", "fukuda-norihiko", "--apply", data=folder)
    assert done.exit_code == 0, done
    people = (folder / "people.yaml").read_text(encoding="utf-8")
    assert "id: fukuda-norihiko" not in people
    assert "    honorific: Mayor\n" in people and "    sources: [s1, s2]\n" in people
    assert "    aliases: [fukuda-norihiko]\n" in people
    events = (folder / "events.yaml").read_text(encoding="utf-8")
    assert "fukuda-norihiko" not in events
    assert "      - {person: norihiko-fukuda, role: host}\n" in events
    checked = run("validate", data=folder)
    assert checked.exit_code == 0 and "possible-duplicate" not in checked.stdout
    # The old id still finds the record.
    assert run("show", "fukuda-norihiko", data=folder).stdout.startswith(
        "Mayor Norihiko Fukuda · 福田紀彦  person norihiko-fukuda"
    )


def test_a_disagreement_is_refused_unless_prefer_says_who_wins(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "d.yaml"
    data.write_text(
        "people:\n  - {id: a, name: Ann Lee, honorific: Dr.}\n  - {id: b, name: Ann Lee,"
        " honorific: Prof.}\n",
        encoding="utf-8",
    )
    before = data.read_bytes()
    refused = run("merge", "a", "b", "--apply", data=data)
    assert refused.exit_code == 2
    assert "disagree on honorific: 'Dr.' / 'Prof.'" in refused.stderr
    assert data.read_bytes() == before
    assert run("merge", "a", "b", "--prefer", "drop", "--apply", data=data).exit_code == 0
    assert (
        data.read_text("utf-8")
        == "people:\n  - {id: a, name: Ann Lee, honorific: Prof., aliases: [b]}\n"
    )


def test_records_of_different_kinds_are_not_merged(run: Run, folder: Path) -> None:
    result = run("merge", "norihiko-fukuda", "city", data=folder)
    assert result.exit_code == 2
    assert "are not records of the same kind" in result.stderr


def _plain(text: str) -> object:
    import yaml

    return yaml.load(text, Loader=yaml.BaseLoader)


def test_flow_and_block_role_lists_are_joined_in_their_own_style(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "d.yaml"
    data.write_text(
        "organisations:\n  - {id: city, name: City}\n  - {id: port, name: Port}\n"
        "people:\n"
        "  - id: norihiko-fukuda\n    name: Norihiko Fukuda\n"
        "    roles:\n      - {title: Mayor, organisation: city}\n"
        "  - id: fukuda-norihiko\n    name: FUKUDA Norihiko\n"
        "    roles:\n      - {title: Chair, organisation: port}\n",
        encoding="utf-8",
    )
    done = run("merge", "norihiko-fukuda", "fukuda-norihiko", "--apply", data=data)
    assert done.exit_code == 0, done
    text = data.read_text("utf-8")
    assert (
        "    roles:\n      - {title: Mayor, organisation: city}\n"
        "      - {title: Chair, organisation: port}\n"
    ) in text
    block = tmp_path / "b.yaml"
    block.write_text(
        "organisations:\n  - {id: city, name: City}\n  - {id: port, name: Port}\n"
        "people:\n"
        "  - id: a\n    name: Ann Lee\n    roles:\n      - title: Mayor\n        organisation: city\n"
        "  - {id: b, name: Ann Lee, roles: [{title: Chair, organisation: port}]}\n",
        encoding="utf-8",
    )
    assert run("merge", "a", "b", "--apply", data=block).exit_code == 0
    read = _plain(block.read_text("utf-8"))
    assert isinstance(read, dict)
    assert read["people"] == [
        {
            "id": "a",
            "name": "Ann Lee",
            "roles": [
                {"title": "Mayor", "organisation": "city"},
                {"title": "Chair", "organisation": "port"},
            ],
            "aliases": ["b"],
        }
    ]


def test_prefer_keep_leaves_a_folded_block_scalar_as_it_is(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "d.yaml"
    text = (
        "people:\n"
        "  - id: a\n    name: Ann Lee\n    honorific: Dr.\n    notes: >-\n"
        "      Prefers mornings;\n      speaks German.\n"
        "  - id: b\n    name: Ann Lee\n    honorific: Prof.\n    notes: Met in 2019.\n"
    )
    data.write_text(text, encoding="utf-8")
    assert run("merge", "a", "b", "--prefer", "keep", "--apply", data=data).exit_code == 0
    after = data.read_text("utf-8")
    assert after.startswith(
        "people:\n  - id: a\n    name: Ann Lee\n    honorific: Dr.\n    notes: |-\n"
        "      Prefers mornings; speaks German.\n\n      Met in 2019.\n"
    )
    read = _plain(after)
    assert isinstance(read, dict)
    assert read["people"][0]["notes"] == "Prefers mornings; speaks German.\n\nMet in 2019."


def test_a_record_kept_from_some_readers_is_not_folded_into_one_they_read(
    run: Run, tmp_path: Path
) -> None:
    data = tmp_path / "d.yaml"
    data.write_text(
        "people:\n  - {id: a, name: Ann Lee}\n"
        "  - {id: b, name: Ann Lee, audience: internal, notes: Difficult negotiator.}\n",
        encoding="utf-8",
    )
    before = data.read_bytes()
    refused = run("merge", "a", "b", "--apply", data=data)
    assert refused.exit_code == 2
    assert "'b' is for internal readers and 'a' for public" in refused.stderr
    assert data.read_bytes() == before
