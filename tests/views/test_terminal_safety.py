"""Terminal output holds no escape sequence we did not make: names of files, words typed on
the command line and web addresses are shown as written, links go where they say."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.files import printable
from tests.conftest import SAMPLE, Run

ESCAPE = "\x1b"
SEQUENCES = ["\x1b]0;pwned\x07", "\x1b[2J", "\x1b[31m", "\x9b2J", "\x07", "\x08\x08"]


def test_a_file_name_with_escape_sequences_is_shown_as_written(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "good.yaml")
    (folder / "bad\x1b]0;pwned\x07\x1b[2J.yaml").write_text("clusters: 5\n", encoding="utf-8")
    result = run("validate", str(folder), data=None)
    assert result.exit_code == 1
    assert ESCAPE not in result.stdout + result.stderr
    assert "bad\\x1b]0;pwned\\x07\\x1b[2J.yaml:1:11: error: clusters:" in result.stdout


@pytest.mark.parametrize("args", [["show", "x\x1b[2Jy"], ["search", "x\x1b]0;t\x07y"]])
def test_words_typed_on_the_command_line_are_echoed_as_written(run: Run, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 1
    assert ESCAPE not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b" in result.stderr


def test_a_terminal_link_goes_only_where_its_text_says(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "link.yaml"
    data.write_text(
        "clusters:\n  - {id: a, name: A, sources: [s]}\nsources:\n"
        '  - {id: s, title: S, url: "https://x.example/ link file:///etc/passwd bold red"}\n',
        encoding="utf-8",
    )
    env = {"NO_COLOR": "", "FORCE_COLOR": "1", "TERM": "xterm-256color"}
    out = run("show", "a", data=data, env=env).stdout
    targets = re.findall(r"\x1b\]8;[^;]*;([^\x1b]*)\x1b\\", out)
    assert [t for t in targets if t] == [
        "https://x.example/%20link%20file:///etc/passwd%20bold%20red"
    ]
    assert "\x1b[1;31m" not in out  # no word of the address became a style


@settings(max_examples=200)
@given(st.lists(st.sampled_from(SEQUENCES) | st.text(max_size=4), max_size=6).map("".join))
def test_printable_leaves_no_control_character(text: str) -> None:
    shown = printable(text, one_line=True)
    assert not re.search("[\x00-\x1f\x7f-\x9f]", shown)
    assert printable(shown, one_line=True) == shown
