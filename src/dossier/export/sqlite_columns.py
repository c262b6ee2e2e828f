"""How a table of the SQLite export is declared: its columns, each with the value it takes from
an item, the data field it comes from (for Datasette's column descriptions) and the table a
reference points to.

A declaration is the one description of a table: the database's `CREATE TABLE`, its foreign
keys and indexes, its rows and Datasette's metadata are all read from it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from dossier.model.dossier import Dossier
from dossier.model.entries import Location
from dossier.model.languages import LANGUAGES
from dossier.model.records import Event
from dossier.model.values import LocalText, PartialDate, text_in


class Context(NamedTuple):
    """What every value is made with: the reader's dossier, their language and the day."""

    dossier: Dossier
    lang: str
    today: dt.date
    """The day of the export, for what is current."""
    last_contacts: dict[str, Event]
    """The last contact of every cluster and organisation that has one."""


Getter = Callable[[Any, Context], Any]


@dataclass(frozen=True)
class Column:
    name: str
    kind: type
    """str, int, float or bool: the column's SQLite type."""
    value: Getter
    field: str | None = None
    """The field of the data it shows (its description comes from the schema)."""
    description: str | None = None
    """For a column no field of the data describes (a count, a helper column)."""
    references: str | None = None
    """The table whose `id` it names: a foreign key, indexed."""
    language: str | None = None
    """The language of a text column made for one language (`title_de`)."""


@dataclass(frozen=True)
class Table:
    name: str
    model: str
    """The name of the schema's definition its fields come from (Person, Role…)."""
    items: Callable[[Dossier], Iterable[Any]]
    columns: Sequence[Column]
    label: str
    """The column Datasette shows where another table names a row of this one."""
    facets: tuple[str, ...] = ()
    array_facets: tuple[str, ...] = ()
    """JSON array columns offered as facets (Datasette cannot facet a join table)."""
    sort: str | None = None
    """Datasette's default sort, descending when it starts with `-`."""
    search: tuple[str, ...] = ()
    """Short texts searched word by word, with `search_ngrams` for unspaced scripts."""
    long_texts: tuple[str, ...] = ()
    """Long texts searched by any three characters or more (FTS5 trigram)."""
    key: str = "id"

    def rows(self, context: Context) -> Iterable[dict[str, Any]]:
        for item in self.items(context.dossier):
            yield {column.name: column.value(item, context) for column in self.columns}


class Entry(NamedTuple):
    """An entry of a record's list (a role, a follow-up), with its record and its number
    in the list (from 1, as `dossier done EVENT N` counts)."""

    record: Any
    number: int
    item: Any


def entries(records: Iterable[Any], name: str) -> Iterator[Entry]:
    for record in records:
        for number, item in enumerate(getattr(record, name), start=1):
            yield Entry(record, number, item)


class Fields:
    """The columns of one table, added field by field: fields of each item, or with
    `inside`, of each `Entry`'s item."""

    def __init__(self, *, inside: bool = False) -> None:
        self.columns: list[Column] = []
        self._inside = inside

    def _of(self, item: Any) -> Any:
        return item.item if self._inside else item

    def plain(self, name: str, kind: type = str, source: str | None = None, **extra: Any) -> Fields:
        """A value of the field `source` (default: the column's name), as written."""
        attribute = source or name
        getter = extra.pop("value", None) or (
            lambda item, _c: _scalar(getattr(self._of(item), attribute))
        )
        self.columns.append(
            Column(name, kind, getter, field=extra.pop("field", attribute), **extra)
        )
        return self

    def text(self, name: str, source: str | None = None) -> Fields:
        """A text field: in the reader's language (`title`), and as written in each language
        the dossier is written in (`title_en`, `title_de`, `title_ja`)."""
        attribute = source or name

        def display(item: Any, context: Context) -> str | None:
            return text_in(getattr(self._of(item), attribute), context.lang) or None

        def written_in(language: str) -> Getter:
            def value(item: Any, _c: Context) -> str | None:
                text: LocalText | None = getattr(self._of(item), attribute)
                return text.get(language) if isinstance(text, dict) else None

            return value

        self.columns.append(Column(name, str, display, field=attribute))
        for language in LANGUAGES:
            self.columns.append(
                Column(
                    f"{name}_{language}",
                    str,
                    written_in(language),
                    field=attribute,
                    language=language,
                )
            )
        return self

    def texts(self, name: str) -> Fields:
        """A list of texts, as JSON arrays: in the reader's language (`focus`), and of the
        items written in each language the dossier is written in (`focus_ja`)."""

        def listed(item: Any, context: Context) -> str | None:
            values = getattr(self._of(item), name)
            return json_list(text_in(value, context.lang) for value in values)

        def written_in(language: str) -> Getter:
            def value(item: Any, _c: Context) -> str | None:
                values = getattr(self._of(item), name)
                return json_list(v.get(language) for v in values if isinstance(v, dict))

            return value

        self.columns.append(Column(name, str, listed, field=name))
        for language in LANGUAGES:
            column = Column(f"{name}_{language}", str, written_in(language), field=name)
            self.columns.append(dataclasses.replace(column, language=language))
        return self

    def strings(self, name: str, **extra: Any) -> Fields:
        """A list of plain strings or ids, as a JSON array."""

        def listed(item: Any, _c: Context) -> str | None:
            return json_list(getattr(self._of(item), name))

        self.columns.append(Column(name, str, listed, field=name, **extra))
        return self

    def point(self) -> Fields:
        """`latitude`, `longitude` and whether the point is approximate (as map plugins
        look for them)."""

        def part(attribute: str) -> Getter:
            def value(item: Any, _c: Context) -> Any:
                location: Location | None = self._of(item).location
                return None if location is None else getattr(location, attribute)

            return value

        for name, attribute, kind in (
            ("latitude", "lat", float),
            ("longitude", "lon", float),
            ("location_approximate", "approximate", bool),
        ):
            self.columns.append(Column(name, kind, part(attribute), field=f"location.{attribute}"))
        return self

    def derived(self, name: str, kind: type, value: Getter, description: str) -> Fields:
        """A column no field holds as such: made from the item by `value`."""
        self.columns.append(Column(name, kind, value, description=description))
        return self

    def with_reference(self, name: str, table: str) -> Fields:
        """The column `name` names a row of `table` by its id (a foreign key)."""
        self.columns = [
            dataclasses.replace(c, references=table) if c.name == name else c for c in self.columns
        ]
        return self


def _scalar(value: Any) -> Any:
    """A value as SQLite holds it: dates as their ISO text (`2017-11`), lists as JSON."""
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, list | tuple):
        return json_list(value)
    if hasattr(value, "value") and isinstance(value.value, str):
        return value.value  # an enum member
    return value


def json_list(values: Iterable[Any]) -> str | None:
    """A JSON array of `values` (None when there are none), native scripts as written."""
    listed = [value for value in values if value is not None]
    return json.dumps(listed, ensure_ascii=False) if listed else None


def last_day(date: PartialDate | None) -> str | None:
    """The last day a partial date stands for (`2017-11` → `2017-11-30`), which SQL can
    compare with `date('now')`."""
    return None if date is None else date.end().isoformat()
