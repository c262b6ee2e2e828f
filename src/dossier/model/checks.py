"""Rules across records: references, date order, and the warnings a careful reader wants."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import NamedTuple

from dossier.errors import Finding, Severity
from dossier.model.days import shifted
from dossier.model.dossier import Dossier
from dossier.model.duplicates import check_duplicates
from dossier.model.records import Source
from dossier.model.references import record_sources, references
from dossier.model.suggest import did_you_mean
from dossier.model.vocabulary import IN_FORCE, AgreementStatus
from dossier.model.warning_kinds import WarningKind
from dossier.model.zones import zone_advice


def with_article(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _kinds_phrase(kinds: frozenset[str]) -> str:
    names = sorted(kinds)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


class Elsewhere(NamedTuple):
    """An id that no valid record has, because of an error elsewhere."""

    why: str
    """`its record has errors`, `it stands in the unknown section 'organsations'`."""
    cause: str
    """Where that error stands: `file:line`."""


def check_references(
    dossier: Dossier, elsewhere: Mapping[str, Elsewhere] | None = None
) -> Iterator[Finding]:
    """Dangling references and references to a record of the wrong kind.

    `elsewhere` holds ids that exist but not as valid records (their record failed, or
    stands in a misspelled section): references to them are consequences of that error,
    reported after it and saying so.
    """
    elsewhere = elsewhere or {}
    ids_by_kind: dict[str, list[str]] = {}
    for record_id in dossier.by_id:
        ids_by_kind.setdefault(dossier.kind(record_id) or "", []).append(record_id)
    for record in dossier.records():
        for ref in references(record):
            kind = dossier.kind(ref.target)
            if kind is None:
                if ref.target in elsewhere:
                    why, cause = elsewhere[ref.target]
                    yield Finding(
                        record.id,
                        ref.path,
                        f"'{ref.target}' is not a known {_kinds_phrase(ref.kinds)}: {why}",
                        f"follows from the error at {cause}; fix that first",
                        cause=cause,
                    )
                    continue
                candidates = [i for k in ref.kinds for i in ids_by_kind.get(k, [])]
                yield Finding(
                    record.id,
                    ref.path,
                    f"'{ref.target}' is not a known {_kinds_phrase(ref.kinds)}",
                    did_you_mean(ref.target, candidates),
                )
            elif kind not in ref.kinds:
                yield Finding(
                    record.id,
                    ref.path,
                    f"'{ref.target}' is {with_article(kind)}, "
                    f"not {with_article(_kinds_phrase(ref.kinds))}",
                )


def check_home(
    dossier: Dossier, elsewhere: Mapping[str, Elsewhere] | None = None
) -> Iterator[Finding]:
    if dossier.home is None or dossier.home in (elsewhere or {}):
        return
    kind = dossier.kind(dossier.home)
    if kind != "cluster":
        clusters = [c.id for c in dossier.clusters]
        what = f"{with_article(kind)}, not a cluster" if kind else "not a known cluster"
        yield Finding(
            "", ("home",), f"'{dossier.home}' is {what}", did_you_mean(dossier.home, clusters)
        )


def check_dates(dossier: Dossier) -> Iterator[Finding]:
    """`end` not before `date`, `until` not before `since`."""
    for event in dossier.events:
        if event.end is not None and event.end < event.date:
            yield Finding(
                event.id,
                ("end",),
                f"ends ({event.end}) before it starts ({event.date})",
                basis=(("end",), ("date",)),
            )
    for person in dossier.people:
        for index, role in enumerate(person.roles):
            if role.since and role.until and role.until.end() < role.since.start():
                yield Finding(
                    person.id,
                    ("roles", index, "until"),
                    f"until ({role.until}) is before since ({role.since})",
                    basis=(("roles", index, "until"), ("roles", index, "since")),
                )


def check_agenda_ids(dossier: Dossier) -> Iterator[Finding]:
    """An agenda item's `id` names it within its event: no two items share one."""
    for event in dossier.events:
        seen: dict[str, int] = {}
        for index, item in enumerate(event.agenda):
            if item.id is None:
                continue
            if item.id in seen:
                yield Finding(
                    event.id,
                    ("agenda", index, "id"),
                    f"agenda item id '{item.id}' is already used by item {seen[item.id] + 1}",
                    "give each item of an agenda its own id",
                )
            else:
                seen[item.id] = index


