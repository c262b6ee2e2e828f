"""Which field each column of a spreadsheet fills, and what kind of value that field holds.

A header that names a field (as the CSV export writes it, in any case and with spaces or
hyphens for `_`) is that field. A header that names none may be a spreadsheet's own word
for one ("Surname", "E-mail"), and for people "Organisation" and "Position" (or "Title",
"Role") make a role. `--map COLUMN=FIELD` overrides both; `--map COLUMN=` reads nothing.
A header word never shadows a field: "title" is an event's title, "address" a person's
form of address.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dossier.errors import UsageError
from dossier.files import printable
from dossier.model.lookup import normalize
from dossier.model.records import SECTIONS, field_alias

ROLE_TITLE = "role.title"
ROLE_ORGANISATION = "role.organisation"
"""Columns that become a role of a person, not a field of their own."""

HEADERS = {
    "full name": "name",
    "name in japanese": "native_name",
    "name in native script": "native_name",
    "kanji": "native_name",
    "furigana": "reading",
    "kana": "reading",
    "yomi": "reading",
    "phonetic name": "reading",
    "surname": "family_name",
    "last name": "family_name",
    "family": "family_name",
    "first name": "given_name",
    "forename": "given_name",
    "salutation": "honorific",
    "academic title": "honorific",
    "e mail": "email",
    "e mail address": "email",
    "email address": "email",
    "mail": "email",
    "telephone": "phone",
    "tel": "phone",
    "mobile": "phone",
    "phone number": "phone",
    "address": "postal_address",
    "web": "website",
    "url": "website",
    "comments": "notes",
    "comment": "notes",
    "remarks": "notes",
    "start": "date",
    "location": "place",
}
"""Spreadsheet headers (as `normalize` folds them) and the fields they mean, where the
section has that field and no field of that name."""
ROLE_HEADERS = {
    "organisation": ROLE_ORGANISATION,
    "organization": ROLE_ORGANISATION,
    "company": ROLE_ORGANISATION,
    "institution": ROLE_ORGANISATION,
    "affiliation": ROLE_ORGANISATION,
    "employer": ROLE_ORGANISATION,
    "position": ROLE_TITLE,
    "title": ROLE_TITLE,
    "job title": ROLE_TITLE,
    "role": ROLE_TITLE,
    "function": ROLE_TITLE,
}
"""People's spreadsheet headers that make a role (people have no field of these names)."""


class Kind(enum.Enum):
    """How a field's cell is merged into the stored value."""

    TEXT = "text"  # a text, or a text by language
    ITEMS = "items"  # a list of texts, ids or addresses: the cell's items are added
    ENTRIES = "entries"  # a list of entries (roles, follow-ups): compared, never parsed
    VALUE = "value"  # a date, an id, a word from a vocabulary


@dataclass(frozen=True)
class Columns:
    section: str
    targets: list[str | None]
    """The field (or role part) each column fills; None: not read."""
    header: list[str]
    skipped: frozenset[int] = frozenset()
    """Columns `--map COLUMN=` reads as nothing, on purpose."""

    def unread(self) -> list[str]:
        """Headers of the columns nothing reads, unasked."""
        return [
            printable(header, one_line=True)
            for index, (header, target) in enumerate(zip(self.header, self.targets, strict=True))
            if target is None and header and index not in self.skipped
        ]


def field_kinds(section: str) -> dict[str, Kind]:
    """Every field of a section (as the data names it) and how a cell merges into it."""
    model = SECTIONS[section]
    hints = typing.get_type_hints(model)
    return {field_alias(f.name): _kind(hints[f.name]) for f in dataclasses.fields(model)}


def _kind(hint: Any) -> Kind:
    if typing.get_origin(hint) is list:
        (item,) = typing.get_args(hint)
        return Kind.ENTRIES if _holds_entry(item) else Kind.ITEMS
    if typing.get_origin(hint) in (types.UnionType, typing.Union):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if any(typing.get_origin(a) is dict for a in args):  # a text by language
            return Kind.TEXT
        if any(typing.get_origin(a) is list for a in args):
            return Kind.ITEMS  # a country code or a list of them
    return Kind.VALUE


def _holds_entry(hint: Any) -> bool:
    """A list of entries only: one that also takes plain items (an event's people, ids or
    entries) takes the cell's items."""
    union = typing.get_origin(hint) in (types.UnionType, typing.Union)
    options = typing.get_args(hint) if union else (hint,)
    return all(isinstance(o, type) and dataclasses.is_dataclass(o) for o in options)


def _folded(header: str) -> str:
    return normalize(header).replace("-", " ")


def read_columns(header: Sequence[str], section: str, mapping: dict[str, str]) -> Columns:
    """The target of each column; `UsageError` for a `--map` to no field, for two columns
    that would fill one field, and for a table nothing can be matched by."""
    kinds = field_kinds(section)
    fields = {_folded(name): name for name in kinds}
    roles = section == "people"
    allowed = set(kinds) | ({ROLE_TITLE, ROLE_ORGANISATION} if roles else set())
    mapped = {_folded(k): v for k, v in mapping.items()}
    targets: list[str | None] = []
    skipped = set()
    for index, title in enumerate(header):
        folded = _folded(title)
        if title in mapping or folded in mapped:
            chosen = mapping.get(title, mapped.get(folded)) or None
            if chosen is None:
                skipped.add(index)
            if chosen is not None and chosen not in allowed:
                raise UsageError(f"--map {title}={chosen}: '{chosen}' is not a field of {section}")
        else:
            alias = HEADERS.get(folded)
            chosen = fields.get(folded) or (alias if alias in kinds else None)
            if chosen is None and roles:
                chosen = ROLE_HEADERS.get(folded)
        targets.append(chosen)
    _refuse_doubles(header, targets)
    if not {"id", "name", "title", "given_name", "family_name"} & set(targets):
        raise UsageError("no column holds an id or a name: rows cannot be matched (use --map)")
    return Columns(section, targets, list(header), frozenset(skipped))


def _refuse_doubles(header: Sequence[str], targets: list[str | None]) -> None:
    seen: dict[str, int] = {}
    for index, target in enumerate(targets):
        if target is None:
            continue
        if target in seen:
            first = seen[target]
            raise UsageError(
                f"columns {first + 1} ({printable(header[first], one_line=True)}) and"
                f" {index + 1} ({printable(header[index], one_line=True)}) both hold {target};"
                f' read one as another field, or as nothing: --map "{header[index]}="'
            )
        seen[target] = index
