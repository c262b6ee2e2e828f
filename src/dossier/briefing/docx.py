"""`Briefing` → Word document (.docx). The only module that imports python-docx.

Everything is built from named styles, so a `--template` restyles the whole document; Japanese
text gets an East Asian font and language on the styles themselves, so it never shows as boxes.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm
from docx.text.paragraph import Paragraph as DocxParagraph

from dossier.briefing.document import (
    Block,
    Briefing,
    BulletList,
    Line,
    NumberedList,
    Paragraph,
    Picture,
    Run,
    Subheading,
    Table,
    is_safe_link,
)
from dossier.briefing.formats import Paper
from dossier.briefing.numbering import number_room, widened_numbering
from dossier.briefing.package import clean_package, set_paper, set_properties
from dossier.briefing.widths import column_widths, title_lines
from dossier.files import link_target
from dossier.model.languages import language_tag
from dossier.model.values import CONTROL_CHARACTERS

TABLE_STYLE = "Table Grid"
REQUIRED_STYLES = (
    "Normal",
    "Title",
    "Heading 1",
    "Heading 2",
    "List Bullet",
    "List Number",
    TABLE_STYLE,
)
EAST_ASIAN_FONT = "Yu Gothic"
"""Office's Japanese UI font; LibreOffice substitutes an installed Japanese font for it."""
LATIN_FONT_IN_JAPANESE = "Arial"
"""The proportional Latin face beside the Japanese one (LibreOffice: Liberation Sans or its
like); a Japanese font's own Latin letters are often monospaced."""
DEFAULT_POINTS = 11.0
"""Word's size for a style that sets none."""
INDENT_TWIPS = 284
"""Half a centimetre: a person's role and notes set in under their name."""


def clean(text: str) -> str:
    """Text without the characters XML cannot hold (validation reports them; here they go)."""
    return CONTROL_CHARACTERS.sub("", text)


def open_template(template: Path | None, values: dict[str, str] | None = None) -> Document:
    """A document with the template's styles, page setup and letterhead (and nothing active:
    see `dossier.briefing.template`), their placeholders filled with `values`. A body that
    holds placeholders is a cover sheet: kept, filled, and followed by a page break; any
    other body is dropped (a style sheet's sample text is not part of a briefing)."""
    if template is None:
        return docx.Document()
    from dossier.briefing.letterhead import (
        check_placeholders,
        fill,
        letterhead_elements,
        used_placeholders,
    )
    from dossier.briefing.template import open_template as open_checked

    document = open_checked(template, REQUIRED_STYLES, TABLE_STYLE)
    body = document.element.body
    cover = bool(used_placeholders(body))
    elements = [*letterhead_elements(document), *([body] if cover else [])]
    check_placeholders(elements, template.name)
    for element in elements:
        fill(element, values or {})
    if cover:
        _element(_element(body.add_p(), "w:r"), "w:br", {_q("w:type"): "page"})
    else:
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
    return document


def _set_languages(document: Document, language: str) -> None:
    """Every style reads Latin text in `language` and East Asian text as Japanese.

    A Japanese document sets Latin letters in a proportional sans face that goes with the
    Japanese Gothic, instead of the Japanese font's monospaced Latin letters.
    """
    for style in document.styles:
        element = style.element
        if element.get(qn("w:type")) not in ("paragraph", "character", None):
            continue
        rpr = element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
        if language == "ja":
            for slot in ("w:ascii", "w:hAnsi", "w:cs"):
                fonts.set(qn(slot), LATIN_FONT_IN_JAPANESE)
            for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(qn(theme), None)  # a theme font would win over ours
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        # Latin-script text in a Japanese briefing is names and English: read as Japanese, it
        # would be broken anywhere, mid-word, as Japanese text may be.
        lang.set(qn("w:val"), language_tag("en" if language == "ja" else language))
        lang.set(qn("w:eastAsia"), "ja-JP")


LINK_STYLE = "Hyperlink"
"""The character style of links, as Word names it."""


@functools.cache
def _q(name: str) -> str:
    """`w:tag` as lxml spells it; cached, since tables need thousands."""
    return str(qn(name))


def _element(parent: Any, tag: str, attributes: dict[str, str] | None = None) -> Any:
    """A new child element. Building XML directly is many times faster than python-docx's
    proxy objects, which matters for tables of hundreds of rows."""
    child = parent.makeelement(_q(tag), attributes or {})
    parent.append(child)
    return child


