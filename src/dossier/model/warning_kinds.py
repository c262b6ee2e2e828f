"""The kinds of warning `validate` gives, and which of them the passing of time brings about.

A build that fails on a clock-driven kind turns red by itself as days pass, with no change
to the data: a follow-up falls overdue, an agreement expires, a role's `until` passes. The
command line offers these names to `validate --fail-on` and `--ignore`; they are cheap to
import at start-up.
"""

from __future__ import annotations

import enum


class WarningKind(enum.StrEnum):
    EXPIRED = "expired"
    """An agreement marked active after its `expires` date."""
    EXPIRES_SOON = "expires-soon"
    """An agreement that expires within the notice period (`expiry_notice:`, 90 days)."""
    OVERDUE = "overdue"
    """A follow-up not done after its due date."""
    NO_CURRENT_ROLE = "no-current-role"
    """A person none of whose roles is current (roles end when their `until` passes)."""
    NO_SOURCE = "no-source"
    """A record that cites no source."""
    ZONE_NAME = "zone-name"
    """A legacy or fixed-offset time-zone name (`EST`, `CET`, `Japan`)."""
    AGENDA_ZONE = "agenda-zone"
    """An agenda whose time zone cannot be known."""
    POSSIBLE_DUPLICATE = "possible-duplicate"
    """Two people or organisations with the same native name, Latin name or e-mail address."""


CLOCK_DRIVEN = frozenset(
    {
        WarningKind.EXPIRED,
        WarningKind.EXPIRES_SOON,
        WarningKind.OVERDUE,
        WarningKind.NO_CURRENT_ROLE,
    }
)
"""Kinds the passing of time brings about, with no change to the data."""

GROUPS = {
    "all": frozenset(WarningKind),
    "clock": CLOCK_DRIVEN,
    "steady": frozenset(WarningKind) - CLOCK_DRIVEN,
}
"""Names for several kinds at once: every kind, the clock-driven ones, all the others."""


def expand(names: list[str]) -> frozenset[WarningKind]:
    """The kinds that `names` (kinds or groups, each possibly a comma-separated list) stand
    for; raises ValueError naming an unknown one, with the closest known name."""
    from dossier.model.suggest import did_you_mean

    kinds: set[WarningKind] = set()
    for name in (part.strip() for text in names for part in text.split(",")):
        if name in GROUPS:
            kinds |= GROUPS[name]
        elif name in set(WarningKind):
            kinds.add(WarningKind(name))
        else:
            known = [*WarningKind, *GROUPS]
            hint = did_you_mean(name, known)
            message = f"unknown warning kind '{name}'" + (f"; {hint}" if hint else "")
            raise ValueError(f"{message} (known: {', '.join(known)})")
    return frozenset(kinds)
