"""A template gives its styles, page setup and letterhead, and nothing that runs or fetches:
macros, attached templates, outside parts and active fields stay out of every briefing."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml

from dossier.files import ZipBounds
from tests.conftest import Run

VBA_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
ATTACHED = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _template(tmp_path: Path) -> Path:
    """A template with a letterhead in which a DDEAUTO and an INCLUDETEXT field hide."""
    document = docx.Document()
    # The first paragraph of a header carries the briefing's own line; the letterhead the
    # template brings stands below it.
    header = document.sections[0].header.add_paragraph("Ministry letterhead")
    header._p.append(
        parse_xml(
            f'<w:fldSimple xmlns:w="{W}" w:instr=\'DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/c calc"\'>'
            "<w:r><w:t>dde result</w:t></w:r></w:fldSimple>"
        )
    )
    for xml in (
        '<w:r xmlns:w="{W}"><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r xmlns:w="{W}"><w:instrText> INCLUDETEXT "\\\\\\\\evil\\\\share\\\\x.docx" </w:instrText></w:r>',
        '<w:r xmlns:w="{W}"><w:fldChar w:fldCharType="separate"/></w:r>',
        '<w:r xmlns:w="{W}"><w:t>included result</w:t></w:r>',
        '<w:r xmlns:w="{W}"><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        header._p.append(parse_xml(xml.format(W=W)))
    plain = tmp_path / "plain.docx"
    document.save(str(plain))
    # Macros and an attached template, added as Word would store them.
    hostile = tmp_path / "house.docx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(hostile, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    f'<Relationship Id="rIdVba" Type="{VBA_REL}" Target="vbaProject.bin"/>'
                    "</Relationships>".encode(),
                )
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
                )
            target.writestr(item, data)
        target.writestr("word/vbaProject.bin", b"MACRO" * 100)
        target.writestr(
            "word/_rels/settings.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rIdT" Type="{ATTACHED}" Target="file:///C:/evil/Normal.dotm" '
            'TargetMode="External"/></Relationships>',
        )
    return hostile


def _briefing_parts(run: Run, template: Path, tmp_path: Path) -> dict[str, bytes]:
    result = run("brief", "kawasaki", "--template", str(template), "-o", "out.docx")
    assert result.exit_code == 0, result
    with zipfile.ZipFile(tmp_path / "out.docx") as written:
        return {name: written.read(name) for name in written.namelist()}


def test_macros_attached_templates_and_active_fields_stay_out(run: Run, tmp_path: Path) -> None:
    parts = _briefing_parts(run, _template(tmp_path), tmp_path)
    assert not [name for name in parts if "vba" in name.lower()]
    everything = b"\n".join(parts.values())
    assert b"vbaProject" not in everything
    assert b"attachedTemplate" not in everything
    assert b"file:///" not in everything
    for relationship in re.findall(rb"<Relationship [^>]*>", everything):
        if b'TargetMode="External"' in relationship:  # only web and mail links leave the file
            assert relationship.count(b"/hyperlink") == 1, relationship
            assert re.search(rb'Target="(https?://|mailto:)', relationship), relationship
    headers = b"".join(v for k, v in parts.items() if k.startswith("word/header"))
    assert b"DDEAUTO" not in headers and b"INCLUDETEXT" not in headers
    assert b"Ministry letterhead" in headers  # the letterhead itself stays
    assert b"dde result" in headers and b"included result" in headers  # as plain text


def test_a_template_that_unpacks_too_large_is_refused_at_once(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "dossier.briefing.template.TEMPLATE_BOUNDS", ZipBounds(total_bytes=1024 * 1024)
    )
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (2 * 1024 * 1024))
    assert bomb.stat().st_size < 64 * 1024
    result = run("brief", "kawasaki", "--template", "bomb.docx", "-o", "out.docx")
    assert (result.exit_code, result.stderr) == (
        2,
        "dossier: bomb.docx: the template unpacks to more than 1 MiB\n",
    )
    assert not (tmp_path / "out.docx").exists()


def test_a_style_of_the_wrong_type_is_refused(run: Run, tmp_path: Path) -> None:
    document = docx.Document()
    document.styles["Title"].delete()
    document.styles.add_style("Title", WD_STYLE_TYPE.CHARACTER)
    document.save(str(tmp_path / "odd.docx"))
    result = run("brief", "kawasaki", "--template", "odd.docx", "-o", "out.docx")
    assert (result.exit_code, result.stderr) == (
        2,
        "dossier: odd.docx: the style 'Title' must be a paragraph style; change its type in"
        " Word, or use another template\n",
    )


def test_a_file_that_is_not_a_zip_is_refused(run: Run, tmp_path: Path) -> None:
    (tmp_path / "text.docx").write_text("not a document")
    result = run("brief", "kawasaki", "--template", "text.docx", "-o", "out.docx")
    assert (result.exit_code, result.stderr) == (
        2,
        "dossier: text.docx: not a Word document (not a zip file)\n",
    )


def test_the_hostile_template_still_opens_as_a_document(run: Run, tmp_path: Path) -> None:
    parts = _briefing_parts(run, _template(tmp_path), tmp_path)
    reopened = docx.Document(io.BytesIO(_zip(parts)))
    style = reopened.paragraphs[0].style
    assert style is not None and style.name == "Title"


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()
