"""`dossier report`: the yearly figures, counted from the records, each traceable to them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

from dossier.datafile.yaml_core import dump_yaml
from dossier.model.dossier import Dossier
from dossier.model.report import yearly_report
from tests.conftest import TODAY, Run
from tests.strategies import dossiers

YEAR_2017 = """\
Yearly report 2017: Munich Biotech Cluster
Counted up to 31 December 2017

  Delegations received               1
  Delegations sent                   1
  Visits of unknown direction        0
  Meetings                           0
  Conferences                        0
  Calls                              0
  Agreements signed                  1
  Agreements renewed                 0
  Agreements expired                 0
  Agreements in force at the end     2
  Follow-ups agreed                  0
  Follow-ups done                    0
  Follow-ups overdue                 0
  New partners                       2

King Skyfront
  Events                             4
  Agreements in force at the end     1
  Follow-ups agreed                  0
"""


def test_the_sample_year_of_the_memorandum(run: Run) -> None:
    result = run("report", "--year", "2017")
    assert (result.exit_code, result.stdout, result.stderr) == (0, YEAR_2017, "")


SCENARIO: dict[str, Any] = {
    "home": "home",
    "clusters": [
        {
            "id": "home",
            "name": "Home",
            "city": {"en": "Munich", "de": "München"},
            "managed_by": "home-office",
        },
        {"id": "there", "name": "There", "city": {"en": "Kawasaki", "ja": "川崎"}},
        {"id": "third", "name": "Third", "city": "Osaka"},
    ],
    "organisations": [
        {"id": "home-office", "name": "Home office", "city": "Munich"},
        {"id": "late-partner", "name": "Late partner"},
    ],
    "agreements": [
        {"id": "old", "title": "Old", "parties": ["home", "there"], "status": "superseded"},
        {
            "id": "new",
            "title": "New",
            "parties": ["home", "there"],
            "status": "active",
            "renews": "old",
            "expires": "2030",
        },
        {
            "id": "gone",
            "title": "Gone",
            "parties": ["home", "third"],
            "status": "expired",
            "expires": "2025-06",
        },
        {"id": "draft", "title": "Draft", "parties": ["home", "third"], "status": "draft"},
        # Between two partners: context, not the home side's figure.
        {"id": "theirs", "title": "Theirs", "parties": ["there", "third"], "status": "active"},
    ],
    "events": [
        {
            "id": "signing-old",
            "kind": "signing",
            "title": "Signing",
            "date": "2020-03-01",
            "agreement": "old",
            "parties": ["home", "there"],
        },
        {
            "id": "gone-signed",
            "kind": "signing",
            "title": "Gone signed",
            "date": "2021-01-10",
            "agreement": "gone",
            "parties": ["home", "third"],
        },
        {
            "id": "they-came",
            "kind": "visit",
            "title": "They came",
            "date": "2025-02",
            "place": "München",
            "parties": ["home", "there"],
            "follow_ups": [
                {"action": "Send list", "due": "2025-03", "done_on": "2025-05-02"},
                {"action": "Call back", "due": "2025-04-30"},
                {"action": "Thank them", "done": True},
            ],
        },
        {
            "id": "we-went",
            "kind": "visit",
            "title": "We went",
            "date": "2025-05-10",
            "place": "川崎",
            "parties": ["home", "there"],
        },
        {
            "id": "renewal",
            "kind": "renewal",
            "title": "Renewal",
            "date": "2025-05-11",
            "agreement": "new",
            "parties": ["home", "there"],
        },
        {
            "id": "somewhere",
            "kind": "visit",
            "title": "Somewhere",
            "date": "2025-09-01",
            "place": "Geneva",
            "parties": ["home", "late-partner"],
        },
        {
            "id": "chat",
            "kind": "call",
            "title": "Chat",
            "date": "2025-10-01",
            "parties": ["home", "third"],
        },
        {
            "id": "planned",
            "kind": "visit",
            "title": "Planned",
            "date": "2025-12-01",
            "place": "Osaka",
            "parties": ["home", "third"],
        },
    ],
}
"""The home side receives one delegation (its city in another language) and sends one,
renews an agreement and sees another expire, in 2025, reported on 15 November 2025."""


def _figures(data: dict[str, Any]) -> dict[tuple[str | None, str], list[str]]:
    found: dict[tuple[str | None, str], list[str]] = {
        (None, f["key"]): [r["id"] for r in f["records"]] for f in data["figures"]
    }
    for partner in data["partners"]:
        for figure in partner["figures"]:
            found[(partner["cluster"], figure["key"])] = [r["id"] for r in figure["records"]]
    return found


def test_each_figure_counts_what_it_says_up_to_today(run: Run, write: Callable[..., Path]) -> None:
    data = write(dump_yaml(SCENARIO))
    result = run(
        "report",
        "--year",
        "2025",
        "--format",
        "json",
        data=data,
        env={"DOSSIER_TODAY": "2025-11-15"},
    )
    assert result.exit_code == 0, result
    report = json.loads(result.stdout)
    assert report["until"] == "2025-11-15"
    figures = _figures(report)
    assert {key: ids for (cluster, key), ids in figures.items() if cluster is None} == {
        "delegations-received": ["they-came"],
        "delegations-sent": ["we-went"],
        "visits-direction-unknown": ["somewhere"],
        "meetings": [],
        "conferences": [],
        "calls": ["chat"],
        "agreements-signed": [],
        "agreements-renewed": ["new"],
        "agreements-expired": ["gone"],
        "agreements-in-force": ["new"],
        "follow-ups-agreed": ["they-came#1", "they-came#2", "they-came#3"],
        "follow-ups-done": ["they-came#1", "they-came#3"],
        # done after its due day, and not done at all
        "follow-ups-overdue": ["they-came#1", "they-came#2"],
        "new-partners": ["late-partner"],
    }
    assert figures[("there", "events")] == ["they-came", "we-went", "renewal"]
    assert figures[("there", "agreements-in-force")] == ["new"]
    assert figures[("third", "events")] == ["chat"]
    # A year before: the old agreement was in force, the expired one too.
    earlier = json.loads(
        run(
            "report",
            "--year",
            "2024",
            "--format",
            "json",
            data=data,
            env={"DOSSIER_TODAY": "2025-11-15"},
        ).stdout
    )
    assert _figures(earlier)[(None, "agreements-in-force")] == ["old", "gone"]


def test_explain_names_every_record_counted(run: Run, write: Callable[..., Path]) -> None:
    data = write(dump_yaml(SCENARIO))
    env = {"DOSSIER_TODAY": "2025-11-15"}
    text = run("report", "--year", "2025", "--explain", data=data, env=env).stdout
    assert (
        "  Follow-ups overdue                 2\n      they-came#1  Send list (2025-02)\n" in text
    )
    assert "      they-came#2  Call back (2025-02)\n" in text
    markdown = run("report", "--year", "2025", "--format", "md", "--explain", data=data, env=env)
    assert "Agreements renewed\n\n- New · new\n" in markdown.stdout
    assert "| Delegations received | 1 |\n" in markdown.stdout


def test_columns_line_up_in_japanese(run: Run) -> None:
    lines = run("report", "--year", "2017", "--lang", "ja").stdout.splitlines()
    figures = lines[3:17]
    widths = {
        sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line) for line in figures
    }
    assert len(widths) == 1, figures
    assert lines[0] == "2017年 年次報告：ミュンヘン・バイオテック・クラスター"


def test_csv_and_json_give_the_same_figures(run: Run) -> None:
    data = json.loads(run("report", "--year", "2017", "--format", "json").stdout)
    rows = list(
        csv.DictReader(io.StringIO(run("report", "--year", "2017", "--format", "csv").stdout))
    )
    from_csv = {
        (row["partner"] or None, row["figure"]): row["records"].split("; ")
        if row["records"]
        else []
        for row in rows
    }
    assert from_csv == _figures(data)
    assert {row["count"] for row in rows if row["figure"] == "new-partners"} == {"2"}


def test_an_internal_event_is_not_counted_for_the_public(
    run: Run, write: Callable[..., Path]
) -> None:
    scenario = json.loads(json.dumps(SCENARIO))
    scenario["events"][3]["audience"] = "internal"  # we-went
    data = write(dump_yaml(scenario))
    env = {"DOSSIER_TODAY": "2025-11-15"}
    public = run(
        "report", "--year", "2025", "--format", "json", "--audience", "public", data=data, env=env
    )
    internal = run("report", "--year", "2025", "--format", "json", data=data, env=env)
    assert _figures(json.loads(public.stdout))[(None, "delegations-sent")] == []
    assert _figures(json.loads(internal.stdout))[(None, "delegations-sent")] == ["we-went"]


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(dossiers())
def test_every_counted_record_exists_and_falls_in_its_year(dossier: Dossier) -> None:
    for year in (2017, 2024, 2026):
        report = yearly_report(dossier, year, TODAY)
        start, end = dt.date(year, 1, 1), min(dt.date(year, 12, 31), TODAY)
        events = [e for e in dossier.events if start <= e.date.start() <= end]
        visits = [e.id for e in events if e.kind.value == "visit"]
        counted = {c.key: list(c.records) for c in report.counts}
        directions = ("delegations-received", "delegations-sent", "visits-direction-unknown")
        assert sorted(ref for key in directions for ref in counted[key]) == sorted(visits)
        agreed = [f"{e.id}#{n}" for e in events for n in range(1, len(e.follow_ups) + 1)]
        assert counted["follow-ups-agreed"] == agreed
        for _cluster, counts in report.sections():
            for count in counts:
                for ref in count.records:
                    assert dossier.get(ref.partition("#")[0]) is not None, ref
