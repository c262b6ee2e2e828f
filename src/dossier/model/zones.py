"""Time-zone names that are valid IANA names but the wrong thing to write in a dossier.

Fixed offsets (`EST`, `Etc/GMT-9`) and legacy aliases (`CET`, `Japan`, `US/Eastern`,
`Australia/NSW`) are still in the zone database, so they validate; but a fixed offset ignores
daylight saving (an agenda in `Etc/GMT+5` is an hour off all summer) and the aliases are kept
only for old systems. The data should name the zone of a city, `Area/City`, as the IANA
database itself advises.

Which names are aliases is read from the zone database that `zoneinfo` uses (the tzdata
package, a dependency): a link (`L target name` in `tzdata.zi`) whose name no country lists in
`zone.tab` is a backward-compatibility name, and its target is what to write instead.
"""

from __future__ import annotations

import functools
from pathlib import Path

_UNIVERSAL = frozenset({"Etc/UTC", "Etc/GMT"})
_LEGACY_AREAS = ("Etc/", "US/", "Canada/", "Mexico/", "Brazil/", "Chile/", "SystemV/")


def _zoneinfo_text(name: str) -> str:
    # The package's own folder: importlib.resources would cost more than reading the files.
    import tzdata  # type: ignore[import-untyped]  # a data package without type information

    return (Path(tzdata.__file__).parent / "zoneinfo" / name).read_text("utf-8")


@functools.cache
def legacy_links() -> dict[str, str]:
    """Backward-compatibility name → the zone it links to, from the installed zone database."""
    listed = {
        columns[2]
        for line in _zoneinfo_text("zone.tab").splitlines()
        if not line.startswith("#") and len(columns := line.split("\t")) > 2
    }
    links = {}
    for line in _zoneinfo_text("tzdata.zi").splitlines():
        if line.startswith("L "):
            _, target, name = line.split()
            if name not in listed:
                links[name] = target
    return links


def zone_advice(name: str) -> tuple[str, str] | None:
    """Why `name` is a poor choice and the hint what to write instead; None for a city zone.

    UTC itself, under any of its names, is fine (an online call has no venue); other names
    without an `Area/City` form, or in the legacy areas, are fixed offsets or aliases.
    """
    better = legacy_links().get(name)
    if name in _UNIVERSAL or better in _UNIVERSAL:
        return None
    why = f"'{name}' is a legacy or fixed-offset time zone name"
    if better is not None:
        return why, f"write {better}, the zone the time zone database keeps for it"
    if "/" not in name or name.startswith(_LEGACY_AREAS):
        return why, "write the zone of the venue's city, such as Europe/Berlin or Asia/Tokyo"
    return None
