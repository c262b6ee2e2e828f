"""`dossier report --format md`: the yearly figures as Markdown tables, one for the whole
dossier and one per partner cluster, the counted records listed under each when asked."""

from __future__ import annotations

from dossier.briefing.markdown import escape, line_start
from dossier.i18n import Translator
from dossier.model.dossier import Dossier
from dossier.model.report import YearReport, counted_name
from dossier.phrases import counted_up_to, report_title


def report_markdown(
    report: YearReport, dossier: Dossier, t: Translator, *, explain: bool = False
) -> str:
    title = line_start(escape(report_title(dossier, report.year, t)))
    until = counted_up_to(report.until, t)
    lines = [f"# {title}", "", line_start(escape(until)), ""]
    for cluster, counts in report.sections():
        if cluster is not None:
            lines += [f"## {line_start(escape(dossier.label(cluster, t.lang)))}", ""]
        lines += [f"| {escape(t('Figure'))} | {escape(t('Count'))} |", "|---|---:|"]
        lines += [f"| {escape(t(count.label))} | {count.total} |" for count in counts]
        lines.append("")
        for count in counts if explain else []:
            if count.records:
                names = (
                    f"{escape(counted_name(dossier, r, t.lang))} (`{r}`)" for r in count.records
                )
                lines += [f"**{escape(t(count.label))}**: " + ", ".join(names), ""]
    return "\n".join(lines)
