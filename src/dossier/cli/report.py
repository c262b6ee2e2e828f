"""`dossier report`: the yearly figures a funder asks for."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dossier.cli.app import (
    AudienceOption,
    Language,
    command,
    emit,
    language_of,
    load_valid,
    output_format,
    pictures_beside,
    today,
    write_file,
    write_pictures,
)
from dossier.errors import UsageError
from dossier.export.formats import YearReportFormat
from dossier.model.languages import spoken
from dossier.model.vocabulary import Audience

if TYPE_CHECKING:
    from dossier.i18n import Translator
    from dossier.model.dossier import Dossier

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
            help="text, json, csv, md, docx or pdf (default: from the -o name, else text).",
        ),
    ] = None,
    output: Annotated[
        str | None, typer.Option("-o", "--output", metavar="PATH", help="File to write, or - .")
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="List the records behind every figure.")
    ] = False,
    chart: Annotated[
        bool,
        typer.Option(
            "--chart/--no-chart",
            help="md, docx and pdf: a chart of the figures over the years (needs matplotlib).",
        ),
    ] = True,
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
    if fmt in (YearReportFormat.DOCX, YearReportFormat.PDF) and output in (None, "-"):
        raise UsageError(f"--format {fmt.value} writes a file: name it with -o")
    if output not in (None, "-"):
        from dossier.files import check_writable

        check_writable(Path(output), force=force)
        if fmt is YearReportFormat.MD and chart:
            pictures_beside(output, [chart_file(output)], force=force)
    day = today()
    dossier = for_audience(load_valid(ctx).dossier, audience, today=day)
    counted = yearly_report(dossier, year or day.year, day)
    t = Translator(language_of(lang, dossier))
    if fmt in DOCUMENTS:
        _document(fmt, dossier, t, counted.year, output, explain=explain, chart=chart, force=force)
        return
    if fmt is YearReportFormat.JSON:
        from dossier.export.report import report_json

        text = report_json(counted, dossier, t, audience.value)
    elif fmt is YearReportFormat.CSV:
        from dossier.export.report import report_csv

        text = report_csv(counted, t)
    else:
        from dossier.export.report import report_text

        text = report_text(counted, dossier, t, explain=explain)
    emit(text, output, force=force)


DOCUMENTS = (YearReportFormat.MD, YearReportFormat.DOCX, YearReportFormat.PDF)


def chart_file(output: str) -> str:
    """The name of the chart beside a Markdown report: `report-2026-chart.svg`."""
    return f"{Path(output).stem}-chart.svg"


def _document(
    fmt: YearReportFormat,
    dossier: "Dossier",
    t: "Translator",
    year: int,
    output: str | None,
    *,
    explain: bool,
    chart: bool,
    force: bool,
) -> None:
    """The report as Markdown (its chart as an SVG file beside it), Word or PDF."""
    from dossier.briefing.formats import BriefFormat
    from dossier.briefing.output import render_briefing
    from dossier.briefing.report import chart_years, report_briefing
    from dossier.model.report import yearly_report

    day = today()
    years = chart_years(dossier, year) if chart else [year]
    history = [yearly_report(dossier, one, day) for one in years]
    to_file = output not in (None, "-")
    chart_name = None
    if chart and (to_file or fmt is not YearReportFormat.MD):
        chart_name = chart_file(output or "report")
    briefing = report_briefing(
        history, dossier, t, today=day, explain=explain, chart_name=chart_name
    )
    data = render_briefing(briefing, BriefFormat(fmt.value))
    if not to_file:
        emit(data.decode("utf-8"), output, force=force)
        return
    assert output is not None
    write_file(output, data, force=force)
    if fmt is YearReportFormat.MD:
        write_pictures(output, briefing, force=force)
