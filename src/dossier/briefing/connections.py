"""The counterpart's connections as a picture for a briefing: the relationship graph a step
out from its side, as it stands on the day of the briefing, drawn by Graphviz to fit the
page, and described in words for readers who cannot see it."""

from __future__ import annotations

import datetime as dt

from dossier.briefing.document import Picture
from dossier.briefing.graph_picture import graph_dot, render_dot
from dossier.i18n import Translator
from dossier.model.dossier import Dossier
from dossier.model.graph import relationship_graph

DOTS_PER_INCH = 200


def png_width_mm(png: bytes) -> float:
    """The width of a PNG at `DOTS_PER_INCH`, from its header (bytes 16–20 hold the width)."""
    return int.from_bytes(png[16:20], "big") / DOTS_PER_INCH * 25.4


def connections_picture(
    dossier: Dossier, centre: str, t: Translator, today: dt.date, file_name: str
) -> Picture | None:
    """The picture of `centre`'s connections; None when it has none to draw."""
    graph = relationship_graph(dossier, centre, depth=1, as_of=today, lang=t.lang, translate=t)
    if not graph.edges:
        return None
    dot = graph_dot(graph, t, fit_page=True).replace("graph [", f"graph [dpi={DOTS_PER_INCH}, ", 1)
    png, svg = render_dot(dot, "png"), render_dot(graph_dot(graph, t, fit_page=True), "svg")
    names = {node.id: node.label for node in graph.nodes}
    described = "; ".join(
        f"{names[e.source]} – {names[e.target]}" + (f": {e.label}" if e.label else "")
        for e in graph.edges
    )
    title = t("Connections of {name}", name=dossier.label(centre, t.lang))
    return Picture(png, svg, f"{title}. {described}", file_name, png_width_mm(png))
