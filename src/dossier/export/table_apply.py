"""An import's plan made in a `Workspace` in one batch, its problems told by row and
column, and the listing of what it does."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from dossier.errors import DataError, Problem
from dossier.export.table_import import RowPlan
from dossier.export.table_read import Table
from dossier.files import printable

if TYPE_CHECKING:
    from dossier.datafile.workspace import Workspace


class ImportRefused(DataError):
    """Rows the data would not validate with, or that cannot be read: nothing written."""

    def __str__(self) -> str:
        errors = sum(1 for p in self.problems if p.is_error)
        return f"the import has {errors} problem{'s' if errors != 1 else ''}; nothing was written"


def apply_plan(workspace: Workspace, section: str, plans: Sequence[RowPlan]) -> None:
    """Every row's addition and change, made in the workspace's texts (nothing written).

    A record this import adds already holds what later rows change in it.
    """
    added = {p.record_id for p in plans if p.action == "add"}
    new = [p.record for p in plans if p.action == "add" and p.record is not None]
    if new:
        workspace.add_all(section, new)
    for plan in plans:
        if plan.action == "change" and plan.record_id not in added:
            for change in plan.changes:
                path = (change.field,)
                if change.how == "set":
                    workspace.set(plan.record_id, path, change.value)
                elif change.how == "clear":
                    workspace.unset(plan.record_id, path)
                elif change.how == "add":
                    for item in change.value:
                        workspace.append(plan.record_id, path, item)
                else:
                    workspace.append(plan.record_id, ("roles",), change.value)


def row_problems(table: Table, plans: Sequence[RowPlan]) -> list[Problem]:
    """Rows that cannot be read as records (ragged, an id of another kind)."""
    return [
        Problem(f"{table.name}: row {plan.row}", 0, 0, note, record=plan.record_id)
        for plan in plans
        if plan.action == "problem"
        for note in plan.notes
    ]


_TOP_FIELD = re.compile(r"[.\[]")


def at_rows(problems: Sequence[Problem], table: Table, plans: Sequence[RowPlan]) -> list[Problem]:
    """The data's problems after the import, each at the row and column its value came from
    (a problem in no value of the import keeps its place in the data file)."""
    plans_of: dict[str, list[RowPlan]] = {}
    for plan in plans:
        if plan.action in ("add", "change"):
            plans_of.setdefault(plan.record_id, []).append(plan)
    located = []
    for problem in problems:
        field = _TOP_FIELD.split(problem.field, maxsplit=1)[0]
        rows = plans_of.get(problem.record, [])
        source = next((p for p in reversed(rows) if field in p.columns), rows[-1] if rows else None)
        if source is not None:
            place = f"{table.name}: row {source.row}"
            if field in source.columns:
                header = table.header[source.columns[field]]
                place += f", column {printable(header, one_line=True)}"
            problem = replace(problem, file=place, line=0, column=0)
        located.append(problem)
    return located


def _text_of(value: object) -> str:
    """A new record's value as one line: items joined as in a cell, texts by language."""
    if isinstance(value, list):
        return "; ".join(_text_of(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_text_of(v)}" for k, v in value.items())
    return str(value)


def _shown(text: str) -> str:
    return printable(repr(text), one_line=True)


def describe(plans: Sequence[RowPlan]) -> tuple[str, str]:
    """The rows that do something, one by one, and the counts."""
    lines = []
    for plan in plans:
        if (plan.action == "same" and not plan.notes) or plan.action == "problem":
            continue  # a problem is told on standard error, with the others
        line = f"row {plan.row}: {plan.action} {printable(plan.record_id, one_line=True)}"
        notes = "; ".join(printable(note, one_line=True) for note in plan.notes)
        lines.append(line.rstrip() + (f" ({notes})" if notes else ""))
        for name, value in (plan.record or {}).items():
            if name != "id":
                lines.append(f"  {name}: {_shown(_text_of(value))}")
        for change in plan.changes:
            if change.how in ("add", "role"):
                lines.append(f"  {change.field}: + {_shown(change.new)}")
            elif change.how == "clear":
                lines.append(f"  {change.field}: {_shown(change.old)} → (cleared)")
            else:
                lines.append(f"  {change.field}: {_shown(change.old)} → {_shown(change.new)}")
    counts = {a: sum(1 for p in plans if p.action == a) for a in ("add", "change", "same")}
    left = len(plans) - sum(counts.values())
    summary = f"{counts['add']} to add, {counts['change']} to change, {counts['same']} unchanged"
    if left:
        summary += f", {left} left out"
    return "".join(line + "\n" for line in lines), summary
