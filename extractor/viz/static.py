"""A static picture of a knowledge graph (PNG or SVG) drawn with matplotlib.

Nodes are placed by networkx's spring layout with a fixed seed, coloured by
entity type (with a legend) and sized by mention count; edges are arrows
labelled with their predicate (dashed when reported or hedged, red when
negated).  Japanese labels use a CJK font when one is installed (Debian:
``fonts-noto-cjk``); without one the picture is still drawn, with missing
glyphs as boxes and no warning.  Output is deterministic: the SVG's ids are
salted with a constant and no date is written.

Example:
    >>> from extractor.models import KnowledgeGraph
    >>> render_static(KnowledgeGraph(), "png")[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
"""

from __future__ import annotations

import io
import math
import re
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Literal

import networkx as nx
from matplotlib import font_manager, rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from extractor.models import KnowledgeGraph, Relation
from extractor.viz import DEFAULT_TITLE, OTHER_COLOR, TYPE_COLORS

__all__ = ["CJK_FONT_FAMILIES", "cjk_font", "render_static"]

#: Font families tried, in order, for Japanese text.
CJK_FONT_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK JP",
    "Noto Sans JP",
    "Source Han Sans JP",
    "IPAexGothic",
    "IPAGothic",
    "TakaoGothic",
    "VL Gothic",
    "Hiragino Sans",
    "Yu Gothic",
    "Meiryo",
    "Noto Sans CJK SC",
)

# File names of CJK fonts matplotlib's font cache may not list yet (installed after it was built).
_CJK_FILE = re.compile(r"NotoSansCJK|NotoSansJP|SourceHanSans|ipaexg|ipag|Takao|VL-Gothic", re.IGNORECASE)
_EDGE_STYLE = {
    "asserted": ("#667085", "solid"),
    "reported": ("#667085", "dashed"),
    "hedged": ("#98a2b3", "dotted"),
    "negated": ("#c0392b", "solid"),
}
_SEED = 20240601


@lru_cache(maxsize=1)
def cjk_font() -> FontProperties | None:
    """A font with Japanese glyphs, or None when none is installed.

    Looks first in matplotlib's font list, then among the system's font files
    (matplotlib's cache may predate a font installed later).

    Example:
        >>> font = cjk_font()
        >>> font is None or isinstance(font, FontProperties)
        True
    """
    known = {f.name for f in font_manager.fontManager.ttflist}
    for family in CJK_FONT_FAMILIES:
        if family in known:
            return FontProperties(family=family)
    files = [p for p in font_manager.findSystemFonts() if _CJK_FILE.search(Path(p).name)]
    if files:  # the regular weight when there is one
        return FontProperties(fname=min(files, key=lambda p: ("Regular" not in Path(p).name, p)))
    return None


def render_static(kg: KnowledgeGraph, fmt: Literal["png", "svg"], *, title: str = DEFAULT_TITLE) -> bytes:
    """Draw ``kg`` as PNG or SVG bytes.

    Example:
        >>> from extractor.models import KnowledgeGraph
        >>> render_static(KnowledgeGraph(), "svg") == render_static(KnowledgeGraph(), "svg")
        True
    """
    if fmt not in ("png", "svg"):
        raise ValueError(f"render_static draws png or svg, not {fmt!r}")
    font = cjk_font()
    with warnings.catch_warnings(), rc_context({"svg.hashsalt": "extractor", "svg.fonttype": "path"}):
        # Without a CJK font, matplotlib warns once per missing glyph; the boxes are the honest result.
        warnings.filterwarnings(
            "ignore", message=r"Glyph \d+ .*missing from (current )?font", category=UserWarning
        )
        figure = _draw(kg, title, font or FontProperties())
        buffer = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        figure.savefig(buffer, format=fmt, dpi=150, metadata=metadata)
    return buffer.getvalue()


