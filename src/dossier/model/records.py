"""One dataclass per record kind, and the top level of a data file; Pydantic validates them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dossier.model.entries import AgendaItem as AgendaItem
from dossier.model.entries import Figure as Figure
from dossier.model.entries import FollowUp as FollowUp
from dossier.model.entries import FormerName as FormerName
from dossier.model.entries import Location as Location
from dossier.model.entries import Participant as Participant
from dossier.model.entries import Role as Role
from dossier.model.reachable import Email, Phone
from dossier.model.strict import Strict
from dossier.model.strict import field_alias as field_alias
from dossier.model.strict import field_docstrings as field_docstrings
from dossier.model.values import (
    FORMAT_VERSION,
    CountryCode,
    DossierLanguage,
    FormatVersion,
    LocalText,
    NoticeDays,
    PartialDate,
    Slug,
    Timezone,
    Url,
)
from dossier.model.vocabulary import (
    AgreementKind,
    AgreementStatus,
    Audience,
    EventKind,
    OrganisationKind,
)


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class Record(Strict):
    """Fields every record has."""

    id: Slug
    """Unique across the whole dossier; lower-case, digits, hyphens."""
    notes: LocalText | None = None
    """Uncertainty, protocol hints, provenance; internal unless marked otherwise
    (`{en: …, audience: partner}`)."""
    sources: list[Slug] = field(default_factory=list)
    """Ids of `sources` records."""
    verified: PartialDate | None = None
    """When the record's facts were last checked against a source (`dossier stale`)."""
    audience: Audience = Audience.PUBLIC
    """Who may read it: internal, partner or public (the default)."""


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class Cluster(Record):
    """A life-science cluster or innovation hub, as `dossier show` presents it."""

    name: LocalText
    """As the cluster calls itself in Latin script."""
    native_name: str | None = None
    """The name in its own script (キング スカイフロント)."""
    aliases: list[str] = field(default_factory=list)
    """Other names it is found by (`dossier show` matches them)."""
    managed_by: Slug | None = None
    """Id of the managing organisation."""
    city: LocalText | None = None
    """City it is in."""
    region: LocalText | None = None
    """Region, state or prefecture."""
    country: CountryCode | list[CountryCode] | None = None
    """ISO 3166-1 alpha-2 code (JP); a list where it spans countries."""
    timezone: Timezone | None = None
    """IANA time zone of its place (Asia/Tokyo), for agendas there."""
    location: Location | None = None
    """Where it is on the map: `{lat: 35.53, lon: 139.74, approximate: true}`."""
    founded: PartialDate | None = None
    """When it was founded (a partial date)."""
    website: Url | None = None
    """Its web address (http or https)."""
    focus: list[LocalText] = field(default_factory=list)
    """Fields it works in."""
    institutions: list[LocalText] = field(default_factory=list)
    """Institutions located there."""
    summary: LocalText | None = None
    """What it is, in a sentence or two."""
    figures: list[Figure] = field(default_factory=list)
    """Dated key numbers, each with its source."""


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class Organisation(Record):
    """A body that manages, signs or takes part: city office, ministry, company, university."""

    name: LocalText
    """As the organisation calls itself in Latin script."""
    native_name: str | None = None
    """The name in its own script (川崎市)."""
    aliases: list[str] = field(default_factory=list)
    """Other names it is found by (`dossier show` matches them)."""
    kind: OrganisationKind = OrganisationKind.OTHER
    """cluster-management, municipality, ministry, agency, consulate, university, research,
    company, association or other."""
    parent: Slug | None = None
    """Id of the organisation this one belongs to."""
    city: LocalText | None = None
    """City of its seat."""
    country: CountryCode | list[CountryCode] | None = None
    """ISO 3166-1 alpha-2 code; a list where it spans countries."""
    timezone: Timezone | None = None
    """IANA time zone of its seat."""
    location: Location | None = None
    """Where its seat is on the map: `{lat: 48.11, lon: 11.45}`."""
    founded: PartialDate | None = None
    """When it was founded (a partial date)."""
    website: Url | None = None
    """Its web address (http or https)."""
    summary: LocalText | None = None
    """What it is, in a sentence or two."""
    former_names: list[FormerName] = field(default_factory=list)
    """Names it had before, each with the date it changed."""
    email: list[Email] = field(default_factory=list)
    """E-mail addresses (their form is checked; no server is asked)."""
    phone: list[Phone] = field(default_factory=list)
    """Phone numbers with their country code (+81 44 200 2111), stored as written."""
    postal_address: LocalText | None = None
    """Where letters go; text, by language if need be."""
    contact_via: Slug | None = None
    """Id of the person to go through (an assistant, an office)."""
    contact_audience: Audience = Audience.INTERNAL
    """Who may read the contact details above: internal unless marked otherwise."""


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class Person(Record):
    """Someone to know before a meeting: names in Latin and native script, roles over time."""

    name: LocalText
    """As usually written in Latin script."""
    family_name: str | None = None
    """Family name in Latin script."""
    given_name: str | None = None
    """Given name in Latin script."""
    native_name: str | None = None
    """Native script, family name first."""
    reading: str | None = None
    """How the native name is read, for sorting and saying it: kana for a Japanese name,
    family name first and a space before the given name (ふくだ のりひこ)."""
    honorific: str | None = None
    """Title before the name (Prof. Dr.)."""
    address: LocalText | None = None
    """Form of address, by language: {en: "Mayor Fukuda", ja: 福田市長}."""
    aliases: list[str] = field(default_factory=list)
    """Other spellings the person is found by."""
    roles: list[Role] = field(default_factory=list)
    """Positions held, with organisation and dates; one without `until` is current."""
    languages: list[str] = field(default_factory=list)
    """Languages they speak (language codes)."""
    email: list[Email] = field(default_factory=list)
    """E-mail addresses (their form is checked; no server is asked)."""
    phone: list[Phone] = field(default_factory=list)
    """Phone numbers with their country code (+81 44 200 2111), stored as written."""
    postal_address: LocalText | None = None
    """Where letters go; text, by language if need be."""
    contact_via: Slug | None = None
    """Id of the person to go through (an assistant, an office)."""
    contact_audience: Audience = Audience.INTERNAL
    """Who may read the contact details above: internal unless marked otherwise."""

    def current_roles(self, today: dt.date) -> list[Role]:
        return [role for role in self.roles if role.is_current(today)]


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class Agreement(Record):
    """A memorandum, letter of intent or other agreement between parties, and its status."""

    kind: AgreementKind = AgreementKind.OTHER
    """mou, loi, cooperation, partnership, contract or other."""
    title: LocalText
    """The agreement's title as signed."""
    parties: list[Slug] = field(default_factory=list)
    """Ids of the organisations or clusters that are party to it."""
    status: AgreementStatus
    """draft, negotiating, signed, active, expired, terminated or superseded."""
    expires: PartialDate | None = None
    """When it ends, if it has an end date."""
    renews: Slug | None = None
    """Id of the agreement this one renews."""
    summary: LocalText | None = None
    """What it is about, in a sentence or two."""
    scope: list[LocalText] = field(default_factory=list)
    """What the parties agree to do, one item each."""


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class Event(Record):
    """A visit, meeting, signing or call, past or planned."""

    kind: EventKind = EventKind.OTHER
    """visit, meeting, signing, renewal, conference, call or other. A signing date is recorded
    as an event of kind signing with `agreement:`."""
    title: LocalText
    """What the event is, as a heading."""
    date: PartialDate
    end: PartialDate | None = None
    """Last day of an event of several days."""
    place: LocalText | None = None
    """City or place where it happens."""
    venue: LocalText | None = None
    """Building or room."""
    location: Location | None = None
    """Where the venue is on the map: `{lat: 35.53, lon: 139.74}`."""
    timezone: Timezone | None = None
    """Where the event happens, for the agenda."""
    agreement: Slug | None = None
    """Id of the agreement signed or renewed at it."""
    parties: list[Slug] = field(default_factory=list)
    """Ids of the organisations or clusters involved."""
    people: list[Slug | Participant] = field(default_factory=list)
    """Who took part: a person's id, or a mapping with person, role and for."""
    summary: LocalText | None = None
    """What happened, in a sentence or two."""
    purpose: LocalText | None = None
    """Why the visit or meeting takes place."""
    objectives: list[LocalText] = field(default_factory=list)
    """What it is meant to achieve, one item each."""
    outcomes: list[LocalText] = field(default_factory=list)
    """What came of it, one item each."""
    follow_ups: list[FollowUp] = field(default_factory=list)
    """Actions agreed at it: what, who, by when, done or not."""
    agenda: list[AgendaItem] = field(default_factory=list)
    """The programme, in local times at the venue."""

    def participants(self) -> list[Participant]:
        return [Participant(person=p) if isinstance(p, str) else p for p in self.people]

    def last_day(self) -> dt.date:
        return (self.end or self.date).end()


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class Source(Strict):
    """Where facts come from; records cite sources by id."""

    id: Slug
    title: LocalText
    """The title of the page or document."""
    publisher: str | None = None
    """Who published it."""
    url: Url | None = None
    """Where it can be read (http or https)."""
    published: PartialDate | None = None
    """When it was published."""
    language: str | None = None
    """Language code of the text (en, de, ja)."""
    notes: LocalText | None = None
    audience: Audience = Audience.PUBLIC
    """Who may read it: internal, partner or public (the default)."""


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


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class DossierFile(Strict):
    """The top level of a data file. Every section is optional."""

    version: FormatVersion | None = FORMAT_VERSION
    """Format version; absent means 1."""
    home: Slug | None = None
    """The cluster this dossier is kept by; briefings are written from its side."""
    lang: DossierLanguage | None = None
    """The language views and briefings use when no `--lang` is given (en, de or ja)."""
    expiry_notice: NoticeDays | None = None
    """Days before an agreement's `expires` from which `validate` warns (default 90)."""
    clusters: list[Cluster] = field(default_factory=list)
    """Life-science clusters and innovation hubs."""
    organisations: list[Organisation] = field(default_factory=list)
    """Bodies that manage, sign or take part."""
    people: list[Person] = field(default_factory=list)
    """People to know before a meeting."""
    agreements: list[Agreement] = field(default_factory=list)
    """Memoranda, letters of intent and other agreements."""
    events: list[Event] = field(default_factory=list)
    """Visits, meetings, signings and calls: the timeline."""
    sources: list[Source] = field(default_factory=list)
    """Where the facts come from."""


