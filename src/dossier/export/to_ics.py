"""iCalendar export (RFC 5545): events as all-day entries, agenda items as timed entries at
the venue, follow-ups as to-dos (VTODO).

UIDs come from what identifies an entry, never its position: an event's id; an agenda item's
own `id`, else its day and time. Calendar programs then update entries in place when the
programme changes. DTSTAMP is the moment of the export, in UTC as the RFC requires, taken
from `SOURCE_DATE_EPOCH` (the reproducible-builds convention) or else the start of today's
date: the same data gives the same bytes on the same day. SEQUENCE is 0: the export keeps no
history of revisions, and DTSTAMP tells importers which copy is newer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from icalendar import Calendar, Todo
from icalendar import Event as CalendarEvent
from icalendar.prop import vCalAddress, vText

from dossier.i18n import Translator
from dossier.model.dossier import Dossier, agenda_times
from dossier.model.records import Agreement, Event
from dossier.model.values import text_in
from dossier.phrases import place_of

PRODUCT = "-//dossier//dossier//EN"

UID_DOMAIN = "dossier"


@dataclass
class IcsResult:
    text: bytes
    skipped: list[str] = field(default_factory=list)


def agenda_uids(event: Event) -> list[str]:
    """A UID for each agenda item, in order: `<event>-agenda-<id>`, or for an item without
    an id `<event>-agenda-<YYYYMMDD>T<HHMM>` (a second item at the same time gets `-2`)."""
    uids: list[str] = []
    for item in event.agenda:
        day = item.date or event.date
        key = item.id or f"{day.start():%Y%m%d}T{item.time.replace(':', '')}"
        uids.append(_unique(f"{event.id}-agenda-{key}", uids))
    return uids


def _unique(uid: str, taken: list[str]) -> str:
    """`uid@dossier`, or `uid-2@dossier` (and so on) where an earlier entry took it."""
    candidate, count = uid, 1
    while f"{candidate}@{UID_DOMAIN}" in taken:
        count += 1
        candidate = f"{uid}-{count}"
    return f"{candidate}@{UID_DOMAIN}"


def escape_text(text: str) -> str:
    """A TEXT value as RFC 5545 (section 3.3.11) escapes it: backslashes first, then
    semicolons, commas and line breaks. icalendar's own escaping first reads a backslash
    before N as a line break, so a share path such as NAS01 would come back split."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


class _Text(vText):
    """A TEXT value escaped by `escape_text`."""

    def to_ical(self) -> bytes:
        return escape_text(str(self)).encode("utf-8")


def _text(entry: CalendarEvent | Todo, name: str, value: str) -> None:
    entry.add(name, _Text(value))


def _identify(entry: CalendarEvent | Todo, uid: str, stamp: dt.datetime) -> None:
    entry.add("uid", uid)
    entry.add("dtstamp", stamp)
    entry.add("sequence", 0)


def _all_day(event: Event, lang: str, stamp: dt.datetime) -> CalendarEvent:
    entry = CalendarEvent()
    _identify(entry, f"{event.id}@{UID_DOMAIN}", stamp)
    _text(entry, "summary", text_in(event.title, lang))
    _days(entry, event.date.start(), (event.end or event.date).end())
    if place_of(event, lang):
        _text(entry, "location", place_of(event, lang))
    description = text_in(event.summary or event.purpose, lang)
    if description:
        _text(entry, "description", description)
    entry.add("categories", [event.kind.value])
    return entry


def _days(entry: CalendarEvent, first: dt.date, last: dt.date) -> None:
    """All day from `first` to `last`. DTEND is the day after, which 9999-12-31 has not: a
    DURATION says the same (RFC 5545, section 3.8.2.5)."""
    entry.add("dtstart", first)
    if last < dt.date.max:
        entry.add("dtend", last + dt.timedelta(days=1))
    else:
        entry.add("duration", last - first + dt.timedelta(days=1))


_NO_END = dt.timedelta(hours=1)
"""How long an agenda item without an end lasts in a calendar."""


def _timed(entry: CalendarEvent, start: dt.datetime, length: dt.timedelta) -> None:
    """From `start` for `length`: as DTEND where a date-time can hold the end, else as a
    DURATION (an item late on 9999-12-31)."""
    entry.add("dtstart", start)
    try:
        end = start + length
    except OverflowError:
        entry.add("duration", length)
    else:
        entry.add("dtend", end)


def _agenda_entries(event: Event, zone: str, lang: str, stamp: dt.datetime) -> list[CalendarEvent]:
    entries = []
    for item, uid in zip(event.agenda, agenda_uids(event), strict=True):
        times = agenda_times(event, item, zone)
        if times is None:
            continue
        entry = CalendarEvent()
        _identify(entry, uid, stamp)
        _text(entry, "summary", f"{text_in(item.title, lang)} ({text_in(event.title, lang)})")
        _timed(entry, times.start, times.length or _NO_END)
        location = text_in(item.place, lang) or place_of(event, lang)
        if location:
            _text(entry, "location", location)
        entries.append(entry)
    return entries


