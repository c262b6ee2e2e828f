"""Full-text search that finds Japanese (and Chinese, Korean, Thai) words as well as Latin
ones, in Datasette's own search box.

SQLite's word tokenizer takes a run of kanji or kana as one word, so `川崎` does not find
`川崎市`; its trigram tokenizer finds any piece of three characters or more, so it never finds
a two-character name (`福田`, `川崎`). Short texts (names, places, titles) therefore get a helper
column, `search_ngrams`, holding every piece of every run of those scripts as a word of its
own: a query of any length that is part of a name is then a word of the index. Long texts
(summaries, outcomes) are indexed by trigram in a second table, `<table>_text_fts`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

UNSPACED_RUN = re.compile(
    "["
    "\u0e00-\u0e7f"  # Thai
    "\u3040-\u30fa\u30fc-\u30ff"  # hiragana and katakana, not the middle dot (a separator)
    "\u31f0-\u31ff"  # katakana phonetic extensions
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs
    "\uac00-\ud7af"  # Hangul syllables
    "\uff66-\uff9f"  # half-width katakana
    "]+"
)
"""A run of characters of a script written without spaces between words."""

LONGEST_RUN = 64
"""Runs longer than this are cut: names are shorter, and the pieces grow with the square."""

MOST_PIECES = 20_000
"""At most this many pieces for one row: a name or title has a few hundred; a file of long
unspaced texts in a short field must not fill the machine's memory."""

WORD_TOKENIZER = "unicode61 remove_diacritics 2"
"""The tokenizer of the short texts and their helper column."""


def ngrams(texts: Iterable[str | None]) -> str | None:
    """Every piece (from one character to the whole run) of every unspaced run in `texts`,
    separated by spaces, each once, up to `MOST_PIECES`; None when there is none."""
    pieces: dict[str, None] = {}
    for text in texts:
        for match in UNSPACED_RUN.finditer(text or ""):
            run = match.group()[:LONGEST_RUN]
            for start in range(len(run)):
                for end in range(start + 1, len(run) + 1):
                    pieces[run[start:end]] = None
                if len(pieces) >= MOST_PIECES:
                    return " ".join(pieces)
    return " ".join(pieces) or None
