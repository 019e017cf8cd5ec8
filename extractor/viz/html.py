"""One self-contained HTML page that shows a knowledge graph interactively.

The page inlines its viewer (``viewer.js``, plain JavaScript on a canvas:
seeded force layout, pan, zoom, filters, a details panel) and style sheet
(``viewer.css``), and embeds the graph as JSON in a
``<script type="application/json">`` block in which ``<``, ``>`` and ``&`` are
escaped, so no label can close the block.  A Content-Security-Policy that
allows only the two inlined blocks (by hash) keeps the page off the network.
The same graph always gives the same bytes.

Example:
    >>> from extractor.models import KnowledgeGraph
    >>> page = render_html(KnowledgeGraph(), title="空のグラフ")
    >>> "<title>空のグラフ</title>" in page
    True
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from functools import cache
from importlib import resources
from typing import Any

from extractor.models import KnowledgeGraph
from extractor.viz import DEFAULT_TITLE, OTHER_COLOR, TYPE_COLORS

__all__ = ["embed_json", "graph_data", "render_html"]

_TEMPLATE = """<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="extractor">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<span id="stats"></span>
<input id="search" type="search" placeholder="Find entity…" aria-label="Find entity">
<button id="fit" type="button">Fit</button>
</header>
<main>
<div id="stage"><canvas id="graph" aria-label="graph drawing"></canvas>
<p id="hint">Drag to pan · wheel to zoom · click a node or an edge</p></div>
<aside id="side">
<section id="details"><h2>Details</h2><p class="muted">Click a node or an edge.</p></section>
<section><h2>Entity types</h2><div id="filter-type" class="filters"></div></section>
<section><h2>Predicates</h2><div id="filter-predicate" class="filters"></div></section>
<section><h2>Modality</h2><div id="filter-modality" class="filters"></div></section>
</aside>
</main>
<script type="application/json" id="kg-data">{data}</script>
<script>{js}</script>
</body>
</html>
"""

# Characters that must not appear raw inside a <script> element's JSON.
_JSON_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def render_html(kg: KnowledgeGraph, *, title: str = DEFAULT_TITLE) -> str:
    """The HTML page of ``kg``: one file, no network, deterministic.

    Example:
        >>> from extractor.models import KnowledgeGraph
        >>> render_html(KnowledgeGraph()) == render_html(KnowledgeGraph())
        True
    """
    js, css = _asset("viewer.js"), _asset("viewer.css")
    csp = (
        f"default-src 'none'; script-src '{_sha256(js)}'; style-src '{_sha256(css)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    return _TEMPLATE.format(
        csp=csp,
        title=html.escape(title),
        css=css,
        js=js,
        data=embed_json(graph_data(kg)),
    )


def graph_data(kg: KnowledgeGraph) -> dict[str, Any]:
    """The JSON-ready view of ``kg`` the viewer reads (nodes and edges sorted by id).

    Example:
        >>> from extractor.models import KnowledgeGraph
        >>> sorted(graph_data(KnowledgeGraph()))
        ['documents', 'edges', 'nodes', 'types']
    """
    used = {e.type for e in kg.entities}
    types = [{"name": name, "color": color} for name, color in TYPE_COLORS.items()]
    types += [{"name": name, "color": OTHER_COLOR} for name in sorted(used - TYPE_COLORS.keys())]
    nodes = [e.model_dump(mode="json", exclude_none=True) for e in sorted(kg.entities, key=lambda e: e.id)]
    edges = []
    for rel in sorted(kg.relations, key=lambda r: r.id):
        edge = rel.model_dump(mode="json", exclude_none=True)
        edge["source"] = edge.pop("subject")
        edge["target"] = edge.pop("object")
        edges.append(edge)
    documents = [
        d.model_dump(mode="json", exclude_none=True, exclude={"text", "sha256"})
        for d in sorted(kg.documents, key=lambda d: d.id)
    ]
    return {"documents": documents, "edges": edges, "nodes": nodes, "types": types}


def embed_json(data: Any) -> str:
    """JSON text safe inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` become ``\\u003c`` etc., so ``</script>`` and
    ``<!--`` cannot occur; :js:func:`JSON.parse` reads the escapes back.

    Example:
        >>> embed_json({"label": "</script><!--"})
        '{"label":"\\\\u003c/script\\\\u003e\\\\u003c!--"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.translate(_JSON_ESCAPES)


@cache
def _asset(name: str) -> str:
    text = resources.files("extractor.viz").joinpath(name).read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():  # would end the inline block early
        raise ValueError(f"{name} must not contain a closing </script> or </style> tag")
    return text


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")
