"""The canonical layout of a data file, as far as it goes without touching what was written:
line ends, trailing blanks, runs of blank lines and the end of the file.

`dossier fmt` brings a file to it; `dossier fmt --check` (for CI and pre-commit) says which
files are not in it. Keys, values, quoting, indentation and comments are the author's and
stay as they are: a formatter that re-emitted the YAML would lose its comments.
"""

from __future__ import annotations

import re

_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)
_BLANK_RUNS = re.compile(r"\n{3,}")


def canonical(text: str) -> str:
    """The text with LF line ends, no blanks at line ends, at most one blank line in a row,
    none at the start, and exactly one line end at the end (a byte-order mark is dropped)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = _TRAILING.sub("", text)
    text = _BLANK_RUNS.sub("\n\n", text).lstrip("\n")
    return text.rstrip("\n") + "\n" if text.strip() else ""


def differences(text: str) -> list[str]:
    """What keeps a text from the canonical layout, for `fmt --check`."""
    found = []
    if text.startswith("\ufeff"):
        found.append("a byte-order mark")
    if "\r" in text:
        found.append("CR line ends")
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if _TRAILING.search(lines):
        found.append("blanks at line ends")
    if _BLANK_RUNS.search(lines):
        found.append("more than one blank line in a row")
    if lines and not lines.endswith("\n"):
        found.append("no line end at the end")
    elif lines.endswith("\n\n"):
        found.append("blank lines at the end")
    if lines.startswith("\n"):
        found.append("blank lines at the start")
    if not found and canonical(text) != text:
        found.append("a layout of its own")  # anything the rules above do not name
    return found
