"""Plain-text phrases shared by every view: names, date spans, roles, places."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING

from dossier.i18n import separator
from dossier.model.dossier import Dossier
from dossier.model.records import Event, Location, Person, Role
from dossier.model.values import PartialDate, text_in

if TYPE_CHECKING:
    from dossier.i18n import Translator


def person_name(person: Person, *, honorific: bool = True, lang: str = "en") -> str:
    """`Prof. Dr. Horst Domdey`: the name as written in Latin script (or as the data gives it
    for `lang`), with honorific."""
    name = text_in(person.name, lang)
    if honorific and person.honorific:
        return f"{person.honorific} {name}"
    return name


def with_native(name: str, native: str | None, template: str = "{name} ({native})") -> str:
    """`City of Kawasaki (川崎市)`: the name and its native form, unless they are the same."""
    if not native or native == name:
        return name
    return template.format(name=name, native=native)


def coordinates(location: Location | None, t: Translator) -> str | None:
    """`35.5300, 139.7400 (approximate)`: latitude and longitude in degrees, in the order map
    programs take them."""
    if location is None:
        return None
    point = f"{location.lat:.4f}, {location.lon:.4f}"
    return point + t.aside(t("approximate")) if location.approximate else point


def map_link(location: Location) -> str:
    """The point on OpenStreetMap, with a marker: closer in for a building than for an area."""
    zoom = 15 if location.approximate else 17
    lat, lon = f"{location.lat:.5f}", f"{location.lon:.5f}"
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map={zoom}/{lat}/{lon}"


def is_wide(character: str) -> bool:
    """A wide (East Asian) character: two columns in a terminal, a full em on paper."""
    return unicodedata.east_asian_width(character) in "WF"


def display_width(text: str) -> int:
    """The columns a text takes in a terminal."""
    return sum(2 if is_wide(c) else 1 for c in text)


def report_title(dossier: Dossier, year: int, t: Translator) -> str:
    """`Yearly report 2026: Munich Biotech Cluster`."""
    if dossier.home is None:
        return t("Yearly report {year}", year=year)
    return t("Yearly report {year}: {home}", year=year, home=dossier.label(dossier.home, t.lang))


def counted_up_to(day: dt.date, t: Translator) -> str:
    """`Counted up to 25 November 2026`: the last day a report counts."""
    return t("Counted up to {day}", day=t.date(day))


def date_span(start: PartialDate, end: PartialDate | None = None) -> str:
    """`2017-11-10`, or `2017-11-10 – 2017-11-12` for a multi-day event."""
    if end is None or end == start:
        return str(start)
    return f"{start} – {end}"


def role_span(
    role: Role, phrase: Callable[..., str], date: Callable[[PartialDate], str] = str
) -> str:
    """`since 2013-11-19`, `1997 – 2022-12-31`, `until 2018`, or "".

    `phrase` turns a catalogue message and its values into the reader's language (a
    `Translator`, or the terminal viewer's `t`); `date` writes a date (ISO by default).
    """
    if role.since and role.until:
        return phrase("{start} – {end}", start=date(role.since), end=date(role.until))
    if role.since:
        return phrase("since {date}", date=date(role.since))
    if role.until:
        return phrase("until {date}", date=date(role.until))
    return ""


def role_line(dossier: Dossier, role: Role, lang: str = "en") -> str:
    """`Mayor of Kawasaki, City of Kawasaki`."""
    from dossier.model.values import text_in

    title = text_in(role.title, lang)
    if role.organisation:
        return f"{title}, {dossier.label(role.organisation, lang)}"
    return title


def place_of(event: Event, lang: str = "en") -> str:
    """`Kawasaki City Hall, Kawasaki`, or whichever part is known, in `lang` where the data
    has it."""
    return separator(lang).join(text_in(part, lang) for part in (event.venue, event.place) if part)


def names(dossier: Dossier, ids: list[str], lang: str = "en") -> str:
    return separator(lang).join(dossier.label(i, lang) for i in ids)


def today_from(value: str | None) -> dt.date:
    """Today, or the ISO date given (the `DOSSIER_TODAY` setting, for reproducible output)."""
    if not value:
        return dt.date.today()
    return dt.date.fromisoformat(value)


_SCRIPTS = (
    ("kana", re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")),
    ("hangul", re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")),
    ("han", re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")),
)


def east_asian_script(text: str) -> str | None:
    """`kana` for a text with any kana (Japanese), `hangul` (Korean), `han` for Han characters
    alone (Chinese, or Japanese or Korean written without kana or Hangul); None for others."""
    return next((name for name, characters in _SCRIPTS if characters.search(text)), None)


def family_name_first(person: Person) -> bool:
    """Names whose native script puts the family name first (Japanese, Chinese, Korean)."""
    return bool(person.native_name and east_asian_script(person.native_name))


def formal_name(person: Person, translator: Translator | None = None) -> str:
    """`FUKUDA Norihiko` for names written family name first, else `Prof. Dr. Horst Domdey`.

    The family name in capitals tells a reader of either tradition which name is which. In
    Japanese, a name with a native form is written in it, family name first, with the form
    of address the data gives (`address`), or else the honorific 様.
    """
    if translator is not None and translator.lang == "ja" and person.native_name:
        if isinstance(person.address, dict) and person.address.get("ja"):
            return person.address["ja"]
        return f"{person.native_name} 様"
    if family_name_first(person) and person.family_name and person.given_name:
        name = f"{person.family_name.upper()} {person.given_name}"
        return f"{person.honorific} {name}" if person.honorific else name
    return person_name(person, lang=translator.lang if translator else "en")
