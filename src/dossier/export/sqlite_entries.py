"""The tables of the SQLite export that hold the entries of records' lists: roles, agreement
parties, participants, agenda items, follow-ups, figures and citations. Each row's `id` is
its record's id and its number in the list (`norihiko-fukuda#1`)."""

from __future__ import annotations

from collections.abc import Iterator

from dossier.export.sqlite_columns import Entry, Fields, Table, entries, last_day
from dossier.model.dossier import Dossier
from dossier.model.records import Event
from dossier.model.references import record_sources
from dossier.model.values import text_in


def _entry(fields: Fields, parent: str, parent_table: str) -> Fields:
    """The first columns of a table of entries: its id, its record and its number there."""
    return (
        fields.derived(
            "id", str, lambda e, _c: f"{e.record.id}#{e.number}", "The record's id, #, number."
        )
        .derived("number", int, lambda e, _c: e.number, "Its number in the list, from 1.")
        .derived(parent, str, lambda e, _c: e.record.id, f"The {parent} it belongs to.")
        .with_reference(parent, parent_table)
    )


def _roles(dossier: Dossier) -> Iterator[Entry]:
    return entries(dossier.people, "roles")


ROLES = Table(
    "roles",
    "Role",
    _roles,
    _entry(Fields(inside=True), "person", "people")
    .text("title")
    .plain("organisation", references="records")
    .plain("since")
    .plain("until")
    .derived(
        "current",
        bool,
        lambda e, c: e.item.is_current(c.today),
        "Held on the day of the export (no `until`, or one not yet past).",
    )
    .plain("audience")
    .plain("verified")
    .text("notes")
    .columns,
    label="title",
    facets=("current", "organisation"),
    search=("title",),
)


def _parties(dossier: Dossier) -> Iterator[Entry]:
    """Each party of each agreement, with who signed for it, where and when: a row for each
    signatory at each signing, else one for its first signing, else one for the party."""
    for agreement in dossier.agreements:
        signings = dossier.signings(agreement.id)
        number = 0
        for party in agreement.parties:
            found: list[tuple[Event | None, str | None]] = [
                (event, person.id)
                for event in signings
                for person, participant in dossier.signatories(event)
                if participant.for_ == party
            ]
            for event, signatory in found or [(signings[0] if signings else None, None)]:
                number += 1
                yield Entry(agreement, number, (party, event, signatory))


AGREEMENT_PARTIES = Table(
    "agreement_parties",
    "Agreement",
    _parties,
    _entry(Fields(), "agreement", "agreements")
    .derived("party", str, lambda e, _c: e.item[0], "The organisation or cluster.")
    .with_reference("party", "records")
    .derived("signatory", str, lambda e, _c: e.item[2], "Who signed for it.")
    .with_reference("signatory", "people")
    .derived("signing", str, lambda e, _c: e.item[1] and e.item[1].id, "The signing event.")
    .with_reference("signing", "events")
    .derived("signed", str, lambda e, _c: e.item[1] and str(e.item[1].date), "The day of signing.")
    .derived(
        "signed_at",
        str,
        lambda e, c: (e.item[1] and text_in(e.item[1].place, c.lang)) or None,
        "The place of signing.",
    )
    .columns,
    label="party",
    facets=("party",),
)


def _participants(dossier: Dossier) -> Iterator[Entry]:
    for event in dossier.events:
        for number, participant in enumerate(event.participants(), start=1):
            yield Entry(event, number, participant)


PARTICIPANTS = Table(
    "participants",
    "Participant",
    _participants,
    _entry(Fields(inside=True), "event", "events")
    .plain("person", references="people")
    .text("role")
    .plain("on_behalf_of", source="for_", references="records")
    .plain("audience")
    .columns,
    label="person",
    facets=("person", "on_behalf_of"),
)

AGENDA_ITEMS = Table(
    "agenda_items",
    "AgendaItem",
    lambda dossier: entries(dossier.events, "agenda"),
    _entry(Fields(inside=True), "event", "events")
    .plain("item_id", source="id")
    .plain("date")
    .plain("time")
    .plain("end_time", source="end")
    .text("title")
    .strings("people")
    .text("place")
    .point()
    .plain("audience")
    .text("notes")
    .columns,
    label="title",
    search=("title", "place"),
)

FOLLOW_UPS = Table(
    "follow_ups",
    "FollowUp",
    lambda dossier: entries(dossier.events, "follow_ups"),
    _entry(Fields(inside=True), "event", "events")
    .text("action")
    .plain("owner", references="records")
    .plain("due")
    .derived(
        "due_last_day",
        str,
        lambda e, _c: last_day(e.item.due),
        "The last day it is due by (a month or year ends at its end).",
    )
    .derived("done", bool, lambda e, _c: e.item.is_done, "Done, or has a day it was done on.")
    .plain("done_on")
    .plain("audience")
    .text("notes")
    .columns,
    label="action",
    facets=("done", "owner"),
    sort="due_last_day",
    search=("action",),
)

FIGURES = Table(
    "figures",
    "Figure",
    lambda dossier: entries(dossier.clusters, "figures"),
    _entry(Fields(inside=True), "cluster", "clusters")
    .text("label")
    .plain("value", value=lambda e, _c: str(e.item.value))
    .plain("unit")
    .plain("as_of")
    .plain("source", references="sources")
    .plain("audience")
    .columns,
    label="label",
)


def _citations(dossier: Dossier) -> Iterator[Entry]:
    for record in dossier.records():
        for number, source in enumerate(dict.fromkeys(record_sources(record)), start=1):
            yield Entry(record, number, source)


CITATIONS = Table(
    "citations",
    "Record",
    _citations,
    _entry(Fields(), "record", "records")
    .derived("source", str, lambda e, _c: e.item, "The source it cites.")
    .with_reference("source", "sources")
    .columns,
    label="source",
    facets=("source",),
)
