"""What a view says of the relationship with a counterpart: the last and next contact, what
the coming year holds, and what is owed."""

from __future__ import annotations

from rich.console import RenderableType

from dossier.model.contact import Ahead, ahead, contacts
from dossier.model.follow_ups import owed_by
from dossier.model.records import Event
from dossier.phrases import date_span
from dossier.views.blocks import Viewer, bullets, field_grid, follow_ups_table, section


def contact_parts(viewer: Viewer, record_id: str) -> list[RenderableType]:
    """When the home side last met this record and meets it next; what is coming up."""
    last, upcoming = contacts(viewer.dossier, record_id, viewer.today)
    parts: list[RenderableType] = []

    def when(event: Event) -> str:
        return f"{date_span(event.date, event.end)}  {viewer.t.text(event.title)}"

    rows = [
        ("Last contact", when(last) if last else None),
        ("Next contact", when(upcoming) if upcoming else None),
    ]
    if last or upcoming:
        parts += [section(viewer, "Contact"), field_grid(viewer, rows)]
    coming = ahead(viewer.dossier, record_id, viewer.today)
    if coming:
        parts += [
            section(viewer, "In the coming year"),
            bullets(_ahead_line(viewer, a) for a in coming),
        ]
    return parts


def _ahead_line(viewer: Viewer, coming: Ahead) -> str:
    title = viewer.t.text(coming.agreement.title)
    if not coming.years:
        return viewer.t("{date}: {agreement} expires", date=str(coming.day), agreement=title)
    return viewer.t(
        "{date}: {years} years since {agreement} was signed",
        date=str(coming.day),
        years=str(coming.years),
        agreement=title,
    )


def owed_parts(viewer: Viewer, owner_ids: set[str]) -> list[RenderableType]:
    """What a person or an organisation owes, across every event."""
    owed = owed_by(viewer.dossier, owner_ids, viewer.today)
    return [section(viewer, "Owes"), follow_ups_table(viewer, owed)] if owed else []
