"""The official YAML test suite through `dossier validate`: every case ends in seconds with a
report (never a hang or an internal error), and every case YAML itself refuses is an error."""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from tests.conftest import ROOT, Run

CASES: list[dict[str, Any]] = json.loads(
    (ROOT / "tests" / "yaml_suite" / "cases.json").read_text(encoding="utf-8")
)
SECONDS = 10


class _Hung(Exception):
    pass


@contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    """Fail a case that runs past `seconds` instead of hanging the whole suite."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise _Hung

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_the_suite_has_its_cases() -> None:
    assert len(CASES) == 402
    assert sum(case["fail"] for case in CASES) == 94


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_every_yaml_suite_case_is_answered(run: Run, tmp_path: Path, case: dict[str, Any]) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(case["yaml"], encoding="utf-8")
    try:
        with _deadline(SECONDS):
            result = run("validate", str(path), data=None)
    except _Hung:
        pytest.fail(f"{case['id']} ({case['name']}) ran past {SECONDS} s")
    assert result.exit_code in (0, 1), result
    assert "This is a bug" not in result.stderr
    if case["fail"]:
        assert result.exit_code == 1, f"{case['id']} is invalid YAML but validated"
