"""Byte-level checks of a data file, before YAML reads it: UTF-8, and characters YAML refuses.

Every fault is reported at its own line and column (as editors count them: at `\\n`), and the
bytes handed on to the YAML reader have each fault replaced by one harmless character, so that
the rest of the file is still read and its own problems are reported in the same run.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from dossier.errors import Problem

BOM = b"\xef\xbb\xbf"
_CHUNK = 1 << 20
MAX_REPORTED = 20
"""Faults of one kind reported one by one in a file; the rest are counted in one line."""

# Characters YAML 1.2 does not allow in a stream (C0 but TAB, LF, CR; DEL; C1 but NEL; the
# noncharacters U+FFFE and U+FFFF). A raw one makes libyaml stop at the first.
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ufffe\uffff]")
_CONTROL_ASCII = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_NOT_CONTROL_ASCII = bytes(sorted(set(range(256)) - set(_CONTROL_ASCII)))
_CONTROL_MULTIBYTE = re.compile(rb"\xc2[\x80-\x84\x86-\x9f]|\xef\xbf[\xbe\xbf]")
_STAND_IN = "\ufffd"
"""Replaces each fault in the text handed on: one character, so columns stay right."""


class CheckedText(NamedTuple):
    """The problems found, and the bytes to parse (`None` when the file is not text at all)."""

    problems: list[Problem]
    data: bytes | None


def check_bytes(raw: bytes, name: str) -> CheckedText:
    """Every invalid UTF-8 sequence and raw control character of `raw`, at its place."""
    data = raw[len(BOM) :] if raw.startswith(BOM) else raw
    first_bad = _first_invalid_utf8(data)
    if first_bad is None and not _may_hold_raw_controls(data):
        return CheckedText([], data)
    if first_bad is not None and _looks_binary(data, first_bad):
        line, column = _position_in(data, first_bad)
        problem = Problem(
            name,
            line,
            column,
            f"the file is not UTF-8 text (byte 0x{data[first_bad]:02X})",
            hint="save it as UTF-8",
        )
        return CheckedText([problem], None)
    text = data.decode("utf-8", "replace") if first_bad is not None else data.decode("utf-8")
    problems = []
    if first_bad is not None:
        problems += _invalid_utf8_problems(data, name)
    problems += _control_problems(text, name)
    return CheckedText(problems, _RAW_CONTROL.sub(_STAND_IN, text).encode("utf-8"))


def _first_invalid_utf8(raw: bytes) -> int | None:
    """Offset of the first byte that is not UTF-8, checked in chunks without a copy."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    for start in range(0, len(raw), _CHUNK):
        try:
            decoder.decode(raw[start : start + _CHUNK], final=start + _CHUNK >= len(raw))
        except UnicodeDecodeError as error:
            return start + error.start
    return None


def _may_hold_raw_controls(raw: bytes) -> bool:
    """Deleting every other byte is one pass in C; a regular expression would be 20x slower."""
    if raw.translate(None, _NOT_CONTROL_ASCII):
        return True
    if b"\xc2" in raw or b"\xef\xbf" in raw:
        return _CONTROL_MULTIBYTE.search(raw) is not None
    return False


def _looks_binary(raw: bytes, first_bad: int) -> bool:
    """Not text at all (an image, UTF-16): one problem says so, not one per byte."""
    return first_bad < 4 or raw[:8192].count(0) > 8


def _position_in(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    start = raw.rfind(b"\n", 0, offset) + 1
    return line, len(raw[start:offset].decode("utf-8", "replace")) + 1


def _invalid_utf8_problems(raw: bytes, name: str) -> list[Problem]:
    problems: list[Problem] = []
    offset, count = 0, 0
    while offset < len(raw):
        try:
            raw[offset:].decode("utf-8")
            break
        except UnicodeDecodeError as error:
            at = offset + error.start
            count += 1
            if count <= MAX_REPORTED:
                line, column = _position_in(raw, at)
                problems.append(
                    Problem(
                        name,
                        line,
                        column,
                        f"the file is not UTF-8 text (byte 0x{raw[at]:02X})",
                        hint="save it as UTF-8",
                    )
                )
            offset = offset + error.end
    return problems + _more(name, count, "bytes that are not UTF-8")


def _control_problems(text: str, name: str) -> list[Problem]:
    problems: list[Problem] = []
    line, line_start, scanned = 1, 0, 0
    count = 0
    for found in _RAW_CONTROL.finditer(text):
        count += 1
        if count > MAX_REPORTED:
            continue
        at = found.start()
        breaks = text.count("\n", scanned, at)
        if breaks:
            line += breaks
            line_start = text.rfind("\n", scanned, at) + 1
        scanned = at
        problems.append(
            Problem(
                name,
                line,
                at - line_start + 1,
                f"control character U+{ord(found.group()):04X} in the file",
                hint="remove it; YAML does not allow it, and no document can hold it",
            )
        )
    return problems + _more(name, count, "control characters")


def _more(name: str, count: int, what: str) -> list[Problem]:
    if count <= MAX_REPORTED:
        return []
    return [Problem(name, 0, 0, f"and {count - MAX_REPORTED} more {what} in the file")]
