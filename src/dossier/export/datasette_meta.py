"""Datasette's metadata for a database of the SQLite export: titles, column descriptions from
the schema's field docstrings, facets, sort orders, full-text tables and stored queries.

Datasette 0.65 reads all of it from one `metadata.json`; Datasette 1.0 splits it into
`metadata.yaml` (what the data is) and `datasette.yaml` (how tables are shown and queried).
Both are made from the same table declarations as the database itself.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from dossier.export.sqlite_columns import Column, Table
from dossier.export.sqlite_tables import TABLES
from dossier.export.to_sqlite import VIEWS
from dossier.model.strict import field_alias

LANGUAGE_NAMES = {"en": "English", "de": "German", "ja": "Japanese"}

QUERIES: dict[str, dict[str, str]] = {
    "due_before": {
        "title": "Open follow-ups due before a date",
        "sql": "select * from open_follow_ups where due_last_day < :date order by due_last_day",
    },
    "met_from": {
        "title": "Whom we met from an organisation or cluster (its id)",
        "sql": "select distinct e.date, e.id as event, e.title, p.id as person, p.name"
        " from participants pa join people p on p.id = pa.person"
        " join events e on e.id = pa.event"
        " where pa.on_behalf_of = :organisation"
        " or pa.person in (select person from roles where organisation = :organisation)"
        " order by e.date desc, p.name",
    },
    "search_long_texts": {
        "title": "Summaries, purposes, outcomes and scopes that contain a text (3+ characters)",
        "sql": " union all ".join(
            f"select '{t.name}' as kind, id, {t.label} as name from {t.name}"
            f" where rowid in (select rowid from {t.name}_text_fts"
            f" where {t.name}_text_fts match '\"' || replace(:text, '\"', '\"\"') || '\"')"
            for t in TABLES
            if t.long_texts
        ),
    },
}
"""Stored queries with parameters, offered on the database's page."""


class About(NamedTuple):
    """What the database is, for its page: a title and where the data comes from."""

    title: str
    description: str
    source: str | None = None
    source_url: str | None = None
    licence: str | None = None
    licence_url: str | None = None


def _descriptions(table: Table, schema: dict[str, Any]) -> dict[str, str]:
    definitions = schema.get("$defs", {})
    found = {}
    for column in table.columns:
        text = column.description or _field_description(column, table.model, definitions)
        if text:
            found[column.name] = text
    if table.search:
        found["search_ngrams"] = (
            "For the search box: every piece of the names written in Japanese, Chinese or"
            " Korean, so that a search for part of a name finds it."
        )
    if any(c.name == "last_contact" for c in table.columns):
        found["home_side"] = "Whether it is the dossier's home cluster or its manager."
    return found


def _field_description(column: Column, model: str, definitions: dict[str, Any]) -> str | None:
    if column.field is None:
        return None
    *parents, name = column.field.split(".")
    definition = definitions.get("Location" if parents else model, {})
    text = definition.get("properties", {}).get(field_alias(name), {}).get("description")
    if column.language:
        language = LANGUAGE_NAMES.get(column.language, column.language)
        return f"The {name} as the data writes it in {language} (empty for a text in no language)."
    return str(text) if text else None


def _shown(table: Table) -> dict[str, Any]:
    """How Datasette shows and searches a table (1.0: datasette.yaml)."""
    shown: dict[str, Any] = {"label_column": table.label}
    facets: list[Any] = [*table.facets, *({"array": name} for name in table.array_facets)]
    if facets:
        shown["facets"] = facets
    if table.sort:
        descending = table.sort.startswith("-")
        shown["sort_desc" if descending else "sort"] = table.sort.lstrip("-")
    if table.search:
        shown["fts_table"] = f"{table.name}_fts"
    return shown


def _about(about: About) -> dict[str, Any]:
    fields = {
        "title": about.title,
        "description": about.description,
        "source": about.source,
        "source_url": about.source_url,
        "license": about.licence,
        "license_url": about.licence_url,
    }
    return {key: value for key, value in fields.items() if value}


def metadata_065(database: str, about: About, schema: dict[str, Any]) -> dict[str, Any]:
    """Datasette 0.65's single `metadata.json`."""
    tables = {t.name: {**_shown(t), "columns": _descriptions(t, schema)} for t in TABLES}
    for view in VIEWS:
        tables[view] = {"description": view.replace("_", " ").capitalize() + "."}
    queries = dict(QUERIES)
    return {**_about(about), "databases": {database: {"tables": tables, "queries": queries}}}


def metadata_10(database: str, about: About, schema: dict[str, Any]) -> dict[str, Any]:
    """Datasette 1.0's `metadata.yaml`: what the data is and what its columns hold."""
    tables = {t.name: {"columns": _descriptions(t, schema)} for t in TABLES}
    return {**_about(about), "databases": {database: {"tables": tables}}}


def config_10(database: str) -> dict[str, Any]:
    """Datasette 1.0's `datasette.yaml`: facets, sorts, labels, search and stored queries."""
    tables = {t.name: _shown(t) for t in TABLES}
    return {"databases": {database: {"tables": tables, "queries": dict(QUERIES)}}}
