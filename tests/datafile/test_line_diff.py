"""The preview diff of an edit: what `git apply` reads back into the edited text, for texts of
every shape (repeated lines, changes here and there, none at all), in time that grows with
the lines, not with their square."""

from __future__ import annotations

import subprocess
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.datafile.line_diff import matching_blocks, unified_diff
from tests.programs import needs_program

LINE = st.sampled_from(["a\n", "b\n", "- id: x\n", "  name: Kenji\n", "\n", "c"]) | st.text(
    "xyz", min_size=1, max_size=3
).map(lambda t: t + "\n")
LINES = st.lists(LINE, max_size=40)


def _ends_with_line_end(lines: list[str]) -> list[str]:
    return [line if line.endswith("\n") else line + "\n" for line in lines]


@given(old=LINES, new=LINES)
def test_matching_blocks_are_equal_lines_in_order(old: list[str], new: list[str]) -> None:
    blocks = matching_blocks(old, new)
    assert blocks[-1] == (len(old), len(new), 0)
    last_i = last_j = 0
    for i, j, size in blocks[:-1]:
        assert size > 0 and i >= last_i and j >= last_j
        assert old[i : i + size] == new[j : j + size]
        last_i, last_j = i + size, j + size


@needs_program("git", "git")
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(old=LINES, new=LINES)
def test_git_apply_reads_the_diff_back_into_the_new_text(
    tmp_path: Path, old: list[str], new: list[str]
) -> None:
    old, new = _ends_with_line_end(old), _ends_with_line_end(new)
    (tmp_path / "data.yaml").write_text("".join(old), encoding="utf-8")
    patch = "".join(unified_diff(old, new, "a/data.yaml", "b/data.yaml", 3))
    if old == new:
        assert patch == ""
        return
    subprocess.run(
        ["git", "apply", "--unsafe-paths", "-"],
        input=patch.encode(),
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    assert (tmp_path / "data.yaml").read_text(encoding="utf-8") == "".join(new)


def test_scattered_changes_in_a_long_file_make_one_hunk_each() -> None:
    old = [
        f"  - id: event-{n}\n    title: Meeting {n}\n    people: [person-1]\n"
        for n in range(20_000)
    ]
    lines = "".join(old).splitlines(keepends=True)
    changed = list(lines)
    for index in range(2, len(changed), 6_000):
        changed[index] = "    people: [person-2]\n"
    diff = unified_diff(lines, changed, "a/f", "b/f", 3)
    assert sum(1 for line in diff if line.startswith("@@")) == len(range(2, len(lines), 6_000))
