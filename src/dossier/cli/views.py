"""The commands that look things up: show, list, search, timeline."""

from typing import TYPE_CHECKING, Annotated

import typer

from dossier.cli.app import (
    AudienceOption,
    Language,
    command,
    language_of,
    load_valid,
    partial_date,
    say,
    stdout_console,
    today,
)
from dossier.cli.completion import agreement_statuses, list_filter_kinds, records
from dossier.errors import UsageError
from dossier.export.formats import ListFormat, ListSort, ViewFormat
from dossier.files import printable, write_stdout
from dossier.model.languages import spoken
from dossier.model.vocabulary import (
    AgreementKind,
    AgreementStatus,
    Audience,
    EventKind,
    OrganisationKind,
    RecordKind,
)

if TYPE_CHECKING:
    from dossier.views.blocks import Viewer
    from dossier.views.listing import Rows

# No `from __future__ import annotations`: Typer reads every command's signature at each
# start, and annotations kept as text would be evaluated anew each time.


LANG_HELP = f"{spoken()} (default: the data's lang:, else en)."


def _print_rows(viewer: "Viewer", rows: "Rows", fmt: ListFormat, nothing: str) -> None:
    """Rows drawn as a table on a terminal, as tab-separated lines elsewhere (a pipe, a file),
    or written as JSON or CSV for other programs. No rows in a table: `nothing` said in one
    line on standard error, rather than a bare header (JSON and CSV stay what programs
    expect: `[]`, a header)."""
    if fmt is ListFormat.TABLE:
        if not rows.rows:
            say(f"dossier: {nothing}")
            return
        console = stdout_console()
        if not console.is_terminal:
            from dossier.export.rows import rows_tsv

            write_stdout(printable(rows_tsv(rows)))
            return
        from dossier.views.blocks import table

        console.print(table(viewer, rows.columns, rows.rows))
        return
    from dossier.export.rows import rows_csv, rows_json

    write_stdout(rows_json(rows) if fmt is ListFormat.JSON else rows_csv(rows))


def _viewer(
    ctx: typer.Context, lang: Language | None, audience: Audience = Audience.INTERNAL
) -> "Viewer":
    """The data, free of errors, as `audience` may read it, with the reader's language and
    today's date."""
    from dossier.i18n import Translator
    from dossier.views.blocks import Viewer

    dossier = load_valid(ctx).dossier
    day = today()
    if audience is not Audience.INTERNAL:
        from dossier.model.audience import for_audience

        dossier = for_audience(dossier, audience, today=day)
    return Viewer(dossier, Translator(language_of(lang, dossier)), day)


@command()
def show(
    ctx: typer.Context,
    ref: Annotated[
        str,
        typer.Argument(
            metavar="REF", help="An id, name, native name or alias.", autocompletion=records
        ),
    ],
    lang: Annotated[Language | None, typer.Option(metavar="LANG", help=LANG_HELP)] = None,
    fmt: Annotated[
        ViewFormat, typer.Option("--format", metavar="FORMAT", help="text or json.")
    ] = ViewFormat.TEXT,
) -> None:
    """Show one record: a cluster's profile, people, agreements, events and follow-ups.

    Example: dossier show kawasaki --lang ja
    """
    from dossier.model.lookup import Finder

    viewer = _viewer(ctx, lang)
    record = Finder(viewer.dossier).find(ref)
    if fmt is ViewFormat.JSON:
        from dossier.export.lookups import record_json

        write_stdout(record_json(record))
        return
    from dossier.views.records import record_view

    stdout_console().print(record_view(viewer, record))


