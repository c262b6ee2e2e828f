"""The formats a briefing is written in (`--format` of brief); cheap to import at start-up."""

from __future__ import annotations

import enum


class BriefFormat(enum.StrEnum):
    DOCX = "docx"
    MD = "md"
