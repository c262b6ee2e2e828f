"""YAML can write NaN and infinities; JSON cannot hold them (RFC 8259, section 6): the data
refuses them, and every number that passes is written as valid JSON."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Run


def _data(tmp_path: Path, value: str) -> Path:
    path = tmp_path / "d.yaml"
    path.write_text(
        "version: 1\nclusters:\n  - id: a\n    name: A\n    figures:\n"
        f"      - label: Count\n        value: {value}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("written", "named"),
    [(".nan", ".nan"), (".NaN", ".nan"), (".inf", ".inf"), ("+.Inf", ".inf"), ("-.INF", "-.inf")],
)
def test_nan_and_infinity_are_refused_at_their_line(
    run: Run, tmp_path: Path, written: str, named: str
) -> None:
    data = _data(tmp_path, written)
    result = run("validate", str(data), data=None)
    assert result.exit_code == 1
    assert result.stdout.startswith(
        f"d.yaml:7:16: error: a figures[0].value: {named} is not a finite number: JSON and the"
        " documents made from the data have no place for it\n"
        '  hint: write a number, or a text in quotes such as "unknown"\n'
    ), result.stdout
    exported = run("export", "--format", "json", data=data)
    assert exported.exit_code == 1 and exported.stdout == ""


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(10**15), 10**15))
def test_every_number_the_data_takes_is_exported_as_json(
    run: Run, tmp_path: Path, number: float
) -> None:
    data = _data(tmp_path, json.dumps(number))
    result = run("export", "--format", "json", data=data)
    assert result.exit_code == 0, result
    value = json.loads(result.stdout, parse_constant=pytest.fail)["clusters"][0]["figures"][0]
    assert value["value"] == number and math.isfinite(value["value"])
