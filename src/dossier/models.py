"""One Pydantic model per record kind, and the top level of a data file."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StrictBool, model_validator

from dossier.types import (
    ClockTime,
    CountryCode,
    LocalText,
    PartialDate,
    Slug,
    Timezone,
    Url,
)

_SHARED_FIELD_SETS: dict[frozenset[str], frozenset[str]] = {}


class _Strict(BaseModel):
    """Frozen, and unknown keys are errors: a typo must never vanish silently."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        populate_by_name=True,
        use_enum_values=False,
        str_strip_whitespace=False,
        # Validators are built on first use: a dossier read back from the cache needs none.
        defer_build=True,
    )

    @model_validator(mode="after")
    def _share_fields_set(self) -> Self:
        # Pydantic keeps a set of the fields given for every instance, nested ones included:
        # in a 100,000-record dossier that is over a hundred megabytes of identical sets. The
        # models are frozen, so the set never changes and one copy per combination serves.
        given = frozenset(self.__pydantic_fields_set__)
        object.__setattr__(
            self, "__pydantic_fields_set__", _SHARED_FIELD_SETS.setdefault(given, given)
        )
        return self


class Record(_Strict):
    """Fields every record has."""

    id: Slug = Field(description="Unique across the whole dossier; lower-case, digits, hyphens.")
    notes: LocalText | None = Field(None, description="Uncertainty, protocol hints, provenance.")
    sources: list[Slug] = Field(default_factory=list, description="Ids of `sources` records.")


class OrganisationKind(enum.StrEnum):
    CLUSTER_MANAGEMENT = "cluster-management"
    MUNICIPALITY = "municipality"
    MINISTRY = "ministry"
    AGENCY = "agency"
    CONSULATE = "consulate"
    UNIVERSITY = "university"
    RESEARCH = "research"
    COMPANY = "company"
    ASSOCIATION = "association"
    OTHER = "other"


class AgreementKind(enum.StrEnum):
    MOU = "mou"
    LOI = "loi"
    COOPERATION = "cooperation"
    PARTNERSHIP = "partnership"
    CONTRACT = "contract"
    OTHER = "other"


class AgreementStatus(enum.StrEnum):
    DRAFT = "draft"
    NEGOTIATING = "negotiating"
    SIGNED = "signed"
    ACTIVE = "active"
    EXPIRED = "expired"
    TERMINATED = "terminated"
    SUPERSEDED = "superseded"


class EventKind(enum.StrEnum):
    VISIT = "visit"
    MEETING = "meeting"
    SIGNING = "signing"
    RENEWAL = "renewal"
    CONFERENCE = "conference"
    CALL = "call"
    OTHER = "other"


class Figure(_Strict):
    """A dated key number with its source."""

    label: LocalText
    value: int | float | str
    unit: str | None = None
    as_of: PartialDate | None = None
    source: Slug | None = None
    notes: LocalText | None = None


class Cluster(Record):
    name: LocalText
    native_name: str | None = None
    aliases: list[str] = Field(default_factory=list)
    managed_by: Slug | None = Field(None, description="Id of the managing organisation.")
    city: str | None = None
    region: str | None = None
    country: CountryCode | list[CountryCode] | None = None
    timezone: Timezone | None = None
    founded: PartialDate | None = None
    website: Url | None = None
    focus: list[str] = Field(default_factory=list)
    institutions: list[str] = Field(default_factory=list)
    summary: LocalText | None = None
    figures: list[Figure] = Field(default_factory=list)


class FormerName(_Strict):
    name: LocalText
    until: PartialDate | None = None
    notes: LocalText | None = None


class Organisation(Record):
    name: LocalText
    native_name: str | None = None
    aliases: list[str] = Field(default_factory=list)
    kind: OrganisationKind = OrganisationKind.OTHER
    parent: Slug | None = Field(None, description="Id of the organisation this one belongs to.")
    city: str | None = None
    country: CountryCode | list[CountryCode] | None = None
    timezone: Timezone | None = None
    founded: PartialDate | None = None
    website: Url | None = None
    summary: LocalText | None = None
    former_names: list[FormerName] = Field(default_factory=list)


