"""Write docs/format.md, the reference of every field, from the models.

Run `python docs/refresh_format.py` after changing a model or a field's docstring;
tests/test_format_reference.py fails when the file and the models disagree.
"""

from __future__ import annotations

from pathlib import Path

from dossier.datafile.format_reference import format_reference

if __name__ == "__main__":
    target = Path(__file__).resolve().parent / "format.md"
    target.write_text(format_reference(), encoding="utf-8")
