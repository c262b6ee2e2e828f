"""A unified diff of two texts in time close to linear in their lines.

difflib's matcher searches the whole of both texts for the longest common run, again and
again: on a data file of 100,000 lines with a change here and there (a merge rewrites every
reference to a record) that takes seconds or minutes. Here the lines that occur once in
each text anchor the match (patience diff, as git's `--patience`): the longest run of
anchors in the same order in both is kept, and difflib matches only the few lines between
two anchors, where a record's own lines are.
"""

from __future__ import annotations

import bisect
import difflib
from collections import Counter
from collections.abc import Sequence

Match = tuple[int, int, int]
"""(start in the old lines, start in the new lines, length): as difflib's matching blocks."""


def _anchors(old: Sequence[str], new: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs of positions of lines that occur once in each text, the longest chain of them
    in the same order in both (a longest increasing subsequence, by patience sorting)."""
    old_count, new_count = Counter(old), Counter(new)
    in_new = {line: j for j, line in enumerate(new) if new_count[line] == 1}
    pairs = [
        (i, in_new[line]) for i, line in enumerate(old) if old_count[line] == 1 and line in in_new
    ]
    tops: list[int] = []  # the new position ending the best chain of each length
    ends: list[int] = []  # index into pairs of that chain's last pair
    before: list[int] = []  # each pair's predecessor in its chain (-1: none)
    for index, (_, j) in enumerate(pairs):
        length = bisect.bisect_left(tops, j)
        if length == len(tops):
            tops.append(j)
            ends.append(index)
        else:
            tops[length], ends[length] = j, index
        before.append(ends[length - 1] if length else -1)
    chain, at = [], ends[-1] if ends else -1
    while at >= 0:
        chain.append(pairs[at])
        at = before[at]
    return chain[::-1]


def matching_blocks(old: Sequence[str], new: Sequence[str]) -> list[Match]:
    """Runs of equal lines, in order, ending with difflib's sentinel `(len(old), len(new), 0)`."""
    blocks: list[Match] = []
    i0 = j0 = 0
    for i, j in [*_anchors(old, new), (len(old), len(new))]:
        if i > i0 and j > j0:  # lines on both sides between two anchors: difflib's to match
            gap = difflib.SequenceMatcher(None, old[i0:i], new[j0:j], autojunk=False)
            blocks += [(i0 + a, j0 + b, n) for a, b, n in gap.get_matching_blocks() if n]
        if i < len(old):
            blocks.append((i, j, 1))
        i0, j0 = i + 1, j + 1
    merged: list[Match] = []
    for i, j, size in blocks:
        if merged and merged[-1][0] + merged[-1][2] == i and merged[-1][1] + merged[-1][2] == j:
            start_i, start_j, length = merged.pop()
            merged.append((start_i, start_j, length + size))
        else:
            merged.append((i, j, size))
    return [*merged, (len(old), len(new), 0)]


class _Matched(difflib.SequenceMatcher[str]):
    """difflib's grouping into hunks, on the matching blocks found here."""

    def __init__(self, old: Sequence[str], new: Sequence[str], blocks: list[difflib.Match]):
        super().__init__(None, old, new, autojunk=False)
        self.blocks = blocks

    def get_matching_blocks(self) -> list[difflib.Match]:
        return self.blocks


def _range(start: int, stop: int) -> str:
    """A hunk's line range as unified diffs write it: `5`, `5,3`, or `4,0` for none."""
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


def unified_diff(
    old: Sequence[str], new: Sequence[str], from_name: str, to_name: str, context: int
) -> list[str]:
    """The lines of a unified diff (as `difflib.unified_diff` writes it) of two lists of
    lines, each with its line end."""
    matcher = _Matched(old, new, [difflib.Match(*block) for block in matching_blocks(old, new)])
    out: list[str] = []
    for group in matcher.get_grouped_opcodes(context):
        if not out:
            out += [f"--- {from_name}\n", f"+++ {to_name}\n"]
        first, last = group[0], group[-1]
        out.append(f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out += [" " + line for line in old[i1:i2]]
                continue
            out += ["-" + line for line in old[i1:i2]]
            out += ["+" + line for line in new[j1:j2]]
    return out
