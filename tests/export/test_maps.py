"""Maps: `export --format geojson|kml` of every located record, read back as JSON and XML and
checked against RFC 7946 (longitude first) and KML 2.2; and the venues of a visit briefing."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Run

KML = "{http://www.opengis.net/kml/2.2}"
LOCATED = """\
clusters:
  - {id: hub, name: {en: Hub, ja: ハブ}, location: {lat: -33.87, lon: 151.21}}
  - {id: nowhere, name: Nowhere}
organisations:
  - {id: office, name: Office & Sons <Ltd>, location: {lat: 48.1, lon: 11.5, approximate: true}}
events:
  - id: visit
    title: Visit
    date: 2030-03-01
    venue: Hall
    location: {lat: 35.5, lon: 139.7}
    agenda:
      - {time: "09:00", title: Walk, place: Park, location: {lat: 35.6, lon: 139.8}}
      - {time: "10:00", title: Talk, place: Room, location: {lat: 35.7, lon: 139.9},
         audience: public}
"""


def test_geojson_puts_longitude_first(run: Run, write: Callable[..., Path]) -> None:
    data = write(LOCATED)
    collection = json.loads(run("export", "--format", "geojson", data=data).stdout)
    assert collection["type"] == "FeatureCollection"
    found = {f["id"]: f for f in collection["features"]}
    assert list(found) == ["hub", "office", "visit", "visit#1", "visit#2"]
    for feature in found.values():
        assert feature["type"] == "Feature"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert found["hub"]["geometry"]["coordinates"] == [151.21, -33.87]
    assert found["office"]["properties"]["approximate"] is True
    assert found["visit#1"]["properties"] == {
        "id": "visit#1",
        "kind": "agenda item",
        "name": "Park",
        "date": "2030-03-01",
        "event": "visit",
        "approximate": False,
    }
    only = json.loads(run("export", "--format", "geojson", "--kind", "clusters", data=data).stdout)
    assert [f["id"] for f in only["features"]] == ["hub"]


def test_the_public_map_has_no_place_of_an_appointment_to_come(
    run: Run, write: Callable[..., Path]
) -> None:
    data = write(LOCATED)
    public = json.loads(
        run("export", "--format", "geojson", "--audience", "public", data=data).stdout
    )
    assert [f["id"] for f in public["features"]] == ["hub", "office", "visit#1"]
    assert public["features"][2]["properties"]["name"] == "Room"  # the item marked public


def test_kml_names_places_in_the_readers_language(
    run: Run, write: Callable[..., Path], tmp_path: Path
) -> None:
    data = write(LOCATED)
    assert run("export", "-o", "places.kml", "--lang", "ja", data=data).exit_code == 0
    root = ElementTree.parse(tmp_path / "places.kml").getroot()
    assert root.tag == f"{KML}kml"
    placemarks = list(root.iter(f"{KML}Placemark"))
    names = [p.findtext(f"{KML}name") for p in placemarks]
    assert names == ["ハブ", "Office & Sons <Ltd>", "Visit", "Park", "Room"]
    venue = [d for d in placemarks[2].iter(f"{KML}Data") if d.get("name") == "venue"]
    assert venue[0].findtext(f"{KML}value") == "Hall"
    first = placemarks[0]
    assert first.findtext(f"{KML}Point/{KML}coordinates") == "151.21,-33.87"
    extended = {d.get("name"): d.findtext(f"{KML}value") for d in first.iter(f"{KML}Data")}
    assert extended == {"id": "hub", "kind": "cluster", "approximate": "false"}


def test_a_kind_without_locations_is_refused(run: Run) -> None:
    result = run("export", "--format", "kml", "--kind", "people")
    assert (result.exit_code, result.stderr) == (
        2,
        "dossier: --format kml maps clusters, organisations and events: they have locations\n",
    )


def test_a_visit_briefing_lists_its_venues_with_a_map_link(run: Run) -> None:
    text = run("brief", "munich-delegation-kawasaki-2027", "--format", "md", "-o", "-").stdout
    venues = text.split("### Venues\n\n", 1)[1].split("\n\n", 1)[0]
    assert venues == (
        "- King Skyfront: 35.5300, 139.7500 (approximate) · [OpenStreetMap]"
        "(<https://www.openstreetmap.org/?mlat=35.53000&mlon=139.75000#map=15/35.53000/139.75000>)"
    )
