"""Calendars that update cleanly: UIDs from what identifies an entry, RFC 5545 stamps."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar

from tests.conftest import Run, Write

VERSION_1 = """\
clusters: [{id: k, name: K, timezone: Asia/Tokyo, sources: [s]}]
events:
  - id: visit
    title: Visit
    date: 2027-04-14
    end: 2027-04-15
    parties: [k]
    agenda:
      - {time: "09:30", title: Welcome}
      - {id: tour, time: "11:00", title: Site tour}
      - {date: 2027-04-15, time: "10:00", title: Workshop}
    sources: [s]
sources: [{id: s, title: S}]
"""

# An item inserted first, the tour moved to 11:30, the workshop unchanged.
VERSION_2 = VERSION_1.replace(
    '      - {time: "09:30", title: Welcome}\n',
    '      - {time: "09:00", title: Coffee}\n      - {time: "09:30", title: Welcome}\n',
).replace('time: "11:00", title: Site tour', 'time: "11:30", title: Site tour')


def _entries(run: Run, path: Path, text: str, **env: str) -> dict[str, icalendar.Component]:
    path.write_text(text, encoding="utf-8")
    result = run("export", "--format", "ics", data=path, env=env)
    assert result.exit_code == 0, result
    calendar = icalendar.Calendar.from_ical(result.stdout)
    return {str(entry["SUMMARY"]).split(" (")[0]: entry for entry in calendar.walk("VEVENT")}


def test_unchanged_and_moved_items_keep_their_uid_across_versions(run: Run, tmp_path: Path) -> None:
    first = _entries(run, tmp_path / "v1.yaml", VERSION_1)
    second = _entries(run, tmp_path / "v2.yaml", VERSION_2)
    for title in ("Visit", "Welcome", "Workshop", "Site tour"):
        assert first[title]["UID"] == second[title]["UID"], title
    assert second["Site tour"]["UID"] == "visit-agenda-tour@dossier"
    assert second["Workshop"]["UID"] == "visit-agenda-20270415T1000@dossier"
    uids = [str(e["UID"]) for e in second.values()]
    assert len(set(uids)) == len(uids)
    assert second["Coffee"]["UID"] not in {e["UID"] for e in first.values()}


def test_stamps_are_utc_times_of_the_export_and_sequences_start_at_zero(
    run: Run, tmp_path: Path
) -> None:
    entries = _entries(run, tmp_path / "v1.yaml", VERSION_1)
    for entry in entries.values():
        assert entry.decoded("DTSTAMP") == dt.datetime(2026, 11, 25, tzinfo=dt.UTC)
        assert entry.decoded("SEQUENCE") == 0
    epoch = _entries(run, tmp_path / "v1.yaml", VERSION_1, SOURCE_DATE_EPOCH="1800000000")
    assert epoch["Visit"].decoded("DTSTAMP") == dt.datetime(2027, 1, 15, 8, 0, tzinfo=dt.UTC)


def test_the_same_data_gives_the_same_bytes(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "v1.yaml"
    path.write_text(VERSION_1, encoding="utf-8")
    runs = [run("export", "--format", "ics", data=path).stdout for _ in range(2)]
    assert runs[0] == runs[1]


def test_a_bad_source_date_epoch_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "v1.yaml"
    path.write_text(VERSION_1, encoding="utf-8")
    result = run("export", "--format", "ics", data=path, env={"SOURCE_DATE_EPOCH": "soon"})
    assert (result.exit_code, result.stderr) == (
        2,
        "dossier: SOURCE_DATE_EPOCH='soon' is not a time (whole seconds since 1970)\n",
    )


def test_two_agenda_items_may_not_share_an_id(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "dup.yaml"
    path.write_text(
        VERSION_1.replace("{date: 2027-04-15, time", "{id: tour, date: 2027-04-15, time"),
        encoding="utf-8",
    )
    result = run("validate", data=path)
    assert result.exit_code == 1
    assert result.stdout == (
        "dup.yaml:11:14: error: visit agenda[2].id: agenda item id 'tour' is already used by"
        " item 2\n  hint: give each item of an agenda its own id\n"
    )


FOLLOW_UPS = """\
people:
  - {id: ralf, name: Ralf Huss, email: [ralf@biom.example]}
  - {id: aiko, name: Aiko Sato}
events:
  - id: trip
    title: Trip to Kawasaki
    date: 2017-02
    follow_ups: [{action: Send the report, owner: ralf, due: 2017-03-31}]
  - id: talk
    title: Call
    date: 2017-05-02
    follow_ups: [{action: Book rooms, owner: aiko}, {action: Write up}]
"""


def _to_dos(run: Run, write: Write, *args: str) -> tuple[list[str], dict[str, icalendar.Component]]:
    result = run("export", "--format", "ics", *args, data=write(FOLLOW_UPS))
    assert result.exit_code == 0, result
    calendar = icalendar.Calendar.from_ical(result.stdout)
    uids = [str(entry["UID"]) for entry in calendar.walk("VEVENT")]
    return uids, {str(todo["SUMMARY"]): todo for todo in calendar.walk("VTODO")}


def test_a_to_do_relates_only_to_an_event_the_calendar_holds(run: Run, write: Write) -> None:
    uids, to_dos = _to_dos(run, write)
    assert uids == ["talk@dossier"]  # the trip has no day: it is left out
    for to_do in to_dos.values():
        assert "RELATED-TO" not in to_do or str(to_do["RELATED-TO"]) in uids
    report = to_dos["Send the report"]
    assert "RELATED-TO" not in report
    assert str(report["DESCRIPTION"]) == "Trip to Kawasaki (2017-02)"
    assert str(to_dos["Book rooms"]["RELATED-TO"]) == "talk@dossier"


def test_a_to_do_names_its_owner_and_invites_them_where_it_can(run: Run, write: Write) -> None:
    _, to_dos = _to_dos(run, write)
    report, rooms, notes = to_dos["Send the report"], to_dos["Book rooms"], to_dos["Write up"]
    assert str(report["X-DOSSIER-OWNER"]) == "Ralf Huss"
    assert str(report["ATTENDEE"]) == "mailto:ralf@biom.example"
    assert report["ATTENDEE"].params["CN"] == "Ralf Huss"
    assert str(rooms["X-DOSSIER-OWNER"]) == "Aiko Sato" and "ATTENDEE" not in rooms
    assert "X-DOSSIER-OWNER" not in notes
    # Partners may not read the address: the owner is named, not invited.
    _, for_partners = _to_dos(run, write, "--audience", "partner")
    assert "ATTENDEE" not in for_partners["Send the report"]
