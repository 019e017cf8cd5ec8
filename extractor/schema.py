"""JSON Schema of the output, generated from the Pydantic models.

``python -m extractor.schema [DIR]`` writes ``knowledge-graph.schema.json``
(default DIR: ``schemas/``); a test fails when the committed file drifts.

Example:
    >>> json_schema()["title"]
    'KnowledgeGraph'
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from extractor.io.atomic import atomic_write
from extractor.models import KnowledgeGraph

__all__ = ["SCHEMA_FILE", "generate_schema", "json_schema", "write_schemas"]

SCHEMA_FILE = "knowledge-graph.schema.json"


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :class:`KnowledgeGraph` in serialisation mode."""
    schema = KnowledgeGraph.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://w3id.org/extractor/schema/knowledge-graph.schema.json"
    return schema


def generate_schema() -> str:
    """The schema as canonical JSON text."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(directory: str | Path = "schemas") -> Path:
    """Write the schema file into ``directory``; returns its path."""
    path = Path(directory) / SCHEMA_FILE
    atomic_write(path, generate_schema())
    return path


if __name__ == "__main__":  # pragma: no cover
    print(write_schemas(sys.argv[1] if len(sys.argv) > 1 else "schemas"))
