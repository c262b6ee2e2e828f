"""`location:` on clusters, organisations, events and agenda items: checked to range, shown,
and withheld from the public with the venue of an event still to come."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from dossier.datafile.load import load
from dossier.model.audience import for_audience
from dossier.model.records import Event
from dossier.model.vocabulary import Audience
from tests.conftest import Run

WITH_LOCATIONS = """\
clusters:
  - id: hub
    name: Hub
    location: {lat: 35.53, lon: 139.74, approximate: true}
organisations:
  - id: office
    name: Office
    location: {lat: -33.8688, lon: 151.2093}
events:
  - id: visit
    title: Visit
    date: 2027-03-01
    venue: Hall
    location: {lat: 48.1, lon: 11.45}
    agenda:
      - {time: "09:00", title: Walk, location: {lat: 48.2, lon: 11.5}, audience: public}
"""


def test_show_prints_the_point_and_says_when_it_is_approximate(
    run: Run, write: Callable[..., Path]
) -> None:
    data = write(WITH_LOCATIONS)
    assert "Coordinates  35.5300, 139.7400 (approximate)" in run("show", "hub", data=data).stdout
    assert "Coordinates  -33.8688, 151.2093\n" in run("show", "office", data=data).stdout
    german = run("show", "hub", "--lang", "de", data=data).stdout
    assert "Koordinaten  35.5300, 139.7400 (ungefähr)" in german


@pytest.mark.parametrize(
    ("point", "message"),
    [
        ("{lat: 91, lon: 0}", "91 is not a latitude from -90 to 90 degrees"),
        ("{lat: 0, lon: -180.5}", "-180.5 is not a longitude from -180 to 180 degrees"),
        ("{lat: .nan, lon: 0}", "nan is not a latitude"),
        ('{lat: "35", lon: 0}', "location.lat"),
        ("{lat: true, lon: 0}", "location.lat"),
        ("{lat: 35}", "location.lon"),
    ],
)
def test_a_point_off_the_globe_is_an_error_at_its_line(
    run: Run, write: Callable[..., Path], point: str, message: str
) -> None:
    data = write(f"clusters:\n  - id: hub\n    name: Hub\n    location: {point}\n")
    result = run("validate", data=data)
    assert result.exit_code == 1
    assert f"{data.name}:4:" in result.stdout
    assert message in result.stdout


def test_the_public_learns_no_location_of_an_appointment_to_come(
    write: Callable[..., Path],
) -> None:
    dossier = load([write(WITH_LOCATIONS)], dt.date(2026, 1, 1)).dossier
    public = for_audience(dossier, Audience.PUBLIC, today=dt.date(2026, 1, 1))
    event = public.get("visit")
    assert isinstance(event, Event)
    assert (event.venue, event.location) == (None, None)
    assert event.agenda[0].location is not None  # marked public by the data
    after = for_audience(dossier, Audience.PUBLIC, today=dt.date(2027, 6, 1)).get("visit")
    assert isinstance(after, Event)
    assert after.location is not None
    assert public.get("office").location is not None  # type: ignore[union-attr]
