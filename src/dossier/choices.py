"""The choices command-line options offer; plain enums, cheap to import at start-up."""

from __future__ import annotations

import enum

from dossier.i18n import LANGUAGES


class RecordKind(enum.StrEnum):
    """A section of the data file, and so a kind of record."""

    CLUSTERS = "clusters"
    ORGANISATIONS = "organisations"
    PEOPLE = "people"
    AGREEMENTS = "agreements"
    EVENTS = "events"
    SOURCES = "sources"


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


Language = enum.StrEnum("Language", {code.upper(): code for code in LANGUAGES})  # type: ignore[misc]
"""The languages offered on the command line: exactly those of `dossier.i18n.LANGUAGES`."""
