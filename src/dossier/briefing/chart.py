"""A bar chart of figures over the years, as PNG (for Word) and SVG (beside Markdown), drawn
with matplotlib, which is an optional extra (`pip install 'dossier[charts]'`).

Labels in Japanese need a font that has kana and kanji: the first one installed of the fonts
named in `CJK_FONTS` is used after matplotlib's own; without one, the chart is left out and
the report says so. The same figures always give the same bytes.
"""

from __future__ import annotations

import io
import subprocess
from collections.abc import Sequence
from typing import Any, NamedTuple

from dossier.briefing.fonts import CJK
from dossier.errors import UsageError

CJK_FONTS = (*CJK, "Hiragino Sans", "Yu Gothic", "MS Gothic")
"""Fonts with Japanese glyphs, in order of preference: those a PDF may be set in
(`dossier.briefing.fonts`), then macOS's and Windows's."""

COLOURS = ("#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0")


class Series(NamedTuple):
    label: str
    values: tuple[int, ...]


class Chart(NamedTuple):
    png: bytes
    svg: bytes


def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise UsageError(
            "a chart needs matplotlib: pip install 'dossier[charts]' (or --no-chart)"
        ) from None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _cjk_font(plt: Any) -> str | None:
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in installed:
            return name
    try:  # a font fontconfig knows that matplotlib's cache does not yet
        found = subprocess.run(
            ["fc-match", "--format=%{file}", "sans-serif:lang=ja"],
            capture_output=True,
            timeout=10,
            check=False,
        ).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        return None
    if not found.endswith((".ttf", ".otf", ".ttc")):
        return None
    font_manager.fontManager.addfont(found)
    return str(font_manager.FontProperties(fname=found).get_name())


def bar_chart(years: Sequence[int], series: Sequence[Series]) -> Chart:
    """Bars of each series for each year, with a legend; raises UsageError without
    matplotlib."""
    plt = _pyplot()
    cjk = _cjk_font(plt)
    families = ["DejaVu Sans", *([cjk] if cjk else [])]
    settings = {"font.family": families, "svg.fonttype": "path", "svg.hashsalt": "dossier"}
    with plt.rc_context(settings):
        figure, axes = plt.subplots(figsize=(7.0, 3.4), dpi=150)
        width = 0.8 / max(len(series), 1)
        for index, one in enumerate(series):
            offsets = [year + (index - (len(series) - 1) / 2) * width for year in years]
            axes.bar(offsets, one.values, width, label=one.label, color=COLOURS[index % 5])
        axes.set_xticks(list(years), [str(year) for year in years])
        axes.yaxis.get_major_locator().set_params(integer=True)
        axes.spines[["top", "right"]].set_visible(False)
        # Below the axes, never over a bar.
        axes.legend(
            frameon=False, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2
        )
        figure.tight_layout()
        png, svg = io.BytesIO(), io.BytesIO()
        figure.savefig(png, format="png", metadata={"Software": None})
        figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        plt.close(figure)
    return Chart(png.getvalue(), svg.getvalue())
