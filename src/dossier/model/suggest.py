""" "Did you mean" suggestions for misspelled keys, ids and references."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, choices: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The choice most like `word`, or None when nothing is close enough."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return matches[0] if matches else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint sentence, or "" when there is nothing to suggest."""
    match = closest(word, choices)
    return f"did you mean '{match}'?" if match else ""
