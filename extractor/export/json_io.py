"""The project's JSON format: the :class:`KnowledgeGraph` model, serialised canonically.

Example:
    >>> from extractor.models import KnowledgeGraph
    >>> read_json(generate_json(KnowledgeGraph())) == KnowledgeGraph()
    True
"""

from __future__ import annotations

import json
import os

from extractor.io.atomic import atomic_write
from extractor.models import KnowledgeGraph

__all__ = ["generate_json", "read_json", "write_json"]


def generate_json(kg: KnowledgeGraph, *, indent: int | None = 1) -> str:
    """JSON text of ``kg``: UTF-8 characters kept, deterministic, ends with a newline."""
    data = kg.model_dump(mode="json", exclude_none=True)
    return json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=False) + "\n"


def write_json(kg: KnowledgeGraph, path: str | os.PathLike[str]) -> None:
    """Write ``kg`` as JSON atomically (``-`` = stdout)."""
    atomic_write(path, generate_json(kg))


def read_json(text: str | bytes) -> KnowledgeGraph:
    """Parse and validate JSON written by :func:`generate_json`."""
    return KnowledgeGraph.model_validate_json(text)