class Role(_Strict):
    title: LocalText
    organisation: Slug | None = None
    since: PartialDate | None = None
    until: PartialDate | None = None
    notes: LocalText | None = None

    def is_current(self, today: dt.date) -> bool:
        """A role with no `until`, or an `until` not yet past, is current."""
        return self.until is None or self.until.end() >= today


class Person(Record):
    name: str = Field(description="As usually written in Latin script.")
    family_name: str | None = None
    given_name: str | None = None
    native_name: str | None = Field(None, description="Native script, family name first.")
    honorific: str | None = Field(None, examples=["Prof. Dr."])
    address: LocalText | None = Field(
        None, description='Form of address, by language: {en: "Mayor Fukuda", ja: 福田市長}.'
    )
    aliases: list[str] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)

    def current_roles(self, today: dt.date) -> list[Role]:
        return [role for role in self.roles if role.is_current(today)]


class Agreement(Record):
    kind: AgreementKind = AgreementKind.OTHER
    title: LocalText
    parties: list[Slug] = Field(default_factory=list)
    status: AgreementStatus
    expires: PartialDate | None = None
    renews: Slug | None = Field(None, description="Id of the agreement this one renews.")
    summary: LocalText | None = None
    scope: list[LocalText] = Field(default_factory=list)


class Participant(_Strict):
    person: Slug
    role: str | None = None
    for_: Slug | None = Field(None, alias="for", description="On whose behalf.")


class FollowUp(_Strict):
    action: LocalText
    owner: Slug | None = None
    due: PartialDate | None = None
    done: StrictBool = False  # `done: yes` is the text "yes" in YAML 1.2, not true
    notes: LocalText | None = None


class AgendaItem(_Strict):
    date: PartialDate | None = Field(None, description="The day, for events of several days.")
    time: ClockTime = Field(description='Local time at the event\'s place, quoted: "09:30".')
    end: ClockTime | None = None
    title: LocalText
    people: list[Slug] = Field(default_factory=list)
    place: str | None = None
    notes: LocalText | None = None


class Event(Record):
    kind: EventKind = EventKind.OTHER
    title: LocalText
    date: PartialDate
    end: PartialDate | None = None
    place: str | None = None
    venue: str | None = None
    timezone: Timezone | None = Field(None, description="Where the event happens, for the agenda.")
    agreement: Slug | None = None
    parties: list[Slug] = Field(default_factory=list)
    people: list[Slug | Participant] = Field(default_factory=list)
    summary: LocalText | None = None
    purpose: LocalText | None = None
    objectives: list[LocalText] = Field(default_factory=list)
    outcomes: list[LocalText] = Field(default_factory=list)
    follow_ups: list[FollowUp] = Field(default_factory=list)
    agenda: list[AgendaItem] = Field(default_factory=list)

    def participants(self) -> list[Participant]:
        return [Participant(person=p) if isinstance(p, str) else p for p in self.people]

    def last_day(self) -> dt.date:
        return (self.end or self.date).end()


class Source(_Strict):
    id: Slug
    title: LocalText
    publisher: str | None = None
    url: Url | None = None
    published: PartialDate | None = None
    language: str | None = None
    notes: LocalText | None = None


AnyRecord = Cluster | Organisation | Person | Agreement | Event | Source

SECTIONS: dict[str, type[Cluster | Organisation | Person | Agreement | Event | Source]] = {
    "clusters": Cluster,
    "organisations": Organisation,
    "people": Person,
    "agreements": Agreement,
    "events": Event,
    "sources": Source,
}
"""Top-level section name → model of its records, in the order files and exports use."""

KIND_NAMES: dict[type[AnyRecord], str] = {
    Cluster: "cluster",
    Organisation: "organisation",
    Person: "person",
    Agreement: "agreement",
    Event: "event",
    Source: "source",
}


class DossierFile(_Strict):
    """The top level of a data file. Every section is optional."""

    version: Literal[1] = Field(1, description="Format version; absent means 1.")
    home: Slug | None = Field(
        None,
        description="The cluster this dossier is kept by; briefings are written from its side.",
    )
    clusters: list[Cluster] = Field(default_factory=list)
    organisations: list[Organisation] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    agreements: list[Agreement] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)


def kind_of(record: AnyRecord) -> str:
    return KIND_NAMES[type(record)]
