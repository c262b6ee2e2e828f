"""Hostile text in every field reaches every output only as text: JSON and the calendar
parse back to the same words, CSV too (formulas neutralized), Word holds no link or field we
did not write, and the terminal shows markup as written, with no escape sequence of its own."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import icalendar
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.datafile.yaml_core import dump_yaml
from tests.briefing.test_hostile_text import HOSTILE
from tests.conftest import Run

MARKUP = ["[bold red]x[/]", "[link=file:///etc/passwd]y[/link]", ":warning:", "\\[x]"]
PIECES = st.sampled_from(HOSTILE + MARKUP) | st.text(
    st.characters(exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")), max_size=5
)
TEXT = st.lists(PIECES, min_size=1, max_size=3).map("".join).filter(lambda t: t.strip() == t and t)


def _write(tmp_path: Path, text: str) -> Path:
    data = {
        "home": "home",
        "clusters": [
            {"id": "home", "name": "Home", "sources": ["s"]},
            {
                "id": "there",
                "name": text,
                "summary": text,
                "sources": ["s"],
                "timezone": "Asia/Tokyo",
            },
        ],
        "events": [
            {
                "id": "trip",
                "kind": "visit",
                "title": text,
                "date": "2027-03-26",
                "parties": ["home", "there"],
                "summary": text,
                "agenda": [{"time": "09:30", "title": text}],
                "sources": ["s"],
            }
        ],
        "sources": [{"id": "s", "title": text, "url": "https://x.example/a b"}],
    }
    path = tmp_path / "hostile.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    return path


def _neutralized(text: str) -> str:
    """The CSV cell a spreadsheet cannot run: guarded with `'` when it starts as a formula
    (a phone number or a signed number is not one)."""
    number = text[:1] in ("+", "-") and set(text[1:]) <= set("0123456789 ().-/")
    runs = text[:1] in ("=", "@", "\t", "\r") or (text[:1] in ("+", "-") and not number)
    return "'" + text if runs else text


SETTINGS = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(text=TEXT)
def test_json_csv_and_calendar_give_back_the_same_text(run: Run, tmp_path: Path, text: str) -> None:
    data = _write(tmp_path, text)
    exported: Any = json.loads(run("export", "--format", "json", data=data).stdout)
    assert exported["events"][0]["title"] == text
    assert exported["clusters"][1]["summary"] == text
    rows = list(
        csv.DictReader(
            io.StringIO(run("export", "--format", "csv", "--kind", "clusters", data=data).stdout)
        )
    )
    assert rows[1]["name"] == _neutralized(text)
    calendar = icalendar.Calendar.from_ical(run("export", "--format", "ics", data=data).stdout)
    summaries = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert text in summaries and f"{text} ({text})" in summaries


@SETTINGS
@given(text=TEXT)
def test_word_holds_no_link_or_field_we_did_not_write(run: Run, tmp_path: Path, text: str) -> None:
    data = _write(tmp_path, text)
    assert run("brief", "trip", "-o", "b.docx", "--force", data=data).exit_code == 0
    with zipfile.ZipFile(tmp_path / "b.docx") as document:
        body = document.read("word/document.xml").decode("utf-8")
        rels = document.read("word/_rels/document.xml.rels").decode("utf-8")
        headers = "".join(
            document.read(n).decode("utf-8")
            for n in document.namelist()
            if "header" in n or "footer" in n
        )
    assert body.count("<w:hyperlink") == 1
    assert re.findall(r'Target="([^"]+)" TargetMode="External"', rels) == [
        "https://x.example/a%20b"
    ]
    assert "<w:instrText" not in body + headers
    assert sorted(set(re.findall(r'w:instr="([^"]+)"', body + headers))) == ["NUMPAGES", "PAGE"]


@SETTINGS
@given(text=TEXT)
def test_the_terminal_shows_markup_as_written(run: Run, tmp_path: Path, text: str) -> None:
    data = _write(tmp_path, text)
    for command in (["show", "there"], ["show", "trip"], ["timeline"], ["list"]):
        out = run(*command, data=data).stdout
        assert "\x1b" not in out
    flat = " ".join(run("show", "s", data=data, env={"COLUMNS": "1000"}).stdout.split())
    assert " ".join(text.split()) in flat
