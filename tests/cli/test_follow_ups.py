"""`dossier follow-ups`: what is owed across the dossier; a person's view lists what they owe;
the calendar carries follow-ups as to-dos that keep their UID."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import icalendar

from tests.conftest import Run

VISIT = "munich-delegation-kawasaki-2027"


def test_follow_ups_of_an_owner_overdue_first(run: Run) -> None:
    result = run("follow-ups", "--owner", "ralf-huss")
    assert result.exit_code == 0, result
    assert result.stdout.splitlines()[2].split()[:2] == ["2026-10-31", "overdue"]
    assert "Send list of Munich SMEs" in result.stdout


DONE = """\
organisations: [{id: o, name: O, sources: [s]}]
events:
  - id: e
    title: E
    date: 2026-01-01
    parties: [o]
    follow_ups:
      - {action: Sent already, owner: o, due: 2026-02-01, done: true}
      - {action: Still to send, owner: o, due: 2027-02-01}
    sources: [s]
sources: [{id: s, title: S}]
"""


def test_overdue_due_before_and_all(run: Run, tmp_path: Path) -> None:
    overdue = json.loads(run("follow-ups", "--overdue", "--format", "json").stdout)
    assert [item["status"] for item in overdue] == ["overdue"]
    before = json.loads(run("follow-ups", "--due-before", "2027-03", "--format", "json").stdout)
    assert [item["due"] for item in before] == ["2026-10-31", "2027-02-28"]
    data = tmp_path / "done.yaml"
    data.write_text(DONE, encoding="utf-8")
    assert [
        i["action"] for i in json.loads(run("follow-ups", "--format", "json", data=data).stdout)
    ] == ["Still to send"]
    everything = json.loads(run("follow-ups", "--all", "--format", "json", data=data).stdout)
    statuses = [item["status"] for item in everything]
    assert "done" in statuses and statuses.index("done") > statuses.index("open")
    assert set(everything[0]) == {"due", "status", "action", "owner", "event", "number"}


def test_follow_ups_with_a_counterpart_as_csv(run: Run) -> None:
    rows = list(
        csv.DictReader(
            io.StringIO(run("follow-ups", "--with", "kawasaki", "--format", "csv").stdout)
        )
    )
    assert {row["Event"] for row in rows} == {VISIT}
    assert all(row["Status"] in ("open", "overdue") for row in rows)


def test_an_unknown_owner_says_did_you_mean(run: Run) -> None:
    result = run("follow-ups", "--owner", "nobody-here")
    assert result.exit_code == 1
    assert result.stderr.startswith("dossier: ")


def test_a_persons_view_lists_what_they_owe(run: Run) -> None:
    out = run("show", "huss").stdout
    owes = out.split("\nOwes\n", 1)[1]
    assert owes.splitlines()[2].split()[:2] == ["overdue", "2026-10-31"]


def test_an_organisations_view_lists_what_it_owes(run: Run) -> None:
    out = run("show", "biom").stdout
    assert "\nOwes\n" in out
    assert "Confirm the agenda" in out.split("\nOwes\n", 1)[1]


def test_the_calendar_has_a_to_do_per_follow_up_with_a_stable_uid(run: Run, tmp_path: Path) -> None:
    calendar = icalendar.Calendar.from_ical(run("export", "--format", "ics").stdout)
    to_dos = {str(t["SUMMARY"]): t for t in calendar.walk("VTODO")}
    sent = to_dos["Send list of Munich SMEs interested in Japan"]
    assert str(sent["STATUS"]) == "NEEDS-ACTION"
    assert str(sent.decoded("DUE")) == "2026-10-31"
    done = tmp_path / "done.yaml"
    done.write_text(DONE, encoding="utf-8")
    statuses = {
        str(t["SUMMARY"]): str(t["STATUS"])
        for t in icalendar.Calendar.from_ical(
            run("export", "--format", "ics", data=done).stdout
        ).walk("VTODO")
    }
    assert statuses == {"Sent already": "COMPLETED", "Still to send": "NEEDS-ACTION"}
    # A follow-up added first keeps every other one's UID.
    data = tmp_path / "more.yaml"
    text = (Path(__file__).resolve().parents[2] / "data" / "clusters.yaml").read_text(
        encoding="utf-8"
    )
    marker = "    follow_ups:\n      - action:\n          en: Send list of Munich SMEs interested in Japan"
    assert marker in text
    data.write_text(
        text.replace(
            marker,
            "    follow_ups:\n      - {action: Book the hotel, due: 2027-01-15}\n"
            + marker[len("    follow_ups:\n") :],
        ),
        encoding="utf-8",
    )
    again = icalendar.Calendar.from_ical(run("export", "--format", "ics", data=data).stdout)
    uids = {str(t["SUMMARY"]): str(t["UID"]) for t in again.walk("VTODO")}
    assert uids["Send list of Munich SMEs interested in Japan"] == str(sent["UID"])
    assert "Book the hotel" in uids
