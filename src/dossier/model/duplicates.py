"""Records that are likely the same person or organisation, kept twice under two ids.

Two records of 福田紀彦 (`norihiko-fukuda` and `fukuda-norihiko`) split a person's history in
two. They are told by what stays the same however the record was typed: the native name
(spaces and character width aside), the Latin name in either order (case and accents aside),
an e-mail address. Names are compared as `lookup.normalize` folds them, the very rule by
which `show` finds a record.
"""

from __future__ import annotations

from collections.abc import Iterator

from dossier.errors import Finding, Severity
from dossier.model.dossier import Dossier
from dossier.model.lookup import normalize
from dossier.model.records import Organisation, Person
from dossier.model.values import all_texts
from dossier.model.warning_kinds import WarningKind


def _keys(record: Person | Organisation) -> Iterator[tuple[str, str, str]]:
    """(what, key, as shown) for each thing that would give a duplicate away."""
    if record.native_name:
        yield "native name", normalize(record.native_name).replace(" ", ""), record.native_name
    for name in all_texts(record.name):
        words = sorted(normalize(name).split())
        if words:
            yield "name", " ".join(words), name
    for address in record.email:
        yield "e-mail address", address.casefold(), address


def check_duplicates(dossier: Dossier) -> Iterator[Finding]:
    """A warning on each record that looks like an earlier one of the same kind, naming it."""
    for records in (dossier.people, dossier.organisations):
        first: dict[tuple[str, str], Person | Organisation] = {}
        reported: set[tuple[str, str]] = set()
        for record in records:
            for what, key, shown in _keys(record):
                earlier = first.setdefault((what, key), record)
                pair = (earlier.id, record.id)
                if earlier is record or pair in reported:
                    continue
                reported.add(pair)
                kind = "person" if isinstance(record, Person) else "organisation"
                yield Finding(
                    record.id,
                    (),
                    f"likely the same {kind} as '{earlier.id}' ({{where}}): the same {what},"
                    f" {shown}",
                    f"dossier merge {earlier.id} {record.id} folds the second into the first"
                    " (its id stays an alias), or tell the two apart",
                    Severity.WARNING,
                    WarningKind.POSSIBLE_DUPLICATE,
                    related=earlier.id,
                )
