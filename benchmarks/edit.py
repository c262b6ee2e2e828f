"""P14: `dossier set` on a 10,000-record file against `dossier validate` of the same file.
P15: `dossier import` of the CSV export of 10,000 people against writing that export.

An edit is validated before it is written, so validation is its floor; the edit itself parses
only the record's own lines. The dry run (no `--apply`) does all of it but the (atomic, one-file) write.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any


def edit_rows(
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
    records = 1_000 if quick else 10_000
    data = work / f"edit{records}.yaml"
    shutil.copyfile(generate(records, work / f"d{records}.yaml"), data)
    edit = [*dossier, "--data", str(data), "set", "person-0", "honorific", "Dr."]
    p14 = measure(
        {
            "set": (edit, env),
            "validate": ([*dossier, "validate", str(data)], {**env, "DOSSIER_NO_CACHE": "1"}),
        },
        runs=runs,
        cwd=work,
    )
    # A quarter of a generated dossier's records are people.
    people = 1_000 if quick else 10_000
    big = generate(people * 4, work / f"d{people * 4}.yaml")
    table = work / "people.csv"
    export = [*dossier, "--data", str(big), "export", "--format", "csv", "--kind", "people"]
    subprocess.run([*export, "-o", str(table), "--force"], check=True, env=env, capture_output=True)
    p15 = measure(
        {
            "import": ([*dossier, "--data", str(big), "import", str(table)], env),
            "export": (export, env),
        },
        runs=runs,
        cwd=work,
    )
    return [
        ratio_row(
            "P15",
            f"import the CSV of {people:,} people",
            p15["import"],
            "export that CSV",
            p15["export"],
            1.5,
        ),
        ratio_row(
            "P14",
            f"set one field, {records:,} records",
            p14["set"],
            "validate the file",
            p14["validate"],
            1.5,
        ),
    ]
