"""`dossier export --format sqlite`: a database per audience, read back with sqlite3 and served
by Datasette itself (its search box, its labels, its stored queries)."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from dossier.datafile.load import load
from dossier.export.to_sqlite import Build, export_sqlite
from dossier.model.audience import for_audience
from dossier.model.dossier import Dossier
from dossier.model.vocabulary import Audience
from tests.conftest import SAMPLE, TODAY, Run
from tests.history.repo import Repo, needs_git
from tests.strategies import dossiers

STAMP = dt.datetime(2026, 11, 25, tzinfo=dt.UTC)
TABLES = {
    "records",
    "sources",
    "people",
    "agreements",
    "events",
    "organisations",
    "clusters",
    "roles",
    "agreement_parties",
    "participants",
    "agenda_items",
    "follow_ups",
    "figures",
    "citations",
    "_build",
}


def _database(tmp_path: Path, dossier: Dossier, audience: Audience = Audience.INTERNAL) -> Path:
    path = tmp_path / f"{audience.value}.db"
    readable = for_audience(dossier, audience, today=TODAY)
    path.write_bytes(export_sqlite(readable, Build(audience, "en", STAMP)))
    return path


def _rows(path: Path, sql: str, *parameters: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql, parameters).fetchall()


def _tables(path: Path) -> set[str]:
    rows = _rows(
        path, "select name from sqlite_master where type = 'table' and sql not like '%VIRTUAL%'"
    )
    return {name for (name,) in rows if "_fts" not in name}


def _serve(path: Path, metadata: dict[str, Any], url: str, **params: str) -> Any:
    from datasette.app import Datasette

    async def get() -> Any:
        datasette = Datasette([str(path)], metadata=metadata)
        response = await datasette.client.get(url, params={**params, "_shape": "array"})
        assert response.status_code == 200, response.text
        return response.json()

    return asyncio.run(get())


def test_every_table_has_an_id_key_and_indexed_foreign_keys(tmp_path: Path) -> None:
    path = _database(tmp_path, load([SAMPLE], TODAY).dossier)
    assert _tables(path) == TABLES
    for table in TABLES - {"_build"}:
        keys = [row[1] for row in _rows(path, f"pragma table_info([{table}])") if row[5]]
        assert keys == ["id"], table
        indexed = {
            _rows(path, f"pragma index_info([{index}])")[0][2]
            for (_seq, index, *_rest) in _rows(path, f"pragma index_list([{table}])")
        }
        for _id, _seq, _target, column, *_rest in _rows(
            path, f"pragma foreign_key_list([{table}])"
        ):
            assert column in indexed, (table, column)
    assert _rows(path, "pragma foreign_key_check") == []
    assert len(_rows(path, "pragma foreign_key_list(roles)")) == 2


def test_the_sample_reads_back_with_its_names_in_each_language(tmp_path: Path) -> None:
    path = _database(tmp_path, load([SAMPLE], TODAY).dossier)
    assert _rows(
        path, "select name, name_ja, native_name from organisations where id = 'kawasaki-city'"
    ) == [("City of Kawasaki", "川崎市", "川崎市")]
    focus = _rows(path, "select focus, focus_ja from clusters where id = 'kawasaki'")[0]
    assert json.loads(focus[0])[:2] == ["regenerative medicine", "nanomedicine"]
    assert json.loads(focus[1])[:2] == ["再生医療", "ナノ医療"]
    assert _rows(path, "select audience, language, git_commit from _build") == [
        ("internal", "en", None)
    ]
    signed = _rows(
        path,
        "select party, signatory, signed from agreement_parties"
        " where agreement = 'biom-kawasaki-mou-2017' order by number",
    )
    assert ("biom", "horst-domdey", "2017-11-10") in signed


def test_datasettes_search_box_finds_japanese_names_by_any_part(tmp_path: Path) -> None:
    path = _database(tmp_path, load([SAMPLE], TODAY).dossier)
    from dossier.datafile.schema import build_schema
    from dossier.export.datasette_meta import About, metadata_065

    metadata = metadata_065(path.stem, About("t", "d"), build_schema())
    url = f"/{path.stem}/{{}}.json"
    for table, query, expected in [
        ("organisations", "川崎", "kawasaki-city"),
        ("people", "福田", "norihiko-fukuda"),
        ("clusters", "ナノ医療", "kawasaki"),
        ("clusters", "Kawasaki", "kawasaki"),
        ("clusters", "Nanomedizin", "kawasaki"),
    ]:
        found = _serve(path, metadata, url.format(table), _search=query)
        assert expected in [row["id"] for row in found], (table, query)
    # Labels for foreign keys, and a stored query with a parameter.
    roles = _serve(path, metadata, url.format("roles"), _labels="on", person="norihiko-fukuda")
    assert roles[0]["person"] == {"value": "norihiko-fukuda", "label": "Norihiko Fukuda"}
    # Facets on a JSON array column, as the metadata offers them.
    from datasette.app import Datasette

    async def facets() -> Any:
        datasette = Datasette([str(path)], metadata=metadata)
        response = await datasette.client.get(url.format("agreements"))
        return response.json()["facet_results"]

    parties = asyncio.run(facets())["parties"]
    assert parties["type"] == "array"
    counts = {row["value"]: row["count"] for row in parties["results"]}
    sample = load([SAMPLE], TODAY).dossier
    assert counts["kawasaki-city"] == sum("kawasaki-city" in a.parties for a in sample.agreements)
    long = _serve(path, metadata, url.format("search_long_texts"), text="羽田空港")
    assert {"kind": "clusters", "id": "kawasaki", "name": "King Skyfront"} in long


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(dossiers())
def test_any_dossier_is_in_the_database_row_for_row(tmp_path: Path, dossier: Dossier) -> None:
    path = _database(tmp_path, dossier)
    assert {row[0] for row in _rows(path, "select id from records")} == {
        record.id for record in dossier.records()
    }
    for person in dossier.people:
        assert _rows(path, "select count(*) from roles where person = ?", person.id) == [
            (len(person.roles),)
        ]
    for event in dossier.events:
        assert _rows(path, "select count(*) from agenda_items where event = ?", event.id) == [
            (len(event.agenda),)
        ]
        for number, follow_up in enumerate(event.follow_ups, start=1):
            action = follow_up.action
            expected = action.get("ja") if isinstance(action, dict) else None
            assert _rows(
                path,
                "select action_ja from follow_ups where event = ? and number = ?",
                event.id,
                number,
            ) == [(expected,)]
    assert _rows(path, "pragma foreign_key_check") == []


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(dossiers())
def test_any_two_characters_of_a_japanese_name_find_it(tmp_path: Path, dossier: Dossier) -> None:
    from dossier.export.sqlite_search import UNSPACED_RUN

    path = _database(tmp_path, dossier)
    for person in dossier.people:
        for run in UNSPACED_RUN.findall(f"{person.name} {person.native_name or ''}"):
            piece = run[:2].replace('"', '""')
            found = _rows(
                path,
                "select id from people where rowid in"
                " (select rowid from people_fts where people_fts match ?)",
                f'"{piece}"',
            )
            assert (person.id,) in found, (run, piece)


MARKED = """\
home: home
clusters:
  - id: home
    name: Home
  - id: there
    name: There
    location: {lat: 35.5, lon: 139.7}
