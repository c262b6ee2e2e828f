"""Lines of a YAML text, by YAML's line breaks (CR LF, CR, LF, NEL, LS, PS)."""

from __future__ import annotations

from dossier.datafile.yaml_positions import LINE_BREAK

BREAKS = "\n\r\x85\u2028\u2029"


def after_line(text: str, position: int) -> int:
    """The start of the line after the one `position` ends (a block item's text ends with
    its last character, or at the start of a line for a block scalar)."""
    if position > 0 and text[position - 1] in BREAKS:
        return position
    found = LINE_BREAK.search(text, position)
    return found.end() if found else len(text)


def line_start(text: str, position: int) -> int:
    """The start of the line `position` is on."""
    while position > 0 and text[position - 1] not in BREAKS:
        position -= 1
    return position


def after_blank_line(text: str, position: int) -> bool:
    """Whether the line before the one starting at `position` holds nothing but blanks."""
    end = position - 1  # the previous line's break
    if end < 0 or text[end] not in BREAKS:
        return False
    if end > 0 and text[end - 1 : end + 1] == "\r\n":
        end -= 1
    return not text[line_start(text, end) : end].strip(" \t")


def past_blank_lines(text: str, position: int) -> int:
    """The start of the first line from `position` on that holds more than blanks."""
    while position < len(text):
        found = LINE_BREAK.search(text, position)
        if found is None or text[position : found.start()].strip(" \t"):
            return position
        position = found.end()
    return position


def block_text_end(text: str, start: int, end: int) -> int:
    """Where a block text (`|`, `>`) that starts at `start` ends its content; libyaml marks
    its end at the next token, `end`. A line less indented than the content (a comment
    between it and the next token) ends it; so do its trailing blank lines, except with
    keep chomping (`|+`), whose blank lines are content too."""
    header_end = LINE_BREAK.search(text, start)
    header = text[start : header_end.start() if header_end else end]
    lines = LINE_BREAK.split(text[start:end])
    indent = content_indent(lines)
    kept = len(lines)
    if indent is not None:
        kept = next(
            (
                n
                for n, line in enumerate(lines[1:], 1)
                if line.strip(" \t") and _indent(line) < indent
            ),
            kept,
        )
    if "+" not in header.split("#")[0]:
        while kept > 1 and not lines[kept - 1].strip(" \t"):
            kept -= 1
    position = start
    for _ in range(kept):
        found = LINE_BREAK.search(text, position, end)
        if found is None:
            return end
        position = found.end()
    return position


def content_indent(lines: list[str]) -> int | None:
    """The indentation of a block text's content (`lines` from its header on): its first
    line that is not blank; None for a text with no content."""
    return next((_indent(line) for line in lines[1:] if line.strip(" \t")), None)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
