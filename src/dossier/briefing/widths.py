"""Column widths fitted to what the columns hold, so that no word is broken mid-word.

Word and LibreOffice give every column of a new table the same width; a time then takes as
much room as a paragraph of notes, and `NanoMedicine` wraps as `NanoMedicin|e`. Each column
here is at least as wide as its longest word (at the widest a character of the text face is),
and the room left goes to the columns with the most text. Only when even the longest words
do not fit side by side are the widest columns cut down to a common width (a time or a
date keeps its column; an overlong word breaks where it must). A date is one word, whatever
its spaces and script: its column holds it on one line.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

from dossier.phrases import is_wide

CHARACTER_MM = 2.5
"""Width of a Latin character of the body text (11 pt), with room for bold and capitals."""
WIDE_CHARACTER_MM = 3.9
"""Width of a full-width character (kanji, kana): one em at 11 pt."""
CELL_PADDING_MM = 4.6
"""The cell margins of the table style on both sides, and a little air."""
SHORT_WIDE_WORD = 4
"""Full-width words of up to this many characters are not broken."""
SCRIPT_GAP_MM = 1.0
"""The space a word processor sets where Japanese meets Latin letters or digits (a quarter of
an em: LibreOffice's and Word's "space between Asian and Latin text")."""
LONG_TEXT = 60
"""Characters after which a column's text counts as long: its column wraps, as it should."""


def text_mm(text: str) -> float:
    return sum(WIDE_CHARACTER_MM if is_wide(c) else CHARACTER_MM for c in text)


def _whole_mm(text: str) -> float:
    """The width of a text kept on one line, with the gaps where its scripts meet
    (`2017年11月10日` has five)."""
    meetings = sum(1 for a, b in itertools.pairwise(text) if is_wide(a) != is_wide(b))
    return text_mm(text) + meetings * SCRIPT_GAP_MM


def _word_mm(word: str) -> float:
    """The least width a word needs: all of it, but a full-width text may break between any
    two of its characters, so there only its Latin runs (`BioM` in `BioMと`) stay whole."""
    if not any(is_wide(c) for c in word):
        return text_mm(word)
    runs, current = [], ""
    for character in word:
        if is_wide(character):
            runs.append(current)
            current = ""
        else:
            current += character
    runs.append(current)
    # A short word (a column's header: 出席者) is kept whole all the same.
    whole = text_mm(word) if len(word) <= SHORT_WIDE_WORD else 2 * WIDE_CHARACTER_MM
    return max([text_mm(run) for run in runs] + [whole])


def _longest_word_mm(text: str) -> float:
    return max((_word_mm(word) for word in text.split()), default=0.0)


def column_widths(
    columns: Sequence[Sequence[str]],
    available_mm: float,
    whole: Sequence[Sequence[str]] = (),
) -> list[float]:
    """Widths in millimetres for columns (each the texts of its cells, header first) that
    together fill `available_mm`; `whole` holds, column by column, the texts in it that
    stay on one line (dates)."""
    kept = [*whole, *([()] * (len(columns) - len(whole)))]
    least = [
        max(
            (*(_longest_word_mm(t) for t in texts), *(_whole_mm(t) for t in unbroken)),
            default=0.0,
        )
        + CELL_PADDING_MM
        for texts, unbroken in zip(columns, kept, strict=True)
    ]
    wanted = [
        max((min(text_mm(t), text_mm("x" * LONG_TEXT)) for t in texts), default=0.0)
        + CELL_PADDING_MM
        for texts in columns
    ]
    if sum(least) >= available_mm:
        return _capped(least, available_mm)
    room = available_mm - sum(least)
    extra = [max(w - m, 0.0) for w, m in zip(wanted, least, strict=True)]
    if sum(extra) <= room:
        # Everything fits on one line each; what is left goes to the columns by their text.
        share = [w / sum(wanted) for w in wanted]
        leftover = room - sum(extra)
        return [m + e + leftover * s for m, e, s in zip(least, extra, share, strict=True)]
    return [m + room * e / sum(extra) for m, e in zip(least, extra, strict=True)]


def _capped(least: list[float], available_mm: float) -> list[float]:
    """Each column at its least width, but none over the cap at which they fill the page."""
    ordered = sorted(least)
    fixed = 0.0
    for index, width in enumerate(ordered):
        cap = (available_mm - fixed) / (len(ordered) - index)
        if width > cap:
            return [min(w, cap) for w in least]
        fixed += width
    return least


BODY_POINTS = 11.0
"""The size the widths above are measured at."""
TITLE_BREAKS = (("：", ": "), ("、", ", "), (" ",))
"""Where a title may break, best first: after its colon, after a comma, at a space."""


def title_lines(title: str, available_mm: float, points: float) -> str:
    """A Japanese title with line breaks where it may break, when it needs more than a
    line at `points`: Word and LibreOffice break Japanese between any two characters, so
    `キング スカイフロント` would end a line with `キング スカイフロン`. A title in a
    script with spaces between words keeps to the word processor's breaks."""
    if not any(is_wide(c) for c in title):
        return title
    scale = points / BODY_POINTS

    def fits(text: str) -> bool:
        return text_mm(text.strip(" ")) * scale <= available_mm

    return "\n".join(line.strip(" ") for line in _filled(title, fits, 0))


def _filled(text: str, fits: Callable[[str], bool], level: int) -> list[str]:
    """`text` in lines that fit, broken at the separators of `level` and, within a piece
    still too wide, at those of the next levels."""
    if fits(text) or level == len(TITLE_BREAKS):
        return [text]
    pieces = _after_each(text, TITLE_BREAKS[level])
    lines: list[str] = []
    current = ""
    for piece in pieces:
        if current and fits(current + piece):
            current += piece
            continue
        if current:
            lines.append(current)
        *done, current = _filled(piece, fits, level + 1)
        lines += done
    return [*lines, current]


def _after_each(text: str, separators: tuple[str, ...]) -> list[str]:
    """`text` cut after each of `separators`, which stay at the ends of their pieces."""
    after = "|".join(f"(?<={re.escape(separator)})" for separator in separators)
    return [piece for piece in re.split(after, text) if piece]
