"""Exporters: one module per format, found through a lazy registry.

Example:
    >>> from extractor.models import KnowledgeGraph
    >>> generate(KnowledgeGraph(), "json").startswith("{")
    True
"""

from __future__ import annotations

import importlib
import os

from extractor.errors import Errors, ExportError
from extractor.io.atomic import atomic_write
from extractor.models import KnowledgeGraph

__all__ = ["FORMATS", "SUFFIXES", "generate", "write"]

#: format name -> "module:function" returning str or bytes
FORMATS: dict[str, str] = {
    "json": "extractor.export.json_io:generate_json",
    "turtle": "extractor.export.rdf:generate_turtle",
    "jsonld": "extractor.export.rdf:generate_jsonld",
    "nt": "extractor.export.rdf:generate_ntriples",
    "nq": "extractor.export.rdf:generate_nquads",
    "graphml": "extractor.export.graphml:generate_graphml",
}

#: format name -> file suffix used when writing every format into a directory
SUFFIXES: dict[str, str] = {
    "json": ".json", "turtle": ".ttl", "jsonld": ".jsonld", "nt": ".nt", "nq": ".nq", "graphml": ".graphml",
}


def generate(kg: KnowledgeGraph, fmt: str) -> str | bytes:
    """Serialise ``kg`` in format ``fmt`` (a key of :data:`FORMATS`)."""
    if fmt not in FORMATS:
        raise ExportError(Errors.E020.format(fmt=fmt, choices=", ".join(FORMATS)))
    module, func = FORMATS[fmt].split(":")
    return getattr(importlib.import_module(module), func)(kg)


def write(kg: KnowledgeGraph, fmt: str, path: str | os.PathLike[str]) -> None:
    """Serialise ``kg`` and write it atomically to ``path`` (``-`` = stdout)."""
    atomic_write(path, generate(kg, fmt))
