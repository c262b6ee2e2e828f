"""The yearly figures a funder asks for, counted from the records: delegations received and
sent, meetings, agreements signed, renewed, expired and in force, follow-ups agreed, done and
overdue, new partners, and the same per partner cluster.

Every figure keeps the ids of what it counts, so that it can be checked (`report --explain`).
A year still running is counted up to today: what is planned is not yet held.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from dossier.model.dossier import Dossier
from dossier.model.records import Agreement, Cluster, Event, Organisation
from dossier.model.values import all_texts, text_in
from dossier.model.vocabulary import AgreementStatus, EventKind

NEVER_IN_FORCE = frozenset(
    {AgreementStatus.DRAFT, AgreementStatus.NEGOTIATING, AgreementStatus.TERMINATED}
)
"""Statuses never counted as in force: not yet signed, or ended on a day the data does not
give (a terminated agreement is therefore counted in no year)."""


class Count(NamedTuple):
    key: str
    """What is counted, as programs read it: `delegations-received`."""
    label: str
    """What is counted, in English (the message id of its translations)."""
    records: tuple[str, ...]
    """The ids of what is counted (a follow-up: its event's id, #, its number)."""

    @property
    def total(self) -> int:
        return len(self.records)


class PartnerCounts(NamedTuple):
    cluster: str
    counts: list[Count]


class YearReport(NamedTuple):
    year: int
    until: dt.date
    """The last day counted: the year's end, or today in a year still running."""
    counts: list[Count]
    partners: list[PartnerCounts]

    def sections(self) -> list[tuple[str | None, list[Count]]]:
        """The figures of the whole dossier (None), then those of each partner cluster."""
        found: list[tuple[str | None, list[Count]]] = [(None, self.counts)]
        found += [(partner.cluster, partner.counts) for partner in self.partners]
        return found


def counted_name(dossier: Dossier, ref: str, lang: str) -> str:
    """What a counted id stands for: a record's name, or a follow-up's action."""
    record_id, _, number = ref.partition("#")
    if not number:
        return dossier.label(record_id, lang)
    event = dossier.get(record_id)
    assert isinstance(event, Event), "a follow-up's reference names its event"
    return text_in(event.follow_ups[int(number) - 1].action, lang)


def counted_day(dossier: Dossier, ref: str) -> str:
    """The date of a counted event or of a follow-up's event ("" for other records)."""
    record = dossier.get(ref.partition("#")[0])
    return str(record.date) if isinstance(record, Event) else ""


class _Year(NamedTuple):
    start: dt.date
    end: dt.date

    def holds(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def yearly_report(dossier: Dossier, year: int, today: dt.date) -> YearReport:
    """The figures of `year`, up to `today` if the year has not ended."""
    span = _Year(dt.date(year, 1, 1), min(dt.date(year, 12, 31), today))
    home = dossier.side(dossier.home) if dossier.home else set()
    # With a home side, only what it took part in counts: other partners' agreements with
    # each other are in the dossier for context, not in the home side's report.
    ours = dossier.events_mentioning(home) if home else dossier.events
    held = [e for e in ours if span.holds(e.date.start())]
    agreements = [a for a in dossier.agreements if not home or home & set(a.parties)]
    counts = [
        *_delegations(dossier, held, home),
        *_agreements(dossier, agreements, span),
        *_follow_ups(held, ours, span, today),
        Count("new-partners", "New partners", tuple(_new_partners(dossier, ours, span, home))),
    ]
    partners = [
        PartnerCounts(cluster.id, _partner_counts(dossier, cluster, held, agreements, span))
        for cluster in dossier.clusters
        if cluster.id not in home
    ]
    return YearReport(year, span.end, counts, partners)


def _delegations(dossier: Dossier, held: list[Event], home: set[str]) -> list[Count]:
    """Visits by direction (the event's place is a city of the home side, or of another
    party), and the other events by kind."""
    home_cities = _cities(dossier, home)
    received, sent, elsewhere = [], [], []
    for event in (e for e in held if e.kind is EventKind.VISIT):
        places = {p.casefold() for p in all_texts(event.place)}
        if places & home_cities:
            received.append(event.id)
        elif places & _cities(dossier, set(event.parties) - home):
            sent.append(event.id)
        else:
            elsewhere.append(event.id)
    by_kind = [
        Count(f"{kind.value}s", f"{kind.value.capitalize()}s", _ids(held, kind))
        for kind in (EventKind.MEETING, EventKind.CONFERENCE, EventKind.CALL)
    ]
    return [
        Count("delegations-received", "Delegations received", tuple(received)),
        Count("delegations-sent", "Delegations sent", tuple(sent)),
        Count("visits-direction-unknown", "Visits of unknown direction", tuple(elsewhere)),
        *by_kind,
    ]


def _ids(events: Iterable[Event], kind: EventKind) -> tuple[str, ...]:
    return tuple(e.id for e in events if e.kind is kind)


def _cities(dossier: Dossier, ids: set[str]) -> set[str]:
    found: set[str] = set()
    for record in map(dossier.get, ids):
        if isinstance(record, Cluster | Organisation):
            found.update(city.casefold() for city in all_texts(record.city))
    return found


def signed_on(dossier: Dossier, agreement: Agreement) -> dt.date | None:
    """The first day of its first signing or renewal event, if the data has one."""
    signings = dossier.signings(agreement.id)
    return min(e.date.start() for e in signings) if signings else None


def in_force_on(dossier: Dossier, agreement: Agreement, day: dt.date) -> bool:
    """Signed on or before `day`, not expired by then, and not renewed by then."""
    signed = signed_on(dossier, agreement)
    if signed is None or signed > day or agreement.status in NEVER_IN_FORCE:
        return False
    if agreement.expires is not None and agreement.expires.end() < day:
        return False
    # Any later agreement of its renewal chain signed by then replaces it, also through a
    # renewal whose own signing the data does not date.
    chain = dossier.renewal_chain(agreement.id)
    later = chain[[a.id for a in chain].index(agreement.id) + 1 :]
    return not any((s := signed_on(dossier, a)) is not None and s <= day for a in later)


def _agreements(dossier: Dossier, agreements: list[Agreement], span: _Year) -> list[Count]:
    signed: list[str] = []
    renewed: list[str] = []
    expired: list[str] = []
    active: list[str] = []
    for agreement in agreements:
        day = signed_on(dossier, agreement)
        if day is not None and span.holds(day):
            (renewed if agreement.renews else signed).append(agreement.id)
        ended = agreement.expires is not None and span.holds(agreement.expires.end())
        if ended and agreement.status not in NEVER_IN_FORCE and day is not None:
            expired.append(agreement.id)
        if in_force_on(dossier, agreement, span.end):
            active.append(agreement.id)
    return [
        Count("agreements-signed", "Agreements signed", tuple(signed)),
        Count("agreements-renewed", "Agreements renewed", tuple(renewed)),
        Count("agreements-expired", "Agreements expired", tuple(expired)),
        Count("agreements-in-force", "Agreements in force at the end", tuple(active)),
    ]


def _follow_ups(
    held: list[Event], events: Iterable[Event], span: _Year, today: dt.date
) -> list[Count]:
    """Agreed at the year's events; done in the year (or done, undated, and agreed in it);
    due in the year, before today, and not done by their due day."""
    agreed = [f"{e.id}#{n}" for e in held for n in range(1, len(e.follow_ups) + 1)]
    held_ids = {e.id for e in held}
    done, overdue = [], []
    for event in events:
        for number, follow_up in enumerate(event.follow_ups, start=1):
            ref = f"{event.id}#{number}"
            if follow_up.done_on is not None:
                if span.holds(follow_up.done_on.start()):
                    done.append(ref)
            elif follow_up.done and event.id in held_ids:
                done.append(ref)
            due = follow_up.due.end() if follow_up.due else None
            if due is None or not span.holds(due) or due >= today:
                continue
            late = follow_up.done_on is not None and follow_up.done_on.start() > due
            if late or not follow_up.is_done:
                overdue.append(ref)
    return [
        Count("follow-ups-agreed", "Follow-ups agreed", tuple(agreed)),
        Count("follow-ups-done", "Follow-ups done", tuple(done)),
        Count("follow-ups-overdue", "Follow-ups overdue", tuple(overdue)),
    ]


def _new_partners(
    dossier: Dossier, ours: Iterable[Event], span: _Year, home: set[str]
) -> list[str]:
    """Organisations and clusters of other sides the home side first met in the year."""
    first: dict[str, dt.date] = {}
    for event in ours:
        for party in event.parties:
            day = event.date.start()
            if party not in home and (party not in first or day < first[party]):
                first[party] = day
    return [
        record.id
        for record in (*dossier.clusters, *dossier.organisations)
        if record.id in first and span.holds(first[record.id])
    ]


def _partner_counts(
    dossier: Dossier,
    cluster: Cluster,
    held: list[Event],
    agreements: list[Agreement],
    span: _Year,
) -> list[Count]:
    side = dossier.side(cluster.id)
    theirs = {e.id for e in dossier.events_mentioning(side)}
    events = [e for e in held if e.id in theirs]
    in_force = [
        a.id for a in agreements if side & set(a.parties) and in_force_on(dossier, a, span.end)
    ]
    agreed = [f"{e.id}#{n}" for e in events for n in range(1, len(e.follow_ups) + 1)]
    return [
        Count("events", "Events", tuple(e.id for e in events)),
        Count("agreements-in-force", "Agreements in force at the end", tuple(in_force)),
        Count("follow-ups-agreed", "Follow-ups agreed", tuple(agreed)),
    ]
