"""Time-zone names that are valid IANA names but the wrong thing to write in a dossier.

Fixed offsets (`EST`, `Etc/GMT-9`) and legacy aliases (`CET`, `Japan`, `US/Eastern`) are
still in the zone database, so they validate; but a fixed offset ignores daylight saving (an
agenda in `EST` is an hour off all summer) and the aliases are kept only for old systems. The
data should name the zone of a city, `Area/City`, as the IANA database itself advises.
"""

from __future__ import annotations

CITY_ZONES = {
    # fixed offsets and the old US/European rule zones
    "EST": "America/New_York",
    "EST5EDT": "America/New_York",
    "CST6CDT": "America/Chicago",
    "MST": "America/Denver",
    "MST7MDT": "America/Denver",
    "PST8PDT": "America/Los_Angeles",
    "HST": "Pacific/Honolulu",
    "CET": "Europe/Berlin",
    "MET": "Europe/Berlin",
    "EET": "Europe/Athens",
    "WET": "Europe/Lisbon",
    # country names kept as aliases
    "Japan": "Asia/Tokyo",
    "ROK": "Asia/Seoul",
    "PRC": "Asia/Shanghai",
    "ROC": "Asia/Taipei",
    "Hongkong": "Asia/Hong_Kong",
    "Singapore": "Asia/Singapore",
    "GB": "Europe/London",
    "GB-Eire": "Europe/London",
    "Eire": "Europe/Dublin",
    "Poland": "Europe/Warsaw",
    "Portugal": "Europe/Lisbon",
    "Turkey": "Europe/Istanbul",
    "Israel": "Asia/Jerusalem",
    "Iceland": "Atlantic/Reykjavik",
    "Egypt": "Africa/Cairo",
    "Iran": "Asia/Tehran",
    "NZ": "Pacific/Auckland",
    "W-SU": "Europe/Moscow",
    "Navajo": "America/Denver",
    # regional aliases
    "US/Eastern": "America/New_York",
    "US/Central": "America/Chicago",
    "US/Mountain": "America/Denver",
    "US/Arizona": "America/Phoenix",
    "US/Pacific": "America/Los_Angeles",
    "US/Alaska": "America/Anchorage",
    "US/Hawaii": "Pacific/Honolulu",
    "Canada/Eastern": "America/Toronto",
    "Canada/Pacific": "America/Vancouver",
    # renamed cities
    "Asia/Calcutta": "Asia/Kolkata",
    "Asia/Saigon": "Asia/Ho_Chi_Minh",
    "Asia/Katmandu": "Asia/Kathmandu",
    "Asia/Rangoon": "Asia/Yangon",
    "Europe/Kiev": "Europe/Kyiv",
}
"""Legacy name → the city zone to write instead."""

_UNIVERSAL = frozenset({"UTC", "UCT", "GMT", "Zulu", "Universal", "Greenwich", "Etc/UTC"})
_LEGACY_AREAS = ("Etc/", "US/", "Canada/", "Mexico/", "Brazil/", "Chile/", "SystemV/")


def zone_advice(name: str) -> tuple[str, str] | None:
    """Why `name` is a poor choice and the hint what to write instead; None for a city zone.

    UTC itself is fine (an online call has no venue); other names without an `Area/City`
    form, or in the legacy areas, are fixed offsets or aliases.
    """
    if name in _UNIVERSAL:
        return None
    why = f"'{name}' is a legacy or fixed-offset time zone name"
    better = CITY_ZONES.get(name)
    if better is not None:
        return why, f"write {better}: the zone of a city follows its daylight saving"
    if "/" not in name or name.startswith(_LEGACY_AREAS):
        return why, "write the zone of the venue's city, such as Europe/Berlin or Asia/Tokyo"
    return None
