"""Languages: fixed labels from message catalogues, dates and country names from CLDR.

Each language other than English has a gettext catalogue, `dossier/locale/<code>.po`, read
with Babel; English labels are the message ids themselves. Dates, partial dates, times and
country names come from Babel's CLDR data for the language. Adding a language is one
catalogue file and one entry in `LANGUAGES`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dossier.types import PartialDate

LANGUAGES = {"en": "en_GB", "de": "de_DE", "ja": "ja_JP"}
"""Language code → the CLDR locale whose conventions it follows (dates, country names)."""

CATALOGUES = Path(__file__).parent / "locale"
_PLACEHOLDER = re.compile(r"(\{\w+\})")


@functools.cache
def catalogue(lang: str) -> dict[str, str]:
    """msgid → translation for `lang`; empty for English, whose labels are the ids."""
    if lang == "en":
        return {}
    from babel.messages.pofile import read_po

    with (CATALOGUES / f"{lang}.po").open("rb") as po:
        parsed = read_po(po, locale=LANGUAGES[lang])
    return {str(m.id): str(m.string) for m in parsed if m.id and m.string}


class Translator:
    """Labels and formats for one language."""

    def __init__(self, lang: str = "en", *, mark_fallbacks: bool = False) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}")
        self.lang = lang
        self.locale = LANGUAGES[lang]
        self.mark_fallbacks = mark_fallbacks
        self._messages = catalogue(lang)

    def __call__(self, msgid: str, **values: Any) -> str:
        """The label for `msgid`, with `{name}` placeholders filled from `values`."""
        text = self._messages.get(msgid, msgid)
        return text.format(**values) if values else text

    def parts(self, msgid: str) -> list[str]:
        """A template split around its placeholders: `Page {page} of {pages}` gives
        `["Page ", "{page}", " of ", "{pages}", ""]`, for text interleaved with fields."""
        return _PLACEHOLDER.split(self._messages.get(msgid, msgid))

    # --- dates, times, places ---------------------------------------------------------------

    def date(self, value: PartialDate | dt.date) -> str:
        """`10 November 2017`, `10. November 2017`, `2017年11月10日`; partial dates as known."""
        from babel.dates import format_date, format_skeleton

        start = value if isinstance(value, dt.date) else value.start()
        if isinstance(value, dt.date) or value.day is not None:
            return str(format_date(start, "long", locale=self.locale))
        if value.month is not None:
            return str(format_skeleton("yMMMM", start, locale=self.locale))
        return self("{year}", year=value.year) if self.lang == "ja" else str(value.year)

    def date_span(self, start: PartialDate, end: PartialDate | None) -> str:
        """`14–15 April 2027` and the like; partial dates fall back to `start – end`."""
        if end is None or end == start:
            return self.date(start)
        if start.day is not None and end.day is not None:
            from babel.dates import format_interval

            return str(format_interval(start.start(), end.start(), "yMMMMd", locale=self.locale))
        return self("{start} – {end}", start=self.date(start), end=self.date(end))

    def country(self, code: str) -> str:
        from babel import Locale

        return str(Locale.parse(self.locale).territories.get(code, code))

    def text(self, value: Any) -> str:
        """Free text in this language, else English, else the first given; marked as a
        fallback (`[en]`) when asked to."""
        from dossier.types import text_in

        if value is None:
            return ""
        chosen = text_in(value, self.lang)
        if self.mark_fallbacks and isinstance(value, dict) and self.lang not in value:
            source = next(k for k, v in value.items() if v == chosen)
            return f"{chosen} [{source}]"
        return chosen


ENGLISH = Translator("en")