def check_alias_ids(dossier: Dossier) -> Iterator[Finding]:
    """No id is another record's alias: `show` and references would find either."""
    owners: dict[str, str] = {}
    for record in dossier.records():
        for alias in getattr(record, "aliases", ()):
            owners.setdefault(alias, record.id)
    for record in dossier.records():
        owner = owners.get(record.id)
        if owner is not None and owner != record.id:
            yield Finding(
                record.id,
                ("id",),
                f"the id '{record.id}' is an alias of '{owner}'",
                "choose another id: what named the alias would change meaning",
            )


def check_warnings(dossier: Dossier, today: dt.date) -> Iterator[Finding]:
    """What is not wrong but needs a look before the next meeting."""
    warning = Severity.WARNING
    for agreement in dossier.agreements:
        expires = agreement.expires
        if agreement.status is AgreementStatus.ACTIVE and expires and expires.end() < today:
            yield Finding(
                agreement.id,
                ("status",),
                f"marked active but expired on {expires}",
                "set status: expired, or record the renewal",
                warning,
                WarningKind.EXPIRED,
                (("status",), ("expires",)),
            )
    yield from check_expiring(dossier, today)
    yield from check_duplicates(dossier)
    for event in dossier.events:
        for index, follow_up in enumerate(event.follow_ups):
            if not follow_up.is_done and follow_up.due and follow_up.due.end() < today:
                yield Finding(
                    event.id,
                    ("follow_ups", index, "due"),
                    f"follow-up overdue since {follow_up.due}",
                    "mark it done: true, or set a new due date",
                    warning,
                    WarningKind.OVERDUE,
                    (("follow_ups", index),),
                )
    for person in dossier.people:
        if not person.current_roles(today):
            yield Finding(
                person.id,
                ("roles",),
                "has no current role",
                "add the role they hold now, if known",
                warning,
                WarningKind.NO_CURRENT_ROLE,
            )
    yield from check_zones(dossier)
    for record in dossier.records():
        if not isinstance(record, Source) and not record_sources(record):
            yield Finding(
                record.id,
                (),
                "has no source",
                "add `sources:` with the ids that back it",
                warning,
                WarningKind.NO_SOURCE,
                (("sources",), ("figures",)),
            )


def check_expiring(dossier: Dossier, today: dt.date) -> Iterator[Finding]:
    """Agreements in force that expire within the notice period: time to renew them."""
    horizon = shifted(today, dt.timedelta(days=dossier.expiry_notice))
    for agreement in dossier.agreements:
        expires = agreement.expires
        in_force = agreement.status in IN_FORCE
        if in_force and expires and today <= expires.end() <= horizon:
            days = (expires.end() - today).days
            yield Finding(
                agreement.id,
                ("expires",),
                f"expires on {expires.end()}, in {days} day{'' if days == 1 else 's'}",
                "prepare the renewal, or record that it will end",
                Severity.WARNING,
                WarningKind.EXPIRES_SOON,
                (("expires",), ("status",)),
            )


def check_zones(dossier: Dossier) -> Iterator[Finding]:
    """Zone names that daylight saving or old aliases make wrong, and agendas with no zone."""
    warning = Severity.WARNING
    for record in dossier.records():
        zone = getattr(record, "timezone", None)
        advice = zone_advice(zone) if zone else None
        if advice:
            yield Finding(record.id, ("timezone",), *advice, warning, WarningKind.ZONE_NAME)
    for event in dossier.events:
        timed = any((item.date or event.date).day for item in event.agenda)
        if timed and dossier.venue_timezone(event) is None:
            yield Finding(
                event.id,
                ("agenda",),
                "the agenda's times are local to a place whose time zone is not known",
                "add timezone: to the event (an IANA zone such as Asia/Tokyo)",
                warning,
                WarningKind.AGENDA_ZONE,
                (("agenda",), ("timezone",), ("parties",), ("place",), ("date",)),
            )


def check_dossier(
    dossier: Dossier,
    today: dt.date,
    elsewhere: Mapping[str, Elsewhere] | None = None,
    *,
    warnings: bool = True,
) -> list[Finding]:
    """Every cross-record finding: errors, and warnings unless `warnings` is false."""
    return [
        *check_home(dossier, elsewhere),
        *check_references(dossier, elsewhere),
        *check_dates(dossier),
        *check_agenda_ids(dossier),
        *check_alias_ids(dossier),
        *(check_warnings(dossier, today) if warnings else ()),
    ]
