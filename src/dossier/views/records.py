"""`dossier show`: one view per record kind, built from the terminal building blocks."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from dossier.model.dossier import agenda_days, clock_span, is_upcoming
from dossier.model.records import (
    Agreement,
    AnyRecord,
    Cluster,
    Event,
    Organisation,
    Person,
    Source,
    kind_of,
)
from dossier.model.references import record_sources
from dossier.model.values import all_texts
from dossier.phrases import (
    coordinates,
    date_span,
    person_name,
    place_of,
    role_line,
    role_span,
    with_native,
)
from dossier.views.blocks import (
    DIM,
    Viewer,
    bullets,
    events_table,
    field_grid,
    follow_ups_table,
    heading,
    notes_and_sources,
    participants_table,
    party_names,
    reach_rows,
    section,
    table,
)
from dossier.views.relationship import contact_parts, owed_parts


def country_text(country: str | list[str] | None) -> str:
    if country is None:
        return ""
    return country if isinstance(country, str) else ", ".join(country)


def record_view(viewer: Viewer, record: AnyRecord) -> Group:
    """The full terminal view of any record."""
    if isinstance(record, Cluster):
        parts = cluster_view(viewer, record)
    elif isinstance(record, Organisation):
        parts = organisation_view(viewer, record)
    elif isinstance(record, Person):
        parts = person_view(viewer, record)
    elif isinstance(record, Agreement):
        parts = agreement_view(viewer, record)
    elif isinstance(record, Event):
        parts = event_view(viewer, record)
    else:
        parts = source_view(viewer, record)
    return Group(*parts)


def _title(name: str, native: str | None, record: AnyRecord) -> Text:
    title = with_native(name, native, "{name} · {native}")
    return heading(title, f"{kind_of(record)} {record.id}")


def _relationship(viewer: Viewer, record_id: str) -> list[RenderableType]:
    """People, agreements, events and open follow-ups around a cluster or organisation."""
    parts: list[RenderableType] = []
    side = viewer.dossier.side(record_id)
    appointments = viewer.dossier.appointments_at(side, viewer.today)
    if appointments:
        rows = [
            (
                person_name(a.person, lang=viewer.t.lang),
                a.person.native_name or "",
                role_line(viewer.dossier, a.role, viewer.t.lang),
                role_span(a.role, viewer.t),
            )
            for a in appointments
        ]
        parts += [
            section(viewer, "People"),
            table(viewer, ("Name", "Native", "Role", "When"), rows),
        ]
    agreements = viewer.dossier.agreements_of(record_id)
    if agreements:
        parts += [section(viewer, "Agreements"), _agreements_table(viewer, agreements)]
    events = viewer.dossier.events_of(record_id)
    past = [e for e in events if not is_upcoming(e, viewer.today)]
    upcoming = [e for e in events if is_upcoming(e, viewer.today)]
    if past:
        parts += [section(viewer, "Events"), events_table(viewer, past)]
    if upcoming:
        parts += [section(viewer, "Upcoming"), events_table(viewer, upcoming, mark_upcoming=False)]
    follow_ups = viewer.dossier.open_follow_ups(events, viewer.today)
    if follow_ups:
        parts += [section(viewer, "Open follow-ups"), follow_ups_table(viewer, follow_ups)]
    return parts


def _agreements_table(viewer: Viewer, agreements: list[Agreement]) -> RenderableType:
    rows = []
    for agreement in agreements:
        signed = ", ".join(str(e.date) for e in viewer.dossier.signings(agreement.id))
        rows.append(
            (
                viewer.t.text(agreement.title),
                party_names(viewer, agreement.parties),
                viewer.t(agreement.status.value),
                signed or "—",
                str(agreement.expires) if agreement.expires else "—",
            )
        )
    return table(viewer, ("Agreement", "Parties", "Status", "Signed", "Expires"), rows)


def cluster_view(viewer: Viewer, cluster: Cluster) -> list[RenderableType]:
    manager = viewer.dossier.get(cluster.managed_by) if cluster.managed_by else None
    manager_text = ""
    if isinstance(manager, Organisation):
        manager_text = with_native(viewer.t.text(manager.name), manager.native_name)
    location = ", ".join(viewer.t.text(p) for p in (cluster.city, cluster.region) if p)
    parts: list[RenderableType] = [
        _title(viewer.t.text(cluster.name), cluster.native_name, cluster),
        field_grid(
            viewer,
            [
                ("Managed by", manager_text),
                ("Location", location),
                ("Country", country_text(cluster.country)),
                ("Time zone", cluster.timezone),
                ("Coordinates", coordinates(cluster.location, viewer.t)),
                ("Founded", str(cluster.founded) if cluster.founded else None),
                ("Website", cluster.website),
                ("Focus", ", ".join(viewer.t.text(f) for f in cluster.focus)),
                ("Also known as", ", ".join(cluster.aliases)),
            ],
        ),
    ]
    if cluster.summary:
        parts += [Text(""), Text(viewer.t.text(cluster.summary))]
    if cluster.institutions:
        institutions = (viewer.t.text(i) for i in cluster.institutions)
        parts += [section(viewer, "Institutions"), bullets(institutions)]
    if cluster.figures:
        rows = [
            (
                viewer.t.text(f.label),
                f"{f.value} {f.unit}" if f.unit else str(f.value),
                str(f.as_of) if f.as_of else "",
                f.source or "",
            )
            for f in cluster.figures
        ]
        parts += [
            section(viewer, "Key figures"),
            table(viewer, ("Figure", "Value", "As of", "Source"), rows),
        ]
    parts += contact_parts(viewer, cluster.id)
    parts += _relationship(viewer, cluster.id)
    return parts + notes_and_sources(viewer, cluster.notes, record_sources(cluster))


def organisation_view(viewer: Viewer, organisation: Organisation) -> list[RenderableType]:
    parent = viewer.label(organisation.parent) if organisation.parent else None
    clusters = viewer.dossier.managed_clusters(organisation.id)
    parts: list[RenderableType] = [
        _title(viewer.t.text(organisation.name), organisation.native_name, organisation),
        field_grid(
            viewer,
            [
                ("Kind", viewer.t(organisation.kind.value)),
                ("Part of", parent),
                ("Manages", ", ".join(viewer.t.text(c.name) for c in clusters)),
                ("City", viewer.t.text(organisation.city) or None),
                ("Coordinates", coordinates(organisation.location, viewer.t)),
                ("Country", country_text(organisation.country)),
                ("Founded", str(organisation.founded) if organisation.founded else None),
                ("Website", organisation.website),
                ("Also known as", ", ".join(organisation.aliases)),
                *reach_rows(viewer, organisation),
            ],
        ),
    ]
    if organisation.summary:
        parts += [Text(""), Text(viewer.t.text(organisation.summary))]
    if organisation.former_names:
        rows = [
            (
                " / ".join(all_texts(f.name)),
                viewer.t("until {date}", date=str(f.until)) if f.until else "",
            )
            for f in organisation.former_names
        ]
        parts += [section(viewer, "Former names"), table(viewer, ("Name", "Changed"), rows)]
    parts += contact_parts(viewer, organisation.id)
    parts += _relationship(viewer, organisation.id)
    parts += owed_parts(viewer, viewer.dossier.side(organisation.id))
    return parts + notes_and_sources(viewer, organisation.notes, organisation.sources)


def person_view(viewer: Viewer, person: Person) -> list[RenderableType]:
    order = ""
    if person.family_name and person.given_name:
        order = viewer.t(
            "family name {family}, given name {given}",
            family=person.family_name,
            given=person.given_name,
        )
    parts: list[RenderableType] = [
        _title(person_name(person, lang=viewer.t.lang), person.native_name, person),
        field_grid(
            viewer,
            [
                ("Name", order),
                ("Reading", person.reading or ""),
                ("Languages", ", ".join(person.languages)),
                ("Also known as", ", ".join(person.aliases)),
                *reach_rows(viewer, person),
            ],
        ),
    ]
    if person.roles:
        rows = []
        for role in person.roles:
            status = (
                Text(viewer.t("current"), style="green")
                if role.is_current(viewer.today)
                else Text(viewer.t("former"), style=DIM)
            )
            rows.append(
                (
                    Text(role_line(viewer.dossier, role, viewer.t.lang)),
                    Text(role_span(role, viewer.t)),
                    status,
                )
            )
        parts += [section(viewer, "Roles"), table(viewer, ("Role", "When", "Status"), rows)]
    parts += contact_parts(viewer, person.id)
    events = viewer.dossier.events_of(person.id)
    if events:
        parts += [section(viewer, "Events"), events_table(viewer, events)]
    parts += owed_parts(viewer, {person.id})
    return parts + notes_and_sources(viewer, person.notes, person.sources)


def agreement_view(viewer: Viewer, agreement: Agreement) -> list[RenderableType]:
    renewed_by = [a.id for a in viewer.dossier.agreements if a.renews == agreement.id]
    chain = viewer.dossier.renewal_chain(agreement.id)
    parts: list[RenderableType] = [
        _title(viewer.t.text(agreement.title), None, agreement),
        field_grid(
            viewer,
            [
                ("Kind", viewer.t(agreement.kind.value)),
                ("Status", viewer.t(agreement.status.value)),
                ("Parties", party_names(viewer, agreement.parties)),
                (
                    "Expires",
                    str(agreement.expires) if agreement.expires else viewer.t("No expiry recorded"),
                ),
                ("Renews", agreement.renews),
                ("Renewed by", ", ".join(renewed_by)),
            ],
        ),
    ]
    if agreement.summary:
        parts += [Text(""), Text(viewer.t.text(agreement.summary))]
    signings = viewer.dossier.signings(agreement.id)
    if signings:
        rows = []
        for event in signings:
            signatories = [
                viewer.t(
                    "{name} for {party}",
                    name=person_name(p, lang=viewer.t.lang),
                    party=viewer.label(part.for_),
                )
                if part.for_
                else person_name(p, lang=viewer.t.lang)
                for p, part in viewer.dossier.signatories(event)
            ]
            rows.append(
                (
                    date_span(event.date, event.end),
                    place_of(event, viewer.t.lang),
                    "; ".join(signatories),
                )
            )
        parts += [section(viewer, "Signings"), table(viewer, ("Date", "Where", "Signed by"), rows)]
    if agreement.scope:
        parts += [section(viewer, "Scope"), bullets(viewer.t.text(s) for s in agreement.scope)]
    if len(chain) > 1:
        links = [
            (
                ("→ " if a.id == agreement.id else "  ") + a.id,
                viewer.t.text(a.title),
                viewer.t(a.status.value),
                ", ".join(str(e.date) for e in viewer.dossier.signings(a.id)) or "—",
                str(a.expires) if a.expires else "—",
            )
            for a in chain
        ]
        parts += [
            section(viewer, "Renewal chain"),
            table(viewer, ("Agreement", "Title", "Status", "Signed", "Expires"), links),
        ]
    return parts + notes_and_sources(viewer, agreement.notes, agreement.sources)


def event_view(viewer: Viewer, event: Event) -> list[RenderableType]:
    upcoming = f" ({viewer.t('upcoming')})" if is_upcoming(event, viewer.today) else ""
    when = date_span(event.date, event.end) + upcoming
    parts: list[RenderableType] = [
        _title(viewer.t.text(event.title), None, event),
        field_grid(
            viewer,
            [
                ("Kind", viewer.t(event.kind.value)),
                ("When", when),
                ("Where", place_of(event, viewer.t.lang)),
                ("Coordinates", coordinates(event.location, viewer.t)),
                ("Time zone", viewer.dossier.venue_timezone(event) if event.agenda else None),
                ("Agreement", viewer.label(event.agreement) if event.agreement else None),
                ("Parties", party_names(viewer, event.parties)),
            ],
        ),
    ]
    for title, text in (("Summary", event.summary), ("Purpose", event.purpose)):
        if text:
            parts += [section(viewer, title), Text(viewer.t.text(text))]
    if event.objectives:
        parts += [
            section(viewer, "Objectives"),
            bullets(viewer.t.text(o) for o in event.objectives),
        ]
    if event.people:
        parts += [section(viewer, "People"), participants_table(viewer, event)]
    if event.agenda:
        parts.append(section(viewer, "Agenda"))
        days = agenda_days(event)
        for day, items in days:
            rows = [
                (
                    clock_span(item.time, item.end),
                    viewer.t.text(item.title),
                    ", ".join(viewer.label(p) for p in item.people),
                )
                for item in items
            ]
            if len(days) > 1:  # a heading per day, as in the briefing
                parts.append(Text(str(day), style="bold"))
            parts.append(table(viewer, ("Time", "Item", "With"), rows))
    if event.outcomes:
        parts += [section(viewer, "Outcomes"), bullets(viewer.t.text(o) for o in event.outcomes)]
    follow_ups = viewer.dossier.open_follow_ups([event], viewer.today)
    if follow_ups:
        parts += [section(viewer, "Open follow-ups"), follow_ups_table(viewer, follow_ups)]
    return parts + notes_and_sources(viewer, event.notes, event.sources)


def source_view(viewer: Viewer, source: Source) -> list[RenderableType]:
    cited = viewer.dossier.cited_by(source.id)
    parts: list[RenderableType] = [
        _title(viewer.t.text(source.title), None, source),
        field_grid(
            viewer,
            [
                ("Publisher", source.publisher),
                ("Published", str(source.published) if source.published else None),
                ("Language", source.language),
                ("URL", source.url),
            ],
        ),
    ]
    if cited:
        parts += [
            section(viewer, "Cited by"),
            table(
                viewer,
                ("Record", "Kind", "Name"),
                [(r.id, kind_of(r), viewer.label(r.id)) for r in cited],
            ),
        ]
    if source.notes:
        parts += [section(viewer, "Notes"), Text(viewer.t.text(source.notes))]
    return parts
