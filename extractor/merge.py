"""Merge graphs: one entity per id, one statement per id, all mentions and evidence kept.

Ordering is canonical (documents, entities and relations by id; mentions and
evidence by position), so the merged graph does not depend on input order.

Example:
    >>> from extractor.models import Document, KnowledgeGraph
    >>> a = KnowledgeGraph(documents=(Document(id="b", text="x"),))
    >>> b = KnowledgeGraph(documents=(Document(id="a", text="y"),))
    >>> [d.id for d in merge_graphs([a, b]).documents]
    ['a', 'b']
"""

from __future__ import annotations

from collections.abc import Iterable

from extractor.models import Document, Entity, Evidence, KnowledgeGraph, Mention, Qualifiers, Relation
from extractor.relations.ids import relation_id
from extractor.relations.vocabulary import VOCABULARY
from extractor.resolve import entity_groups

__all__ = ["GraphAccumulator", "merge_graphs"]

_MODALITY_RANK = {"asserted": 3, "reported": 2, "hedged": 1, "negated": 0}


class GraphAccumulator:
    """Merge graphs one at a time (a corpus run adds each document's graph as it arrives).

    The result does not depend on arrival order: the versions of one entity or relation are
    folded in the order of their first mention or evidence (document id, then offset).
    """

    def __init__(self) -> None:
        self.documents: dict[str, Document] = {}
        self.entities: dict[str, list[Entity]] = {}
        self.relations: dict[str, list[Relation]] = {}

    def add(self, g: KnowledgeGraph) -> None:
        for d in g.documents:
            self.documents[d.id] = d
        for e in g.entities:
            self.entities.setdefault(e.id, []).append(e)
        for r in g.relations:
            self.relations.setdefault(r.id, []).append(r)

    def graph(self) -> KnowledgeGraph:
        """The merged, validated graph in canonical order, with cross-document entities resolved."""
        merged = {k: _fold(v, _merge_entity, _entity_order) for k, v in sorted(self.entities.items())}
        entities, relations = self.entities, self.relations
        if len(self.documents) > 1:
            rep = entity_groups(list(merged.values()))
            if any(k != v for k, v in rep.items()):
                entities, relations = {}, {}
                for k, versions in self.entities.items():
                    entities.setdefault(rep[k], []).extend(
                        v.model_copy(update={"id": rep[k]}) for v in versions)
                for versions in self.relations.values():
                    for r in versions:
                        s, o = rep[r.subject], rep[r.object]
                        if s == o:
                            continue
                        if VOCABULARY[r.predicate].symmetric and o < s:
                            s, o = o, s
                        rid = relation_id(s, r.predicate, o, r.modality == "negated")
                        relations.setdefault(rid, []).append(
                            r.model_copy(update={"id": rid, "subject": s, "object": o}))
        ents = [_canonical_entity(_fold(versions, _merge_entity, _entity_order))
                for _, versions in sorted(entities.items())]
        rels = [_canonical_relation(_fold(versions, _merge_relation, _relation_order))
                for _, versions in sorted(relations.items())]
        docs = tuple(d for _, d in sorted(self.documents.items()))
        return KnowledgeGraph(documents=docs, entities=tuple(ents), relations=tuple(rels))


def _entity_order(e: Entity) -> tuple:
    return (min((_mention_key(m) for m in e.mentions), default=("",)), e.model_dump_json())


def _relation_order(r: Relation) -> tuple:
    return (min((_evidence_key(ev) for ev in r.evidence), default=("",)), r.model_dump_json())


def _fold(versions, merge, order):  # type: ignore[no-untyped-def]
    ordered = sorted(versions, key=order)
    out = ordered[0]
    for v in ordered[1:]:
        out = merge(out, v)
    return out


def merge_graphs(graphs: Iterable[KnowledgeGraph]) -> KnowledgeGraph:
    """One graph from many: documents by id (last wins), entities and relations merged by id."""
    acc = GraphAccumulator()
    for g in graphs:
        acc.add(g)
    return acc.graph()


def _merge_entity(a: Entity, b: Entity) -> Entity:
    labels = {**b.labels, **a.labels}
    aliases = tuple(dict.fromkeys((*a.aliases, *b.aliases)))
    return a.model_copy(update={
        "labels": labels,
        "aliases": aliases,
        "mentions": (*a.mentions, *b.mentions),
        "same_as": tuple(dict.fromkeys((*a.same_as, *b.same_as))),
    })


def _mention_key(m: Mention) -> tuple:
    return (m.doc, m.start, m.end, m.kind)


def _canonical_entity(e: Entity) -> Entity:
    mentions = {_mention_key(m): m for m in e.mentions}
    return e.model_copy(update={
        "mentions": tuple(mentions[k] for k in sorted(mentions)),
        "labels": dict(sorted(e.labels.items())),
        "same_as": tuple(sorted(set(e.same_as))),
    })


def _merge_relation(a: Relation, b: Relation) -> Relation:
    if {_evidence_key(e) for e in b.evidence} <= {_evidence_key(e) for e in a.evidence}:
        return a  # the same statement read again: nothing new
    q = {k: v for k, v in a.qualifiers.model_dump(exclude_none=True).items()}
    for k, v in b.qualifiers.model_dump(exclude_none=True).items():
        q.setdefault(k, v)
    modality = max((a.modality, b.modality), key=lambda m: _MODALITY_RANK[m])
    # independent statements of one fact make it more certain (noisy-or)
    confidence = round(1 - (1 - a.confidence) * (1 - b.confidence), 3)
    return a.model_copy(update={
        "qualifiers": Qualifiers.model_validate(q),
        "modality": modality,
        "confidence": min(confidence, 0.99),
        "inferred": a.inferred and b.inferred,
        "evidence": (*a.evidence, *b.evidence),
    })


def _evidence_key(ev: Evidence) -> tuple:
    return (ev.doc, ev.start, ev.end, ev.rule, ev.attribution or "")


def _canonical_relation(r: Relation) -> Relation:
    evidence = {_evidence_key(ev): ev for ev in r.evidence}
    return r.model_copy(update={"evidence": tuple(evidence[k] for k in sorted(evidence))})
