"""The committed JSON Schema matches the models."""

from __future__ import annotations

import json

from extractor.schema import SCHEMA_FILE, generate_schema
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schema_matches_models():
    committed = (ROOT / "schemas" / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == generate_schema(), "schema drifted: run `python -m extractor.schema` and commit"


def test_schema_validates_an_output(seed_graph):
    import jsonschema

    schema = json.loads(generate_schema())
    jsonschema.validate(json.loads(seed_graph.to_json()), schema)
