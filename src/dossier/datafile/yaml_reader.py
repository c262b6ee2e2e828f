"""YAML text → plain Python data, with YAML 1.2 rules and bounded work.

libyaml's event stream is converted straight into plain data, record by record, so that every
rule of the data format holds: YAML 1.2 core-schema scalars, no dates guessed from strings,
duplicate keys refused, plain data only (no tags), aliases expanded under a budget, nesting
bounded. Where things stand is `dossier.datafile.yaml_positions`' job.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from dossier.datafile.yaml_core import (
    INTERN_UP_TO,
    MAX_ALIAS_VALUES,
    MAX_DEPTH,
    PLAIN_TAGS,
    TAG,
    Composer,
    core_tag,
)
from dossier.datafile.yaml_positions import Span, SpanTable, YamlDocument, yaml_error
from dossier.datafile.yaml_quirks import SourceText, anchor_disagreement, flow_key_disagreement
from dossier.errors import FieldPath, Finding, PathPart
from dossier.model.values import CONTROL_CHARACTERS


class _Abort(Exception):
    """Stops conversion of a file whose remaining data cannot be trusted."""

    def __init__(self, problem: Finding) -> None:
        super().__init__(problem.message)
        self.problem = problem


# A path while reading: (parent, key) pairs, flattened only when a problem needs it, so that
# the common case allocates one small tuple per value instead of one growing tuple.
_Link = tuple[Any, PathPart] | None


def _flat(link: _Link) -> FieldPath:
    parts: list[PathPart] = []
    while link is not None:
        link, part = link
        parts.append(part)
    return tuple(reversed(parts))


ItemHook = Callable[[str, int, Any], Any]
"""Called with (section, index, value) for each item of a top-level list once it is read;
what it returns is kept in the list instead, so records need not all be held as raw data."""


class _Reader:
    """Reads libyaml's event stream straight into plain data, record by record.

    No node tree is built: memory stays near the size of the result, and each item of a
    top-level list can be handed on (and its raw data dropped) as soon as it is complete.
    """

    def __init__(self, source: bytes | str, on_item: ItemHook | None, *, check_text: bool) -> None:
        self.parser: Any = Composer(source)  # its own get_event and peek_event, in C
        self.last_end: Any = None  # end mark of the value read last, for record spans
        self.content_end: Any = None  # end mark of the last scalar, alias or flow bracket
        self.on_item = on_item
        self.check_text = check_text
        self.problems: list[Finding] = []
        self.spans = SpanTable()
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.values = 0  # values built so far, to size what an anchor holds
        self.alias_values = 0
        self.source = SourceText(source)
        # Only where a `?` stands anywhere can a flow key start with one.
        self.questions = b"?" in source if isinstance(source, bytes) else "?" in source

    def check_anchor_end(self, event: Any, link: _Link, sign: str) -> None:
        said = anchor_disagreement(self.source, event, sign)
        if said:
            raise _Abort(self.problem(event, link, *said))

    def check_flow_key(self, event: Any, link: _Link) -> None:
        said = flow_key_disagreement(self.source, event)
        if said:  # at the `?`, a column before the key
            line, column = event.start_mark.line + 1, event.start_mark.column
            self.problems.append(Finding("", _flat(link), *said, line=line, column=column))

    def problem(self, event: Any, link: _Link, message: str, hint: str = "") -> Finding:
        mark = event.start_mark
        return Finding("", _flat(link), message, hint, line=mark.line + 1, column=mark.column + 1)

    def read(self) -> Any:
        parser = self.parser
        parser.get_event()  # stream start
        if isinstance(parser.peek_event(), StreamEndEvent):
            return None
        parser.get_event()  # document start
        data = self.value(None, 0)
        parser.get_event()  # document end
        extra = parser.get_event()
        if not isinstance(extra, StreamEndEvent):
            raise _Abort(self.problem(extra, None, "the file holds more than one YAML document"))
        return data

    def value(self, link: _Link, depth: int) -> Any:
        event = self.parser.get_event()
        if isinstance(event, ScalarEvent):
            self.values += 1
            self.last_end = self.content_end = event.end_mark
            result = self.scalar(event, link)
        elif isinstance(event, AliasEvent):
            self.last_end = self.content_end = event.end_mark
            self.check_anchor_end(event, link, "*")
            return self.alias(event, link)
        else:
            if depth >= MAX_DEPTH:
                raise _Abort(
                    self.problem(event, link, f"the data is nested deeper than {MAX_DEPTH} levels")
                )
            anchor = event.anchor
            if anchor is not None:
                self.check_anchor_end(event, link, "&")
                self.open_anchors.add(anchor)
            before = self.values
            self.values += 1
            if isinstance(event, MappingStartEvent):
                result = self.mapping(event, link, depth)
            else:
                result = self.sequence(event, link, depth)
            if event.flow_style:
                self.content_end = self.last_end  # after the closing bracket
            if anchor is not None:
                self.open_anchors.discard(anchor)
                self.anchors[anchor] = (result, self.values - before)
            return result
        if event.anchor is not None:
            self.check_anchor_end(event, link, "&")
            self.anchors[event.anchor] = (result, 1)
        return result

    def alias(self, event: Any, link: _Link) -> Any:
        if event.anchor in self.open_anchors:
            raise _Abort(self.problem(event, link, "an alias refers to itself"))
        if event.anchor not in self.anchors:
            raise _Abort(self.problem(event, link, f"the alias *{event.anchor} has no anchor"))
        value, size = self.anchors[event.anchor]
        self.alias_values += size
        self.values += size  # what holds this alias holds all that it stands for
        if self.alias_values > MAX_ALIAS_VALUES:
            raise _Abort(
                self.problem(
                    event,
                    link,
                    f"aliases expand to more than {MAX_ALIAS_VALUES:,} values",
                    "write the repeated data out, or use fewer nested aliases",
                )
            )
        return value

    def tag_problem(self, event: Any, link: _Link) -> None:
        tag = event.tag
        shown = "!!" + tag.removeprefix(TAG) if tag.startswith(TAG) else tag
        self.problems.append(
            self.problem(
                event,
                link,
                f"the tag {shown} is not allowed: a data file holds plain data only",
                "remove the tag",
            )
        )

    def scalar(self, event: Any, link: _Link) -> Any:
        value, tag = event.value, event.tag
        if tag is None or tag == "!":
            # `! 12` is the non-specific tag: text, whatever the core schema would make of it.
            resolved = core_tag(value) if event.implicit[0] and tag is None else None
            if resolved is not None:
                return self.typed(event, resolved, value, link)
            if self.check_text:
                value = self.text(event, value, link)
            # Ids, references and kinds recur thousands of times in a large dossier: one
            # shared string each instead of one per mention.
            return sys.intern(value) if len(value) <= INTERN_UP_TO else value
        if tag in PLAIN_TAGS:
            return self.typed(event, tag, value, link)
        self.tag_problem(event, link)
        return None

    def typed(self, event: Any, tag: str, value: str, link: _Link) -> Any:
        if tag == TAG + "str":
            return self.text(event, value, link) if self.check_text else value
        if tag == TAG + "null":
            return None
        if tag == TAG + "bool":
            return value.lower() == "true"
        try:
            if tag == TAG + "float":
                return float(value.lower().replace(".inf", "inf").replace(".nan", "nan"))
            if value.startswith(("0o", "0x")):
                return int(value[2:], 8 if value[1] == "o" else 16)
            return int(value)
        except ValueError:
            self.problems.append(
                self.problem(event, link, f"the number {value[:30]!r} is too long")
            )
            return None

    def text(self, event: Any, value: str, link: _Link) -> str:
        """The text, with characters no document can hold reported and replaced by U+FFFD."""
        found = CONTROL_CHARACTERS.search(value)
        if not found:
            return value
        self.problems.append(
            self.problem(
                event,
                link,
                f"control character U+{ord(found.group()):04X} in text",
                "remove it; it cannot be printed or stored in a document",
            )
        )
        return CONTROL_CHARACTERS.sub("\ufffd", value)

    def skip(self) -> None:
        """Consume one value's events without building anything (a key given twice)."""
        if isinstance(self.parser.get_event(), MappingStartEvent | SequenceStartEvent):
            self._skip_rest()

    def mapping(self, start: Any, link: _Link, depth: int) -> dict[Any, Any] | None:
        get, peek = self.parser.get_event, self.parser.peek_event
        result: dict[Any, Any] = {}
        keys: dict[str, Any] = {}  # key -> its event, for the line of a duplicate
        top_level = depth == 0
        while True:
            key_event: Any = get()
            if type(key_event) is MappingEndEvent:
                break
            if type(key_event) is not ScalarEvent:
                if type(key_event) is AliasEvent:
                    message = "a key must be a plain word, not an alias (*name)"
                else:
                    message = "a key must be a plain word, not a list or mapping"
                    self._skip_rest()  # the key's own collection, whose start was read
                self.problems.append(self.problem(key_event, link, message))
                self.skip()  # its value
                continue
            # Keys are names, taken as written: `1:` or `yes:` is the key "1" or "yes".
            key = key_event.value
            if self.questions and start.flow_style:
                self.check_flow_key(key_event, (link, key))
            if key_event.anchor is not None:
                self.check_anchor_end(key_event, link, "&")
            if key_event.tag not in (None, "!") and key_event.tag not in PLAIN_TAGS:
                self.tag_problem(key_event, link)
            elif self.check_text:
                key = self.text(key_event, key, link)
            if key in keys:
                first_line = keys[key].start_mark.line + 1
                self.problems.append(
                    self.problem(
                        key_event,
                        (link, key),
                        f"duplicate key {key!r}",
                        f"first given on line {first_line}; keep one",
                    )
                )
                self.skip()
                continue
            keys[key] = key_event
            if top_level and isinstance(peek(), SequenceStartEvent):
                result[key] = self.section(key, (link, key))
            else:
                result[key] = self.value((link, key), depth + 1)
        self.last_end = key_event.end_mark
        if start.tag is not None and start.tag not in (TAG + "map", "!"):
            self.tag_problem(start, link)
            return None
        return result

    def _skip_rest(self) -> None:
        """Consume the rest of a collection whose start event was already read."""
        level = 1
        while level:
            event = self.parser.get_event()
            if isinstance(event, MappingStartEvent | SequenceStartEvent):
                level += 1
            elif isinstance(event, MappingEndEvent | SequenceEndEvent):
                level -= 1

    def sequence(self, start: Any, link: _Link, depth: int) -> list[Any] | None:
        parser = self.parser
        result = []
        index = 0
        while not isinstance(parser.peek_event(), SequenceEndEvent):
            result.append(self.value((link, index), depth + 1))
            index += 1
        self.last_end = parser.get_event().end_mark
        if start.tag is not None and start.tag not in (TAG + "seq", "!"):
            self.tag_problem(start, link)
            return None
        return result

    def section(self, name: str, link: _Link) -> list[Any] | None:
        """A top-level list: each item goes to `on_item` as soon as it is read."""
        parser = self.parser
        start = parser.peek_event()
        if start.anchor is not None or self.on_item is None:
            whole: list[Any] | None = self.value(link, 1)  # an anchored section may be aliased
            return whole
        parser.get_event()
        self.values += 1
        items = []
        index = 0
        while not isinstance(parser.peek_event(), SequenceEndEvent):
            first = parser.peek_event()
            item = self.value((link, index), 2)
            begin, end, last = first.start_mark, self.last_end, self.content_end.index
            span = Span(begin.line, begin.column, end.line, end.column, begin.index, last)
            self.spans.append(name, index, span)
            items.append(self.on_item(name, index, item))
            index += 1
        parser.get_event()
        if start.tag is not None and start.tag not in (TAG + "seq", "!"):
            self.tag_problem(start, link)
            return None
        return items


