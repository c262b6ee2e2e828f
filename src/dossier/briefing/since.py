"""The visit briefing's opening section: what happened since the last contact."""

from __future__ import annotations

from dossier.briefing.document import Block, BulletList, Line, Paragraph, Run, line
from dossier.briefing.sides import BuilderParts, between
from dossier.model.dossier import is_upcoming
from dossier.model.since import Change, Happening, changes_since, previous_contact


class SinceSection(BuilderParts):
    """What a `_Builder` writes about the time since the last visit; mixed into it."""

    def since_last_visit(self) -> list[Block]:
        """Empty for a briefing without a visit: there is no 'since' without a 'now'."""
        visit, t = self.visit, self.t
        if visit is None:
            return []
        last = previous_contact(between(self.dossier, self.sides), visit)
        counterpart = t.text(self.sides.counterpart.name)
        if last is None:
            text = t("No earlier contact with {counterpart} is recorded.", counterpart=counterpart)
            return [Paragraph(line(text))]
        until = min(self.today, visit.date.start())
        intro = line(
            t("Last contact: "),
            Run(t.text(last.title), bold=True),
            t.aside(t.date_span(last.date, last.end)),
            self.citations.cite(last.sources),
        )
        changes = changes_since(
            self.dossier,
            self.sides.home_ids,
            self.sides.counterpart_ids,
            last.end or last.date,
            until,
            leave_out=visit,
        )
        if not changes:
            return [
                Paragraph(intro),
                Paragraph(line(t("Nothing recorded has changed since then."))),
            ]
        return [Paragraph(intro), BulletList(tuple(self._change_line(c) for c in changes))]

    def _change_line(self, change: Change) -> Line:
        t = self.t
        day = t.date(change.day)
        what = change.what
        if what is Happening.EVENT and change.event is not None:
            planned = t(" (planned)") if is_upcoming(change.event, self.today) else None
            return line(
                t("{day}: ", day=day),
                t.text(change.event.title),
                planned,
                self.citations.cite(change.event.sources),
            )
        if what in (Happening.SIGNED, Happening.RENEWED, Happening.EXPIRED):
            assert change.agreement is not None
            agreement = t.text(change.agreement.title)
            if what is Happening.EXPIRED:
                text = t("{agreement} expired", agreement=agreement)
            elif what is Happening.RENEWED and change.agreement.renews:
                text = t(
                    "{agreement} signed, renewing {previous}",
                    agreement=agreement,
                    previous=self.label(change.agreement.renews),
                )
            else:
                text = t("{agreement} signed", agreement=agreement)
            sources = change.event.sources if change.event else change.agreement.sources
            return line(t("{day}: ", day=day), text, self.citations.cite(sources))
        if what in (Happening.ROLE_BEGAN, Happening.ROLE_ENDED):
            assert change.person is not None and change.role is not None
            post = t.text(change.role.title)
            if change.role.organisation:
                post = t(
                    "{title}, {organisation}",
                    title=post,
                    organisation=self.label(change.role.organisation),
                )
            name = self.person(change.person)
            message = (
                "{person} became {post}"
                if what is Happening.ROLE_BEGAN
                else "{person} left: {post}"
            )
            return line(t("{day}: ", day=day), t(message, person=name, post=post))
        assert change.follow_up is not None and change.event is not None
        action = t.text(change.follow_up.action)
        if what is Happening.FOLLOW_UP_DONE:
            return line(t("{day}: ", day=day), t("Done: {action}", action=action))
        text = t("Agreed at {event}: {action}", event=t.text(change.event.title), action=action)
        owner = change.follow_up.owner
        return line(t("{day}: ", day=day), text, t.aside(self.label(owner)) if owner else None)