organisations:
  - id: secret-office
    name: Secret office
    audience: internal
  - id: partner-office
    name: Partner office
    audience: partner
    email: [office@example.org]
    contact_audience: partner
    notes: {en: internal note}
agreements:
  - id: old
    title: Old agreement
    parties: [home, there]
    status: active
    expires: EXPIRES
events:
  - id: met
    title: Met long ago
    date: 2019-05-01
    parties: [home, there]
    follow_ups:
      - {action: Send the list, due: 2019-06}
      - {action: Sent, done: true}
"""


def _marked(write: Callable[..., Path]) -> Path:
    expires = (dt.date.today() + dt.timedelta(days=100)).isoformat()
    return write(MARKED.replace("EXPIRES", expires))


def test_each_audience_gets_its_own_database_with_only_what_it_may_read(
    run: Run, write: Callable[..., Path], tmp_path: Path
) -> None:
    data = _marked(write)
    ids = {}
    for audience in Audience:
        result = run(
            "export", "-o", f"{audience.value}.db", "--audience", audience.value, data=data
        )
        assert result.exit_code == 0, result
        path = tmp_path / f"{audience.value}.db"
        ids[audience] = {row[0] for row in _rows(path, "select id from records")}
        dumped = "\n".join(sqlite3.connect(path).iterdump())
        if audience is not Audience.INTERNAL:
            assert "internal note" not in dumped
            assert "Secret office" not in dumped and "secret-office" not in dumped
        if audience is Audience.PUBLIC:
            assert "office@example.org" not in dumped and "partner-office" not in dumped
    assert "secret-office" in ids[Audience.INTERNAL]
    assert ids[Audience.PARTNER] == ids[Audience.INTERNAL] - {"secret-office"}
    assert ids[Audience.PUBLIC] == ids[Audience.PARTNER] - {"partner-office"}


def test_the_views_answer_the_questions_people_ask(
    run: Run, write: Callable[..., Path], tmp_path: Path
) -> None:
    assert run("export", "-o", "d.db", data=_marked(write)).exit_code == 0
    path = tmp_path / "d.db"
    assert _rows(path, "select id, action, due_last_day from open_follow_ups") == [
        ("met#1", "Send the list", "2019-06-30")
    ]
    assert [row[0] for row in _rows(path, "select id from agreements_expiring_within_a_year")] == [
        "old"
    ]
    assert _rows(path, "select id, last_contact from partners_not_contacted_for_two_years") == [
        ("there", "2019-05-01")
    ]
    assert _rows(path, "select kind, id, latitude, longitude from venues") == [
        ("cluster", "there", 35.5, 139.7)
    ]


def test_datasette_config_in_both_layouts(
    run: Run, write: Callable[..., Path], tmp_path: Path
) -> None:
    result = run(
        "export",
        "-o",
        "partners.db",
        "--audience",
        "partner",
        "--datasette-config",
        "meta",
        "--licence",
        "CC BY 4.0",
        data=_marked(write),
    )
    assert result.exit_code == 0, result
    assert result.stderr.splitlines()[-3:] == [
        "dossier: wrote meta/metadata.json",
        "dossier: wrote meta/metadata.yaml",
        "dossier: wrote meta/datasette.yaml",
    ]
    single = json.loads((tmp_path / "meta" / "metadata.json").read_text("utf-8"))
    assert single["title"] == "Home: dossier (partner)"
    assert single["license"] == "CC BY 4.0"
    people = single["databases"]["partners"]["tables"]["people"]
    assert people["columns"]["native_name"] == "Native script, family name first."
    assert people["columns"]["name_ja"] == (
        "The name as the data writes it in Japanese (empty for a text in no language)."
    )
    assert single["source"] == "data.yaml"  # the file's name, not where it lies
    assert people["fts_table"] == "people_fts"
    split = yaml.safe_load((tmp_path / "meta" / "metadata.yaml").read_text("utf-8"))
    config = yaml.safe_load((tmp_path / "meta" / "datasette.yaml").read_text("utf-8"))
    assert split["databases"]["partners"]["tables"]["people"]["columns"] == people["columns"]
    assert "facets" not in split["databases"]["partners"]["tables"]["agreements"]
    shown = config["databases"]["partners"]["tables"]["agreements"]
    assert shown["facets"] == ["kind", "status", {"array": "parties"}]
    assert set(config["databases"]["partners"]["queries"]) == {
        "due_before",
        "met_from",
        "search_long_texts",
    }
    found = _serve(tmp_path / "partners.db", single, "/partners/due_before.json", date="2020-01-01")
    assert [row["id"] for row in found] == ["met#1"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "sqlite"), "--format sqlite writes a database file: name it with -o"),
        (("-o", "-", "--format", "sqlite"), "--format sqlite writes a database file"),
        (("-o", "d.db", "--kind", "people"), "--format sqlite exports the whole dossier"),
        (("--datasette-config", "meta"), "--datasette-config, --licence and --source-url go with"),
        (("-o", "d.db", "--licence", "MIT"), "--licence and --source-url go into Datasette's"),
    ],
)
def test_what_a_database_cannot_do_is_refused_before_anything_is_read(
    run: Run, args: tuple[str, ...], message: str, tmp_path: Path
) -> None:
    result = run("export", *args, data=tmp_path / "missing.yaml")
    assert result.exit_code == 2, result
    assert result.stderr.startswith(f"dossier: {message}"), result
    assert not (tmp_path / "meta").exists()


def test_an_existing_database_is_kept_without_force(run: Run, tmp_path: Path) -> None:
    (tmp_path / "d.db").write_bytes(b"mine")
    result = run("export", "-o", "d.db")
    assert result.exit_code == 2
    assert "d.db: already exists; use --force to overwrite it" in result.stderr
    assert (tmp_path / "d.db").read_bytes() == b"mine"
    assert run("export", "-o", "d.db", "--force").exit_code == 0
    assert _rows(tmp_path / "d.db", "select count(*) from clusters") == [(2,)]


@needs_git
def test_the_build_table_names_the_commit_only_when_the_data_is_as_committed(
    run: Run, tmp_path: Path
) -> None:
    repo = Repo(tmp_path / "repo")
    commit = repo.commit("Start", {"data/clusters.yaml": "clusters:\n  - {id: a, name: A}\n"})
    data = repo.root / "data" / "clusters.yaml"
    assert run("export", "-o", "clean.db", data=data).exit_code == 0
    assert _rows(tmp_path / "clean.db", "select git_commit from _build") == [(commit,)]
    data.write_text("clusters:\n  - {id: b, name: B}\n", encoding="utf-8")
    assert run("export", "-o", "dirty.db", data=data).exit_code == 0
    assert _rows(tmp_path / "dirty.db", "select git_commit from _build") == [(None,)]


def test_a_huge_unspaced_text_does_not_fill_the_memory() -> None:
    from dossier.export.sqlite_search import MOST_PIECES, ngrams

    runs = " ".join(chr(0x4E00 + n % 20000) * 64 for n in range(2_000))
    pieces = ngrams([runs])
    assert pieces is not None
    assert MOST_PIECES <= len(pieces.split(" ")) <= MOST_PIECES + 64
