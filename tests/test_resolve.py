"""Cross-document entity resolution (no model needed: graphs are built by hand)."""

from __future__ import annotations

import pytest

from extractor.merge import merge_graphs
from extractor.models import Document, Entity, Evidence, KnowledgeGraph, Mention, Relation


def _doc_graph(doc_id: str, names: list[tuple[str, str, str]], relations=()) -> KnowledgeGraph:
    """names: (entity id, surface, type); the text is the surfaces joined by 、."""
    text = "、".join(s for _, s, _ in names) + "。"
    entities, pos = [], 0
    for eid, surface, typ in names:
        entities.append(Entity(id=eid, label=surface, type=typ, aliases=(surface,),
                               mentions=(Mention(doc=doc_id, start=pos, end=pos + len(surface), text=surface),)))
        pos += len(surface) + 1
    rels = tuple(
        Relation(id=f"R{doc_id}{i}", subject=s, predicate=p, object=o, confidence=0.8,
                 evidence=(Evidence(doc=doc_id, start=0, end=len(text), text=text, rule="test"),))
        for i, (s, p, o) in enumerate(relations)
    )
    return KnowledgeGraph(documents=(Document(id=doc_id, text=text),), entities=tuple(entities), relations=rels)


def _ids(kg: KnowledgeGraph) -> dict[str, str]:
    return {a: e.id for e in kg.entities for a in e.aliases}


@pytest.mark.parametrize(
    ("a", "b", "typ"),
    [
        ("Alexandr Wang", "アレクサンドル・ワン", "Person"),
        ("トヨタ自動車", "トヨタ自動車", "Organization"),
        ("ＮＯＶＡ", "NOVA", "Organization"),
        ("ノルディア・テック", "Nordia Tech", "Organization"),
    ],
)
def test_same_thing_in_two_documents_is_one_node(a, b, typ):
    kg = merge_graphs([_doc_graph("d1", [("E1", a, typ)]), _doc_graph("d2", [("E2", b, typ)])])
    assert len(kg.entities) == 1
    assert {m.doc for m in kg.entities[0].mentions} == {"d1", "d2"}
    assert kg.entities[0].id == "E1"


@pytest.mark.parametrize(
    ("a", "b", "ta", "tb"),
    [
        ("田中", "田中", "Person", "Person"),  # a surname alone is no evidence
        ("Wang", "Wang", "Person", "Person"),
        ("ソニー", "ソニー", "Organization", "Product"),  # different types
        ("Mito", "メタ", "Organization", "Organization"),
    ],
)
def test_different_things_stay_apart(a, b, ta, tb):
    kg = merge_graphs([_doc_graph("d1", [("E1", a, ta)]), _doc_graph("d2", [("E2", b, tb)])])
    assert len(kg.entities) == 2


def test_relations_follow_the_merged_entities():
    g1 = _doc_graph("d1", [("E1", "Alexandr Wang", "Person"), ("E3", "ノルディア社", "Organization")],
                    [("E1", "worksFor", "E3")])
    g2 = _doc_graph("d2", [("E2", "アレクサンドル・ワン", "Person"), ("E4", "ノルディア社", "Organization")],
                    [("E2", "worksFor", "E4")])
    kg = merge_graphs([g1, g2])
    (rel,) = kg.relations
    assert (rel.subject, rel.object) == ("E1", "E3")
    assert {ev.doc for ev in rel.evidence} == {"d1", "d2"}


def test_merge_is_independent_of_input_order():
    g1 = _doc_graph("d1", [("E1", "Alexandr Wang", "Person")])
    g2 = _doc_graph("d2", [("E2", "アレクサンドル・ワン", "Person")])
    assert merge_graphs([g1, g2]).to_json() == merge_graphs([g2, g1]).to_json()
