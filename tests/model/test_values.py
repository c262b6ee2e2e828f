"""Partial dates, ids and the other value types."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from dossier.model.values import CountryCode, PartialDate, Slug, Timezone, Url, text_in


@pytest.mark.parametrize(
    ("value", "expected"),
    [(2017, "2017"), ("2017", "2017"), ("2017-02", "2017-02"), ("2017-02-14", "2017-02-14")],
)
def test_partial_dates_keep_their_precision(value: object, expected: str) -> None:
    assert str(PartialDate.parse(value)) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2017-02-30", "'2017-02-30' is not a real calendar date"),
        ("2017-13", "'2017-13' has no month 13"),
        ("spring 2017", "'spring 2017' is not a date: write 2017, 2017-02 or 2017-02-14"),
        ("17-02-2017", "'17-02-2017' is not a date: write 2017, 2017-02 or 2017-02-14"),
        (True, "expected a date such as 2017, 2017-02 or 2017-02-14, got bool"),
    ],
)
def test_impossible_and_free_text_dates_are_refused(value: object, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        PartialDate.parse(value)
    assert str(caught.value) == message


def test_partial_dates_sort_by_their_first_day() -> None:
    dates = [PartialDate.parse(v) for v in ("2017-07-12", "2017", "2017-02", "2016-12-31")]
    assert [str(d) for d in sorted(dates)] == ["2016-12-31", "2017", "2017-02", "2017-07-12"]


def test_a_partial_date_ends_at_the_end_of_its_month_or_year() -> None:
    assert PartialDate.parse("2024-02").end() == dt.date(2024, 2, 29)
    assert PartialDate.parse(2018).end() == dt.date(2018, 12, 31)
    assert PartialDate.parse("2018-03-04").end() == dt.date(2018, 3, 4)


@given(st.integers(1000, 9999), st.integers(1, 12))
def test_a_month_ends_on_its_last_calendar_day(year: int, month: int) -> None:
    last = calendar.monthrange(year, month)[1]
    assert PartialDate.parse(f"{year}-{month:02d}").end() == dt.date(year, month, last)
    assert PartialDate.parse(f"{year}-{month:02d}-{last}").end() == dt.date(year, month, last)
    with pytest.raises(ValueError, match="not a real calendar date"):
        PartialDate.parse(f"{year}-{month:02d}-{last + 1}")


@given(st.dates(min_value=dt.date(1000, 1, 1)), st.sampled_from(["year", "month", "day"]))
def test_any_real_date_round_trips_at_any_precision(day: dt.date, precision: str) -> None:
    text = {"year": f"{day:%Y}", "month": f"{day:%Y-%m}", "day": day.isoformat()}[precision]
    parsed = PartialDate.parse(text)
    assert str(parsed) == text
    assert parsed.precision == precision
    assert parsed.start() <= day <= parsed.end()


@pytest.mark.parametrize(
    ("adapter", "value", "message"),
    [
        (Slug, "King Skyfront", "'King Skyfront' is not a valid id"),
        (Slug, "biom--x", "'biom--x' is not a valid id"),
        (CountryCode, "XX", "'XX' is not an ISO 3166-1 alpha-2 country code"),
        (CountryCode, "jp", "'jp' is not an ISO 3166-1 alpha-2 country code"),
        (Timezone, "Asia/Kawasaki", "'Asia/Kawasaki' is not an IANA time zone"),
        (Url, "javascript:alert(1)", "'javascript:alert(1)' is not an http(s) URL"),
        (Url, "www.bio-m.org", "'www.bio-m.org' is not an http(s) URL"),
    ],
)
def test_value_types_refuse_bad_values(adapter: Any, value: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(adapter).validate_python(value)
    assert message in str(caught.value)


def test_country_no_is_norway_and_urls_are_kept_as_written() -> None:
    assert TypeAdapter(CountryCode).validate_python("NO") == "NO"
    url = "https://www.bio-m.org/en/news/"
    assert TypeAdapter(Url).validate_python(url) == url


def test_text_falls_back_to_english_then_the_first_language() -> None:
    assert text_in({"de": "Vertrag", "en": "Agreement"}, "ja") == "Agreement"
    assert text_in({"de": "Vertrag", "ja": "協定"}, "en") == "Vertrag"
    assert text_in({"de": "Vertrag", "ja": "協定"}, "ja") == "協定"
    assert text_in("plain", "de") == "plain"
    assert text_in(None) == ""
