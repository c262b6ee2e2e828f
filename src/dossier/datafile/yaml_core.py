"""YAML 1.2 for libyaml: the core schema's scalar types, the limits, and a dumper.

libyaml (through PyYAML's C parser) scans; this module decides what a plain scalar is by the
YAML 1.2 core schema (`NO`, `yes`, `on` and `10:30` stay strings), and dumps data so that
both YAML 1.1 and 1.2 readers read it back as written.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode

MAX_DEPTH = 64
"""Deepest nesting a data file may have; the format itself needs fewer than ten levels."""

MAX_ALIAS_VALUES = 10_000
"""How many values aliases may add in total: enough for real reuse, far too few for a bomb."""


TAG = "tag:yaml.org,2002:"
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
        # Called for every node libyaml reads, so it answers directly; every quoted scalar is
        # a string.
        if kind is ScalarNode:
            return (implicit[0] and core_tag(value)) or TAG + "str"
        return TAG + ("map" if kind is MappingNode else "seq")

    # Path-based resolvers are a PyYAML feature this format does not use; skipping their
    # bookkeeping saves two calls for every node.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


INTERN_UP_TO = 40
PLAIN_TAGS = frozenset(TAG + name for name in ("str", "int", "float", "bool", "null"))
_CORE_SCHEMA = (
    (TAG + "null", _NULL),
    (TAG + "bool", _BOOL),
    (TAG + "int", _INT),
    (TAG + "float", _FLOAT),
)


def core_tag(plain: str) -> str | None:
    """The YAML 1.2 core-schema tag of a plain (unquoted) scalar; None for a string."""
    # Only a first character that could start a number, boolean or null needs the patterns.
    if not plain or plain[0] in _MAYBE_TYPED:
        for tag, regexp in _CORE_SCHEMA:
            if regexp.match(plain):
                return tag
    return None


try:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    HAS_LIBYAML = True
except ImportError:  # pragma: no cover - PyYAML ships libyaml in its wheels for common platforms
    HAS_LIBYAML = False


if HAS_LIBYAML:

    class Composer(CParser, _Yaml12Resolver):
        """libyaml's scanner and composer, with our YAML 1.2 resolver deciding scalar types."""

        def __init__(self, stream: bytes | str) -> None:
            CParser.__init__(self, stream)
            _Yaml12Resolver.__init__(self)

else:  # pragma: no cover

    class Composer(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        _Yaml12Resolver,
    ):
        def __init__(self, stream: bytes | str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _Yaml12Resolver.__init__(self)


class _Dumper(yaml.SafeDumper):
    """Quotes every string that YAML 1.1 *or* 1.2 would read as something else."""


for _tag, _regexp, _first in (
    ("bool", _BOOL, "tTfF"),
    ("int", _INT, "-+0123456789"),
    ("float", _FLOAT, "-+0123456789."),
    ("null", _NULL, ["~", "n", "N", ""]),
):
    _Dumper.add_implicit_resolver(TAG + _tag, _regexp, list(_first))


class _IndentedDumper(_Dumper):
    """Lists inside mappings indented under their key, as people write them by hand."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)


def dump_block(data: Any) -> str:
    """Like `dump_yaml`, with nested lists indented under their key: for text added to a
    hand-written file."""
    return yaml.dump(
        data,
        Dumper=_IndentedDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )


def dump_flow(data: Any) -> str:
    """A list or mapping on one line, in flow style (`[a, b]`, `{en: …, de: …}`), quoted by the
    same rules as `dump_yaml`."""
    text = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=True,
        width=10**9,
    )
    return text.strip().removesuffix("\n...").strip()


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


def multiline_scalars(text: str) -> list[tuple[int, int]] | None:
    """The character spans of every scalar that runs over more than one line (block scalars
    with the blank lines libyaml counts to them, quoted and plain texts that are folded), in
    order; None for a text that cannot be read."""
    parser: Any = Composer(text)
    spans: list[tuple[int, int]] = []
    try:
        while True:
            event: Any = parser.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return spans
            if isinstance(event, yaml.ScalarEvent):
                first, last = event.start_mark, event.end_mark
                if first is not None and last is not None and first.line != last.line:
                    spans.append((int(first.index), int(last.index)))
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()
