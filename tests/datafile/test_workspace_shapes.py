"""Edits through the `Workspace` on dossiers of every shape, checked by an independent reader.

The files are written here as text, in the shapes people and other tools write: block and
flow records, records ending in a block list, a nested mapping or a block scalar (`|`, `>-`,
`|+`), comments between and inside records, keys in any order, CRLF and a byte-order mark,
tabs in quoted text. After each random edit, PyYAML (its `BaseLoader`, every scalar as text,
so that no type rule of either reader decides) must read exactly the data before with that
one edit made, and every comment outside the edited record must still be there.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.datafile.workspace import Workspace

TODAY = dt.date(2026, 11, 25)
WORDS = st.sampled_from(
    ["Kenji", "Yuki Sato", "Dr. Roe", "川崎市", "Oberbürgermeister", "a\tb", "NO", "2017", "x: y"]
)
PLAIN_SAFE = st.sampled_from(["Kenji", "Yuki Sato", "川崎市", "Oberbürgermeister", "Ms."])
EMAILS = st.sampled_from(["k.tanaka@example.org", "y.sato@example.jp", "office@biom.example"])
_MARKER = re.compile(r"# ([rg]\d+-\d+)")


def _quoted(text: str) -> str:
    return (
        '"'
        + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n")
        + '"'
    )


@dataclass
class Shape:
    """How one record is written."""

    flow: bool
    order: list[str]
    notes_style: str
    email_style: str
    roles_style: str
    comments: bool


class Counter:
    def __init__(self) -> None:
        self.n = 0

    def marker(self, owner: str) -> str:
        self.n += 1
        return f"# {owner}-{self.n}"


def _flow_value(value: Any) -> str:
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return "[" + ", ".join(_flow_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_quoted(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return f"[{', '.join(value)}]"
    return _quoted(value)


def _block_field(key: str, value: Any, shape: Shape, pad: str, comment: str) -> list[str]:
    """One field's lines in a block record (the first without the record's indentation)."""
    if key == "notes" and shape.notes_style in ("|", ">-", "|+"):
        lines = [f"{key}: {shape.notes_style}{comment}"]
        lines += [pad + "  " + line for line in value.split("\n")]
        return [*lines, ""] if shape.notes_style == "|+" else lines
    if key == "email" and shape.email_style == "block":
        return [f"{key}:{comment}", *(pad + "  - " + item for item in value)]
    if key == "roles":
        lines = [f"{key}:{comment}"]
        for item in value:
            if shape.roles_style == "flow items":
                lines.append(pad + "  - " + _flow_value(item))
            else:
                first, *rest = list(item)
                lines.append(pad + f"  - {first}: {_quoted(item[first])}")
                lines += [pad + f"    {k}: {_quoted(item[k])}" for k in rest]
        return lines
    if key == "name" and isinstance(value, dict):
        return [f"{key}:{comment}", *(pad + f"  {k}: {_quoted(v)}" for k, v in value.items())]
    return [f"{key}: {_flow_value(value)}{comment}"]


def _person(
    index: int, shape: Shape, values: dict[str, Any], indent: int, step: int, ids: Counter
) -> list[str]:
    """A person's lines, as `shape` says; the first line carries the list's dash."""
    owner = f"r{index}"
    dash = " " * indent + "-" + " " * (step - 1)
    pad = " " * (indent + step)
    if shape.flow:
        parts = [f"{key}: {_flow_value(values[key])}" for key in shape.order]
        tail = f"  {ids.marker(owner)}" if shape.comments else ""
        return [dash + "{" + ", ".join(parts) + "}" + tail]
    lines: list[str] = []
    for key in shape.order:
        comment = f"  {ids.marker(owner)}" if shape.comments else ""
        lines += _block_field(key, values[key], shape, pad, comment)
        if shape.comments and key == shape.order[0]:
            lines.append(pad + ids.marker(owner))  # a comment between two keys
    return [dash + lines[0], *(pad + line if line else line for line in lines[1:])]


@st.composite
def shapes(draw: st.DrawFn) -> Shape:
    optional = draw(
        st.lists(st.sampled_from(["honorific", "notes", "email", "roles"]), unique=True)
    )
    order = draw(st.permutations(["id", "name", *optional]))
    return Shape(
        flow=draw(st.booleans()),
        order=list(order),
        notes_style=draw(st.sampled_from(["|", ">-", "|+", "quoted"])),
        email_style=draw(st.sampled_from(["block", "flow"])),
        roles_style=draw(st.sampled_from(["block", "flow items"])),
        comments=draw(st.booleans()),
    )


@st.composite
def dossier_files(draw: st.DrawFn) -> tuple[str, list[str], bool, bool]:
    """A data file's text, its people's ids, whether CRLF, whether a byte-order mark."""
    ids = Counter()
    indent, step = draw(st.sampled_from([(0, 2), (2, 2), (2, 4)]))
    count = draw(st.integers(1, 4))
    lines = ["# the people we know", "people:"]
    person_ids = []
    for index in range(count):
        shape = draw(shapes())
        values: dict[str, Any] = {
            "id": f"p{index}",
            "name": draw(WORDS | st.fixed_dictionaries({"en": WORDS, "ja": WORDS})),
            "honorific": draw(WORDS),
            "notes": draw(st.sampled_from(["One line.", "Two\nlines.", "Line one.\nAnd more."])),
            "email": draw(st.lists(EMAILS, min_size=1, max_size=2, unique=True)),
            "roles": draw(
                st.lists(
                    st.fixed_dictionaries(
                        {"title": WORDS}, optional={"organisation": st.just("o1")}
                    ),
                    min_size=1,
                    max_size=2,
                )
            ),
        }
        if shape.flow and isinstance(values["name"], dict):
            values["name"] = "Flow Name"
        person_ids.append(f"p{index}")
        lines += _person(index, shape, values, indent, step, ids)
        between = draw(st.sampled_from(["", "blank", "comment", "indented comment"]))
        if between == "blank":
            lines.append("")
        elif between == "comment":
            lines.append(ids.marker("g0"))
        elif between == "indented comment":
            lines.append(" " * (indent + step) + ids.marker("g0"))
    lines += ["organisations:", "  - {id: o1, name: City}  " + ids.marker("g0")]
    crlf, bom = draw(st.booleans()), draw(st.booleans())
    newline = "\r\n" if crlf else "\n"
    return newline.join(lines) + newline, person_ids, crlf, bom


EDITS = st.sampled_from(
    ["set new", "set honorific", "set notes", "set email", "unset", "append role", "remove", "add"]
)


def _plain(data: Any) -> Any:
    return yaml.load(data, Loader=yaml.BaseLoader)


def _markers(text: str) -> list[str]:
    return _MARKER.findall(text)


def _edit(
    workspace: Workspace,
    edit: str,
    target: str,
    record: dict[str, Any],
    expected: list[dict[str, Any]],
    index: int,
    which: int,
    value: str,
    count: int,
) -> bool:
    """Make `edit` in the workspace and in `expected`; False where it does not apply."""
    if edit == "set new":
        workspace.set(target, ("languages",), ["ja", "en"])
        expected[index]["languages"] = ["ja", "en"]
    elif edit == "set honorific":
        workspace.set(target, ("honorific",), value)
        expected[index]["honorific"] = value
    elif edit == "set notes":
        workspace.set(target, ("notes",), value + "\n\nand a blank line")
        expected[index]["notes"] = value + "\n\nand a blank line"
    elif edit == "set email":
        workspace.set(target, ("email",), ["new@example.org"])
        expected[index]["email"] = ["new@example.org"]
    elif edit == "unset":
        names = [k for k in record if k not in ("id", "name")]
        if not names:
            return False
        field = names[which % len(names)]
        workspace.unset(target, (field,))
        del expected[index][field]
    elif edit == "append role":
        workspace.append(target, ("roles",), {"title": value, "organisation": "o1"})
        expected[index]["roles"] = [
            *record.get("roles", []),
            {"title": value, "organisation": "o1"},
        ]
    elif edit == "remove":
        if count == 1:
            return False
        workspace.remove(target)
        del expected[index]
    else:  # one record, or several at once (an import's new rows)
        new = [
            {"id": f"new-{n}-{len(expected)}", "name": value, "email": ["n@example.org"]}
            for n in range(which % 3 + 1)
        ]
        if len(new) == 1:
            workspace.add("people", new[0])
        else:
            workspace.add_all("people", new)
        expected += new
    return True


@settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    file=dossier_files(),
    edit=EDITS,
    which=st.integers(0, 3),
    value=PLAIN_SAFE,
)
def test_an_edit_changes_exactly_its_record_on_every_shape(
    tmp_path_factory: Any,
    file: tuple[str, list[str], bool, bool],
    edit: str,
    which: int,
    value: str,
) -> None:
    text, ids, crlf, bom = file
    path: Path = tmp_path_factory.mktemp("shape") / "data.yaml"
    raw = ("\ufeff" if bom else "") + text
    path.write_bytes(raw.encode("utf-8"))
    before = _plain(text)
    people = before["people"]
    index = which % len(ids)
    target = ids[index]
    record = people[index]
    expected = [dict(p) for p in people]
    workspace = Workspace.open(path, TODAY, use_cache=False)
    if not _edit(workspace, edit, target, record, expected, index, which, value, len(ids)):
        return
    edits = workspace.changes(TODAY)
    assert len(edits) == 1
    after = edits[0].after
    assert after.startswith("\ufeff") == bom
    body = after.removeprefix("\ufeff")
    read = _plain(body)
    assert read["people"] == expected
    assert read["organisations"] == before["organisations"]
    # The file's own line ends: no lone LF in a CRLF file.
    if crlf:
        assert "\n" not in body.replace("\r\n", "")
    # Every comment outside the edited record stays, in order; the record's own may go only
    # with what the edit took out.
    kept = [m for m in _markers(text) if not m.startswith(f"r{index}-")]
    assert [m for m in _markers(body) if not m.startswith(f"r{index}-")] == kept
    if edit in ("set new", "set honorific", "append role", "add"):
        assert _markers(body) == _markers(text)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    file=dossier_files(),
    batch=st.lists(
        st.tuples(
            st.sampled_from(
                ["set new", "set honorific", "set notes", "unset", "append role", "add"]
            ),
            st.integers(0, 3),
        ),
        min_size=2,
        max_size=6,
    ),
    value=PLAIN_SAFE,
)
def test_a_batch_of_edits_changes_exactly_those_fields(
    tmp_path_factory: Any,
    file: tuple[str, list[str], bool, bool],
    batch: list[tuple[str, int]],
    value: str,
) -> None:
    """Several edits of one workspace (an import, a merge), some of one record, checked once."""
    text, ids, _, bom = file
    path: Path = tmp_path_factory.mktemp("batch") / "data.yaml"
    path.write_bytes((("\ufeff" if bom else "") + text).encode("utf-8"))
    expected = [dict(p) for p in _plain(text)["people"]]
    workspace = Workspace.open(path, TODAY, use_cache=False)
    for edit, which in batch:
        index = which % len(ids)
        record = dict(expected[index])
        _edit(workspace, edit, ids[index], record, expected, index, which, value, len(ids))
    edits = workspace.changes(TODAY)
    after = edits[0].after.removeprefix("\ufeff") if edits else text
    assert _plain(after)["people"] == expected
    kept = [m for m in _markers(text) if m.startswith("g")]
    assert [m for m in _markers(after) if m.startswith("g")] == kept


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(file=dossier_files(), batches=st.lists(st.integers(1, 3), min_size=1, max_size=3))
def test_records_added_to_a_section_the_file_lacks_make_one_section(
    tmp_path_factory: Any, file: tuple[str, list[str], bool, bool], batches: list[int]
) -> None:
    """However many records, in however many additions: one new section holds them all."""
    text, _, _, bom = file
    path: Path = tmp_path_factory.mktemp("section") / "data.yaml"
    path.write_bytes((("\ufeff" if bom else "") + text).encode("utf-8"))
    workspace = Workspace.open(path, TODAY, use_cache=False)
    expected: list[dict[str, Any]] = []
    for batch, count in enumerate(batches):
        new = [
            {"id": f"s{batch}-{n}", "title": "A source", "url": "https://example.org"}
            for n in range(count)
        ]
        if count == 1:
            workspace.add("sources", new[0])
        else:
            workspace.add_all("sources", new)
        expected += new
    after = workspace.changes(TODAY)[0].after.removeprefix("\ufeff")
    assert after.count("sources:") == 1
    read = _plain(after)  # a second section would hide the first from PyYAML
    assert read["sources"] == expected
    assert read["people"] == _plain(text)["people"]


def _edited(path: Path, text: bytes | str, edit: Callable[[Workspace], object]) -> str:
    """The file's one edit: `text` written to `path`, opened, edited by `edit`, checked."""
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    workspace = Workspace.open(path, TODAY, use_cache=False)
    edit(workspace)
    (change,) = workspace.changes(TODAY)
    return change.after


