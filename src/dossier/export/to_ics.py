"""iCalendar export: events as all-day entries, agenda items as timed entries at the venue.

Output is byte-for-byte stable for the same data: UIDs come from record ids and DTSTAMP
from the event's own date, so calendar programs update entries instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from dossier.dossier import Dossier, agenda_times
from dossier.models import Event
from dossier.types import text_in
from dossier.wording import place_of

PRODUCT = "-//dossier//dossier//EN"
UID_DOMAIN = "dossier"


@dataclass
class IcsResult:
    text: bytes
    skipped: list[str] = field(default_factory=list)


def _stamp(event: Event) -> dt.datetime:
    start = event.date.start()
    return dt.datetime(start.year, start.month, start.day, tzinfo=dt.UTC)


def _all_day(event: Event, lang: str) -> CalendarEvent:
    entry = CalendarEvent()
    entry.add("uid", f"{event.id}@{UID_DOMAIN}")
    entry.add("dtstamp", _stamp(event))
    entry.add("summary", text_in(event.title, lang))
    entry.add("dtstart", event.date.start())
    entry.add("dtend", (event.end or event.date).end() + dt.timedelta(days=1))
    if place_of(event):
        entry.add("location", place_of(event))
    description = text_in(event.summary or event.purpose, lang)
    if description:
        entry.add("description", description)
    entry.add("categories", [event.kind.value])
    return entry


def _agenda_entries(event: Event, zone: str, lang: str) -> list[CalendarEvent]:
    entries = []
    for index, item in enumerate(event.agenda, 1):
        times = agenda_times(event, item, zone)
        if times is None:
            continue
        entry = CalendarEvent()
        entry.add("uid", f"{event.id}-agenda-{index}@{UID_DOMAIN}")
        entry.add("dtstamp", _stamp(event))
        entry.add("summary", f"{text_in(item.title, lang)} ({text_in(event.title, lang)})")
        entry.add("dtstart", times.start)
        entry.add("dtend", times.end or times.start + dt.timedelta(hours=1))
        if item.place or place_of(event):
            entry.add("location", item.place or place_of(event))
        entries.append(entry)
    return entries


def export_ics(dossier: Dossier, lang: str = "en") -> IcsResult:
    """Events with a known day; those known only to the month or year are listed in `skipped`."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    skipped = []
    for event in dossier.events:
        if event.date.day is None:
            skipped.append(f"{event.id} (date {event.date} has no day)")
            continue
        calendar.add_component(_all_day(event, lang))
        if event.agenda:
            zone = dossier.venue_timezone(event)
            if zone is None:
                skipped.append(f"{event.id} agenda (no time zone for the venue)")
                continue
            for entry in _agenda_entries(event, zone, lang):
                calendar.add_component(entry)
    calendar.add_missing_timezones()
    return IcsResult(calendar.to_ical(), skipped)
