"""The dossier as one audience may read it: what it may not read is gone, not hidden.

Every output written for partners or the public (a briefing in any format, an export) is made
from `for_audience(dossier, reader)`, so no path of any writer can print what the data marks
internal: a role line, a source title, an event, a follow-up, an agenda note, a document
property. What is left out takes its traces with it: references to a record the reader may
not see are removed, so that not even its id is printed.

Records, entries (roles, participants, follow-ups, agenda items, figures, former names) and
free-text fields say who may read them; `notes` are internal unless marked otherwise, being
research and provenance notes; everything else is public unless marked.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from dossier.errors import FieldPath
from dossier.model.dossier import Dossier, is_upcoming
from dossier.model.records import AnyRecord, Event
from dossier.model.references import references
from dossier.model.strict import Strict
from dossier.model.values import AUDIENCE_KEY
from dossier.model.vocabulary import Audience

READS: dict[Audience, frozenset[Audience]] = {
    Audience.INTERNAL: frozenset(Audience),
    Audience.PARTNER: frozenset({Audience.PARTNER, Audience.PUBLIC}),
    Audience.PUBLIC: frozenset({Audience.PUBLIC}),
}
"""What each reader may read: its own audience and every wider one."""

INTERNAL_BY_DEFAULT = frozenset({"notes"})
"""Fields that are internal unless marked otherwise."""

_GONE: Any = object()


def may_read(reader: Audience, marked: Audience | str | None) -> bool:
    """Whether `reader` may read what is marked for `marked` (None: unmarked, public)."""
    return (Audience.PUBLIC if marked is None else Audience(marked)) in READS[reader]


def text_audience(value: Any, field_name: str) -> Audience:
    """Who may read a free-text value: its own mark, else its field's default."""
    if isinstance(value, dict) and AUDIENCE_KEY in value:
        return Audience(value[AUDIENCE_KEY])
    return Audience.INTERNAL if field_name in INTERNAL_BY_DEFAULT else Audience.PUBLIC


def for_audience(dossier: Dossier, reader: Audience, *, today: dt.date) -> Dossier:
    """The dossier with only what `reader` may read (the dossier itself for internal). For
    the public, events still to come (on or after `today`) also lose their venue, its
    location and every agenda item not marked public: their dates and city remain."""
    if reader is Audience.INTERNAL:
        return dossier
    kept = [r for r in (_redacted(record, reader) for record in dossier.records()) if r]
    if reader is Audience.PUBLIC:
        kept = [_announced(r, today) if isinstance(r, Event) else r for r in kept]
    ids = {record.id for record in kept}
    cleaned = [_without_references(record, ids) for record in kept]
    home = dossier.home if dossier.home in ids else None
    return Dossier.build(
        cleaned,
        home=home,
        version=dossier.version,
        lang=dossier.lang,
        expiry_notice=dossier.expiry_notice,
    )


def _announced(event: Event, today: dt.date) -> Event:
    """A future event as the public may know it: when and in which city, and only the
    agenda items the data marks public."""
    if not is_upcoming(event, today):
        return event
    agenda = [item for item in event.agenda if item.audience is Audience.PUBLIC]
    if event.venue is None and event.location is None and len(agenda) == len(event.agenda):
        return event
    return dataclasses.replace(event, venue=None, location=None, agenda=agenda)


CONTACT_FIELDS = ("email", "phone", "postal_address", "contact_via")
"""How to reach a person or an organisation: shown only to `contact_audience` and wider."""


def _redacted(item: Any, reader: Audience) -> Any:
    """A record or entry without what `reader` may not read; None if it may not read it, or
    may not read a field it cannot do without."""
    if not may_read(reader, item.audience):
        return None
    audience = getattr(item, "contact_audience", None)
    if audience is not None and not may_read(reader, audience):
        empty: dict[str, Any] = {
            name: [] if name in ("email", "phone") else None for name in CONTACT_FIELDS
        }
        item = dataclasses.replace(item, **empty)
    changes: dict[str, Any] = {}
    for name, spec in item.__dataclass_fields__.items():
        value = getattr(item, name)
        kept = _kept(value, reader, name)
        if kept is _GONE:
            if spec.default is None:
                changes[name] = None
            elif spec.default_factory is list:
                changes[name] = []
            else:
                return None  # a required field the reader may not read: all of it is withheld
        elif kept is not value:
            changes[name] = kept
    return dataclasses.replace(item, **changes) if changes else item


def _kept(value: Any, reader: Audience, name: str) -> Any:
    if isinstance(value, Strict):
        redacted = _redacted(value, reader)
        return _GONE if redacted is None else redacted
    if isinstance(value, list):
        items = [_kept(v, reader, name) for v in value]
        kept = [v for v in items if v is not _GONE]
        unchanged = len(kept) == len(value) and all(
            a is b for a, b in zip(kept, value, strict=True)
        )
        return value if unchanged else kept
    if isinstance(value, dict | str) and not may_read(reader, text_audience(value, name)):
        return _GONE
    return value


def _without_references(record: AnyRecord, ids: set[str]) -> AnyRecord:
    """The record without references to records that were withheld."""
    gone = [ref.path for ref in references(record) if ref.target not in ids]
    # From the last to the first, so that removing a list item leaves the other paths right.
    for path in sorted(gone, key=_path_order, reverse=True):
        record = _remove(record, path)
    return record


def _path_order(path: FieldPath) -> tuple[tuple[int, Any], ...]:
    return tuple((0, p) if isinstance(p, int) else (1, p) for p in path)


def _remove(item: Any, path: FieldPath) -> Any:
    """`item` without the value at `path`: a list item taken out, an optional field emptied; an
    entry that cannot do without it (a participant without a person) is taken out itself."""
    head, rest = path[0], path[1:]
    if isinstance(item, list):
        assert isinstance(head, int)
        child = _remove(item[head], rest) if rest else _GONE
        return [*item[:head], *([] if child is _GONE else [child]), *item[head + 1 :]]
    assert isinstance(head, str)
    if rest:
        child = _remove(getattr(item, head), rest)
        if child is _GONE:
            return _GONE
        return dataclasses.replace(item, **{head: child})
    if item.__dataclass_fields__[head].default is None:
        return dataclasses.replace(item, **{head: None})
    return _GONE