@command("list")
def list_(
    ctx: typer.Context,
    kind: Annotated[
        RecordKind,
        typer.Argument(metavar="KIND", help=f"What to list: {', '.join(RecordKind)}."),
    ] = RecordKind.CLUSTERS,
    country: Annotated[
        str | None, typer.Option(metavar="CODE", help="Only this country (ISO code, such as JP).")
    ] = None,
    focus: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Only clusters with this focus.")
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            metavar="STATUS",
            autocompletion=agreement_statuses,
            help=f"Only agreements with this status: {', '.join(AgreementStatus)}.",
        ),
    ] = None,
    of_kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            metavar="KIND",
            autocompletion=list_filter_kinds,
            help=(
                f"Only records of this kind. Organisations: {', '.join(OrganisationKind)}."
                f" Agreements: {', '.join(AgreementKind)}. Events: {', '.join(EventKind)}."
            ),
        ),
    ] = None,
    fmt: Annotated[
        ListFormat, typer.Option("--format", metavar="FORMAT", help="table, json or csv.")
    ] = ListFormat.TABLE,
    lang: Annotated[
        Language | None, typer.Option(metavar="LANG", help="Language of the column labels.")
    ] = None,
    sort: Annotated[
        ListSort,
        typer.Option(
            metavar="ORDER",
            help="data (as written), name, or last-contact (most recent first).",
        ),
    ] = ListSort.DATA,
) -> None:
    """List records of one kind, with filters.

    Example: dossier list agreements --status active --format csv
    """
    from dossier.views.listing import Filters, build_rows, select, sort_rows

    viewer = _viewer(ctx, lang)
    records = select(viewer.dossier, kind, Filters(country, focus, status, of_kind))
    rows = sort_rows(build_rows(viewer.dossier, kind, records, viewer.today), sort.value)
    _print_rows(viewer, rows, fmt, f"no {kind.value} match")


@command("search")
def search_command(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="Words to look for, in any field.")],
    fmt: Annotated[
        ViewFormat, typer.Option("--format", metavar="FORMAT", help="text or json.")
    ] = ViewFormat.TEXT,
    lang: Annotated[
        Language | None, typer.Option(metavar="LANG", help="Language of the column labels.")
    ] = None,
) -> None:
    """Find every record whose text matches, best matches first.

    Example: dossier search "regenerative medicine"
    """
    from dossier.model.search import search, snippet

    viewer = _viewer(ctx, lang)
    hits = search(viewer.dossier, text)
    if not hits:
        say(f"dossier: nothing matches '{text}'")
        raise typer.Exit(1)
    if fmt is ViewFormat.JSON:
        from dossier.export.lookups import hits_json

        write_stdout(hits_json(viewer.dossier, hits))
        return
    from dossier.views.listing import Rows

    rows: list[tuple[str, ...]] = [
        (h.record.id, viewer.dossier.kind(h.record.id) or "", h.field, snippet(h.text, text))
        for h in hits
    ]
    _print_rows(viewer, Rows(("Record", "Kind", "Field", "Match"), rows), ListFormat.TABLE, "")


@command()
def timeline(
    ctx: typer.Context,
    ref: Annotated[
        str | None,
        typer.Argument(metavar="[REF]", help="Only events of this record.", autocompletion=records),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="From this date (2017, 2017-02, 2017-02-14)."),
    ] = None,
    until: Annotated[str | None, typer.Option(metavar="DATE", help="Up to this date.")] = None,
    lang: Annotated[Language | None, typer.Option(metavar="LANG", help=LANG_HELP)] = None,
    fmt: Annotated[
        ViewFormat, typer.Option("--format", metavar="FORMAT", help="text or json.")
    ] = ViewFormat.TEXT,
) -> None:
    """Events in date order; upcoming ones are marked.

    Example: dossier timeline kawasaki --since 2017
    """
    from dossier.model.lookup import Finder

    start, end = partial_date(since, "--since"), partial_date(until, "--until")
    viewer = _viewer(ctx, lang)
    record_id = Finder(viewer.dossier).find(ref).id if ref else None
    events = viewer.dossier.timeline(record_id, since=start, until=end)
    if fmt is ViewFormat.JSON:
        from dossier.export.lookups import events_json

        write_stdout(events_json(events, viewer.today))
        return
    from dossier.views.blocks import events_table, heading

    if not events:
        say("dossier: no event matches")
        return
    console = stdout_console()
    if record_id:
        title = viewer.t("Timeline: {name}", name=viewer.label(record_id))
        console.print(heading(title, record_id))
    console.print(events_table(viewer, events))


