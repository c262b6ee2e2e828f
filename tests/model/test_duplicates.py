"""Likely duplicates: told by native name, Latin name in either order, e-mail address; named
with the other record's place; found by the very normalisation lookups use."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier.model.lookup import normalize
from tests.conftest import Run

TWO_FUKUDAS = """\
people:
  - {id: norihiko-fukuda, name: Norihiko Fukuda, native_name: 福田紀彦, sources: [s]}
  - {id: fukuda-norihiko, name: FUKUDA Norihiko, native_name: 福田 紀彦, sources: [s]}
  - {id: other, name: Taro Yamada, native_name: 山田太郎, sources: [s]}
sources: [{id: s, title: S}]
"""


def test_two_records_of_one_person_draw_one_warning_naming_both_places(
    run: Run, tmp_path: Path
) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(TWO_FUKUDAS, encoding="utf-8")
    result = run("validate", "d.yaml", "--ignore", "no-current-role", data=None)
    assert result.exit_code == 0
    assert result.stdout == (
        "d.yaml:3:5: warning: fukuda-norihiko: likely the same person as 'norihiko-fukuda'"
        " (d.yaml:2): the same native name, 福田 紀彦 [possible-duplicate]\n"
        "  hint: dossier merge norihiko-fukuda fukuda-norihiko folds the second into the first"
        " (its id stays an alias), or tell the two apart\n"
    )
    failing = run("validate", str(path), "--fail-on", "possible-duplicate", data=None)
    assert failing.exit_code == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("{id: a, name: Max Pöhlmann}", "{id: b, name: POEHLMANN max}"),
        ("{id: a, name: A, email: [x@example.org]}", "{id: b, name: B, email: [X@Example.org]}"),
        ("{id: a, name: A, native_name: 川崎市}", "{id: b, name: B, native_name: 川崎市}"),
    ],
)
def test_each_sign_of_a_duplicate(run: Run, tmp_path: Path, first: str, second: str) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(f"people:\n  - {first}\n  - {second}\n", encoding="utf-8")
    result = run("validate", str(path), "--fail-on", "possible-duplicate", data=None)
    assert result.exit_code == 1
    assert "b: likely the same person as 'a'" in result.stdout


def test_different_people_draw_no_warning(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(
        "people:\n  - {id: a, name: Max Pohl}\n  - {id: b, name: Max Pohlmann}\n", "utf-8"
    )
    assert "possible-duplicate" not in run("validate", str(path), data=None).stdout


def test_the_sample_has_no_duplicate(run: Run) -> None:
    assert "possible-duplicate" not in run("validate", "--strict").stdout


def test_lookups_fold_as_the_duplicate_check_does(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(TWO_FUKUDAS, encoding="utf-8")
    assert "matches 2 records" in run("show", "福田 紀彦", data=path).stderr
    assert run("show", "muenchen").stdout.startswith("Munich Biotech Cluster")


@given(st.text(alphabet="福田紀彦山川 ", min_size=1, max_size=8))
def test_spaces_between_japanese_characters_never_matter(name: str) -> None:
    assert normalize(name) == normalize(name.replace(" ", "")) or not name.strip()
