"""Texts in the calendar are escaped as RFC 5545 (section 3.3.11) says and read back equal
by icalendar, whatever backslashes, letters, commas, semicolons and line breaks they hold."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.datafile.load import load
from dossier.datafile.yaml_core import dump_yaml
from dossier.export.formats import ExportFormat
from dossier.export.writers import ExportRequest, export_text
from tests.conftest import TODAY

STAMP = dt.datetime(2026, 11, 25, tzinfo=dt.UTC)

# What makes escaping go wrong: backslashes before letters (\N, \n, \t), the separators.
TRICKY = st.text(
    alphabet=st.sampled_from(["\\", "N", "n", ",", ";", ":", "\n", " ", "a", "ä", "川", '"']),
    min_size=1,
    max_size=30,
).filter(lambda t: t.strip() == t and t.strip())


def _calendar(tmp_path: Path, title: str, summary: str) -> icalendar.Calendar:
    data = {
        "version": 1,
        "home": "h",
        "clusters": [{"id": "h", "name": "H"}, {"id": "k", "name": "K"}],
        "events": [
            {
                "id": "e",
                "title": title,
                "summary": summary,
                "place": title,
                "date": "2027-01-01",
                "parties": ["h", "k"],
                "follow_ups": [{"action": title}],
            }
        ],
    }
    path = tmp_path / "d.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    result = load([path], TODAY)
    assert not result.has_errors, [p.message for p in result.problems]
    request = ExportRequest(result.dossier, None, "en", STAMP)
    return icalendar.Calendar.from_ical(
        export_text(ExportFormat.ICS, request).content().decode("utf-8")
    )


def test_a_backslash_before_n_stays_a_backslash(tmp_path: Path) -> None:
    title = r"Copy to \\NAS01\Nord share"
    calendar = _calendar(tmp_path, title, "a, b; c")
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == title
    assert str(event["description"]) == "a, b; c"
    assert "\n" not in str(event["summary"])


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TRICKY, TRICKY)
def test_every_text_is_read_back_equal(tmp_path: Path, title: str, summary: str) -> None:
    calendar = _calendar(tmp_path, title, summary)
    (event,) = calendar.walk("VEVENT")
    (to_do,) = calendar.walk("VTODO")
    assert str(event["summary"]) == title
    assert str(event["location"]) == title
    assert str(event["description"]) == summary
    assert str(to_do["summary"]) == title
