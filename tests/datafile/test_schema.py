"""The schema and the reader agree: what `validate` accepts, `dossier schema` describes, and
what `export --format json` writes, the schema accepts (checked by check-jsonschema itself)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings

from dossier.datafile.load import load
from dossier.datafile.schema import build_schema
from dossier.export.to_json import export_json
from dossier.model.dossier import Dossier
from dossier.model.records import TOP_LEVEL_KEYS
from tests.conftest import SAMPLE, TODAY, Run
from tests.strategies import dossiers


def _check_jsonschema(schema: Path, *instances: Path) -> subprocess.CompletedProcess[str]:
    executable = shutil.which("check-jsonschema")
    assert executable, "check-jsonschema is a test dependency"
    return subprocess.run(
        [executable, "--schemafile", str(schema), *map(str, instances)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_every_top_level_key_the_reader_accepts_is_in_the_schema(tmp_path: Path) -> None:
    schema = build_schema()
    assert list(schema["properties"]) == list(TOP_LEVEL_KEYS)
    assert schema["additionalProperties"] is False
    # One file with every setting and an empty section of each kind: both accept it.
    settings_text = "version: 1\nhome: null\nlang: de\nexpiry_notice: 90\n"
    sections = "".join(f"{key}: []\n" for key in TOP_LEVEL_KEYS if key not in settings_text)
    path = tmp_path / "keys.yaml"
    path.write_text(settings_text + sections, encoding="utf-8")
    assert load([path], TODAY).problems == []
    schema_path = tmp_path / "schema.json"
    schema_path.write_text(json.dumps(schema), encoding="utf-8")
    result = _check_jsonschema(schema_path, path)
    assert result.returncode == 0, result.stdout


def test_a_language_the_reader_refuses_the_schema_refuses(tmp_path: Path, run: Run) -> None:
    path = tmp_path / "fr.yaml"
    path.write_text("lang: fr\n", encoding="utf-8")
    result = run("validate", data=path)
    assert result.exit_code == 1
    assert result.stdout == (
        "fr.yaml:1:7: error: lang: unknown language 'fr'\n  hint: write one of en, de, ja\n"
    )
    schema_path = tmp_path / "schema.json"
    schema_path.write_text(json.dumps(build_schema()), encoding="utf-8")
    assert _check_jsonschema(schema_path, path).returncode == 1


def test_the_json_export_of_the_sample_validates_against_dossier_schema(
    run: Run, tmp_path: Path
) -> None:
    assert run("schema", "-o", "schema.json").exit_code == 0
    assert run("export", "--format", "json", "-o", "sample.json").exit_code == 0
    assert '"lang": null' in (tmp_path / "sample.json").read_text(encoding="utf-8")
    result = _check_jsonschema(tmp_path / "schema.json", tmp_path / "sample.json", SAMPLE)
    assert result.returncode == 0, result.stdout


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(dossier=dossiers())
def test_the_json_export_of_any_dossier_validates_against_the_schema(dossier: Dossier) -> None:
    jsonschema.Draft202012Validator(build_schema()).validate(json.loads(export_json(dossier)))


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(dossier=dossiers())
def test_check_jsonschema_accepts_generated_exports(tmp_path: Path, dossier: Dossier) -> None:
    schema_path = tmp_path / "schema.json"
    schema_path.write_text(json.dumps(build_schema()), encoding="utf-8")
    exported = tmp_path / "export.json"
    exported.write_bytes(export_json(dossier))
    result = _check_jsonschema(schema_path, exported)
    assert result.returncode == 0, result.stdout
