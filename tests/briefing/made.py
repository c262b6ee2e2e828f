"""Small briefings built by hand, for the tests of one renderer's rule."""

from __future__ import annotations

import datetime as dt

from dossier.briefing.document import Block, Briefing, Section


def briefing_of(
    *blocks: Block, title: str = "Briefing", section: str = "Section", author: str = "a"
) -> Briefing:
    """A briefing of one section holding `blocks`."""
    return Briefing(
        title=title,
        cover=(),
        classification="",
        subject="s",
        author=author,
        prepared=dt.date(2026, 11, 25),
        sections=(Section(section, blocks),),
    )
