"""Arbitrary input never crashes `dossier`: only the project's own errors come out."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from dossier.cli import app
from dossier.datafile.load import load
from dossier.model.dossier import Dossier
from dossier.model.records import SECTIONS
from tests.conftest import CLI_ENV, TODAY
from tests.strategies import dossiers

FIELD_NAMES = sorted(
    {f.name for model in SECTIONS.values() for f in dataclasses.fields(model)}
    | {"for", "person", "action", "time", "label", "value", "as_of", "due", "done"}
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(
        ["2017", "2017-02", "2017-02-30", "kawasaki", "JP", "NO", "10:30", "Asia/Tokyo"]
    ),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=25,
)
RECORD = st.dictionaries(st.sampled_from(FIELD_NAMES), VALUES, max_size=8).map(
    lambda r: {"id": "x", **r}
)
DOSSIER = st.dictionaries(
    st.sampled_from([*SECTIONS, "home", "version", "bogus"]),
    st.lists(RECORD, max_size=4) | VALUES,
    max_size=5,
)
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "fuzz.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


@SETTINGS
@given(text=st.binary(max_size=300))
def test_random_bytes_load_without_crashing(tmp_path: Path, text: bytes) -> None:
    load([_write(tmp_path, text)], TODAY)


@SETTINGS
@given(text=st.text(max_size=300))
def test_random_text_loads_without_crashing(tmp_path: Path, text: str) -> None:
    load([_write(tmp_path, text.encode("utf-8", "replace"))], TODAY)


@SETTINGS
@given(data=DOSSIER, style=st.sampled_from(["block", "flow"]))
def test_random_dossier_shapes_load_without_crashing(tmp_path: Path, data: Any, style: str) -> None:
    text = json.dumps(data) if style == "flow" else yaml.safe_dump(data, allow_unicode=True)
    result = load([_write(tmp_path, text)], TODAY)
    lines = text.count("\n") + 1
    for problem in result.problems:
        assert problem.message
        # Every problem of a readable file points into it, at a real line and column.
        assert 1 <= problem.line <= lines, problem
        assert problem.column >= 1, problem


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    data=DOSSIER,
    command=st.sampled_from(["validate", "show", "list", "timeline", "search", "export", "brief"]),
)
def test_commands_on_random_data_end_with_a_clean_exit(
    tmp_path: Path, data: Any, command: str
) -> None:
    path = _write(tmp_path, yaml.safe_dump(data, allow_unicode=True))
    args = {
        "show": ["show", "x"],
        "search": ["search", "x"],
        "brief": ["brief", "x", "--format", "md", "-o", "-"],
    }.get(command, [command])
    env = {**CLI_ENV, "DOSSIER_DEBUG": "1"}  # an internal error must surface as an exception
    result = CliRunner().invoke(app, ["--data", str(path), *args], env=env, catch_exceptions=False)
    assert result.exit_code in (0, 1, 2)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(dossier=dossiers(), fmt=st.sampled_from(["md", "docx"]))
def test_every_view_of_a_valid_generated_dossier_works(
    tmp_path: Path, dossier: Dossier, fmt: str
) -> None:
    from dossier.export.to_yaml import export_yaml

    path = _write(tmp_path, export_yaml(dossier))
    env = {**CLI_ENV, "DOSSIER_DEBUG": "1"}
    runner = CliRunner()

    def ok(*args: str, codes: tuple[int, ...] = (0,)) -> None:
        result = runner.invoke(app, ["--data", str(path), *args], env=env, catch_exceptions=False)
        assert result.exit_code in codes, result.output

    for record in dossier.records():
        ok("show", record.id)
    for args in (["timeline"], ["export"], ["export", "--format", "ics"], ["list", "people"]):
        ok(*args)
    for cluster in dossier.clusters[1:]:
        out = tmp_path / f"{cluster.id}.{fmt}"
        # 2: a usage error such as "no home cluster", which generated data may well cause.
        ok("brief", cluster.id, "--format", fmt, "-o", str(out), "--force", codes=(0, 2))
