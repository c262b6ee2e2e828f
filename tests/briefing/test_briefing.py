"""Briefings: the content (through the Markdown writer) and the Word document, reopened."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph

from dossier.briefing.build import build_briefing
from dossier.briefing.document import Briefing, Paragraph, Run, Section
from dossier.briefing.docx import EAST_ASIAN_FONT, render_docx
from dossier.briefing.markdown import render_markdown
from dossier.datafile.load import load
from dossier.datafile.loaded import LoadResult
from dossier.errors import UsageError
from dossier.i18n import Translator
from tests.conftest import TODAY, Write
from tests.conftest import Run as CliRun
from tests.programs import needs_libreoffice, needs_program, soffice_command


def _zone(zone: str, day: dt.date) -> str:
    noon = dt.datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo(zone))
    return Translator("en").zone_name(noon)


# Zone names as the briefing's rule gives them (the reader's language, from CLDR), for the days
# the tests use: before and after Europe's change to summer time on 28 March 2027.
ZONES = {
    "JST": _zone("Asia/Tokyo", dt.date(2027, 3, 26)),
    "CET": _zone("Europe/Berlin", dt.date(2027, 3, 26)),
    "CEST": _zone("Europe/Berlin", dt.date(2027, 4, 14)),
}
VISIT = "munich-delegation-kawasaki-2027"

SMALL = """\
home: here
clusters:
  - {id: here, name: Home Cluster, city: Munich, timezone: Europe/Berlin, sources: [s]}
  - id: there
    name: Far Cluster
    native_name: 遠いクラスター
    city: Kawasaki
    timezone: Asia/Tokyo
    managed_by: city
    focus: [nanomedicine]
    sources: [s]
organisations:
  - {id: city, name: Far City, kind: municipality, sources: [s]}
people:
  - id: mayor
    name: Taro Yamada
    family_name: Yamada
    given_name: Taro
    native_name: 山田太郎
    roles: [{title: Mayor, organisation: city, since: 2020-04}]
    notes: Address as "Mayor Yamada".
    sources: [s]
agreements:
  - {id: mou, kind: mou, title: Test MoU, parties: [here, city], status: signed, scope: [Exchange], sources: [s]}
events:
  - id: signing
    kind: signing
    title: MoU signed
    date: 2021-05-10
    place: Kawasaki
    agreement: mou
    parties: [here, city]
    people: [{person: mayor, role: signatory, for: city}]
    sources: [s]
  - id: trip
    kind: visit
    title: Trip to Far Cluster
    date: 2027-03-26
    parties: [here, city]
    objectives: [Meet the mayor]
    agenda:
      - {time: "09:30", title: Welcome, people: [mayor]}
      - {date: 2027-03-29, time: "09:30", title: Second welcome}
    follow_ups: [{action: Send minutes, owner: mayor, due: 2026-01-31}]
    sources: [s]
sources:
  - {id: s, title: A source, publisher: Pub, url: "https://example.org/a", published: 2021-05}
"""

SMALL_MARKDOWN = """\
---
    pagetitle: "Briefing: Trip to Far Cluster"
    title-meta: "Briefing: Trip to Far Cluster"
    subject: "Briefing on Far Cluster for Home Cluster"
    author-meta: "Home Cluster"
    lang: "en-GB"
    date: "2026-11-25"
---

# Briefing: Trip to Far Cluster

Counterpart: **Far Cluster (遠いクラスター)**

Visit: **26 March 2027**

Prepared for Home Cluster on 25 November 2026

Written for internal readers

**Internal**

## Since the last visit

Last contact: **MoU signed** (10 May 2021) \\[1\\]

Nothing recorded has changed since then.

## Purpose and objectives

- Meet the mayor

## Agenda

### 26 March 2027

| Kawasaki ({JST}) | Munich ({CET}) | Item | With |
|---|---|---|---|
| 09:30 | 01:30 | Welcome | YAMADA Taro |

### 29 March 2027

| Kawasaki ({JST}) | Munich ({CEST}) | Item | With |
|---|---|---|---|
| 09:30 | 02:30 | Second welcome |  |

## Who's who

### Their side

**YAMADA Taro** · 山田太郎

Mayor, Far City (since April 2020) \\[last checked May 2021\\]

Address as "Mayor Yamada". Signed the Test MoU on 10 May 2021.

## Counterpart profile

Far Cluster (遠いクラスター) · Kawasaki · managed by Far City \\[1\\]

Focus: nanomedicine

## Relationship history

