"""YAML text → plain Python data, with YAML 1.2 rules and bounded work; positions on demand.

The only module that imports a YAML library. libyaml (through PyYAML's C parser) does the
scanning; the conversion from nodes to data is ours so that every rule of the data format
holds: YAML 1.2 core-schema scalars (`NO`, `yes`, `on` and `10:30` stay strings), no dates
guessed from strings, duplicate keys refused, plain data only (no tags), aliases expanded
under a budget, nesting bounded. Positions are not stored while converting: a file's node
tree is composed a second time only when a problem needs a line and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from dossier.types import CONTROL_CHARACTERS

MAX_DEPTH = 64
"""Deepest nesting a data file may have; the format itself needs fewer than ten levels."""

MAX_ALIAS_VALUES = 10_000
"""How many values aliases may add in total: enough for real reuse, far too few for a bomb."""

PathPart = str | int
Path = tuple[PathPart, ...]

_TAG = "tag:yaml.org,2002:"
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_MAYBE_TYPED = frozenset("-+0123456789.~nNtTfF")


class _Yaml12Resolver(yaml.resolver.BaseResolver):
    """Resolves plain scalars by the YAML 1.2 core schema, nothing else."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        # Called for every node libyaml reads, so it answers directly. A plain scalar can only
        # be a number, boolean or null if its first character could start one; everything
        # else, and every quoted scalar, is a string.
        if kind is ScalarNode:
            if implicit[0] and (not value or value[0] in _MAYBE_TYPED):
                for tag, regexp in _CORE_SCHEMA:
                    if regexp.match(value):
                        return tag
            return _TAG + "str"
        return _TAG + ("map" if kind is MappingNode else "seq")

    # Path-based resolvers are a PyYAML feature this format does not use; skipping their
    # bookkeeping saves two calls for every node.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


_CORE_SCHEMA = (
    (_TAG + "null", _NULL),
    (_TAG + "bool", _BOOL),
    (_TAG + "int", _INT),
    (_TAG + "float", _FLOAT),
)


try:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    HAS_LIBYAML = True
except ImportError:  # pragma: no cover - PyYAML ships libyaml in its wheels for common platforms
    HAS_LIBYAML = False


