"""The commands that look things up: show, list, search, timeline."""

from typing import Annotated

import typer
from rich.text import Text

from dossier.cli.app import (
    Language,
    app,
    language_of,
    load_valid,
    partial_date,
    stderr_console,
    stdout_console,
    today,
)
from dossier.export.formats import ListFormat
from dossier.files import write_stdout
from dossier.model.vocabulary import (
    AgreementKind,
    AgreementStatus,
    EventKind,
    OrganisationKind,
    RecordKind,
)

# No `from __future__ import annotations`: Typer reads every command's signature at each
# start, and annotations kept as text would be evaluated anew each time.


@app.command()
def show(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="An id, name, native name or alias.")],
    lang: Annotated[Language | None, typer.Option(help="en, de or ja.")] = None,
) -> None:
    """Show one record: a cluster's profile, people, agreements, events and follow-ups."""
    from dossier.i18n import Translator
    from dossier.model.lookup import Finder
    from dossier.views.blocks import translated
    from dossier.views.records import record_view

    result = load_valid(ctx)
    record = Finder(result.dossier).find(ref)
    with translated(Translator(language_of(lang, result.dossier))):
        stdout_console().print(record_view(result.dossier, record, today()))


@app.command("list")
def list_(
    ctx: typer.Context,
    kind: Annotated[RecordKind, typer.Argument(help="What to list.")] = RecordKind.CLUSTERS,
    country: Annotated[str | None, typer.Option(help="Only this country (ISO code).")] = None,
    focus: Annotated[str | None, typer.Option(help="Only clusters with this focus.")] = None,
    status: Annotated[
        str | None,
        typer.Option(
            metavar="STATUS",
            help=f"Only agreements with this status: {', '.join(AgreementStatus)}.",
        ),
    ] = None,
    of_kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            metavar="KIND",
            help=(
                f"Only records of this kind. Organisations: {', '.join(OrganisationKind)}."
                f" Agreements: {', '.join(AgreementKind)}. Events: {', '.join(EventKind)}."
            ),
        ),
    ] = None,
    fmt: Annotated[
        ListFormat, typer.Option("--format", help="table, json or csv.")
    ] = ListFormat.TABLE,
) -> None:
    """List records of one kind, with filters."""
    from dossier.export.rows import rows_csv, rows_json
    from dossier.views.blocks import table
    from dossier.views.listing import Filters, build_rows, select

    result = load_valid(ctx)
    day = today()
    records = select(result.dossier, kind, Filters(country, focus, status, of_kind))
    rows = build_rows(result.dossier, kind, records, day)
    if fmt is ListFormat.JSON:
        write_stdout(rows_json(rows))
    elif fmt is ListFormat.CSV:
        write_stdout(rows_csv(rows))
    else:
        stdout_console().print(table(rows.columns, rows.rows))


@app.command("search")
def search_command(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Words to look for, in any field.")],
) -> None:
    """Find every record whose text matches, best matches first."""
    from dossier.model.search import search, snippet
    from dossier.views.blocks import table

    result = load_valid(ctx)
    hits = search(result.dossier, text)
    if not hits:
        stderr_console().print(Text(f"dossier: nothing matches '{text}'"))
        raise typer.Exit(1)
    rows = [
        (h.record.id, result.dossier.kind(h.record.id) or "", h.field, snippet(h.text, text))
        for h in hits
    ]
    stdout_console().print(table(("Record", "Kind", "Field", "Match"), rows))


@app.command()
def timeline(
    ctx: typer.Context,
    ref: Annotated[str | None, typer.Argument(help="Only events of this record.")] = None,
    since: Annotated[
        str | None, typer.Option(help="From this date (2017, 2017-02, 2017-02-14).")
    ] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date.")] = None,
    lang: Annotated[Language | None, typer.Option(help="en, de or ja.")] = None,
) -> None:
    """Events in date order; upcoming ones are marked."""
    from dossier.i18n import Translator
    from dossier.model.lookup import Finder
    from dossier.views.blocks import events_table, heading, translated

    start, end = partial_date(since, "--since"), partial_date(until, "--until")
    result = load_valid(ctx)
    dossier = result.dossier
    record_id = Finder(dossier).find(ref).id if ref else None
    events = dossier.timeline(record_id, since=start, until=end)
    console = stdout_console()
    translator = Translator(language_of(lang, dossier))
    with translated(translator):
        if record_id:
            title = translator("Timeline: {name}", name=dossier.label(record_id, translator.lang))
            console.print(heading(title, record_id))
        console.print(events_table(dossier, events, today()))
