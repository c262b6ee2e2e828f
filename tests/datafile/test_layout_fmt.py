"""`dossier fmt`: the canonical layout of line ends and blank lines, nothing else touched."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from dossier.datafile.layout import canonical, differences
from tests.conftest import SAMPLE, Run

UNTIDY = "\ufeffpeople:  \r\n  # who\r\n\r\n\r\n\r\n  - {id: a, name: A}\t\r\n\r\n"


def test_the_sample_is_in_layout(run: Run) -> None:
    result = run("fmt", "--check", str(SAMPLE), data=None)
    assert (result.exit_code, result.stderr) == (0, "dossier: 1 file in layout\n")


def test_check_names_what_is_off_and_fmt_mends_it(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_bytes(UNTIDY.encode())
    checked = run("fmt", "--check", data=path)
    assert checked.exit_code == 1
    assert checked.stdout == (
        f"{path}: not in layout: a byte-order mark, CR line ends, blanks at line ends, more"
        " than one blank line in a row, blank lines at the end\n"
    )
    assert path.read_bytes() == UNTIDY.encode()  # --check changes nothing
    assert run("fmt", data=path).exit_code == 0
    assert path.read_text("utf-8") == "people:\n  # who\n\n  - {id: a, name: A}\n"
    assert run("fmt", "--check", data=path).exit_code == 0
    assert run("validate", data=path).exit_code == 0


@given(st.text(alphabet="ab #:\n\r\t ", max_size=40))
def test_the_layout_is_reached_in_one_step_and_keeps_every_word(text: str) -> None:
    once = canonical(text)
    assert canonical(once) == once and differences(once) == []
    assert once.split() == text.replace("\r", "\n").split()
