"""The data model's validators: offsets, ids, references."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from extractor.models import Document, Entity, Evidence, KnowledgeGraph, Mention, Qualifiers, Relation

TEXT = "ソニーは東京に本社を置く。"


def _graph(**over):
    doc = Document(id="d", text=TEXT)
    sony = Entity(id="E1", label="ソニー", type="Organization", mentions=(Mention(doc="d", start=0, end=3, text="ソニー"),))
    tokyo = Entity(id="E2", label="東京", type="Place", mentions=(Mention(doc="d", start=4, end=6, text="東京"),))
    rel = Relation(id="R1", subject="E1", predicate="locatedIn", object="E2", confidence=0.8,
                   evidence=(Evidence(doc="d", start=0, end=len(TEXT), text=TEXT, rule="test"),))
    parts = {"documents": (doc,), "entities": (sony, tokyo), "relations": (rel,)}
    parts.update(over)
    return KnowledgeGraph(**parts)


def test_valid_graph_round_trips_through_json():
    kg = _graph()
    assert KnowledgeGraph.from_json(kg.to_json()) == kg


def test_document_hash_is_filled_in():
    assert len(Document(id="d", text="x").sha256) == 64


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [(0, 3, "ソニ"), (1, 4, "ソニー"), (0, 99, "ソニー")],
    ids=["wrong-length", "shifted", "past-end"],
)
def test_mention_text_must_equal_document_slice(start, end, text):
    with pytest.raises(ValidationError):
        m = Mention(doc="d", start=start, end=end, text=text)
        e = Entity(id="E1", label="ソニー", type="Organization", mentions=(m,))
        KnowledgeGraph(documents=(Document(id="d", text=TEXT),), entities=(e,))


def test_mention_on_unknown_document_is_rejected():
    m = Mention(doc="other", start=0, end=3, text="ソニー")
    with pytest.raises(ValidationError, match="unknown document"):
        KnowledgeGraph(documents=(Document(id="d", text=TEXT),),
                       entities=(Entity(id="E1", label="x", type="Person", mentions=(m,)),))


def test_duplicate_entity_ids_are_rejected():
    kg = _graph()
    with pytest.raises(ValidationError, match="duplicate entity id"):
        _graph(entities=(kg.entities[0], kg.entities[0]), relations=())


def test_relation_must_point_at_existing_entities():
    bad = Relation(id="R9", subject="E1", predicate="worksFor", object="E404", confidence=0.5)
    with pytest.raises(ValidationError, match="unknown entity"):
        _graph(relations=(bad,))


def test_evidence_must_quote_the_document():
    ev = Evidence(doc="d", start=0, end=3, text="トヨタ", rule="x")
    rel = Relation(id="R2", subject="E1", predicate="locatedIn", object="E2", confidence=0.5, evidence=(ev,))
    with pytest.raises(ValidationError, match="does not equal"):
        _graph(relations=(rel,))


@pytest.mark.parametrize(
    "bad",
    [
        {"type": "Money"},
        {"id": "has space"},
        {"unknown_field": 1},
    ],
)
def test_entity_rejects_bad_fields(bad):
    with pytest.raises(ValidationError):
        Entity(**{"id": "E1", "label": "x", "type": "Person", **bad})


def test_models_are_frozen():
    e = Entity(id="E1", label="x", type="Person")
    with pytest.raises(ValidationError):
        e.label = "y"


@pytest.mark.parametrize("value", [-0.1, 1.5])
def test_confidence_is_a_probability(value):
    with pytest.raises(ValidationError):
        Relation(id="R1", subject="a", predicate="worksFor", object="b", confidence=value)


def test_unknown_predicate_is_rejected():
    with pytest.raises(ValidationError):
        Relation(id="R1", subject="a", predicate="likes", object="b", confidence=0.5)


def test_stake_is_a_percentage():
    with pytest.raises(ValidationError):
        Qualifiers(stake=120)
