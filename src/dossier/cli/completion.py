"""Shell completion that knows the data: the records' ids where a command takes a record, a
follow-up's number after its event, and the values of options that are not a fixed choice.

Each function is a Typer `autocompletion` callback: Typer runs it when the shell asks (bash,
zsh, fish, through Click's completion protocol) and offers what it returns, each value with
its description. Completion runs on every Tab: it reads the data through the cache and says
nothing, whatever is wrong with it, since a message would land in the user's command line.
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from dossier.model.dossier import Dossier

MAX_OFFERED = 200
"""More would scroll the shell's list off the screen; typing a letter more narrows it."""


def _dossier(ctx: typer.Context) -> "Dossier | None":
    """The data `dossier` would read for this command line, or None if it cannot be read."""
    from dossier.cli.app import today
    from dossier.datafile.load import bundled_sample, find_data, load

    try:
        path = find_data(ctx.find_root().params.get("data"))
        result = load([path or bundled_sample()], today(), warnings=False, use_cache=True)
    except Exception:  # whatever went wrong, the shell must get no traceback: no completions
        return None
    return result.dossier


def _matching(
    dossier: "Dossier", incomplete: str, kinds: Iterable[str] | None = None
) -> list[tuple[str, str]]:
    """The ids that start with `incomplete` (as the shell shows them: it narrows by what was
    typed), each with the record's name beside it, which zsh and fish show."""
    allowed = None if kinds is None else frozenset(kinds)
    return [
        (record.id, dossier.label(record.id))
        for record in dossier.records()
        if record.id.startswith(incomplete)
        and (allowed is None or dossier.kind(record.id) in allowed)
    ][:MAX_OFFERED]


def records(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Every record: for `show`, `log`, `set`, `unset`, `remove`, `merge`, `graph`, …"""
    dossier = _dossier(ctx)
    return [] if dossier is None else _matching(dossier, incomplete)


def counterparts(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """A side or a visit: clusters, organisations, people and events (for `brief`)."""
    dossier = _dossier(ctx)
    kinds = ("cluster", "organisation", "person", "event")
    return [] if dossier is None else _matching(dossier, incomplete, kinds)


def events(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    dossier = _dossier(ctx)
    return [] if dossier is None else _matching(dossier, incomplete, ("event",))


def follow_up_numbers(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """After `done EVENT`: the numbers of that event's follow-ups, each with its action."""
    from dossier.model.records import Event
    from dossier.model.values import text_in

    dossier = _dossier(ctx)
    event = dossier.get(str(ctx.params.get("event"))) if dossier else None
    if not isinstance(event, Event):
        return []
    return [
        (str(number), text_in(follow_up.action))
        for number, follow_up in enumerate(event.follow_ups, start=1)
        if str(number).startswith(incomplete)
    ]


def warning_kinds(incomplete: str) -> list[tuple[str, str]]:
    """`--fail-on`, `--ignore`: a kind or group, also after a comma (`zone-name,ag<TAB>`)."""
    from dossier.model.warning_kinds import GROUPS, WarningKind

    before, comma, last = incomplete.rpartition(",")
    given = before + comma
    return [(given + name, "") for name in [*WarningKind, *GROUPS] if name.startswith(last)]


def list_filter_kinds(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """`list KIND --kind`: the kinds records of KIND have; each with what it applies to when
    KIND is not known yet (Click cannot parse a line that ends in an option awaiting its
    value, so KIND reads as its default there)."""
    from dossier.views.listing import FILTER_CHOICES

    listed = ctx.params.get("kind")
    by_kind = FILTER_CHOICES["kind"]
    chosen = {listed: by_kind[listed]} if listed in by_kind else by_kind
    offered: dict[str, list[str]] = {}
    for kind, choices in chosen.items():
        for choice in choices:
            offered.setdefault(str(choice), []).append(kind.value)
    return [(c, ", ".join(kinds)) for c, kinds in offered.items() if c.startswith(incomplete)]


def agreement_statuses(incomplete: str) -> list[tuple[str, str]]:
    from dossier.model.vocabulary import AgreementStatus

    return [(status.value, "") for status in AgreementStatus if status.startswith(incomplete)]
