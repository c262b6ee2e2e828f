"""Valid data at the edges (the first and last days a date can hold, titles far longer than
Word's properties allow, zones fourteen hours apart) goes through every command."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import Run

LONG = "Delegation " * 60

EXTREMES = {
    "home": "h",
    "clusters": [
        {
            "id": "h",
            "name": "Home",
            "city": "Honolulu",
            "timezone": "Pacific/Honolulu",
            "sources": ["s"],
        },
        {
            "id": "k",
            "name": LONG,
            "city": "Kiritimati",
            "timezone": "Pacific/Kiritimati",
            "sources": ["s"],
        },
    ],
    "events": [
        {
            "id": "last",
            "kind": "visit",
            "title": LONG,
            "date": "9999-12-31",
            "parties": ["h", "k"],
            "agenda": [
                {"time": "23:30", "end": "00:30", "title": "Late"},
                {"time": "23:59", "title": "Later"},
            ],
            "follow_ups": [{"action": LONG, "due": "9999-12-31"}],
            "sources": ["s"],
        },
        {
            "id": "first",
            "title": "First",
            "date": "1000-01-01",
            "parties": ["h", "k"],
            "sources": ["s"],
        },
    ],
    "agreements": [
        {
            "id": "a",
            "title": LONG,
            "status": "active",
            "parties": ["h", "k"],
            "expires": "1000",
            "sources": ["s"],
        }
    ],
    "sources": [
        {"id": "s", "title": LONG, "published": 1000, "url": "https://x.example/" + "p" * 2000}
    ],
}

COMMANDS = [
    ["validate"],
    ["show", "last"],
    ["show", "k"],
    ["show", "a"],
    ["list", "events"],
    ["timeline"],
    ["search", "delegation"],
    ["export", "--format", "json"],
    ["export", "--format", "yaml"],
    ["export", "--format", "csv", "--kind", "events"],
    ["export", "--format", "ics"],
    ["brief", "last", "-o", "last.docx"],
    ["brief", "k", "--format", "md", "-o", "-"],
]


@pytest.mark.parametrize("lang", ["en", "de", "ja"])
def test_data_at_the_edges_goes_through_every_command(run: Run, tmp_path: Path, lang: str) -> None:
    data = tmp_path / "edges.yaml"
    data.write_text(yaml.safe_dump(EXTREMES, allow_unicode=True), encoding="utf-8")
    for command in COMMANDS:
        args = (
            [*command, "--lang", lang] if command[0] in ("show", "timeline", "brief") else command
        )
        result = run(*args, data=data)
        assert "This is a bug" not in result.stderr, (command, result)
        assert result.exit_code in (0, 1), (command, result)
    assert (tmp_path / "last.docx").stat().st_size > 0