def _each_removed(tmp_path: Path, text: str, count: int) -> None:
    """Remove each of the `count` people in turn: only that record goes (read by PyYAML)."""
    before = yaml.safe_load(text)
    for index in range(count):
        record_id = f"p{index}"
        after = _edited(tmp_path / f"{record_id}.yaml", text, lambda w: w.remove(record_id))  # noqa: B023 - called at once
        expected = [p for i, p in enumerate(before["people"]) if i != index]
        assert yaml.safe_load(after) == {
            "people": expected,
            "organisations": before["organisations"],
        }


KEPT_TEXT = (
    "people:\n- id: p0\n  name: Kenji\n\n- id: p1\n  name: Kenji\n  notes: |+\n"
    "      One line.\n\norganisations:\n  - {id: o1, name: City}\n"
)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_record_added_after_a_text_kept_with_its_blank_lines_leaves_them_as_they_were(
    tmp_path: Path, newline: str
) -> None:
    """Records set apart by blank lines get one before a new record, except after a `|+`
    text: its blank lines are its content, and one more would change it."""
    after = _edited(
        tmp_path / "data.yaml",
        KEPT_TEXT.replace("\n", newline),
        lambda w: w.add("people", {"id": "p2", "name": "Aiko"}),
    )
    read = yaml.safe_load(after)
    assert [p["id"] for p in read["people"]] == ["p0", "p1", "p2"]
    assert read["people"][1]["notes"] == "One line.\n\n"
    assert after.count("\n") == after.count(newline)


