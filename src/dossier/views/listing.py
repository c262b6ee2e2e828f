"""`dossier list`: the records of one kind as rows, filtered (a table is drawn from them here;
`dossier.export.rows` writes them as JSON or CSV)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from dossier.errors import UsageError, format_field_path
from dossier.model.contact import last_contacts
from dossier.model.countries import ISO_COUNTRY_CODES
from dossier.model.dossier import Dossier, OpenFollowUp
from dossier.model.records import Agreement, AnyRecord, Cluster, Event, Organisation, Person, Source
from dossier.model.stale import Fact
from dossier.model.suggest import did_you_mean
from dossier.model.values import all_texts, country_codes, text_in
from dossier.model.vocabulary import AgreementKind, AgreementStatus, EventKind, OrganisationKind
from dossier.model.vocabulary import RecordKind as ListKind
from dossier.phrases import date_span, place_of, role_line


@dataclass(frozen=True)
class Filters:
    country: str | None = None
    focus: str | None = None
    status: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class Rows:
    columns: tuple[str, ...]
    rows: list[tuple[str, ...]]

    def as_dicts(self) -> list[dict[str, str]]:
        keys = [c.lower().replace(" ", "_") for c in self.columns]
        return [dict(zip(keys, row, strict=True)) for row in self.rows]


def _countries(record: Cluster | Organisation) -> list[str]:
    return country_codes(record.country)


_FILTERS: dict[str, dict[ListKind, Callable[[AnyRecord, str], bool]]] = {
    "country": {
        ListKind.CLUSTERS: lambda r, v: v.upper() in _countries(r),  # type: ignore[arg-type]
        ListKind.ORGANISATIONS: lambda r, v: v.upper() in _countries(r),  # type: ignore[arg-type]
    },
    "focus": {
        ListKind.CLUSTERS: lambda r, v: any(
            v.casefold() in t.casefold()
            for f in r.focus  # type: ignore[union-attr]
            for t in all_texts(f)
        ),
    },
    "status": {
        ListKind.AGREEMENTS: lambda r, v: r.status.value == v,  # type: ignore[union-attr]
    },
    "kind": {
        ListKind.ORGANISATIONS: lambda r, v: r.kind.value == v,  # type: ignore[union-attr]
        ListKind.AGREEMENTS: lambda r, v: r.kind.value == v,  # type: ignore[union-attr]
        ListKind.EVENTS: lambda r, v: r.kind.value == v,  # type: ignore[union-attr]
    },
}


FILTER_CHOICES: dict[str, dict[ListKind, tuple[str, ...]]] = {
    "status": {ListKind.AGREEMENTS: tuple(AgreementStatus)},
    "kind": {
        ListKind.ORGANISATIONS: tuple(OrganisationKind),
        ListKind.AGREEMENTS: tuple(AgreementKind),
        ListKind.EVENTS: tuple(EventKind),
    },
}
"""The values a filter takes, by the kind of record listed; filters not named take any."""


def _check_value(name: str, kind: ListKind, value: str) -> None:
    """Refuse a filter value no record could have, rather than print an empty table."""
    if name == "country":
        if value.upper() not in ISO_COUNTRY_CODES:
            raise UsageError(f"--country: '{value}' is not an ISO 3166-1 alpha-2 code (DE, JP)")
        return
    choices = FILTER_CHOICES.get(name, {}).get(kind)
    if choices is None or value in choices:
        return
    hint = did_you_mean(value, choices)
    raise UsageError(
        f"--{name}: '{value}' is not one of {', '.join(choices)}" + (f"; {hint}" if hint else "")
    )


def select(dossier: Dossier, kind: ListKind, filters: Filters) -> list[AnyRecord]:
    """The records of `kind` that pass every filter; a filter that does not apply, or a value
    it cannot take, is a `UsageError`."""
    records: list[AnyRecord] = list(getattr(dossier, kind.value))
    for name, tests in _FILTERS.items():
        value = getattr(filters, name)
        if value is None:
            continue
        test = tests.get(kind)
        if test is None:
            applies = ", ".join(k.value for k in tests)
            raise UsageError(f"--{name} applies to {applies}, not to {kind.value}")
        _check_value(name, kind, value)
        records = [r for r in records if test(r, value)]
    return records


def _counterpart_rows(
    dossier: Dossier, kind: ListKind, records: Sequence[AnyRecord], today: dt.date
) -> Rows:
    """Clusters, organisations and people, each with the date of the last contact."""
    last = last_contacts(dossier, [r.id for r in records], today)

    def contact(record_id: str) -> str:
        return str(last[record_id].date) if record_id in last else ""

    if kind is ListKind.CLUSTERS:
        return Rows(
            ("Id", "Name", "City", "Country", "Focus", "Last contact"),
            [
                (
                    c.id,
                    text_in(c.name),
                    text_in(c.city),
                    ", ".join(_countries(c)),
                    ", ".join(text_in(f) for f in c.focus),
                    contact(c.id),
                )
                for c in records
                if isinstance(c, Cluster)
            ],
        )
    if kind is ListKind.ORGANISATIONS:
        return Rows(
            ("Id", "Name", "Kind", "City", "Country", "Last contact"),
            [
                (
                    o.id,
                    text_in(o.name),
                    o.kind.value,
                    text_in(o.city),
                    ", ".join(_countries(o)),
                    contact(o.id),
                )
                for o in records
                if isinstance(o, Organisation)
            ],
        )
    return Rows(
        ("Id", "Name", "Native", "Current role", "Last contact"),
        [
            (
                p.id,
                text_in(p.name),
                p.native_name or "",
                "; ".join(role_line(dossier, r) for r in p.current_roles(today)),
                contact(p.id),
            )
            for p in records
            if isinstance(p, Person)
        ],
    )


def sort_rows(rows: Rows, key: str) -> Rows:
    """Rows by a column: `name` alphabetically, `last-contact` most recent first (those never
    met last); anything else keeps the data's order."""
    if key == "name" and "Name" in rows.columns:
        column = rows.columns.index("Name")
        return Rows(rows.columns, sorted(rows.rows, key=lambda r: r[column].casefold()))
    if key == "last-contact" and "Last contact" in rows.columns:
        column = rows.columns.index("Last contact")
        ordered = sorted(rows.rows, key=lambda r: r[column], reverse=True)
        return Rows(
            rows.columns, [r for r in ordered if r[column]] + [r for r in ordered if not r[column]]
        )
    return rows


