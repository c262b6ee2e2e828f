"""`dossier graph`: the relationship around a record, read back in the programs that read it:
the DOT text, Graphviz's SVG `<text>`, networkx for GEXF (spells kept), a grammar for Mermaid."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path

import networkx
import pytest
from hypothesis import HealthCheck, given, settings

from dossier.export.to_gexf import graph_gexf
from dossier.export.to_mermaid import graph_mermaid
from dossier.model.dossier import Dossier
from dossier.model.graph import relationship_graph
from tests.conftest import TODAY, Run
from tests.programs import needs_program
from tests.strategies import dossiers

DOT_NODE = re.compile(r'^  "([^"]+)" \[label=', re.MULTILINE)
DOT_EDGE = re.compile(r'^  "([^"]+)" -- "([^"]+)" \[(?:label="([^"]*)", )?color', re.MULTILINE)

EXPECTED_NODES = {
    "kawasaki",
    "kawasaki-city",
    "munich",
    "biom",
    "stmwi",
    "link-j",
    "norihiko-fukuda",
    "shigeyuki-shiratori",
}


def test_the_depth_two_picture_around_kawasaki(run: Run) -> None:
    result = run("graph", "kawasaki", "--depth", "2")
    assert result.exit_code == 0, result
    nodes = set(DOT_NODE.findall(result.stdout))
    assert nodes >= EXPECTED_NODES
    edges = {(a, b, label) for a, b, label in DOT_EDGE.findall(result.stdout)}
    assert ("norihiko-fukuda", "kawasaki-city", "Mayor") in edges
    assert ("biom", "kawasaki-city", "mou 2017") in edges
    assert ("kawasaki-city", "kawasaki", "manages") in edges
    assert ("biom", "munich", "manages") in edges
    for a, b, _label in edges:
        assert {a, b} <= nodes
    assert '"kawasaki" [label=<King Skyfront<br/>' in result.stdout
    assert "penwidth=3" in result.stdout.split('"kawasaki" [', 1)[1].split("\n")[0]


def test_as_it_stood_before_the_memorandum(run: Run) -> None:
    result = run("graph", "kawasaki", "--depth", "2", "--as-of", "2016-01-01")
    assert result.exit_code == 0, result
    edges = DOT_EDGE.findall(result.stdout)
    assert not [e for e in edges if e[2].startswith("mou")]
    assert ("norihiko-fukuda", "kawasaki-city", "Mayor") in edges  # mayor since 2013


def test_only_the_kinds_asked_for(run: Run) -> None:
    result = run("graph", "kawasaki", "--kinds", "role,member")
    labels = {label.replace("\\n", " ") for _a, _b, label in DOT_EDGE.findall(result.stdout)}
    assert labels == {"Mayor", "Director, International Strategy Promotion Department", "manages"}
    wrong = run("graph", "kawasaki", "--kinds", "roles")
    assert (wrong.exit_code, wrong.stderr) == (
        2,
        "dossier: --kinds: 'roles' is not a kind of edge; did you mean 'role'?\n",
    )


PARTNERED = """\
home: home
clusters:
  - {id: home, name: Home, managed_by: home-office}
  - {id: there, name: There, managed_by: there-office}
organisations:
  - {id: home-office, name: Home office}
  - {id: there-office, name: There office, native_name: 向こう}
  - {id: hidden-office, name: Hidden office, audience: internal}
people:
  - id: known
    name: Known Person
    roles: [{title: Director, organisation: there-office, since: 2019}]
  - id: secret
    name: Secret Person
    roles: [{title: Adviser, organisation: there-office, since: 2019}]
    audience: internal
  - id: quiet
    name: Quiet Person
    roles: [{title: Shadow role, organisation: there-office, audience: internal}]
agreements:
  - {id: deal, title: Deal, parties: [home-office, there-office, hidden-office], status: active}
events:
  - {id: signing, kind: signing, title: Signing, date: 2020-05-01, agreement: deal,
     parties: [home-office, there-office]}