KEPT_THEN_ROLES = (
    "people:\n- id: p0\n  name: Kenji\n  notes: |+\n      One line.\n\n"
    "  roles:\n      - title: Adviser\n\norganisations:\n  - {id: o1, name: City}\n"
)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_field_taken_out_after_a_kept_text_adds_no_blank_line_to_it(
    tmp_path: Path, newline: str
) -> None:
    """Taking out the field after a `|+` text would leave the blank line that ended the
    record after the text, which keeps it as its own: it goes with the field."""
    after = _edited(
        tmp_path / "data.yaml",
        KEPT_THEN_ROLES.replace("\n", newline),
        lambda w: w.unset("p0", ("roles",)),
    )
    read = yaml.safe_load(after)
    assert read["people"] == [{"id": "p0", "name": "Kenji", "notes": "One line.\n\n"}]
    assert read["organisations"] == [{"id": "o1", "name": "City"}]


LAST_ITEMS = {
    "a block list": "  email:\n      - k.tanaka@example.org\n",
    "a block text": "  notes: |\n      One line.\n",
    "a plain field": "  honorific: Dr.\n",
}


@pytest.mark.parametrize("count", [2, 3, 4])
@pytest.mark.parametrize("last", list(LAST_ITEMS))
def test_any_record_removed_takes_out_exactly_that_record(
    tmp_path: Path, count: int, last: str
) -> None:
    """Removing reads only the record and its neighbours: the first record's neighbours
    are the second alone (there is none before it), whatever the last record holds."""
    records = [f"- id: p{i}\n  name: Kenji\n" for i in range(count)]
    records[-1] += LAST_ITEMS[last]
    text = "people:\n" + "".join(records) + "organisations:\n  - {id: o1, name: City}\n"
    _each_removed(tmp_path, text, count)


