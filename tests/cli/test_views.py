"""The command line as users see it: output, messages, exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest

from dossier.datafile.loaded import LoadResult
from tests.conftest import Run, Write

EXPECTED = Path(__file__).resolve().parents[1] / "expected"


def expected(name: str, actual: str) -> str:
    """The expected output kept in tests/expected; DOSSIER_UPDATE_EXPECTED=1 rewrites it."""
    path = EXPECTED / name
    if os.environ.get("DOSSIER_UPDATE_EXPECTED"):
        path.write_text(actual, encoding="utf-8")
    return path.read_text(encoding="utf-8")


def test_show_kawasaki_prints_the_full_profile(run: Run) -> None:
    result = run("show", "kawasaki")
    assert result.exit_code == 0, result
    assert result.stdout == expected("show-kawasaki.txt", result.stdout)


def test_show_kawasaki_names_the_facts_a_delegation_needs(run: Run) -> None:
    out = run("show", "kawasaki").stdout
    for fact in (
        "King Skyfront · キング スカイフロント",
        "City of Kawasaki (川崎市)",
        "Norihiko Fukuda",
        "福田紀彦",
        "Memorandum of Understanding",
        "2017-11-10, 2017-11-24",
        "signed",
        "2017-02",
        "2017-07",
    ):
        assert fact in out


def test_show_domdey_shows_his_former_role(run: Run) -> None:
    result = run("show", "domdey")
    assert result.exit_code == 0, result
    assert result.stdout == expected("show-domdey.txt", result.stdout)
    assert "1997 – 2022-12-31  former" in result.stdout


@pytest.mark.parametrize(
    "ref",
    [
        "biom-kawasaki-mou-2017",
        "mou-signing-kawasaki-2017",
        "biom-press-2017",
        "biom",
        "cgj-munich",
    ],
)
def test_every_kind_of_record_can_be_shown(run: Run, ref: str) -> None:
    result = run("show", ref)
    assert result.exit_code == 0, result
    assert ref in result.stdout.splitlines()[0]


def test_show_an_agreement_lists_both_signings_with_signatories(run: Run) -> None:
    out = run("show", "biom-kawasaki-mou-2017").stdout
    assert "Prof. Dr. Horst Domdey for BioM Biotech" in out
    assert "Norihiko Fukuda for City of Kawasaki" in out
    assert "No expiry recorded" in out


@pytest.mark.parametrize(
    ("ref", "record_id"),
    [
        ("KAWASAKI", "kawasaki"),
        ("ＫＡＷＡＳＡＫＩ", "kawasaki"),
        ("川崎", "kawasaki"),
        ("川崎市", "kawasaki-city"),
        ("munchen", "munich"),
        ("MÜNCHEN", "munich"),
        ("King Skyfront", "kawasaki"),
        ("Fukuda", "norihiko-fukuda"),
        ("福田紀彦", "norihiko-fukuda"),
        ("hubschle", "wolfgang-huebschle"),
        ("osaka", "osaka-bio-hq"),
    ],
)
def test_lookup_folds_case_accents_and_width(run: Run, ref: str, record_id: str) -> None:
    result = run("show", ref)
    assert result.exit_code == 0, result
    assert f" {record_id}" in result.stdout.splitlines()[0]


def test_an_ambiguous_ref_lists_the_candidates(run: Run) -> None:
    result = run("show", "bavarian")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "dossier: 'bavarian' matches 3 records; name one by its id\n"
        "  munich (cluster): Munich Biotech Cluster\n"
        "  stmwi (organisation): Bavarian Ministry of Economic Affairs, Regional Development and Energy\n"
        "  bavarian-representation-japan (organisation): Bavarian State Representation in Japan\n"
    )


def test_an_unknown_ref_suggests_the_closest(run: Run) -> None:
    result = run("show", "kawasakii")
    assert result.exit_code == 1
    assert result.stderr == "dossier: no record matches 'kawasakii'; did you mean 'kawasaki'?\n"


@pytest.mark.parametrize("ref", ["nothing-here", "zeppelin"])
def test_an_unrelated_ref_gets_no_far_fetched_suggestion(run: Run, ref: str) -> None:
    result = run("show", ref)
    assert result.exit_code == 1
    assert result.stderr == f"dossier: no record matches '{ref}'\n"


def test_timeline_for_munich_is_in_date_order(run: Run) -> None:
    result = run("timeline", "munich")
    assert result.exit_code == 0, result
    dates = [line.split()[0] for line in result.stdout.splitlines()[3:] if line[:2] == "20"]
    assert dates == sorted(dates, key=lambda d: [int(x) for x in d.split("-")])
    assert dates.index("2017-02") < dates.index("2017-07") < dates.index("2017-11-10")


def test_timeline_since_and_until(run: Run) -> None:
    result = run("timeline", "--since", "2017-11", "--until", "2017")
    dates = [line.split()[0] for line in result.stdout.splitlines() if line[:2] == "20"]
    assert dates == ["2017-11-10", "2017-11-24"]


def test_timeline_marks_upcoming_events(run: Run, write: Write) -> None:
    path = write(
        "events:\n  - {id: v, title: Visit, date: 2027-04-14}\n  - {id: w, title: Past, date: 2020}\n"
    )
    out = run("timeline", data=path).stdout
    assert "2027-04-14 upcoming" in out
    assert "2020 upcoming" not in out


def test_timeline_with_a_bad_date_is_a_usage_error(run: Run) -> None:
    result = run("timeline", "--since", "last year")
    assert result.exit_code == 2
    assert result.stderr.startswith("dossier: --since: 'last year' is not a date")


def test_list_clusters_as_a_table(run: Run) -> None:
    result = run("list")
    assert result.exit_code == 0
    assert result.stdout == expected("list-clusters.txt", result.stdout)


def test_list_people_as_json(run: Run) -> None:
    rows = json.loads(run("list", "people", "--format", "json").stdout)
    fukuda = next(r for r in rows if r["id"] == "norihiko-fukuda")
    assert fukuda == {
        "id": "norihiko-fukuda",
        "name": "Norihiko Fukuda",
        "native": "福田紀彦",
        "current_role": "Mayor, City of Kawasaki",
        "last_contact": "2017-11-24",
    }


def test_list_agreements_as_csv_with_a_filter(run: Run) -> None:
    out = run("list", "agreements", "--status", "superseded", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["Id"] for r in rows] == ["biom-osaka-2011", "biom-osaka-extension", "biom-osaka-2018"]


def test_list_filters(run: Run) -> None:
    out = run("list", "organisations", "--country", "jp", "--format", "json").stdout
    assert {r["id"] for r in json.loads(out)} == {
        "kawasaki-city",
        "bavarian-representation-japan",
        "osaka-bio-hq",
        "link-j",
    }
    out = run("list", "clusters", "--focus", "nanomedicine", "--format", "json").stdout
    assert [r["id"] for r in json.loads(out)] == ["kawasaki"]


def test_a_filter_that_does_not_apply_is_a_usage_error(run: Run) -> None:
    result = run("list", "people", "--status", "active")
    assert result.exit_code == 2
    assert result.stderr == "dossier: --status applies to agreements, not to people\n"


def test_csv_cells_that_look_like_formulas_are_neutralized(run: Run, write: Write) -> None:
    path = write(
        "clusters:\n  - {id: x, name: '=HYPERLINK(\"http://evil\")', sources: [s]}\nsources: [{id: s, title: S}]\n"
    )
    out = run("list", "--format", "csv", data=path).stdout
    assert "'=HYPERLINK" in out


def test_search_ranks_names_before_notes(run: Run) -> None:
    result = run("search", "geltinger")
    assert result.exit_code == 0, result
    first = result.stdout.splitlines()[2]
    assert first.startswith("christian-geltinger ")


def test_search_with_no_match(run: Run) -> None:
    result = run("search", "zeppelin")
    assert result.exit_code == 1
    assert result.stderr == "dossier: nothing matches 'zeppelin'\n"


def test_validate_the_sample(run: Run) -> None:
    result = run("validate")
    assert result.exit_code == 0, result
    assert result.stderr.endswith("0 errors, 8 warnings in 1 file\n")
    assert "warning: horst-domdey roles: has no current role [no-current-role]\n" in result.stdout


def test_validate_strict_fails_on_warnings(run: Run) -> None:
    result = run("validate", "--strict")
    assert result.exit_code == 1
    assert "error: horst-domdey roles: has no current role" in result.stdout


def test_validate_reports_all_problems_with_lines(run: Run, write: Write) -> None:
    path = write(
        "clusters:\n  - {id: a, name: A, country: XX, sources: [s]}\n"
        "  - {id: b, name: B, timezone: Mars/Olympus, sources: [s]}\n"
        "sources: [{id: s, title: S}]\n"
    )
    result = run("validate", str(path), data=None)
    assert result.exit_code == 1
    assert result.stdout == (
        "data.yaml:2:31: error: a country: 'XX' is not an ISO 3166-1 alpha-2 country code (such as DE or JP)\n"
        "data.yaml:3:32: error: b timezone: 'Mars/Olympus' is not an IANA time zone "
        "(such as Europe/Berlin or Asia/Tokyo)\n"
    )
    assert result.stderr == "2 errors, 0 warnings in 1 file\n"


def test_validate_as_json_and_github(run: Run, write: Write) -> None:
    path = write("clusters:\n  - {id: a, name: A, contry: JP}\n")
    items = json.loads(run("validate", str(path), "--format", "json").stdout)
    errors = [item for item in items if item["severity"] == "error"]
    assert errors == [
        {
            "file": "data.yaml",
            "line": 2,
            "column": 22,
            "severity": "error",
            "record": "a",
            "field": "contry",
            "message": "unknown field 'contry'",
            "hint": "did you mean 'country'?",
            "kind": None,
        }
    ]
    lines = run("validate", str(path), "--format", "github").stdout.splitlines()
    assert lines[1] == (
        "::error file=data.yaml,line=2,col=22,title=dossier a contry::"
        "unknown field 'contry' (hint: did you mean 'country'?)"
    )


def test_other_commands_refuse_invalid_data(run: Run, write: Write) -> None:
    path = write("clusters:\n  - {id: a, name: A, contry: JP}\n")
    result = run("show", "a", data=path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "data.yaml:2:22: error: a contry: unknown field 'contry'\n"
        "  hint: did you mean 'country'?\n"
        "dossier: stopped: the data has 1 error\n"
    )


def test_text_from_the_data_is_never_rich_markup(run: Run, write: Write) -> None:
    path = write(
        "clusters:\n  - id: x\n    name: '[bold red]Evil[/] [link=http://x]'\n"
        "    summary: '[/]'\n    sources: [s]\nsources: [{id: s, title: '[/i]'}]\n"
    )
    result = run("show", "x", data=path)
    assert result.exit_code == 0, result
    assert "[bold red]Evil[/] [link=http://x]" in result.stdout
    assert "[/]" in result.stdout


def test_no_colour_when_not_a_terminal(run: Run) -> None:
    assert "\x1b[" not in run("show", "kawasaki", env={"NO_COLOR": ""}).stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--data", "missing.yaml", "show", "x"],
            "dossier: missing.yaml: no such file or folder\n",
        ),
        (["validate", "nowhere/"], "dossier: nowhere: no such file or folder\n"),
    ],
)
def test_unreadable_paths_are_usage_errors(run: Run, args: list[str], message: str) -> None:
    result = run(*args, data=None)
    assert result.exit_code == 2
    assert result.stderr == message


def test_a_bad_option_is_a_usage_error(run: Run) -> None:
    result = run("list", "--colour")
    assert result.exit_code == 2
    assert "No such option" in result.stderr


def test_bad_today_setting(run: Run) -> None:
    result = run("show", "kawasaki", env={"DOSSIER_TODAY": "tomorrow"})
    assert result.exit_code == 2
    assert result.stderr == "dossier: DOSSIER_TODAY='tomorrow' is not a date (YYYY-MM-DD)\n"


def test_version(run: Run) -> None:
    result = run("--version", data=None)
    assert result.exit_code == 0
    assert result.stdout.startswith("dossier ")


def test_the_sample_stands_in_only_when_said_so(run: Run) -> None:
    result = run("show", "kawasaki", data=None)
    assert result.exit_code == 0
    assert result.stderr == (
        "dossier: no data found (--data, $DOSSIER_DATA, ./data/clusters.yaml and above up to the git repository's root); showing the"
        " sample dossier shipped with dossier\n"
    )
    assert result.stdout.startswith("King Skyfront")


def test_validate_never_validates_the_sample_in_place_of_missing_data(run: Run) -> None:
    result = run("validate", data=None)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "dossier: no data found; looked at --data, $DOSSIER_DATA, ./data/clusters.yaml and above up to"
        " the git repository's root\n"
    )


@pytest.mark.parametrize("args", [["--data", "", "show", "kawasaki"], ["validate", ""]])
def test_an_empty_data_path_is_a_usage_error(run: Run, args: list[str]) -> None:
    result = run(*args, data=None)
    assert result.exit_code == 2
    assert result.stderr in (
        "dossier: --data: the path is empty\n",
        "dossier: an empty path was given\n",
    )


@pytest.mark.parametrize("colour", [False, True])
def test_no_view_pads_its_lines_with_trailing_spaces(
    run: Run, sample: LoadResult, colour: bool
) -> None:
    env = {"NO_COLOR": "", "FORCE_COLOR": "1", "TERM": "xterm-256color"} if colour else {}
    commands = [["show", record.id] for record in sample.dossier.records()]
    commands += [
        ["list", kind]
        for kind in ("clusters", "organisations", "people", "agreements", "events", "sources")
    ]
    commands += [["timeline"], ["search", "Kawasaki"]]
    for command in commands:
        result = run(*command, env=env)
        assert result.exit_code == 0, (command, result)
        if colour:
            assert "\x1b[" in result.stdout
        for line in result.stdout.splitlines():
            assert not line.endswith(" "), (command, line)


def test_a_word_given_twice_finds_what_it_finds_once(run: Run) -> None:
    assert run("search", "munich munich munich").stdout == run("search", "munich").stdout


def test_list_shows_the_last_contact_and_sorts_by_it(run: Run) -> None:
    lines = run(
        "list", "organisations", "--sort", "last-contact", env={"COLUMNS": "200"}
    ).stdout.splitlines()
    assert lines[0].split()[-2:] == ["Last", "contact"]
    dates = [line.split()[-1] for line in lines[2:] if re.search(r"\d{4}(-\d\d)*$", line)]
    assert dates == sorted(dates, reverse=True)
    kawasaki = next(line for line in lines if line.startswith("kawasaki-city "))
    assert kawasaki.endswith("2017-11-24")
    names = [
        row["name"]
        for row in json.loads(run("list", "people", "--sort", "name", "--format", "json").stdout)
    ]
    assert names == sorted(names, key=str.casefold)
