"""Word briefing → PDF, by LibreOffice in headless mode.

LibreOffice lays the document out as Word would and embeds (subsets of) every font it uses.
Each conversion runs in a private, temporary user profile: two conversions sharing one profile
would wait on each other's lock or fail. A conversion that does not finish in time is stopped
with every process LibreOffice started (it runs in its own process group: `soffice` hands
the work to `soffice.bin`), and the profile is removed with it. The PDF is tagged (its
structure of headings, paragraphs and tables is in the file), so screen readers and reflow
on small screens work.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from dossier.briefing.fonts import for_this_machine
from dossier.errors import ConversionError, UsageError

EXPORT_FILTER = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
"""The PDF filter with its options as JSON (LibreOffice 7.4 and later): a tagged PDF."""
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
        source.write_bytes(for_this_machine(document))
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--convert-to",
            EXPORT_FILTER,
            "--outdir",
            str(work),
            str(source),
        ]
        returncode, stderr = _run_in_own_group(command, work)
        target = work / "briefing.pdf"
        if returncode != 0 or not target.is_file():
            said = stderr.decode("utf-8", "replace").strip().splitlines()
            reason = said[-1] if said else f"exit status {returncode}"
            raise ConversionError(f"LibreOffice could not convert the briefing to PDF: {reason}")
        return target.read_bytes()


def _run_in_own_group(command: list[str], work: Path) -> tuple[int, bytes]:
    """Run LibreOffice in a new process group; past the time limit, kill the whole group."""
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "HOME": str(work)},
        start_new_session=True,
    )
    limit = _timeout()
    try:
        _, stderr = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()  # until every process of the group is gone and the pipes close
        raise ConversionError(
            f"LibreOffice did not finish the PDF within {limit:g} s"
            " (DOSSIER_PDF_TIMEOUT sets the limit)"
        ) from None
    return process.returncode, stderr
