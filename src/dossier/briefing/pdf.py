"""Word briefing → PDF, by LibreOffice in headless mode.

LibreOffice lays the document out as Word would and embeds (subsets of) every font it uses.
Each conversion runs in a private, temporary user profile: two conversions sharing one profile
would wait on each other's lock or fail. A conversion that does not finish in time is stopped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from dossier.errors import ConversionError, UsageError

TIMEOUT_SECONDS = 120
"""Long enough for a briefing of thousands of events on a slow machine; `DOSSIER_PDF_TIMEOUT`
changes it."""
INSTALL_HINT = (
    "--format pdf needs LibreOffice Writer: install it (Debian and Ubuntu:"
    " apt-get install libreoffice-writer-nogui), or write --format docx"
)


def soffice() -> str:
    """The LibreOffice program; a usage error naming the package when there is none."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise UsageError(INSTALL_HINT)


def _timeout() -> float:
    value = os.environ.get("DOSSIER_PDF_TIMEOUT")
    try:
        return float(value) if value else TIMEOUT_SECONDS
    except ValueError:
        raise UsageError(f"DOSSIER_PDF_TIMEOUT={value!r} is not a number of seconds") from None


def docx_to_pdf(document: bytes) -> bytes:
    """The PDF LibreOffice makes of a .docx document."""
    program = soffice()
    with tempfile.TemporaryDirectory(prefix="dossier-pdf-") as folder:
        work = Path(folder)
        source = work / "briefing.docx"
        source.write_bytes(document)
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            result = subprocess.run(
                command,
                capture_output=True,
                timeout=_timeout(),
                check=False,
                env={**os.environ, "HOME": str(work)},
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            raise ConversionError(
                f"LibreOffice did not finish the PDF within {_timeout():g} s"
                " (DOSSIER_PDF_TIMEOUT sets the limit)"
            ) from None
        target = work / "briefing.pdf"
        if result.returncode != 0 or not target.is_file():
            said = result.stderr.decode("utf-8", "replace").strip().splitlines()
            reason = said[-1] if said else f"exit status {result.returncode}"
            raise ConversionError(f"LibreOffice could not convert the briefing to PDF: {reason}")
        return target.read_bytes()
