"""What happened since we last met a counterpart: the events, agreements signed, renewed or
expired, the role changes of their people, and the follow-ups opened or done since then.

One computation for every output that tells it (the visit briefing first of all), so that
they never disagree on what counts as "since".
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass

from dossier.model.dossier import Dossier
from dossier.model.entries import FollowUp, Role
from dossier.model.records import Agreement, Event, Person
from dossier.model.values import PartialDate


def shared_events(
    dossier: Dossier, home_ids: Iterable[str], their_ids: Iterable[str]
) -> list[Event]:
    """Events that involve both sides, oldest first: the contacts between them."""
    ours = {e.id for e in dossier.events_mentioning(home_ids)}
    return [e for e in dossier.events_mentioning(their_ids) if e.id in ours]


def previous_contact(contacts: Iterable[Event], before: Event) -> Event | None:
    """The last contact that ended before an event began (the visit being prepared)."""
    earlier = [
        e for e in contacts if e.id != before.id and (e.end or e.date).end() < before.date.start()
    ]
    return earlier[-1] if earlier else None


class Happening(enum.Enum):
    EVENT = "event"
    SIGNED = "signed"
    RENEWED = "renewed"
    EXPIRED = "expired"
    ROLE_BEGAN = "role began"
    ROLE_ENDED = "role ended"
    FOLLOW_UP_OPENED = "follow-up opened"
    FOLLOW_UP_DONE = "follow-up done"


@dataclass(frozen=True, slots=True)
class Change:
    """One thing that happened since the last contact."""

    day: PartialDate
    what: Happening
    event: Event | None = None
    agreement: Agreement | None = None
    person: Person | None = None
    role: Role | None = None
    follow_up: FollowUp | None = None


def _after(day: PartialDate | None, since: PartialDate, until: dt.date) -> bool:
    """Clearly after `since` (a partial date counts from its end) and not after `until`."""
    return day is not None and day.start() > since.end() and day.start() <= until


def changes_since(
    dossier: Dossier,
    home_ids: frozenset[str],
    their_ids: frozenset[str],
    since: PartialDate,
    until: dt.date,
    *,
    leave_out: Event | None = None,
) -> list[Change]:
    """Everything about the counterpart's side that happened after `since` up to `until`,
    oldest first. `leave_out` is the visit being prepared: it is what comes next, not news."""
    found: list[Change] = []
    theirs = [a for a in dossier.agreements if set(a.parties) & their_ids]
    for agreement in theirs:
        found += _agreement_changes(dossier, agreement, since, until)
    # A signing is told as the agreement signed, not once more as an event.
    signings = {c.event.id for c in found if c.event is not None}
    ours = {e.id for e in dossier.events_mentioning(home_ids)}
    for event in dossier.events_mentioning(their_ids):
        if event is leave_out:
            continue
        if event.id not in signings and _after(event.date, since, until):
            found.append(Change(event.date, Happening.EVENT, event=event))
        if event.id in ours:  # what was promised between us, not among others
            found += _follow_up_changes(event, since, until)
    for person in dossier.people:
        for role in person.roles:
            if role.organisation not in their_ids:
                continue
            if _after(role.since, since, until):
                assert role.since is not None
                found.append(Change(role.since, Happening.ROLE_BEGAN, person=person, role=role))
            if _after(role.until, since, until):
                assert role.until is not None
                found.append(Change(role.until, Happening.ROLE_ENDED, person=person, role=role))
    found.sort(key=lambda c: (c.day.sort_key(), list(Happening).index(c.what)))
    return found


def _agreement_changes(
    dossier: Dossier, agreement: Agreement, since: PartialDate, until: dt.date
) -> list[Change]:
    found = []
    for signing in dossier.signings(agreement.id):
        if _after(signing.date, since, until):
            what = Happening.RENEWED if agreement.renews else Happening.SIGNED
            found.append(Change(signing.date, what, event=signing, agreement=agreement))
    if agreement.expires is not None and since.end() < agreement.expires.end() <= until:
        found.append(Change(agreement.expires, Happening.EXPIRED, agreement=agreement))
    return found


def _follow_up_changes(event: Event, since: PartialDate, until: dt.date) -> list[Change]:
    """An event's follow-ups opened (at the event) or done since."""
    found = []
    for follow_up in event.follow_ups:
        if _after(event.date, since, until):
            found.append(
                Change(event.date, Happening.FOLLOW_UP_OPENED, event=event, follow_up=follow_up)
            )
        if _after(follow_up.done_on, since, until):
            assert follow_up.done_on is not None
            found.append(
                Change(
                    follow_up.done_on, Happening.FOLLOW_UP_DONE, event=event, follow_up=follow_up
                )
            )
    return found
