"""One venue time zone for show, brief and the calendar: every agenda item at one instant."""

from __future__ import annotations

import collections
import datetime as dt
import importlib.resources
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import HealthCheck, given, settings

from dossier.briefing.build import build_briefing
from dossier.briefing.document import Line, Table
from dossier.datafile.loaded import LoadResult
from dossier.errors import UsageError
from dossier.export.to_ics import export_ics
from dossier.i18n import Translator
from dossier.model.dossier import Dossier, agenda_days
from dossier.model.records import AgendaItem, Cluster, Event
from dossier.model.zones import zone_advice
from tests.conftest import TODAY, Run
from tests.strategies import dossiers

CAMBRIDGE = """\
home: munich
clusters:
  - {id: munich, name: BioM cluster, city: Munich, timezone: Europe/Berlin, managed_by: biom, sources: [s]}
  - {id: kendall, name: Kendall Square, city: Cambridge, timezone: America/New_York, sources: [s]}
organisations:
  - {id: biom, name: BioM, sources: [s]}
events:
  - id: visit
    kind: visit
    title: Delegation to Cambridge
    date: 2027-06-14
    place: Cambridge
    parties: [biom, kendall]
    agenda:
      - {time: "09:30", title: Welcome}
    sources: [s]
sources: [{id: s, title: S}]
"""


def _ics_agenda(text: bytes) -> dict[str, list[dt.datetime]]:
    """Event id → the starts of its agenda entries, in the order of the calendar."""
    found: dict[str, list[dt.datetime]] = collections.defaultdict(list)
    for entry in icalendar.Calendar.from_ical(text).walk("VEVENT"):
        uid = str(entry["uid"])
        if "-agenda-" in uid:
            found[uid.split("-agenda-")[0]].append(entry.decoded("dtstart"))
    return found


def test_a_visit_without_a_zone_is_at_the_venue_in_calendar_and_briefing(
    run: Run, tmp_path: Path
) -> None:
    data = tmp_path / "cambridge.yaml"
    data.write_text(CAMBRIDGE, encoding="utf-8")
    assert run("validate", data=data).stderr == "0 errors, 0 warnings in 1 file\n"
    ics = run("export", "--format", "ics", data=data)
    assert _ics_agenda(ics.stdout.encode()) == {
        "visit": [dt.datetime(2027, 6, 14, 9, 30, tzinfo=ZoneInfo("America/New_York"))]
    }
    markdown = run("brief", "visit", "--format", "md", "-o", "-", data=data).stdout
    noon = dt.datetime(2027, 6, 14, 12, tzinfo=ZoneInfo("America/New_York"))
    en = Translator("en")
    # The venue's and the home's zone, each as the reader's language names it on that day.
    venue, home = en.zone_name(noon), en.zone_name(noon.astimezone(ZoneInfo("Europe/Berlin")))
    assert f"| Cambridge ({venue}) | Munich ({home}) |" in markdown
    assert "| 09:30 | 15:30 | Welcome |" in markdown


