"""What a briefing for others leaves to us: our lateness (partners and public), and the times
and places of people's appointments still to come (the public, unless an item is marked
public)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dossier.datafile.yaml_core import dump_yaml
from tests.conftest import TODAY, Run

FUTURE = "2027-04-14"
PAST = "2025-04-14"


def _visit(event_id: str, date: str) -> dict[str, Any]:
    return {
        "id": event_id,
        "kind": "visit",
        "title": f"Visit {event_id}",
        "date": date,
        "place": "Kawasaki",
        "venue": f"Hall {event_id}",
        "timezone": "Asia/Tokyo",
        "parties": ["home", "them"],
        "people": ["mayor"],
        "agenda": [
            {"time": "09:30", "title": f"Welcome {event_id}", "place": f"Room {event_id}"},
            {"time": "14:15", "title": f"Press {event_id}", "audience": "public"},
        ],
        "follow_ups": [{"action": "Send the list", "owner": "home", "due": "2026-10-31"}],
    }


DATA = {
    "version": 1,
    "home": "home",
    "clusters": [
        {"id": "home", "name": "Home", "city": "Munich", "timezone": "Europe/Berlin"},
        {"id": "there", "name": "There", "managed_by": "them"},
    ],
    "organisations": [{"id": "them", "name": "Them", "kind": "municipality"}],
    "people": [{"id": "mayor", "name": "Maya Mayor"}],
    "events": [_visit("past", PAST), _visit("coming", FUTURE)],
}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "d.yaml"
    path.write_text(dump_yaml(DATA), encoding="utf-8")
    return path


def _brief(run: Run, data: Path, ref: str, audience: str, lang: str = "en") -> str:
    result = run(
        "brief",
        ref,
        "--audience",
        audience,
        "--lang",
        lang,
        "--format",
        "md",
        "-o",
        "-",
        data=data,
    )
    assert result.exit_code == 0, result
    return result.stdout


@pytest.mark.parametrize("audience", ["partner", "public"])
@pytest.mark.parametrize(
    ("lang", "word"), [("en", "overdue"), ("de", "überfällig"), ("ja", "期限超過")]
)
def test_a_copy_for_others_does_not_call_a_follow_up_overdue(
    run: Run, data: Path, audience: str, lang: str, word: str
) -> None:
    assert word in _brief(run, data, "coming", "internal", lang)
    shared = _brief(run, data, "coming", audience, lang)
    assert word not in shared
    assert "Send the list" in _brief(run, data, "coming", audience)


def test_the_public_reads_when_and_where_of_a_coming_visit_but_not_its_times(
    run: Run, data: Path
) -> None:
    public = _brief(run, data, "coming", "public")
    for withheld in ("09:30", "Welcome coming", "Room coming", "Hall coming"):
        assert withheld not in public
    assert "14 April 2027" in public and "Kawasaki" in public
    assert "14:15" in public and "Press coming" in public  # marked public by the data
    partner = _brief(run, data, "coming", "partner")
    for shown in ("09:30", "Welcome coming", "Room coming", "Hall coming"):
        assert shown in partner


def test_the_public_reads_the_programme_of_a_past_visit(run: Run, data: Path) -> None:
    public = _brief(run, data, "past", "public")
    for shown in ("09:30", "Welcome past", "Room past", "Hall past"):
        assert shown in public


def test_public_exports_hold_no_time_of_a_coming_appointment(run: Run, data: Path) -> None:
    for fmt in ("ics", "json", "yaml"):
        result = run("export", "--format", fmt, "--audience", "public", data=data)
        assert result.exit_code == 0, result
        assert "Welcome coming" not in result.stdout and "Hall coming" not in result.stdout
        assert "Welcome past" in result.stdout
        assert "Press coming" in result.stdout
    exported = json.loads(run("export", "--audience", "public", data=data).stdout)
    coming = next(e for e in exported["events"] if e["id"] == "coming")
    assert [item["title"] for item in coming["agenda"]] == ["Press coming"]


def test_what_is_coming_is_decided_by_today(run: Run, data: Path) -> None:
    later = {"DOSSIER_TODAY": "2027-05-01"}
    result = run("export", "--audience", "public", data=data, env=later)
    coming = next(e for e in json.loads(result.stdout)["events"] if e["id"] == "coming")
    assert len(coming["agenda"]) == 2
    assert TODAY.isoformat() < FUTURE