if HAS_LIBYAML:

    class _Composer(CParser, _Yaml12Resolver):
        """libyaml's scanner and composer, with our YAML 1.2 resolver deciding scalar types."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _Yaml12Resolver.__init__(self)

else:  # pragma: no cover

    class _Composer(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        _Yaml12Resolver,
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _Yaml12Resolver.__init__(self)


@dataclass(frozen=True, slots=True)
class SyntaxProblem:
    """A fault found while reading YAML: 1-based line and column, and the data path if known."""

    line: int
    column: int
    message: str
    path: Path = ()
    hint: str = ""


class _Abort(Exception):
    """Stops conversion of a file whose remaining data cannot be trusted."""

    def __init__(self, problem: SyntaxProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _compose(text: str) -> Node | None:
    loader = _Composer(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


# A path while converting: (parent, key) pairs, flattened only when a problem needs it, so
# that the common case allocates one small tuple per value instead of one growing tuple.
_Link = tuple[Any, PathPart] | None


def _flat(link: _Link) -> Path:
    parts: list[PathPart] = []
    while link is not None:
        link, part = link
        parts.append(part)
    return tuple(reversed(parts))


@dataclass
class _Converter:
    """Turns a node tree into plain data; collects recoverable problems on the way.

    `check_text` can be off when the whole file was found free of control characters and
    escapes, so that no single string can hold one.
    """

    check_text: bool = True
    problems: list[SyntaxProblem] = field(default_factory=list)
    _seen: set[int] = field(default_factory=set)
    _open: set[int] = field(default_factory=set)
    _alias_depth: int = 0
    _alias_values: int = 0

    def problem(self, node: Node, link: _Link, message: str, hint: str = "") -> SyntaxProblem:
        line, column = _mark(node)
        return SyntaxProblem(line, column, message, _flat(link), hint)

    def convert(self, node: Node, link: _Link = None, depth: int = 0) -> Any:
        if isinstance(node, ScalarNode):
            # A scalar cannot refer to anything, so reusing one through an alias costs no more
            # than writing it again; only collections need watching.
            return self._scalar(node, link)
        if depth > MAX_DEPTH:
            raise _Abort(
                self.problem(node, link, f"the data is nested deeper than {MAX_DEPTH} levels")
            )
        key = id(node)
        if key in self._open:
            raise _Abort(self.problem(node, link, "an alias refers to itself"))
        is_alias = key in self._seen
        self._seen.add(key)
        if is_alias:
            self._alias_depth += 1
        self._open.add(key)
        try:
            if self._alias_depth:
                self._count_alias_values(node, link)
            if isinstance(node, MappingNode):
                return self._mapping(node, link, depth)
            assert isinstance(node, SequenceNode)
            return self._sequence(node, link, depth)
        finally:
            self._open.discard(key)
            if is_alias:
                self._alias_depth -= 1

    def _count_alias_values(self, node: Node, link: _Link) -> None:
        self._alias_values += 1 + len(node.value)
        if self._alias_values > MAX_ALIAS_VALUES:
            raise _Abort(
                self.problem(
                    node,
                    link,
                    f"aliases expand to more than {MAX_ALIAS_VALUES:,} values",
                    "write the repeated data out, or use fewer nested aliases",
                )
            )

    def _tag_problem(self, node: Node, link: _Link) -> None:
        tag = "!!" + node.tag.removeprefix(_TAG) if node.tag.startswith(_TAG) else node.tag
        self.problems.append(
            self.problem(
                node,
                link,
                f"the tag {tag} is not allowed: a data file holds plain data only",
                "remove the tag",
            )
        )

    def _scalar(self, node: ScalarNode, link: _Link) -> Any:
        tag, value = node.tag, node.value
        if tag == _TAG + "str":
            return self._checked_text(node, value, link) if self.check_text else value
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            return value.lower() == "true"
        if tag == _TAG + "int":
            return self._number(node, value, link, is_float=False)
        if tag == _TAG + "float":
            return self._number(node, value, link, is_float=True)
        self._tag_problem(node, link)
        return None

    def _number(self, node: ScalarNode, value: str, link: _Link, *, is_float: bool) -> Any:
        try:
            if is_float:
                cleaned = value.lower().replace(".inf", "inf").replace(".nan", "nan")
                return float(cleaned)
            if value.startswith(("0o", "0x")):
                return int(value[2:], 8 if value[1] == "o" else 16)
            return int(value)
        except ValueError:
            self.problems.append(self.problem(node, link, f"the number {value[:30]!r} is too long"))
            return None

    def _checked_text(self, node: Node, value: str, link: _Link) -> str:
        """The text, with characters no document can hold reported and replaced by U+FFFD."""
        found = CONTROL_CHARACTERS.search(value)
        if not found:
            return value
        self.problems.append(
            self.problem(
                node,
                link,
                f"control character U+{ord(found.group()):04X} in text",
                "remove it; it cannot be printed or stored in a document",
            )
        )
        return CONTROL_CHARACTERS.sub("\ufffd", value)

    def _mapping(self, node: MappingNode, link: _Link, depth: int) -> dict[Any, Any] | None:
        if node.tag != _TAG + "map":
            self._tag_problem(node, link)
            return None
        result: dict[Any, Any] = {}
        first_seen: dict[Any, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                message = "a key must be a plain word, not a list or mapping"
                self.problems.append(self.problem(key_node, link, message))
                continue
            # Keys are names: `1:` or `yes:` is the key "1" or "yes", as written.
            key = self._scalar(key_node, link)
            if not isinstance(key, str):
                key = key_node.value
            if key in first_seen:
                first_line, _ = _mark(first_seen[key])
                self.problems.append(
                    self.problem(
                        key_node,
                        (link, key),
                        f"duplicate key {key!r}",
                        f"first given on line {first_line}; keep one",
                    )
                )
                continue
            first_seen[key] = key_node
            result[key] = self.convert(value_node, (link, key), depth + 1)
        return result

    def _sequence(self, node: SequenceNode, link: _Link, depth: int) -> list[Any] | None:
        if node.tag != _TAG + "seq":
            self._tag_problem(node, link)
            return None
        return [self.convert(item, (link, i), depth + 1) for i, item in enumerate(node.value)]


def _yaml_error(error: yaml.YAMLError) -> SyntaxProblem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    message = f"YAML syntax error: {problem}"
    hint = ""
    if context:
        context_mark = getattr(error, "context_mark", None)
        where = f" (line {context_mark.line + 1})" if context_mark is not None else ""
        hint = f"{context}{where}"
    if "nesting depth" in str(problem):
        message, hint = "the data is nested too deeply", ""
    return SyntaxProblem(line, column, message, (), hint)


@dataclass
class YamlDocument:
    """One parsed file: its data (None where it could not be read) and its problems."""

    text: str
    data: Any
    problems: list[SyntaxProblem]
    _root: Node | None = field(default=None, repr=False)
    _composed: bool = field(default=False, repr=False)

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at `path` (of its key, with `key=True`).

        Where the path leads past the data (a missing field), the position of the deepest
        node that exists is given, so the user is sent to the record that lacks it.
        """
        if not self._composed:
            self._composed = True
            try:
                self._root = _compose(self.text)
            except (yaml.YAMLError, RecursionError, ValueError):
                self._root = None
        node = self._root
        if node is None:
            return (1, 1)
        found = node
        for index, part in enumerate(path):
            last = index == len(path) - 1
            child, key_node = _child(found, part)
            if child is None:
                break
            if last and key and key_node is not None:
                return _mark(key_node)
            found = child
        return _mark(found)