# The bytes of C0 controls and DEL, and the backslash that starts an escape (`"\x07"`);
# C1 controls and the noncharacters U+FFFE/U+FFFF take two or three bytes in UTF-8.
_CONTROL_ASCII = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x5C])
_NOT_CONTROL_ASCII = bytes(sorted(set(range(256)) - set(_CONTROL_ASCII)))
_CONTROL_MULTIBYTE = re.compile(rb"\xc2[\x80-\x9f]|\xef\xbf[\xbe\xbf]")


def _may_hold_control_characters(raw: bytes) -> bool:
    """False when no string in `raw` can hold a control character, raw or escaped.

    Deleting every other byte is a single pass in C; a regular expression over the whole
    file took 50-100 ms for 4 MB, and each file is checked before it is read.
    """
    if raw.translate(None, _NOT_CONTROL_ASCII):
        return True
    if b"\xc2" in raw or b"\xef\xbf" in raw:
        return _CONTROL_MULTIBYTE.search(raw) is not None
    return False


def keep_item(_section: str, _index: int, item: Any) -> Any:
    """An `ItemHook` that keeps each item as read: passing it makes `parse_yaml` note every
    record's span, for callers that need where records stand (edits, history)."""
    return item


def parse_yaml(source: bytes | str, on_item: ItemHook | None = None) -> YamlDocument:
    """Parse one document; never raises: every fault becomes a `Finding`.

    `source` is UTF-8 bytes (without a byte-order mark) or text. `on_item` receives each
    item of each top-level list as soon as it is read (see `ItemHook`).
    """
    raw = source.encode("utf-8") if isinstance(source, str) else source
    # A last line of only spaces, with no line break after it, is dropped by libyaml where a
    # block text ends (`foo: |` … `   `); with its line break it is read as YAML says.
    last_line = raw[raw.rfind(b"\n") + 1 :]
    parsed = raw + b"\n" if last_line and not last_line.strip(b" \t") else raw
    # libyaml refuses raw control characters; only escapes can make them. A file with neither
    # spares the check of each of its strings.
    reader = _Reader(parsed, on_item, check_text=_may_hold_control_characters(raw))
    try:
        data = reader.read()
    except yaml.YAMLError as error:
        return YamlDocument(raw, None, [yaml_error(error, raw)])
    except _Abort as abort:
        return YamlDocument(raw, None, [*reader.problems, abort.problem], reader.spans)
    except RecursionError:
        return YamlDocument(
            raw, None, [Finding("", (), "the data is nested too deeply", line=1, column=1)]
        )
    finally:
        reader.parser.dispose()
    return YamlDocument(raw, data, reader.problems, reader.spans)
