"""Pictures of a knowledge graph: an interactive HTML page, or a static PNG / SVG.

:func:`render` picks the renderer by format.  The HTML page is one
self-contained file (its viewer script and style sheet are inlined; it loads
nothing from the network); PNG and SVG are drawn with matplotlib.

Example:
    >>> from extractor.models import KnowledgeGraph
    >>> render(KnowledgeGraph(), "html").startswith("<!DOCTYPE html>")
    True
"""

from __future__ import annotations

from typing import Literal

from extractor.errors import Errors, ExportError
from extractor.models import KnowledgeGraph

__all__ = ["DEFAULT_TITLE", "FORMATS", "OTHER_COLOR", "TYPE_COLORS", "PictureFormat", "render"]

PictureFormat = Literal["html", "png", "svg"]

#: Picture formats, in the order shown to users.
FORMATS: tuple[str, ...] = ("html", "png", "svg")

#: Title used when none is given.
DEFAULT_TITLE = "Knowledge graph"

#: Colour of each entity type (Okabe-Ito palette: distinguishable with colour-blindness).
TYPE_COLORS: dict[str, str] = {
    "Person": "#E69F00",
    "Organization": "#0072B2",
    "Product": "#009E73",
    "Place": "#CC79A7",
    "Facility": "#D55E00",
    "Event": "#56B4E9",
}

#: Colour of a type missing from :data:`TYPE_COLORS`.
OTHER_COLOR = "#999999"


def render(kg: KnowledgeGraph, fmt: str, *, title: str = DEFAULT_TITLE) -> str | bytes:
    """Draw ``kg`` as ``html`` (str), ``png`` or ``svg`` (bytes).

    Raises:
        ExportError: ``fmt`` is not a picture format.

    Example:
        >>> render(KnowledgeGraph(), "svg")[:5]
        b'<?xml'
    """
    if fmt == "html":
        from extractor.viz.html import render_html

        return render_html(kg, title=title)
    if fmt in ("png", "svg"):
        from extractor.viz.static import render_static

        return render_static(kg, fmt, title=title)  # type: ignore[arg-type]
    raise ExportError(Errors.E020.format(fmt=fmt, choices=", ".join(FORMATS)))
