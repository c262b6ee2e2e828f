"""The relationship around one record, as nodes and edges: who holds a role where, who signed
what with whom, who met whom, which organisation manages or belongs to which.

One picture of everything says nothing: the graph starts at a centre and goes a step or two
out, and `as_of` shows it as it stood that day (roles held and agreements in force then,
events up to then). Every picture, DOT, Mermaid or GEXF, is drawn from this one graph.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from dossier.model.dossier import Dossier
from dossier.model.records import Cluster, Event, Organisation, Person, kind_of
from dossier.model.report import in_force_on, signed_on
from dossier.model.values import PartialDate, text_in


class EdgeKind(enum.StrEnum):
    ROLE = "role"
    AGREEMENT = "agreement"
    EVENT = "event"
    MEMBER = "member"


class Node(NamedTuple):
    id: str
    kind: str
    """cluster, organisation or person."""
    label: str
    """The name in the reader's language."""
    native: str | None
    """The name in its own script, where it differs."""


class Edge(NamedTuple):
    source: str
    target: str
    kind: EdgeKind
    label: str
    start: dt.date | None
    end: dt.date | None
    """The last day it held (a role's `until`, an agreement's expiry, the last meeting)."""
    records: tuple[str, ...]
    """The records it stands for: the agreement, the events, the person."""


class Graph(NamedTuple):
    centre: str
    nodes: list[Node]
    edges: list[Edge]


def _day(date: PartialDate | None, *, last: bool = False) -> dt.date | None:
    if date is None:
        return None
    return date.end() if last else date.start()


NATIVE_FIRST = frozenset({"ja"})
"""Readers whose own script is the one native names are kept in: the native name leads."""


def _node(record: Cluster | Organisation | Person, lang: str) -> Node:
    label = text_in(record.name, lang)
    native = record.native_name if record.native_name and record.native_name != label else None
    if native and lang in NATIVE_FIRST and isinstance(record, Person):
        label, native = native, label
    return Node(record.id, kind_of(record), label, native)


def _roles(dossier: Dossier, as_of: dt.date, lang: str) -> Iterator[Edge]:
    for person in dossier.people:
        for role in person.roles:
            if role.organisation is None:
                continue
            start, end = _day(role.since), _day(role.until, last=True)
            if (start and start > as_of) or (end and end < as_of):
                continue
            yield Edge(
                person.id,
                role.organisation,
                EdgeKind.ROLE,
                text_in(role.title, lang),
                start,
                end,
                (person.id,),
            )


def _members(dossier: Dossier, translate: Callable[[str], str]) -> Iterator[Edge]:
    for cluster in dossier.clusters:
        if cluster.managed_by:
            yield Edge(
                cluster.managed_by,
                cluster.id,
                EdgeKind.MEMBER,
                translate("manages"),
                None,
                None,
                (),
            )
    for organisation in dossier.organisations:
        if organisation.parent:
            label = translate("part of")
            yield Edge(organisation.id, organisation.parent, EdgeKind.MEMBER, label, None, None, ())


def _agreements(
    dossier: Dossier, as_of: dt.date, translate: Callable[[str], str]
) -> Iterator[Edge]:
    for agreement in dossier.agreements:
        if not in_force_on(dossier, agreement, as_of):
            continue
        start, end = signed_on(dossier, agreement), _day(agreement.expires, last=True)
        kind = translate(agreement.kind.value)
        label = f"{kind} {start.year}" if start else kind
        first, *others = agreement.parties or [""]
        for other in others:
            yield Edge(first, other, EdgeKind.AGREEMENT, label, start, end, (agreement.id,))


def _meetings(dossier: Dossier, as_of: dt.date) -> Iterator[Edge]:
    """One edge for each two parties that met, with how often and when last."""
    met: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for event in dossier.events:
        if event.date.start() > as_of:
            continue
        parties = sorted(dict.fromkeys(event.parties))
        for index, one in enumerate(parties):
            for other in parties[index + 1 :]:
                met[(one, other)].append(event)
    for (one, other), events in met.items():
        last = max(events, key=lambda e: e.last_day())
        label = f"{len(events)}× · {last.date}" if len(events) > 1 else str(last.date)
        first_day = min(e.date.start() for e in events)
        ids = tuple(e.id for e in events)
        yield Edge(one, other, EdgeKind.EVENT, label, first_day, last.last_day(), ids)


def relationship_graph(
    dossier: Dossier,
    centre: str,
    *,
    depth: int,
    as_of: dt.date,
    kinds: Iterable[EdgeKind] = tuple(EdgeKind),
    lang: str = "en",
    translate: Callable[[str], str] = str,
) -> Graph:
    """The records within `depth` steps of `centre` along edges of `kinds`, as of a day;
    `translate` gives the words of edge labels (manages, part of, mou…) in the reader's
    language."""
    chosen = frozenset(kinds)
    makers = {
        EdgeKind.ROLE: lambda: _roles(dossier, as_of, lang),
        EdgeKind.AGREEMENT: lambda: _agreements(dossier, as_of, translate),
        EdgeKind.EVENT: lambda: _meetings(dossier, as_of),
        EdgeKind.MEMBER: lambda: _members(dossier, translate),
    }
    known: dict[str, Cluster | Organisation | Person] = {}
    for section in (dossier.clusters, dossier.organisations, dossier.people):
        known.update((record.id, record) for record in section)
    edges = [
        edge
        for kind in EdgeKind
        if kind in chosen
        for edge in makers[kind]()
        if edge.source in known and edge.target in known
    ]
    # A cluster and the organisation that manages it are one side, and so one centre.
    reached = _within(dossier.side(centre) & set(known) | {centre}, edges, depth)
    nodes = [_node(known[i], lang) for i in known if i in reached]
    kept = [e for e in edges if e.source in reached and e.target in reached]
    return Graph(centre, nodes, kept)


def _within(centre: set[str], edges: list[Edge], depth: int) -> set[str]:
    neighbours: dict[str, set[str]] = defaultdict(set)
    for edge in edges:
        neighbours[edge.source].add(edge.target)
        neighbours[edge.target].add(edge.source)
    reached, frontier = set(centre), set(centre)
    for _step in range(depth):
        frontier = {n for node in frontier for n in neighbours[node]} - reached
        reached |= frontier
    return reached


def trimmed(graph: Graph, most: int, keep: Iterable[str] = ()) -> tuple[Graph, int]:
    """At most `most` nodes: the centre, `keep`, then those with the most edges (a picture of
    two hundred names is read by no one); and how many were left out."""
    if len(graph.nodes) <= most:
        return graph, 0
    degree: dict[str, int] = defaultdict(int)
    for edge in graph.edges:
        degree[edge.source] += 1
        degree[edge.target] += 1
    first = {graph.centre, *keep}
    order = sorted(graph.nodes, key=lambda n: (n.id not in first, -degree[n.id]))
    chosen = {node.id for node in order[:most]}
    nodes = [node for node in graph.nodes if node.id in chosen]
    edges = [e for e in graph.edges if e.source in chosen and e.target in chosen]
    return Graph(graph.centre, nodes, edges), len(graph.nodes) - len(nodes)
