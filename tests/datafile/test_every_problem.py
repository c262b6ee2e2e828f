"""Every problem in one run, root causes first, and no warning derived from a faulty entry."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.datafile.load import load
from dossier.datafile.yaml_core import dump_yaml
from dossier.export.plain import as_data
from dossier.model.dossier import Dossier
from tests.conftest import TODAY, Run
from tests.strategies import dossiers

SIX_FAULTS = """\
organisations:
  - {id: org, name: Org, sources: [s]}
people:
  - id: p
    name: P
    roles:
      - {title: Head, organisation: orgg, since: 2020-13}
    sources: [s]
events:
  - id: e
    title: E
    date: 2020-01-01
    parties: [org]
    timezone: Europe/Berlin
    follow_ups:
      - {action: Do, owner: nobody, done: maybe}
    agenda:
      - {time: "25:00", title: T, people: [ghost]}
    sources: [s]
sources: [{id: s, title: S}]
"""


def test_six_faults_in_nested_entries_are_all_reported_and_nothing_derived(
    run: Run, tmp_path: Path
) -> None:
    path = tmp_path / "six.yaml"
    path.write_text(SIX_FAULTS, encoding="utf-8")
    result = run("validate", data=path)
    assert result.exit_code == 1
    assert result.stdout == (
        "six.yaml:7:37: error: p roles[0].organisation: 'orgg' is not a known cluster or"
        " organisation\n"
        "  hint: did you mean 'org'?\n"
        "six.yaml:7:50: error: p roles[0].since: '2020-13' has no month 13\n"
        "six.yaml:16:29: error: e follow_ups[0].owner: 'nobody' is not a known cluster,"
        " organisation or person\n"
        "six.yaml:16:43: error: e follow_ups[0].done: expected true or false, got the text"
        " 'maybe'\n"
        "six.yaml:18:16: error: e agenda[0].time: '25:00' is not a time of day: write HH:MM in"
        ' quotes, such as "09:30"\n'
        "six.yaml:18:44: error: e agenda[0].people[0]: 'ghost' is not a known person\n"
    )
    assert result.stderr == "6 errors, 0 warnings in 1 file\n"


MISSPELLED_SECTION = """\
clusters:
  - {id: k, name: K, managed_by: kc, sources: [s]}
people:
  - {id: p, name: P, roles: [{title: Mayor, organisation: kc}], sources: [s]}
organizations:
  - {id: kc, name: City, sources: [s]}
