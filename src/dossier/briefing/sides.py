"""Who briefs whom: the two sides of a relationship, the events between them, and the
numbered sources a briefing cites."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from dossier.briefing.document import (
    Run,
)
from dossier.errors import UsageError
from dossier.i18n import Translator
from dossier.model.dossier import Dossier
from dossier.model.records import (
    AnyRecord,
    Cluster,
    Event,
    Organisation,
    Person,
    Source,
)
from dossier.model.since import shared_events
from dossier.model.vocabulary import Audience


@dataclass
class Citations:
    """Numbers sources in the order the briefing first cites them."""

    dossier: Dossier
    order: dict[str, int] = field(default_factory=dict)

    def cite(self, source_ids: Iterable[str]) -> Run | None:
        """` [1, 3]` to follow a text, numbering sources not cited before; None if none."""
        label = self.label(source_ids)
        return Run(f" {label}") if label else None

    def label(self, source_ids: Iterable[str]) -> str:
        """`[1, 3]`, or "" when no source is known."""
        numbers = []
        for source_id in source_ids:
            if not isinstance(self.dossier.get(source_id), Source):
                continue
            numbers.append(self.order.setdefault(source_id, len(self.order) + 1))
        if not numbers:
            return ""
        return "[" + ", ".join(str(n) for n in sorted(set(numbers))) + "]"

    def sources(self) -> list[Source]:
        found = (self.dossier.get(source_id) for source_id in self.order)
        return [s for s in found if isinstance(s, Source)]


@dataclass(frozen=True)
class Sides:
    """The two sides of the relationship, each with the ids that stand for it."""

    home: Cluster
    home_ids: frozenset[str]
    counterpart: Cluster | Organisation
    counterpart_ids: frozenset[str]


def resolve_sides(dossier: Dossier, target: AnyRecord, home_id: str | None) -> Sides:
    """Work out who briefs whom; a `UsageError` explains what is missing."""
    home_ref = home_id or dossier.home
    if home_ref is None:
        raise UsageError("no home cluster: set `home:` in the data or pass --from CLUSTER")
    home = dossier.get(home_ref)
    if not isinstance(home, Cluster):
        raise UsageError(f"--from: '{home_ref}' is not a cluster")
    home_ids = frozenset(dossier.side(home.id))
    if isinstance(target, Event):
        others = [p for p in target.parties if p not in home_ids]
        if not others:
            raise UsageError(f"the event '{target.id}' names no party other than the home side")
        target = dossier.by_id[others[0]]
    if not isinstance(target, Cluster | Organisation):
        raise UsageError(f"'{target.id}' is not a cluster, organisation or visit")
    if isinstance(target, Organisation):
        managed = dossier.managed_clusters(target.id)
        target = managed[0] if managed else target
    counterpart_ids = frozenset(dossier.side(target.id))
    if counterpart_ids & home_ids:
        raise UsageError(f"'{target.id}' is the home side; brief a counterpart instead")
    return Sides(home, home_ids, target, counterpart_ids)


def between(dossier: Dossier, sides: Sides) -> list[Event]:
    """Events that involve both sides, oldest first."""
    return shared_events(dossier, sides.home_ids, sides.counterpart_ids)


@dataclass
class BuilderParts:
    """What every part of the briefing builder reads (the dossier, the sides, the visit, the
    day, the citations, the reader's translator) and how it names records and people. Each
    group of sections is a mixin of this; `build._Builder` joins them."""

    dossier: Dossier
    sides: Sides
    visit: Event | None
    today: dt.date
    citations: Citations
    t: Translator
    audience: Audience
    """Who reads the briefing: our own words about the state of things (overdue, stale)
    are for internal readers only."""

    def label(self, record_id: str) -> str:
        raise NotImplementedError

    def person(self, person: Person) -> str:
        raise NotImplementedError
