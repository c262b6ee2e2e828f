"""Views on terminals of every width, and in pipes: ids, dates, phone numbers and e-mail
addresses are never broken over two lines, and output that is not a terminal is never wrapped."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.conftest import SAMPLE, Run, Write

SAMPLE_DATA = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
PIPED = {"TTY_COMPATIBLE": "0", "COLUMNS": "80"}


def _ids(kind: str) -> list[str]:
    return [record["id"] for record in SAMPLE_DATA[kind]]


@pytest.mark.parametrize("kind", ["clusters", "organisations", "people", "agreements", "events"])
@pytest.mark.parametrize("width", [40, 50, 60, 80, 100, 140])
def test_list_never_breaks_an_id(run: Run, kind: str, width: int) -> None:
    result = run("list", kind, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result
    tokens = set(result.stdout.split())
    assert set(_ids(kind)) <= tokens
    assert all(len(line) <= width for line in result.stdout.splitlines() if width >= 30)


@pytest.mark.parametrize("width", [50, 60, 80])
def test_show_never_breaks_a_date_or_a_word_of_a_title(run: Run, width: int) -> None:
    out = run("show", "kawasaki", env={"COLUMNS": str(width)}).stdout
    assert "Memorandum" in out.split()
    assert not re.search(r"\d{4}-\d{2}-\s*\n", out), out
    assert not re.search(r"(?m)^\s*\d{2}(-\d{2})?\s*$", out), out  # the tail of a broken date
    for date in ("2017-11-10", "2017-11-24", "2013-11-19"):
        assert date in out


def test_a_terminal_too_narrow_for_the_ids_gets_a_list_of_records(run: Run) -> None:
    out = run("list", "organisations", env={"COLUMNS": "60"}).stdout
    assert out.startswith("biom\n  Name     BioM Biotech Cluster Development GmbH\n")
    assert "\nkawasaki-city\n  Name          City of Kawasaki\n" in out


def test_a_person_shows_phone_and_e_mail_whole_at_50_columns(run: Run) -> None:
    out = run("list", "people", env={"COLUMNS": "50"}).stdout
    assert "\nshigeyuki-shiratori\n" in out


def test_piped_lists_are_one_record_a_line_between_tabs(run: Run) -> None:
    result = run("list", "people", env=PIPED)
    lines = result.stdout.splitlines()
    assert len(lines) == len(_ids("people"))
    assert [line.split("\t")[0] for line in lines] == _ids("people")
    shiratori = next(line for line in lines if line.startswith("shigeyuki-shiratori\t"))
    assert shiratori.split("\t") == [
        "shigeyuki-shiratori",
        "Shigeyuki Shiratori",
        "白鳥",
        "Director, International Strategy Promotion Department, City of Kawasaki",
        "2017-11-10",
    ]


def test_piped_follow_ups_and_search_are_tab_separated_too(run: Run) -> None:
    follow_ups = run("follow-ups", env=PIPED).stdout.splitlines()
    assert follow_ups and all("\t" in line for line in follow_ups)
    assert not any(line.startswith(("Due", "─")) for line in follow_ups)
    hits = run("search", "Shiratori", env=PIPED).stdout.splitlines()
    assert hits[0].split("\t")[:2] == ["shigeyuki-shiratori", "person"]


def test_a_tab_or_line_break_in_a_value_cannot_make_a_second_row(run: Run, write: Write) -> None:
    data = write('people:\n  - id: ada\n    name: "Ada\\tLovelace\\nnext"\n')
    lines = run("list", "people", data=data, env=PIPED).stdout.splitlines()
    assert lines == ["ada\tAda Lovelace next\t\t\t"]


def test_piped_views_are_never_wrapped(run: Run) -> None:
    out = run("show", "kawasaki", env=PIPED).stdout
    assert (
        "Life-science hub in Tonomachi, Kawasaki-ku, on the former Isuzu Motors plant site across"
        " the Tama River from Haneda Airport; part of the Keihin Coastal Area Life Innovation"
        " special zone (designated 22 December 2011).\n"
    ) in out
    assert "Shigeyuki Shiratori" in out
