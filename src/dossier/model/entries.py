"""The entries inside records: figures, former names, roles, participants, follow-ups and
agenda items."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated

from dossier.model.strict import Strict
from dossier.model.values import (
    Checked,
    ClockTime,
    FiniteNumber,
    LocalText,
    PartialDate,
    Slug,
    StrictBool,
    Strictly,
    invalid,
)
from dossier.model.vocabulary import Audience


def _number(value: float) -> str:
    """A number as it was written: `95` for 95, not `95.0`."""
    return str(int(value)) if value.is_integer() else repr(value)


def _degrees(limit: int, axis: str) -> Callable[[float], float]:
    def check(value: float) -> float:
        # NaN and the infinities fail the comparison too.
        if not -limit <= value <= limit:
            raise invalid(
                "degrees",
                "{value} is not a {axis} from -{limit} to {limit} degrees",
                {"value": _number(value), "axis": axis, "limit": limit},
            )
        return value

    return check


Latitude = Annotated[
    float, Strictly("float"), Checked(_degrees(90, "latitude"), (("minimum", -90), ("maximum", 90)))
]
Longitude = Annotated[
    float,
    Strictly("float"),
    Checked(_degrees(180, "longitude"), (("minimum", -180), ("maximum", 180))),
]


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class Location(Strict):
    """A point on the map in WGS 84 degrees (as GPS and web maps give them)."""

    lat: Latitude
    """Latitude: degrees north of the equator, negative to the south (35.53)."""
    lon: Longitude
    """Longitude: degrees east of Greenwich, negative to the west (139.74)."""
    approximate: StrictBool = False
    """true where the point marks the area (a campus, a district), not the building."""
    audience: Audience = Audience.PUBLIC
    """Who may read it: internal, partner or public (the default)."""


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class Figure(Strict):
    """A dated key number with its source."""

    label: LocalText
    """What is counted (Institutions)."""
    value: FiniteNumber | int | str
    """The number, or a text such as "about 70"."""
    unit: str | None = None
    """Unit of the value (ha, EUR million), if any."""
    as_of: PartialDate | None = None
    """When the number was true."""
    source: Slug | None = None
    """Id of the source it comes from."""
    verified: PartialDate | None = None
    """When this was last checked against a source (`dossier stale`)."""
    notes: LocalText | None = None
    audience: Audience = Audience.PUBLIC
    """Who may read it: internal, partner or public (the default)."""


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class FormerName(Strict):
    """A name an organisation used before, and until when."""

    name: LocalText
    """The former name."""
    until: PartialDate | None = None
    """When it stopped being used, if known."""
    notes: LocalText | None = None
    audience: Audience = Audience.PUBLIC
    """Who may read it: internal, partner or public (the default)."""


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class Role(Strict):
    """A position a person holds or held, in an organisation."""

    title: LocalText
    """The position (Mayor)."""
    organisation: Slug | None = None
    """Id of the organisation or cluster where it is held."""
    since: PartialDate | None = None
    """When it began."""
    until: PartialDate | None = None
    """When it ended; a partial date ends at the end of its month or year."""
    verified: PartialDate | None = None
    """When this was last checked against a source (`dossier stale`)."""
    notes: LocalText | None = None
    audience: Audience = Audience.PUBLIC
    """Who may read it: internal, partner or public (the default)."""

    def is_current(self, today: dt.date) -> bool:
        """A role with no `until`, or an `until` not yet past, is current."""
        return self.until is None or self.until.end() >= today


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class Participant(Strict):
    """A person at an event, the part they play and on whose behalf."""

    person: Slug
    """Id of the person."""
    role: LocalText | None = None
    """The part they play: signatory, host, head of delegation…"""
    for_: Slug | None = None
    """On whose behalf."""
    audience: Audience = Audience.PUBLIC
    """Who may read it: internal, partner or public (the default)."""


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class FollowUp(Strict):
    """Something promised at an event: what, by whom, by when, and whether it is done."""

    action: LocalText
    """What is to be done."""
    owner: Slug | None = None
    """Id of the person, organisation or cluster who owes it."""
    due: PartialDate | None = None
    """By when."""
    done: StrictBool = False  # `done: yes` is the text "yes" in YAML 1.2, not true
    """true once it is done (only true or false)."""
    done_on: PartialDate | None = None
    """When it was done; a follow-up with this date is done (`done: true` may be left out)."""
    notes: LocalText | None = None
    audience: Audience = Audience.PUBLIC
    """Who may read it: internal, partner or public (the default)."""

    @property
    def is_done(self) -> bool:
        return self.done or self.done_on is not None


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class AgendaItem(Strict):
    """One slot of an event's programme, in the local time of the event."""

    id: Slug | None = None
    """Names the item within its event, so that calendars keep it when the programme changes
    (otherwise its day and time name it)."""
    date: PartialDate | None = None
    """The day, for events of several days."""
    time: ClockTime
    """Local time at the event's place, quoted: "09:30"."""
    end: ClockTime | None = None
    """Local end time, quoted: "10:30"; an end at or before `time` is on the next day."""
    title: LocalText
    """What happens in this slot."""
    people: list[Slug] = field(default_factory=list)
    """Ids of the people who take part in this slot."""
    place: LocalText | None = None
    """Where in the event's place, if it is not the event's venue."""
    location: Location | None = None
    """Where that place is on the map, if it is not the event's venue."""
    notes: LocalText | None = None
    audience: Audience | None = None
    """Who may read it: internal, partner or public. Unmarked it is public, except that the
    public reads an item of an event still to come only when it is marked public: the time
    and place of people's appointments are announced only when someone decided so."""
