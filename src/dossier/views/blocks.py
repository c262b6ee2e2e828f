"""Rich renderables for the terminal views. Nothing here prints; the CLI does.

Every piece of text that comes from the data is wrapped in `Text`, so square brackets in a
name are printed as written and never read as Rich markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text

from dossier.files import link_target
from dossier.i18n import Translator
from dossier.model.dossier import Dossier, OpenFollowUp, is_upcoming
from dossier.model.records import Event, Organisation, Person, Source
from dossier.model.values import LocalText
from dossier.phrases import date_span, names, person_name, place_of
from dossier.views.fitted import FittedTable

HEADING = "bold"
DIM = "dim"


@dataclass(frozen=True, slots=True)
class Viewer:
    """What every view is drawn with: the dossier, the reader's `Translator` (the same kind
    of object briefings are written with), and the date that counts as today."""

    dossier: Dossier
    t: Translator
    today: dt.date

    def label(self, record_id: str) -> str:
        """A record's name in the reader's language, or the id where no record has it."""
        return self.dossier.label(record_id, self.t.lang)


def heading(title: str, subtitle: str = "") -> Text:
    text = Text(title, style="bold underline")
    if subtitle:
        text.append(f"  {subtitle}", style=DIM)
    return text


def section(viewer: Viewer, title: str) -> Text:
    return Text(f"\n{viewer.t(title)}", style=HEADING)


def field_grid(viewer: Viewer, rows: Iterable[tuple[str, str | None]]) -> Table:
    """Label/value pairs, skipping the empty ones."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style=DIM, no_wrap=True)
    grid.add_column()
    for label, value in rows:
        if value:
            grid.add_row(Text(viewer.t(label)), Text(value))
    return grid


WHOLE_COLUMNS = frozenset(
    {"Id", "Record", "Date", "Due", "When", "Time", "Signed", "Expires", "As of", "Changed"}
    | {"Last contact", "Number", "Kind", "Status", "Country", "Native"}
)
"""Columns of ids, dates, numbers, codes and native names: their cells never break."""


def table(
    viewer: Viewer,
    columns: Sequence[str],
    rows: Iterable[Sequence[str | Text]],
    *,
    whole: Iterable[str] = (),
) -> FittedTable:
    """A simple table; cells that are plain strings are shown literally. Cells of the columns
    in `WHOLE_COLUMNS` or `whole` never wrap; prose wraps at spaces."""
    unbroken = WHOLE_COLUMNS | set(whole)
    return FittedTable(
        tuple(viewer.t(column) for column in columns),
        tuple(column in unbroken for column in columns),
        [tuple(cell if isinstance(cell, Text) else Text(cell) for cell in row) for row in rows],
    )


def bullets(items: Iterable[str]) -> Group:
    return Group(*(Text(f"• {item}") for item in items))


def events_table(
    viewer: Viewer, events: Sequence[Event], *, mark_upcoming: bool = True
) -> FittedTable:
    rows = []
    for event in events:
        date = Text(date_span(event.date, event.end))
        if mark_upcoming and is_upcoming(event, viewer.today):
            date.append(" " + viewer.t("upcoming"), style="bold yellow")
        rows.append((date, Text(viewer.t.text(event.title)), Text(place_of(event, viewer.t.lang))))
    return table(viewer, ("Date", "Event", "Where"), rows)


def follow_ups_table(viewer: Viewer, items: Sequence[OpenFollowUp]) -> FittedTable:
    rows = []
    for item in items:
        due = Text(str(item.follow_up.due) if item.follow_up.due else "—")
        if item.is_overdue(viewer.today):
            due = Text(viewer.t("overdue") + " ", style="bold red") + due
        owner = viewer.label(item.follow_up.owner) if item.follow_up.owner else ""
        rows.append(
            (
                due,
                Text(viewer.t.text(item.follow_up.action)),
                Text(owner),
                Text(str(item.event.date)),
                Text(str(item.number)),
            )
        )
    return table(viewer, ("Due", "Action", "Owner", "Event", "Number"), rows, whole=("Event",))


def sources_block(viewer: Viewer, source_ids: Sequence[str]) -> Group:
    lines = []
    for source_id in dict.fromkeys(source_ids):
        source = viewer.dossier.get(source_id)
        if isinstance(source, Source):
            lines.append(Text(f"[{source_id}] ", style=DIM) + Text(viewer.t.text(source.title)))
            if source.url:
                # A terminal link survives the folding of a long address over two lines.
                url = Text(f"    {source.url}", style=DIM, overflow="fold")
                url.stylize(Style(link=link_target(source.url)), 4)
                lines.append(url)
    return Group(*lines)


def notes_and_sources(
    viewer: Viewer, notes: LocalText | None, source_ids: list[str]
) -> list[RenderableType]:
    parts: list[RenderableType] = []
    if notes:
        parts += [section(viewer, "Notes"), Text(viewer.t.text(notes))]
    if source_ids:
        parts += [section(viewer, "Sources"), sources_block(viewer, source_ids)]
    return parts


def participants_table(viewer: Viewer, event: Event) -> FittedTable:
    rows = []
    for participant in event.participants():
        person = viewer.dossier.get(participant.person)
        name = (
            person_name(person, lang=viewer.t.lang)
            if isinstance(person, Person)
            else participant.person
        )
        native = person.native_name or "" if isinstance(person, Person) else ""
        on_behalf = viewer.label(participant.for_) if participant.for_ else ""
        rows.append((name, native, viewer.t.text(participant.role), on_behalf))
    return table(viewer, ("Person", "Native", "Role", "For"), rows)


def party_names(viewer: Viewer, ids: list[str]) -> str:
    return names(viewer.dossier, ids, viewer.t.lang)


def reach_rows(viewer: Viewer, record: Person | Organisation) -> list[tuple[str, str | None]]:
    """How to reach a person or an organisation: for `field_grid`."""
    phones = ""
    if record.phone:
        from dossier.model.reachable import international

        phones = ", ".join(international(p) for p in record.phone)
    return [
        ("E-mail", ", ".join(record.email)),
        ("Phone", phones),
        ("Postal address", viewer.t.text(record.postal_address) or None),
        ("Contact via", viewer.label(record.contact_via) if record.contact_via else None),
    ]
