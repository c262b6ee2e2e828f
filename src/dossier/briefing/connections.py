"""The counterpart's connections as a picture for a briefing: the relationship graph a step
out from its side, as it stands on the day of the briefing, drawn by Graphviz to fit the
page, and described in words for readers who cannot see it."""

from __future__ import annotations

import datetime as dt

from dossier.briefing.document import Picture
from dossier.briefing.graph_picture import graph_dot, render_dot
from dossier.i18n import Translator
from dossier.model.dossier import Dossier
from dossier.model.graph import relationship_graph, trimmed

DOTS_PER_INCH = 200
MOST_NODES = 24
"""A page holds about this many names legibly; the best connected are kept."""


def png_width_mm(png: bytes) -> float:
    """The width of a PNG at `DOTS_PER_INCH`, from its header (bytes 16–20 hold the width)."""
    return int.from_bytes(png[16:20], "big") / DOTS_PER_INCH * 25.4


def connections_picture(
    dossier: Dossier, centre: str, t: Translator, today: dt.date, file_name: str
) -> Picture | None:
    """The picture of `centre`'s connections; None when it has none to draw. Drawn once, as
    the document needs it: an SVG file for Markdown (`file_name` ends in .svg), else a PNG."""
    whole = relationship_graph(dossier, centre, depth=1, as_of=today, lang=t.lang, translate=t)
    graph, left_out = trimmed(whole, MOST_NODES, dossier.side(centre))
    if not graph.edges:
        return None
    vector = file_name.endswith(".svg")
    png = (
        b"" if vector else render_dot(graph_dot(graph, t, fit_page=True, dpi=DOTS_PER_INCH), "png")
    )
    svg = render_dot(graph_dot(graph, t, fit_page=True), "svg") if vector else b""
    names = {node.id: node.label for node in graph.nodes}
    described = "; ".join(
        f"{names[e.source]} – {names[e.target]}" + (f": {e.label}" if e.label else "")
        for e in graph.edges
    )
    title = t("Connections of {name}", name=dossier.label(centre, t.lang))
    more = " " + t("({count} more, with fewer connections, left out)", count=left_out)
    described += more if left_out else ""
    width = None if vector else png_width_mm(png)
    return Picture(png, svg, f"{title}. {described}", file_name, width)
