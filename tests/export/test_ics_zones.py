"""A calendar's time zones are right for any year the data holds, read as RFC 5545 says: the
offset of an entry is that of the latest observance of its VTIMEZONE that began before it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Run

ZONES = [
    "Europe/Berlin",
    "America/New_York",
    "Australia/Sydney",
    "Asia/Tokyo",
    "America/Santiago",
    "Pacific/Kiritimati",
]


def offsets_by_the_calendar(text: str) -> list[tuple[dt.datetime, dt.timedelta, str]]:
    """Each timed entry's local start, and its offset as the VTIMEZONE alone gives it."""
    calendar = icalendar.Calendar.from_ical(text)
    zones: dict[str, list[tuple[dt.datetime, dt.timedelta]]] = {}
    for zone in calendar.walk("VTIMEZONE"):
        observances = [
            (part.decoded("DTSTART"), part.decoded("TZOFFSETTO")) for part in zone.subcomponents
        ]
        zones[str(zone["TZID"])] = sorted(observances)
    found = []
    for entry in calendar.walk("VEVENT"):
        start = entry["DTSTART"]
        zone = start.params.get("TZID")
        if not zone:
            continue
        local = entry.decoded("DTSTART").replace(tzinfo=None)
        onsets = [offset for begun, offset in zones[str(zone)] if begun <= local]
        assert onsets, f"no observance of {zone} begins before {local}"
        found.append((local, onsets[-1], str(zone)))
    return found


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    days=st.lists(
        st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(9998, 12, 31)),
        min_size=1,
        max_size=4,
    ),
    zone=st.sampled_from(ZONES),
    clock=st.sampled_from(["09:30", "12:00", "16:45"]),
)
def test_every_timed_entry_has_its_real_offset_in_the_calendars_own_zone(
    run: Run, tmp_path: Path, days: list[dt.date], zone: str, clock: str
) -> None:
    events = [
        {
            "id": f"e{index}",
            "title": "Visit",
            "date": day.isoformat(),
            "timezone": zone,
            "agenda": [{"time": clock, "title": "Meeting"}],
            "sources": ["s"],
        }
        for index, day in enumerate(days)
    ]
    data = tmp_path / "zones.yaml"
    data.write_text(
        yaml.safe_dump({"events": events, "sources": [{"id": "s", "title": "S"}]}), encoding="utf-8"
    )
    text = run("export", "--format", "ics", data=data).stdout
    for local, offset, name in offsets_by_the_calendar(text):
        assert offset == local.replace(tzinfo=ZoneInfo(name)).utcoffset(), (local, name)


def _meeting_offset(
    run: Run, tmp_path: Path, date: str, zone: str
) -> tuple[dt.datetime, dt.timedelta]:
    """A 09:30 meeting on `date` in `zone`, exported: its local start and its offset as the
    calendar's VTIMEZONE alone gives it."""
    data = tmp_path / "meeting.yaml"
    data.write_text(
        f"events:\n  - {{id: e, title: E, date: {date}, timezone: {zone},"
        ' agenda: [{time: "09:30", title: T}], sources: [s]}\nsources: [{id: s, title: S}]\n',
        encoding="utf-8",
    )
    ((local, offset, _),) = offsets_by_the_calendar(
        run("export", "--format", "ics", data=data).stdout
    )
    return local, offset


def test_a_meeting_in_july_2090_in_berlin_is_in_summer_time(run: Run, tmp_path: Path) -> None:
    assert _meeting_offset(run, tmp_path, "2090-07-03", "Europe/Berlin") == (
        dt.datetime(2090, 7, 3, 9, 30),
        dt.timedelta(hours=2),
    )


def test_new_years_morning_in_sydney_has_its_summer_offset(run: Run, tmp_path: Path) -> None:
    # 1 January 09:30 in Sydney is 31 December in UTC: the year's observance must start at
    # local midnight, not at midnight UTC, or the morning falls before every observance.
    assert _meeting_offset(run, tmp_path, "2000-01-01", "Australia/Sydney") == (
        dt.datetime(2000, 1, 1, 9, 30),
        dt.timedelta(hours=11),
    )


def test_a_change_from_an_offset_with_seconds_starts_on_its_second(
    run: Run, tmp_path: Path
) -> None:
    # Santiago left its mean time (-4:42:45) for -4:00 at local midnight on 10 September
    # 1918, at 04:42:45 UTC: an onset rounded to the minute still read the old offset.
    assert _meeting_offset(run, tmp_path, "1918-10-01", "America/Santiago") == (
        dt.datetime(1918, 10, 1, 9, 30),
        dt.timedelta(hours=-4),
    )