def _run(parent: Any, text: str, *, bold: bool, italic: bool, style_id: str | None = None) -> None:
    run = _element(parent, "w:r")
    if bold or italic or style_id:
        properties = _element(run, "w:rPr")  # child order as the schema wants it
        if style_id:
            _element(properties, "w:rStyle", {_q("w:val"): style_id})
        if bold:
            _element(properties, "w:b")
        if italic:
            _element(properties, "w:i")
    preserve = {_q("xml:space"): "preserve"}
    for index, piece in enumerate(text.split("\n")):
        if index:
            _element(run, "w:br")
        _element(run, "w:t", preserve).text = piece


def _fill_xml(paragraph: Any, part: Any, runs: Line, link_style: str) -> None:
    """Add `runs` to a `w:p` element; links become `w:hyperlink` with a relationship, in
    the character style `link_style`."""
    for piece in runs:
        text = clean(piece.text)
        if piece.url and is_safe_link(piece.url):
            target = link_target(clean(piece.url))
            relation = part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
            link = _element(paragraph, "w:hyperlink", {_q("r:id"): relation})
            _run(link, text, bold=piece.bold, italic=piece.italic, style_id=link_style)
        else:
            _run(paragraph, text, bold=piece.bold, italic=piece.italic)


def hyperlink_style(document: Document) -> str:
    """The id of the document's `Hyperlink` character style, added where the template has
    none: links take their look from the style (as Word's own do), so a template can
    restyle them, and a reader such as pandoc sees a link rather than underlined text."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_UNDERLINE
    from docx.shared import RGBColor

    name = LINK_STYLE
    for style in document.styles:
        if style.name == LINK_STYLE and style.type == WD_STYLE_TYPE.CHARACTER:
            return str(style.style_id)
        if style.name == LINK_STYLE:  # a template's paragraph style of that name
            name = f"{LINK_STYLE} Char"
    style = document.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    style.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    style.font.underline = WD_UNDERLINE.SINGLE
    style.priority = 99
    style.unhide_when_used = True
    return str(style.style_id)


class _Writer:
    """Appends to a document's body, with style ids looked up once."""

    def __init__(self, document: Document) -> None:
        self.document = document
        section = document.sections[-1]
        usable = (
            (section.page_width or Mm(210))
            - (section.left_margin or 0)
            - (section.right_margin or 0)
        )
        self.text_width_mm = Length(usable).mm
        self.part = document.part
        self.body = document.element.body
        self.style_ids = {name: document.styles[name].style_id for name in REQUIRED_STYLES}
        self.link_style = hyperlink_style(document)

    def paragraph(
        self,
        runs: Line,
        style: str | None = None,
        *,
        keep: bool = False,
        indent: bool = False,
        numbering: int | None = None,
    ) -> None:
        p = self.body.add_p()  # placed before the section properties, where it belongs
        if (style is not None and style != "Normal") or keep or indent or numbering:
            ppr = _element(p, "w:pPr")
            if style is not None and style != "Normal":
                _element(ppr, "w:pStyle", {_q("w:val"): self.style_ids[style]})
            if keep or (style or "").startswith("Heading"):
                _element(ppr, "w:keepNext")  # a heading, or a name, never ends a page
            if numbering is not None:
                numbers = _element(ppr, "w:numPr")
                _element(numbers, "w:ilvl", {_q("w:val"): "0"})
                _element(numbers, "w:numId", {_q("w:val"): str(numbering)})
            if indent:
                _element(ppr, "w:ind", {_q("w:left"): str(INDENT_TWIPS)})
        _fill_xml(p, self.part, runs, self.link_style)

    def block(self, block: Block) -> None:
        if isinstance(block, Paragraph):
            self.paragraph(block.runs, keep=block.keep_with_next, indent=block.indent)
        elif isinstance(block, Subheading):
            self.paragraph((Run(block.text),), "Heading 2")
        elif isinstance(block, BulletList | NumberedList):
            numbered = isinstance(block, NumberedList)
            style = "List Number" if numbered else "List Bullet"
            room = number_room(len(block.items)) if numbered else None
            numbering = None if room is None else widened_numbering(self.document, style, room)
            last = len(block.items) - 1
            for index, item in enumerate(block.items):
                # The last two items share a page: a list never leaves one item stranded.
                self.paragraph(item, style, keep=index == last - 1, numbering=numbering)
        elif isinstance(block, Picture):
            self.picture(block)
        else:
            self.table(block)

    def picture(self, picture: Picture) -> None:
        """The chart across the text's width, described for screen readers."""
        width = min(self.text_width_mm, picture.width_mm or self.text_width_mm)
        shape = self.document.add_picture(io.BytesIO(picture.png), width=Mm(width))
        shape._inline.docPr.set("descr", clean(picture.description))

    def table(self, table: Table) -> None:
        result = self.document.add_table(rows=1, cols=len(table.header))
        result.style = self.document.styles[TABLE_STYLE]
        result.autofit = False
        header = result.rows[0]
        for cell, title in zip(header.cells, table.header, strict=True):
            cell.paragraphs[0].add_run(clean(title)).bold = True
        columns = [
            [title, *("".join(run.text for run in row[i]) for row in table.rows)]
            for i, title in enumerate(table.header)
        ]
        whole = [
            [run.text for row in table.rows for run in row[i] if run.whole]
            for i in range(len(table.header))
        ]
        fitted = column_widths(columns, self.text_width_mm, whole)
        for grid, cell, width in zip(
            result._tbl.tblGrid.findall(_q("w:gridCol")), header.cells, fitted, strict=True
        ):
            grid.set(_q("w:w"), str(round(Mm(width).twips)))
            cell.width = Mm(width)
        # Repeat the header row on every page the table runs over.
        header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        widths = [cell._tc.tcPr.find(_q("w:tcW")) for cell in header.cells]
        tbl = result._tbl
        for row in table.rows:
            # Row by row, as XML: python-docx's cell(i, j) is quadratic, and even add_row
            # costs a layout computation per row.
            tr = _element(tbl, "w:tr")
            _element(_element(tr, "w:trPr"), "w:cantSplit")  # a row stays on one page
            for width, runs in zip(widths, row, strict=True):
                tc = _element(tr, "w:tc")
                if width is not None:
                    _element(tc, "w:tcPr").append(copy.deepcopy(width))
                _fill_xml(_element(tc, "w:p"), self.part, runs, self.link_style)


