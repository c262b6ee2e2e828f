"""VTIMEZONE components that are right for every year a calendar's entries fall in.

icalendar's own `add_missing_timezones` writes the zone's transitions around 1970-1980 and
no rule after them, so a program that reads the VTIMEZONE (as RFC 5545 asks) puts a July
2090 meeting in Berlin an hour off. Here each zone gets, for every year that holds one of
its entries, an observance starting at local midnight on 1 January with the offset then in
force and one for every change of offset during that year, found from the IANA database
itself: whatever rule a calendar program applies, the latest onset before an entry is the
right one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

_MONTHS = range(1, 13)


def _offset_at(zone: ZoneInfo, instant: dt.datetime) -> tuple[dt.timedelta, dt.timedelta, str]:
    try:
        local = instant.astimezone(zone)
    except OverflowError:  # the last hours of 9999 east of UTC: no rule changes on that day
        local = (instant - dt.timedelta(days=1)).astimezone(zone)
    return local.utcoffset() or dt.timedelta(), local.dst() or dt.timedelta(), local.tzname() or ""


def _changes(zone: ZoneInfo, year: int) -> Iterator[dt.datetime]:
    """Each instant (UTC) in `year` at which the zone's offset or name changes."""
    first = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
    marks = [dt.datetime(year, month, 1, tzinfo=dt.UTC) for month in _MONTHS]
    marks.append(dt.datetime(year, 12, 31, 23, 59, tzinfo=dt.UTC))
    for low, high in zip([first, *marks[1:]], marks[1:], strict=False):
        if _offset_at(zone, low) == _offset_at(zone, high):
            continue
        # The change lies between low and high: find its second by bisection (about 22
        # steps). Old offsets have seconds (Santiago's -4:42:45), so their changes fall on
        # no whole minute of UTC, and a minute rounded down would still be the old offset.
        while high - low > dt.timedelta(seconds=1):
            middle = low + (high - low) / 2
            if _offset_at(zone, middle) == _offset_at(zone, low):
                low = middle
            else:
                high = middle
        yield high.replace(microsecond=0)


def _observance(
    zone: ZoneInfo, onset: dt.datetime, before: dt.timedelta
) -> TimezoneDaylight | TimezoneStandard:
    offset, dst, name = _offset_at(zone, onset)
    observance = TimezoneDaylight() if dst else TimezoneStandard()
    observance.add("dtstart", (onset + before).replace(tzinfo=None))
    observance.add("tzoffsetfrom", before)
    observance.add("tzoffsetto", offset)
    if name:
        observance.add("tzname", name)
    return observance


def _local_new_year(zone: ZoneInfo, year: int) -> dt.datetime:
    """The instant (UTC) of midnight on 1 January at the zone: an observance starting then
    covers the first hours of the year, which east of Greenwich fall in the year before."""
    try:
        return dt.datetime(year, 1, 1, tzinfo=zone).astimezone(dt.UTC)
    except OverflowError:  # 1 January of year 1, east of Greenwich
        return dt.datetime(year, 1, 1, tzinfo=dt.UTC)


def vtimezone(name: str, years: Iterable[int]) -> Timezone:
    """The VTIMEZONE of IANA zone `name`, right throughout each of `years`."""
    zone = ZoneInfo(name)
    component = Timezone()
    component.add("tzid", name)
    for year in sorted(set(years)):
        start = _local_new_year(zone, year)
        in_force = _offset_at(zone, start)[0]
        # The year opens with the offset then in force, so no earlier year's rule is needed.
        component.add_component(_observance(zone, start, in_force))
        before = in_force
        for change in _changes(zone, year):
            component.add_component(_observance(zone, change, before))
            before = _offset_at(zone, change)[0]
    return component