"""


def test_partners_see_no_internal_node_or_label(run: Run, write: Callable[..., Path]) -> None:
    data = write(PARTNERED)
    internal = run("graph", "there", "--depth", "2", data=data).stdout
    partner = run("graph", "there", "--depth", "2", "--audience", "partner", data=data).stdout
    for text in ("secret", "Shadow role", "hidden-office", "Hidden office"):
        assert text in internal
        assert text not in partner
    assert '"known" -- "there-office" [label="Director"' in partner


def test_gexf_reads_back_in_networkx_with_its_spells(run: Run, tmp_path: Path) -> None:
    result = run("graph", "kawasaki", "--depth", "2", "-o", "kawasaki.gexf")
    assert result.exit_code == 0, result
    graph = networkx.read_gexf(tmp_path / "kawasaki.gexf", version="1.3")
    assert set(graph.nodes) >= EXPECTED_NODES
    assert graph.nodes["kawasaki-city"]["native"] == "川崎市"
    mou = [
        data
        for _a, _b, data in graph.edges(data=True)
        if data.get("records") == "biom-kawasaki-mou-2017"
    ]
    assert mou and mou[0]["spells"][0][0] == "2017-11-10"
    # A multigraph: the City and BioM share an agreement and their meetings.
    fukuda = list(graph.get_edge_data("norihiko-fukuda", "kawasaki-city").values())
    assert [(e["kind"], e["spells"][0][0]) for e in fukuda] == [("role", "2013-11-19")]
    kinds = {e["kind"] for e in graph.get_edge_data("biom", "kawasaki-city").values()}
    assert kinds == {"agreement", "event"}


MERMAID_LINE = re.compile(
    r"^(graph LR"
    r'|  n\d+(\{\{"[^"]*"\}\}|\["[^"]*"\]|\(\["[^"]*"\]\))(:::centre)?'
    r'|  n\d+ ---(\|"[^"]*"\|)? n\d+'
    r"|  classDef centre [a-z:;,#0-9-]+"
    r"|  linkStyle \d+ stroke:#[0-9a-f]{6})$"
)


def _check_mermaid(text: str) -> None:
    lines = text.splitlines()
    assert lines[0] == "graph LR"
    for one in lines:
        assert MERMAID_LINE.match(one), one
        assert "<" not in one.replace("<br/>", "")


def test_mermaid_follows_its_grammar(run: Run) -> None:
    _check_mermaid(run("graph", "kawasaki", "--depth", "2", "--format", "mermaid").stdout)


@needs_program("dot", "graphviz")
@pytest.mark.parametrize(("lang", "name"), [("en", "City of Kawasaki"), ("ja", "川崎市")])
def test_the_svg_names_every_node_in_the_readers_language(
    run: Run, tmp_path: Path, lang: str, name: str
) -> None:
    result = run("graph", "kawasaki", "--depth", "2", "--lang", lang, "-o", "k.svg")
    assert result.exit_code == 0, result
    root = ElementTree.parse(tmp_path / "k.svg").getroot()
    texts = {t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert name in texts
    assert "川崎市" in texts  # the native name, in English too
    assert ("福田紀彦" if lang == "ja" else "Norihiko Fukuda") in texts


def test_without_dot_a_picture_says_what_to_install(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    result = run("graph", "kawasaki", "--format", "svg")
    assert result.exit_code == 2
    assert result.stderr.startswith("dossier: pictures of the graph need Graphviz's dot program")
    assert run("graph", "kawasaki", "--format", "mermaid").exit_code == 0


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(dossiers())
def test_any_graph_reads_back_the_same_in_networkx(tmp_path: Path, dossier: Dossier) -> None:
    for centre in [record.id for record in (*dossier.clusters, *dossier.organisations)][:2]:
        graph = relationship_graph(dossier, centre, depth=2, as_of=TODAY)
        ids = {node.id for node in graph.nodes}
        assert centre in ids
        assert all({e.source, e.target} <= ids for e in graph.edges)
        path = tmp_path / "g.gexf"
        path.write_text(graph_gexf(graph, "test"), encoding="utf-8")
        read = networkx.read_gexf(path, version="1.3")
        assert set(read.nodes) == ids
        assert {frozenset(pair) for pair in read.edges()} == {
            frozenset((e.source, e.target)) for e in graph.edges
        }
        assert {read.nodes[n.id]["label"] for n in graph.nodes} == {n.label for n in graph.nodes}
        _check_mermaid(graph_mermaid(graph))


def test_as_of_takes_a_partial_date_as_its_last_day(run: Run) -> None:
    before = run("graph", "kawasaki", "--as-of", "2017-10").stdout
    after = run("graph", "kawasaki", "--as-of", "2017").stdout
    assert "mou 2017" not in before and "mou 2017" in after
    assert dt.date(2017, 12, 31) > dt.date(2017, 11, 10)
