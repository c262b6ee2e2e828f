"""Reading YAML: 1.2 scalars, duplicate keys, no tags, bounded aliases and nesting, positions."""

from __future__ import annotations

import re
import tracemalloc

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier.datafile import yaml_core, yaml_reader
from dossier.datafile.yaml_core import MAX_ALIAS_VALUES, dump_yaml
from dossier.datafile.yaml_reader import parse_yaml

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_yaml_1_1_traps_stay_strings() -> None:
    document = parse_yaml("country: NO\nflag: yes\nswitch: on\ntime: 10:30\nday: 2017-02-14\n")
    assert document.problems == []
    assert document.data == {
        "country": "NO",
        "flag": "yes",
        "switch": "on",
        "time": "10:30",
        "day": "2017-02-14",
    }


def test_core_schema_scalars_are_typed() -> None:
    document = parse_yaml("a: true\nb: 12\nc: 1.5\nd: ~\ne: null\nf: 0x1F\ng: False\n")
    assert document.data == {
        "a": True,
        "b": 12,
        "c": 1.5,
        "d": None,
        "e": None,
        "f": 31,
        "g": False,
    }


def test_a_duplicate_key_is_an_error_naming_both_lines() -> None:
    document = parse_yaml("id: a\nname: A\nid: b\n")
    [problem] = document.problems
    assert (problem.line, problem.column) == (3, 1)
    assert problem.message == "duplicate key 'id'"
    assert problem.hint == "first given on line 1; keep one"
    assert document.data == {"id": "a", "name": "A"}


def test_python_tags_are_refused_and_never_run() -> None:
    document = parse_yaml("x: !!python/object/apply:os.system [echo hacked]\n")
    [problem] = document.problems
    assert problem.message == (
        "the tag !!python/object/apply:os.system is not allowed: a data file holds plain data only"
    )
    assert document.data == {"x": None}


def test_custom_tags_are_refused() -> None:
    [problem] = parse_yaml("x: !secret value\n").problems
    assert problem.message.startswith("the tag !secret is not allowed")


def test_the_billion_laughs_bomb_is_refused_with_little_memory() -> None:
    # Its time is measured by the benchmark script; a test only checks the bound holds.
    tracemalloc.start()
    document = parse_yaml(BILLION_LAUGHS)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert document.data is None
    assert (
        document.problems[-1].message == f"aliases expand to more than {MAX_ALIAS_VALUES:,} values"
    )
    assert peak < 20 * 1024 * 1024


def test_modest_alias_reuse_is_allowed() -> None:
    document = parse_yaml("a: &x [1, 2]\nb: *x\n")
    assert document.problems == []
    assert document.data == {"a": [1, 2], "b": [1, 2]}


def test_a_recursive_alias_is_refused() -> None:
    document = parse_yaml("a: &x [*x]\n")
    assert document.problems[-1].message == "an alias refers to itself"


@pytest.mark.parametrize("depth", [100, 10_000])
def test_deep_nesting_is_refused(depth: int) -> None:
    document = parse_yaml("a: " + "[" * depth + "]" * depth + "\n")
    assert document.data is None
    assert "nested" in document.problems[0].message


def test_syntax_errors_have_a_position() -> None:
    [problem] = parse_yaml("clusters:\n  - id: a\n   name: b\n").problems
    assert problem.message.startswith("YAML syntax error:")
    assert problem.line == 3


def test_control_characters_in_text_are_reported() -> None:
    [problem] = parse_yaml('name: "bell\\a"\n').problems
    assert problem.message == "control character U+0007 in text"
    assert problem.path == ("name",)


def test_positions_are_found_on_demand() -> None:
    document = parse_yaml("clusters:\n  - id: a\n    name: b\n")
    assert document.position(("clusters", 0, "name")) == (3, 11)
    assert document.position(("clusters", 0, "name"), key=True) == (3, 5)
    # A missing field points at the record that lacks it.
    assert document.position(("clusters", 0, "country")) == (2, 5)


def test_lone_surrogate_escapes_are_refused() -> None:
    document = parse_yaml('"\\ud800": "x"\n')
    assert [p.message for p in document.problems] == [
        "YAML syntax error: found invalid Unicode character escape code"
    ]