| Date | Event | Where |
|---|---|---|
| 10 May 2021 | MoU signed \\[1\\] | Kawasaki |

### Agreements

*Test MoU* — Home Cluster ↔ Far City \\[1\\]

- Signed 10 May 2021 in Kawasaki by YAMADA Taro for Far City \\[1\\]
- Status: signed
- No expiry recorded

Scope:

- Exchange

## Open follow-ups

| Due | Action | Owner |
|---|---|---|
| **overdue** 31 January 2026 | Send minutes | YAMADA Taro |

## Sources

1. Pub: A source (May 2021) — [https://example.org/a](<https://example.org/a>)
"""


@pytest.fixture
def small(write: Write) -> LoadResult:
    result = load([write(SMALL)], TODAY)
    assert not result.has_errors, result.problems
    return result


def test_markdown_of_a_small_visit_is_exact(small: LoadResult) -> None:
    dossier = small.dossier
    briefing = build_briefing(dossier, dossier.by_id["trip"], today=TODAY)
    assert render_markdown(briefing) == SMALL_MARKDOWN.replace("{JST}", ZONES["JST"]).replace(
        "{CET}", ZONES["CET"]
    ).replace("{CEST}", ZONES["CEST"])


def test_agenda_home_times_follow_daylight_saving(small: LoadResult) -> None:
    # Europe moves its clocks on 28 March 2027: 09:30 in Tokyo is 01:30 in Munich before,
    # 02:30 after; the table shows both, each computed for its own day.
    dossier = small.dossier
    briefing = build_briefing(dossier, dossier.by_id["trip"], today=TODAY)
    markdown = render_markdown(briefing).split("## Agenda")[1]
    first, second = markdown.split("### 26 March 2027")[1].split("### 29 March 2027")
    # Each day's table names the zone of that day.
    assert (
        f"| Kawasaki ({ZONES['JST']}) | Munich ({ZONES['CET']}) | Item | With |\n|---|---|---|---|\n"
        "| 09:30 | 01:30 |" in first
    )
    assert (
        f"| Kawasaki ({ZONES['JST']}) | Munich ({ZONES['CEST']}) | Item | With |\n|---|---|---|---|\n"
        "| 09:30 | 02:30 |" in second
    )


def test_a_home_time_on_the_day_before_is_marked(write: Write) -> None:
    text = SMALL.replace('{time: "09:30", title: Welcome', '{time: "06:00", title: Welcome')
    dossier = load([write(text)], TODAY).dossier
    markdown = render_markdown(build_briefing(dossier, dossier.by_id["trip"], today=TODAY))
    assert "| 06:00 | 22:00 (previous day) | Welcome |" in markdown


def test_a_cluster_briefing_has_no_visit_sections(small: LoadResult) -> None:
    dossier = small.dossier
    briefing = build_briefing(dossier, dossier.by_id["there"], today=TODAY)
    assert [s.title for s in briefing.sections] == [
        "Who's who",
        "Counterpart profile",
        "Relationship history",
        "Open follow-ups",
        "Sources",
    ]


def test_briefing_the_home_side_is_refused(small: LoadResult) -> None:
    with pytest.raises(UsageError, match="is the home side"):
        build_briefing(small.dossier, small.dossier.by_id["here"], today=TODAY)


def _style(paragraph: DocxParagraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def _document(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _all_text(document: docx.document.Document) -> str:
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(texts)


@pytest.fixture(scope="module")
def visit_docx(sample: LoadResult) -> bytes:
    dossier = sample.dossier
    return render_docx(build_briefing(dossier, dossier.by_id[VISIT], today=TODAY))


def test_the_visit_briefing_has_every_section_in_order(visit_docx: bytes) -> None:
    document = _document(visit_docx)
    assert _style(document.paragraphs[0]) == "Title"
    assert document.paragraphs[0].text == "Briefing: Munich delegation to King Skyfront"
    headings = [p.text for p in document.paragraphs if _style(p) == "Heading 1"]
    assert headings == [
        "Since the last visit",
        "Purpose and objectives",
        "Agenda",
        "Who's who",
        "Counterpart profile",
        "Relationship history",
        "Open follow-ups",
        "Sources",
    ]
    assert "Internal" in [p.text for p in document.paragraphs[:7]]


def test_the_agenda_has_local_and_home_time(visit_docx: bytes) -> None:
    document = _document(visit_docx)
    agenda = document.tables[0]
    assert [c.text for c in agenda.rows[0].cells] == [
        f"Kawasaki ({ZONES['JST']})",
        f"Munich ({ZONES['CEST']})",
        "Item",
        "With",
    ]
    assert [c.text for c in agenda.rows[1].cells][:2] == ["09:30–10:30", "02:30–03:30"]
    days = [p.text for p in document.paragraphs if _style(p) == "Heading 2"][:2]
    assert days == ["14 April 2027", "15 April 2027"]
    header = agenda.rows[0]._tr.find(qn("w:trPr")).find(qn("w:tblHeader"))
    assert header is not None


def test_whos_who_lists_their_side_first_with_native_names(visit_docx: bytes) -> None:
    texts = [p.text for p in _document(visit_docx).paragraphs]
    start = texts.index("Their side")
    assert texts[start + 1 : start + 3] == [
        "FUKUDA Norihiko · 福田紀彦",
        "Mayor, City of Kawasaki (since 19 November 2013)",
    ]
    assert texts[start + 3].startswith('On this visit: host. Address as "Mayor Fukuda"')
    ours = texts.index("Our side")
    assert ours > start and texts[ours + 1] == "Prof. Ralf Huss"


def test_a_name_is_kept_with_its_role_and_notes(visit_docx: bytes) -> None:
    paragraphs = _document(visit_docx).paragraphs
    name = next(p for p in paragraphs if p.text == "FUKUDA Norihiko · 福田紀彦")
    assert name.paragraph_format.keep_with_next is True


def test_the_history_has_both_signings(visit_docx: bytes) -> None:
    text = _all_text(_document(visit_docx))
    assert "Signed 10 November 2017 in Munich by Prof. Dr. Horst Domdey for BioM" in text
    assert "Signed 24 November 2017 in Kawasaki by FUKUDA Norihiko for City of Kawasaki" in text
    assert "No expiry recorded" in text
    assert "overdue\n31 October 2026" in text


def test_sources_are_working_hyperlinks(visit_docx: bytes) -> None:
    document = _document(visit_docx)
    targets = {
        rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")
    }
    assert (
        "https://www.bio-m.org/en/news/news-detail/fuehrende-life-science-cluster-von-kawasaki-und-muenchen-buendeln-ihre-kraefte.html"
        in targets
    )
    assert all(t.startswith(("http://", "https://", "mailto:")) for t in targets)
    links = document.element.body.findall(".//" + qn("w:hyperlink"))
    assert len(links) >= len(targets)


def test_header_and_page_x_of_y_footer(visit_docx: bytes) -> None:
    section = _document(visit_docx).sections[0]
    assert (
        section.header.paragraphs[0].text
        == "Briefing: Munich delegation to King Skyfront · Internal"
    )
    footer = section.footer.paragraphs[0]
    instructions = [f.get(qn("w:instr")) for f in footer._p.findall(qn("w:fldSimple"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert footer.text.startswith("Page ")


def test_styles_carry_an_east_asian_font_and_language(visit_docx: bytes) -> None:
    document = _document(visit_docx)
    for name in ("Normal", "Title", "Heading 1", "List Bullet"):
        rpr = document.styles[name].element.rPr
        assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == EAST_ASIAN_FONT
        assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "ja-JP"


def test_core_properties(visit_docx: bytes) -> None:
    properties = _document(visit_docx).core_properties
    assert properties.title == "Briefing: Munich delegation to King Skyfront"
    assert properties.subject == "Briefing on King Skyfront for Munich Biotech Cluster"
    assert properties.author == "Munich Biotech Cluster"
    assert "King Skyfront" in properties.keywords
    assert properties.created is not None


def test_text_xml_cannot_hold_is_dropped_and_unsafe_links_are_not_written() -> None:
    briefing = Briefing(
        title="Bell\x07 title",
        cover=((Run("Cover\x0b"),),),
        classification="Internal",
        sections=(
            Section(
                "Links",
                (
                    Paragraph(
                        (Run("bad", url="javascript:alert(1)"), Run("ok", url="mailto:a@b.org"))
                    ),
                ),
            ),
        ),
        subject="s",
        author="a",
        prepared=dt.date(2026, 1, 1),
    )
    document = _document(render_docx(briefing))
    assert document.paragraphs[0].text == "Bell title"
    targets = [
        rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")
    ]
    assert targets == ["mailto:a@b.org"]
    assert "javascript" not in render_markdown(briefing)


@needs_program("pandoc")
def test_pandoc_reads_the_docx_as_text_with_the_key_facts(
    visit_docx: bytes, tmp_path: Path
) -> None:
    path = tmp_path / "b.docx"
    path.write_bytes(visit_docx)
    text = subprocess.run(
        ["pandoc", "-t", "plain", "--wrap=none", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for fact in (
        "FUKUDA Norihiko · 福田紀彦",
        "10 November 2017",
        "24 November 2017",
        "Welcome by the Mayor",
    ):
        assert fact in text


@needs_libreoffice("writer")
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_libreoffice_converts_the_docx_to_pdf(
    sample: LoadResult, tmp_path: Path, lang: str
) -> None:
    from dossier.i18n import Translator

    dossier = sample.dossier
    briefing = build_briefing(
        dossier, dossier.by_id[VISIT], today=TODAY, translator=Translator(lang)
    )
    path = tmp_path / "b.docx"
    path.write_bytes(render_docx(briefing))
    subprocess.run(
        [
            *soffice_command(tmp_path / "profile"),
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        capture_output=True,
        check=True,
        timeout=180,
    )
    assert (tmp_path / "b.pdf").stat().st_size > 10_000


# --- the command -------------------------------------------------------------------------


def test_brief_writes_the_default_file_and_refuses_to_overwrite(
    run: CliRun, tmp_path: Path
) -> None:
    result = run("brief", VISIT)
    assert result.exit_code == 0, result
    path = tmp_path / f"briefing-{VISIT}-2027-04-14.docx"
    # With Graphviz, the counterpart's connections are a section of their own.
    sections = 9 if shutil.which("dot") else 8
    assert result.stderr == f"dossier: wrote {path.name} ({sections} sections)\n"
    first = path.read_bytes()
    again = run("brief", VISIT)
    assert again.exit_code == 2
    assert again.stderr == f"dossier: {path.name}: already exists; use --force to overwrite it\n"
    assert path.read_bytes() == first
    assert run("brief", VISIT, "--force").exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_brief_a_cluster_to_a_named_file(run: CliRun, tmp_path: Path) -> None:
    result = run("brief", "kawasaki", "-o", "k.docx")
    assert result.exit_code == 0, result
    headings = [
        p.text
        for p in _document((tmp_path / "k.docx").read_bytes()).paragraphs
        if _style(p) == "Heading 1"
    ]
    assert headings[0] == "Who's who"


def test_brief_markdown_to_stdout(run: CliRun) -> None:
    result = run("brief", VISIT, "--format", "md", "-o", "-")
    assert result.exit_code == 0, result
    assert result.stdout.startswith(
        '---\n    pagetitle: "Briefing: Munich delegation to King Skyfront"\n'
    )
    assert "\n# Briefing: Munich delegation to King Skyfront\n" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "missing/b.docx"], "dossier: missing: no such folder\n"),
        (
            ["-o", "-"],
            "dossier: -o -: a docx file cannot go to standard output; use --format md\n",
        ),
        (["--visit", "kawasaki"], "dossier: --visit: 'kawasaki' is not an event\n"),
        (["--template", "none.docx"], "dossier: none.docx: no such file\n"),
    ],
)
def test_brief_usage_errors(run: CliRun, tmp_path: Path, args: list[str], message: str) -> None:
    result = run("brief", "kawasaki", *args)
    assert result.exit_code == 2
    assert result.stderr == message
    assert list(tmp_path.iterdir()) == []


def test_a_template_lacking_a_style_is_refused_before_writing(run: CliRun, tmp_path: Path) -> None:
    template = docx.Document()
    template.styles["List Number"].delete()
    template.save(str(tmp_path / "plain.docx"))
    result = run("brief", "kawasaki", "--template", "plain.docx", "-o", "out.docx")
    assert result.exit_code == 2
    assert "the template has no style 'List Number'" in result.stderr
    assert not (tmp_path / "out.docx").exists()


def test_a_template_gives_its_styles_and_page_setup(run: CliRun, tmp_path: Path) -> None:
    template = docx.Document()
    template.add_paragraph("Template body text that must not survive")
    template.styles["Normal"].font.name = "Georgia"
    template.sections[0].left_margin = docx.shared.Inches(1.5)
    template.save(str(tmp_path / "house.docx"))
    result = run("brief", "kawasaki", "--template", "house.docx", "-o", "out.docx")
    assert result.exit_code == 0, result
    document = _document((tmp_path / "out.docx").read_bytes())
    assert document.styles["Normal"].font.name == "Georgia"
    assert document.sections[0].left_margin == docx.shared.Inches(1.5)
    assert "Template body text" not in _all_text(document)
