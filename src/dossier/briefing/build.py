"""Dossier + target → `Briefing`: what a delegation reads before it travels, as plain data.

Written from the home side (the dossier's `home`, or `--from`) about a counterpart: a cluster
or organisation, and optionally a visit to it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dossier.briefing.agenda import AgendaSection
from dossier.briefing.document import (
    Block,
    Briefing,
    BulletList,
    Line,
    Paragraph,
    Run,
    Section,
    Subheading,
    Table,
    line,
)
from dossier.briefing.formats import Paper, paper_for
from dossier.briefing.relationship import RelationshipSections
from dossier.briefing.sides import Citations, resolve_sides
from dossier.briefing.since import SinceSection
from dossier.errors import FieldPath, UsageError
from dossier.i18n import Translator
from dossier.model.audience import for_audience
from dossier.model.dossier import Dossier
from dossier.model.reachable import international
from dossier.model.records import (
    Agreement,
    AnyRecord,
    Cluster,
    Event,
    Organisation,
    Person,
    display_text,
)
from dossier.model.stale import DEFAULT_STALE_AFTER, Fact, stale_facts
from dossier.model.vocabulary import Audience
from dossier.phrases import formal_name, place_of, role_span, with_native


@dataclass
class _Builder(AgendaSection, RelationshipSections, SinceSection):
    stale: dict[tuple[str, FieldPath], Fact]
    """Facts last checked longer ago than the limit, by record and place: marked for the
    reader, who should not take them as current without asking."""

    def checked(self, record_id: str, path: FieldPath) -> str | None:
        """` [last checked March 2019]` for a fact gone stale, else None."""
        fact = self.stale.get((record_id, path))
        if fact is None:
            return None
        if fact.as_of is None:
            return self.t(" [not checked against a dated source]")
        return self.t(" [last checked {date}]", date=self.t.date(fact.as_of))

    def named(self, record: Cluster | Organisation) -> str:
        return with_native(self.t.text(record.name), record.native_name)

    def label(self, record_id: str) -> str:
        record = self.dossier.get(record_id)
        if record is None:
            return record_id
        if isinstance(record, Person):
            return self.person(record)
        return self.t.text(display_text(record))

    def person(self, person: Person) -> str:
        """The name a reader of this language expects (see `phrases.formal_name`)."""
        return formal_name(person, self.t)

    def cover(self, audience: Audience) -> tuple[str, list[Line]]:
        counterpart = self.sides.counterpart
        t = self.t
        where = t.text(counterpart.city)
        subject = t.text(self.visit.title) if self.visit else t.text(counterpart.name)
        title = t("Briefing: {subject}", subject=subject)
        if not self.visit and where:
            title = t.join([title, where])
        lines = [line(t("Counterpart: "), Run(self.named(counterpart), bold=True))]
        if self.visit:
            when = self.t.date_span(self.visit.date, self.visit.end)
            place = place_of(self.visit, t.lang)
            lines.append(line(t("Visit: "), Run(when, bold=True), f" · {place}" if place else None))
        home = t.text(self.sides.home.name)
        lines.append(line(t("Prepared for {home} on {date}", home=home, date=t.date(self.today))))
        lines.append(line(t(READERS[audience])))
        return title, lines

    def purpose(self) -> list[Block]:
        if self.visit is None:
            return []
        blocks: list[Block] = []
        if self.visit.purpose:
            blocks.append(Paragraph(line(self.t.text(self.visit.purpose))))
        if self.visit.objectives:
            blocks.append(BulletList(tuple(line(self.t.text(o)) for o in self.visit.objectives)))
        return blocks

    def whos_who(self) -> list[Block]:
        """Each person as a name line, a role line and their notes beneath, kept together:
        notes read as a paragraph, not squeezed into a narrow column."""
        blocks: list[Block] = []
        for label, ids in (
            (self.t("Their side"), self.sides.counterpart_ids),
            (self.t("Our side"), self.sides.home_ids),
        ):
            people = self._people_of(ids)
            if not people:
                continue
            blocks.append(Subheading(label))
            for person in people:
                name, role, notes = self._person_row(person)
                contact = self._contact(person)
                blocks.append(Paragraph(name, keep_with_next=True))
                if role:
                    keep = bool(notes or contact)
                    blocks.append(Paragraph(role, keep_with_next=keep, indent=True))
                if contact:
                    blocks.append(Paragraph(contact, keep_with_next=bool(notes), indent=True))
                if notes:
                    blocks.append(Paragraph(notes, indent=True))
        return blocks

    def _contact(self, person: Person) -> Line:
        """`Contact: +81 44-200-2111, name@example.org, via …`: for readers the data lets
        read it (contact details are internal unless marked otherwise)."""
        details = [*(international(p) for p in person.phone), *person.email]
        if person.postal_address:
            details.append(self.t.text(person.postal_address))
        if person.contact_via:
            details.append(self.t("via {person}", person=self.label(person.contact_via)))
        if not details:
            return ()
        return line(self.t("Contact: {details}", details=self.t.join(details)))

    def _people_of(self, ids: frozenset[str]) -> list[Person]:
        found: dict[str, Person] = {}
        if self.visit:
            for participant in self.visit.participants():
                person = self.dossier.get(participant.person)
                if isinstance(person, Person) and (
                    participant.for_ in ids
                    or any(r.organisation in ids for r in person.current_roles(self.today))
                ):
                    found[person.id] = person
        for appointment in self.dossier.appointments_at(sorted(ids), self.today):
            found.setdefault(appointment.person.id, appointment.person)
        return list(found.values())

    def _person_row(self, person: Person) -> tuple[Line, ...]:
        name = self.person(person)
        # The other script beside the one the reader's language leads with.
        other = formal_name(person) if self.t.lang == "ja" else person.native_name
        name_line = line(Run(name, bold=True), f" · {other}" if other and other != name else None)
        t = self.t
        current = person.current_roles(self.today)
        roles = "; ".join(
            t(
                "{title}, {organisation}",
                title=t.text(r.title),
                organisation=self.label(r.organisation),
            )
            if r.organisation
            else t.text(r.title)
            for r in current
        )
        spans = [span for r in current if (span := role_span(r, t, t.date))]
        marks = {
            mark
            for index, role in enumerate(person.roles)
            if role in current and (mark := self.checked(person.id, ("roles", index)))
        }
        role_line = line(
            roles, self.t.aside("; ".join(spans)) if spans else None, *sorted(marks)[:1]
        )
        notes = [self.t.text(person.notes)] if person.notes else []
        notes += self._signatures(person)
        if self.visit:
            for participant in self.visit.participants():
                if participant.person == person.id and participant.role:
                    role = self.t.text(participant.role)
                    notes.insert(0, self.t("On this visit: {role}.", role=role))
        return (name_line, role_line, line(" ".join(notes)))

    def _signatures(self, person: Person) -> list[str]:
        """`Signed the … on 24 November 2017.` for every agreement the person signed."""
        notes = []
        for event in self.dossier.events_mentioning([person.id]):
            agreement = self._agreement(event)
            signed = any(p.id == person.id for p, _ in self.dossier.signatories(event))
            if agreement is not None and signed:
                notes.append(
                    self.t(
                        "Signed the {agreement} on {date}.",
                        agreement=self.t.text(agreement.title),
                        date=self.t.date(event.date),
                    )
                )
        return notes

    def _agreement(self, event: Event) -> Agreement | None:
        found = self.dossier.get(event.agreement) if event.agreement else None
        return found if isinstance(found, Agreement) else None

    def profile(self) -> list[Block]:
        counterpart = self.sides.counterpart
        blocks: list[Block] = []
        facts = [self.named(counterpart)]
        region = counterpart.region if isinstance(counterpart, Cluster) else None
        countries = counterpart.country
        codes = [countries] if isinstance(countries, str) else countries or []
        location = self.t.join(
            [self.t.text(p) for p in (counterpart.city, region) if p]
            + [self.t.country(code) for code in codes]
        )
        if location:
            facts.append(location)
        if isinstance(counterpart, Cluster) and counterpart.managed_by:
            manager = self.dossier.get(counterpart.managed_by)
            if isinstance(manager, Organisation):
                facts.append(self.t("managed by {organisation}", organisation=self.named(manager)))
        if counterpart.founded:
            facts.append(self.t("founded {date}", date=self.t.date(counterpart.founded)))
        blocks.append(Paragraph(line(" · ".join(facts), self.citations.cite(counterpart.sources))))
        if counterpart.summary:
            blocks.append(Paragraph(line(self.t.text(counterpart.summary))))
        if counterpart.website:
            blocks.append(
                Paragraph(
                    line(self.t("Website: "), Run(counterpart.website, url=counterpart.website))
                )
            )
        if isinstance(counterpart, Cluster):
            if counterpart.focus:
                focus = self.t.join(self.t.text(f) for f in counterpart.focus)
                blocks.append(Paragraph(line(self.t("Focus: ") + focus)))
            if counterpart.institutions:
                blocks += [
                    Subheading(self.t("Institutions")),
                    BulletList(tuple(line(self.t.text(i)) for i in counterpart.institutions)),
                ]
            if counterpart.figures:
                rows = tuple(
                    (
                        line(self.t.text(f.label)),
                        line(f"{f.value} {f.unit}" if f.unit else str(f.value)),
                        line(
                            Run(self.t.date(f.as_of), whole=True)
                            if f.as_of
                            else self.t("date not recorded"),
                            self.checked(counterpart.id, ("figures", index)),
                        ),
                        line(self.citations.label([f.source] if f.source else [])),
                    )
                    for index, f in enumerate(counterpart.figures)
                )
                blocks += [
                    Subheading(self.t("Key figures")),
                    Table(
                        (self.t("Figure"), self.t("Value"), self.t("As of"), self.t("Source")),
                        rows,
                    ),
                ]
        return blocks


CLASSIFICATIONS = {
    Audience.INTERNAL: "Internal",
    Audience.PARTNER: "Shareable with partners",
    Audience.PUBLIC: "Public",
}
READERS = {
    Audience.INTERNAL: "Written for internal readers",
    Audience.PARTNER: "Written for our partners",
    Audience.PUBLIC: "Written for the public",
}


def _readable(dossier: Dossier, record: AnyRecord, audience: Audience) -> AnyRecord:
    """The record as the audience's dossier holds it; an error if it is withheld from it."""
    found = dossier.get(record.id)
    if found is None:
        raise UsageError(
            f"'{record.id}' is not for the {audience.value} audience: the data marks it (or a"
            " field it needs) for fewer readers"
        )
    return found


