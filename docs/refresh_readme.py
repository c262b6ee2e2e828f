"""Rewrite the output shown under each `$ dossier …` example in README.md with real output.

Run after a deliberate change to a view: `python docs/refresh_readme.py`. The examples are
produced at 100 columns, without colour, with today fixed to the date below, against the
repository's sample data; tests/test_docs.py checks that they still match.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
FIXED = {"COLUMNS": "100", "NO_COLOR": "1", "DOSSIER_TODAY": "2026-11-25", "TERM": "dumb"}
ENV = {**os.environ, **FIXED}
EXAMPLE = re.compile(r"(```console\n\$ dossier ([^\n]*)\n)(.*?)(\n```)", re.DOTALL)


def run(arguments: str) -> str:
    command = [sys.executable, "-m", "dossier", "--data", str(ROOT / "data" / "clusters.yaml")]
    result = subprocess.run(
        [*command, *shlex.split(arguments)], capture_output=True, text=True, env=ENV, check=False
    )
    return "\n".join(line.rstrip() for line in (result.stdout + result.stderr).splitlines())


def main() -> None:
    text = README.read_text(encoding="utf-8")

    def replace(match: re.Match[str]) -> str:
        arguments = match.group(2)
        if "|" in arguments or " -o " in arguments or arguments.startswith("brief"):
            return match.group(0)  # examples that write files are kept as written
        return match.group(1) + run(arguments) + match.group(4)

    README.write_text(EXAMPLE.sub(replace, text), encoding="utf-8")


if __name__ == "__main__":
    main()
