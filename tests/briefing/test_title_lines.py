"""A Japanese title too long for a line breaks after its colon, after a comma or at a space,
never inside a word (word processors break Japanese between any two characters)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dossier.briefing.widths import BODY_POINTS, WIDE_CHARACTER_MM, title_lines

KANA_WORD = st.text(st.sampled_from("キングスカイフロント川崎市代表団訪問"), min_size=1, max_size=9)
LATIN_WORD = st.text(st.sampled_from("BioMunichGmb"), min_size=1, max_size=8)
WORD = KANA_WORD | LATIN_WORD
SEPARATOR = st.sampled_from(["：", "、", " ", ": ", ", "])
TITLE = st.builds(
    lambda first, rest: first + "".join(s + w for s, w in rest),
    KANA_WORD,
    st.lists(st.tuples(SEPARATOR, WORD), max_size=6),
)
WIDTH_MM = 170.0
POINTS = 26.0
LINE_CHARACTERS = int(WIDTH_MM / (WIDE_CHARACTER_MM * POINTS / BODY_POINTS))


@given(title=TITLE)
def test_a_title_breaks_only_between_words(title: str) -> None:
    lines = title_lines(title, WIDTH_MM, POINTS).split("\n")
    assert "".join(lines).replace(" ", "") == title.replace(" ", "")
    position = 0
    for line in lines[:-1]:
        position = title.index(line, position) + len(line)
        # The break comes after a separator, or at a space, or inside a word longer than a
        # line, which must break somewhere.
        before, after = title[position - 1], title[position : position + 1]
        at_space = after == " " or before == " "
        assert before in "：、," or at_space or len(line) >= LINE_CHARACTERS - 1, (title, lines)


def test_a_title_that_fits_stays_on_one_line() -> None:
    assert title_lines("ブリーフィング：川崎", WIDTH_MM, POINTS) == "ブリーフィング：川崎"


def test_the_colon_is_the_first_place_to_break() -> None:
    assert title_lines("ブリーフィング：キング スカイフロント、川崎", WIDTH_MM, POINTS) == (
        "ブリーフィング：\nキング スカイフロント、川崎"
    )


def test_a_latin_title_keeps_to_the_word_processors_breaks() -> None:
    title = "Briefing: Munich delegation to King Skyfront and the City of Kawasaki"
    assert title_lines(title, WIDTH_MM, POINTS) == title
