"""The briefing's account of the relationship: its history and agreements, the follow-ups
still open, and the sources cited."""

from __future__ import annotations

from dossier.briefing.document import (
    Block,
    BulletList,
    Line,
    NumberedList,
    Paragraph,
    Run,
    Subheading,
    Table,
    line,
)
from dossier.briefing.sides import BuilderParts, between
from dossier.model.dossier import is_upcoming
from dossier.model.records import (
    Agreement,
    Event,
)
from dossier.model.vocabulary import Audience
from dossier.phrases import place_of


class RelationshipSections(BuilderParts):
    """The sections a `_Builder` writes about the relationship; mixed into it."""

    def history(self) -> list[Block]:
        blocks: list[Block] = []
        events = [e for e in between(self.dossier, self.sides) if e is not self.visit]
        if events:
            rows = tuple(
                (
                    line(
                        Run(self.t.date_span(e.date, e.end), whole=True),
                        self.t(" (planned)") if is_upcoming(e, self.today) else None,
                    ),
                    line(self.t.text(e.title), self.citations.cite(e.sources)),
                    line(place_of(e, self.t.lang)),
                )
                for e in events
            )
            blocks.append(Table((self.t("Date"), self.t("Event"), self.t("Where")), rows))
        agreements = [
            a
            for a in self.dossier.agreements
            if set(a.parties) & self.sides.home_ids and set(a.parties) & self.sides.counterpart_ids
        ]
        if agreements:
            blocks.append(Subheading(self.t("Agreements")))
            for agreement in agreements:
                blocks += self._agreement_blocks(agreement)
        return blocks

    def _agreement_blocks(self, agreement: Agreement) -> list[Block]:
        parties = " ↔ ".join(self.label(p) for p in agreement.parties)
        title = line(
            Run(self.t.text(agreement.title), italic=True),
            f" — {parties}",
            self.citations.cite(agreement.sources),
        )
        facts: list[Line] = []
        for event in self.dossier.signings(agreement.id):
            facts.append(line(self._signing(event), self.citations.cite(event.sources)))
        facts.append(line(self.t("Status: {status}", status=self.t(agreement.status.value))))
        if agreement.expires:
            facts.append(line(self.t("Expires {date}", date=self.t.date(agreement.expires))))
        else:
            facts.append(line(self.t("No expiry recorded")))
        if agreement.renews:
            renewed = self.label(agreement.renews)
            facts.append(line(self.t("Renews: {agreement}", agreement=renewed)))
        blocks: list[Block] = [Paragraph(title), BulletList(tuple(facts))]
        if agreement.scope:
            blocks += [
                Paragraph(line(self.t("Scope:"))),
                BulletList(tuple(line(self.t.text(s)) for s in agreement.scope)),
            ]
        return blocks

    def _signing(self, event: Event) -> str:
        """`Signed 10 November 2017 in Munich by Prof. Dr. Horst Domdey for BioM …`."""
        t = self.t
        signatories = [
            t("{name} for {party}", name=self.person(p), party=self.label(part.for_))
            if part.for_
            else self.person(p)
            for p, part in self.dossier.signatories(event)
        ]
        date, place, names = t.date(event.date), t.text(event.place), t.join(signatories)
        if place and signatories:
            return t("Signed {date} in {place} by {names}", date=date, place=place, names=names)
        if signatories:
            return t("Signed {date} by {names}", date=date, names=names)
        if place:
            return t("Signed {date} in {place}", date=date, place=place)
        return t("Signed {date}", date=date)

    def follow_ups(self) -> list[Block]:
        events = between(self.dossier, self.sides)
        if self.visit and all(e.id != self.visit.id for e in events):
            events.append(self.visit)
        items = self.dossier.open_follow_ups(events, self.today)
        if not items:
            return []
        rows = []
        for item in items:
            due = Run(
                self.t.date(item.follow_up.due) if item.follow_up.due else self.t("no date"),
                whole=True,
            )
            # Our lateness is an internal matter: a partner's copy says what is due when.
            due_line = (
                line(Run(self.t("overdue"), bold=True), "\n", due)  # the date on a line of its own
                if item.is_overdue(self.today) and self.audience is Audience.INTERNAL
                else line(due)
            )
            owner = self.label(item.follow_up.owner) if item.follow_up.owner else ""
            rows.append((due_line, line(self.t.text(item.follow_up.action)), line(owner)))
        return [Table((self.t("Due"), self.t("Action"), self.t("Owner")), tuple(rows))]

    def sources(self) -> list[Block]:
        items = []
        for source in self.citations.sources():
            published = self.t.aside(self.t.date(source.published)) if source.published else ""
            publisher = f"{source.publisher}: " if source.publisher else ""
            url = Run(source.url, url=source.url) if source.url else None
            items.append(
                line(
                    f"{publisher}{self.t.text(source.title)}{published}",
                    " — " if url else None,
                    url,
                )
            )
        return [NumberedList(tuple(items))] if items else []
