"""GraphML export that Gephi, Gephi Lite (graphology), igraph and networkx read as intended.

It follows the project's Gephi rules (``docs/gephi-graphml.md`` of the shared
notes): a UTF-8 XML declaration; XML-illegal characters stripped; every
``<key>`` declared before the graph with ``for="node"`` / ``for="edge"`` and an
``attr.type``; ASCII node ids (the entity ids); a ``label`` on every node and
edge; one edge per relation whose id is the relation id (unique in the file);
multi-valued fields joined with `` | ``; empty values left out; no ``<desc>``,
hyperedges, ports or nested graphs.

Nodes carry ``label``, ``type``, ``color`` (``#RRGGBB`` per type) with ``r``,
``g``, ``b``, ``label_ja``, ``label_en``, ``aliases``, ``mentions`` (count),
``documents``, ``same_as`` and ``kb_id``.  Edges carry ``label`` (the
predicate), ``predicate``, ``weight`` and ``confidence``, ``modality``,
``inferred``, the qualifiers as scalars (``role``, ``status``, ``date``,
``date_precision``, ``amount``, ``currency``, ``stake``, ``count``, ...) and
the evidence (``sentence``, ``document``, ``rule``, ``attribution``).

Example:
    >>> from extractor.models import Entity, KnowledgeGraph
    >>> xml = generate_graphml(KnowledgeGraph(entities=(Entity(id="E1", label="メタ", type="Organization"),)))
    >>> xml.splitlines()[0]
    '<?xml version="1.0" encoding="UTF-8"?>'
    >>> '<data key="n_label">メタ</data>' in xml
    True
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable
from typing import NamedTuple
from xml.sax.saxutils import escape, quoteattr

from extractor.errors import Errors, ExportError
from extractor.io.atomic import atomic_write
from extractor.models import Entity, KnowledgeGraph, Relation

__all__ = ["EDGE_KEYS", "NODE_KEYS", "TYPE_COLORS", "generate_graphml", "strip_xml_illegal", "write_graphml"]

#: node colour per entity type (Tableau 10 palette)
TYPE_COLORS: dict[str, str] = {
    "Person": "#E15759",
    "Organization": "#4E79A7",
    "Product": "#59A14F",
    "Place": "#F28E2B",
    "Facility": "#B07AA1",
    "Event": "#EDC948",
}

SEP = " | "

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Doubles hold integers exactly only up to 2**53; bigger ones would be silently rounded.
_MAX_EXACT = 2**53


class Key(NamedTuple):
    """One GraphML attribute: XML key id, attribute name and GraphML type."""

    id: str
    name: str
    type: str


NODE_KEYS: tuple[Key, ...] = (
    Key("n_label", "label", "string"),
    Key("n_type", "type", "string"),
    Key("n_color", "color", "string"),
    Key("n_r", "r", "int"),
    Key("n_g", "g", "int"),
    Key("n_b", "b", "int"),
    Key("n_label_ja", "label_ja", "string"),
    Key("n_label_en", "label_en", "string"),
    Key("n_aliases", "aliases", "string"),
    Key("n_mentions", "mentions", "int"),
    Key("n_documents", "documents", "string"),
    Key("n_same_as", "same_as", "string"),
    Key("n_kb_id", "kb_id", "string"),
)

EDGE_KEYS: tuple[Key, ...] = (
    Key("e_label", "label", "string"),
    Key("e_predicate", "predicate", "string"),
    Key("e_weight", "weight", "double"),
    Key("e_confidence", "confidence", "double"),
    Key("e_modality", "modality", "string"),
    Key("e_inferred", "inferred", "boolean"),
    Key("e_role", "role", "string"),
    Key("e_status", "status", "string"),
    Key("e_date", "date", "string"),
    Key("e_date_precision", "date_precision", "string"),
    Key("e_date_modifier", "date_modifier", "string"),
    Key("e_amount", "amount", "double"),
    Key("e_amount_upper", "amount_upper", "double"),
    Key("e_currency", "currency", "string"),
    Key("e_stake", "stake", "double"),
    Key("e_count", "count", "double"),
    Key("e_unit", "unit", "string"),
    Key("e_lemma", "lemma", "string"),
    Key("e_sentence", "sentence", "string"),
    Key("e_document", "document", "string"),
    Key("e_rule", "rule", "string"),
    Key("e_attribution", "attribution", "string"),
    Key("e_evidence_count", "evidence_count", "int"),
)

# Line breaks that XML parsers normalise (CR by XML 1.0; NEL, LS and PS by xmldom, the parser of Gephi Lite)
# are written as character references, which parsers keep as they are.
_LINE_BREAKS = {"\r": "&#13;", "\x85": "&#133;", "\u2028": "&#8232;", "\u2029": "&#8233;"}
_NODE_KEY = {k.name: k for k in NODE_KEYS}
_EDGE_KEY = {k.name: k for k in EDGE_KEYS}


def strip_xml_illegal(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (C0 controls but tab/LF/CR, U+FFFE/F, surrogates).

    Example:
        >>> strip_xml_illegal("a\\x00b\\tc\\x1f")
        'ab\\tc'
    """
    return _ILLEGAL.sub("", text)


