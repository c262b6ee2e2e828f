"""`dossier report`: the yearly figures a funder asks for."""

from typing import Annotated

import typer

from dossier.cli.app import (
    AudienceOption,
    Language,
    command,
    emit,
    language_of,
    load_valid,
    output_format,
    today,
)
from dossier.export.formats import YearReportFormat
from dossier.model.languages import spoken
from dossier.model.vocabulary import Audience

# No `from __future__ import annotations`: Typer reads every command's signature at each
# start, and annotations kept as text would be evaluated anew each time.


@command()
def report(
    ctx: typer.Context,
    year: Annotated[
        int | None,
        typer.Option(min=1900, max=9999, help="The year to count (default: this year)."),
    ] = None,
    format_option: Annotated[
        YearReportFormat | None,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="text, json, csv or md (default: from the -o name, else text).",
        ),
    ] = None,
    output: Annotated[
        str | None, typer.Option("-o", "--output", metavar="PATH", help="File to write, or - .")
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="List the records behind every figure.")
    ] = False,
    lang: Annotated[Language | None, typer.Option(metavar="LANG", help=f"{spoken()}.")] = None,
    audience: AudienceOption = Audience.INTERNAL,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Count the year for the funder's report: delegations received and sent, meetings,
    agreements signed, renewed, expired and in force, follow-ups, new partners, and each
    partner cluster's share. A year still running is counted up to today.

    Example: dossier report --year 2017 --explain
    """
    from dossier.i18n import Translator
    from dossier.model.audience import for_audience
    from dossier.model.report import yearly_report

    fmt = output_format(format_option, output, YearReportFormat, YearReportFormat.TEXT)
    if output not in (None, "-"):
        from pathlib import Path

        from dossier.files import check_writable

        check_writable(Path(output), force=force)
    day = today()
    dossier = for_audience(load_valid(ctx).dossier, audience, today=day)
    counted = yearly_report(dossier, year or day.year, day)
    t = Translator(language_of(lang, dossier))
    if fmt is YearReportFormat.JSON:
        from dossier.export.report import report_json

        text = report_json(counted, dossier, t, audience.value)
    elif fmt is YearReportFormat.CSV:
        from dossier.export.report import report_csv

        text = report_csv(counted, t)
    elif fmt is YearReportFormat.MD:
        from dossier.briefing.report_markdown import report_markdown

        text = report_markdown(counted, dossier, t, explain=explain)
    else:
        from dossier.export.report import report_text

        text = report_text(counted, dossier, t, explain=explain)
    emit(text, output, force=force)
