"""The `Dossier`: every record, indexed by id, with the queries the views and briefings need."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from dossier.model.records import (
    SECTIONS,
    AgendaItem,
    Agreement,
    AnyRecord,
    Cluster,
    Event,
    FollowUp,
    Organisation,
    Participant,
    Person,
    Role,
    Source,
    display_text,
    kind_of,
)
from dossier.model.references import event_references, record_sources
from dossier.model.values import PartialDate, all_texts, text_in
from dossier.model.vocabulary import EventKind


class OpenFollowUp(NamedTuple):
    """A follow-up not yet done, with the event it was agreed at."""

    event: Event
    follow_up: FollowUp

    @property
    def number(self) -> int:
        """Its place in the event's list, from 1: the number `dossier done` takes."""
        return next(i for i, f in enumerate(self.event.follow_ups, 1) if f is self.follow_up)

    def is_overdue(self, today: dt.date) -> bool:
        due = self.follow_up.due
        return due is not None and due.end() < today

    def sort_key(self) -> tuple[tuple[int, int, int], str]:
        due = self.follow_up.due
        return (due.sort_key() if due else (9999, 99, 99), self.event.id)


class Appointment(NamedTuple):
    """A person's role at an organisation or cluster."""

    person: Person
    role: Role


DEFAULT_EXPIRY_NOTICE = 90
"""Days before an agreement expires from which `validate` warns, unless the data says."""

SIGNATORY = "signatory"
"""The participant role of whoever signs an agreement at a signing event."""


def event_sort_key(event: Event) -> tuple[tuple[int, int, int], str]:
    return (event.date.sort_key(), event.id)


