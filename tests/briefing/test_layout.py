"""Pages that look typeset: the sample's briefings, laid out by LibreOffice, break no word."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import docx
import pytest

from dossier.briefing.widths import column_widths
from dossier.datafile.loaded import LoadResult
from dossier.i18n import Translator
from dossier.phrases import is_wide
from tests.conftest import TODAY, Run
from tests.programs import needs_libreoffice, needs_program

VISIT = "munich-delegation-kawasaki-2027"


def _document_words(path: Path) -> set[str]:
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return {w for text in texts for w in text.split()}


def _pdf_words(path: Path) -> set[str]:
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    # pdftotext writes a numbered item's number against its first word (`12.Nikkei:`).
    return {re.sub(r"^\d+\.(?=[^\W\d_])", "", word) for word in text.split()}


def _whole(word: str, in_pdf: set[str]) -> bool:
    """In the PDF as one word; a line may also end after one of its hyphens, a proper place to
    break, which pdftotext reads as hyphenation and joins (`Tama-Flusses` as `TamaFlusses`)."""
    if word in in_pdf:
        return True
    hyphens = [i for i, c in enumerate(word) if c == "-"]
    return any(word[:i] + word[i + 1 :] in in_pdf for i in hyphens)


@needs_libreoffice("writer")
@needs_program("pdftotext", "poppler-utils")
@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("target", [VISIT, "kawasaki"])
def test_no_word_is_broken_mid_word(run: Run, tmp_path: Path, lang: str, target: str) -> None:
    run("brief", target, "--lang", lang, "-o", "b.docx")
    run("brief", target, "--lang", lang, "-o", "b.pdf")
    in_pdf = _pdf_words(tmp_path / "b.pdf")
    # Links are laid out as running text and may wrap at a slash; words are what a reader reads.
    # Japanese breaks between any two of its characters (`(川` / `崎市)`), as it should.
    words = {
        w
        for w in _document_words(tmp_path / "b.docx")
        if not re.match(r"\(?https?:", w) and not any(is_wide(c) for c in w)
    }
    broken = sorted(w for w in words if not _whole(w, in_pdf))
    assert broken == [], broken


def test_columns_are_at_least_as_wide_as_their_longest_word() -> None:
    columns = [["Time", "09:30–10:30"], ["Item", "Innovation Center of NanoMedicine (iCONM)"]]
    time, item = column_widths(columns, 170)
    assert time + item == pytest.approx(170)
    assert time < item
    # The widest word of each column fits, with the cell's margins.
    assert time >= 2.5 * len("09:30–10:30") + 4.6
    assert item >= 2.5 * len("NanoMedicine") + 4.6


def test_full_width_text_may_break_between_characters() -> None:
    latin, japanese = column_widths([["Development"], ["川崎市国際戦略推進部長"]], 40)
    assert latin >= 2.5 * len("Development")  # a Latin word stays whole
    assert japanese < 3.9 * len("川崎市国際戦略推進部長")


def test_the_table_grid_carries_the_fitted_widths(run: Run, tmp_path: Path) -> None:
    run("brief", VISIT, "-o", "v.docx")
    document = docx.Document(io.BytesIO((tmp_path / "v.docx").read_bytes()))
    agenda = document.tables[0]
    widths = [c.width for c in agenda.rows[0].cells]
    assert len(set(widths)) > 1  # not the library's equal columns
    assert widths[0] is not None and widths[2] is not None and widths[0] < widths[2]


def test_the_agenda_has_a_heading_per_day_and_end_times(run: Run) -> None:
    text = run("brief", VISIT, "--format", "md", "-o", "-").stdout
    agenda = text.split("## Agenda\n")[1].split("\n## ")[0]
    assert "### 14 April 2027" in agenda and "### 15 April 2027" in agenda
    assert agenda.index("### 14 April 2027") < agenda.index("### 15 April 2027")
    noon = dt.datetime(2027, 4, 14, 12, tzinfo=ZoneInfo("Asia/Tokyo"))
    en = Translator("en")
    venue, home = en.zone_name(noon), en.zone_name(noon.astimezone(ZoneInfo("Europe/Berlin")))
    assert f"| Kawasaki ({venue}) | Munich ({home}) | Item | With |" in agenda
    assert "| 09:30–10:30 | 02:30–03:30 |" in agenda


LONG_WORDS = """\
home: here
clusters:
  - {id: here, name: Home, city: Munich, timezone: Europe/Berlin}
  - {id: there, name: There, city: Kawasaki, timezone: Asia/Tokyo}
