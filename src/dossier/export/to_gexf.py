"""The relationship graph as GEXF 1.3, for Gephi: nodes and edges with their kinds, and time
spells (a role's years, an agreement's term, the first and last meeting), so that Gephi can
play the network over time.

Written with the standard library's XML writer: the format is a few elements, and a graph
library would be a dependency for one file.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from dossier.model.graph import Edge, Graph

NAMESPACE = "http://gexf.net/1.3"


def _attributes(parent: ElementTree.Element, kind: str, names: tuple[str, ...]) -> None:
    declared = ElementTree.SubElement(parent, "attributes", {"class": kind, "mode": "static"})
    for name in names:
        ElementTree.SubElement(declared, "attribute", {"id": name, "title": name, "type": "string"})


def _values(parent: ElementTree.Element, values: dict[str, str | None]) -> None:
    given = {k: v for k, v in values.items() if v}
    if given:
        holder = ElementTree.SubElement(parent, "attvalues")
        for name, value in given.items():
            ElementTree.SubElement(holder, "attvalue", {"for": name, "value": value})


def _spell(parent: ElementTree.Element, edge: Edge) -> None:
    if edge.start is None and edge.end is None:
        return  # always there
    times = {}
    if edge.start is not None:
        times["start"] = edge.start.isoformat()
    if edge.end is not None:
        times["end"] = edge.end.isoformat()
    ElementTree.SubElement(ElementTree.SubElement(parent, "spells"), "spell", times)


def graph_gexf(graph: Graph, description: str) -> str:
    root = ElementTree.Element("gexf", {"xmlns": NAMESPACE, "version": "1.3"})
    meta = ElementTree.SubElement(root, "meta")
    ElementTree.SubElement(meta, "creator").text = "dossier"
    ElementTree.SubElement(meta, "description").text = description
    body = ElementTree.SubElement(
        root, "graph", {"mode": "dynamic", "defaultedgetype": "undirected", "timeformat": "date"}
    )
    _attributes(body, "node", ("kind", "native"))
    _attributes(body, "edge", ("kind", "records"))
    nodes = ElementTree.SubElement(body, "nodes")
    for node in graph.nodes:
        element = ElementTree.SubElement(nodes, "node", {"id": node.id, "label": node.label})
        _values(element, {"kind": node.kind, "native": node.native})
    edges = ElementTree.SubElement(body, "edges")
    for index, edge in enumerate(graph.edges):
        element = ElementTree.SubElement(
            edges,
            "edge",
            {"id": str(index), "source": edge.source, "target": edge.target, "label": edge.label},
        )
        _values(element, {"kind": edge.kind.value, "records": " ".join(edge.records)})
        _spell(element, edge)
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, "unicode") + "\n"
