"""The canonical layout of a data file, as far as it goes without touching what was written:
line ends, trailing blanks, runs of blank lines and the end of the file.

`dossier fmt` brings a file to it; `dossier fmt --check` (for CI and pre-commit) says which
files are not in it. Keys, values, quoting, indentation and comments are the author's and
stay as they are: a formatter that re-emitted the YAML would lose its comments. Texts that
run over several lines are values: their blanks and blank lines stay as they are (only their
line ends become LF, which YAML reads as the same text), and a layout after which the file
would not read as the same data is never written.
"""

from __future__ import annotations

import re

from dossier.datafile.yaml_core import multiline_scalars

_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)
_BLANK_RUNS = re.compile(r"\n{3,}")


_STAND_IN = "\x00{}\x00"
_STAND_INS = re.compile("\x00(\\d+)\x00")


def canonical(text: str) -> str:
    """The text with LF line ends, no blanks at line ends, at most one blank line in a row,
    none at the start, and exactly one line end at the end (a byte-order mark is dropped);
    texts that run over several lines as they are."""
    text = text.removeprefix("\ufeff")
    spans = multiline_scalars(text) or []
    kept = [_lf(text[start:end]) for start, end in spans]
    pieces, at = [], 0
    for number, (start, end) in enumerate(spans):
        pieces += [text[at:start], _STAND_IN.format(number)]
        at = end
    pieces.append(text[at:])
    laid_out = _lf("".join(pieces))
    laid_out = _TRAILING.sub("", laid_out)
    laid_out = _BLANK_RUNS.sub("\n\n", laid_out).lstrip("\n")
    laid_out = laid_out.rstrip("\n") + "\n" if laid_out.strip() else ""
    return _STAND_INS.sub(lambda m: kept[int(m.group(1))], laid_out)


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def differences(text: str) -> list[str]:
    """What keeps a text from the canonical layout, for `fmt --check`."""
    found = []
    if text.startswith("\ufeff"):
        found.append("a byte-order mark")
    if "\r" in text:
        found.append("CR line ends")
    lines = _outside_texts(text.removeprefix("\ufeff"))
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


def _outside_texts(text: str) -> str:
    """The text with LF line ends and every text of several lines left out (for the checks
    that must not look inside values)."""
    spans = multiline_scalars(text) or []
    pieces, at = [], 0
    for start, end in spans:
        pieces += [text[at:start], "\x00"]
        at = end
    pieces.append(text[at:])
    return _lf("".join(pieces))


def same_data(before: str, after: str) -> bool:
    """Whether two texts read as the same data (a file that cannot be read as itself)."""
    from dossier.datafile.yaml_reader import parse_yaml

    old, new = parse_yaml(before.removeprefix("\ufeff")), parse_yaml(after)
    return old.data == new.data and bool(old.problems) == bool(new.problems)
