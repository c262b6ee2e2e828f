"""Languages: every label translated, documents wholly in the language asked for."""

from __future__ import annotations

import ast
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any, ClassVar

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from dossier.briefing.build import build_briefing
from dossier.briefing.docx import render_docx
from dossier.briefing.graph_picture import EDGE_NAMES
from dossier.briefing.markdown import render_markdown
from dossier.datafile.loaded import LoadResult
from dossier.i18n import DATE_STYLES, Translator, catalogue
from dossier.model.languages import LANGUAGES
from dossier.model.report import yearly_report
from dossier.model.values import PartialDate
from dossier.model.vocabulary import AgreementKind, AgreementStatus, EventKind, OrganisationKind
from dossier.views.blocks import Viewer, events_table
from dossier.views.records import record_view
from tests.conftest import TODAY, Run

SOURCE = Path(__file__).resolve().parents[1] / "src" / "dossier"
VISIT = "munich-delegation-kawasaki-2027"


class Recording(Translator):
    """A translator that notes every label asked of it."""

    asked: ClassVar[set[str]] = set()

    def __call__(self, msgid: str, **values: Any) -> str:
        Recording.asked.add(msgid)
        return super().__call__(msgid, **values)

    def parts(self, msgid: str) -> list[str]:
        Recording.asked.add(msgid)
        return super().parts(msgid)


def labels_in_code() -> set[str]:
    """Every literal label passed to a translator call (`t("...")`) in the package."""
    found = set()
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", None))
            first = node.args[0]
            value = first.value if isinstance(first, ast.Constant) else None
            if name in ("t", "_t", "translator", "parts") and isinstance(value, str):
                found.add(value)
    return found


@pytest.fixture(scope="module")
def every_label(sample: LoadResult) -> set[str]:
    dossier = sample.dossier
    translator = Recording("en")
    console = Console(file=io.StringIO(), width=100)
    viewer = Viewer(dossier, translator, TODAY)
    for record in dossier.records():
        console.print(record_view(viewer, record))
    console.print(events_table(viewer, dossier.events))
    for target in (VISIT, "kawasaki"):
        build_briefing(dossier, dossier.by_id[target], today=TODAY, translator=translator)
    enums = (AgreementStatus, AgreementKind, EventKind, OrganisationKind)
    report = yearly_report(dossier, 2017, TODAY)
    figures = {count.label for _cluster, counts in report.sections() for count in counts}
    figures |= {*EDGE_NAMES.values(), "manages", "part of"}
    return Recording.asked | labels_in_code() | figures | {e.value for enum in enums for e in enum}


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_every_label_has_a_translation(every_label: set[str], lang: str) -> None:
    missing = sorted(label for label in every_label if not catalogue(lang).get(label))
    assert missing == []


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_translations_keep_their_placeholders(lang: str) -> None:
    import re

    for msgid, text in catalogue(lang).items():
        assert sorted(re.findall(r"\{\w+\}", text)) == sorted(re.findall(r"\{\w+\}", msgid)), msgid


@pytest.mark.parametrize(
    ("lang", "day", "month", "year"),
    [
        ("en", "10 November 2017", "February 2017", "2017"),
        ("de", "10. November 2017", "Februar 2017", "2017"),
        ("ja", "2017年11月10日", "2017年2月", "2017年"),
    ],
)
def test_dates_are_written_in_the_long_form_we_chose(
    lang: str, day: str, month: str, year: str
) -> None:
    t = Translator(lang)
    assert t.date(PartialDate.parse("2017-11-10")) == day
    assert t.date(dt.date(2017, 11, 10)) == day
    assert t.date(PartialDate.parse("2017-02")) == month
    assert t.date(PartialDate.parse(2017)) == year


