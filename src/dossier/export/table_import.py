"""Rows of a spreadsheet or a CSV file → records added to the dossier or merged into it.

An import is a merge. A row finds its record by id, else by name or native name (the
lookup's one normalisation), else it adds one, with an id made from its name as `dossier
add` makes ids. Into a record it finds, a row changes only what its cells say: an empty
cell leaves the stored value alone (unless `clear_empty`), a list cell adds the items the
list does not have (the export's separator, "; "), a text or a value that differs is
replaced (a text in another language than the stored one is added beside it). A row that
fits several records is reported, never guessed. Importing the dossier's own CSV export,
or the same file twice, changes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from dossier.export.csv_text import csv_unguarded
from dossier.export.plain import reading_order
from dossier.export.table_columns import ROLE_ORGANISATION, ROLE_TITLE, Columns, Kind, field_kinds
from dossier.export.table_read import Row, Table
from dossier.export.to_csv import cell
from dossier.files import printable
from dossier.model.dossier import Dossier
from dossier.model.ids import new_record_id
from dossier.model.lookup import names_of, normalize, titles_of
from dossier.model.records import AnyRecord, Cluster, Organisation, Person
from dossier.model.values import all_texts, text_in

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters a cell may not bring in (a line break or a tab it may)."""
SEPARATOR = ";"
"""Items of a list in one cell, as the export writes them ("; ")."""


@dataclass
class Change:
    """One field of a record as the row changes it."""

    field: str
    how: str
    """`set` (a text or value replaced), `add` (items added to a list), `clear`, or `role`."""
    old: str
    new: str
    value: Any
    """What is written: the new value, the items to add, or the role."""
    column: int


@dataclass
class RowPlan:
    """What one row does: add a record, change one, nothing, or why not."""

    row: int
    record_id: str
    action: str
    """`add`, `change`, `same`, `ambiguous`, `not found` or `problem`."""
    changes: list[Change] = field(default_factory=list)
    record: dict[str, Any] | None = None
    """The new record, for `add`."""
    notes: list[str] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)
    """The column each field of the record came from, to report its problems there."""


@dataclass(frozen=True)
class Options:
    today: dt.date
    """What a current role is."""
    lang: str = "en"
    """The language of the file's texts."""
    clear_empty: bool = False
    """An empty cell clears the stored value."""


class Matcher:
    """Records of one section by id, alias and folded name; records the rows add join it."""

    def __init__(self, dossier: Dossier, section: str) -> None:
        self.ids = {r.id: r.id for r in getattr(dossier, section)}
        self.taken = set(dossier.by_id)
        self.by_name: dict[str, dict[str, None]] = {}
        for record in getattr(dossier, section):
            for alias in getattr(record, "aliases", []):
                self.ids.setdefault(alias, record.id)
            self._index(record.id, _names(record))

    def _index(self, record_id: str, names: Iterator[str]) -> None:
        for name in names:
            key = normalize(name)
            if key:
                self.by_name.setdefault(key, {})[record_id] = None

    def match(self, record_id: str, names: list[str]) -> list[str]:
        if record_id:
            found = self.ids.get(record_id)
            return [found] if found else []
        ids: dict[str, None] = {}
        for name in names:
            ids.update(self.by_name.get(normalize(name), {}))
        return list(ids)

    def added(self, record_id: str, names: list[str]) -> None:
        self.ids[record_id] = record_id
        self.taken.add(record_id)
        self._index(record_id, iter(names))


def _names(record: AnyRecord) -> Iterator[str]:
    """What a row may name a record by: its names, native name and aliases (a family name
    alone is too little), or an event's, agreement's or source's titles."""
    if isinstance(record, Person):
        skip = {record.id, record.family_name}
        yield from (n for n in names_of(record) if n not in skip)
    else:
        yield from (n for n in names_of(record) if n != record.id)
    yield from titles_of(record)


