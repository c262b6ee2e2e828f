"""Valid YAML that libyaml reads as another value than the YAML specification says: found by
looking at the source around the events, so that the reader can refuse it (with a problem
at its place) rather than return a value nobody wrote.

- An anchor or alias whose name holds `:` (`&an:chor`): libyaml ends the name at the colon.
- A plain key in a flow collection that starts with `?` (`{ ?foo: bar }`, `[?x]`): YAML
  reads the text `?foo`, libyaml an explicit key `foo`.
"""

from __future__ import annotations

from typing import Any

MAX_SHOWN_NAME = 40
"""Characters of a refused anchor name shown in the problem."""


class SourceText:
    """The text the events were read from, decoded only when a check needs a character of it
    (libyaml's marks count characters, not bytes)."""

    def __init__(self, source: bytes | str) -> None:
        self.source = source
        self._text: str | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            source = self.source
            self._text = source.decode("utf-8", "replace") if isinstance(source, bytes) else source
        return self._text

    def character(self, index: int) -> str:
        """The character at `index`; "" outside the text."""
        text = self.text
        return text[index] if 0 <= index < len(text) else ""


def _ends_name(character: str) -> bool:
    return not character or character.isspace() or character in ",[]{}"


def anchor_disagreement(text: SourceText, event: Any, sign: str) -> tuple[str, str] | None:
    """(message, hint) when the anchor (`&`) or alias (`*`) of `event` was cut short."""
    # The node starts at its first property: a tag may stand before the anchor.
    at = event.start_mark.index
    if sign == "&" and text.character(at) != "&":
        at = text.text.find(f"&{event.anchor}", at, event.end_mark.index + 1)
    start = at + 1
    end = start + len(event.anchor)
    if _ends_name(text.character(end)):
        return None
    cut = text.character(end)
    while end - start < MAX_SHOWN_NAME and not _ends_name(text.character(end)):
        end += 1
    name = "".join(text.character(i) for i in range(start, end))
    return (
        f"the name {sign}{name} holds {cut!r}, which YAML readers read differently",
        "name anchors with letters, digits, - and _ only",
    )


def flow_key_disagreement(text: SourceText, event: Any) -> tuple[str, str] | None:
    """(message, hint) when a plain flow key was written right after a `?`."""
    if event.style != "" or text.character(event.start_mark.index - 1) != "?":
        return None
    return (
        f"'?{event.value}' is a key to some YAML readers and a text to others",
        f'write "?{event.value}" in quotes, or put a space after the ? of a key',
    )
