"""A diff reads only the records whose text changed: it must find exactly what reading both
versions whole finds, for files of every shape and changes of every kind."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.history.compare import compare
from dossier.history.pieces import cut
from dossier.history.reading import changed_only, whole
from dossier.history.versions import Version
from tests.datafile.test_workspace_shapes import dossier_files

# Lines a change may bring: records' and sections' starts, texts kept with their blank
# lines, comments and settings; and, more rarely, flow lists left open, aliases, document
# markers, tabs and text that only looks like an item or a key.
LINES = st.sampled_from(
    [
        "- id: p9",
        "  - id: p8",
        "  - id: p0",
        "  name: Moved",
        "    name: Moved",
        "  notes: |+",
        "      kept",
        "    notes: |+",
        "        kept",
        "",
        "# a comment",
        "  # an indented comment",
        "organisations:",
        "version: 2",
    ]
) | st.sampled_from(
    [
        "-",
        "people:",
        "  aliases: [open,",
        "  honorific: *anchor",
        "  - &anchor {id: p7, name: Anchored}",
        "---",
        "\t- id: p6",
        '  notes: "two',
        '  lines"',
        '- lines"',
        "  notes: 'it''s",
        "  - b'",
        '  notes: "ends\\',
        "- not: a record",
    ]
)


def _change(draw: st.DrawFn, lines: list[str]) -> None:
    """One change of the lines, in place."""
    at = draw(st.integers(0, len(lines) - 1))
    change = draw(
        st.sampled_from(
            ["reword", "reword", "replace", "insert", "delete", "copy", "swap", "over lines"]
        )
    )
    if change == "over lines":  # a quoted text whose next line looks like an item
        dash = next((len(x) - len(x.lstrip(" ")) for x in lines if x.lstrip().startswith("- ")), 0)
        quote = draw(st.sampled_from(['"', "'"]))
        lines[at:at] = [f"{' ' * (dash + 2)}aside: {quote}two", f"{' ' * dash}- lines{quote}"]
    elif change == "reword":  # a value changed, as most edits change one
        word = draw(st.sampled_from(["Kenji", "Sato", "City", "line", "example", "p1", "two"]))
        holding = [index for index, line in enumerate(lines) if word in line]
        if holding:
            at = draw(st.sampled_from(holding))
            lines[at] = lines[at].replace(word, draw(st.sampled_from(["Changed", "p2", "p0"])))
    elif change == "replace":
        lines[at] = draw(LINES)
    elif change == "insert":
        lines.insert(at, draw(LINES))
    elif change == "delete" and len(lines) > 1:
        del lines[at]
    elif change == "copy":
        lines.insert(draw(st.integers(0, len(lines))), lines[at])
    else:
        other = draw(st.integers(0, len(lines) - 1))
        lines[at], lines[other] = lines[other], lines[at]


@st.composite
def changed_versions(draw: st.DrawFn) -> tuple[str, str]:
    """A file of any shape, itself changed or not, and a version of it with changes."""
    text, *_ = draw(dossier_files())
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    for _ in range(draw(st.integers(0, 1))):
        _change(draw, lines)
    old = list(lines)
    for _ in range(draw(st.integers(1, 3))):
        _change(draw, lines)
    return newline.join(old), newline.join(lines)


def _versions(old: str, new: str) -> tuple[Version, Version]:
    """Two plain files, as `dossier diff old.yaml new.yaml` reads them."""
    return (
        Version("old.yaml", [("old.yaml", old.encode())], single_file=True),
        Version("new.yaml", [("new.yaml", new.encode())], single_file=True),
    )


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(versions=changed_versions())
def test_reading_what_changed_finds_what_reading_everything_finds(
    versions: tuple[str, str],
) -> None:
    old, new = _versions(*versions)
    whole_old, whole_new = whole(old), whole(new)
    if whole_old.problems or whole_new.problems:
        return  # a fault in text the same in both versions is not read again (see reading)
    read_old, read_new = changed_only(old, new)
    assert read_old.problems == read_new.problems == []
    assert compare(read_old, read_new) == compare(whole_old, whole_new)


def test_a_file_the_same_in_both_versions_is_not_read() -> None:
    text = "people:\n- id: ada\n  name: Ada\n"
    old, new = changed_only(*_versions(text, text))
    assert old.records == new.records == {}


def test_only_the_changed_record_is_read_at_its_own_lines() -> None:
    old = "version: 1\npeople:\n  - id: ada\n    name: Ada\n  - id: bo\n    name: Bo\n"
    new = old.replace("name: Bo", "name: Bo Li")
    before, after = changed_only(*_versions(old, new))
    assert list(after.records) == [("people", "bo")]
    assert (after.records["people", "bo"].line, after.records["people", "bo"].end_line) == (5, 6)
    assert list(before.records) == [("people", "bo")]


def test_a_repeated_id_is_settled_by_reading_whole() -> None:
    """The first of two records with one id counts; which is first, only a whole read says."""
    old = "people:\n- id: ada\n  name: Ada\n- id: ada\n  name: Other\n"
    new = old.replace("name: Other", "name: Changed")
    assert compare(*changed_only(*_versions(old, new))) == []


def test_a_record_moved_to_another_file_is_moved() -> None:
    first = "people:\n- id: ada\n  name: Ada\n- id: bo\n  name: Bo\n"
    second = "organisations:\n- id: city\n  name: City\n"
    old = Version("old", [("a.yaml", first.encode()), ("b.yaml", second.encode())])
    new = Version(
        "new",
        [
            ("a.yaml", b"people:\n- id: bo\n  name: Bo\n"),
            ("b.yaml", (second + "people:\n- id: ada\n  name: Ada\n").encode()),
        ],
    )
    (change,) = compare(*changed_only(old, new))
    assert (change.kind, change.key, change.moved) == ("moved", ("people", "ada"), True)


def test_cut_refuses_what_it_cannot_be_sure_of() -> None:
    for text in [
        "---\npeople:\n- id: a\n",
        "people:\n- id: a\n  name: *n\n",
        "people:\n- id: a\npeople:\n- id: b\n",
        '"people":\n- id: a\n',
        "people:\r- id: a\r",
        "people:\n  - id: a\n name: b\n",
    ]:
        assert cut(text.encode()) is None, text


def test_a_quoted_text_over_lines_that_look_like_items_is_read_as_one() -> None:
    """The second line of the text stands where an item would: it is the same in both
    versions, the first line is not. Read by items, the text would end at that line."""
    for quote in ['"', "'"]:
        old = f"people:\n- id: p0\n  notes: {quote}two\n- lines{quote}\n- id: p1\n  name: B\n"
        new = old.replace("two", "three")
        whole_changes = compare(*(whole(v) for v in _versions(old, new)))
        assert [c.fields[0].new for c in whole_changes] == ["three - lines"]
        assert compare(*changed_only(*_versions(old, new))) == whole_changes
