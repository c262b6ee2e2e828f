"""The closed word lists of the data format: kinds of organisation, agreement and event, and
the states of an agreement. Plain enums, cheap to import: the command line offers them in
its help and checks its options against them without loading the models.
"""

from __future__ import annotations

import enum


class Audience(enum.StrEnum):
    """Who may read a record, an entry or a text: each reader also reads what is marked for a
    wider audience (internal reads everything, partner reads partner and public)."""

    INTERNAL = "internal"
    PARTNER = "partner"
    PUBLIC = "public"


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


IN_FORCE = frozenset({AgreementStatus.SIGNED, AgreementStatus.ACTIVE})
"""The statuses of an agreement in force: one that can expire, be renewed or be counted."""


class EventKind(enum.StrEnum):
    VISIT = "visit"
    MEETING = "meeting"
    SIGNING = "signing"
    RENEWAL = "renewal"
    CONFERENCE = "conference"
    CALL = "call"
    OTHER = "other"


class RecordKind(enum.StrEnum):
    """A section of the data file, and so a kind of record."""

    CLUSTERS = "clusters"
    ORGANISATIONS = "organisations"
    PEOPLE = "people"
    AGREEMENTS = "agreements"
    EVENTS = "events"
    SOURCES = "sources"
