"""Shared fixtures: one ja_ginza model and one Extractor for the whole session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_401f0d7f82f0a030.txt"
SEED_GOLD = ROOT / "seeds" / "000_401f0d7f82f0a030.gold.json"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    """The ja_ginza pipeline, loaded once."""
    from extractor.nlp.model import load_model

    return load_model()


@pytest.fixture(scope="session")
def kx(nlp):
    """An Extractor sharing the session's model."""
    from extractor.pipeline import Extractor

    return Extractor(nlp=nlp)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_graph(kx, seed_text):
    """The seed's graph, extracted once."""
    return kx.extract(seed_text, doc_id=SEED.stem)


@pytest.fixture(scope="session")
def extract(kx):
    """Extract a short text into a graph, with label lookups."""

    def run(text: str, doc_id: str = "t"):
        return kx.extract(text, doc_id=doc_id)

    return run
