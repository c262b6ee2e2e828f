"""Every reference a record makes to another record, with where it stands and what it may name.

The one list of referencing fields: the checks report dangling references from it, and the
dossier indexes events by the records they mention from it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from dossier.model.records import Agreement, AnyRecord, Cluster, Event, Organisation, Person, Source

if TYPE_CHECKING:
    from dossier.errors import FieldPath

ORGANISATION = frozenset({"organisation"})
ACTORS = frozenset({"organisation", "cluster"})
PERSON = frozenset({"person"})
AGREEMENT = frozenset({"agreement"})
SOURCE = frozenset({"source"})


class Reference(NamedTuple):
    path: FieldPath
    """Where the reference stands inside its record: `("roles", 0, "organisation")`."""
    target: str
    kinds: frozenset[str]
    """The kinds of record it may name."""


def _each(path: FieldPath, targets: list[str], kinds: frozenset[str]) -> Iterator[Reference]:
    for index, target in enumerate(targets):
        yield Reference((*path, index), target, kinds)


def source_references(record: AnyRecord) -> Iterator[Reference]:
    """The sources a record cites: its own list and those of its figures."""
    if not isinstance(record, Source):
        yield from _each(("sources",), record.sources, SOURCE)
    if isinstance(record, Cluster):
        for index, figure in enumerate(record.figures):
            if figure.source:
                yield Reference(("figures", index, "source"), figure.source, SOURCE)


def references(record: AnyRecord) -> Iterator[Reference]:
    """Every reference a record makes, its sources included."""
    yield from source_references(record)
    if isinstance(record, Cluster):
        if record.managed_by:
            yield Reference(("managed_by",), record.managed_by, ORGANISATION)
    elif isinstance(record, Organisation):
        if record.parent:
            yield Reference(("parent",), record.parent, ORGANISATION)
    elif isinstance(record, Person):
        for index, role in enumerate(record.roles):
            if role.organisation:
                yield Reference(("roles", index, "organisation"), role.organisation, ACTORS)
    if isinstance(record, Person | Organisation) and record.contact_via:
        yield Reference(("contact_via",), record.contact_via, PERSON)
    elif isinstance(record, Agreement):
        yield from _each(("parties",), record.parties, ACTORS)
        if record.renews:
            yield Reference(("renews",), record.renews, AGREEMENT)
    elif isinstance(record, Event):
        yield from event_references(record)


def event_references(event: Event) -> Iterator[Reference]:
    """The records an event names: agreement, parties, people, follow-up owners, agenda."""
    if event.agreement:
        yield Reference(("agreement",), event.agreement, AGREEMENT)
    yield from _each(("parties",), event.parties, ACTORS)
    for index, entry in enumerate(event.people):
        if isinstance(entry, str):
            yield Reference(("people", index), entry, PERSON)
        else:
            yield Reference(("people", index, "person"), entry.person, PERSON)
            if entry.for_:
                yield Reference(("people", index, "for"), entry.for_, ACTORS)
    for index, follow_up in enumerate(event.follow_ups):
        if follow_up.owner:
            yield Reference(("follow_ups", index, "owner"), follow_up.owner, ACTORS | PERSON)
    for index, item in enumerate(event.agenda):
        yield from _each(("agenda", index, "people"), item.people, PERSON)


def record_sources(record: AnyRecord) -> list[str]:
    """Every source id a record cites: its own list and those of its figures."""
    return [r.target for r in source_references(record)]
