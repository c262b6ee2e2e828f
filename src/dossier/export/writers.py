"""`dossier export` as a library call: one writer for each `--format`, chosen from one map.

Each writer imports its own library only when it runs, so that no command pays at start-up
for the formats it does not write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import NamedTuple

from dossier.errors import UsageError
from dossier.export.formats import ExportFormat
from dossier.model.dossier import Dossier
from dossier.model.vocabulary import Audience, RecordKind


class ExportRequest(NamedTuple):
    """What to export: the whole dossier or one kind, in which language, stamped when."""

    dossier: Dossier
    kind: RecordKind | None
    lang: str
    stamp: dt.datetime
    """The time of the export (DTSTAMP of calendar entries)."""
    audience: Audience = Audience.INTERNAL
    """Who the export is for: it holds only what they may read."""
    today: dt.date | None = None
    """The day that decides which events are still to come (default: the stamp's day)."""
    commit: str | None = None
    """The commit the data is exactly as (a database says what it was built from)."""
    vcard: str = "4.0"
    """The vCard version of a vcf export."""


class Exported(NamedTuple):
    """The text of an export, and what was left out of it (for a note on standard error)."""

    text: str
    left_out: list[str]
    spreadsheet: bool = False
    """A CSV meant for spreadsheets: a file of it starts with a byte-order mark."""
    data: bytes | None = None
    """The bytes of the export, in place of `text`: a database, or a JSON document too
    large to hold as text as well."""

    def content(self) -> bytes:
        """The export's bytes, whichever way it was made."""
        return self.data if self.data is not None else self.text.encode("utf-8")


def _json(request: ExportRequest) -> Exported:
    from dossier.export.to_json import export_json

    return Exported("", [], data=export_json(request.dossier, request.kind))


def _yaml(request: ExportRequest) -> Exported:
    from dossier.export.to_yaml import export_yaml

    return Exported(export_yaml(request.dossier, request.kind), [])


def _csv(request: ExportRequest) -> Exported:
    from dossier.export.to_csv import export_csv

    assert request.kind is not None, "check_request refuses csv without a kind"
    return Exported(export_csv(request.dossier, request.kind, request.lang), [], True)


def _vcf(request: ExportRequest) -> Exported:
    from dossier.export.to_vcf import export_vcf

    today = request.stamp.date()
    return Exported(export_vcf(request.dossier, request.lang, today, request.vcard), [])


def _ics(request: ExportRequest) -> Exported:
    from dossier.export.to_ics import export_ics

    result = export_ics(request.dossier, request.stamp, request.lang)
    left_out = [f"left out of the calendar: {skipped}" for skipped in result.skipped]
    return Exported(result.text.decode("utf-8"), left_out)


def _sqlite(request: ExportRequest) -> Exported:
    from dossier.export.to_sqlite import Build, export_sqlite

    build = Build(request.audience, request.lang, request.stamp, request.commit)
    return Exported("", [], data=export_sqlite(request.dossier, build))


def _geojson(request: ExportRequest) -> Exported:
    from dossier.export.to_geo import export_geojson

    return Exported(export_geojson(request.dossier, request.kind, request.lang), [])


def _kml(request: ExportRequest) -> Exported:
    from dossier.export.to_geo import export_kml

    return Exported(export_kml(request.dossier, request.kind, request.lang), [])


def _xlsx(request: ExportRequest) -> Exported:
    from dossier.export.to_xlsx import export_xlsx

    data = export_xlsx(request.dossier, request.kind, request.lang, request.stamp)
    return Exported("", [], data=data)


WRITERS: dict[ExportFormat, Callable[[ExportRequest], Exported]] = {
    ExportFormat.JSON: _json,
    ExportFormat.YAML: _yaml,
    ExportFormat.CSV: _csv,
    ExportFormat.ICS: _ics,
    ExportFormat.VCF: _vcf,
    ExportFormat.SQLITE: _sqlite,
    ExportFormat.GEOJSON: _geojson,
    ExportFormat.KML: _kml,
    ExportFormat.XLSX: _xlsx,
}
"""Every `--format` of `dossier export` and its writer (a test checks that none is missing)."""


def export_stamp(today: dt.date, source_date_epoch: str | None = None) -> dt.datetime:
    """DTSTAMP of every entry: `SOURCE_DATE_EPOCH` if given (seconds since 1970, UTC), else
    the start of `today` in UTC. Raises ValueError for an epoch that is not a whole number."""
    if source_date_epoch:
        return dt.datetime.fromtimestamp(int(source_date_epoch), dt.UTC)
    return dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)


def check_request(fmt: ExportFormat, kind: RecordKind | None) -> None:
    """Refuse, before any data is read, what the format cannot hold."""
    if fmt is ExportFormat.CSV and kind is None:
        raise UsageError("--format csv needs --kind: a CSV file holds one kind of record")
    if fmt is ExportFormat.ICS and kind not in (None, RecordKind.EVENTS):
        raise UsageError("--format ics exports events only")
    if fmt is ExportFormat.VCF and kind not in (None, RecordKind.PEOPLE):
        raise UsageError("--format vcf exports people only")
    located = (None, RecordKind.CLUSTERS, RecordKind.ORGANISATIONS, RecordKind.EVENTS)
    if fmt in (ExportFormat.GEOJSON, ExportFormat.KML) and kind not in located:
        raise UsageError(
            f"--format {fmt.value} maps clusters, organisations and events: they have locations"
        )
    if fmt is ExportFormat.SQLITE and kind is not None:
        raise UsageError("--format sqlite exports the whole dossier: leave out --kind")


def export_text(fmt: ExportFormat, request: ExportRequest) -> Exported:
    """The export of `request` in `fmt`; a `UsageError` for what the format cannot hold."""
    check_request(fmt, request.kind)
    from dossier.model.audience import for_audience

    # Every writer gets the audience's dossier: none of them can write what it may not read.
    today = request.today or request.stamp.date()
    readable = request._replace(
        dossier=for_audience(request.dossier, request.audience, today=today)
    )
    return WRITERS[fmt](readable)