def _points(document: Document, style_name: str) -> float:
    """The font size of a paragraph style, from the styles it is based on where it sets
    none (python-docx's Title: 26 pt; a template's own)."""
    style: Any = document.styles[style_name]
    while style is not None:
        if style.font.size is not None:
            return float(style.font.size.pt)
        style = style.base_style
    return DEFAULT_POINTS


def _field(paragraph: DocxParagraph, instruction: str, placeholder: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _header_and_footer(document: Document, briefing: Briefing) -> None:
    """The title and classification at the top, "Page X of Y" at the bottom; a template's own
    header or footer (its letterhead) is kept instead."""
    from dossier.briefing.letterhead import has_text

    section = document.sections[0]
    if not has_text(section.header._element):
        section.header.paragraphs[0].text = clean(briefing.header_text())
    if has_text(section.footer._element):
        return
    footer = section.footer.paragraphs[0]
    footer.text = ""
    # The label's words in the language's order around the two fields: "Page 1 of 4".
    fields = {"{page}": ("PAGE", "1"), "{pages}": ("NUMPAGES", "1")}
    for piece in briefing.page_label:
        if piece in fields:
            _field(footer, *fields[piece])
        elif piece:
            footer.add_run(clean(piece))


def render_docx(
    briefing: Briefing,
    *,
    template: Path | None = None,
    now: dt.datetime | None = None,
) -> bytes:
    """The briefing as the bytes of a .docx file."""
    document = open_template(template, dict(briefing.template_values))
    _set_languages(document, briefing.language)
    if briefing.paper is not None:
        set_paper(document, Paper(briefing.paper))
    # After the paper is set: tables fill the width between the margins.
    writer = _Writer(document)
    title = title_lines(briefing.title, writer.text_width_mm, _points(document, "Title"))
    writer.paragraph((Run(title),), "Title")
    for cover_line in briefing.cover:
        writer.paragraph(cover_line)
    if briefing.classification:
        writer.paragraph((Run(briefing.classification, bold=True),))
    for section in briefing.sections:
        writer.paragraph((Run(section.title),), "Heading 1")
        for block in section.blocks:
            writer.block(block)
    _header_and_footer(document, briefing)
    set_properties(document, briefing, now or dt.datetime.now(dt.UTC).replace(microsecond=0))
    clean_package(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
