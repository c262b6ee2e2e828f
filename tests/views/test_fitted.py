"""Tables fitted to the terminal: ids, dates and numbers never break, prose breaks only where
prose may, and a terminal too narrow for that gets a list of records."""

from __future__ import annotations

import io
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from dossier.views.fitted import FittedTable

ID = st.from_regex(r"[a-z][a-z0-9]{0,12}(-[a-z0-9]{1,10}){0,3}", fullmatch=True)
DATE = st.dates().map(str) | st.builds(
    lambda a, b: f"{a} – {b}", st.dates().map(str), st.dates().map(str)
)
WORD = st.from_regex(r"[A-Za-zÄÖÜäöüß]{1,14}|[ぁ-んァ-ン一-龯]{1,6}", fullmatch=True)
PROSE = st.lists(WORD, min_size=0, max_size=12).map(" ".join)


def _render(table: FittedTable, width: int) -> list[str]:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None, highlight=False).print(table)
    return [line.rstrip() for line in out.getvalue().splitlines()]


@st.composite
def tables(draw: st.DrawFn) -> FittedTable:
    prose_columns = draw(st.integers(1, 3))
    rows = draw(
        st.lists(
            st.tuples(ID, DATE, st.lists(PROSE, min_size=prose_columns, max_size=prose_columns)),
            min_size=1,
            max_size=6,
        )
    )
    headers = ("Id", "Date", *tuple(f"Prose {n}" for n in range(prose_columns)))
    return FittedTable(
        headers,
        (True, True) + (False,) * prose_columns,
        [(Text(i), Text(d), *(Text(p) for p in prose)) for i, d, prose in rows],
    )


@settings(max_examples=150, deadline=None)
@given(tables(), st.integers(30, 160))
def test_ids_and_dates_are_never_broken_and_lines_fit(table: FittedTable, width: int) -> None:
    lines = _render(table, width)
    text = "\n".join(lines)
    as_list = "─" not in text
    for row in table.rows:
        for cell in row[:2]:
            # Whole cells are on one line: in a table, or after their label in the list.
            label = max(cell_len(h) for h in table.headers[1:])
            if not as_list or cell_len(cell.plain) + label + 4 <= width:
                assert any(cell.plain in line for line in lines), (cell.plain, text)
    if not as_list:
        assert all(cell_len(line) <= width for line in lines), text
        # Every word of prose is found whole (Latin words may break only at hyphens, and
        # these have none; Japanese may break between any two characters).
        latin = {
            w
            for row in table.rows
            for c in row[2:]
            for w in re.findall(r"[A-Za-zÄÖÜäöüß]+", c.plain)
        }
        found = set(re.findall(r"[A-Za-zÄÖÜäöüß]+", text))
        assert latin <= found


def test_a_table_that_fits_is_drawn_as_it_is() -> None:
    table = FittedTable(
        ("Id", "Name"), (True, False), [(Text("kawasaki-city"), Text("City of Kawasaki"))]
    )
    assert _render(table, 80) == [
        "Id             Name",
        "───────────────────────────────",
        "kawasaki-city  City of Kawasaki",
    ]


def test_prose_breaks_at_spaces_and_between_letters_joined_by_a_hyphen() -> None:
    table = FittedTable(
        ("Id", "City"),
        (True, False),
        [(Text("biom"), Text("Planegg-Martinsried near Munich"))],
    )
    assert _render(table, 18) == [
        "Id    City",
        "──────────────────",
        "biom  Planegg-",
        "      Martinsried",
        "      near Munich",
    ]


def test_too_narrow_for_the_ids_becomes_a_list_of_records() -> None:
    table = FittedTable(
        ("Id", "Name", "Last contact"),
        (True, False, True),
        [
            (
                Text("bavarian-representation-japan"),
                Text("Bavarian State Representation"),
                Text(""),
            ),
            (Text("kawasaki-city"), Text("City of Kawasaki"), Text("2017-11-24")),
        ],
    )
    assert _render(table, 40) == [
        "bavarian-representation-japan",
        "  Name  Bavarian State Representation",
        "",
        "kawasaki-city",
        "  Name          City of Kawasaki",
        "  Last contact  2017-11-24",
    ]
