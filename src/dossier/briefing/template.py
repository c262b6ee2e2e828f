"""A `--template` taken for its styles, page setup and letterhead only.

A Word file can carry more than looks: macros (`vbaProject.bin`), an attached template or
other parts Word fetches from elsewhere when the document is opened, and fields that run
(DDEAUTO, INCLUDETEXT). None of it may pass into a briefing made from the template: such
parts and relationships are dropped, such fields become their plain result. Before anything
is read, the file's zip members are bounded in number and in size, so a small file that
inflates to gigabytes is refused at once.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn

from dossier.briefing.document import is_safe_link
from dossier.errors import UsageError, os_reason
from dossier.files import InputRefused, ZipBounds, read_bounded
from dossier.files import check_zip as check_zip_bounds

MAX_FILE_BYTES = 32 * 1024 * 1024
TEMPLATE_BOUNDS = ZipBounds()
"""Bounds on a template: a letterhead with its images is a few megabytes."""

_ACTIVE_PARTS = (
    "/vbaProject",  # macros
    "/vbaData",
    "/attachedTemplate",  # a template Word fetches when the document opens
    "/oleObject",
    "/control",  # ActiveX
    "/keyMapCustomizations",
    "/ui/extensibility",  # a ribbon of the template's own
    "/ui/2006/relationships/ui/userCustomization",
)
_ACTIVE_FIELD = re.compile(
    r"^\s*(DDE|DDEAUTO|INCLUDETEXT|INCLUDEPICTURE|INCLUDE|IMPORT|LINK|MACROBUTTON|AUTOTEXT|"
    r"AUTOTEXTLIST|DATABASE|FILLIN|ASK|HYPERLINK|SET|GOTOBUTTON|PRINT)\b",
    re.IGNORECASE,
)
_SETTINGS_TO_DROP = ("w:attachedTemplate", "w:mailMerge", "w:docVars")


def check_zip(template: Path) -> bytes:
    """The template's bytes, once its size and its members are within bounds."""
    try:
        data = read_bounded(template, MAX_FILE_BYTES)
        check_zip_bounds(data, TEMPLATE_BOUNDS)
    except OSError as error:
        raise UsageError(f"{template}: {os_reason(error)}") from None
    except InputRefused as refused:
        raise UsageError(f"{template}: the template {refused}") from None
    except zipfile.BadZipFile:
        raise UsageError(f"{template}: not a Word document (not a zip file)") from None
    return data


def open_template(template: Path, required: tuple[str, ...], table_style: str) -> Document:
    """The template as a document without active content, with every style it must have."""
    data = check_zip(template)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many types for a file that is not .docx
        raise UsageError(f"{template}: not a Word document ({type(error).__name__})") from None
    _check_styles(template, document, required, table_style)
    _drop_active_parts(document)
    for part in _letterhead_parts(document):
        _plain_fields(part)
    return document


def _check_styles(
    template: Path, document: Document, required: tuple[str, ...], table_style: str
) -> None:
    styles = {style.name: style for style in document.styles}
    missing = [name for name in required if name not in styles]
    if missing:
        raise UsageError(
            f"{template}: the template has no style {', '.join(repr(m) for m in missing)}; "
            "add it (in Word: Styles pane → Manage Styles), or use another template"
        )
    for name in required:
        wanted = WD_STYLE_TYPE.TABLE if name == table_style else WD_STYLE_TYPE.PARAGRAPH
        if styles[name].type != wanted:
            kind = "table" if wanted == WD_STYLE_TYPE.TABLE else "paragraph"
            raise UsageError(
                f"{template}: the style {name!r} must be a {kind} style; "
                "change its type in Word, or use another template"
            )


def _drop_active_parts(document: Document) -> None:
    """Macros, attached templates, embedded objects and every outside relationship but a
    web or mail link: dropped, so the parts they lead to are not saved either."""
    for part in document.part.package.iter_parts():
        for rId, rel in list(part.rels.items()):
            outside_link = rel.is_external and rel.reltype == RELATIONSHIP_TYPE.HYPERLINK
            if rel.reltype.endswith(_ACTIVE_PARTS) or (
                rel.is_external and not (outside_link and is_safe_link(rel.target_ref))
            ):
                del part.rels[rId]
    settings = document.settings.element
    for tag in _SETTINGS_TO_DROP:
        for element in settings.findall(qn(tag)):
            settings.remove(element)


def _letterhead_parts(document: Document) -> list[Any]:
    elements = []
    for section in document.sections:
        for header in (section.header, section.first_page_header, section.even_page_header):
            if not header.is_linked_to_previous:
                elements.append(header._element)
        for footer in (section.footer, section.first_page_footer, section.even_page_footer):
            if not footer.is_linked_to_previous:
                elements.append(footer._element)
    return elements


def _plain_fields(element: Any) -> None:
    """Fields that fetch, run or ask for something become the text they last showed."""
    for simple in element.iter(qn("w:fldSimple")):
        if _ACTIVE_FIELD.match(simple.get(qn("w:instr"), "")):
            parent = simple.getparent()
            position = parent.index(simple)
            for child in list(simple):
                parent.insert(position, child)
                position += 1
            parent.remove(simple)
    for paragraph in element.iter(qn("w:p")):
        _plain_complex_fields(paragraph)


def _plain_complex_fields(paragraph: Any) -> None:
    """`begin … instruction … separate … result … end` runs: for an active instruction, all
    but the result runs go."""
    runs = list(paragraph.iter(qn("w:r")))
    field: list[Any] = []
    instruction = ""
    for run in runs:
        char = run.find(qn("w:fldChar"))
        kind = char.get(qn("w:fldCharType")) if char is not None else None
        if kind == "begin":
            field, instruction = [run], ""
        elif field:
            text = run.find(qn("w:instrText"))
            if text is not None:
                instruction += text.text or ""
                field.append(run)
            elif kind in ("separate", "end"):
                field.append(run)
                if kind == "end":
                    if _ACTIVE_FIELD.match(instruction):
                        for piece in field:
                            piece.getparent().remove(piece)
                    field = []
