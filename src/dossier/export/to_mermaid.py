"""The relationship graph as Mermaid text, for Markdown: GitHub draws a ```mermaid block.

Labels are quoted, and the characters Mermaid reads inside them (quotes, angle brackets,
ampersands, hashes) are written as its entity codes, so a name can never end a label or
open markup.
"""

from __future__ import annotations

from dossier.model.graph import EdgeKind, Graph, Node

SHAPES = {"cluster": ("{{", "}}"), "organisation": ("[", "]"), "person": ("([", "])")}
COLOURS = {
    EdgeKind.ROLE: "#1f4e79",
    EdgeKind.AGREEMENT: "#c00000",
    EdgeKind.EVENT: "#548235",
    EdgeKind.MEMBER: "#7f7f7f",
}
_ENTITIES = {'"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "#": "#35;"}


def label(text: str) -> str:
    """A quoted Mermaid label showing `text` as written, on one line."""
    one_line = " ".join(text.split())
    return '"' + "".join(_ENTITIES.get(c, c) for c in one_line) + '"'


def _node_text(node: Node) -> str:
    text = label(node.label)
    return f"{text[:-1]}<br/>{label(node.native)[1:]}" if node.native else text


def graph_mermaid(graph: Graph) -> str:
    names = {node.id: f"n{index}" for index, node in enumerate(graph.nodes)}
    lines = ["graph LR"]
    for node in graph.nodes:
        opening, closing = SHAPES.get(node.kind, ("[", "]"))
        centre = ":::centre" if node.id == graph.centre else ""
        lines.append(f"  {names[node.id]}{opening}{_node_text(node)}{closing}{centre}")
    for edge in graph.edges:
        text = f"|{label(edge.label)}|" if edge.label else ""
        lines.append(f"  {names[edge.source]} ---{text} {names[edge.target]}")
    lines.append("  classDef centre stroke-width:3px,fill:#fff2cc")
    for index, edge in enumerate(graph.edges):
        lines.append(f"  linkStyle {index} stroke:{COLOURS[edge.kind]}")
    return "\n".join(lines) + "\n"
