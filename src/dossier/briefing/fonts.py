"""The fonts a PDF is set in: those the Word document names where the machine that renders
has them, else the first installed of their declared stand-ins.

A Word briefing names Office's fonts (Calibri for headings, Cambria for text, Yu Gothic and
Arial in Japanese). LibreOffice on a machine without them substitutes what fontconfig finds
first, often DejaVu Serif for everything. Before a conversion the document's font names
are replaced by installed fonts of the same kind, metric-compatible ones first (Carlito for
Calibri, Caladea for Cambria, Liberation Sans for Arial), so the PDF looks as meant and its
lines break where Word's would. LibreOffice embeds every font it uses.
"""

from __future__ import annotations

import functools
import io
import re
import subprocess
import zipfile
from collections.abc import Iterable, Mapping
from xml.sax.saxutils import escape

CJK = ("Noto Sans CJK JP", "Source Han Sans JP", "IPAexGothic", "IPAGothic", "IPAPGothic")
SANS = ("Liberation Sans", "Arimo", "Noto Sans", "DejaVu Sans")
SERIF = ("Liberation Serif", "Tinos", "Noto Serif", "DejaVu Serif")
STAND_INS: Mapping[str, tuple[str, ...]] = {
    "Calibri": ("Carlito", *SANS),
    "Calibri Light": ("Carlito", *SANS),
    "Cambria": ("Caladea", *SERIF),
    "Arial": SANS,
    "Helvetica": SANS,
    "Times New Roman": SERIF,
    "Yu Gothic": CJK,
    "Yu Mincho": ("Noto Serif CJK JP", "IPAexMincho", "IPAMincho", *CJK),
    "MS Gothic": CJK,
    "MS Mincho": ("Noto Serif CJK JP", "IPAexMincho", "IPAMincho", *CJK),
}
"""Office's fonts, and what may stand in for each, best first (Debian: fonts-crosextra-carlito,
fonts-crosextra-caladea, fonts-liberation2, fonts-noto-cjk or fonts-ipafont-gothic)."""
FONT_ATTRIBUTES = ("typeface", "w:ascii", "w:hAnsi", "w:eastAsia", "w:cs", "w:name")
"""Where WordprocessingML and DrawingML name a font (`w:name` in the font table)."""
PARTS = re.compile(r"word/(theme/theme\d*|styles|document|header\d*|footer\d*|fontTable)\.xml")


@functools.cache
def installed_families() -> frozenset[str]:
    """Every font family fontconfig knows, by each of its names; none without fontconfig."""
    try:
        listed = subprocess.run(
            ["fc-list", "--format=%{family}\\n"], capture_output=True, timeout=20, check=False
        ).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(name.strip() for line in listed.splitlines() for name in line.split(","))


def substitutions(installed: Iterable[str]) -> dict[str, str]:
    """Each Office font that is not installed → its first installed stand-in."""
    have = set(installed)
    chosen = {}
    for font, stand_ins in STAND_INS.items():
        if font in have:
            continue
        found = next((s for s in stand_ins if s in have), None)
        if found is not None:
            chosen[font] = found
    return chosen


def for_this_machine(document: bytes, installed: Iterable[str] | None = None) -> bytes:
    """The .docx with the fonts it names replaced by installed ones (see the module)."""
    chosen = substitutions(installed_families() if installed is None else installed)
    if not chosen:
        return document
    names = "|".join(re.escape(escape(name, {'"': "&quot;"})) for name in chosen)
    pattern = re.compile(rf'\b({"|".join(FONT_ATTRIBUTES)})="({names})"')
    by_escaped = {escape(name, {'"': "&quot;"}): escape(s) for name, s in chosen.items()}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(document)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if PARTS.fullmatch(info.filename):
                text = data.decode("utf-8")
                text = pattern.sub(lambda m: f'{m[1]}="{by_escaped[m[2]]}"', text)
                data = text.encode("utf-8")
            target.writestr(info, data)
    return out.getvalue()