sources: [{id: s, title: S}]
"""


def test_a_misspelled_section_is_reported_before_its_consequences(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "sect.yaml"
    path.write_text(MISSPELLED_SECTION, encoding="utf-8")
    result = run("validate", data=path)
    assert result.exit_code == 1
    assert result.stdout == (
        "sect.yaml:5:1: error: organizations: unknown section 'organizations'\n"
        "  hint: did you mean 'organisations'?\n"
        "sect.yaml:2:34: error: k managed_by: 'kc' is not a known organisation: it stands in"
        " the unknown section 'organizations'\n"
        "  hint: follows from the error at sect.yaml:5; fix that first\n"
        "sect.yaml:4:59: error: p roles[0].organisation: 'kc' is not a known cluster or"
        " organisation: it stands in the unknown section 'organizations'\n"
        "  hint: follows from the error at sect.yaml:5; fix that first\n"
    )
    assert result.stderr == "3 errors (2 follow from the others), 0 warnings in 1 file\n"


def test_references_to_a_record_that_failed_follow_from_its_error(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "failed.yaml"
    path.write_text(
        "organisations:\n  - {id: o, name: O, kind: citty, sources: [s]}\n"
        "clusters:\n  - {id: k, name: K, managed_by: o, sources: [s]}\n"
        "sources: [{id: s, title: S}]\n",
        encoding="utf-8",
    )
    result = run("validate", data=path)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("failed.yaml:2:28: error: o kind: the text 'citty' is not one of")
    # The record was mended for the checks: the reference to it stands.
    assert "managed_by" not in result.stdout


def test_byte_level_faults_are_each_at_their_place_and_the_rest_is_still_read(
    run: Run, tmp_path: Path
) -> None:
    path = tmp_path / "bytes.yaml"
    path.write_bytes(
        b"clusters:\n"
        b'  - {id: a, name: "x\x00y", sources: [s]}\n'
        b'  - {id: b, name: "M\xfcnchen", sources: [s]}\n'
        b'  - {id: c, name: "bell\x07", contry: JP, sources: [s]}\n'
        b"sources: [{id: s, title: S}]\n"
    )
    result = run("validate", data=path)
    assert result.exit_code == 1
    assert result.stdout == (
        "bytes.yaml:2:21: error: a: control character U+0000 in the file\n"
        "  hint: remove it; YAML does not allow it, and no document can hold it\n"
        "bytes.yaml:3:21: error: b: the file is not UTF-8 text (byte 0xFC)\n"
        "  hint: save it as UTF-8\n"
        "bytes.yaml:4:24: error: c: control character U+0007 in the file\n"
        "  hint: remove it; YAML does not allow it, and no document can hold it\n"
        "bytes.yaml:4:28: error: c contry: unknown field 'contry'\n"
        "  hint: did you mean 'country'?\n"
    )


def test_a_tab_used_for_indentation_says_so(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "tab.yaml"
    path.write_text("clusters:\n\t- {id: a, name: A}\n", encoding="utf-8")
    result = run("validate", data=path)
    assert result.exit_code == 1
    assert result.stdout == (
        "tab.yaml:2:1: error: a TAB is used for indentation; YAML indents with spaces only\n"
        "  hint: replace the TAB at the start of the line with spaces\n"
    )


# --- several independent faults, injected into valid generated dossiers -----------------

Fault = tuple[str, str, tuple[str | int, ...], Any, str, str | None]
FAULTS: list[Fault] = [
    # section, field the first record needs, path inside it, faulty value, reported field,
    # and where no warning may then stand (what the warnings there are derived from)
    ("people", "roles", ("roles", 0, "since"), "2020-13", "roles[0].since", "roles"),
    ("people", "roles", ("roles", 0, "organisation"), "ghost-org", "roles[0].organisation", None),
    ("people", "name", ("name",), ["not", "text"], "name", None),
    ("events", "follow_ups", ("follow_ups", 0, "owner"), "nobody-x", "follow_ups[0].owner", None),
    (
        "events",
        "follow_ups",
        ("follow_ups", 0, "done"),
        "maybe",
        "follow_ups[0].done",
        "follow_ups[0]",
    ),
    ("events", "agenda", ("agenda", 0, "time"), "25:00", "agenda[0].time", "agenda"),
    ("events", "agenda", ("agenda", 0, "people"), ["ghost-p"], "agenda[0].people[0]", None),
    ("events", "date", ("date",), "2020-02-30", "date", "agenda"),
    ("organisations", "name", ("bogus",), 1, "bogus", None),
    ("clusters", "name", ("country",), "XX", "country", None),
]


def _inject(data: dict[str, Any], fault: Fault) -> str | None:
    """Put one fault into the first record of its section; its id, or None if impossible."""
    section, needed, path, value, _, _ = fault
    records = data.get(section) or []
    if (
        not records
        or needed not in records[0]
        or (needed in ("roles", "follow_ups", "agenda") and not records[0][needed])
    ):
        return None
    target: Any = records[0]
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return str(records[0]["id"])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(dossier=dossiers(), chosen=st.sets(st.integers(0, len(FAULTS) - 1), min_size=2, max_size=6))
def test_every_injected_fault_is_reported_and_no_warning_stems_from_one(
    tmp_path: Path, dossier: Dossier, chosen: set[int]
) -> None:
    data: dict[str, Any] = copy.deepcopy(as_data(dossier, compact=True))
    expected = set()
    quiet: set[tuple[str, str]] = set()  # (record, field prefix) where no warning may stand
    for index in sorted(chosen):
        record_id = _inject(data, FAULTS[index])
        if record_id is not None:
            expected.add((record_id, FAULTS[index][4]))
            prefix = FAULTS[index][5]
            if prefix is not None:
                quiet.add((record_id, prefix))
    path = tmp_path / "faults.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    problems = load([path], TODAY).problems
    errors = {(p.record, p.field) for p in problems if p.is_error}
    assert expected <= errors, sorted(expected - errors)
    for warning in (p for p in problems if not p.is_error):
        for record_id, prefix in quiet:
            assert not (warning.record == record_id and warning.field.startswith(prefix)), warning


def test_many_problems_in_one_record_are_each_at_their_own_line(tmp_path: Path) -> None:
    count = 300
    lines = ["clusters:", "  - id: a", "    name: A", "    sources: [s]"]
    lines += [f"    unknown{i}: {i}" for i in range(count)]
    path = tmp_path / "many.yaml"
    path.write_text("\n".join([*lines, "sources: [{id: s, title: S}]", ""]), encoding="utf-8")
    problems = load([path], TODAY).problems
    assert [(p.line, p.column, p.field) for p in problems] == [
        (5 + i, 5, f"unknown{i}") for i in range(count)
    ]
