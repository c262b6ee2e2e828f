"""Exports, the schema and `init`: stable bytes, round trips, files other tools accept."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import icalendar
from hypothesis import HealthCheck, given, settings

from dossier.datafile.load import load
from dossier.datafile.schema import schema_text
from dossier.export.plain import as_data
from dossier.export.to_yaml import export_yaml
from dossier.model.dossier import Dossier
from dossier.model.records import Cluster, Event, Organisation, Person, Source
from tests.conftest import ROOT, SAMPLE, TODAY, Run, Write
from tests.programs import needs_libreoffice, needs_program, sheet_as_csv, soffice_command
from tests.strategies import dossiers


def test_json_export_is_byte_for_byte_stable_and_keeps_date_precision(run: Run) -> None:
    first, second = run("export").stdout, run("export").stdout
    assert first == second
    assert first.endswith("}\n")
    data = json.loads(first)
    assert data["home"] == "munich"
    visit = next(e for e in data["events"] if e["id"] == "kawasaki-delegation-2017-02")
    assert visit["date"] == "2017-02"
    assert "キング スカイフロント" in first  # UTF-8, not \\u escapes


@needs_program("jq")
def test_jq_reads_the_json_export(run: Run, tmp_path: Path) -> None:
    run("export", "-o", "d.json")
    out = subprocess.run(
        ["jq", "-r", ".clusters[1].name.ja", str(tmp_path / "d.json")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout == "キング スカイフロント\n"


def test_json_export_of_one_kind(run: Run) -> None:
    people = json.loads(run("export", "--kind", "people").stdout)
    assert people[0]["id"] == "norihiko-fukuda"
    assert list(people[0])[-2:] == ["notes", "sources"]


def test_yaml_export_loads_back_to_an_equal_dossier(run: Run, tmp_path: Path) -> None:
    assert run("export", "--format", "yaml", "-o", "again.yaml").exit_code == 0
    original = load([SAMPLE], TODAY)
    again = load([tmp_path / "again.yaml"], TODAY)
    assert not again.has_errors, again.problems
    assert as_data(again.dossier) == as_data(original.dossier)


def test_csv_export_needs_a_kind(run: Run) -> None:
    result = run("export", "--format", "csv")
    assert result.exit_code == 2
    assert (
        result.stderr == "dossier: --format csv needs --kind: a CSV file holds one kind of record\n"
    )


def test_csv_export_of_people(run: Run, tmp_path: Path) -> None:
    result = run("export", "--format", "csv", "--kind", "people", "-o", "people.csv")
    assert result.exit_code == 0, result
    raw = (tmp_path / "people.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # so that Excel reads UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    fukuda = rows[0]
    assert fukuda["native_name"] == "福田紀彦"
    assert fukuda["roles"] == (
        "title: Mayor, organisation: kawasaki-city, since: 2013-11-19, verified: 2025-10-26"
    )
    assert fukuda["sources"] == "wiki-li-fukuda; agbnippon-fukuda; livedoor-2025"
    stdout = run("export", "--format", "csv", "--kind", "people").stdout
    assert not stdout.startswith("\ufeff")


def test_csv_cells_starting_like_formulas_are_neutralized(run: Run, write: Write) -> None:
    path = write(
        "clusters:\n  - {id: x, name: '=1+1', city: '+49', region: '@SUM(A1)', sources: [s]}\n"
        "sources: [{id: s, title: '-minus'}]\n"
    )
    rows = list(
        csv.DictReader(
            io.StringIO(run("export", "--format", "csv", "--kind", "clusters", data=path).stdout)
        )
    )
    assert (rows[0]["name"], rows[0]["city"], rows[0]["region"]) == ("'=1+1", "+49", "'@SUM(A1)")


@needs_libreoffice("calc")
def test_libreoffice_opens_the_csv_with_japanese_text(run: Run, tmp_path: Path) -> None:
    run("export", "--format", "csv", "--kind", "people", "-o", "people.csv")
    subprocess.run(
        [
            *soffice_command(tmp_path / "profile"),
            "--infilter=CSV:44,34,76",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "people.csv"),
        ],
        capture_output=True,
        check=True,
        timeout=180,
    )
    # Back to CSV from the spreadsheet: the Japanese text survived the round trip.
    assert "福田紀彦" in sheet_as_csv(tmp_path / "people.xlsx", tmp_path)


def test_ics_export_parses_with_times_in_the_venue_zone(run: Run) -> None:
    result = run("export", "--format", "ics")
    assert result.exit_code == 0, result
    assert (
        "dossier: left out of the calendar: kawasaki-delegation-2017-02 (date 2017-02 has no day)"
        in result.stderr
    )
    calendar = icalendar.Calendar.from_ical(result.stdout)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    signing = events["mou-signing-kawasaki-2017@dossier"]
    assert signing.decoded("DTSTART") == dt.date(2017, 11, 24)
    welcome = events["munich-delegation-kawasaki-2027-agenda-20270414T0930@dossier"]
    assert welcome["DTSTART"].params["TZID"] == "Asia/Tokyo"
    start = welcome.decoded("DTSTART")
    assert (start.hour, start.minute, start.utcoffset()) == (9, 30, dt.timedelta(hours=9))
    assert "DTSTART;TZID=Asia/Tokyo:20270414T093000" in result.stdout.replace("\r\n", "\n")
    assert run("export", "--format", "ics").stdout == result.stdout


def test_export_refuses_to_overwrite_without_force(run: Run, tmp_path: Path) -> None:
    (tmp_path / "d.json").write_text("keep")
    result = run("export", "-o", "d.json")
    assert result.exit_code == 2
    assert (tmp_path / "d.json").read_text() == "keep"
    assert run("export", "-o", "d.json", "--force").exit_code == 0
    assert json.loads((tmp_path / "d.json").read_text())["version"] == 1


def test_the_schema_in_the_repository_is_up_to_date(run: Run) -> None:
    assert (ROOT / "schema" / "dossier.schema.json").read_text(encoding="utf-8") == schema_text()
    assert run("schema", data=None).stdout == schema_text()


def test_the_schema_describes_ids_and_refuses_unknown_keys() -> None:
    schema = json.loads(schema_text())
    cluster = schema["$defs"]["Cluster"]
    assert cluster["additionalProperties"] is False
    assert cluster["properties"]["id"]["pattern"] == "^[a-z0-9]+(?:-[a-z0-9]+)*$"
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def _check_jsonschema(path: Path) -> subprocess.CompletedProcess[str]:
    executable = shutil.which("check-jsonschema")
    assert executable, "check-jsonschema is a test dependency"
    return subprocess.run(
        [executable, "--schemafile", str(ROOT / "schema" / "dossier.schema.json"), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_jsonschema_accepts_the_sample_and_rejects_a_typo(write: Write) -> None:
    assert _check_jsonschema(SAMPLE).returncode == 0
    result = _check_jsonschema(write("clusters:\n  - {id: a, name: A, contry: JP}\n"))
    assert result.returncode == 1
    assert "'contry' was unexpected" in result.stdout


def test_the_sample_points_editors_to_the_schema() -> None:
    assert SAMPLE.read_text(encoding="utf-8").splitlines()[0] == (
        "# yaml-language-server: $schema=../schema/dossier.schema.json"
    )


def test_init_writes_a_valid_starter_and_never_overwrites(run: Run, tmp_path: Path) -> None:
    result = run("init", "new/dossier.yaml", data=None)
    assert result.exit_code == 0, result
    path = tmp_path / "new" / "dossier.yaml"
    assert path.read_text().startswith("# yaml-language-server: $schema=dossier.schema.json\n")
    assert (tmp_path / "new" / "dossier.schema.json").read_text() == schema_text()
    checked = load([path], TODAY)
    assert checked.problems == []
    assert {type(r) for r in checked.dossier.records()} == {
        Cluster,
        Organisation,
        Person,
        *(type(r) for r in checked.dossier.agreements),
        Event,
        Source,
    }
    again = run("init", "new/dossier.yaml", data=None)
    assert again.exit_code == 2
    assert (
        again.stderr == "dossier: new/dossier.yaml: already exists; init never overwrites a file\n"
    )


# --- round trips of generated dossiers ---------------------------------------------------


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(dossier=dossiers())
def test_generated_dossiers_round_trip_through_yaml(tmp_path: Path, dossier: Dossier) -> None:
    path = tmp_path / "round.yaml"
    path.write_text(export_yaml(dossier), encoding="utf-8")
    again = load([path], TODAY)
    assert not again.has_errors, again.problems
    data: Any = as_data(again.dossier)
    assert data == as_data(dossier)
