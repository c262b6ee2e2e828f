"""The output formats the commands offer (`--format`); plain enums, cheap to import at start-up."""

from __future__ import annotations

import enum


class ListFormat(enum.StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


class ExportFormat(enum.StrEnum):
    JSON = "json"
    YAML = "yaml"
    CSV = "csv"
    ICS = "ics"


class ReportFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


class BriefFormat(enum.StrEnum):
    DOCX = "docx"
    MD = "md"