@command("follow-ups")
def follow_ups(
    ctx: typer.Context,
    owner: Annotated[
        str | None,
        typer.Option(
            metavar="REF",
            help="Only what this person or organisation owes.",
            autocompletion=records,
        ),
    ] = None,
    counterpart: Annotated[
        str | None,
        typer.Option(
            "--with",
            metavar="REF",
            help="Only follow-ups of events with this side.",
            autocompletion=records,
        ),
    ] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only overdue ones.")] = False,
    due_before: Annotated[
        str | None, typer.Option(metavar="DATE", help="Only those due before this date.")
    ] = None,
    include_done: Annotated[
        bool, typer.Option("--all", help="Done ones too, after the open ones.")
    ] = False,
    fmt: Annotated[
        ListFormat, typer.Option("--format", metavar="FORMAT", help="table, json or csv.")
    ] = ListFormat.TABLE,
    lang: Annotated[Language | None, typer.Option(metavar="LANG", help=LANG_HELP)] = None,
    audience: AudienceOption = Audience.INTERNAL,
) -> None:
    """Every open follow-up in the dossier, overdue first. For partner or public readers,
    only what they may read, and none is called overdue (that is ours to know).

    Example: dossier follow-ups --owner ralf-huss --overdue
    """
    from dossier.model.follow_ups import FollowUpFilter, select_follow_ups
    from dossier.model.lookup import Finder
    from dossier.views.listing import Rows, follow_up_rows

    before = partial_date(due_before, "--due-before")
    lateness = audience is Audience.INTERNAL
    if overdue and not lateness:
        raise UsageError(
            f"--overdue is for internal readers: a list for {audience.value} readers does not"
            " say which follow-ups are late"
        )
    viewer = _viewer(ctx, lang, audience)
    dossier = viewer.dossier

    def side_of(ref: str | None) -> frozenset[str] | None:
        # Finder indexes every name of the dossier: built only when a REF is given.
        return frozenset(dossier.side(Finder(dossier).find(ref).id)) if ref else None

    chosen = FollowUpFilter(
        owners=side_of(owner),
        counterpart=side_of(counterpart),
        overdue=overdue,
        due_before=before,
        include_done=include_done,
    )
    items = select_follow_ups(dossier, chosen, viewer.today)
    rows = follow_up_rows(dossier, items, viewer.today, viewer.t.lang, lateness=lateness)
    if fmt is ListFormat.TABLE:  # the status word in the reader's language, in the table only
        rows = Rows(rows.columns, [(due, viewer.t(st), *rest) for due, st, *rest in rows.rows])
    _print_rows(viewer, rows, fmt, "no follow-up matches")


@command()
def stale(
    ctx: typer.Context,
    older_than: Annotated[
        str, typer.Option(metavar="AGE", help="Older than this: 2y, 18m, 6w or 90d.")
    ] = "2y",
    fmt: Annotated[
        ListFormat, typer.Option("--format", metavar="FORMAT", help="table, json or csv.")
    ] = ListFormat.TABLE,
    audience: AudienceOption = Audience.INTERNAL,
) -> None:
    """Facts checked longest ago (their verified: date, else their newest source), oldest first;
    facts with neither come first. With --audience, only facts that audience reads.

    Example: dossier stale --older-than 18m
    """
    from dossier.model.stale import parse_age, stale_facts
    from dossier.views.listing import stale_rows

    try:
        age = parse_age(older_than)
    except ValueError as error:
        raise UsageError(f"--older-than: {error}") from None
    viewer = _viewer(ctx, None, audience)
    found = stale_facts(viewer.dossier, viewer.today, age)
    _print_rows(viewer, stale_rows(found), fmt, f"no fact is older than {older_than}")