people:
  - {id: p, name: Maximiliane Obermaier, roles: [{title: Bürgermeisterin, organisation: there}]}
events:
  - id: trip
    kind: visit
    title: Trip
    date: 2027-03-26
    parties: [here, there]
    agenda:
      - {time: "09:30", end: "10:00", title: Förderprogrammentwicklung, people: [p]}
      - {time: "11:00", title: Wirtschaftsförderung, people: [p]}
"""


@needs_libreoffice("writer")
@needs_program("pdftotext", "poppler-utils")
def test_long_words_in_narrow_columns_stay_whole(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "long.yaml"
    data.write_text(LONG_WORDS, encoding="utf-8")
    run("brief", "trip", "-o", "b.docx", data=data)
    run("brief", "trip", "-o", "b.pdf", data=data)
    in_pdf = _pdf_words(tmp_path / "b.pdf")
    words = _document_words(tmp_path / "b.docx")
    assert {"Förderprogrammentwicklung", "Wirtschaftsförderung", "09:30–10:00"} <= words
    assert sorted(w for w in words if not _whole(w, in_pdf)) == []


def test_when_words_cannot_all_fit_the_widest_columns_give_way() -> None:
    widths = column_widths([["09:30–10:30"], ["x" * 40], ["y" * 40]], 170)
    assert widths[0] == pytest.approx(2.5 * 11 + 4.6)  # the time keeps its width
    assert widths[1] == pytest.approx(widths[2])
    assert sum(widths) == pytest.approx(170)


@needs_libreoffice("writer")
@needs_program("pdftotext", "poppler-utils")
@pytest.mark.parametrize("lang", ["en", "de", "ja"])
@pytest.mark.parametrize("target", ["kawasaki", VISIT])
def test_every_date_in_a_table_stays_on_one_line(
    run: Run, tmp_path: Path, lang: str, target: str, sample: LoadResult
) -> None:
    from dossier.briefing.build import build_briefing
    from dossier.briefing.document import Table

    dossier = sample.dossier
    translator = Translator(lang)
    briefing = build_briefing(dossier, dossier.by_id[target], today=TODAY, translator=translator)
    tables = [b for s in briefing.sections for b in s.blocks if isinstance(b, Table)]
    # The dates of first columns (the history's, the follow-ups'), which start their lines.
    dates = {r.text for t in tables for row in t.rows for r in row[0] if r.whole}
    assert len(dates) >= 4, dates
    result = run("brief", target, "--lang", lang, "-o", "b.pdf")
    assert result.exit_code == 0, result
    path = tmp_path / "b.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    # pdftotext sets spaces between scripts (`2017 年`): lines are compared without spaces.
    # A table's first column starts at the margin (lists and paragraphs of notes are set in):
    # each date begins a line there, whole.
    at_margin = [re.sub(r"\s", "", line) for line in text.splitlines() if line[:1].strip()]
    broken = sorted(
        d for d in dates if not any(line.startswith(re.sub(r"\s", "", d)) for line in at_margin)
    )
    assert broken == []


@pytest.mark.parametrize("date", ["10. November 2017", "2017年11月10日", "14.–15. April 2027"])
def test_a_date_is_one_word_for_its_column(date: str) -> None:
    from dossier.briefing.widths import CELL_PADDING_MM, text_mm

    columns = [["Date", date], ["Event", "x " * 200]]
    plain, kept = column_widths(columns, 170), column_widths(columns, 170, [[date], []])
    assert kept[0] >= text_mm(date) + CELL_PADDING_MM > plain[0]