def _connections(
    dossier: Dossier,
    centre: str,
    t: Translator,
    today: dt.date,
    graph_file: str | None,
    audience: Audience,
) -> list[Section]:
    if graph_file is None or audience is Audience.PUBLIC:
        return []
    from dossier.briefing.connections import connections_picture

    picture = connections_picture(dossier, centre, t, today, graph_file)
    return [Section(t("Connections"), (picture,))] if picture else []


def build_briefing(
    dossier: Dossier,
    target: AnyRecord,
    *,
    today: dt.date,
    visit: Event | None = None,
    home_id: str | None = None,
    classification: str | None = None,
    translator: Translator | None = None,
    stale_after: dt.timedelta | None = DEFAULT_STALE_AFTER,
    audience: Audience = Audience.INTERNAL,
    paper: Paper | None = None,
    template_paper: bool = False,
    graph_file: str | None = None,
) -> Briefing:
    """The briefing for `target` (a cluster, an organisation, or a visit event), with only
    what `audience` may read.

    `classification` defaults to the audience's in the briefing's language, and is printed as
    given ("" for none); `translator` defaults to English. For internal readers, facts last
    checked more than `stale_after` ago are marked (None: none are). The paper is `paper`,
    else the template's (`template_paper`), else the one of the home side's country.
    `graph_file` adds a picture of the counterpart's connections after "Who's who" (its SVG
    named so beside Markdown), for internal and partner readers; it needs Graphviz.
    """
    t = translator or Translator("en")
    dossier = for_audience(dossier, audience, today=today)
    target = _readable(dossier, target, audience)
    if visit is not None:
        found = _readable(dossier, visit, audience)
        visit = found if isinstance(found, Event) else None
    if visit is None and isinstance(target, Event):
        visit = target
    sides = resolve_sides(dossier, target, home_id)
    stale = {}
    if stale_after is not None and audience is Audience.INTERNAL:
        stale = {(f.record, f.path): f for f in stale_facts(dossier, today, stale_after)}
    builder = _Builder(dossier, sides, visit, today, Citations(dossier), t, audience, stale)
    title, cover = builder.cover(audience)
    sections = [
        Section(t("Since the last visit"), tuple(builder.since_last_visit())),
        Section(t("Purpose and objectives"), tuple(builder.purpose())),
        Section(t("Agenda"), tuple(builder.agenda())),
        Section(t("Who's who"), tuple(builder.whos_who())),
        *_connections(dossier, sides.counterpart.id, t, today, graph_file, audience),
        Section(t("Counterpart profile"), tuple(builder.profile())),
        Section(t("Relationship history"), tuple(builder.history())),
        Section(t("Open follow-ups"), tuple(builder.follow_ups())),
    ]
    # Sources last: every other section has cited what it needed by now.
    sections.append(Section(t("Sources"), tuple(builder.sources())))
    counterpart_name = t.text(sides.counterpart.name)
    shown_classification = (
        t(CLASSIFICATIONS[audience]) if classification is None else classification
    )
    home_name = t.text(sides.home.name)
    return Briefing(
        title=title,
        cover=tuple(cover),
        classification=shown_classification,
        sections=tuple(s for s in sections if s.blocks),
        subject=t(
            "Briefing on {counterpart} for {home}", counterpart=counterpart_name, home=home_name
        ),
        author=home_name,
        prepared=today,
        keywords=(t("briefing"), counterpart_name, sides.counterpart.id),
        language=t.lang,
        page_label=tuple(t.parts("Page {page} of {pages}")),
        paper=paper or (None if template_paper else paper_for(sides.home.country)),
        template_values=(
            ("title", title),
            ("counterpart", counterpart_name),
            ("date", t.date(today)),
            ("classification", shown_classification),
            ("audience", t(READERS[audience])),
            ("home", home_name),
        ),
    )
