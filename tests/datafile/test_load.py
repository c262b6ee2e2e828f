"""The loader: every problem kind, found in one pass, with the line the user must fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.datafile.load import bundled_sample, find_data, find_yaml_files, load
from dossier.errors import UsageError
from tests.conftest import SAMPLE, TODAY, Write


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # problems name files relative to the current folder


def report(path: Path | list[Path], *, warnings: bool = False) -> list[str]:
    """Problems as `line:column severity subject: message [hint]`, the way a user reads them."""
    result = load(path if isinstance(path, list) else [path], TODAY)
    lines = []
    for p in result.problems:
        if p.is_error or warnings:
            subject = f"{p.subject()}: " if p.subject() else ""
            hint = f" [{p.hint}]" if p.hint else ""
            lines.append(f"{p.line}:{p.column} {p.severity.value} {subject}{p.message}{hint}")
    return lines


MINIMAL = """\
sources:
  - {id: src, title: Source}
"""


def test_the_sample_has_no_errors(sample: object) -> None:
    result = load([SAMPLE], TODAY)
    assert [p for p in result.problems if p.is_error] == []
    assert result.dossier.home == "munich"
    assert len(result.dossier.clusters) == 2


def test_syntax_error(write: Write) -> None:
    path = write("clusters:\n  - id: a\n    name: [unclosed\n")
    [line] = report(path)
    assert line.startswith("4:1 error YAML syntax error:")


def test_duplicate_key(write: Write) -> None:
    path = write("clusters:\n  - id: a\n    name: A\n    name: B\n")
    assert report(path) == [
        "4:5 error a name: duplicate key 'name' [first given on line 3; keep one]"
    ]


def test_duplicate_section(write: Write) -> None:
    path = write("sources: []\nclusters: []\nsources: []\n")
    assert report(path) == [
        "3:1 error sources: duplicate key 'sources' [first given on line 1; keep one]"
    ]


def test_wrong_type(write: Write) -> None:
    path = write("clusters:\n  - id: a\n    name: A\n    focus: regenerative medicine\n")
    assert report(path) == [
        "4:12 error a focus: expected a list, got the text 'regenerative medicine'"
    ]


def test_wrong_type_the_other_way(write: Write) -> None:
    path = write("clusters:\n  - id: a\n    name: [A, B]\n")
    assert report(path) == ["3:11 error a name: expected text or a mapping, got a list"]


def test_unknown_key_with_did_you_mean(write: Write) -> None:
    path = write("clusters:\n  - id: a\n    name: A\n    contry: JP\n")
    assert report(path) == ["4:5 error a contry: unknown field 'contry' [did you mean 'country'?]"]


def test_unknown_section_with_did_you_mean(write: Write) -> None:
    path = write("organizations: []\n")
    assert report(path) == [
        "1:1 error organizations: unknown section 'organizations' [did you mean 'organisations'?]"
    ]


def test_missing_required_field_points_at_the_record(write: Write) -> None:
    path = write("events:\n  - id: e\n    title: E\n")
    assert report(path) == ["2:5 error e date: missing required field 'date'"]


def test_missing_id(write: Write) -> None:
    path = write("clusters:\n  - name: A\n")
    assert report(path) == ["2:5 error clusters[0] id: missing required field 'id'"]


def test_bad_dates(write: Write) -> None:
    path = write(
        "events:\n  - id: e\n    title: E\n    date: 2017-02-30\n  - {id: f, title: F, date: next spring}\n"
    )
    assert report(path) == [
        "4:11 error e date: '2017-02-30' is not a real calendar date",
        "5:29 error f date: 'next spring' is not a date: write 2017, 2017-02 or 2017-02-14",
    ]


def test_dangling_reference_with_did_you_mean(write: Write) -> None:
    path = write(
        "clusters:\n  - {id: a, name: A, managed_by: biomm}\n"
        "organisations:\n  - {id: biom, name: BioM}\n"
    )
    assert report(path) == [
        "2:34 error a managed_by: 'biomm' is not a known organisation [did you mean 'biom'?]"
    ]


def test_reference_to_the_wrong_kind(write: Write) -> None:
    path = write("clusters:\n  - {id: a, name: A, managed_by: p}\npeople:\n  - {id: p, name: P}\n")
    assert report(path) == ["2:34 error a managed_by: 'p' is a person, not an organisation"]


def test_duplicate_ids_across_kinds(write: Write) -> None:
    path = write("clusters:\n  - {id: x, name: A}\npeople:\n  - {id: x, name: P}\n")
    assert report(path) == [
        "4:10 error x id: duplicate id 'x' [first used at data.yaml:2; ids are unique across all kinds]"
    ]


def test_end_before_date(write: Write) -> None:
    path = write("events:\n  - {id: e, title: E, date: 2017-11-24, end: 2017-11-10}\n")
    assert report(path) == ["2:46 error e end: ends (2017-11-10) before it starts (2017-11-24)"]


def test_until_before_since(write: Write) -> None:
    path = write(
        "people:\n  - id: p\n    name: P\n    roles:\n"
        "      - {title: Mayor, since: 2013-11, until: 2013-10}\n"
    )
    assert report(path) == [
        "5:47 error p roles[0].until: until (2013-10) is before since (2013-11)"
    ]


def test_every_problem_is_reported_at_once(write: Write) -> None:
    path = write(
        "clusters:\n"
        "  - {id: a, name: A, country: XX}\n"
        "  - {id: b, name: B, founded: 2017-02-30}\n"
        "  - {id: c, name: C, focuss: []}\n"
        "events:\n"
        "  - {id: e, title: E, date: 2020, parties: [zz]}\n"
    )
    assert [line.split(" error ")[0] for line in report(path)] == ["2:31", "3:31", "4:22", "6:45"]


def test_references_of_a_record_with_other_faults_are_checked_in_the_same_pass(
    write: Write,
) -> None:
    path = write("clusters:\n  - {id: a, name: A, contry: JP, managed_by: biomm}\n")
    assert report(path) == [
        "2:22 error a contry: unknown field 'contry' [did you mean 'country'?]",
        "2:46 error a managed_by: 'biomm' is not a known organisation",
    ]


def test_a_broken_record_does_not_cause_dangling_reference_noise(write: Write) -> None:
    path = write(
        "organisations:\n  - {id: biom, name: BioM, kind: nonsense}\n"
        "clusters:\n  - {id: a, name: A, managed_by: biom}\n"
    )
    [line] = report(path)
    assert line.startswith("2:34 error biom kind:")


def test_warnings(write: Write) -> None:
    path = write(
        "agreements:\n  - {id: m, title: M, status: active, expires: 2020, sources: [s]}\n"
        "events:\n  - id: e\n    title: E\n    date: 2019\n    sources: [s]\n"
        "    follow_ups: [{action: Send list, due: 2020-01-15}]\n"
        "people:\n  - {id: p, name: P, roles: [{title: CEO, until: 2001}], sources: [s]}\n"
        "  - {id: q, name: Q}\n"
        "sources:\n  - {id: s, title: S}\n"
    )
    assert report(path, warnings=True) == [
        "2:31 warning m status: marked active but expired on 2020 [set status: expired, or record the renewal]",
        "8:43 warning e follow_ups[0].due: follow-up overdue since 2020-01-15 [mark it done: true, or set a new due date]",
        "10:29 warning p roles: has no current role [add the role they hold now, if known]",
        "11:5 warning q roles: has no current role [add the role they hold now, if known]",
        "11:5 warning q: has no source [add `sources:` with the ids that back it]",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "",
            "1:1 error the file holds no data [add sections such as clusters:, people:, events:]",
        ),
        (
            "# only a comment\n",
            "1:1 error the file holds no data [add sections such as clusters:, people:, events:]",
        ),
        (
            "- a\n- b\n",
            "1:1 error the top level must be a mapping of sections (clusters:, people:, …)",
        ),
        ("clusters:\n  -\n", "2:4 error clusters[0]: record 1 of clusters is empty"),
        (
            "clusters: yes\n",
            "1:11 error clusters: 'clusters' must be a list of records (lines starting with '- ')",
        ),
        (
            "version: 2\n",
            "1:10 error version: unsupported format version 2 [this dossier reads version 1]",
        ),
    ],
)
def test_file_level_faults(write: Write, content: str, message: str) -> None:
    assert report(write(content)) == [message]


def test_text_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("clusters:\n  - {id: m, name: M\xfcnchen}\n".encode("latin-1"))
    assert report(path) == [
        "2:20 error m: the file is not UTF-8 text (byte 0xFC) [save it as UTF-8]"
    ]


def test_bom_and_crlf_are_valid(tmp_path: Path) -> None:
    path = tmp_path / "windows.yaml"
    path.write_bytes(b"\xef\xbb\xbfsources:\r\n  - {id: s, title: S}\r\n")
    assert report(path) == []


def test_a_folder_merges_files_and_problems_name_their_file(tmp_path: Path, write: Write) -> None:
    write(MINIMAL, "dossier/sources.yaml")
    write("clusters:\n  - {id: a, name: A, sources: [src, nope]}\n", "dossier/sub/clusters.yml")
    result = load([tmp_path / "dossier"], TODAY)
    assert sorted(result.dossier.by_id) == ["a", "src"]
    [problem] = [p for p in result.problems if p.is_error]
    assert problem.file.endswith("clusters.yml")
    assert problem.message == "'nope' is not a known source"


def test_home_given_twice_differently(tmp_path: Path, write: Write) -> None:
    write("home: a\nclusters:\n  - {id: a, name: A}\n  - {id: b, name: B}\n", "d/1.yaml")
    write("home: b\n", "d/2.yaml")
    [line] = report(tmp_path / "d")
    assert (
        line == "1:7 error home: home is 'b' here but 'a' in d/1.yaml [give home in one file only]"
    )


def test_a_missing_path_or_an_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file or folder"):
        find_yaml_files(tmp_path / "missing.yaml")
    (tmp_path / "empty").mkdir()
    with pytest.raises(UsageError, match=r"no \.yaml or \.yml files in this folder"):
        find_yaml_files(tmp_path / "empty")


def test_data_location_follows_the_documented_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert find_data(None, {}) is None
    assert find_data(None, {"DOSSIER_DATA": ""}) is None
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "clusters.yaml").write_text(MINIMAL)
    assert find_data(None, {}) == Path("data/clusters.yaml")
    assert find_data(None, {"DOSSIER_DATA": "/x.yaml"}) == Path("/x.yaml")
    assert find_data("mine.yaml", {"DOSSIER_DATA": "/x.yaml"}) == Path("mine.yaml")
    with pytest.raises(UsageError, match="--data: the path is empty"):
        find_data("", {})


def test_the_bundled_sample_is_the_repository_sample() -> None:
    assert bundled_sample().read_bytes() == SAMPLE.read_bytes()