def _joined(values: Iterable[str]) -> str:
    """Distinct non-empty values, in first-seen order, joined with `` | ``."""
    seen: dict[str, None] = {}
    for v in values:
        v = strip_xml_illegal(v)
        if v.strip():
            seen.setdefault(v, None)
    return SEP.join(seen)


def _double(value: float, where: str) -> str:
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, int):
        if abs(value) > _MAX_EXACT:
            raise ExportError(Errors.E021.format(
                what=f"the integer {value} of {where} exactly (a GraphML double holds integers up to 2**53)",
                hint="use the RDF or JSON export for exact large numbers"))
        return repr(float(value))
    if not math.isfinite(value):
        raise ExportError(Errors.E021.format(
            what=f"the value {value!r} of {where} (NaN and infinity break Gephi's parser)",
            hint="fix or drop that value in the graph"))
    return repr(float(value))


def _data(key: Key, value: str) -> str:
    return f'<data key="{key.id}">{escape(value, _LINE_BREAKS)}</data>'


def _node(e: Entity) -> str:
    color = TYPE_COLORS[e.type]
    values: dict[str, str] = {
        "label": _joined([e.label]) or e.id,
        "type": e.type,
        "color": color,
        "r": str(int(color[1:3], 16)),
        "g": str(int(color[3:5], 16)),
        "b": str(int(color[5:7], 16)),
        "label_ja": _joined([e.labels.get("ja", "")]),
        "label_en": _joined([e.labels.get("en", "")]),
        "aliases": _joined(e.aliases),
        "mentions": str(len(e.mentions)),
        "documents": _joined(sorted({m.doc for m in e.mentions})),
        "same_as": _joined(e.same_as),
        "kb_id": _joined([e.kb_id or ""]),
    }
    data = "".join(_data(_NODE_KEY[name], v) for name, v in values.items() if v != "")
    return f"    <node id={quoteattr(e.id)}>{data}</node>"


def _edge(r: Relation) -> str:
    where = f"relation {r.id}"
    q = r.qualifiers
    values: dict[str, str] = {
        "label": r.predicate,
        "predicate": r.predicate,
        "weight": _double(r.confidence, f"{where} confidence"),
        "confidence": _double(r.confidence, f"{where} confidence"),
        "modality": r.modality,
        "inferred": "true" if r.inferred else "false",
        "role": _joined([q.role or ""]),
        "status": q.status or "",
        "date": _joined([q.date.value]) if q.date else "",
        "date_precision": q.date.precision if q.date else "",
        "date_modifier": (q.date.modifier or "") if q.date else "",
        "amount": _double(q.amount.value, f"{where} amount") if q.amount else "",
        "amount_upper": _double(q.amount.upper, f"{where} amount upper bound")
        if q.amount and q.amount.upper is not None else "",
        "currency": _joined([q.amount.currency]) if q.amount else "",
        "stake": _double(q.stake, f"{where} stake") if q.stake is not None else "",
        "count": _double(q.count.value, f"{where} count") if q.count else "",
        "unit": _joined([q.count.unit]) if q.count else "",
        "lemma": _joined([q.lemma or ""]),
        "sentence": _joined(ev.text for ev in r.evidence),
        "document": _joined(ev.doc for ev in r.evidence),
        "rule": _joined(ev.rule for ev in r.evidence),
        "attribution": _joined(ev.attribution or "" for ev in r.evidence),
        "evidence_count": str(len(r.evidence)),
    }
    data = "".join(_data(_EDGE_KEY[name], v) for name, v in values.items() if v != "")
    return (f"    <edge id={quoteattr(r.id)} source={quoteattr(r.subject)} target={quoteattr(r.object)}>"
            f"{data}</edge>")


def generate_graphml(kg: KnowledgeGraph) -> str:
    """GraphML text of ``kg``: nodes sorted by entity id, edges by relation id.

    Raises:
        ExportError: a number cannot be written as a finite double exactly
            (NaN, infinity, an integer above 2**53).

    Example:
        >>> from extractor.models import KnowledgeGraph
        >>> '<graph id="G" edgedefault="directed">' in generate_graphml(KnowledgeGraph())
        True
    """
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
         ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
         ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
         ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'),
    ]
    for target, keys in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        for k in keys:
            out.append(f'  <key id="{k.id}" for="{target}" attr.name="{k.name}" attr.type="{k.type}"/>')
    out.append('  <graph id="G" edgedefault="directed">')
    out.extend(_node(e) for e in sorted(kg.entities, key=lambda e: e.id))
    out.extend(_edge(r) for r in sorted(kg.relations, key=lambda r: r.id))
    out.append("  </graph>")
    out.append("</graphml>")
    return "\n".join(out) + "\n"


def write_graphml(kg: KnowledgeGraph, path: str | os.PathLike[str]) -> None:
    """Write :func:`generate_graphml` atomically to ``path`` (``-`` = stdout).

    Example:
        >>> import tempfile, pathlib
        >>> from extractor.models import KnowledgeGraph
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "kg.graphml"
        >>> write_graphml(KnowledgeGraph(), p)
        >>> p.read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
        True
    """
    atomic_write(path, generate_graphml(kg))
