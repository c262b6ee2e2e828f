"""`dossier show`: one view per record kind, built from the terminal building blocks."""

from __future__ import annotations

import datetime as dt

from rich.console import Group, RenderableType
from rich.text import Text

from dossier.model.dossier import Dossier, is_upcoming
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
from dossier.phrases import date_span, person_name, place_of, role_line, role_span, with_native
from dossier.views.blocks import (
    DIM,
    _t,
    bullets,
    current_lang,
    events_table,
    field_grid,
    follow_ups_table,
    heading,
    label,
    local,
    notes_and_sources,
    participants_table,
    party_names,
    section,
    table,
)


def country_text(country: str | list[str] | None) -> str:
    if country is None:
        return ""
    return country if isinstance(country, str) else ", ".join(country)


def record_view(dossier: Dossier, record: AnyRecord, today: dt.date) -> Group:
    """The full terminal view of any record."""
    if isinstance(record, Cluster):
        parts = cluster_view(dossier, record, today)
    elif isinstance(record, Organisation):
        parts = organisation_view(dossier, record, today)
    elif isinstance(record, Person):
        parts = person_view(dossier, record, today)
    elif isinstance(record, Agreement):
        parts = agreement_view(dossier, record, today)
    elif isinstance(record, Event):
        parts = event_view(dossier, record, today)
    else:
        parts = source_view(dossier, record)
    return Group(*parts)


def _title(name: str, native: str | None, record: AnyRecord) -> Text:
    title = with_native(name, native, "{name} · {native}")
    return heading(title, f"{kind_of(record)} {record.id}")


def _relationship(dossier: Dossier, record_id: str, today: dt.date) -> list[RenderableType]:
    """People, agreements, events and open follow-ups around a cluster or organisation."""
    parts: list[RenderableType] = []
    side = dossier.side(record_id)
    appointments = dossier.appointments_at(side, today)
    if appointments:
        rows = [
            (
                person_name(a.person),
                a.person.native_name or "",
                role_line(dossier, a.role, current_lang()),
                role_span(a.role, _t),
            )
            for a in appointments
        ]
        parts += [section("People"), table(("Name", "Native", "Role", "When"), rows)]
    agreements = dossier.agreements_of(record_id)
    if agreements:
        parts += [section("Agreements"), _agreements_table(dossier, agreements)]
    events = dossier.events_of(record_id)
    past = [e for e in events if not is_upcoming(e, today)]
    upcoming = [e for e in events if is_upcoming(e, today)]
    if past:
        parts += [section("Events"), events_table(dossier, past, today)]
    if upcoming:
        parts += [section("Upcoming"), events_table(dossier, upcoming, today, mark_upcoming=False)]
    follow_ups = dossier.open_follow_ups(events, today)
    if follow_ups:
        parts += [section("Open follow-ups"), follow_ups_table(dossier, follow_ups, today)]
    return parts


def _agreements_table(dossier: Dossier, agreements: list[Agreement]) -> RenderableType:
    rows = []
    for agreement in agreements:
        signed = ", ".join(str(e.date) for e in dossier.signings(agreement.id))
        rows.append(
            (
                local(agreement.title),
                party_names(dossier, agreement.parties),
                _t(agreement.status.value),
                signed or "—",
                str(agreement.expires) if agreement.expires else "—",
            )
        )
    return table(("Agreement", "Parties", "Status", "Signed", "Expires"), rows)


def cluster_view(dossier: Dossier, cluster: Cluster, today: dt.date) -> list[RenderableType]:
    manager = dossier.get(cluster.managed_by) if cluster.managed_by else None
    manager_text = ""
    if isinstance(manager, Organisation):
        manager_text = with_native(local(manager.name), manager.native_name)
    location = ", ".join(p for p in (cluster.city, cluster.region) if p)
    parts: list[RenderableType] = [
        _title(local(cluster.name), cluster.native_name, cluster),
        field_grid(
            [
                ("Managed by", manager_text),
                ("Location", location),
                ("Country", country_text(cluster.country)),
                ("Time zone", cluster.timezone),
                ("Founded", str(cluster.founded) if cluster.founded else None),
                ("Website", cluster.website),
                ("Focus", ", ".join(cluster.focus)),
                ("Also known as", ", ".join(cluster.aliases)),
            ]
        ),
    ]
    if cluster.summary:
        parts += [Text(""), Text(local(cluster.summary))]
    if cluster.institutions:
        parts += [section("Institutions"), bullets(cluster.institutions)]
    if cluster.figures:
        rows = [
            (
                local(f.label),
                f"{f.value} {f.unit}" if f.unit else str(f.value),
                str(f.as_of) if f.as_of else "",
                f.source or "",
            )
            for f in cluster.figures
        ]
        parts += [section("Key figures"), table(("Figure", "Value", "As of", "Source"), rows)]
    parts += _relationship(dossier, cluster.id, today)
    return parts + notes_and_sources(dossier, cluster.notes, record_sources(cluster))


