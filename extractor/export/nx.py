"""The graph as a networkx ``MultiDiGraph`` with typed attributes.

One node per entity (key = entity id), one edge per relation (key = relation
id, so parallel statements between the same pair stay apart).  Unlike GraphML,
attributes keep their Python types: lists stay lists, numbers stay numbers.

Node attributes: ``label``, ``type``, ``labels`` (dict language -> label),
``aliases`` (list), ``same_as`` (list), ``kb_id``, ``mention_count``,
``documents`` (sorted list of document ids) and ``mentions`` (list of dicts
``doc, start, end, text, kind``).

Edge attributes: ``predicate``, ``confidence``, ``modality``, ``inferred``, the
qualifiers flattened (``role``, ``status``, ``date``, ``date_precision``,
``date_modifier``, ``date_text``, ``year_inferred``, ``amount``, ``currency``,
``amount_upper``, ``amount_text``, ``stake``, ``count``, ``unit``,
``count_text``, ``lemma``; absent ones are left out), ``documents`` (sorted)
and ``evidence`` (list of dicts ``doc, start, end, text, rule, attribution``).
Graph attributes: ``documents`` (dict id -> ``title, url, date, source,
sha256``).

Example:
    >>> from extractor.models import Entity, KnowledgeGraph, Relation
    >>> kg = KnowledgeGraph(
    ...     entities=(Entity(id="A", label="ワン", type="Person"), Entity(id="B", label="Meta", type="Organization")),
    ...     relations=(Relation(id="R1", subject="A", predicate="worksFor", object="B", confidence=0.9),))
    >>> g = to_networkx(kg)
    >>> g.nodes["A"]["label"], g.edges["A", "B", "R1"]["predicate"]
    ('ワン', 'worksFor')
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from extractor.models import Entity, KnowledgeGraph, Relation

__all__ = ["edge_attributes", "node_attributes", "to_networkx"]


def node_attributes(e: Entity) -> dict[str, Any]:
    """The attributes of an entity's node.

    Example:
        >>> from extractor.models import Entity
        >>> node_attributes(Entity(id="E1", label="Meta", type="Organization", aliases=("メタ",)))["aliases"]
        ['メタ']
    """
    attrs: dict[str, Any] = {
        "label": e.label,
        "type": e.type,
        "labels": dict(sorted(e.labels.items())),
        "aliases": list(e.aliases),
        "same_as": list(e.same_as),
        "mention_count": len(e.mentions),
        "documents": sorted({m.doc for m in e.mentions}),
        "mentions": [m.model_dump(mode="python") for m in e.mentions],
    }
    if e.kb_id is not None:
        attrs["kb_id"] = e.kb_id
    return attrs


def edge_attributes(r: Relation) -> dict[str, Any]:
    """The attributes of a relation's edge, qualifiers flattened.

    Example:
        >>> from extractor.models import Amount, Qualifiers, Relation
        >>> r = Relation(id="R1", subject="A", predicate="acquires", object="B", confidence=0.5,
        ...              qualifiers=Qualifiers(amount=Amount(value=7e10, currency="JPY")))
        >>> a = edge_attributes(r)
        >>> a["amount"], a["currency"], "date" in a
        (70000000000.0, 'JPY', False)
    """
    attrs: dict[str, Any] = {
        "predicate": r.predicate,
        "confidence": r.confidence,
        "modality": r.modality,
        "inferred": r.inferred,
    }
    q = r.qualifiers
    optional: dict[str, Any] = {"role": q.role, "status": q.status, "stake": q.stake, "lemma": q.lemma}
    if q.date is not None:
        optional.update(date=q.date.value, date_precision=q.date.precision, date_modifier=q.date.modifier,
                        date_text=q.date.text or None, year_inferred=q.date.inferred_year or None)
    if q.amount is not None:
        optional.update(amount=q.amount.value, currency=q.amount.currency, amount_upper=q.amount.upper,
                        amount_text=q.amount.text or None)
    if q.count is not None:
        optional.update(count=q.count.value, unit=q.count.unit or None, count_text=q.count.text or None)
    attrs.update((k, v) for k, v in optional.items() if v is not None)
    attrs["documents"] = sorted({ev.doc for ev in r.evidence})
    attrs["evidence"] = [ev.model_dump(mode="python") for ev in r.evidence]
    return attrs


def to_networkx(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    """A ``MultiDiGraph``: nodes and edges added in id order, edge key = relation id.

    Example:
        >>> from extractor.models import KnowledgeGraph
        >>> to_networkx(KnowledgeGraph()).number_of_nodes()
        0
    """
    g = nx.MultiDiGraph()
    g.graph["documents"] = {
        d.id: {"title": d.title, "url": d.url, "date": d.date, "source": d.source, "sha256": d.sha256}
        for d in sorted(kg.documents, key=lambda d: d.id)
    }
    for e in sorted(kg.entities, key=lambda e: e.id):
        g.add_node(e.id, **node_attributes(e))
    for r in sorted(kg.relations, key=lambda r: r.id):
        g.add_edge(r.subject, r.object, key=r.id, **edge_attributes(r))
    return g