def test_an_agenda_whose_zone_cannot_be_known_is_a_warning(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "nozone.yaml"
    data.write_text(CAMBRIDGE.replace(", timezone: America/New_York", ""), encoding="utf-8")
    result = run("validate", data=data)
    assert result.exit_code == 0
    assert result.stdout == (
        "nozone.yaml:15:7: warning: visit agenda: the agenda's times are local to a place whose"
        " time zone is not known [agenda-zone]\n"
        "  hint: add timezone: to the event (an IANA zone such as Asia/Tokyo)\n"
    )


def _briefing_rows(dossier: Dossier, event: Event) -> list[tuple[str, str]] | None:
    """(local time, home time or "") of each row of the briefing's agenda, or None."""
    try:
        briefing = build_briefing(dossier, event, today=TODAY, translator=Translator("en"))
    except UsageError:  # no home side, or no counterpart: no briefing to compare
        return None
    sections = [s for s in briefing.sections if s.title == "Agenda"]
    if not sections:
        return None
    # One table per day, in the order of `agenda_days`.
    tables = [b for b in sections[0].blocks if isinstance(b, Table)]

    def start(row: tuple[Line, ...], column: int) -> str:
        return "".join(run.text for run in row[column]).split(" (")[0].split("–")[0]

    rows = []
    for table in tables:
        converted = len(table.header) == 4
        rows += [(start(row, 0), start(row, 1) if converted else "") for row in table.rows]
    return rows


def _check_agreement(dossier: Dossier) -> None:
    """Each agenda item's calendar entry starts at the instant the briefing prints."""
    stamp = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    calendar = _ics_agenda(export_ics(dossier, stamp).text)
    home = dossier.get(dossier.home or "")
    for event in dossier.events:
        zone = dossier.venue_timezone(event)
        rows = _briefing_rows(dossier, event)
        if rows is None or zone is None or event.date.day is None:
            continue
        in_order = [item for _, items in agenda_days(event) for item in items]
        timed = [row for item, row in zip(in_order, rows, strict=True) if item_has_day(event, item)]
        # The calendar lists items as written; the briefing by day.
        written = [id(item) for item in event.agenda if item_has_day(event, item)]
        by_item = dict(zip(written, calendar[event.id], strict=True))
        starts = [by_item[id(item)] for item in in_order if item_has_day(event, item)]
        assert [s.astimezone(ZoneInfo(zone)).strftime("%H:%M") for s in starts] == [
            local for local, _ in timed
        ]
        if any(home_time for _, home_time in timed):
            assert isinstance(home, Cluster) and home.timezone
            assert [s.astimezone(ZoneInfo(home.timezone)).strftime("%H:%M") for s in starts] == [
                home_time for _, home_time in timed
            ]


def item_has_day(event: Event, item: AgendaItem) -> bool:
    return (item.date or event.date).day is not None


def test_the_sample_calendar_and_briefing_agree(sample: LoadResult) -> None:
    _check_agreement(sample.dossier)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dossier=dossiers(visits=True))
def test_generated_calendars_and_briefings_agree(dossier: Dossier) -> None:
    _check_agreement(dossier)


def test_legacy_and_fixed_offset_zones_get_the_city_zone_to_write(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "zones.yaml"
    data.write_text(
        "clusters:\n"
        "  - {id: a, name: A, timezone: EST, sources: [s]}\n"
        "  - {id: b, name: B, timezone: Japan, sources: [s]}\n"
        "  - {id: c, name: C, timezone: Etc/GMT-9, sources: [s]}\n"
        "  - {id: d, name: D, timezone: Europe/Berlin, sources: [s]}\n"
        "  - {id: e, name: E, timezone: UTC, sources: [s]}\n"
        "sources: [{id: s, title: S}]\n",
        encoding="utf-8",
    )
    result = run("validate", data=data)
    assert result.exit_code == 0
    assert result.stdout == (
        "zones.yaml:2:32: warning: a timezone: 'EST' is a legacy or fixed-offset time zone name [zone-name]\n"
        "  hint: write America/Panama, the zone the time zone database keeps for it\n"
        "zones.yaml:3:32: warning: b timezone: 'Japan' is a legacy or fixed-offset time zone"
        " name [zone-name]\n"
        "  hint: write Asia/Tokyo, the zone the time zone database keeps for it\n"
        "zones.yaml:4:32: warning: c timezone: 'Etc/GMT-9' is a legacy or fixed-offset time zone"
        " name [zone-name]\n"
        "  hint: write the zone of the venue's city, such as Europe/Berlin or Asia/Tokyo\n"
    )


@pytest.mark.parametrize(
    ("legacy", "city"),
    [("Australia/NSW", "Australia/Sydney"), ("Asia/Tel_Aviv", "Asia/Jerusalem")],
)
def test_every_backward_link_of_the_zone_database_is_named(legacy: str, city: str) -> None:
    assert zone_advice(legacy) == (
        f"'{legacy}' is a legacy or fixed-offset time zone name",
        f"write {city}, the zone the time zone database keeps for it",
    )


def test_no_zone_a_country_lists_and_no_name_of_utc_is_warned_about() -> None:
    zone_tab = importlib.resources.files("tzdata").joinpath("zoneinfo", "zone.tab")
    listed = [
        line.split("\t")[2]
        for line in zone_tab.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert [name for name in listed if zone_advice(name)] == []
    assert [name for name in ("UTC", "Zulu", "GMT0", "Etc/Universal") if zone_advice(name)] == []