class Planner:
    """The plan of every row of a table, against the dossier as it is and as earlier rows
    leave it (a person in two rows is added once)."""

    def __init__(self, dossier: Dossier, columns: Columns, options: Options) -> None:
        self.dossier = dossier
        self.columns = columns
        self.options = options
        self.section = columns.section
        self.kinds = field_kinds(self.section)
        self.matcher = Matcher(dossier, self.section)
        self.actors = _actor_index(dossier)
        self.base_lang = dossier.lang or "en"
        self.pending: dict[str, dict[str, Any]] = {}
        """Values the plan has changed so far, by record id (new records whole)."""
        self.new_ids: set[str] = set()

    def plan(self, table: Table) -> list[RowPlan]:
        return [p for p in (self.plan_row(row) for row in table.rows) if p is not None]

    def plan_row(self, row: Row) -> RowPlan | None:
        width = len(self.columns.targets)
        extra = [c for c in row.cells[width:] if c.strip()]
        if extra:
            note = f"{len(row.cells)} cells, the header has {width} columns"
            return RowPlan(row.number, "", "problem", notes=[note])
        cells = self._cells(row)
        if not any(text for text, _ in cells.values()):
            return None
        controls = [
            f"column {printable(self.columns.header[column], one_line=True)}: control character"
            f" U+{ord(control.group()):04X}; no document can hold it: remove it"
            for text, column in cells.values()
            if (control := _CONTROL.search(text)) is not None
        ]
        if controls:
            return RowPlan(row.number, "", "problem", notes=controls)
        record_id = cells.get("id", ("", 0))[0]
        found = self.matcher.match(record_id, self._row_names(cells))
        if self.section == "events" and len(found) > 1 and cells.get("date", ("", 0))[0]:
            found = [i for i in found if cell(self._value(i, "date"), "en") == cells["date"][0]]
        if len(found) > 1:
            return RowPlan(row.number, record_id, "ambiguous", notes=[f"fits {', '.join(found)}"])
        if not found:
            return self._add(row.number, record_id, cells)
        return self._merge(row.number, found[0], cells)

    def _cells(self, row: Row) -> dict[str, tuple[str, int]]:
        """Each read column's text (without the export's formula guard), by target."""
        cells = {}
        for index, target in enumerate(self.columns.targets):
            if target is not None:
                text = row.cells[index].strip() if index < len(row.cells) else ""
                cells[target] = (csv_unguarded(text).strip(), index)
        return cells

    def _row_names(self, cells: dict[str, tuple[str, int]]) -> list[str]:
        names = [cells[k][0] for k in ("name", "native_name", "title") if k in cells]
        given, family = cells.get("given_name", ("", 0))[0], cells.get("family_name", ("", 0))[0]
        if given and family:
            names += [f"{given} {family}", f"{family} {given}"]
        return [n for n in names if n]

    # A record the row adds -------------------------------------------------------------

    def _add(self, number: int, record_id: str, cells: dict[str, tuple[str, int]]) -> RowPlan:
        record: dict[str, Any] = {}
        plan = RowPlan(number, record_id, "add")
        for name, (text, column) in cells.items():
            if text and name not in (ROLE_TITLE, ROLE_ORGANISATION):
                record[name] = self._new_value(name, text)
                plan.columns[name] = column
        if self.section == "people" and "name" not in record and self._row_names(cells):
            given, family = record.get("given_name"), record.get("family_name")
            record["name"] = " ".join(p for p in (given, family) if p)
        made = record_id or new_record_id(self.section, record)
        if record_id and record_id in self.matcher.taken:
            plan.action = "problem"
            kind = self.dossier.kind(record_id) or "record"
            plan.notes.append(f"the id {record_id} is a {kind}'s: import it with --kind {kind}")
            return plan
        if not made:
            plan.action = "not found"
            plan.notes.append("its name has no Latin letter to make an id from: add an id column")
            return plan
        if not record_id and made in self.matcher.taken:
            plan.action = "not found"
            plan.notes.append(f"the id it would get, {made}, is taken: add an id column")
            return plan
        role = self._role(None, cells, plan)
        if role is not None:
            record["roles"] = [role]
            plan.columns["roles"] = cells[ROLE_TITLE][1]
        order = reading_order(dict.fromkeys(self.kinds))  # the fields as the data format has them
        record = {"id": made, **{k: record[k] for k in order if k in record and k != "id"}}
        plan.record_id, plan.record = made, record
        self.matcher.added(made, self._row_names(cells))
        self.pending[made] = record
        self.new_ids.add(made)
        return plan

    def _new_value(self, name: str, text: str) -> Any:
        kind = self.kinds[name]
        if kind is Kind.ITEMS:
            return _items(text)
        return self._text(None, text) if kind is Kind.TEXT else text

    # A record the row finds ------------------------------------------------------------

    def _merge(self, number: int, record_id: str, cells: dict[str, tuple[str, int]]) -> RowPlan:
        plan = RowPlan(number, record_id, "same")
        for name, (text, column) in cells.items():
            if name in ("id", ROLE_TITLE, ROLE_ORGANISATION):
                continue
            change = self._field_change(record_id, name, text, column, plan)
            if change is not None:
                plan.changes.append(change)
                plan.columns[name] = column
        role = self._role(record_id, cells, plan)
        if role is not None:
            shown = text_in(role["title"]) + (
                f" ({role['organisation']})" if "organisation" in role else ""
            )
            column = cells[ROLE_TITLE][1]
            plan.changes.append(Change("roles", "role", "", shown, role, column))
            plan.columns["roles"] = column
        for change in plan.changes:
            self._remember(record_id, change)
        if plan.changes:
            plan.action = "change"
        return plan

    def _value(self, record_id: str, name: str) -> Any:
        pending = self.pending.get(record_id, {})
        if name in pending:
            return pending[name]
        record = self.dossier.get(record_id)
        return getattr(record, name if name != "for" else "for_", None) if record else None

    def _field_change(
        self, record_id: str, name: str, text: str, column: int, plan: RowPlan
    ) -> Change | None:
        current = self._value(record_id, name)
        shown = cell(current, self.options.lang)
        if not text:
            if self.options.clear_empty and current not in (None, [], ""):
                return Change(name, "clear", shown, "", None, column)
            return None
        if text == shown.strip():
            return None
        kind = self.kinds[name]
        if kind is Kind.ENTRIES:
            plan.notes.append(f"{name} differs: change it with dossier add or dossier set")
            return None
        if kind is Kind.ITEMS:
            have = {normalize(t) for t in _items(shown)} | {normalize(t) for t in _texts(current)}
            added = [i for i in _items(text) if normalize(i) not in have]
            if not added:
                return None
            value = added if isinstance(current, list) or current is None else [current, *added]
            how = "add" if isinstance(current, list) or current is None else "set"
            return Change(name, how, shown, "; ".join(added), value, column)
        if kind is Kind.TEXT:
            return Change(name, "set", shown, text, self._text(current, text), column)
        return Change(name, "set", shown, text, text, column)

    def _text(self, current: Any, text: str) -> Any:
        """A text in the file's language: in place of the stored one in that language,
        beside a stored one in another (a plain text is in the dossier's language)."""
        lang = self.options.lang
        if isinstance(current, dict):
            return {**current, lang: text}
        if lang == self.base_lang:
            return text
        return {lang: text} if current is None else {self.base_lang: current, lang: text}

    def _remember(self, record_id: str, change: Change) -> None:
        """The change, seen by later rows; made in the record itself if this import adds it."""
        pending = self.pending.setdefault(record_id, {})
        current = self._value(record_id, change.field)
        if change.how == "set":
            pending[change.field] = change.value
        elif change.how == "clear":
            if record_id in self.new_ids:
                pending.pop(change.field, None)
            else:
                pending[change.field] = None
        elif change.how == "add":
            pending[change.field] = [*(current or []), *change.value]
        else:
            pending["roles"] = [*(current or []), change.value]

    # Roles from Organisation and Position columns --------------------------------------

    def _role(
        self, record_id: str | None, cells: dict[str, tuple[str, int]], plan: RowPlan
    ) -> dict[str, Any] | None:
        title = cells.get(ROLE_TITLE, ("", 0))[0]
        where = cells.get(ROLE_ORGANISATION, ("", 0))[0]
        if not title and not where:
            return None
        organisation = self._organisation(where, plan) if where else None
        if where and organisation is None:
            return None
        roles = (self._value(record_id, "roles") if record_id else None) or []
        for role in roles:
            titles = all_texts(role["title"] if isinstance(role, dict) else role.title)
            at = role.get("organisation") if isinstance(role, dict) else role.organisation
            current = isinstance(role, dict) or role.is_current(self.options.today)
            same_title = not title or normalize(title) in map(normalize, titles)
            if current and same_title and (organisation is None or at == organisation):
                return None
        if not title:
            plan.notes.append("an organisation without a position makes no role")
            return None
        role_title: Any = self._text(None, title)
        return {"title": role_title, **({"organisation": organisation} if organisation else {})}

    def _organisation(self, text: str, plan: RowPlan) -> str | None:
        found = self.actors.get(text) or self.actors.get(normalize(text), {})
        if len(found) == 1:
            return next(iter(found))
        if found:
            plan.notes.append(f"no role: organisation '{text}' fits {', '.join(found)}")
        else:
            plan.notes.append(f"no role: organisation '{text}' is not in the dossier yet")
        return None


def _actor_index(dossier: Dossier) -> dict[str, dict[str, None]]:
    """Organisations and clusters (where a role is held) by id and by folded name."""
    index: dict[str, dict[str, None]] = {}
    for record in dossier.records():
        if isinstance(record, Organisation | Cluster):
            index.setdefault(record.id, {})[record.id] = None
            for name in names_of(record):
                index.setdefault(normalize(name), {})[record.id] = None
    return index


def _items(text: str) -> list[str]:
    return [part.strip() for part in text.split(SEPARATOR) if part.strip()]


def _texts(value: Any) -> list[str]:
    if isinstance(value, list):
        return [t for item in value for t in ([item] if isinstance(item, str) else _texts(item))]
    if isinstance(value, dict):
        return all_texts(value)
    return [value] if isinstance(value, str) else []


def plan_import(
    dossier: Dossier, columns: Columns, table: Table, options: Options
) -> list[RowPlan]:
    """What each row would do, in order; nothing is changed."""
    return Planner(dossier, columns, options).plan(table)
