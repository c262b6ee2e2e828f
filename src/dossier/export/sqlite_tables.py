"""The tables of the SQLite export, declared column by column (see `sqlite_columns`), in the
order they are created: a table comes after the tables it points to. The records' tables are
here, the tables of their lists of entries in `sqlite_entries`.

A reference that may name records of several kinds (a role's organisation or cluster, a
follow-up's owner) points into `records`, which has a row for every record: ids are one
namespace in the data, and so they are in the database.
"""

from __future__ import annotations

from typing import Any

from dossier.export.sqlite_columns import Context, Fields, Table, json_list, last_day
from dossier.export.sqlite_entries import (
    AGENDA_ITEMS,
    AGREEMENT_PARTIES,
    CITATIONS,
    FIGURES,
    FOLLOW_UPS,
    PARTICIPANTS,
    ROLES,
)
from dossier.model.records import display_text, kind_of
from dossier.model.values import country_codes, text_in


def _record(fields: Fields) -> Fields:
    """What every record has, at the end as in the data format."""
    return fields.plain("audience").plain("verified").text("notes")


def _countries(item: Any, _c: Context) -> str | None:
    return json_list(country_codes(item.country))


def _last_contact(item: Any, context: Context) -> str | None:
    event = context.last_contacts.get(item.id)
    return None if event is None else str(event.end or event.date)


def _last_contact_event(item: Any, context: Context) -> str | None:
    event = context.last_contacts.get(item.id)
    return None if event is None else event.id


def _partner(fields: Fields) -> Fields:
    """Where it is, and when the home side last met it."""
    return (
        fields.plain("country", value=_countries)
        .plain("timezone")
        .point()
        .derived(
            "last_contact",
            str,
            _last_contact,
            "The last day the home side met or spoke with it (events naming both sides).",
        )
        .derived("last_contact_event", str, _last_contact_event, "The event of that contact.")
        .with_reference("last_contact_event", "events")
    )


def _reach(fields: Fields) -> Fields:
    return fields.strings("email").strings("phone").text("postal_address")


RECORDS = Table(
    "records",
    "Record",
    lambda dossier: dossier.records(),
    Fields()
    .plain("id")
    .derived("kind", str, lambda r, _c: kind_of(r), "cluster, organisation, person, …")
    .derived(
        "name",
        str,
        lambda r, c: text_in(display_text(r), c.lang),
        "What the record is called: a name, or a title.",
    )
    .columns,
    label="name",
    facets=("kind",),
)

SOURCES = Table(
    "sources",
    "Source",
    lambda dossier: dossier.sources,
    Fields()
    .plain("id")
    .text("title")
    .plain("publisher")
    .plain("url")
    .plain("published")
    .plain("language")
    .text("notes")
    .plain("audience")
    .columns,
    label="title",
    facets=("publisher", "language"),
    sort="-published",
    search=("title", "publisher"),
)

PEOPLE = Table(
    "people",
    "Person",
    lambda dossier: dossier.people,
    _record(
        _reach(
            Fields()
            .plain("id")
            .text("name")
            .plain("family_name")
            .plain("given_name")
            .plain("native_name")
            .plain("reading")
            .plain("honorific")
            .text("address")
            .strings("aliases")
            .strings("languages")
        )
        .plain("contact_via", references="people")
        .plain("contact_audience")
    ).columns,
    label="name",
    array_facets=("languages",),
    search=(
        "name",
        "family_name",
        "given_name",
        "native_name",
        "reading",
        "aliases",
        "address",
    ),
)

ORGANISATIONS = Table(
    "organisations",
    "Organisation",
    lambda dossier: dossier.organisations,
    _record(
        _reach(
            _partner(
                Fields()
                .plain("id")
                .text("name")
                .plain("native_name")
                .strings("aliases")
                .plain("kind")
                .plain("parent", references="organisations")
                .text("city")
            )
            .plain("founded")
            .plain("website")
            .text("summary")
        )
        .plain("contact_via", references="people")
        .plain("contact_audience")
    ).columns,
    label="name",
    facets=("kind",),
    array_facets=("country",),
    search=("name", "native_name", "aliases", "city"),
    long_texts=("summary",),
)

CLUSTERS = Table(
    "clusters",
    "Cluster",
    lambda dossier: dossier.clusters,
    _record(
        _partner(
            Fields()
            .plain("id")
            .text("name")
            .plain("native_name")
            .strings("aliases")
            .plain("managed_by", references="organisations")
            .text("city")
            .text("region")
        )
        .plain("founded")
        .plain("website")
        .texts("focus")
        .texts("institutions")
        .text("summary")
    ).columns,
    label="name",
    array_facets=("country", "focus"),
    search=("name", "native_name", "aliases", "city", "focus"),
    long_texts=("summary", "institutions"),
)


def _signed(agreement: Any, context: Context) -> str | None:
    # The first signing as the data dates it (`2017-11` stays a month); signings are by date.
    signings = context.dossier.signings(agreement.id)
    return str(signings[0].date) if signings else None


AGREEMENTS = Table(
    "agreements",
    "Agreement",
    lambda dossier: dossier.agreements,
    _record(
        Fields()
        .plain("id")
        .plain("kind")
        .text("title")
        .plain("status")
        .strings("parties")
        .derived("signed", str, _signed, "The day of its first signing event.")
        .plain("expires")
        .derived(
            "expires_last_day",
            str,
            lambda a, _c: last_day(a.expires),
            "The last day it is in force (a month or year ends at its end).",
        )
        .plain("renews", references="agreements")
        .text("summary")
        .texts("scope")
    ).columns,
    label="title",
    facets=("kind", "status"),
    array_facets=("parties",),
    sort="expires_last_day",
    search=("title",),
    long_texts=("summary", "scope"),
)

EVENTS = Table(
    "events",
    "Event",
    lambda dossier: dossier.events,
    _record(
        Fields()
        .plain("id")
        .plain("kind")
        .text("title")
        .plain("date")
        .plain("end_date", source="end")
        .text("place")
        .text("venue")
        .point()
        .plain("timezone")
        .plain("agreement", references="agreements")
        .strings("parties")
        .text("summary")
        .text("purpose")
        .texts("objectives")
        .texts("outcomes")
    ).columns,
    label="title",
    facets=("kind", "place"),
    array_facets=("parties",),
    sort="-date",
    search=("title", "place", "venue"),
    long_texts=("summary", "purpose", "objectives", "outcomes"),
)


TABLES: tuple[Table, ...] = (
    RECORDS,
    SOURCES,
    PEOPLE,
    AGREEMENTS,
    EVENTS,
    ORGANISATIONS,
    CLUSTERS,
    ROLES,
    AGREEMENT_PARTIES,
    PARTICIPANTS,
    AGENDA_ITEMS,
    FOLLOW_UPS,
    FIGURES,
    CITATIONS,
)
"""Every table, each after the tables its foreign keys point to."""
