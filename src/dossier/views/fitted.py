"""A table that fits the terminal it is drawn on, or becomes a list of records.

Rich shrinks a table that is too wide by narrowing its widest columns, down to breaking words
and ids in the middle (`kawasaki-cit` / `y`). Here every column keeps at least its longest
word, and a column of ids, dates or numbers ("whole") its longest cell; the room left over is
shared out by how much each column wants beyond that. When even those minimums do not fit, the
rows are drawn as a list: one record after another, a label before each value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

LABEL_STYLE = "dim"

_WIDE = (
    "\u1100-\u115f\u2e80-\u303e\u3041-\ua4cf\uac00-\ud7a3"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
)
_PIECES = re.compile(rf"[{_WIDE}]\s*|[^\s{_WIDE}]*?[^\W\d_]-(?=[^\W\d_])|[^\s{_WIDE}]+\s*|\s+")
"""Where prose may break: at spaces, at a hyphen between letters (`Planegg-` / `Martinsried`,
never inside a date or a number), and around each character of Chinese, Japanese or Korean
script, which has no spaces between words."""


def _pieces(line: str) -> list[re.Match[str]]:
    return list(_PIECES.finditer(line))


def _least(text: str) -> int:
    """The narrowest a column can be without breaking `text` anywhere but where prose breaks."""
    return max(
        (cell_len(m.group().rstrip()) for line in text.splitlines() for m in _pieces(line)),
        default=0,
    )


def _longest_line(text: str) -> int:
    return max((cell_len(line) for line in text.splitlines()), default=0)


def _wrapped_line(line: Text, width: int) -> Text:
    if cell_len(line.plain) <= width:
        return line
    breaks, filled = [], 0
    for piece in _pieces(line.plain):
        if filled and filled + cell_len(piece.group().rstrip()) > width:
            breaks.append(piece.start())
            filled = 0
        filled += cell_len(piece.group())
    parts = line.divide(breaks)
    for part in parts:
        part.rstrip()
    return Text("\n").join(parts)


def wrapped(text: Text, width: int) -> Text:
    """`text` in lines of at most `width` cells, broken only where prose breaks."""
    return Text("\n").join(_wrapped_line(line, width) for line in text.split("\n"))


@dataclass(frozen=True)
class FittedTable:
    """Headers, whether each column is whole, and rows of `Text` cells."""

    headers: tuple[str, ...]
    whole: tuple[bool, ...]
    rows: list[tuple[Text, ...]]

    def _widths(self) -> tuple[list[int], list[int]]:
        """Each column's least and most width, header included."""
        least, most = [], []
        for index, header in enumerate(self.headers):
            cells = [row[index].plain for row in self.rows]
            most.append(max([_longest_line(header), 1] + [_longest_line(c) for c in cells]))
            measure = _longest_line if self.whole[index] else _least
            least.append(max([measure(header), 1] + [measure(c) for c in cells]))
        return least, most

    def _table(self, widths: Sequence[int] | None = None) -> Table:
        """The table; with `widths`, every cell broken into lines that fit its column."""
        table = Table(
            box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False, padding=(0, 1, 0, 0)
        )
        for index, header in enumerate(self.headers):
            width = widths[index] if widths else None
            title = wrapped(Text(header), width) if width else Text(header)
            table.add_column(title, no_wrap=True, width=width, overflow="fold")
        for row in self.rows:
            table.add_row(
                *(wrapped(c, w) for c, w in zip(row, widths, strict=True)) if widths else row
            )
        return table

    def _as_list(self) -> Iterator[RenderableType]:
        for number, row in enumerate(self.rows):
            if number:
                yield Text("")
            yield Text(row[0].plain, style="bold")
            grid = Table.grid(padding=(0, 2))
            grid.add_column(style=LABEL_STYLE, no_wrap=True)
            grid.add_column(overflow="fold")
            for header, whole, cell in zip(self.headers[1:], self.whole[1:], row[1:], strict=True):
                if cell.plain:
                    if whole:  # on its line; folded only where no line could hold it
                        cell = cell.copy()
                        cell.no_wrap, cell.overflow = True, "fold"
                    grid.add_row(Text(header), cell)
            yield Padding(grid, (0, 0, 0, 2), expand=False)

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterator[RenderableType]:
        least, most = self._widths()
        natural = self._table()
        room = options.max_width
        overhead = Measurement.get(console, options.update_width(10**6), natural).maximum - sum(
            most
        )
        if sum(most) + overhead <= room:
            yield natural
        elif sum(least) + overhead > room:
            yield from self._as_list()
        else:
            yield self._table(_share_out(least, most, room - overhead))


def _share_out(least: list[int], most: list[int], room: int) -> list[int]:
    """Widths that fill `room`: every column as wide as it wants up to a common cap, never
    below its least. The cap is the highest that fits, so the widest columns give way first
    (as Rich narrows a table) and short columns stay on one line; what the cap leaves over
    goes one cell at a time to the columns it held back."""

    def capped(cap: int) -> list[int]:
        return [max(low, min(high, cap)) for low, high in zip(least, most, strict=True)]

    low, high = 0, max(most)
    while low < high:
        cap = (low + high + 1) // 2
        if sum(capped(cap)) <= room:
            low = cap
        else:
            high = cap - 1
    widths = capped(low)
    spare = room - sum(widths)
    for index in range(len(widths)):
        if spare and widths[index] < most[index]:
            widths[index] += 1
            spare -= 1
    return widths
