"""The counterpart's connections in a briefing: after "Who's who", sized to the page,
described for screen readers, for internal and partner readers only."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from tests.conftest import Run
from tests.export.test_graph import PARTNERED
from tests.programs import needs_program

VISIT = "munich-delegation-kawasaki-2027"


def _headings(path: Path) -> list[str]:
    document = docx.Document(str(path))
    return [p.text for p in document.paragraphs if p.style and p.style.name == "Heading 1"]


@needs_program("dot", "graphviz")
def test_the_picture_follows_whos_who_and_fits_the_page(run: Run, tmp_path: Path) -> None:
    assert run("brief", VISIT, "-o", "v.docx").exit_code == 0
    headings = _headings(tmp_path / "v.docx")
    assert headings[headings.index("Who's who") + 1] == "Connections"
    document = docx.Document(str(tmp_path / "v.docx"))
    (picture,) = document.inline_shapes
    section = document.sections[0]
    assert section.page_width is not None and section.left_margin is not None
    text_width = section.page_width - section.left_margin - (section.right_margin or 0)
    assert picture.width <= text_width
    description = picture._inline.docPr.get("descr")
    assert description.startswith("Connections of King Skyfront. ")
    assert "Norihiko Fukuda – City of Kawasaki: Mayor" in description
    german = run("brief", VISIT, "--lang", "de", "-o", "de.docx")
    assert german.exit_code == 0
    assert "Verbindungen" in _headings(tmp_path / "de.docx")


@needs_program("dot", "graphviz")
def test_partners_picture_holds_only_what_they_may_read(
    run: Run, write: Callable[..., Path], tmp_path: Path
) -> None:
    data = write(PARTNERED)
    assert run("brief", "there", "--audience", "partner", "-o", "p.docx", data=data).exit_code == 0
    (picture,) = docx.Document(str(tmp_path / "p.docx")).inline_shapes
    description = picture._inline.docPr.get("descr")
    assert "Known Person – There office: Director" in description
    for hidden in ("Secret", "Shadow role", "Hidden office"):
        assert hidden not in description


def test_the_public_gets_no_picture(run: Run, tmp_path: Path) -> None:
    assert run("brief", VISIT, "--audience", "public", "-o", "pub.docx").exit_code == 0
    assert "Connections" not in _headings(tmp_path / "pub.docx")
    refused = run("brief", VISIT, "--audience", "public", "--graph", "-o", "x.docx")
    assert (refused.exit_code, refused.stderr) == (
        2,
        "dossier: --graph: a briefing for the public has no picture of connections\n",
    )


@needs_program("dot", "graphviz")
def test_markdown_links_the_picture_beside_it(run: Run, tmp_path: Path) -> None:
    result = run("brief", VISIT, "--format", "md", "-o", "visit.md")
    assert result.stderr.splitlines()[-1] == "dossier: wrote visit-graph.svg"
    assert "](visit-graph.svg)\n" in (tmp_path / "visit.md").read_text("utf-8")
    assert "<svg" in (tmp_path / "visit-graph.svg").read_text("utf-8")
    piped = run("brief", VISIT, "--format", "md", "-o", "-")
    assert "graph.svg" not in piped.stdout  # no folder to put it beside


def test_without_dot_the_picture_is_left_out_unless_asked_for(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    assert shutil.which("dot") is None
    assert run("brief", VISIT, "-o", "v.docx").exit_code == 0
    assert "Connections" not in _headings(tmp_path / "v.docx")
    asked = run("brief", VISIT, "--graph", "-o", "w.docx")
    assert asked.exit_code == 2
    assert "pictures of the graph need Graphviz's dot program" in asked.stderr
    assert not (tmp_path / "w.docx").exists()
    assert run("brief", VISIT, "--no-graph", "-o", "n.docx").exit_code == 0


def test_a_crowded_picture_keeps_the_best_connected_and_says_how_many_are_left_out() -> None:
    import datetime as dt

    from dossier.briefing.connections import MOST_NODES
    from dossier.datafile.validation import validate
    from dossier.model.dossier import Dossier
    from dossier.model.graph import relationship_graph, trimmed
    from dossier.model.records import Cluster, Organisation, Person

    people = [
        validate(
            Person,
            {
                "id": f"p{i}",
                "name": f"P {i}",
                "roles": [{"title": "Staff", "organisation": "office" if i % 3 else "other"}],
            },
        )
        for i in range(60)
    ]
    records: list[Cluster | Organisation | Person] = [
        validate(Cluster, {"id": "hub", "name": "Hub", "managed_by": "office"}),
        validate(Organisation, {"id": "office", "name": "Office"}),
        validate(Organisation, {"id": "other", "name": "Other"}),
        *people,
    ]
    graph = relationship_graph(Dossier.build(records), "hub", depth=2, as_of=dt.date(2026, 1, 1))
    kept, left_out = trimmed(graph, MOST_NODES, {"office"})
    assert len(kept.nodes) == MOST_NODES and left_out == len(graph.nodes) - MOST_NODES
    assert {"hub", "office"} <= {node.id for node in kept.nodes}
    ids = {node.id for node in kept.nodes}
    assert all({edge.source, edge.target} <= ids for edge in kept.edges)