TOP_LEVEL_KEYS = tuple(field_alias(name) for name in DossierFile.__dataclass_fields__)
"""Every key a data file may have at its top level, in the order of the data format."""
SETTINGS = tuple(key for key in TOP_LEVEL_KEYS if key not in SECTIONS)
"""The top-level keys that are settings of the whole dossier, not sections of records."""


SECTION_OF_KIND: dict[str, str] = {
    **{KIND_NAMES[model]: section for section, model in SECTIONS.items()},
    "organization": "organisations",
}
"""A kind of record as commands name it (`person`) → its section (`people`)."""


def section_named(word: str) -> str | None:
    """The section a command's KIND names, by kind (`person`) or section (`people`)."""
    word = word.lower()
    return word if word in SECTIONS else SECTION_OF_KIND.get(word)


LIST_ITEMS: dict[str, tuple[type[AnyRecord], str]] = {
    "role": (Person, "roles"),
    "follow-up": (Event, "follow_ups"),
    "agenda": (Event, "agenda"),
    "participant": (Event, "people"),
    "figure": (Cluster, "figures"),
    "former-name": (Organisation, "former_names"),
}
"""The items `dossier add` puts into a record's list: the kind of record, the list."""


def kind_of(record: AnyRecord) -> str:
    return KIND_NAMES[type(record)]


def display_text(record: AnyRecord) -> LocalText:
    """What a record is called in views: a name, or for agreements, events and sources a title."""
    return record.title if isinstance(record, Agreement | Event | Source) else record.name
