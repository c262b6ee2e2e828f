"""P13: a PDF briefing against LibreOffice converting the same Word briefing.

The conversion is the floor: `dossier brief -o x.pdf` writes the .docx and has LibreOffice
convert it, so its own part (reading the data, building and writing the document) should add
little to what LibreOffice takes.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any


def pdf_rows(
    work: Path,
    dossier: Sequence[str],
    generate: Callable[..., Path],
    measure: Callable[..., dict[str, Any]],
    ratio_row: Callable[..., Any],
    env: dict[str, str],
    *,
    runs: int,
) -> list[Any]:
    soffice = shutil.which("soffice")
    brief_file = generate(0, work / "brief.yaml", scenario="brief")
    brief = [*dossier, "--data", str(brief_file), "brief", "partner", "--force"]
    subprocess.run([*brief, "-o", "b.docx"], check=True, env=env, cwd=work, capture_output=True)
    commands = {"ours": ([*brief, "-o", "b.pdf"], env)}
    if soffice:
        profile = (work / "lo-profile").as_uri()
        convert = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore"]
        convert += ["--convert-to", "pdf", "--outdir", str(work / "lo"), str(work / "b.docx")]
        commands["soffice"] = (convert, env)
    p13 = measure(commands, runs=max(1, runs // 2), cwd=work)
    return [
        ratio_row(
            "P13",
            "brief -o PDF, 500 events",
            p13["ours"],
            "soffice docx → pdf",
            p13.get("soffice"),
            1.5,
        )
    ]
