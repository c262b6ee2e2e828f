"""P16, P17: `dossier import --apply` of 10,000 changed rows, and of 10,000 new people,
each against one `dossier validate` of the data it leaves. P18: the dry run of the changed
rows against their `--apply`.

An import is one batch: every row's record is found once, every edit made in the texts,
the data validated once and written once. Validation is its floor; the budgets say the
rest may cost half as much again, and the dry run (everything but the write) no more than
the apply.
"""

from __future__ import annotations

import csv
import shlex
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any


def _table(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([header, *rows])
    return path


def fresh_copy(original: Path, data: Path, command: Sequence[str]) -> list[str]:
    """`command` run on a fresh copy of the data, so that every run has the same work."""
    copy = f"cp {shlex.quote(str(original))} {shlex.quote(str(data))}"
    return ["sh", "-c", f"{copy} && exec {shlex.join(command)}"]


def import_tables(folder: Path, rows: int) -> tuple[Path, Path]:
    """A table that changes the notes of the first `rows` people, and one of `rows` new
    people."""
    changed = _table(
        folder / "changed.csv",
        ["id", "notes"],
        [[f"person-{n}", f"Met at the {n}th partnering meeting."] for n in range(rows)],
    )
    new = _table(
        folder / "new.csv",
        ["Name", "Organisation", "Position", "E-mail"],
        [[f"Visitor {n}", "", "Delegate", f"visitor{n}@example.org"] for n in range(rows)],
    )
    return changed, new


def import_rows(
    work: Path,
    dossier: Sequence[str],
    generate: Callable[..., Path],
    measure: Callable[..., dict[str, Any]],
    ratio_row: Callable[..., Any],
    env: dict[str, str],
    *,
    runs: int,
    quick: bool,
) -> list[Any]:
    people = 1_000 if quick else 10_000
    original = generate(people * 4, work / f"d{people * 4}.yaml")  # a quarter are people
    changed, new = import_tables(work, people)
    rows = []
    for name, table, budget in (("P16", changed, "changed"), ("P17", new, "new")):
        data = work / f"import-{budget}.yaml"
        apply = [*dossier, "--data", str(data), "import", str(table), "--apply"]
        subprocess.run(fresh_copy(original, data, apply), check=True, env=env, capture_output=True)
        result = work / f"imported-{budget}.yaml"
        result.write_bytes(data.read_bytes())
        validate = [*dossier, "validate", str(result)]
        dry = [*dossier, "--data", str(data), "import", str(table)]
        times = measure(
            {
                "apply": (fresh_copy(original, data, apply), env),
                "validate": (validate, {**env, "DOSSIER_NO_CACHE": "1"}),
                **({"dry": (fresh_copy(original, data, dry), env)} if budget == "changed" else {}),
            },
            runs=runs,
            cwd=work,
        )
        rows.append(
            ratio_row(
                name,
                f"import --apply, {people:,} {budget} rows",
                times["apply"],
                "validate the result",
                times["validate"],
                1.5,
            )
        )
        if "dry" in times:
            rows.append(
                ratio_row(
                    "P18",
                    f"import dry run, {people:,} changed rows",
                    times["dry"],
                    "the same --apply",
                    times["apply"],
                    1.2,
                )
            )
    return rows