@pytest.mark.parametrize(
    ("lang", "same_month", "same_year", "apart"),
    [
        ("en", "14–15 April 2027", "30 April – 2 May 2027", "30 December 2026 – 2 January 2027"),
        (
            "de",
            "14.–15. April 2027",
            "30. April – 2. Mai 2027",
            "30. Dezember 2026 – 2. Januar 2027",
        ),
        ("ja", "2027年4月14日～15日", "2027年4月30日～5月2日", "2026年12月30日～2027年1月2日"),
    ],
)
def test_date_spans_leave_out_what_both_ends_share(
    lang: str, same_month: str, same_year: str, apart: str
) -> None:
    t = Translator(lang)
    span = t.date_span
    assert span(PartialDate.parse("2027-04-14"), PartialDate.parse("2027-04-15")) == same_month
    assert span(PartialDate.parse("2027-04-30"), PartialDate.parse("2027-05-02")) == same_year
    assert span(PartialDate.parse("2026-12-30"), PartialDate.parse("2027-01-02")) == apart
    one_day = PartialDate.parse("2027-04-14")
    assert span(one_day, one_day) == span(one_day, None) == t.date(one_day)


@settings(max_examples=200, deadline=None)
@given(
    lang=st.sampled_from(sorted(LANGUAGES)),
    first=st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9998, 1, 1)),
    days=st.integers(min_value=1, max_value=400),
)
def test_a_span_ends_with_the_full_end_date_or_the_days_of_its_month(
    lang: str, first: dt.date, days: int
) -> None:
    """Our rule, whatever CLDR's interval patterns say: no thin spaces, no abbreviated months,
    and the end written as `date` writes it (Japanese leaves out the shared year instead)."""
    last = first + dt.timedelta(days=days)
    t = Translator(lang)
    text = t.date_span(PartialDate.parse(first), PartialDate.parse(last))
    assert "\u2009" not in text and "\u202f" not in text
    if lang != "ja":
        assert text.endswith(t.date(last))
    else:
        assert text.startswith(t.date(first))
    if first.year != last.year:
        assert text == DATE_STYLES[lang].apart.format(start=t.date(first), end=t.date(last))


def test_country_names_follow_cldr() -> None:
    assert [Translator(lang).country("JP") for lang in ("en", "de", "ja")] == [
        "Japan",
        "Japan",
        "日本",
    ]
    assert Translator("ja").country("DE") == "ドイツ"


def test_free_text_falls_back_and_can_say_so() -> None:
    text = {"en": "Welcome", "de": "Begrüßung"}
    assert Translator("ja").text(text) == "Welcome"
    assert Translator("ja", mark_fallbacks=True).text(text) == "Welcome [en]"
    assert Translator("de", mark_fallbacks=True).text(text) == "Begrüßung"
    assert Translator("ja", mark_fallbacks=True).text("plain") == "plain"


def _texts(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    texts += [p.text for p in document.sections[0].footer.paragraphs]
    return texts


ENGLISH_LABELS = [
    "Purpose and objectives",
    "Agenda",
    "Who's who",
    "Counterpart profile",
    "Relationship history",
    "Open follow-ups",
    "Sources",
    "Their side",
    "Our side",
    "Key figures",
    "Prepared for",
    "Counterpart:",
    "No expiry recorded",
    "Signed ",
    "overdue",
    "Page ",
    "Internal",
    "Written for",
]


@pytest.mark.parametrize("lang", ["de", "ja"])
@pytest.mark.parametrize("target", [VISIT, "kawasaki"])
def test_a_briefing_has_no_english_label_left(sample: LoadResult, lang: str, target: str) -> None:
    dossier = sample.dossier
    briefing = build_briefing(
        dossier, dossier.by_id[target], today=TODAY, translator=Translator(lang)
    )
    texts = "\n".join(_texts(render_docx(briefing)))
    for label in ENGLISH_LABELS:
        assert label not in texts, label
    expected = {"de": "Erstellt für", "ja": "作成"}[lang]
    assert expected in texts


def test_the_japanese_briefing_reads_japanese(sample: LoadResult) -> None:
    dossier = sample.dossier
    data = render_docx(
        build_briefing(dossier, dossier.by_id[VISIT], today=TODAY, translator=Translator("ja"))
    )
    texts = _texts(data)
    # A Japanese title breaks after its colon and at the space between words, not inside one.
    assert texts[0] == "ブリーフィング：\nミュンヘン代表団のキング\nスカイフロント訪問"
    assert "福田市長 · FUKUDA Norihiko" in texts  # the form of address the data gives
    assert any("2027年4月14日～15日" in t for t in texts)
    # Japanese punctuation: a full-width colon after a date, brackets, and list commas.
    assert any(re.search(r"\d日：", t) for t in texts)
    assert any(re.search(r"スカイフロント：[\d.]+, [\d.]+（おおよそ）", t) for t in texts)
    assert not any(re.search(r"\d日: |[^\x00-\x7f], [^\x00-\x7f]", t) for t in texts), [
        t for t in texts if re.search(r"\d日: |[^\x00-\x7f], [^\x00-\x7f]", t)
    ]
    document = docx.Document(io.BytesIO(data))
    fonts = document.styles["Normal"].element.rPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rFonts"
    )
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    # Japanese in the Japanese Gothic, Latin letters beside it in a proportional face.
    assert fonts.get(f"{w}eastAsia") == "Yu Gothic"
    assert fonts.get(f"{w}ascii") == fonts.get(f"{w}hAnsi") == "Arial"
    assert "ページ" in "".join(_texts(data)[-1:])


