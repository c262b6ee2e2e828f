"""Outside programs some tests check outputs with, and the exact part each test needs.

A test that reads our output with another program skips, saying what is missing and how to
install it, when that program is not on the machine: `.ci/run` installs all of them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

_LIBREOFFICE_PARTS = {
    # The part of LibreOffice that opens a format, by the library that implements it.
    "writer": ("libswlo.so", "libreoffice-writer-nogui"),
    "calc": ("libsclo.so", "libreoffice-calc-nogui"),
}


def libreoffice_has(part: str) -> bool:
    """Whether `soffice` is installed with its Writer or Calc component."""
    found = shutil.which("soffice")
    if found is None:
        return False
    library, _ = _LIBREOFFICE_PARTS[part]
    return (Path(found).resolve().parent / library).is_file()


def needs_libreoffice(part: str) -> pytest.MarkDecorator:
    _, package = _LIBREOFFICE_PARTS[part]
    return pytest.mark.skipif(
        not libreoffice_has(part),
        reason=f"LibreOffice {part.title()} is not installed (apt-get install {package})",
    )


def needs_program(name: str, package: str | None = None) -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        shutil.which(name) is None,
        reason=f"{name} is not installed (apt-get install {package or name})",
    )


def soffice_command(profile: Path) -> list[str]:
    """`soffice` headless with a profile of its own, so that parallel runs never collide."""
    return ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless"]


def sheet_as_csv(workbook: Path, work: Path) -> str:
    """The first sheet of `workbook` as LibreOffice Calc reads it, saved back as UTF-8 CSV:
    what a spreadsheet user sees in the cells."""
    import subprocess

    subprocess.run(
        [
            *soffice_command(work / "profile"),
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",  # comma, double quote, UTF-8
            "--outdir",
            str(work / "back"),
            str(workbook),
        ],
        capture_output=True,
        check=True,
        timeout=180,
    )
    return (work / "back" / f"{workbook.stem}.csv").read_text(encoding="utf-8")
