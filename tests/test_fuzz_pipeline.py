"""Property-based tests of the whole pipeline: random Unicode and mutated Japanese news never crash it,
every offset stays valid, and every export parses in its reader."""

from __future__ import annotations

import io
import json

import networkx as nx
import pyoxigraph
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.export import generate
from extractor.models import KnowledgeGraph

pytestmark = [pytest.mark.model, pytest.mark.slow]

ARTICLE = (
    "ノルディア株式会社（以下、ノルディア）は 2024 年 3 月、ベルテック社を 120 億円で買収したと発表した。"
    "同社の山田太郎社長は「Helio」というコード名の新型端末を開発していると述べた。\n"
    "米国の Nimbus Labs は北海道にあるデータセンター「Aurora」に 5 億ドルを投資した。彼らは提携しなかった。"
)

_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=120
)


@st.composite
def mutated_article(draw):
    chars = list(ARTICLE)
    for _ in range(draw(st.integers(0, 8))):
        op = draw(st.sampled_from(["delete", "insert", "swap"]))
        i = draw(st.integers(0, max(0, len(chars) - 1)))
        if op == "delete" and chars:
            del chars[i]
        elif op == "insert":
            chars.insert(i, draw(st.characters(blacklist_categories=("Cs",))))
        elif chars:
            j = draw(st.integers(0, len(chars) - 1))
            chars[i], chars[j] = chars[j], chars[i]
    return "".join(chars)


def _check(kx, text: str) -> None:
    kg = kx.extract(text, doc_id="fuzz")
    for e in kg.entities:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text
    for r in kg.relations:
        for ev in r.evidence:
            assert text[ev.start : ev.end] == ev.text
    assert KnowledgeGraph.from_json(generate(kg, "json")) == kg
    rdflib.Graph().parse(data=generate(kg, "nt"), format="nt")
    rdflib.Graph().parse(data=generate(kg, "turtle"), format="turtle")
    list(pyoxigraph.parse(io.BytesIO(generate(kg, "nq").encode()), format=pyoxigraph.RdfFormat.N_QUADS))
    json.loads(generate(kg, "jsonld"))
    nx.read_graphml(io.BytesIO(generate(kg, "graphml").encode()), force_multigraph=True)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_text)
def test_random_unicode(kx, text):
    _check(kx, text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=mutated_article())
def test_mutated_article(kx, text):
    _check(kx, text)
