"""spaCy pipeline components: add the extractor's stages to a ``ja_ginza`` pipeline.

Registered through the ``spacy_factories`` entry point, so after installing
the package a spaCy user writes::

    nlp = spacy.load("ja_ginza")
    nlp.add_pipe("extractor_entities")
    nlp.add_pipe("extractor_relations")
    doc = nlp("ソニーの吉田憲一郎社長は東京で会見した。")
    doc._.kg_entities   # ((id, label, type, ((start, end, kind), ...)), ...)
    doc._.kg_relations  # ((id, subject, predicate, object, confidence, modality), ...)
    doc._.kg            # the validated KnowledgeGraph of this Doc (kept as JSON in doc._.kg_json)

Doc extensions are registered when a component is created, and hold plain
tuples (msgpack-friendly): ``Doc.to_bytes`` keeps them.

Example:
    >>> import spacy
    >>> nlp = spacy.load("ja_ginza")  # doctest: +SKIP
    >>> _ = nlp.add_pipe("extractor_entities")  # doctest: +SKIP
    >>> [e[1] for e in nlp("メタは米国の企業だ。")._.kg_entities]  # doctest: +SKIP
    ['Meta', 'United States']
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from extractor.kb import KnowledgeBase
from extractor.models import Document, KnowledgeGraph
from extractor.nlp.segment import Unit
from extractor.pipeline import Analysis, analyze, build_graph, identity

__all__ = ["EntityComponent", "RelationComponent", "make_entities", "make_relations"]

_GRAPH_JSON = "kg_json"


def _register() -> None:
    for name in ("kg_entities", "kg_relations", _GRAPH_JSON):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Doc.has_extension("kg"):
        Doc.set_extension("kg", getter=_graph)


def _graph(doc: Doc) -> KnowledgeGraph | None:
    text = doc._.get(_GRAPH_JSON)
    return KnowledgeGraph.model_validate_json(text) if text else None


def _analyze(doc: Doc, kb: KnowledgeBase, surfaces: Sequence[str]) -> Analysis:
    document = Document(id=str(doc.user_data.get("doc_id", "doc")), text=doc.text)
    return analyze(document, [doc], kb, surfaces, units=[Unit(0, doc.text)], norm=identity(doc.text))


class EntityComponent:
    """Typed, linked, coreference-resolved entities of a Doc (the Doc is one document)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        _register()
        self.kb = kb
        self.surfaces = kb.surfaces()

    def __call__(self, doc: Doc) -> Doc:
        graph = build_graph(_analyze(doc, self.kb, self.surfaces), relations=False)
        doc._.kg_entities = tuple(
            (e.id, e.label, e.type, tuple((m.start, m.end, m.kind) for m in e.mentions)) for e in graph.entities
        )
        doc._.set(_GRAPH_JSON, graph.to_json(indent=None))
        return doc


class RelationComponent:
    """Typed relations of a Doc (entities included: it runs the entity stage itself)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        _register()
        self.kb = kb
        self.surfaces = kb.surfaces()

    def __call__(self, doc: Doc) -> Doc:
        graph = build_graph(_analyze(doc, self.kb, self.surfaces))
        doc._.kg_entities = tuple(
            (e.id, e.label, e.type, tuple((m.start, m.end, m.kind) for m in e.mentions)) for e in graph.entities
        )
        doc._.kg_relations = tuple(
            (r.id, r.subject, r.predicate, r.object, r.confidence, r.modality) for r in graph.relations
        )
        doc._.set(_GRAPH_JSON, graph.to_json(indent=None))
        return doc


@Language.factory("extractor_entities", default_config={"kb_paths": []})
def make_entities(nlp: Language, name: str, kb_paths: Sequence[str]) -> EntityComponent:
    """Factory of :class:`EntityComponent` (``kb_paths``: the user's knowledge-base files)."""
    return EntityComponent(KnowledgeBase.load(kb_paths))


@Language.factory("extractor_relations", default_config={"kb_paths": []})
def make_relations(nlp: Language, name: str, kb_paths: Sequence[str]) -> RelationComponent:
    """Factory of :class:`RelationComponent`."""
    return RelationComponent(KnowledgeBase.load(kb_paths))
