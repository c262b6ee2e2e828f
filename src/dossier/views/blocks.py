"""Rich renderables for the terminal views. Nothing here prints; the CLI does.

Every piece of text that comes from the data is wrapped in `Text`, so square brackets in a
name are printed as written and never read as Rich markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from dossier.i18n import ENGLISH, Translator
from dossier.model.dossier import Dossier, OpenFollowUp, is_upcoming
from dossier.model.records import Event, Person, Source
from dossier.model.values import LocalText
from dossier.phrases import date_span, names, person_name, place_of

HEADING = "bold"
DIM = "dim"

# The language views are drawn in: set around a rendering with `translated`, read by the
# building blocks below so that every fixed label goes through the catalogue.
_TRANSLATOR: ContextVar[Translator] = ContextVar("translator", default=ENGLISH)


@contextmanager
def translated(translator: Translator) -> Iterator[None]:
    token = _TRANSLATOR.set(translator)
    try:
        yield
    finally:
        _TRANSLATOR.reset(token)


def current_lang() -> str:
    return _TRANSLATOR.get().lang


def label(dossier: Dossier, record_id: str) -> str:
    """A record's name in the current language."""
    return dossier.label(record_id, current_lang())


def _t(msgid: str, **values: str) -> str:
    """A fixed label in the current language."""
    return _TRANSLATOR.get()(msgid, **values)


def heading(title: str, subtitle: str = "") -> Text:
    text = Text(title, style="bold underline")
    if subtitle:
        text.append(f"  {subtitle}", style=DIM)
    return text


def section(title: str) -> Text:
    return Text(f"\n{_t(title)}", style=HEADING)


def field_grid(rows: Iterable[tuple[str, str | None]]) -> Table:
    """Label/value pairs, skipping the empty ones."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style=DIM, no_wrap=True)
    grid.add_column()
    for label, value in rows:
        if value:
            grid.add_row(Text(_t(label)), Text(value))
    return grid


def table(columns: Sequence[str], rows: Iterable[Sequence[str | Text]]) -> Table:
    """A simple table; cells that are plain strings are shown literally."""
    result = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    for column in columns:
        result.add_column(_t(column), overflow="fold")
    for row in rows:
        result.add_row(*(cell if isinstance(cell, Text) else Text(cell) for cell in row))
    return result


def bullets(items: Iterable[str]) -> Group:
    return Group(*(Text(f"• {item}") for item in items))


def local(value: LocalText | None) -> str:
    """Free text in the current language (or its fallback)."""
    return _TRANSLATOR.get().text(value)


def events_table(
    dossier: Dossier, events: Sequence[Event], today: dt.date, *, mark_upcoming: bool = True
) -> Table:
    rows = []
    for event in events:
        date = Text(date_span(event.date, event.end))
        if mark_upcoming and is_upcoming(event, today):
            date.append(" " + _t("upcoming"), style="bold yellow")
        rows.append((date, Text(local(event.title)), Text(place_of(event))))
    return table(("Date", "Event", "Where"), rows)


def follow_ups_table(dossier: Dossier, items: Sequence[OpenFollowUp], today: dt.date) -> Table:
    rows = []
    for item in items:
        due = Text(str(item.follow_up.due) if item.follow_up.due else "—")
        if item.is_overdue(today):
            due = Text(_t("overdue") + " ", style="bold red") + due
        owner = label(dossier, item.follow_up.owner) if item.follow_up.owner else ""
        rows.append(
            (due, Text(local(item.follow_up.action)), Text(owner), Text(str(item.event.date)))
        )
    return table(("Due", "Action", "Owner", "Event"), rows)


def sources_block(dossier: Dossier, source_ids: Sequence[str]) -> Group:
    lines = []
    for source_id in dict.fromkeys(source_ids):
        source = dossier.get(source_id)
        if isinstance(source, Source):
            lines.append(Text(f"[{source_id}] ", style=DIM) + Text(local(source.title)))
            if source.url:
                # A terminal link survives the folding of a long address over two lines.
                url = Text(f"    {source.url}", style=DIM, overflow="fold")
                url.stylize(f"link {source.url}", 4)
                lines.append(url)
    return Group(*lines)


def notes_and_sources(
    dossier: Dossier, notes: LocalText | None, source_ids: list[str]
) -> list[RenderableType]:
    parts: list[RenderableType] = []
    if notes:
        parts += [section("Notes"), Text(local(notes))]
    if source_ids:
        parts += [section("Sources"), sources_block(dossier, source_ids)]
    return parts


def participants_table(dossier: Dossier, event: Event) -> Table:
    rows = []
    for participant in event.participants():
        person = dossier.get(participant.person)
        name = person_name(person) if isinstance(person, Person) else participant.person
        native = person.native_name or "" if isinstance(person, Person) else ""
        on_behalf = label(dossier, participant.for_) if participant.for_ else ""
        rows.append((name, native, participant.role or "", on_behalf))
    return table(("Person", "Native", "Role", "For"), rows)


def party_names(dossier: Dossier, ids: list[str]) -> str:
    return names(dossier, ids, current_lang())
