"""Value types shared by the models: partial dates, ids, country codes, time zones, text, URLs."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import total_ordering
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlsplit

from dossier.model.countries import ISO_COUNTRY_CODES
from dossier.model.languages import LANGUAGES

# Pydantic is imported only when data is validated or a schema is written: a dossier read
# back from the cache, and every view of it, need neither.
if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic_core import core_schema


def invalid(kind: str, message: str, context: dict[str, Any] | None = None) -> Exception:
    """The error a validator raises: Pydantic shows `message`, with `{names}` from `context`;
    a `hint` in `context` becomes the hint of the problem reported."""
    from pydantic_core import PydanticCustomError

    return PydanticCustomError(kind, message, context)


_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LANG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
_CLOCK = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")
# Characters XML 1.0 cannot hold, plus other C0/C1 controls that never belong in prose.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

SLUG_PATTERN = "^" + _SLUG.pattern + "$"
FORMAT_VERSION = 1
"""The version of the data format this release reads and writes."""


def days_in_month(year: int, month: int) -> int:
    """28 to 31; `calendar.monthrange` would cost an import on every start for this one sum."""
    if month == 12:  # also keeps year 9999 from stepping past `date.max`
        return 31
    return (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day


@total_ordering
@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to the year, the month or the day: `2017`, `2017-02`, `2017-02-14`.

    Partial dates sort by their first possible day, so `2017` comes before `2017-01-05` and
    `2017-02` before `2017-07-12`; a partial date "ends" on the last day of its month or year.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Read a YAML value (an int year, a string, or a `date`); raise a Pydantic error if bad."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise invalid(
                "partial_date_type",
                "expected a date such as 2017, 2017-02 or 2017-02-14, got {kind}",
                {"kind": type(value).__name__},
            )
        text = str(value).strip()
        match = _PARTIAL_DATE.fullmatch(text)
        if not match:
            raise invalid(
                "partial_date_format",
                "'{text}' is not a date: write 2017, 2017-02 or 2017-02-14",
                {"text": text[:40]},
            )
        year = int(match[1])
        month = int(match[2]) if match[2] else None
        day = int(match[3]) if match[3] else None
        if year < 1000:
            raise invalid("partial_date_year", "year {year} is out of range", {"year": year})
        if month is not None and not 1 <= month <= 12:
            raise invalid(
                "partial_date_month",
                "'{text}' has no month {month}",
                {"text": text, "month": month},
            )
        if day is not None and month is not None and not 1 <= day <= days_in_month(year, month):
            raise invalid(
                "partial_date_day", "'{text}' is not a real calendar date", {"text": text}
            )
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def start(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def end(self) -> dt.date:
        if self.day is not None and self.month is not None:
            return dt.date(self.year, self.month, self.day)
        if self.month is not None:
            return dt.date(self.year, self.month, days_in_month(self.year, self.month))
        return dt.date(self.year, 12, 31)

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.to_string_ser_schema()
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "integer", "minimum": 1000, "maximum": 9999},
                {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
            ],
            "description": "A date known to the year, month or day: 2017, 2017-02 or 2017-02-14.",
            "examples": ["2017-11-10", "2017-02", 2011],
        }


def _check_slug(value: str) -> str:
    if not _SLUG.fullmatch(value):
        raise invalid(
            "slug",
            "'{value}' is not a valid id: use lower-case letters, digits and single hyphens",
            {"value": value[:60]},
        )
    return value


def _check_country(value: str) -> str:
    if value not in ISO_COUNTRY_CODES:
        raise invalid(
            "country",
            "'{value}' is not an ISO 3166-1 alpha-2 country code (such as DE or JP)",
            {"value": value[:20]},
        )
    return value


def country_codes(country: str | list[str] | None) -> list[str]:
    """A `country:` field as a list of codes: one, several (a cluster across borders) or none."""
    return [] if country is None else [country] if isinstance(country, str) else list(country)


def _check_timezone(value: str) -> str:
    from zoneinfo import ZoneInfo  # only data being validated needs the time zone database

    try:
        ZoneInfo(value)
    except (ValueError, KeyError, OSError):
        raise invalid(
            "timezone",
            "'{value}' is not an IANA time zone (such as Europe/Berlin or Asia/Tokyo)",
            {"value": value[:60]},
        ) from None
    return value


def _check_url(value: str) -> str:
    try:
        parts = urlsplit(value)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        raise invalid("url", "'{value}' is not an http(s) URL", {"value": value[:80]})
    return value


def _check_clock(value: str) -> str:
    if not _CLOCK.fullmatch(value):
        raise invalid(
            "clock_time",
            "'{value}' is not a time of day: write HH:MM in quotes, such as \"09:30\"",
            {"value": value[:20]},
        )
    return value


def _check_finite(value: float) -> float:
    # JSON has no NaN or infinity (RFC 8259, section 6), and no reader counts with them.
    if math.isnan(value) or math.isinf(value):
        raise invalid(
            "not_finite",
            "{value} is not a finite number: JSON and the documents made from the data have"
            " no place for it",
            {
                "value": ".nan" if math.isnan(value) else ".inf" if value > 0 else "-.inf",
                "hint": 'write a number, or a text in quotes such as "unknown"',
            },
        )
    return value


def _check_dossier_language(value: str) -> str:
    if value not in LANGUAGES:
        raise invalid(
            "dossier_language",
            "unknown language '{value}'",
            {"value": value[:20], "hint": f"write one of {', '.join(LANGUAGES)}"},
        )
    return value


def _check_notice_days(value: int) -> int:
    if not 0 <= value <= 3650:
        raise invalid(
            "notice_days",
            "{value} is not a number of days from 0 to 3650",
            {"value": value, "hint": "write a whole number of days, such as 90"},
        )
    return value


def _check_format_version(value: int) -> int:
    if value != FORMAT_VERSION:
        raise invalid(
            "format_version",
            "unsupported format version {value}",
            {"value": value, "hint": f"this dossier reads version {FORMAT_VERSION}"},
        )
    return value


AUDIENCE_KEY = "audience"
"""The one key of a text mapping that is not a language: who may read the text."""
AUDIENCES = ("internal", "partner", "public")
"""The values of `vocabulary.Audience`, here too so that this module stays free of imports."""


def _check_language_keys(value: dict[str, str]) -> dict[str, str]:
    for key in value:
        if key == AUDIENCE_KEY:
            if value[key] not in AUDIENCES:
                raise invalid(
                    "audience",
                    "'{value}' is not an audience (internal, partner or public)",
                    {"value": value[key]},
                )
        elif not _LANG.fullmatch(key):
            raise invalid(
                "language",
                "'{key}' is not a language code (such as en, de, ja) or 'audience'",
                {"key": key},
            )
    if not any(key != AUDIENCE_KEY for key in value):
        raise invalid("language_empty", "a text mapping needs at least one language")
    return value


class JsonObject(tuple[tuple[str, Any], ...]):
    """A JSON Schema object held as its (key, value) pairs: type metadata must be hashable."""

    def thawed(self) -> dict[str, Any]:
        return {
            k: v.thawed() if isinstance(v, JsonObject) else list(v) if isinstance(v, tuple) else v
            for k, v in self
        }


@dataclass(frozen=True, slots=True)
class Checked:
    """Type metadata: run `check` after Pydantic's own validation; add `schema` to the JSON
    Schema. Pydantic reads these two hooks; defining them costs no Pydantic import."""

    check: Callable[[Any], Any]
    schema: tuple[tuple[str, Any], ...] = ()

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        result: dict[str, Any] = handler(schema)
        for key, value in self.schema:
            if isinstance(value, JsonObject):
                result[key] = value.thawed()
            else:
                result[key] = list(value) if isinstance(value, tuple) else value
        return result


@dataclass(frozen=True, slots=True)
class Strictly:
    """Type metadata: only a value of the `kind` named ("int", "float", "bool"), as written:
    `true` is not read as 1, `yes` or `1` not as true, `"35"` not as a number."""

    kind: str

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        from pydantic_core import core_schema

        make: Callable[..., core_schema.CoreSchema] = getattr(core_schema, f"{self.kind}_schema")
        return make(strict=True)


Slug = Annotated[
    str, Checked(_check_slug, (("pattern", SLUG_PATTERN), ("examples", ("kawasaki",))))
]
"""A record id, and so also a reference to one."""

CountryCode = Annotated[str, Checked(_check_country, (("pattern", "^[A-Z]{2}$"),))]
Timezone = Annotated[str, Checked(_check_timezone, (("examples", ("Asia/Tokyo",)),))]
Url = Annotated[str, Checked(_check_url, (("format", "uri"), ("pattern", "^https?://")))]
FiniteNumber = Annotated[float, Checked(_check_finite)]
"""A number with a fractional part: never NaN or an infinity, which YAML can write."""
ClockTime = Annotated[str, Checked(_check_clock, (("pattern", "^[0-2][0-9]:[0-5][0-9]$"),))]
LanguageMap = Annotated[
    dict[str, str],
    Checked(
        _check_language_keys,
        (
            ("propertyNames", JsonObject([("pattern", f"^(?:{AUDIENCE_KEY}|{_LANG.pattern})$")])),
            ("properties", JsonObject([(AUDIENCE_KEY, JsonObject([("enum", AUDIENCES)]))])),
            ("minProperties", 1),
        ),
    ),
]
StrictBool = Annotated[bool, Strictly("bool")]
FormatVersion = Annotated[
    int, Strictly("int"), Checked(_check_format_version, (("enum", (FORMAT_VERSION,)),))
]
NoticeDays = Annotated[
    int, Strictly("int"), Checked(_check_notice_days, (("minimum", 0), ("maximum", 3650)))
]
"""A lead time in days, from 0 to ten years."""
DossierLanguage = Annotated[str, Checked(_check_dossier_language, (("enum", tuple(LANGUAGES)),))]
"""A language the dossier's views and briefings can be written in (`dossier.i18n.LANGUAGES`)."""
LocalText = str | LanguageMap
"""Free text: a plain string, or a mapping by language code (`{en: ..., de: ..., ja: ...}`)."""


def text_in(value: LocalText | None, lang: str = "en") -> str:
    """The text for `lang`: that language, else English, else the first given; "" for None."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    for key in (lang, "en"):
        if key in value:
            return value[key]
    return next((text for key, text in value.items() if key != AUDIENCE_KEY), "")


def all_texts(value: LocalText | None) -> list[str]:
    """Every language version of a text, for searching."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [text for key, text in value.items() if key != AUDIENCE_KEY]
