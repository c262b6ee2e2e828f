"""Maps: every record with a `location` as GeoJSON (RFC 7946) or KML 2.2, for web maps,
QGIS and Google Earth: clusters, organisations, event venues and agenda places.

Names are in the reader's language; GeoJSON writes longitude first, as RFC 7946 requires,
and KML `lon,lat` in its coordinates. No map tiles are fetched: a map program draws them.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from typing import Any, NamedTuple

from dossier.model.dossier import Dossier
from dossier.model.entries import Location
from dossier.model.records import Event, display_text, kind_of
from dossier.model.values import text_in
from dossier.model.vocabulary import RecordKind

KML_NAMESPACE = "http://www.opengis.net/kml/2.2"


class Point(NamedTuple):
    id: str
    kind: str
    name: str
    location: Location
    date: str | None = None
    event: str | None = None
    venue: str | None = None


def points(dossier: Dossier, kind: RecordKind | None, lang: str) -> Iterator[Point]:
    """Every located record of `kind` (all kinds: None), and the agenda places of events."""
    sections = [kind.value] if kind else ["clusters", "organisations", "events"]
    for section in sections:
        for record in getattr(dossier, section, []):
            location = getattr(record, "location", None)
            name = text_in(display_text(record), lang)
            date = str(record.date) if isinstance(record, Event) else None
            venue = text_in(record.venue, lang) or None if isinstance(record, Event) else None
            if location is not None:
                yield Point(record.id, kind_of(record), name, location, date, venue=venue)
            if isinstance(record, Event):
                yield from _agenda(record, lang)


def _agenda(event: Event, lang: str) -> Iterator[Point]:
    for number, item in enumerate(event.agenda, start=1):
        if item.location is not None:
            name = text_in(item.place, lang) or text_in(item.title, lang)
            day = str(item.date or event.date)
            yield Point(f"{event.id}#{number}", "agenda item", name, item.location, day, event.id)


def _properties(point: Point) -> dict[str, Any]:
    found = {
        "id": point.id,
        "kind": point.kind,
        "name": point.name,
        "date": point.date,
        "event": point.event,
        "venue": point.venue,
        "approximate": point.location.approximate,
    }
    return {key: value for key, value in found.items() if value is not None}


def export_geojson(dossier: Dossier, kind: RecordKind | None, lang: str) -> str:
    features = [
        {
            "type": "Feature",
            "id": point.id,
            "geometry": {
                "type": "Point",
                "coordinates": [point.location.lon, point.location.lat],
            },
            "properties": _properties(point),
        }
        for point in points(dossier, kind, lang)
    ]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, indent=2) + "\n"


def export_kml(dossier: Dossier, kind: RecordKind | None, lang: str) -> str:
    root = ElementTree.Element("kml", {"xmlns": KML_NAMESPACE})
    document = ElementTree.SubElement(root, "Document")
    for point in points(dossier, kind, lang):
        placemark = ElementTree.SubElement(document, "Placemark")
        ElementTree.SubElement(placemark, "name").text = point.name
        extended = ElementTree.SubElement(placemark, "ExtendedData")
        for key, value in _properties(point).items():
            if key != "name":
                data = ElementTree.SubElement(extended, "Data", {"name": key})
                ElementTree.SubElement(data, "value").text = (
                    str(value).lower() if isinstance(value, bool) else str(value)
                )
        geometry = ElementTree.SubElement(placemark, "Point")
        coordinates = f"{point.location.lon},{point.location.lat}"
        ElementTree.SubElement(geometry, "coordinates").text = coordinates
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, "unicode") + "\n"
