"""extractor: Japanese news articles → a structured, queryable knowledge graph.

The small public surface::

    from extractor import Extractor
    kx = Extractor()                      # loads ja_ginza and the knowledge base once
    kg = kx.extract(text, doc_id="a1")    # a validated KnowledgeGraph
    kg.to_json(); kg.to_rdflib(); kg.to_networkx(); kg.query("SELECT ...")

Example:
    >>> from extractor import KnowledgeGraph
    >>> KnowledgeGraph().entities
    ()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from extractor.about import __version__
from extractor.errors import ExtractorError, InputError
from extractor.models import Document, Entity, Evidence, KnowledgeGraph, Mention, Qualifiers, Relation

if TYPE_CHECKING:  # pragma: no cover
    from extractor.kb import KnowledgeBase
    from extractor.merge import merge_graphs
    from extractor.pipeline import Extractor

__all__ = [
    "Document",
    "Entity",
    "Evidence",
    "Extractor",
    "ExtractorError",
    "InputError",
    "KnowledgeBase",
    "KnowledgeGraph",
    "Mention",
    "Qualifiers",
    "Relation",
    "__version__",
    "merge_graphs",
]

_LAZY = {
    "Extractor": "extractor.pipeline",
    "KnowledgeBase": "extractor.kb",
    "merge_graphs": "extractor.merge",
}


def __getattr__(name: str) -> Any:
    """Import the heavy parts (spaCy) only when they are used."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")
