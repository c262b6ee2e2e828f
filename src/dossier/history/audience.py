"""A version of the data as one audience may read it, for a diff meant for other readers.

A diff posted on a pull request (which may be public) must not show what the data keeps from
its readers: internal notes, contact details, internal records and entries. The rule is the
one every briefing and export follows (`model.audience.for_audience`), applied to each
version: its records are read as the model reads them, redacted, and compared as plain data.
A record that does not validate in a version cannot be redacted by that rule, so it is left
out of that audience's diff and counted, never shown raw.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dossier.datafile.validation import validate
from dossier.export.plain import record_data
from dossier.history.snapshot import RecordKey, RecordVersion, Snapshot
from dossier.model.audience import for_audience
from dossier.model.dossier import Dossier
from dossier.model.records import SECTIONS, AnyRecord
from dossier.model.vocabulary import Audience

_SECTION_OF = {model: section for section, model in SECTIONS.items()}


@dataclass
class ReadersView:
    """What the audience reads of a version, and which of its records could not be judged."""

    snapshot: Snapshot
    unjudged: list[RecordKey] = field(default_factory=list)


def as_read_by(snapshot: Snapshot, reader: Audience, today: dt.date) -> ReadersView:
    """`snapshot` with only what `reader` may read (`snapshot` itself for internal)."""
    if reader is Audience.INTERNAL:
        return ReadersView(snapshot)
    records: list[AnyRecord] = []
    unjudged = []
    for key, version in snapshot.records.items():
        try:
            records.append(validate(SECTIONS[key[0]], version.data))
        except ValueError:  # Pydantic's ValidationError is one
            unjudged.append(key)
    readable = for_audience(Dossier.build(records), reader, today=today)
    view = Snapshot(
        snapshot.label,
        unreadable=snapshot.unreadable,
        problems=snapshot.problems,
        single_file=snapshot.single_file,
    )
    for record in readable.records():
        key = (_SECTION_OF[type(record)], record.id)
        written = snapshot.records[key]
        view.records[key] = RecordVersion(
            key, record_data(record, compact=True), written.file, written.line, written.end_line
        )
    return ReadersView(view, unjudged)
