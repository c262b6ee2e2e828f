"""The official YAML test suite through `dossier validate`: every case ends in seconds with a
report (never a hang or an internal error), and every case YAML itself refuses is an error.

Each valid case the suite gives a value for (its `in.json`, from the suite's data branch, MIT
licensed like the cases) is read by the data reader to exactly that value, but for the cases
`refused.json` lists with their reason: refused by the data format's policy (tags, several
documents, aliases as keys) or read otherwise by libyaml, the parser the reader stands on."""

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
KNOWN: dict[str, str] = json.loads(
    (ROOT / "tests" / "yaml_suite" / "refused.json").read_text(encoding="utf-8")
)
WITH_VALUES = [case for case in CASES if "json" in case]


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


def test_every_valid_case_is_read_to_the_suites_value_or_listed_with_its_reason() -> None:
    from dossier.datafile.yaml_reader import parse_yaml

    assert len(WITH_VALUES) == 276
    otherwise = {}
    for case in WITH_VALUES:
        document = parse_yaml(case["yaml"].encode("utf-8"))
        documents = case["json"]
        expected = documents[0] if len(documents) == 1 else documents or None
        if document.problems or document.data != expected:
            otherwise[case["id"]] = document.problems[0].message if document.problems else "value"
    assert set(otherwise) == set(KNOWN)
    for case_id, reason in KNOWN.items():
        assert reason.startswith(("policy: ", "libyaml: "))
        if otherwise[case_id] != "value":
            assert reason.endswith(otherwise[case_id])


@pytest.mark.parametrize(
    ("text", "value", "problem"),
    [
        # Read as YAML says, where libyaml read another value.
        ("foo: |\n  x\n   ", {"foo": "x\n \n"}, None),
        ("- |+\n   ", ["\n"], None),
        ("- ! 12\n- 12\n", ["12", 12], None),
        # Refused at their place, where libyaml read another value.
        ("{ ?foo: bar }\n", None, (1, 3, "'?foo' is a key to some YAML readers and a text")),
        ("[?x]\n", None, (1, 2, "'?x' is a key to some YAML readers and a text to others")),
        ("key: &an:chor value\n", None, (1, 6, "the name &an:chor holds ':', which YAML")),
        ("a: &x 1\nb: *x:y\n", None, (2, 4, "the name *x:y holds ':', which YAML readers")),
    ],
)
def test_values_libyaml_reads_otherwise_are_read_right_or_refused(
    text: str, value: Any, problem: tuple[int, int, str] | None
) -> None:
    from dossier.datafile.yaml_reader import parse_yaml

    document = parse_yaml(text.encode("utf-8"))
    if problem is None:
        assert document.problems == []
        assert document.data == value
    else:
        first = document.problems[0]
        assert (first.line, first.column) == problem[:2]
        assert first.message.startswith(problem[2])
