"""The relationship graph as a picture: DOT for Graphviz, drawn by its `dot` program as SVG,
PNG or PDF (through the `graphviz` package, which runs `dot`).

Colours tell the kinds of edge apart and a legend names them; the centre is drawn bold and
filled. Labels are in the reader's language; Graphviz finds a font for Japanese through
fontconfig (PNG, PDF), and an SVG leaves the font to the program that shows it.
"""

from __future__ import annotations

import textwrap
from html import escape

from dossier.errors import UsageError
from dossier.i18n import Translator
from dossier.model.graph import EdgeKind, Graph, Node

EDGE_COLOURS = {
    EdgeKind.ROLE: "#1f4e79",
    EdgeKind.AGREEMENT: "#c00000",
    EdgeKind.EVENT: "#548235",
    EdgeKind.MEMBER: "#7f7f7f",
}
EDGE_NAMES = {
    EdgeKind.ROLE: "Roles",
    EdgeKind.AGREEMENT: "Agreements",
    EdgeKind.EVENT: "Met",
    EdgeKind.MEMBER: "Manages or belongs to",
}
SHAPES = {"cluster": "doubleoctagon", "organisation": "box", "person": "ellipse"}
FONT = "sans-serif"
PAGE_WIDTH_INCHES = 6.3
"""A4's width between margins: a picture for a briefing is drawn to fit it."""

NO_DOT = (
    "pictures of the graph need Graphviz's dot program: apt-get install graphviz "
    "(macOS: brew install graphviz); --format dot, mermaid and gexf need nothing"
)


WRAP = 26
"""Characters of a label's line: long names fold at spaces, so the picture stays narrow."""


def _quote(text: str, *, fold: bool = False) -> str:
    """A DOT string: quoted, with quotes and backslashes escaped; `fold` breaks it into lines
    at spaces (DOT's `\\n`)."""
    lines = textwrap.wrap(" ".join(text.split()), WRAP) if fold else [" ".join(text.split())]
    escaped = (line.replace("\\", "\\\\").replace('"', '\\"') for line in lines)
    return '"' + "\\n".join(escaped) + '"'


def _html_lines(text: str) -> str:
    return "<br/>".join(escape(line) for line in textwrap.wrap(" ".join(text.split()), WRAP))


def _node_label(node: Node) -> str:
    name = _html_lines(node.label)
    if node.native:
        return f"<{name}<br/><font point-size='9'>{_html_lines(node.native)}</font>>"
    return f"<{name}>"


def _legend(graph: Graph, t: Translator) -> str:
    kinds = [kind for kind in EdgeKind if any(e.kind is kind for e in graph.edges)]
    rows = "".join(
        f"<tr><td><font color='{EDGE_COLOURS[k]}'>━━━</font></td>"
        f"<td align='left'>{escape(t(EDGE_NAMES[k]))}</td></tr>"
        for k in kinds
    )
    return f"<<table border='0' cellborder='0' cellspacing='2'>{rows}</table>>"


def graph_dot(
    graph: Graph, t: Translator, *, fit_page: bool = False, dpi: int | None = None
) -> str:
    """DOT text of the graph: nodes by kind, edges coloured by kind, a legend, the centre
    emphasised; `fit_page` sizes it to A4's text width, `dpi` sets a PNG's resolution."""
    size = f'  size="{PAGE_WIDTH_INCHES},8";\n' if fit_page else ""
    resolution = f"dpi={dpi}, " if dpi else ""
    lines = [
        "graph relationship {",
        f'  graph [{resolution}layout=dot, rankdir=LR, fontname="{FONT}", overlap=false,'
        " splines=true];",
        size.rstrip("\n") if size else "",
        f'  node [fontname="{FONT}", fontsize=11, style=rounded];',
        f'  edge [fontname="{FONT}", fontsize=9];',
    ]
    for node in graph.nodes:
        attributes = [f"label={_node_label(node)}", f"shape={SHAPES.get(node.kind, 'box')}"]
        if node.id == graph.centre:
            attributes += ["penwidth=3", 'style="rounded,filled"', 'fillcolor="#fff2cc"']
        lines.append(f"  {_quote(node.id)} [{', '.join(attributes)}];")
    for edge in graph.edges:
        colour = EDGE_COLOURS[edge.kind]
        label = f"label={_quote(edge.label, fold=True)}, " if edge.label else ""
        lines.append(
            f"  {_quote(edge.source)} -- {_quote(edge.target)} "
            f'[{label}color="{colour}", fontcolor="{colour}", penwidth=1.6];'
        )
    if graph.edges:
        lines.append(f"  legend [shape=plaintext, label={_legend(graph, t)}];")
    lines.append("}")
    return "\n".join(line for line in lines if line) + "\n"


def render_dot(dot: str, fmt: str) -> bytes:
    """The DOT text drawn by Graphviz as `svg`, `png` or `pdf`; UsageError without `dot`."""
    import graphviz

    try:
        data: bytes = graphviz.pipe("dot", fmt, dot.encode("utf-8"), quiet=True)
    except graphviz.ExecutableNotFound:
        raise UsageError(NO_DOT) from None
    except graphviz.CalledProcessError as error:
        stderr = (error.stderr or b"").decode("utf-8", "replace").strip()
        raise UsageError(f"Graphviz could not draw the graph: {stderr[:300]}") from None
    return data


def has_dot() -> bool:
    import shutil

    return shutil.which("dot") is not None
