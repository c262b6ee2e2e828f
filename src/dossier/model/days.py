"""Days counted from a day, within the dates there are."""

from __future__ import annotations

import datetime as dt


def shifted(day: dt.date, delta: dt.timedelta) -> dt.date:
    """`day + delta`, held within the dates there are: every date the data format takes
    (up to 9999-12-31) may be today, and a horizon past it is the last day."""
    try:
        return day + delta
    except OverflowError:
        return dt.date.max if delta > dt.timedelta() else dt.date.min
