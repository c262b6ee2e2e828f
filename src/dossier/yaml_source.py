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
_ALLOWED_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "map", "seq")}


class _Yaml12Resolver(yaml.resolver.BaseResolver):
    """Resolves plain scalars by the YAML 1.2 core schema, nothing else."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - PyYAML's class-level registry


for _tag, _regexp, _first in (
    ("bool", _BOOL, "tTfF"),
    ("int", _INT, "-+0123456789"),
    ("float", _FLOAT, "-+0123456789."),
    ("null", _NULL, ["~", "n", "N", ""]),
):
    _Yaml12Resolver.add_implicit_resolver(_TAG + _tag, _regexp, list(_first))


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


@dataclass
class _Converter:
    """Turns a node tree into plain data; collects recoverable problems on the way."""

    problems: list[SyntaxProblem] = field(default_factory=list)
    _seen: set[int] = field(default_factory=set)
    _open: set[int] = field(default_factory=set)
    _alias_depth: int = 0
    _alias_values: int = 0

    def convert(self, node: Node, path: Path = (), depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            line, column = _mark(node)
            raise _Abort(
                SyntaxProblem(
                    line, column, f"the data is nested deeper than {MAX_DEPTH} levels", path
                )
            )
        key = id(node)
        if key in self._open:
            line, column = _mark(node)
            raise _Abort(SyntaxProblem(line, column, "an alias refers to itself", path))
        is_alias = key in self._seen
        self._seen.add(key)
        if is_alias:
            self._alias_depth += 1
        if self._alias_depth:
            self._alias_values += 1
            if self._alias_values > MAX_ALIAS_VALUES:
                line, column = _mark(node)
                raise _Abort(
                    SyntaxProblem(
                        line,
                        column,
                        f"aliases expand to more than {MAX_ALIAS_VALUES:,} values",
                        path,
                        "write the repeated data out, or use fewer nested aliases",
                    )
                )
        try:
            if isinstance(node, ScalarNode):
                return self._scalar(node, path)
            self._open.add(key)
            try:
                if isinstance(node, MappingNode):
                    return self._mapping(node, path, depth)
                assert isinstance(node, SequenceNode)
                return self._sequence(node, path, depth)
            finally:
                self._open.discard(key)
        finally:
            if is_alias:
                self._alias_depth -= 1

    def _tag_problem(self, node: Node, path: Path) -> None:
        line, column = _mark(node)
        tag = "!!" + node.tag.removeprefix(_TAG) if node.tag.startswith(_TAG) else node.tag
        self.problems.append(
            SyntaxProblem(
                line,
                column,
                f"the tag {tag} is not allowed: a data file holds plain data only",
                path,
                "remove the tag",
            )
        )

    def _scalar(self, node: ScalarNode, path: Path) -> Any:
        tag, value = node.tag, node.value
        if tag == _TAG + "str":
            return self._checked_text(node, value, path)
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            return value.lower() == "true"
        if tag == _TAG + "int":
            return self._number(node, value, path, is_float=False)
        if tag == _TAG + "float":
            return self._number(node, value, path, is_float=True)
        self._tag_problem(node, path)
        return None

    def _number(self, node: ScalarNode, value: str, path: Path, *, is_float: bool) -> Any:
        try:
            if is_float:
                cleaned = value.lower().replace(".inf", "inf").replace(".nan", "nan")
                return float(cleaned)
            if value.startswith(("0o", "0x")):
                return int(value[2:], 8 if value[1] == "o" else 16)
            return int(value)
        except ValueError:
            line, column = _mark(node)
            self.problems.append(
                SyntaxProblem(line, column, f"the number {value[:30]!r} is too long", path)
            )
            return None

    def _checked_text(self, node: Node, value: str, path: Path) -> str:
        """The text, with characters no document can hold reported and replaced by U+FFFD.

        Replacing them keeps lone surrogates (from `"\\ud800"` escapes) out of every later
        step: they cannot even be encoded to print an error message.
        """
        from dossier.types import CONTROL_CHARACTERS  # local: keeps this module's imports light

        found = CONTROL_CHARACTERS.search(value)
        if not found:
            return value
        line, column = _mark(node)
        self.problems.append(
            SyntaxProblem(
                line,
                column,
                f"control character U+{ord(found.group()):04X} in text",
                path,
                "remove it; it cannot be printed or stored in a document",
            )
        )
        return CONTROL_CHARACTERS.sub("\ufffd", value)

    def _mapping(self, node: MappingNode, path: Path, depth: int) -> dict[Any, Any] | None:
        if node.tag != _TAG + "map":
            self._tag_problem(node, path)
            return None
        result: dict[Any, Any] = {}
        first_seen: dict[Any, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                line, column = _mark(key_node)
                self.problems.append(
                    SyntaxProblem(
                        line, column, "a key must be a plain word, not a list or mapping", path
                    )
                )
                continue
            # Keys are names: `1:` or `yes:` is the key "1" or "yes", as written.
            key = self._scalar(key_node, path)
            if not isinstance(key, str):
                key = key_node.value
            if key in first_seen:
                line, column = _mark(key_node)
                first_line, _ = _mark(first_seen[key])
                self.problems.append(
                    SyntaxProblem(
                        line,
                        column,
                        f"duplicate key {key!r}",
                        (*path, key),
                        f"first given on line {first_line}; keep one",
                    )
                )
                continue
            first_seen[key] = key_node
            result[key] = self.convert(value_node, (*path, key), depth + 1)
        return result

    def _sequence(self, node: SequenceNode, path: Path, depth: int) -> list[Any] | None:
        if node.tag != _TAG + "seq":
            self._tag_problem(node, path)
            return None
        return [self.convert(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]


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
    converter = _Converter()
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
    return YamlDocument(text, data, converter.problems, root, True)


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
