"""`dossier report` as text, JSON and CSV: the yearly figures, each with what it counts.

The figures come from `model.report.yearly_report`; this module only lays them out, in the
reader's language, with the records behind each figure when `explain` is asked for.
"""

from __future__ import annotations

import json
from typing import Any

from dossier.export.csv_text import csv_text
from dossier.i18n import Translator
from dossier.model.dossier import Dossier
from dossier.model.report import Count, YearReport, counted_day, counted_name
from dossier.phrases import counted_up_to, display_width, report_title


def report_text(
    report: YearReport, dossier: Dossier, t: Translator, *, explain: bool = False
) -> str:
    lines = [report_title(dossier, report.year, t), counted_up_to(report.until, t)]
    for cluster, counts in report.sections():
        lines += ["", dossier.label(cluster, t.lang)] if cluster is not None else [""]
        width = max(display_width(t(count.label)) for count in counts)
        for count in counts:
            label = t(count.label)
            padding = " " * (width - display_width(label))
            lines.append(f"  {label}{padding}  {count.total:>4}")
            if explain:
                for ref in count.records:
                    day = counted_day(dossier, ref)
                    name = counted_name(dossier, ref, t.lang)
                    lines.append(f"      {ref}  {name}" + (f" ({day})" if day else ""))
    return "\n".join(lines) + "\n"


def _count_data(count: Count, dossier: Dossier, t: Translator) -> dict[str, Any]:
    return {
        "key": count.key,
        "label": t(count.label),
        "count": count.total,
        "records": [
            {"id": ref, "name": counted_name(dossier, ref, t.lang)} for ref in count.records
        ],
    }


def report_json(report: YearReport, dossier: Dossier, t: Translator, audience: str) -> str:
    data = {
        "year": report.year,
        "until": report.until.isoformat(),
        "audience": audience,
        "home": dossier.home,
        "figures": [_count_data(count, dossier, t) for count in report.counts],
        "partners": [
            {
                "cluster": partner.cluster,
                "name": dossier.label(partner.cluster, t.lang),
                "figures": [_count_data(count, dossier, t) for count in partner.counts],
            }
            for partner in report.partners
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def report_csv(report: YearReport, t: Translator) -> str:
    """One row per figure: the year, the partner cluster (empty for the whole dossier), what
    is counted, how many, and the ids counted."""
    rows = [
        (
            str(report.year),
            cluster or "",
            count.key,
            t(count.label),
            str(count.total),
            "; ".join(count.records),
        )
        for cluster, counts in report.sections()
        for count in counts
    ]
    return csv_text(("year", "partner", "figure", "label", "count", "records"), rows)
