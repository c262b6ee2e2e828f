"""The formats the export wing writes (`--format` of export, list and validate); plain enums,
cheap to import at start-up."""

from __future__ import annotations

import enum


class ExportFormat(enum.StrEnum):
    JSON = "json"
    YAML = "yaml"
    CSV = "csv"
    ICS = "ics"
    VCF = "vcf"
    SQLITE = "sqlite"
    GEOJSON = "geojson"
    KML = "kml"
    XLSX = "xlsx"


class VCardVersion(enum.StrEnum):
    """vCard 4.0 (RFC 6350), or 3.0 (RFC 2426), which many phones still import best."""

    V4 = "4.0"
    V3 = "3.0"


class ListFormat(enum.StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


class ReportFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


class ViewFormat(enum.StrEnum):
    """`show`, `search` and `timeline`: drawn for a terminal, or JSON for other programs."""

    TEXT = "text"
    JSON = "json"


class ListSort(enum.StrEnum):
    """The order of `dossier list`."""

    DATA = "data"
    NAME = "name"
    LAST_CONTACT = "last-contact"


class YearReportFormat(enum.StrEnum):
    """`dossier report`: for reading, for programs, for spreadsheets, for documents."""

    TEXT = "text"
    JSON = "json"
    CSV = "csv"
    MD = "md"
    DOCX = "docx"
    PDF = "pdf"
