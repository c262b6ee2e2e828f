"""SQLite export: the dossier as a database for Datasette (and any SQLite client), one per
audience, built in memory with sqlite-utils and written in one piece.

Every table has an `id` primary key and declared, indexed foreign keys; `_build` says what it
was made from. The views answer the questions colleagues ask without a terminal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from dossier.export.sqlite_columns import Context, Table
from dossier.export.sqlite_search import WORD_TOKENIZER, ngrams
from dossier.export.sqlite_tables import TABLES
from dossier.model.contact import last_contacts
from dossier.model.dossier import Dossier
from dossier.model.languages import LANGUAGES
from dossier.model.values import FORMAT_VERSION
from dossier.model.vocabulary import IN_FORCE, Audience

if TYPE_CHECKING:
    import sqlite_utils


class Build(NamedTuple):
    """What a database was made from, for its `_build` table."""

    audience: Audience
    lang: str
    stamp: dt.datetime
    commit: str | None = None
    """The commit of the data (None outside a repository, or with uncommitted changes)."""


def _in(values: Iterable[str]) -> str:
    return ", ".join(f"'{value}'" for value in sorted(values))


VIEWS: dict[str, str] = {
    "open_follow_ups": """
        select f.id, f.action, f.owner, o.name as owner_name, f.due, f.due_last_day,
            f.event, e.title as event_title, e.date as event_date
        from follow_ups f join events e on e.id = f.event left join records o on o.id = f.owner
        where not f.done
        order by f.due_last_day is null, f.due_last_day, f.event, f.number""",
    "agreements_expiring_within_a_year": f"""
        select id, title, status, parties, signed, expires, expires_last_day
        from agreements
        where status in ({_in(IN_FORCE)})
            and expires_last_day between date('now') and date('now', '+1 year')
        order by expires_last_day""",
    "partners_not_contacted_for_two_years": """
        select id, 'cluster' as kind, name, last_contact, last_contact_event from clusters
        where not home_side and last_contact < date('now', '-2 years')
        union all
        select id, 'organisation', name, last_contact, last_contact_event from organisations
        where not home_side and last_contact < date('now', '-2 years')
        order by last_contact""",
    "venues": """
        select 'cluster' as kind, id, name, null as event, null as date,
            latitude, longitude, location_approximate
        from clusters where latitude is not null
        union all
        select 'organisation', id, name, null, null, latitude, longitude, location_approximate
        from organisations where latitude is not null
        union all
        select 'event', id, coalesce(venue, place, title), id, date,
            latitude, longitude, location_approximate
        from events where latitude is not null
        union all
        select 'agenda item', a.id, coalesce(a.place, a.title), a.event,
            coalesce(a.date, e.date), a.latitude, a.longitude, a.location_approximate
        from agenda_items a join events e on e.id = a.event where a.latitude is not null""",
}
"""Views by name: what they answer is in their name; `date('now')` is the day they are read."""


def export_sqlite(dossier: Dossier, build: Build) -> bytes:
    """The database of `dossier` (already the audience's) as the bytes of a SQLite file."""
    import sqlite_utils

    database = sqlite_utils.Database(memory=True)
    today = build.stamp.date()
    partners = [record.id for record in (*dossier.clusters, *dossier.organisations)]
    context = Context(dossier, build.lang, today, last_contacts(dossier, partners, today))
    home = dossier.side(dossier.home) if dossier.home else set()
    for table in TABLES:
        _create(database, table, context, home)
    for name, sql in VIEWS.items():
        database.create_view(name, sql.strip())
    database.table("_build").insert(_build_row(build), pk="audience")
    data: bytes = database.conn.serialize()
    database.close()
    return data


def _create(
    database: sqlite_utils.Database, table: Table, context: Context, home: set[str]
) -> None:
    columns: dict[str, Any] = {column.name: column.kind for column in table.columns}
    partner = "last_contact" in columns
    if partner:
        columns["home_side"] = bool
    searched = in_every_language(table.search, columns)
    if searched:
        columns["search_ngrams"] = str
    keys = [(c.name, c.references, "id") for c in table.columns if c.references]
    created = database.table(table.name)
    created.create(columns, pk=table.key, foreign_keys=keys, not_null={table.key})
    rows = []
    for row in table.rows(context):
        if partner:
            row["home_side"] = row["id"] in home
        if searched:
            row["search_ngrams"] = ngrams(str(row[name] or "") for name in searched)
        rows.append(tuple(row[name] for name in columns))
    # Plain executemany: every value is already text, a number or None, and sqlite-utils'
    # insert_all would look at each of them again (two thirds of the export's time).
    names = ", ".join(f"[{name}]" for name in columns)
    marks = ", ".join("?" for _ in columns)
    database.conn.executemany(f"insert into [{table.name}] ({names}) values ({marks})", rows)
    for name, _table, _key in keys:
        created.create_index([name])
    if searched:
        created.enable_fts([*searched, "search_ngrams"], tokenize=WORD_TOKENIZER)
    if table.long_texts:
        _trigram_index(database, table.name, in_every_language(table.long_texts, columns))


def in_every_language(names: Iterable[str], columns: Iterable[str]) -> list[str]:
    """The columns of `names` and of their texts in each language (`title`, `title_ja`)."""
    known = set(columns)
    return [
        name
        for base in names
        for name in (base, *(f"{base}_{language}" for language in LANGUAGES))
        if name in known
    ]


def _trigram_index(database: sqlite_utils.Database, table: str, texts: list[str]) -> None:
    """`<table>_text_fts`: the long texts by any three characters or more, in every script."""
    fts = f"{table}_text_fts"
    columns = ", ".join(f"[{name}]" for name in texts)
    database.execute(
        f"create virtual table [{fts}] using fts5({columns}, tokenize='trigram', content=[{table}])"
    )
    database.execute(f"insert into [{fts}]([{fts}]) values('rebuild')")


def _build_row(build: Build) -> dict[str, Any]:
    from dossier import __version__

    return {
        "audience": build.audience.value,
        "language": build.lang,
        "built": build.stamp.isoformat(),
        "git_commit": build.commit,
        "dossier_version": __version__,
        "format_version": FORMAT_VERSION,
    }
