"""Block YAML for data made of short plain texts, written as PyYAML writes it, without its
emitter.

An import of new rows writes thousands of records, and PyYAML's emitter, in Python, spends
about 170 µs on each; most such records hold only names, addresses and titles, which PyYAML
writes plain. Those are written here line by line, in PyYAML's layout (`dump_block`'s:
lists indented under their key, two spaces a level). Anything else (a text PyYAML would
quote, fold or write as a block, a float, a date, a list in a list) makes `plain_block`
answer None, and PyYAML writes the whole value. A property test holds the two to the same
text.
"""

from __future__ import annotations

import re
from typing import Any

# A text PyYAML writes plain in block context: it starts with a letter, ends with a letter,
# digit, full stop or bracket, and holds no indicator (`:` `#` quotes and the like), no
# space at either end and no line break. Letters and digits of any script are printable.
_PLAIN = re.compile(r"[^\W\d_](?:[\w .,/()+@-]*[\w.)])?")
# Words YAML 1.1 or 1.2 reads as booleans or null: PyYAML quotes them.
_TYPED_WORDS = frozenset(["yes", "no", "on", "off", "true", "false", "null"])
_WIDTH = 80
"""Lines are kept well under PyYAML's width (100), beyond which it folds plain texts."""


class _NotPlain(Exception):
    """Some part of the value needs PyYAML."""


def plain_block(data: Any) -> str | None:
    """`data` (a non-empty mapping or list) as PyYAML's `dump_block` writes it; None where
    some part of it is not plain."""
    lines: list[str] = []
    try:
        if isinstance(data, dict) and data:
            _mapping(data, 0, lines, "")
        elif isinstance(data, list) and data:
            _sequence(data, 0, lines)
        else:
            return None
    except _NotPlain:
        return None
    return "\n".join(lines) + "\n"


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if type(value) is int:
        return str(value)
    if type(value) is str and _PLAIN.fullmatch(value) and value.lower() not in _TYPED_WORDS:
        return value
    raise _NotPlain


def _line(lines: list[str], line: str) -> None:
    if len(line) > _WIDTH:
        raise _NotPlain
    lines.append(line)


def _mapping(data: dict[Any, Any], indent: int, lines: list[str], lead: str) -> None:
    """`lead` is the dash of the list item the mapping is, written before its first key."""
    for key, value in data.items():
        if type(key) is not str:
            raise _NotPlain
        head = (lead or " " * indent) + _scalar(key) + ":"
        lead = ""
        if isinstance(value, dict | list) and not value:
            _line(lines, head + (" {}" if isinstance(value, dict) else " []"))
        elif isinstance(value, dict):
            _line(lines, head)
            _mapping(value, indent + 2, lines, "")
        elif isinstance(value, list):
            _line(lines, head)
            _sequence(value, indent + 2, lines)
        else:
            _line(lines, head + " " + _scalar(value))


def _sequence(data: list[Any], indent: int, lines: list[str]) -> None:
    dash = " " * indent + "- "
    for item in data:
        if isinstance(item, list):
            raise _NotPlain
        if isinstance(item, dict):
            if item:
                _mapping(item, indent + 2, lines, dash)
            else:
                _line(lines, dash + "{}")
        else:
            _line(lines, dash + _scalar(item))