def follow_up_uids(event: Event) -> list[str]:
    """A UID for each follow-up of an event, from its action's words rather than its place in
    the list: `<event>-follow-up-<12 hex digits>` (a second identical action gets `-2`)."""
    from hashlib import blake2b

    uids: list[str] = []
    for follow_up in event.follow_ups:
        words = " ".join(text_in(follow_up.action).split()).encode("utf-8")
        uids.append(
            _unique(f"{event.id}-follow-up-{blake2b(words, digest_size=6).hexdigest()}", uids)
        )
    return uids


def _to_dos(dossier: Dossier, event: Event, lang: str, stamp: dt.datetime) -> list[Todo]:
    """Follow-ups as VTODO: due on the last day their date allows, done or still to do,
    related to their event where the calendar holds it, and owed by their owner."""
    to_dos = []
    for follow_up, uid in zip(event.follow_ups, follow_up_uids(event), strict=True):
        to_do = Todo()
        _identify(to_do, uid, stamp)
        _text(to_do, "summary", text_in(follow_up.action, lang))
        if follow_up.due is not None:
            to_do.add("due", follow_up.due.end())
        to_do.add("status", "COMPLETED" if follow_up.is_done else "NEEDS-ACTION")
        if follow_up.done_on is not None and follow_up.done_on.day is not None:
            # COMPLETED is a UTC date-time; the day is what the data knows.
            done = follow_up.done_on.start()
            to_do.add("completed", dt.datetime(done.year, done.month, done.day, tzinfo=dt.UTC))
        if event.date.day is not None:
            to_do.add("related-to", f"{event.id}@{UID_DOMAIN}")
        else:
            # The event is left out of the calendar (no day): name it instead of pointing at it.
            _text(to_do, "description", f"{text_in(event.title, lang)} ({event.date})")
        if follow_up.owner is not None:
            _owner(to_do, dossier, follow_up.owner, lang)
        to_dos.append(to_do)
    return to_dos


def _owner(to_do: Todo, dossier: Dossier, owner: str, lang: str) -> None:
    """Who owes the follow-up: always by name (`X-DOSSIER-OWNER`, which no calendar program
    needs to understand), and as ATTENDEE where the data has an e-mail address to reach them
    by (an ATTENDEE is an address, RFC 5545 section 3.8.4.1)."""
    name = dossier.label(owner, lang)
    _text(to_do, "x-dossier-owner", name)
    record = dossier.get(owner)
    addresses = getattr(record, "email", None) or []
    if addresses:
        attendee = vCalAddress(f"mailto:{addresses[0]}")
        attendee.params["cn"] = name
        attendee.params["role"] = "REQ-PARTICIPANT"
        to_do.add("attendee", attendee)


def export_ics(dossier: Dossier, stamp: dt.datetime, lang: str = "en") -> IcsResult:
    """Events with a known day, stamped `stamp` (see `export_stamp`); those known only to the
    month or year are listed in `skipped`."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    skipped = []
    for event in dossier.events:
        for to_do in _to_dos(dossier, event, lang, stamp):
            calendar.add_component(to_do)
        if event.date.day is None:
            skipped.append(f"{event.id} (date {event.date} has no day)")
            continue
        calendar.add_component(_all_day(event, lang, stamp))
        if event.agenda:
            zone = dossier.venue_timezone(event)
            if zone is None:
                skipped.append(f"{event.id} agenda (no time zone for the venue)")
                continue
            for entry in _agenda_entries(event, zone, lang, stamp):
                calendar.add_component(entry)
    for agreement in dossier.agreements:
        if agreement.expires is not None:
            calendar.add_component(_expiry(agreement, lang, stamp))
    _add_timezones(calendar)
    return IcsResult(calendar.to_ical(), skipped)


def _expiry(agreement: Agreement, lang: str, stamp: dt.datetime) -> CalendarEvent:
    """An agreement's expiry as an all-day entry, on the last day its date allows."""
    entry = CalendarEvent()
    _identify(entry, f"{agreement.id}-expires@{UID_DOMAIN}", stamp)
    last_day = agreement.expires.end() if agreement.expires else dt.date.max
    title = text_in(agreement.title, lang)
    _text(entry, "summary", Translator(lang)("Expires: {agreement}", agreement=title))
    _days(entry, last_day, last_day)
    entry.add("categories", ["expiry"])
    return entry


def _add_timezones(calendar: Calendar) -> None:
    """A VTIMEZONE for each zone the entries use, right for every year they fall in."""
    from dossier.export.ics_zones import vtimezone

    years: dict[str, set[int]] = {}
    for entry in calendar.walk("VEVENT"):
        for key in ("DTSTART", "DTEND"):
            value = entry.get(key)
            zone = value.params.get("TZID") if value is not None else None
            if zone:
                years.setdefault(str(zone), set()).add(value.dt.year)
    for position, (zone, used) in enumerate(sorted(years.items())):
        calendar.subcomponents.insert(position, vtimezone(zone, used))