@pytest.mark.parametrize(
    "text", ["0e0", "1e5", ".5", "0o17", "0x1F", "NO", "yes", "10:30", "~", "True"]
)
def test_dumped_strings_read_back_as_the_same_strings(text: str) -> None:
    assert parse_yaml(dump_yaml({"a": text})).data == {"a": text}


def test_libyaml_does_the_parsing() -> None:
    # The pure-Python parser is five times slower; a packaging slip must not go unnoticed.
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    assert yaml_core.HAS_LIBYAML
    assert issubclass(yaml_core.Composer, CParser)


@pytest.mark.parametrize("odd_break", ["\x85", "\u2028", "\u2029", "\r"])
def test_positions_are_lines_as_editors_count_them(odd_break: str) -> None:
    # YAML also breaks lines at NEL, U+2028, U+2029 and a lone CR; editors, git and GitHub
    # annotations do not, so positions after one must not move down a line.
    text = f'clusters:\n  - id: a\n    name: "one{odd_break}two"\n  - id: b\n    name: B\n'
    document = parse_yaml(text, on_item=lambda section, index, value: None)
    assert document.position(("clusters", 1, "name")) == (5, 11)
    assert document.position(("clusters", 1, "name"), key=True) == (5, 5)
    assert document.position(("clusters", 0, "name")) == (3, 11)


def test_records_are_handed_over_one_by_one() -> None:
    seen = []

    def take(section: str, index: int, value: object) -> str:
        seen.append((section, index, value))
        return "taken"

    document = parse_yaml("clusters:\n  - {id: a}\n  - {id: b}\nhome: a\n", on_item=take)
    assert seen == [("clusters", 0, {"id": "a"}), ("clusters", 1, {"id": "b"})]
    assert document.data == {"clusters": ["taken", "taken"], "home": "a"}


def test_a_list_as_a_key_is_refused_and_the_rest_still_read() -> None:
    document = parse_yaml("? [a, {b: c}]\n: skipped\nkept: 1\n")
    assert [p.message for p in document.problems] == [
        "a key must be a plain word, not a list or mapping"
    ]
    assert document.data == {"kept": 1}


_CONTROL_PATTERN = re.compile(
    rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\\]|\xc2[\x80-\x9f]|\xef\xbf[\xbe\xbf]"
)


@given(st.binary(max_size=64) | st.text(max_size=32).map(lambda t: t.encode("utf-8")))
def test_the_control_character_precheck_misses_nothing(raw: bytes) -> None:
    # The pre-check decides whether every string of a file is checked; it must agree with
    # the plain definition: a C0 control, DEL, a backslash, a C1 control or U+FFFE/U+FFFF.
    expected = _CONTROL_PATTERN.search(raw) is not None
    assert yaml_reader._may_hold_control_characters(raw) is expected


@pytest.mark.parametrize(
    "text",
    ["&a a: &b b\n*b : *a\n", "{ &a [a, &b b]: *b, *a : [c, *b, d]}\n", "x: &k y\nz:\n  *k : v\n"],
)
def test_an_alias_used_as_a_key_is_refused_at_once(text: str) -> None:
    document = parse_yaml(text)
    messages = [p.message for p in document.problems]
    assert any("not an alias" in m or "not a list or mapping" in m for m in messages), messages


def test_record_spans_are_kept_per_section_in_order() -> None:
    text = "people:\n  - {id: a}\n  - id: b\n    name: B\norganisations:\n  - {id: c}\n"
    document = parse_yaml(text, on_item=yaml_reader.keep_item)
    spans = document.spans
    assert list(spans) == [("people", 0), ("people", 1), ("organisations", 0)]
    assert len(spans) == 3
    assert (spans["people", 1].line, spans["people", 1].column) == (2, 4)
    assert text[spans["organisations", 0].start : spans["organisations", 0].end] == "{id: c}"
    assert spans.get(("people", 2)) is None
    assert spans.get(("events", 0)) is None
    with pytest.raises(ValueError, match=r"people\[5\] added out of order"):
        spans.append("people", 5, spans["people", 0])
