"""Facts that may have gone out of date: records, roles and figures by when they were last
checked (`verified:`), else by the newest source that backs them, oldest first."""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from dossier.errors import FieldPath
from dossier.model.days import shifted
from dossier.model.dossier import Dossier
from dossier.model.records import Cluster, Person, Source
from dossier.model.references import record_sources
from dossier.model.values import PartialDate

_AGE = re.compile(r"(\d+)\s*([ymwd])")
_DAYS = {"y": 365, "m": 30, "w": 7, "d": 1}


def parse_age(text: str) -> dt.timedelta:
    """`2y`, `18m`, `6w`, `90d` as a length of time; ValueError for anything else."""
    match = _AGE.fullmatch(text.strip().lower())
    if not match:
        raise ValueError(f"'{text}' is not an age such as 2y, 18m, 6w or 90d")
    days = int(match[1]) * _DAYS[match[2]]
    if days > MAX_AGE_DAYS:  # older than any date there is: every fact
        days = MAX_AGE_DAYS
    return dt.timedelta(days=days)


MAX_AGE_DAYS = (dt.date.max - dt.date.min).days
"""The longest age that means anything: from the first date there is to the last."""


DEFAULT_STALE_AGE = "2y"
"""What `dossier stale` lists and briefings mark by default: facts older than two years."""
DEFAULT_STALE_AFTER = parse_age(DEFAULT_STALE_AGE)


class Fact(NamedTuple):
    """A fact and what tells how old it is: its own check, or else its newest source."""

    record: str
    path: FieldPath
    """Where the fact stands in its record: () for the record, `("roles", 0)` for a role."""
    verified: PartialDate | None
    published: PartialDate | None
    """The newest `published` date of the sources it cites, where it has no `verified`."""

    @property
    def as_of(self) -> PartialDate | None:
        return self.verified or self.published

    def hint(self) -> str:
        where = (
            ""
            if not self.path
            else "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in self.path).lstrip(".")
        )
        field = f"{where}.verified" if where else "verified"
        return f"check it against a source and set {field}: YYYY-MM-DD"


def _newest(dossier: Dossier, source_ids: list[str]) -> PartialDate | None:
    dates = [
        s.published
        for s in (dossier.get(i) for i in source_ids)
        if isinstance(s, Source) and s.published is not None
    ]
    return max(dates) if dates else None


def facts(dossier: Dossier) -> list[Fact]:
    """Every record (sources aside), role and figure, with its dates."""
    found: list[Fact] = []
    for record in dossier.records():
        if isinstance(record, Source):
            continue
        cited = record_sources(record)
        found.append(Fact(record.id, (), record.verified, _newest(dossier, cited)))
        if isinstance(record, Person):
            for index, role in enumerate(record.roles):
                found.append(
                    Fact(
                        record.id, ("roles", index), role.verified, _newest(dossier, record.sources)
                    )
                )
        if isinstance(record, Cluster):
            for index, figure in enumerate(record.figures):
                cited_by_figure = [figure.source] if figure.source else record.sources
                found.append(
                    Fact(
                        record.id,
                        ("figures", index),
                        figure.verified,
                        _newest(dossier, cited_by_figure),
                    )
                )
    return found


def stale_facts(dossier: Dossier, today: dt.date, older_than: dt.timedelta) -> list[Fact]:
    """Facts with no date at all first, then those last dated before `today - older_than`,
    oldest first."""
    cutoff = shifted(today, -older_than)
    old = [f for f in facts(dossier) if f.as_of is None or f.as_of.end() < cutoff]
    return sorted(old, key=lambda f: (f.as_of is not None, f.as_of or PartialDate(1000), f.record))
