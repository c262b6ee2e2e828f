"""`dossier stale`: facts checked longest ago, those never dated first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.model.stale import parse_age
from tests.conftest import Run

DATED = """\
clusters:
  - id: fresh
    name: Fresh
    verified: 2026-06
    sources: [s]
  - id: old
    name: Old
    verified: 2019-03-01
    figures:
      - {label: Staff, value: 10, source: s2, verified: 2024-01}
      - {label: Area, value: 5}
    sources: [s]
  - id: by-source
    name: By source
    sources: [s2]
people:
  - id: p
    name: P
    roles: [{title: Head, verified: 2018}]
    sources: [s]
sources:
  - {id: s, title: S}
  - {id: s2, title: S2, published: 2021-05-04}
"""


def test_facts_are_listed_oldest_first_with_undated_ones_first(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "dated.yaml"
    data.write_text(DATED, encoding="utf-8")
    found = json.loads(run("stale", "--format", "json", data=data).stdout)
    listed = [(f["record"], f["fact"], f["as_of"], f["from"]) for f in found]
    assert listed == [
        ("old", "figures[1]", "", "nothing"),
        ("p", "(record)", "", "nothing"),
        ("p", "roles[0]", "2018", "verified"),
        ("old", "(record)", "2019-03-01", "verified"),
        ("by-source", "(record)", "2021-05-04", "source"),
        ("old", "figures[0]", "2024-01", "verified"),
    ]
    assert found[2]["hint"] == "check it against a source and set roles[0].verified: YYYY-MM-DD"
    recent = json.loads(run("stale", "--older-than", "5y", "--format", "json", data=data).stdout)
    assert [f["as_of"] for f in recent] == ["", "", "2018", "2019-03-01", "2021-05-04"]
    assert (
        json.loads(run("stale", "--older-than", "9y", "--format", "json", data=data).stdout)[2:]
        == []
    )


def test_the_sample_lists_its_unverified_facts(run: Run) -> None:
    result = run("stale", "--format", "json")
    assert result.exit_code == 0
    found = json.loads(result.stdout)
    undated = [f for f in found if f["from"] == "nothing"]
    assert undated and found[: len(undated)] == undated  # the never-dated ones first
    dated = [f["as_of"] for f in found[len(undated) :]]
    assert dated == sorted(dated, key=lambda d: (d + "-00-00")[:10])


@pytest.mark.parametrize(("text", "days"), [("2y", 730), ("18m", 540), ("6w", 42), ("90d", 90)])
def test_ages(text: str, days: int) -> None:
    assert parse_age(text).days == days


def test_a_bad_age_is_a_usage_error(run: Run) -> None:
    result = run("stale", "--older-than", "soon")
    assert (result.exit_code, result.stderr) == (
        2,
        "dossier: --older-than: 'soon' is not an age such as 2y, 18m, 6w or 90d\n",
    )
