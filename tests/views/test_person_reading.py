"""A person's reading (how the native name is read) is shown under the name, in each
language's label."""

from __future__ import annotations

import pytest

from tests.conftest import Run, Write
from tests.export.test_vcard_clients import PEOPLE


@pytest.mark.parametrize(("lang", "label"), [("en", "Reading"), ("de", "Lesung"), ("ja", "読み")])
def test_show_prints_the_reading(run: Run, write: Write, lang: str, label: str) -> None:
    result = run("show", "norihiko-fukuda", "--lang", lang, data=write(PEOPLE))
    assert result.exit_code == 0, result
    lines = result.stdout.splitlines()
    assert lines[2].split() == [label, "ふくだ", "のりひこ"]
