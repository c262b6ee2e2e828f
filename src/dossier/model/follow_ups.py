"""What is owed, across the whole dossier: the follow-ups agreed at events, chosen by owner,
counterpart, due date and whether they are done."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from dossier.model.dossier import Dossier, OpenFollowUp
from dossier.model.records import Event
from dossier.model.values import PartialDate


class FollowUpFilter(NamedTuple):
    """Which follow-ups to list; every filter left at its default lets all through."""

    owners: frozenset[str] | None = None
    """Ids that stand for the owner (a person, or an organisation with its clusters)."""
    counterpart: frozenset[str] | None = None
    """Ids of a counterpart's side: only follow-ups of events that name it."""
    overdue: bool = False
    due_before: PartialDate | None = None
    """Only those due before this date (due on a day before its first day)."""
    include_done: bool = False


def select_follow_ups(
    dossier: Dossier, chosen: FollowUpFilter, today: dt.date
) -> list[OpenFollowUp]:
    """The follow-ups `chosen` lets through: open ones first, overdue first, then by due date."""
    events: Iterable[Event] = (
        dossier.events_mentioning(chosen.counterpart) if chosen.counterpart else dossier.events
    )
    found = [
        OpenFollowUp(event, follow_up)
        for event in events
        for follow_up in event.follow_ups
        if chosen.include_done or not follow_up.is_done
    ]
    if chosen.owners is not None:
        found = [f for f in found if f.follow_up.owner in chosen.owners]
    if chosen.overdue:
        found = [f for f in found if not f.follow_up.is_done and f.is_overdue(today)]
    if chosen.due_before is not None:
        limit = chosen.due_before.start()
        found = [f for f in found if f.follow_up.due is not None and f.follow_up.due.end() < limit]
    found.sort(key=lambda f: (f.follow_up.is_done, not f.is_overdue(today), f.sort_key()))
    return found


def owed_by(dossier: Dossier, owner_ids: Iterable[str], today: dt.date) -> list[OpenFollowUp]:
    """The open follow-ups that any of `owner_ids` owes, overdue first."""
    return select_follow_ups(dossier, FollowUpFilter(owners=frozenset(owner_ids)), today)
