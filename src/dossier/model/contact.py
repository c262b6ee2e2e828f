"""When we last met a counterpart, when we meet next, and what is coming up with it: the
expiry of an agreement, a round anniversary of a signing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from dossier.model.days import shifted
from dossier.model.dossier import Dossier, is_upcoming
from dossier.model.records import Agreement, Event, Person

ANNIVERSARY_STEP = 5
"""Round anniversaries: every fifth year after a signing."""
AHEAD_DAYS = 365
"""How far ahead `show` looks for expiries and anniversaries."""


class Contacts(NamedTuple):
    """The last event that brought both sides together, and the next one planned."""

    last: Event | None
    next: Event | None


def _their_events(dossier: Dossier, record_id: str) -> list[Event]:
    """Events of a record's side (for a person: the events that name them, as participant,
    owner of a follow-up or in the agenda; found in the dossier's index, not by a scan)."""
    record = dossier.get(record_id)
    if isinstance(record, Person):
        return dossier.events_mentioning({record_id})
    return dossier.events_mentioning(dossier.side(record_id))


def contacts(dossier: Dossier, record_id: str, today: dt.date) -> Contacts:
    """The last and next contacts between the dossier's home side and a record; none where the
    record is the home side itself or the dossier has no home."""
    if dossier.home is None:
        return Contacts(None, None)
    home = dossier.side(dossier.home)
    with_us = {e.id for e in dossier.events_mentioning(home)}
    return _contacts(dossier, record_id, today, home, with_us)


def last_contacts(dossier: Dossier, record_ids: Iterable[str], today: dt.date) -> dict[str, Event]:
    """The last contact of each of `record_ids` that has one (for `list`), the home side's
    events looked up once for all."""
    if dossier.home is None:
        return {}
    home = dossier.side(dossier.home)
    with_us = {e.id for e in dossier.events_mentioning(home)}
    found = {}
    for record_id in record_ids:
        last = _contacts(dossier, record_id, today, home, with_us).last
        if last is not None:
            found[record_id] = last
    return found


def _contacts(
    dossier: Dossier, record_id: str, today: dt.date, home: set[str], with_us: set[str]
) -> Contacts:
    record = dossier.get(record_id)
    ours = isinstance(record, Person) and any(r.organisation in home for r in record.roles)
    if record_id in home or ours:  # our own side: there is no contact to keep
        return Contacts(None, None)
    shared = [e for e in _their_events(dossier, record_id) if e.id in with_us]
    past = [e for e in shared if not is_upcoming(e, today)]
    upcoming = [e for e in shared if is_upcoming(e, today)]
    return Contacts(past[-1] if past else None, upcoming[0] if upcoming else None)


class Ahead(NamedTuple):
    """Something coming up within the year: an agreement's expiry or a signing's anniversary."""

    day: dt.date
    agreement: Agreement
    years: int
    """For an anniversary, how many years since the signing; 0 for an expiry."""
    signing: Event | None


def ahead(dossier: Dossier, record_id: str, today: dt.date) -> list[Ahead]:
    """Expiries and round anniversaries of signings of a record's agreements, in the coming
    year, by date."""
    horizon = shifted(today, dt.timedelta(days=AHEAD_DAYS))
    record = dossier.get(record_id)
    agreements = [record] if isinstance(record, Agreement) else dossier.agreements_of(record_id)
    found: list[Ahead] = []
    for agreement in agreements:
        if agreement.expires is not None and today <= agreement.expires.end() <= horizon:
            found.append(Ahead(agreement.expires.end(), agreement, 0, None))
        for signing in dossier.signings(agreement.id):
            if signing.date.day is None:
                continue
            signed = signing.date.start()
            for year in range(today.year, horizon.year + 1):
                years = year - signed.year
                if years <= 0 or years % ANNIVERSARY_STEP:
                    continue
                day = _same_day(signed, year)
                if today <= day <= horizon:
                    found.append(Ahead(day, agreement, years, signing))
    found.sort(key=lambda a: (a.day, a.agreement.id))
    return found


def _same_day(day: dt.date, year: int) -> dt.date:
    """The same day in another year; 29 February falls on the 28th in common years."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)
