"""P14: `dossier set` on a 10,000-record file against `dossier validate` of the same file.

An edit is validated before it is written, so validation is its floor; the edit itself parses
only the record's own lines. `--dry-run` does all of it but the (atomic, one-file) write.
"""

from __future__ import annotations

import shutil
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
    edit = [*dossier, "--data", str(data), "set", "person-0", "honorific", "Dr.", "--dry-run"]
    p14 = measure(
        {
            "set": (edit, env),
            "validate": ([*dossier, "validate", str(data)], {**env, "DOSSIER_NO_CACHE": "1"}),
        },
        runs=runs,
        cwd=work,
    )
    return [
        ratio_row(
            "P14",
            f"set one field, {records:,} records",
            p14["set"],
            "validate the file",
            p14["validate"],
            1.5,
        )
    ]