def test_german_briefing_through_the_command(run: Run, tmp_path: Path) -> None:
    result = run("brief", "kawasaki", "--lang", "de", "-o", "k.docx")
    assert result.exit_code == 0, result
    texts = _texts((tmp_path / "k.docx").read_bytes())
    assert "Wer ist wer" in texts
    assert "Seite " in texts[-1]


def test_the_data_file_sets_the_default_language(run: Run, write: Any) -> None:
    path = write(
        "lang: de\nclusters:\n  - {id: a, name: {en: A, de: Ah}, sources: [s]}\n"
        "sources: [{id: s, title: S}]\n"
    )
    out = run("show", "a", data=path).stdout
    assert out.splitlines()[0].startswith("Ah")
    assert "Quellen" in out
    english = run("show", "a", "--lang", "en", data=path).stdout
    assert english.splitlines()[0].startswith("A ")


def test_an_unknown_language_in_the_data(write: Any) -> None:
    from dossier.datafile.load import load

    result = load([write("lang: fr\n")], TODAY)
    [problem] = [p for p in result.problems if p.is_error]
    assert (problem.field, problem.message) == ("lang", "unknown language 'fr'")


def test_timeline_and_exports_in_japanese(run: Run) -> None:
    timeline = run("timeline", "kawasaki", "--lang", "ja").stdout
    assert timeline.startswith("年表：キング スカイフロント")
    assert "日付" in timeline
    csv = run("export", "--format", "csv", "--kind", "agreements", "--lang", "ja").stdout
    assert "経済交流の促進に関する覚書" in csv


def test_adding_a_language_is_a_catalogue_and_one_line() -> None:
    # The README promises it; the catalogues present are exactly the languages offered.
    from dossier.cli import Language

    catalogues = {p.stem for p in (SOURCE / "locale").glob("*.po")}
    assert catalogues == set(LANGUAGES) - {"en"}
    assert {lang.value for lang in Language} == set(LANGUAGES)


def test_every_language_has_its_date_style() -> None:
    assert set(DATE_STYLES) == set(LANGUAGES)


@pytest.mark.parametrize(
    ("lang", "present", "absent"),
    [
        (
            "de",
            ["München (MESZ)", "Gastgeber", "Delegationsleiter", "Regenerative Medizin"],
            ["Munich (", ": host.", "head of delegation", "regenerative medicine"],
        ),
        (
            "ja",
            ["ミュンヘン", "受け入れ側", "代表団長", "再生医療", "日本"],
            ["Munich（", "：host", "head of delegation", "regenerative medicine"],
        ),
    ],
)
def test_printed_fields_speak_the_readers_language(
    sample: LoadResult, lang: str, present: list[str], absent: list[str]
) -> None:
    """Cities, places, venues, focus, participant roles, countries and zone names come in the
    reader's language where the data or CLDR has them."""
    dossier = sample.dossier
    briefing = build_briefing(
        dossier, dossier.by_id[VISIT], today=TODAY, translator=Translator(lang)
    )
    text = render_markdown(briefing)
    for word in present:
        assert word in text, word
    for word in absent:
        assert word not in text, word


def test_a_mapping_where_one_text_is_wanted_says_so(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "m.yaml"
    data.write_text("clusters:\n  - id: a\n    name: A\n    native_name: {en: x, ja: y}\n", "utf-8")
    result = run("validate", str(data), data=None)
    assert "m.yaml:4:18: error: a native_name: expected text, got a mapping" in result.stdout
    assert "this field takes one text, not a text by language" in result.stdout
