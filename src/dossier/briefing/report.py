"""`dossier report` as a document: the year's figures, each partner cluster's share, a chart
of the figures over the years and, with `explain`, the records behind every figure.

The report is a `Briefing` (plain data), so that Word, PDF and Markdown draw it as they draw
every briefing: the same styles, languages, page setup and properties.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dossier.briefing.chart import Series, bar_chart
from dossier.briefing.document import (
    Block,
    Briefing,
    BulletList,
    Line,
    Paragraph,
    Picture,
    Section,
    Table,
    line,
)
from dossier.i18n import Translator
from dossier.model.dossier import Dossier
from dossier.model.report import Count, YearReport, counted_day, counted_name
from dossier.phrases import counted_up_to, report_title

CHARTED = ("delegations-received", "delegations-sent", "agreements-signed", "follow-ups-agreed")
"""The figures the chart follows over the years."""

YEARS_CHARTED = 10
"""At most this many years, ending with the report's."""


def _table(counts: Sequence[Count], t: Translator) -> Table:
    rows = tuple((line(t(c.label)), line(str(c.total))) for c in counts)
    return Table((t("Figure"), t("Count")), rows)


def _explained(counts: Sequence[Count], dossier: Dossier, t: Translator) -> list[Block]:
    blocks: list[Block] = []
    for count in counts:
        if not count.records:
            continue
        items: list[Line] = []
        for ref in count.records:
            day = counted_day(dossier, ref)
            name = counted_name(dossier, ref, t.lang)
            items.append(line(f"{name} ({day})" if day else name, f" · {ref}"))
        blocks += [Paragraph(line(t(count.label)), keep_with_next=True), BulletList(tuple(items))]
    return blocks


def chart_years(dossier: Dossier, year: int) -> list[int]:
    """The years the chart shows: from the first event's (at most ten), to the report's."""
    first = min((e.date.year for e in dossier.events if e.date.year <= year), default=year)
    return list(range(max(first, year - YEARS_CHARTED + 1), year + 1))


def _chart(history: Sequence[YearReport], t: Translator, file_name: str) -> Picture:
    years = [report.year for report in history]
    series = []
    for key in CHARTED:
        counts = [next(c for c in report.counts if c.key == key) for report in history]
        series.append(Series(t(counts[0].label), tuple(c.total for c in counts)))
    title = t("Over the years")
    chart = bar_chart(years, series)
    described = "; ".join(
        f"{s.label}: " + ", ".join(f"{y} {v}" for y, v in zip(years, s.values, strict=True))
        for s in series
    )
    return Picture(chart.png, chart.svg, f"{title}. {described}", file_name)


def report_briefing(
    history: Sequence[YearReport],
    dossier: Dossier,
    t: Translator,
    *,
    today: dt.date,
    explain: bool = False,
    chart_name: str | None = None,
) -> Briefing:
    """The report of the last year in `history`, charting every year in it; no chart when
    `chart_name` (the SVG's file name beside Markdown) is None."""
    report = history[-1]
    sections = [Section(t("Figures"), (_table(report.counts, t),))]
    for cluster, counts in report.sections()[1:]:
        sections.append(Section(dossier.label(cluster or "", t.lang), (_table(counts, t),)))
    if chart_name is not None and len(history) > 1:
        sections.append(Section(t("Over the years"), (_chart(history, t, chart_name),)))
    if explain:
        explained = [
            block
            for _cluster, counts in report.sections()[:1]
            for block in _explained(counts, dossier, t)
        ]
        sections.append(Section(t("What is counted"), tuple(explained)))
    home = dossier.label(dossier.home, t.lang) if dossier.home else ""
    return Briefing(
        title=report_title(dossier, report.year, t),
        cover=(line(counted_up_to(report.until, t)),),
        classification="",
        sections=tuple(sections),
        subject=t("Yearly report {year}", year=report.year),
        author=home,
        prepared=today,
        keywords=(t("Yearly report {year}", year=report.year),),
        language=t.lang,
        page_label=tuple(t.parts("Page {page} of {pages}")),
    )