def build_rows(
    dossier: Dossier, kind: ListKind, records: Sequence[AnyRecord], today: dt.date
) -> Rows:
    """The columns a person wants to scan for each kind."""
    if kind in (ListKind.CLUSTERS, ListKind.ORGANISATIONS, ListKind.PEOPLE):
        return _counterpart_rows(dossier, kind, records, today)
    if kind is ListKind.AGREEMENTS:
        return Rows(
            ("Id", "Title", "Kind", "Status", "Parties"),
            [
                (a.id, text_in(a.title), a.kind.value, a.status.value, ", ".join(a.parties))
                for a in records
                if isinstance(a, Agreement)
            ],
        )
    if kind is ListKind.EVENTS:
        return Rows(
            ("Date", "Id", "Kind", "Title", "Where"),
            [
                (date_span(e.date, e.end), e.id, e.kind.value, text_in(e.title), place_of(e))
                for e in records
                if isinstance(e, Event)
            ],
        )
    return Rows(
        ("Id", "Title", "Publisher", "Published"),
        [
            (s.id, text_in(s.title), s.publisher or "", str(s.published) if s.published else "")
            for s in records
            if isinstance(s, Source)
        ],
    )


def follow_up_rows(
    dossier: Dossier,
    items: Sequence[OpenFollowUp],
    today: dt.date,
    lang: str = "en",
    *,
    lateness: bool = True,
) -> Rows:
    """`dossier follow-ups`: what is owed, with whom, by when, and whether it is overdue
    (only with `lateness`: our lateness is for internal readers)."""
    rows: list[tuple[str, ...]] = []
    for item in items:
        follow_up = item.follow_up
        late = lateness and item.is_overdue(today)
        status = "done" if follow_up.is_done else "overdue" if late else "open"
        owner = dossier.label(follow_up.owner, lang) if follow_up.owner else ""
        rows.append(
            (
                str(follow_up.due) if follow_up.due else "",
                status,
                text_in(follow_up.action, lang),
                owner,
                item.event.id,
                str(item.number),
            )
        )
    return Rows(("Due", "Status", "Action", "Owner", "Event", "Number"), rows)


def stale_rows(found: Sequence[Fact]) -> Rows:
    """`dossier stale`: each old fact, how old, what dates it, and the field that fixes it."""
    rows: list[tuple[str, ...]] = [
        (
            f.record,
            format_field_path(f.path) or "(record)",
            str(f.as_of) if f.as_of else "",
            "verified" if f.verified else "source" if f.published else "nothing",
            f.hint(),
        )
        for f in found
    ]
    return Rows(("Record", "Fact", "As of", "From", "Hint"), rows)