def organisation_view(
    dossier: Dossier, organisation: Organisation, today: dt.date
) -> list[RenderableType]:
    parent = label(dossier, organisation.parent) if organisation.parent else None
    clusters = dossier.managed_clusters(organisation.id)
    parts: list[RenderableType] = [
        _title(local(organisation.name), organisation.native_name, organisation),
        field_grid(
            [
                ("Kind", _t(organisation.kind.value)),
                ("Part of", parent),
                ("Manages", ", ".join(local(c.name) for c in clusters)),
                ("City", organisation.city),
                ("Country", country_text(organisation.country)),
                ("Founded", str(organisation.founded) if organisation.founded else None),
                ("Website", organisation.website),
                ("Also known as", ", ".join(organisation.aliases)),
            ]
        ),
    ]
    if organisation.summary:
        parts += [Text(""), Text(local(organisation.summary))]
    if organisation.former_names:
        rows = [
            (
                " / ".join(all_texts(f.name)),
                _t("until {date}", date=str(f.until)) if f.until else "",
            )
            for f in organisation.former_names
        ]
        parts += [section("Former names"), table(("Name", "Changed"), rows)]
    parts += _relationship(dossier, organisation.id, today)
    return parts + notes_and_sources(dossier, organisation.notes, organisation.sources)


def person_view(dossier: Dossier, person: Person, today: dt.date) -> list[RenderableType]:
    order = ""
    if person.family_name and person.given_name:
        order = _t(
            "family name {family}, given name {given}",
            family=person.family_name,
            given=person.given_name,
        )
    parts: list[RenderableType] = [
        _title(person_name(person), person.native_name, person),
        field_grid(
            [
                ("Name", order),
                ("Languages", ", ".join(person.languages)),
                ("Also known as", ", ".join(person.aliases)),
            ]
        ),
    ]
    if person.roles:
        rows = []
        for role in person.roles:
            status = (
                Text(_t("current"), style="green")
                if role.is_current(today)
                else Text(_t("former"), style=DIM)
            )
            rows.append(
                (Text(role_line(dossier, role, current_lang())), Text(role_span(role, _t)), status)
            )
        parts += [section("Roles"), table(("Role", "When", "Status"), rows)]
    events = dossier.events_of(person.id)
    if events:
        parts += [section("Events"), events_table(dossier, events, today)]
    return parts + notes_and_sources(dossier, person.notes, person.sources)


def agreement_view(dossier: Dossier, agreement: Agreement, today: dt.date) -> list[RenderableType]:
    renewed_by = [a.id for a in dossier.agreements if a.renews == agreement.id]
    parts: list[RenderableType] = [
        _title(local(agreement.title), None, agreement),
        field_grid(
            [
                ("Kind", _t(agreement.kind.value)),
                ("Status", _t(agreement.status.value)),
                ("Parties", party_names(dossier, agreement.parties)),
                (
                    "Expires",
                    str(agreement.expires) if agreement.expires else _t("No expiry recorded"),
                ),
                ("Renews", agreement.renews),
                ("Renewed by", ", ".join(renewed_by)),
            ]
        ),
    ]
    if agreement.summary:
        parts += [Text(""), Text(local(agreement.summary))]
    signings = dossier.signings(agreement.id)
    if signings:
        rows = []
        for event in signings:
            signatories = [
                _t("{name} for {party}", name=person_name(p), party=label(dossier, part.for_))
                if part.for_
                else person_name(p)
                for p, part in dossier.signatories(event)
            ]
            rows.append((date_span(event.date, event.end), place_of(event), "; ".join(signatories)))
        parts += [section("Signings"), table(("Date", "Where", "Signed by"), rows)]
    if agreement.scope:
        parts += [section("Scope"), bullets(local(s) for s in agreement.scope)]
    return parts + notes_and_sources(dossier, agreement.notes, agreement.sources)


def event_view(dossier: Dossier, event: Event, today: dt.date) -> list[RenderableType]:
    upcoming = f" ({_t('upcoming')})" if is_upcoming(event, today) else ""
    when = date_span(event.date, event.end) + upcoming
    parts: list[RenderableType] = [
        _title(local(event.title), None, event),
        field_grid(
            [
                ("Kind", _t(event.kind.value)),
                ("When", when),
                ("Where", place_of(event)),
                ("Time zone", dossier.venue_timezone(event) if event.agenda else None),
                ("Agreement", label(dossier, event.agreement) if event.agreement else None),
                ("Parties", party_names(dossier, event.parties)),
            ]
        ),
    ]
    for title, text in (("Summary", event.summary), ("Purpose", event.purpose)):
        if text:
            parts += [section(title), Text(local(text))]
    if event.objectives:
        parts += [section("Objectives"), bullets(local(o) for o in event.objectives)]
    if event.people:
        parts += [section("People"), participants_table(dossier, event)]
    if event.agenda:
        rows = [
            (
                f"{item.time}–{item.end}" if item.end else item.time,
                local(item.title),
                ", ".join(label(dossier, p) for p in item.people),
            )
            for item in event.agenda
        ]
        parts += [section("Agenda"), table(("Time", "Item", "With"), rows)]
    if event.outcomes:
        parts += [section("Outcomes"), bullets(local(o) for o in event.outcomes)]
    follow_ups = dossier.open_follow_ups([event], today)
    if follow_ups:
        parts += [section("Open follow-ups"), follow_ups_table(dossier, follow_ups, today)]
    return parts + notes_and_sources(dossier, event.notes, event.sources)


def source_view(dossier: Dossier, source: Source) -> list[RenderableType]:
    cited = dossier.cited_by(source.id)
    parts: list[RenderableType] = [
        _title(local(source.title), None, source),
        field_grid(
            [
                ("Publisher", source.publisher),
                ("Published", str(source.published) if source.published else None),
                ("Language", source.language),
                ("URL", source.url),
            ]
        ),
    ]
    if cited:
        parts += [
            section("Cited by"),
            table(
                ("Record", "Kind", "Name"),
                [(r.id, kind_of(r), label(dossier, r.id)) for r in cited],
            ),
        ]
    if source.notes:
        parts += [section("Notes"), Text(local(source.notes))]
    return parts