@dataclass
class Dossier:
    """All records of a dossier. Build it with `Dossier.build`; do not mutate it."""

    version: int = 1
    home: str | None = None
    lang: str | None = None
    expiry_notice: int = DEFAULT_EXPIRY_NOTICE
    clusters: list[Cluster] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    by_id: dict[str, AnyRecord] = field(default_factory=dict)
    _mentions: dict[str, list[Event]] = field(default_factory=dict, repr=False)
    _roles_at: dict[str, list[Appointment]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(
        cls,
        records: Iterable[AnyRecord],
        *,
        home: str | None = None,
        version: int = 1,
        lang: str | None = None,
        expiry_notice: int | None = None,
    ) -> Dossier:
        """Index records by id (the first of a duplicated id wins) and by what they mention."""
        dossier = cls(version=version, home=home, lang=lang)
        if expiry_notice is not None:
            dossier.expiry_notice = expiry_notice
        sections: dict[type[AnyRecord], list[AnyRecord]] = {
            model: getattr(dossier, name) for name, model in SECTIONS.items()
        }
        for record in records:
            if record.id in dossier.by_id:
                continue
            dossier.by_id[record.id] = record
            sections[type(record)].append(record)
        dossier.events.sort(key=event_sort_key)
        dossier._index()
        return dossier

    def _index(self) -> None:
        mentions: defaultdict[str, list[Event]] = defaultdict(list)
        for event in self.events:
            for ref in event_mentions(event):
                bucket = mentions[ref]
                if not bucket or bucket[-1] is not event:
                    bucket.append(event)
        self._mentions = dict(mentions)
        roles_at: defaultdict[str, list[Appointment]] = defaultdict(list)
        for person in self.people:
            for role in person.roles:
                if role.organisation:
                    roles_at[role.organisation].append(Appointment(person, role))
        self._roles_at = dict(roles_at)

    def records(self) -> Iterator[AnyRecord]:
        """Every record, section by section in file order (events by date)."""
        for name in SECTIONS:
            yield from getattr(self, name)

    def get(self, record_id: str) -> AnyRecord | None:
        return self.by_id.get(record_id)

    def kind(self, record_id: str) -> str | None:
        record = self.by_id.get(record_id)
        return kind_of(record) if record is not None else None

    def label(self, record_id: str, lang: str = "en") -> str:
        """A record's display name, or the id itself where no record has it."""
        record = self.by_id.get(record_id)
        return record_id if record is None else text_in(display_text(record), lang)

    # --- who belongs together -------------------------------------------------------------

    def side(self, record_id: str) -> set[str]:
        """The ids that stand for one side of a relationship.

        A cluster and the organisation that manages it are one side: an agreement signed by
        the City of Kawasaki belongs to King Skyfront's story too.
        """
        ids = {record_id}
        record = self.by_id.get(record_id)
        if isinstance(record, Cluster) and record.managed_by:
            ids.add(record.managed_by)
        if isinstance(record, Organisation):
            ids.update(c.id for c in self.managed_clusters(record_id))
        return ids

    def managed_clusters(self, organisation_id: str) -> list[Cluster]:
        """The clusters an organisation manages, in data order."""
        return [c for c in self.clusters if c.managed_by == organisation_id]

    # --- where and when -------------------------------------------------------------------

    def zone_of(self, record: Cluster | Organisation) -> str | None:
        """A cluster's or organisation's time zone; an organisation without one takes that of
        the first cluster it manages that has one."""
        if record.timezone:
            return record.timezone
        if isinstance(record, Organisation):
            return next((c.timezone for c in self.managed_clusters(record.id) if c.timezone), None)
        return None

    def venue_timezone(self, event: Event, home_ids: Iterable[str] | None = None) -> str | None:
        """The IANA zone of an event's local times: the one rule for views, briefings and
        calendars.

        The event's own `timezone`; else the zone of the side whose city is the event's
        `place`; else the zone of the counterpart, the first party not on the home side
        (`home_ids`, by default the side of the dossier's `home`) that has one. None when no
        zone can be known.
        """
        if event.timezone:
            return event.timezone
        if home_ids is None:
            home_ids = self.side(self.home) if self.home else ()
        home = frozenset(home_ids)
        actors = [r for r in map(self.get, [*event.parties, *sorted(home)]) if r is not None]
        sides = [r for r in actors if isinstance(r, Cluster | Organisation)]
        # The place and a city match in any language the data gives for both.
        places = {p.casefold() for p in all_texts(event.place)}
        for record in sides:
            if places & {c.casefold() for c in all_texts(record.city)}:
                zone = self.zone_of(record)
                if zone:
                    return zone
        for record in sides:
            if record.id not in home and record.id in event.parties:
                zone = self.zone_of(record)
                if zone:
                    return zone
        return None

    def events_mentioning(self, ids: Iterable[str]) -> list[Event]:
        """Events that name any of `ids` (as party, person, agreement or owner), by date."""
        found: dict[str, Event] = {}
        for ref in ids:
            for event in self._mentions.get(ref, ()):
                found[event.id] = event
        return sorted(found.values(), key=event_sort_key)

    def events_of(self, record_id: str) -> list[Event]:
        """The events that belong to a record's story."""
        record = self.by_id.get(record_id)
        ids = self.side(record_id)
        if isinstance(record, Agreement):
            ids |= {a.id for a in self.agreements if a.renews == record_id}
        for agreement in self.agreements_of(record_id):
            ids.add(agreement.id)
        if isinstance(record, Event):
            return [record]
        return self.events_mentioning(ids)

    def agreements_of(self, record_id: str) -> list[Agreement]:
        ids = self.side(record_id)
        return [a for a in self.agreements if ids.intersection(a.parties)]

    def renewal_chain(self, agreement_id: str) -> list[Agreement]:
        """Every agreement of an agreement's renewal chain, the first one first: what it
        renews, what renews it, all the way in both directions (a loop is followed once)."""
        chain: list[Agreement] = []
        seen: set[str] = set()
        current = self.by_id.get(agreement_id)
        while isinstance(current, Agreement) and current.id not in seen:  # back to the first
            seen.add(current.id)
            chain.insert(0, current)
            current = self.by_id.get(current.renews) if current.renews else None
        renewed_by = {a.renews: a for a in self.agreements if a.renews}
        last = chain[-1] if chain else None
        while last is not None and last.id in renewed_by:
            following = renewed_by[last.id]
            if following.id in seen:
                break
            seen.add(following.id)
            chain.append(following)
            last = following
        return chain

    def signings(self, agreement_id: str) -> list[Event]:
        """Signing and renewal events of an agreement, by date."""
        return [
            e
            for e in self._mentions.get(agreement_id, ())
            if e.agreement == agreement_id and e.kind in (EventKind.SIGNING, EventKind.RENEWAL)
        ]

    def appointments_at(self, ids: Iterable[str], today: dt.date) -> list[Appointment]:
        """Current roles held at any of `ids`, in the order people appear in the data."""
        found: list[Appointment] = []
        for ref in ids:
            found.extend(a for a in self._roles_at.get(ref, ()) if a.role.is_current(today))
        order = {person.id: index for index, person in enumerate(self.people)}
        found.sort(key=lambda a: order[a.person.id])
        return found

    def signatories(self, event: Event) -> list[tuple[Person, Participant]]:
        """Who signed at an event (participants with the role `signatory`), in data order."""
        found = []
        for participant in event.participants():
            person = self.by_id.get(participant.person)
            if text_in(participant.role) == SIGNATORY and isinstance(person, Person):
                found.append((person, participant))
        return found

    def open_follow_ups(self, events: Iterable[Event], today: dt.date) -> list[OpenFollowUp]:
        """Follow-ups not done, overdue first, then by due date."""
        found = [OpenFollowUp(e, f) for e in events for f in e.follow_ups if not f.is_done]
        found.sort(key=lambda item: (not item.is_overdue(today), item.sort_key()))
        return found

    def cited_by(self, source_id: str) -> list[AnyRecord]:
        return [r for r in self.records() if source_id in record_sources(r)]

    def timeline(
        self,
        record_id: str | None = None,
        *,
        since: PartialDate | None = None,
        until: PartialDate | None = None,
    ) -> list[Event]:
        """Events in date order, optionally of one record and within `since`…`until`."""
        events = self.events if record_id is None else self.events_of(record_id)
        if since is not None:
            events = [e for e in events if e.last_day() >= since.start()]
        if until is not None:
            events = [e for e in events if e.date.start() <= until.end()]
        return list(events)


class AgendaTimes(NamedTuple):
    """When an agenda item starts and ends, as instants in the venue's zone."""

    start: dt.datetime
    end: dt.datetime | None
    length: dt.timedelta | None = None
    """From the start to the end clock time, where there is an end: what a calendar writes
    as a duration when the end falls past the last day a date can hold."""


def agenda_days(event: Event) -> list[tuple[PartialDate, list[AgendaItem]]]:
    """An event's programme by day, days in date order, items in the order written: what the
    briefing and `show` put under a heading per day."""
    days: dict[PartialDate, list[AgendaItem]] = {}
    for item in event.agenda:
        days.setdefault(item.date or event.date, []).append(item)
    return sorted(days.items(), key=lambda day: day[0].sort_key())


def clock_span(start: str, end: str | None) -> str:
    """`09:30–10:30`, or `09:30` without an end."""
    return f"{start}–{end}" if end else start


def agenda_times(event: Event, item: AgendaItem, zone: str) -> AgendaTimes | None:
    """The instants of an agenda item whose clock times are local to `zone`; None when its
    day is not known to the day. The one rule for calendars and briefings alike.

    An end at or before the start is on the next day (a dinner from 19:00 to 00:30).
    """
    day = item.date or event.date
    if day.day is None:
        return None
    from zoneinfo import ZoneInfo  # only agendas need the zone database

    start = _at(day.start(), item.time, ZoneInfo(zone))
    if item.end is None:
        return AgendaTimes(start, None)
    end = _at(day.start(), item.end, ZoneInfo(zone))
    if end <= start:
        length = _clock(item.end) - _clock(item.time) + dt.timedelta(days=1)
        if day.start() == dt.date.max:  # no next day to end on
            return AgendaTimes(start, None, length)
        end = _at(day.start() + dt.timedelta(days=1), item.end, ZoneInfo(zone))
    return AgendaTimes(start, end, end - start)


def _clock(clock: str) -> dt.timedelta:
    """`09:30` as the time since midnight."""
    hour, minute = (int(part) for part in clock.split(":"))
    return dt.timedelta(hours=hour, minutes=minute)


def _at(day: dt.date, clock: str, zone: dt.tzinfo) -> dt.datetime:
    # Adding to an aware datetime is wall-clock arithmetic: the clock time as written there.
    return dt.datetime(day.year, day.month, day.day, tzinfo=zone) + _clock(clock)


def event_mentions(event: Event) -> Iterator[str]:
    """Every id an event names, its own first."""
    yield event.id
    for reference in event_references(event):
        yield reference.target


def is_upcoming(event: Event, today: dt.date) -> bool:
    return event.last_day() >= today
