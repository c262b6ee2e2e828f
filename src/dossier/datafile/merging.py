"""Two records of one person (or organisation) folded into one, every reference following.

DROP's fields go into KEEP where KEEP has none; lists (roles, sources, aliases, e-mail…) are
joined, KEEP's items first; notes are joined; DROP's id becomes an alias of KEEP, so that a
link or a habit that names it still finds the record. Where the two disagree on a field the
merge is refused unless `prefer` says whose value wins. Every reference to DROP, in every
file, is rewritten to KEEP, and DROP is taken out. All of it is one batch of edits, checked
before anything is written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from dossier.datafile.editing import Edit
from dossier.datafile.workspace import Workspace
from dossier.errors import FieldPath, UsageError, format_field_path
from dossier.model.lookup import normalize
from dossier.model.references import references
from dossier.model.vocabulary import Audience

JOINED_TEXTS = frozenset({"notes"})


@dataclass
class MergePlan:
    keep: str
    drop: str
    fields: dict[str, Any] = field(default_factory=dict)
    """KEEP's fields that change, and their new values."""
    added: dict[str, list[Any]] = field(default_factory=dict)
    """Items of DROP's lists that KEEP's lists gain, at their end."""
    conflicts: list[tuple[str, Any, Any]] = field(default_factory=list)
    references: list[tuple[str, FieldPath]] = field(default_factory=list)
    """(record id, path) of every reference to DROP."""


def _same_text(a: Any, b: Any) -> bool:
    """Texts that tell the same name, as duplicates are told: `福田 紀彦` and `福田紀彦`,
    `FUKUDA Norihiko` and `Norihiko Fukuda`."""
    if not (isinstance(a, str) and isinstance(b, str)):
        return False
    x, y = normalize(a), normalize(b)
    return sorted(x.split()) == sorted(y.split()) or x.replace(" ", "") == y.replace(" ", "")


def _joined(first: list[Any], second: list[Any]) -> list[Any]:
    return [*first, *(item for item in second if item not in first)]


def _fold(name: str, current: Any, value: Any, prefer: str | None) -> tuple[bool, Any]:
    """(changes, new value) of KEEP's field `name` with DROP's `value`; raises `_Conflict`."""
    if _same_text(current, value) or current == value:
        return False, current  # the same, perhaps written another way: KEEP's way stays
    if current in (None, [], ""):
        return True, value
    if isinstance(current, list) and isinstance(value, list):
        joined = _joined(current, value)
        return joined != current, joined
    if name in JOINED_TEXTS and isinstance(current, str) and isinstance(value, str):
        return True, f"{current}\n\n{value}"
    if prefer == "drop":
        return True, value
    if prefer == "keep":
        return False, current
    raise _Conflict(name, current, value)


class _Conflict(Exception):
    def __init__(self, name: str, keep: Any, drop: Any) -> None:
        super().__init__(name)
        self.entry = (name, keep, drop)


_WIDTH = {Audience.INTERNAL: 0, Audience.PARTNER: 1, Audience.PUBLIC: 2}


def _same_readers(kept: Any, dropped: Any) -> None:
    """DROP's fields may not reach readers that DROP itself is kept from."""
    if _WIDTH[dropped.audience] < _WIDTH[kept.audience]:
        raise UsageError(
            f"'{dropped.id}' is for {dropped.audience} readers and '{kept.id}' for"
            f" {kept.audience}: folding would show {dropped.id}'s fields to more readers;"
            f" give both the same audience first"
            f" (dossier set {kept.id} audience {dropped.audience})"
        )


def _aliases(plan: MergePlan, mine: dict[str, Any], theirs: dict[str, Any]) -> None:
    """DROP's id and name become aliases of KEEP: old links and habits still find it."""
    known = list(mine.get("aliases", []))
    aliases = [*known, *plan.added.pop("aliases", [])]
    if plan.drop not in aliases:
        aliases.append(plan.drop)
    their_name = theirs.get("name")
    new_name = isinstance(their_name, str) and not _same_text(their_name, mine.get("name"))
    if new_name and their_name not in aliases:
        aliases.append(their_name)
    if known:
        plan.added["aliases"] = aliases[len(known) :]
    else:
        plan.fields["aliases"] = aliases


def plan_merge(workspace: Workspace, keep: str, drop: str, prefer: str | None) -> MergePlan:
    dossier = workspace.dossier
    kept, dropped = dossier.get(keep), dossier.get(drop)
    if kept is None or dropped is None or keep == drop:
        raise UsageError("merge takes two different records")
    if type(kept) is not type(dropped):
        raise UsageError(f"'{keep}' and '{drop}' are not records of the same kind")
    _same_readers(kept, dropped)
    mine, theirs = workspace.raw(keep), workspace.raw(drop)
    plan = MergePlan(keep, drop)
    for name, value in theirs.items():
        if name == "id":
            continue
        current = mine.get(name)
        if isinstance(current, list) and current and isinstance(value, list):
            new_items = [item for item in value if item not in current]
            if new_items:
                plan.added[name] = new_items
            continue
        try:
            changes, folded = _fold(name, current, value, prefer)
        except _Conflict as conflict:
            plan.conflicts.append(conflict.entry)
            continue
        if changes:
            plan.fields[name] = folded
    _aliases(plan, mine, theirs)
    for record in dossier.records():
        if record.id != drop:
            plan.references += [(record.id, r.path) for r in references(record) if r.target == drop]
    return plan


def merge(
    workspace: Workspace, keep: str, drop: str, prefer: str | None, today: dt.date
) -> tuple[MergePlan, list[Edit]]:
    """The plan and the edits of folding DROP into KEEP; refused on a disagreement."""
    plan = plan_merge(workspace, keep, drop, prefer)
    if plan.conflicts:
        listed = "; ".join(f"{name}: {a!r} / {b!r}" for name, a, b in plan.conflicts)
        raise UsageError(
            f"'{keep}' and '{drop}' disagree on {listed}; --prefer keep or --prefer drop says"
            " whose value stays"
        )
    for name, value in plan.fields.items():
        workspace.set(keep, (name,), value)
    for name, items in plan.added.items():
        for item in items:
            workspace.append(keep, (name,), item)
    for record_id, path in plan.references:
        workspace.set(record_id, path, keep)
    workspace.remove(drop)
    return plan, workspace.changes(today)


def describe(plan: MergePlan) -> str:
    fields = ", ".join(dict.fromkeys([*plan.fields, *plan.added])) or "no field"
    refs = ", ".join(f"{rid} {format_field_path(path)}" for rid, path in plan.references)
    return f"{plan.drop} into {plan.keep}: {fields}; references rewritten: {refs or 'none'}"
