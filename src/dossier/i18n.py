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
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dossier.model.languages import LANGUAGES

if TYPE_CHECKING:
    from dossier.model.values import PartialDate


@dataclass(frozen=True, slots=True)
class DateStyle:
    """How one language writes dates, as LDML patterns this project chooses.

    Only month names come from CLDR: the patterns stay the same whatever Babel release is
    installed. A span inside one month or one year leaves out what both ends share: each
    `same_*` is (pattern of the start, pattern of the end, the template joining them).
    """

    day: str
    month: str
    year: str
    same_month: tuple[str, str, str]
    same_year: tuple[str, str, str]
    apart: str
    """Joins the two ends of any other span."""


DATE_STYLES = {
    "en": DateStyle(
        "d MMMM y",
        "MMMM y",
        "y",
        ("d", "d MMMM y", "{start}–{end}"),
        ("d MMMM", "d MMMM y", "{start} – {end}"),
        "{start} – {end}",
    ),
    "de": DateStyle(
        "d. MMMM y",
        "MMMM y",
        "y",
        ("d.", "d. MMMM y", "{start}–{end}"),
        ("d. MMMM", "d. MMMM y", "{start} – {end}"),
        "{start} – {end}",
    ),
    "ja": DateStyle(
        "y年M月d日",
        "y年M月",
        "y年",
        ("y年M月d日", "d日", "{start}～{end}"),
        ("y年M月d日", "M月d日", "{start}～{end}"),
        "{start}～{end}",
    ),
}
"""Language code → how it writes dates; every language in `LANGUAGES` has one."""

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


def separator(lang: str) -> str:
    """What a list of names or places is joined with: `, `, or `、` in Japanese."""
    return catalogue(lang).get(", ", ", ")


_OFFSET = re.compile(r"^(?:[+-]\d|GMT|UTC)")
"""What CLDR gives where a language has no short name for a zone: an offset."""


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

    def join(self, items: Iterable[str]) -> str:
        """Items in a list, as this language separates them (`separator`)."""
        return separator(self.lang).join(items)

    def aside(self, text: str) -> str:
        """` (text)` after what it qualifies; full-width brackets in Japanese."""
        return self(" ({text})", text=text)

    def parts(self, msgid: str) -> list[str]:
        """A template split around its placeholders: `Page {page} of {pages}` gives
        `["Page ", "{page}", " of ", "{pages}", ""]`, for text interleaved with fields."""
        return _PLACEHOLDER.split(self._messages.get(msgid, msgid))

    # --- dates, times, places ---------------------------------------------------------------

    def date(self, value: PartialDate | dt.date) -> str:
        """`10 November 2017`, `10. November 2017`, `2017年11月10日`; partial dates as known."""
        style = DATE_STYLES[self.lang]
        if isinstance(value, dt.date):
            return self._pattern(style.day, value)
        if value.day is not None:
            return self._pattern(style.day, value.start())
        if value.month is not None:
            return self._pattern(style.month, value.start())
        return self._pattern(style.year, value.start())

    def date_span(self, start: PartialDate, end: PartialDate | None) -> str:
        """`14–15 April 2027`, `30 April – 2 May 2027`, `2017 – 2019`: the long form of `date`,
        leaving out the month or year both ends share."""
        if end is None or end == start:
            return self.date(start)
        style = DATE_STYLES[self.lang]
        first, last = start.start(), end.start()
        if start.day is not None and end.day is not None and first.year == last.year:
            shared = style.same_month if first.month == last.month else style.same_year
            start_pattern, end_pattern, template = shared
            return template.format(
                start=self._pattern(start_pattern, first), end=self._pattern(end_pattern, last)
            )
        return style.apart.format(start=self.date(start), end=self.date(end))

    def _pattern(self, pattern: str, value: dt.date) -> str:
        from babel.dates import format_date

        return str(format_date(value, pattern, locale=self.locale))

    def zone_name(self, instant: dt.datetime) -> str:
        """The name of the zone of an aware instant at that instant, from CLDR in this
        language: its short name where the language has one in common use (`CEST`, `MESZ`,
        `JST` in Japanese), else its long name (`Japanische Normalzeit`)."""
        from babel.dates import get_timezone_name

        short = str(get_timezone_name(instant, width="short", locale=self.locale))
        if short and not _OFFSET.match(short):
            return short
        return str(get_timezone_name(instant, width="long", locale=self.locale))

    def country(self, code: str) -> str:
        from babel import Locale

        return str(Locale.parse(self.locale).territories.get(code, code))

    def text(self, value: Any) -> str:
        """Free text in this language, else English, else the first given; marked as a
        fallback (`[en]`) when asked to."""
        from dossier.model.values import text_in

        if value is None:
            return ""
        chosen = text_in(value, self.lang)
        if self.mark_fallbacks and isinstance(value, dict) and self.lang not in value:
            source = next(k for k, v in value.items() if v == chosen)
            return f"{chosen} [{source}]"
        return chosen
