"""The plain block writer writes exactly what PyYAML's `dump_block` writes, or declines."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.datafile.yaml_core import dump_block
from dossier.datafile.yaml_plain import plain_block

# Texts of every kind: the plain ones an import writes, and every trap for a plain writer
# (indicators, words YAML types, spaces at the ends, breaks, other scripts, long lines).
TEXTS = st.one_of(
    st.sampled_from(
        [
            "Ada Lovelace",
            "k.tanaka@example.org",
            "Delegate",
            "Dr. Roe",
            "川崎市",
            "ふくだ",
            "Oberbürgermeister",
            "Head (acting)",
            "a/b",
            "x+y",
            "C-3",
            "Mr. O'Brien",
            "yes",
            "No",
            "ON",
            "off",
            "True",
            "NULL",
            "null",
            "Null",
            "y",
            "n",
            "~",
            "x: y",
            "a #b",
            "a  b",
            " lead",
            "trail ",
            "-dash",
            "- item",
            "? q",
            "@home",
            "2017",
            "10:30",
            "1e3",
            ".inf",
            "0x1F",
            "line\nbreak",
            "tab\there",
            "é",
            "e\u0301",
            "\u00a0nbsp",
            "end-",
            "end,",
            "ok.",
            "x" * 90,
            "word " * 20,
            "",
        ]
    ),
    st.text(max_size=30),
    st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=12),
)
KEYS = st.sampled_from(["id", "name", "email", "for", "title", "notes", "yes", "a b", "1"])
SCALARS = st.one_of(TEXTS, st.integers(-5, 10**6), st.booleans(), st.none(), st.floats())


def _values(leaves: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.recursive(
        leaves,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(KEYS | TEXTS, inner, max_size=4)
        ),
        max_leaves=12,
    )


@settings(max_examples=3000, deadline=None)
@given(
    data=st.dictionaries(KEYS, _values(SCALARS), min_size=1, max_size=5)
    | st.lists(st.dictionaries(KEYS, _values(SCALARS), max_size=4), min_size=1, max_size=3)
)
def test_it_writes_what_pyyaml_writes_or_declines(data: Any) -> None:
    written = plain_block(data)
    if written is not None:
        assert written == dump_block(data)


def test_the_records_an_import_adds_are_written_plain() -> None:
    record = {
        "id": "ada-lovelace",
        "name": "Ada Lovelace",
        "native_name": "エイダ",
        "roles": [{"title": "Delegate", "organisation": "biom"}],
        "email": ["ada@example.org"],
        "phone": [],
    }
    written = plain_block([record])
    assert written == dump_block([record])
    assert written == (
        "- id: ada-lovelace\n  name: Ada Lovelace\n  native_name: エイダ\n  roles:\n"
        "    - title: Delegate\n      organisation: biom\n  email:\n    - ada@example.org\n"
        "  phone: []\n"
    )


def test_what_needs_quotes_or_folding_is_left_to_pyyaml() -> None:
    for value in ["yes", "x: y", "2017", " lead", "line\nbreak", "word " * 20, 1.5, ""]:
        assert plain_block({"notes": value}) is None