def _child(node: Node, part: PathPart) -> tuple[Node | None, Node | None]:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and _same_key(key_node.value, part):
                return value_node, key_node
    elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part], None
    return None, None


def _same_key(text: str, part: PathPart) -> bool:
    return text == str(part)


def parse_yaml(text: str) -> YamlDocument:
    """Parse one document; never raises: every fault becomes a `SyntaxProblem`."""
    # libyaml refuses raw control characters; only escapes can make them. A file with neither
    # spares the check of each of its strings.
    converter = _Converter(check_text="\\" in text or CONTROL_CHARACTERS.search(text) is not None)
    try:
        root = _compose(text)
    except yaml.YAMLError as error:
        return YamlDocument(text, None, [_yaml_error(error)])
    except RecursionError:
        return YamlDocument(text, None, [SyntaxProblem(1, 1, "the data is nested too deeply")])
    except (ValueError, UnicodeError) as error:  # pragma: no cover - defensive: libyaml input
        return YamlDocument(text, None, [SyntaxProblem(1, 1, f"the file cannot be read: {error}")])
    if root is None:
        return YamlDocument(text, None, [])
    try:
        data = converter.convert(root)
    except _Abort as abort:
        converter.problems.append(abort.problem)
        data = None
    except RecursionError:
        converter.problems.append(SyntaxProblem(1, 1, "the data is nested too deeply"))
        data = None
    # The node tree is dropped: it is several times the size of the data. Positions are
    # found by composing the text again, only if some problem needs one.
    return YamlDocument(text, data, converter.problems)


def iter_paths(data: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every (path, value) pair in plain data, parents first."""
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from iter_paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from iter_paths(value, (*path, index))


class _Dumper(yaml.SafeDumper):
    """Quotes every string that YAML 1.1 *or* 1.2 would read as something else."""


for _tag, _regexp, _first in (
    ("bool", _BOOL, "tTfF"),
    ("int", _INT, "-+0123456789"),
    ("float", _FLOAT, "-+0123456789."),
    ("null", _NULL, ["~", "n", "N", ""]),
):
    _Dumper.add_implicit_resolver(_TAG + _tag, _regexp, list(_first))


def dump_yaml(data: Any) -> str:
    """Plain data as block-style YAML that this module reads back to the same data.

    PyYAML's emitter quotes every string a YAML 1.1 reader could mistake for something else
    (`NO`, `10:30`, `2017-02-14`), which keeps them strings under YAML 1.2 as well.
    """
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
