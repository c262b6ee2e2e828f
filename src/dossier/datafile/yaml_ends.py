"""A section's block list composed from its ends only: what adding an item at its end reads.

Adding a record reads the list it joins: the column of its dashes, the step to its items,
the style and end of its last item, the blank lines between its last two. Composing the
whole file for that costs as much as reading it; here every other character of the file is
blanked (spaces, line ends kept), so the parser reads one key and three items, at the very
positions they have in the file, and a stand-in key where the next line of the file's own
first column stands. Where the section is not a block list whose items'
places are known, or the blanked text does not compose, there is no shortcut (None).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dossier.datafile.yaml_edit import Node, compose
from dossier.errors import UsageError

_DASH = re.compile(r"[ \t]*-[ \t]+")
_NOT_LINE_END = re.compile(r"[^\r\n]+")
_NEXT_TOP_LINE = re.compile(r"(?<=\n)[^ \t\r\n][^\r\n]*")


def _blanked(text: str) -> str:
    return _NOT_LINE_END.sub(lambda m: " " * len(m.group()), text)


def compose_list_ends(text: str, section: str, spans: Sequence[tuple[int, int]]) -> Node | None:
    """The file's tree with the section's list reduced to its first and last two items.

    `spans` are the (start, end) character indices of every item of the section, in order.
    """
    if len(spans) < 4 or any(end <= start for start, end in spans):
        return None
    kept = [spans[0], spans[-2], spans[-1]]
    starts = []
    for start, _ in kept:
        line = text.rfind("\n", 0, start) + 1
        if not _DASH.fullmatch(text, line, start):
            return None  # not an item of a block list on a line of its own
        starts.append(line)
    keys = list(re.finditer(rf"^{re.escape(section)}[ \t]*:", text[: starts[0]], re.MULTILINE))
    if not keys:
        return None
    pieces, at = [], 0
    key = keys[-1]  # the last such line before the list is its key
    for start, end in [(key.start(), key.end())] + [
        (line, end) for line, (_, end) in zip(starts, kept, strict=True)
    ]:
        pieces += [_blanked(text[at:start]), text[start:end]]
        at = end
    # The line after the list that starts at its first column (the next key, a comment)
    # ends the last item, a block text most of all: it stays a key there, so that the last
    # item ends where it does in the file.
    after = _NEXT_TOP_LINE.search(text, at)
    if after is not None:
        if after.end() - after.start() < 2:
            return None
        pieces += [_blanked(text[at : after.start()]), "_:"]
        at = after.start() + 2
    pieces.append(_blanked(text[at:]))
    try:
        return compose("".join(pieces))
    except UsageError:
        return None