def _draw(kg: KnowledgeGraph, title: str, font: FontProperties) -> Figure:
    entities = sorted(kg.entities, key=lambda e: e.id)
    relations = sorted(kg.relations, key=lambda r: r.id)
    pos = _layout([e.id for e in entities], relations)
    side = min(18.0, 6.0 + 1.2 * math.sqrt(max(1, len(entities))))
    figure = Figure(figsize=(side * 1.25, side), layout="constrained")
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    ax.set_axis_off()
    ax.set_title(title, fontproperties=_sized(font, 14))
    if not entities:
        ax.text(
            0.5,
            0.5,
            "empty graph",
            ha="center",
            va="center",
            fontproperties=_sized(font, 11),
            color="#667085",
        )
        return figure

    size = {e.id: 120 + 60 * min(len(e.mentions), 20) for e in entities}
    radius = {key: math.sqrt(area / math.pi) * 1.15 for key, area in size.items()}  # points
    parallel: dict[tuple[str, str], int] = {}
    for rel in relations:
        if rel.subject == rel.object:
            continue
        color, style = _EDGE_STYLE[rel.modality]
        start, end = pos[rel.subject], pos[rel.object]
        nth = parallel[(rel.subject, rel.object)] = parallel.get((rel.subject, rel.object), -1) + 1
        bend = 0.08 + 0.18 * nth
        ax.add_patch(
            FancyArrowPatch(
                start,
                end,
                arrowstyle="-|>",
                mutation_scale=11,
                color=color,
                linestyle=style,
                linewidth=1.0,
                shrinkA=radius[rel.subject],
                shrinkB=radius[rel.object],
                connectionstyle=f"arc3,rad={bend}",
                zorder=1,
            )
        )
        # the middle of an arc3 curve lies bend/2 of the chord's length to its right
        middle = (
            (start[0] + end[0]) / 2 + bend / 2 * (end[1] - start[1]),
            (start[1] + end[1]) / 2 - bend / 2 * (end[0] - start[0]),
        )
        text = rel.predicate + (" (negated)" if rel.modality == "negated" else "")
        ax.text(
            *middle,
            text,
            color=color,
            ha="center",
            va="center",
            zorder=2,
            fontproperties=_sized(font, 7),
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
        )
    xs = [pos[e.id][0] for e in entities]
    ys = [pos[e.id][1] for e in entities]
    colors = [TYPE_COLORS.get(e.type, OTHER_COLOR) for e in entities]
    ax.scatter(
        xs, ys, s=[size[e.id] for e in entities], c=colors, edgecolors="white", linewidths=1.2, zorder=3
    )
    for e in entities:
        label = e.label if len(e.label) <= 30 else e.label[:29] + "…"
        ax.annotate(
            label,
            pos[e.id],
            xytext=(0, -radius[e.id] - 2),
            textcoords="offset points",
            ha="center",
            va="top",
            fontproperties=_sized(font, 9),
            zorder=4,
            color="#1d2330",
        )
    types = {e.type for e in entities}
    used = [t for t in TYPE_COLORS if t in types] + sorted(types - TYPE_COLORS.keys())
    handles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=8,
            markeredgecolor="white",
            markerfacecolor=TYPE_COLORS.get(t, OTHER_COLOR),
            label=t,
        )
        for t in used
    ]
    figure.legend(
        handles=handles, loc="outside lower center", ncols=len(handles), frameon=False, prop=_sized(font, 10)
    )
    ax.set_aspect("equal")  # arcs bend in display space: equal scales keep their labels on them
    ax.margins(0.08)
    return figure


def _layout(ids: list[str], relations: list[Relation]) -> dict[str, tuple[float, float]]:
    """Seeded spring layout of the connected nodes; lone nodes in rows below them."""
    graph = nx.Graph()
    graph.add_nodes_from(ids)
    graph.add_edges_from((r.subject, r.object) for r in relations if r.subject != r.object)
    lone = [n for n in ids if graph.degree(n) == 0]
    linked = graph.subgraph([n for n in ids if graph.degree(n) > 0])
    pos: dict[str, tuple[float, float]] = {}
    if len(linked):
        spring = nx.spring_layout(linked, seed=_SEED, k=1.6 / math.sqrt(len(linked)))
        pos = {n: (float(x), float(y)) for n, (x, y) in spring.items()}
    per_row = max(4, math.ceil(math.sqrt(len(lone) * 3)))
    first_row = min((y for _, y in pos.values()), default=0.0) - (0.3 if pos else 0.0)
    for i, node in enumerate(lone):
        row, col = divmod(i, per_row)
        pos[node] = (-1.0 + 2.0 * (col + 0.5) / per_row, first_row - 0.25 * row)
    return pos


def _sized(font: FontProperties, size: float) -> FontProperties:
    copy = font.copy()
    copy.set_size(size)
    return copy
