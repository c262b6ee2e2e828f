"""A section's block list composed from a few of its items only: its ends, what adding an
item at its end reads; an item and its neighbours, what removing it reads.

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
    if len(spans) < 4:
        return None
    return compose_list_items(text, section, spans, [0, len(spans) - 2, len(spans) - 1])


def compose_list_items(
    text: str, section: str, spans: Sequence[tuple[int, int]], keep: Sequence[int]
) -> Node | None:
    """The file's tree with the section's list reduced to the items at `keep` (in order):
    what removing an item reads (it, its neighbours, and the first item's indent)."""
    if not keep or any(end <= start for start, end in spans):
        return None
    kept = [spans[index] for index in keep]
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