@pytest.mark.parametrize("blank_lines_after", [0, 1, 2])
@pytest.mark.parametrize("count", [2, 3])
def test_a_record_removed_after_a_kept_text_leaves_that_text_as_it_was(
    tmp_path: Path, count: int, blank_lines_after: int
) -> None:
    """A `|+` text keeps the blank lines after it as its content: blank lines left behind
    by the record removed after it would join it."""
    records = [
        f"- id: p{i}\n  name: Kenji\n  notes: |+\n      One line.\n\n" for i in range(count - 1)
    ]
    records.append(f"- id: p{count - 1}\n  name: Kenji\n" + "\n" * blank_lines_after)
    text = "people:\n" + "".join(records) + "organisations:\n  - {id: o1, name: City}\n"
    _each_removed(tmp_path, text, count)


@pytest.mark.parametrize("style", ["|", "|+", ">"])
def test_a_comment_after_a_removed_records_text_stays(tmp_path: Path, style: str) -> None:
    """A comment at the list's column after a record's block text belongs to no record:
    libyaml ends the text at the next record, but the comment is not the text's content."""
    text = (
        "people:\n- id: p0\n  name: Kenji\n- id: p1\n  name: Kenji\n"
        f"  notes: {style}\n      One line.\n# between\n- id: p2\n  name: Kenji\n"
    )
    after = _edited(tmp_path / "data.yaml", text, lambda w: w.remove("p1"))
    assert after == ("people:\n- id: p0\n  name: Kenji\n# between\n- id: p2\n  name: Kenji\n")
