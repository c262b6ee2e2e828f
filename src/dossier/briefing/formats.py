"""The formats a briefing is written in (`--format` of brief); cheap to import at start-up."""

from __future__ import annotations

import enum


class BriefFormat(enum.StrEnum):
    DOCX = "docx"
    MD = "md"
    PDF = "pdf"


class Paper(enum.StrEnum):
    A4 = "a4"
    LETTER = "letter"


LETTER_COUNTRIES = frozenset(
    ["BZ", "CA", "CL", "CO", "CR", "GT", "MX", "NI", "PA", "PH", "PR", "SV", "US", "VE"]
)
"""Where US Letter is the paper in use (CLDR supplemental data, paperSize); A4 elsewhere."""


def paper_for(country: str | list[str] | None) -> Paper:
    """The paper of the home side's country (the first, for a cluster across borders):
    Letter where it is in use, else A4."""
    first = country[0] if isinstance(country, list) and country else country
    return Paper.LETTER if first in LETTER_COUNTRIES else Paper.A4


class GraphFormat(enum.StrEnum):
    """`dossier graph`: pictures drawn by Graphviz, or text for other programs."""

    SVG = "svg"
    PNG = "png"
    PDF = "pdf"
    DOT = "dot"
    MERMAID = "mermaid"
    GEXF = "gexf"


PICTURES = frozenset({GraphFormat.SVG, GraphFormat.PNG, GraphFormat.PDF})
"""The formats Graphviz's `dot` program draws."""
