"""Valid data at the edges (the first and last days a date can hold, titles far longer than
Word's properties allow, zones fourteen hours apart) goes through every command."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from tests.conftest import Run

LONG = "Delegation " * 60

EXTREMES = {
    "home": "h",
    "clusters": [
        {
            "id": "h",
            "name": "Home",
            "city": "Honolulu",
            "timezone": "Pacific/Honolulu",
            "sources": ["s"],
        },
        {
            "id": "k",
            "name": LONG,
            "city": "Kiritimati",
            "timezone": "Pacific/Kiritimati",
            "sources": ["s"],
        },
    ],
    "events": [
        {
            "id": "last",
            "kind": "visit",
            "title": LONG,
            "date": "9999-12-31",
            "parties": ["h", "k"],
            "agenda": [
                {"time": "23:30", "end": "00:30", "title": "Late"},
                {"time": "23:59", "title": "Later"},
            ],
            "follow_ups": [{"action": LONG, "due": "9999-12-31"}],
            "sources": ["s"],
        },
        {
            "id": "first",
            "title": "First",
            "date": "1000-01-01",
            "parties": ["h", "k"],
            "sources": ["s"],
        },
    ],
    "agreements": [
        {
            "id": "a",
            "title": LONG,
            "status": "active",
            "parties": ["h", "k"],
            "expires": "1000",
            "sources": ["s"],
        }
    ],
    "sources": [
        {"id": "s", "title": LONG, "published": 1000, "url": "https://x.example/" + "p" * 2000}
    ],
}

COMMANDS = [
    ["validate"],
    ["show", "last"],
    ["show", "k"],
    ["show", "a"],
    ["list", "events"],
    ["timeline"],
    ["search", "delegation"],
    ["export", "--format", "json"],
    ["export", "--format", "yaml"],
    ["export", "--format", "csv", "--kind", "events"],
    ["export", "--format", "ics"],
    ["brief", "last", "-o", "last.docx"],
    ["brief", "k", "--format", "md", "-o", "-"],
    ["follow-ups", "--all"],
    ["stale"],
    ["stale", "--older-than", "99999999y"],
]


@pytest.mark.parametrize("today", ["9999-12-31", "1000-01-01", "2026-11-25"])
@pytest.mark.parametrize("lang", ["en", "de", "ja"])
def test_data_at_the_edges_goes_through_every_command(
    run: Run, tmp_path: Path, lang: str, today: str
) -> None:
    data = tmp_path / "edges.yaml"
    data.write_text(yaml.safe_dump(EXTREMES, allow_unicode=True), encoding="utf-8")
    for command in COMMANDS:
        args = (
            [*command, "--lang", lang] if command[0] in ("show", "timeline", "brief") else command
        )
        if "last.docx" in command:
            args = [*args, "--force"]
        result = run(*args, data=data, env={"DOSSIER_TODAY": today})
        assert "This is a bug" not in result.stderr, (command, result)
        assert result.exit_code in (0, 1), (command, result)
    assert (tmp_path / "last.docx").stat().st_size > 0


def test_the_last_day_there_is_is_in_the_calendar(run: Run, tmp_path: Path) -> None:
    import icalendar

    data = tmp_path / "edges.yaml"
    data.write_text(yaml.safe_dump(EXTREMES, allow_unicode=True), encoding="utf-8")
    result = run("export", "--format", "ics", data=data)
    assert result.exit_code == 0, result
    assert "left out" not in result.stderr
    calendar = icalendar.Calendar.from_ical(result.stdout)
    entries = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    last = entries["last@dossier"]
    assert last.decoded("dtstart") == dt.date(9999, 12, 31)
    assert last.decoded("duration") == dt.timedelta(days=1)
    late = next(e for e in entries.values() if str(e["summary"]).startswith("Late "))
    start = late.decoded("dtstart")
    assert (start.year, start.month, start.day, start.hour, start.minute) == (9999, 12, 31, 23, 30)
    assert late.decoded("duration") == dt.timedelta(hours=1)
    later = next(e for e in entries.values() if str(e["summary"]).startswith("Later "))
    assert later.decoded("duration") == dt.timedelta(hours=1)
    expiry = entries["a-expires@dossier"]
    assert expiry.decoded("dtstart") == dt.date(1000, 12, 31)
    assert expiry.decoded("dtend") == dt.date(1001, 1, 1)
