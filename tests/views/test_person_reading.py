"""A person's reading (how the native name is read) is shown under the name, in each
language's label."""

from __future__ import annotations

import pytest

from tests.conftest import Run, Write

DATA = """\
organisations:
  - {id: city, name: City of Kawasaki, native_name: 川崎市, country: JP}
people:
  - id: norihiko-fukuda
    name: Norihiko Fukuda
    family_name: Fukuda
    given_name: Norihiko
    native_name: 福田 紀彦
    reading: ふくだ のりひこ
"""


@pytest.mark.parametrize(("lang", "label"), [("en", "Reading"), ("de", "Lesung"), ("ja", "読み")])
def test_show_prints_the_reading(run: Run, write: Write, lang: str, label: str) -> None:
    result = run("show", "norihiko-fukuda", "--lang", lang, data=write(DATA))
    assert result.exit_code == 0, result
    lines = result.stdout.splitlines()
    assert lines[2].split() == [label, "ふくだ", "のりひこ"]
