"""networkx export: one node per entity, one keyed edge per relation, typed attributes."""

from __future__ import annotations

import networkx as nx

from extractor.export.nx import edge_attributes, node_attributes, to_networkx
from extractor.models import KnowledgeGraph


def test_nodes_and_edges(sample_kg: KnowledgeGraph) -> None:
    g = sample_kg.to_networkx()
    assert isinstance(g, nx.MultiDiGraph)
    assert set(g.nodes) == {e.id for e in sample_kg.entities}
    assert {k for _, _, k in g.edges(keys=True)} == {r.id for r in sample_kg.relations}
    assert g.number_of_edges() == len(sample_kg.relations)
    for r in sample_kg.relations:
        assert g.has_edge(r.subject, r.object, key=r.id)
    # three parallel statements between Meta and Scale AI stay apart; a self-loop is kept
    assert set(g["meta"]["scaleai"]) == {"R01", "R07", "R11"}
    assert g.has_edge("meta", "meta", key="R06")


def test_node_attributes_are_typed(sample_kg: KnowledgeGraph) -> None:
    meta = to_networkx(sample_kg).nodes["meta"]
    assert meta["label"] == "Meta" and meta["type"] == "Organization"
    assert meta["labels"] == {"en": "Meta", "ja": "メタ"}
    assert meta["aliases"] == ["Meta", "メタ", "同社"]
    assert meta["same_as"] == ["http://www.wikidata.org/entity/Q380"]
    assert meta["kb_id"] == "Q380"
    assert meta["mention_count"] == 4
    assert meta["documents"] == ["d1", "記事 2.txt"]
    assert meta["mentions"][2] == {"doc": "d1", "start": sample_kg.entities[0].mentions[2].start,
                                   "end": sample_kg.entities[0].mentions[2].end, "text": "同社", "kind": "anaphor"}
    assert "kb_id" not in to_networkx(sample_kg).nodes["wang"]


def test_edge_attributes_flatten_qualifiers(sample_kg: KnowledgeGraph) -> None:
    g = to_networkx(sample_kg)
    r01 = g.edges["meta", "scaleai", "R01"]
    assert r01["predicate"] == "investsIn"
    assert r01["confidence"] == 0.92 and isinstance(r01["confidence"], float)
    assert r01["modality"] == "asserted" and r01["inferred"] is False
    assert r01["amount"] == 14_300_000_000 and r01["currency"] == "USD" and r01["amount_text"] == "143 億ドル"
    assert r01["stake"] == 49.0
    assert (r01["date"], r01["date_precision"], r01["date_text"]) == ("2025-10", "month", "2025年10月")
    assert "role" not in r01 and "date_modifier" not in r01 and "amount_upper" not in r01
    assert r01["documents"] == ["d1"]
    assert r01["evidence"][0]["rule"] == "invest_ni"
    r06 = g.edges["meta", "meta", "R06"]
    assert (r06["count"], r06["unit"], r06["count_text"]) == (600, "人", "約 600 人")
    assert r06["modality"] == "hedged"
    r13 = g.edges["fair", "meta", "R13"]
    assert r13["inferred"] is True and r13["documents"] == ["d1", "記事 2.txt"] and len(r13["evidence"]) == 2
    assert g.edges["meta", "ev.layoff", "R14"]["lemma"] == "削減"
    assert g.graph["documents"]["d1"]["sha256"] == sample_kg.documents[0].sha256


def test_attribute_helpers_match_the_graph(sample_kg: KnowledgeGraph) -> None:
    g = to_networkx(sample_kg)
    for e in sample_kg.entities:
        assert g.nodes[e.id] == node_attributes(e)
    for r in sample_kg.relations:
        assert g.edges[r.subject, r.object, r.id] == edge_attributes(r)


def test_insertion_order_is_sorted(samples) -> None:  # type: ignore[no-untyped-def]
    a = to_networkx(samples.build_sample_kg())
    b = to_networkx(samples.shuffled(samples.build_sample_kg()))
    assert list(a.nodes) == list(b.nodes) == sorted(a.nodes)
    assert [k for _, _, k in a.edges(keys=True)] == [k for _, _, k in b.edges(keys=True)]


def test_hostile_and_empty(hostile_kg: KnowledgeGraph) -> None:
    g = to_networkx(hostile_kg)
    assert {d["label"] for _, d in g.nodes(data=True)} == {e.label for e in hostile_kg.entities}
    assert to_networkx(KnowledgeGraph()).number_of_nodes() == 0
