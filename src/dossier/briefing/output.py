"""`dossier brief` as a library call: what to brief, where to write it, and in which format."""

from __future__ import annotations

import datetime as dt
import stat
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from dossier.briefing.document import Briefing
from dossier.briefing.formats import BriefFormat
from dossier.errors import UsageError
from dossier.files import path_status
from dossier.model.lookup import Finder
from dossier.model.records import AnyRecord, Event

DEFAULT_NAME_ID_LENGTH = 80
"""Characters of an id in a default file name (ids are ASCII: 80 bytes, far below 255)."""


class BriefingTarget(NamedTuple):
    """The record a briefing is about, and the visit it prepares, if any."""

    record: AnyRecord
    visit: Event | None

    def default_path(self, today: dt.date, fmt: BriefFormat) -> Path:
        """`briefing-<visit>-<its date>.docx`, or `briefing-<record>-<today>.docx`; a long
        id is cut, so that the name stays well within any file system's limit."""
        name = (self.visit.id if self.visit else self.record.id)[:DEFAULT_NAME_ID_LENGTH]
        when = str(self.visit.date) if self.visit else today.isoformat()
        return Path(f"briefing-{name}-{when}.{fmt.value}")


def find_target(finder: Finder, ref: str, visit_ref: str | None) -> BriefingTarget:
    """What `dossier brief REF [--visit EVENT]` names; an event names its own visit."""
    record = finder.find(ref)
    visit = finder.find(visit_ref) if visit_ref else (record if isinstance(record, Event) else None)
    if visit is not None and not isinstance(visit, Event):
        raise UsageError(f"--visit: '{visit.id}' is not an event")
    return BriefingTarget(record, visit)


def check_options(fmt: BriefFormat, template: Path | None, output: str | None) -> None:
    """Refuse, before any data is read, a combination no briefing can be written in."""
    if template is not None and fmt is BriefFormat.MD:
        raise UsageError("--template applies to --format docx and pdf only")
    if template is not None:
        status = path_status(template)
        if status is None or not stat.S_ISREG(status.st_mode):
            raise UsageError(f"{template}: no such file")
    if output == "-" and fmt is not BriefFormat.MD:
        raise UsageError(f"-o -: a {fmt.value} file cannot go to standard output; use --format md")
    if fmt is BriefFormat.PDF:
        from dossier.briefing.pdf import soffice

        soffice()  # without LibreOffice, say so before any data is read


def _markdown(briefing: Briefing, template: Path | None) -> bytes:
    from dossier.briefing.markdown import render_markdown

    return render_markdown(briefing).encode("utf-8")


def _docx(briefing: Briefing, template: Path | None) -> bytes:
    from dossier.briefing.docx import render_docx

    return render_docx(briefing, template=template)


def _pdf(briefing: Briefing, template: Path | None) -> bytes:
    from dossier.briefing.pdf import docx_to_pdf

    return docx_to_pdf(_docx(briefing, template))


RENDERERS: dict[BriefFormat, Callable[[Briefing, Path | None], bytes]] = {
    BriefFormat.DOCX: _docx,
    BriefFormat.MD: _markdown,
    BriefFormat.PDF: _pdf,
}
"""Every `--format` of `dossier brief` and its writer (a test checks that none is missing)."""


def render_briefing(briefing: Briefing, fmt: BriefFormat, template: Path | None = None) -> bytes:
    return RENDERERS[fmt](briefing, template)
