"""GraphML export: XSD-valid, read alike by igraph, networkx and graphology-graphml (Gephi Lite's
loader), and following the Gephi rules of the project's notes (lint)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import igraph
import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from extractor.errors import ExportError
from extractor.export import generate
from extractor.export.graphml import (
    EDGE_KEYS,
    NODE_KEYS,
    TYPE_COLORS,
    generate_graphml,
    strip_xml_illegal,
    write_graphml,
)
from extractor.models import Amount, Entity, KnowledgeGraph, Qualifiers, Quantity, Relation

ROOT = Path(__file__).resolve().parents[2]
XSD = ROOT / "tests" / "data" / "graphml-xsd" / "graphml.xsd"
JS_DIR = ROOT / "tests" / "js"
NS = {"g": "http://graphml.graphdrawing.org/xmlns"}
GEPHI_TYPES = {"boolean", "int", "long", "float", "double", "string"}


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


@pytest.fixture(params=["sample_kg", "hostile_kg"])
def kg(request: pytest.FixtureRequest) -> KnowledgeGraph:
    return request.getfixturevalue(request.param)


@pytest.fixture
def graphml_file(kg: KnowledgeGraph, tmp_path: Path) -> Path:
    path = tmp_path / "kg.graphml"
    write_graphml(kg, path)
    return path


def _expected_label(text: str) -> str:
    return strip_xml_illegal(text)


# -- validity and readers -----------------------------------------------------------------------


def test_validates_against_the_xsd(graphml_file: Path, schema: etree.XMLSchema) -> None:
    doc = etree.parse(str(graphml_file))
    assert schema.validate(doc), schema.error_log


def test_the_xsd_catches_duplicate_edge_ids(sample_kg: KnowledgeGraph, schema: etree.XMLSchema) -> None:
    text = generate_graphml(sample_kg).replace('<edge id="R02"', '<edge id="R01"')
    assert not schema.validate(etree.fromstring(text.encode("utf-8")))


def test_igraph_reads_every_node_and_edge(graphml_file: Path, kg: KnowledgeGraph) -> None:
    g = igraph.Graph.Read_GraphML(str(graphml_file))
    assert g.vcount() == len(kg.entities)
    assert g.ecount() == len(kg.relations)
    assert g.is_directed()
    labels = dict(zip(g.vs["id"], g.vs["label"]))
    assert labels == {e.id: _expected_label(e.label) for e in kg.entities}
    assert sorted(g.es["predicate"]) == sorted(r.predicate for r in kg.relations)
    assert sorted(g.es["confidence"]) == pytest.approx(sorted(r.confidence for r in kg.relations))


def test_networkx_round_trip_keeps_every_edge_and_label(graphml_file: Path, kg: KnowledgeGraph) -> None:
    g = nx.read_graphml(graphml_file, force_multigraph=True)
    assert g.is_directed() and g.is_multigraph()
    assert {n: d["label"] for n, d in g.nodes(data=True)} == {e.id: _expected_label(e.label) for e in kg.entities}
    edges = {key: (u, v, d) for u, v, key, d in g.edges(keys=True, data=True)}
    assert set(edges) == {r.id for r in kg.relations}
    for r in kg.relations:
        u, v, d = edges[r.id]
        assert (u, v) == (r.subject, r.object)
        assert d["label"] == d["predicate"] == r.predicate
        assert d["confidence"] == pytest.approx(r.confidence)
        assert d["inferred"] is r.inferred
        assert d["modality"] == r.modality
        if r.evidence:
            assert d["sentence"] == " | ".join(dict.fromkeys(_expected_label(ev.text) for ev in r.evidence))
            assert d["document"] == " | ".join(dict.fromkeys(ev.doc for ev in r.evidence))


def test_sample_attributes(sample_kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "s.graphml"
    write_graphml(sample_kg, path)
    g = nx.read_graphml(path, force_multigraph=True)
    meta = g.nodes["meta"]
    assert meta["type"] == "Organization"
    assert meta["color"] == TYPE_COLORS["Organization"] and re.fullmatch(r"#[0-9A-F]{6}", meta["color"])
    assert (meta["r"], meta["g"], meta["b"]) == (0x4E, 0x79, 0xA7)
    assert meta["aliases"] == "Meta | メタ | 同社"
    assert meta["mentions"] == 4
    assert meta["label_ja"] == "メタ" and meta["label_en"] == "Meta"
    assert meta["same_as"] == "http://www.wikidata.org/entity/Q380"
    assert "aliases" not in g.nodes["zuckerberg"]  # empty values are left out
    edges = {k: d for _, _, k, d in g.edges(keys=True, data=True)}
    assert edges["R01"]["amount"] == 14_300_000_000.0 and edges["R01"]["currency"] == "USD"
    assert edges["R01"]["stake"] == 49.0 and edges["R01"]["date"] == "2025-10"
    assert edges["R02"]["role"] == "最高 AI 責任者" and edges["R02"]["status"] == "current"
    assert edges["R06"]["count"] == 600.0 and edges["R06"]["unit"] == "人"
    assert edges["R06"]["date"] == "2026-Q1" and edges["R06"]["date_precision"] == "quarter"
    assert edges["R07"]["modality"] == "negated"
    assert edges["R13"]["evidence_count"] == 2
    assert edges["R14"]["lemma"] == "削減" and "sentence" not in edges["R14"]
    # parallel statements between the same pair stay separate edges
    assert {k for u, v, k in g.edges(keys=True) if (u, v) == ("meta", "scaleai")} == {"R01", "R07", "R11"}


def test_hostile_text_is_kept_except_xml_illegal_characters(hostile_kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "h.graphml"
    write_graphml(hostile_kg, path)
    g = nx.read_graphml(path, force_multigraph=True)
    assert g.nodes["H1"]["label"] == "ctl\t\n\r\x7f end"
    assert g.nodes["H5"]["label"] == "line\r\nbreak\ttab\u2028sep\u2029para\ufeffbom"
    assert g.nodes["H4"]["label"] == "長" * 2000
    assert g.nodes["H3"]["label"] == hostile_kg.entities[3].label  # right-to-left text and controls
    assert g.nodes["H0"]["label"] == hostile_kg.entities[0].label  # quotes and markup


@pytest.mark.node
def test_graphology_keeps_every_edge(graphml_file: Path, kg: KnowledgeGraph) -> None:
    node = shutil.which("node")
    assert node, "node is not installed (Debian package nodejs)"
    assert (JS_DIR / "node_modules" / "graphology-graphml").is_dir(), (
        "the npm packages of tests/js are missing: run `npm ci --prefix tests/js`")
    out = subprocess.run([node, str(JS_DIR / "graphml_check.js"), str(graphml_file)],
                         capture_output=True, text=True, encoding="utf-8", timeout=60, check=False)
    assert out.returncode == 0, out.stderr
    read = json.loads(out.stdout)
    assert read["type"] == "directed"
    assert read["order"] == len(kg.entities)
    assert read["size"] == len(kg.relations)
    assert {e["key"] for e in read["edges"]} == {r.id for r in kg.relations}
    assert {n: a["label"] for n, a in read["nodes"].items()} == {e.id: _expected_label(e.label) for e in kg.entities}
    by_key = {e["key"]: e for e in read["edges"]}
    for r in kg.relations:
        edge = by_key[r.id]
        assert (edge["source"], edge["target"]) == (r.subject, r.object)
        assert edge["attributes"]["predicate"] == r.predicate
        assert edge["attributes"]["confidence"] == pytest.approx(r.confidence)


@pytest.mark.node
def test_graphology_sees_a_multigraph(sample_kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "s.graphml"
    write_graphml(sample_kg, path)
    assert (JS_DIR / "node_modules" / "graphology").is_dir(), "run `npm ci --prefix tests/js`"
    out = subprocess.run(["node", str(JS_DIR / "graphml_check.js"), str(path)], capture_output=True, text=True,
                         encoding="utf-8", timeout=60, check=True)
    read = json.loads(out.stdout)
    assert read["multi"] is True and read["size"] == len(sample_kg.relations)


# -- lint: the Gephi rules a schema cannot express ------------------------------------------------


def lint_gephi(text: str) -> list[str]:
    """Problems with ``text`` under the Gephi rules 1-6 and 8-11 (empty list = none)."""
    problems: list[str] = []
    if not text.startswith('<?xml version="1.0" encoding="UTF-8"?>'):
        problems.append("rule 1: no UTF-8 XML declaration")
    if re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", text):
        problems.append("rule 2: XML-illegal character")
    root = etree.fromstring(text.encode("utf-8"))
    keys = {k.get("id"): k for k in root.findall("g:key", NS)}
    graph = root.find("g:graph", NS)
    if graph is None:
        return problems + ["no graph"]
    if any(child.tag == f"{{{NS['g']}}}key" for child in graph.iter()):
        problems.append("rule 3: key inside the graph")
    names: dict[str, str] = {}
    for kid, key in keys.items():
        if key.get("for") not in ("node", "edge"):
            problems.append(f"rule 3: key {kid} is not for node or edge")
        if key.get("attr.type") not in GEPHI_TYPES:
            problems.append(f"rule 4: key {kid} has type {key.get('attr.type')}")
        name = f"{key.get('for')}:{key.get('attr.name')}"
        if names.setdefault(name, kid) != kid:
            problems.append(f"rule 4: two keys named {name}")
    if root.findall(".//g:desc", NS):
        problems.append("rule 6: <desc> present")
    if root.findall(".//g:hyperedge", NS) or root.findall(".//g:port", NS) or graph.findall(".//g:graph", NS):
        problems.append("rule 12: hyperedge, port or nested graph")
    for node in graph.findall("g:node", NS):
        nid = node.get("id") or ""
        if not re.fullmatch(r"[A-Za-z0-9_.\-]+", nid):
            problems.append(f"rule 7: node id {nid!r} is not a plain ASCII token")
        data = {keys[d.get("key")].get("attr.name") for d in node.findall("g:data", NS) if d.get("key") in keys}
        if "label" not in data:
            problems.append(f"rule 6: node {nid} has no label")
    edge_ids: set[str] = set()
    for edge in graph.findall("g:edge", NS):
        eid = edge.get("id")
        if not eid or eid in edge_ids:
            problems.append(f"rule 8: edge id {eid!r} missing or repeated")
        edge_ids.add(eid or "")
        data = {keys[d.get("key")].get("attr.name") for d in edge.findall("g:data", NS) if d.get("key") in keys}
        if "label" not in data:
            problems.append(f"rule 6: edge {eid} has no label")
    for d in root.iter(f"{{{NS['g']}}}data"):
        key = keys.get(d.get("key"))
        if key is None:
            problems.append(f"rule 3: data for undeclared key {d.get('key')}")
            continue
        value = d.text or ""
        if not value.strip():
            problems.append(f"rule 11: empty value for {d.get('key')}")
        kind = key.get("attr.type")
        if kind in ("int", "long") and not re.fullmatch(r"-?\d+", value):
            problems.append(f"rule 4: {value!r} is not an {kind}")
        if kind in ("double", "float") and not re.fullmatch(r"-?\d+(\.\d+)?([eE][-+]?\d+)?", value):
            problems.append(f"rule 4: {value!r} is not a finite {kind}")
        if kind == "boolean" and value not in ("true", "false"):
            problems.append(f"rule 4: {value!r} is not a boolean")
        if key.get("attr.name") == "color" and not re.fullmatch(r"#[0-9A-F]{6}", value):
            problems.append(f"rule 5: colour {value!r} is not #RRGGBB")
    return problems


def test_follows_the_gephi_rules(kg: KnowledgeGraph) -> None:
    assert lint_gephi(generate_graphml(kg)) == []


def test_lint_catches_broken_files(sample_kg: KnowledgeGraph) -> None:
    good = generate_graphml(sample_kg)
    assert lint_gephi(good.replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?>'))
    assert lint_gephi(good.replace('id="R02"', 'id="R01"'))
    assert lint_gephi(good.replace('<data key="e_label">worksFor</data>', ""))
    assert lint_gephi(good.replace('attr.type="double"', 'attr.type="number"', 1))
    assert lint_gephi(good.replace('<data key="n_type">Person</data>', '<data key="n_type"> </data>', 1))
    assert lint_gephi(good.replace('<data key="e_weight">0.92</data>', '<data key="e_weight">nan</data>'))


def test_keys_are_declared_once_with_gephi_types() -> None:
    for keys in (NODE_KEYS, EDGE_KEYS):
        assert len({k.name for k in keys}) == len(keys)
        assert all(k.type in GEPHI_TYPES for k in keys)
    assert {k.id for k in NODE_KEYS}.isdisjoint({k.id for k in EDGE_KEYS})
    assert set(TYPE_COLORS) == {"Person", "Organization", "Product", "Place", "Facility", "Event"}


# -- determinism and errors ------------------------------------------------------------------------


def test_deterministic(samples) -> None:  # type: ignore[no-untyped-def]
    for build in (samples.build_sample_kg, samples.build_hostile_kg):
        text = generate_graphml(build())
        assert generate_graphml(build()) == text
        assert generate(build(), "graphml") == text
        reordered = build()
        reordered = KnowledgeGraph(documents=reordered.documents[::-1], entities=reordered.entities[::-1],
                                   relations=reordered.relations[::-1])
        assert generate_graphml(reordered) == text


def _rel(**qualifiers: object) -> KnowledgeGraph:
    ents = (Entity(id="A", label="A", type="Organization"), Entity(id="B", label="B", type="Organization"))
    rel = Relation(id="R1", subject="A", predicate="acquires", object="B", confidence=0.5,
                   qualifiers=Qualifiers(**qualifiers))  # type: ignore[arg-type]
    return KnowledgeGraph(entities=ents, relations=(rel,))


@pytest.mark.parametrize("qualifiers", [
    {"amount": Amount(value=float("nan"), currency="JPY")},
    {"amount": Amount(value=1.0, currency="JPY", upper=float("inf"))},
    {"count": Quantity(value=float("-inf"))},
    {"amount": Amount(value=2**53 + 1, currency="JPY")},
])
def test_unrepresentable_numbers_raise(qualifiers: dict) -> None:
    with pytest.raises(ExportError, match="GraphML does not support .* of relation R1"):
        generate_graphml(_rel(**qualifiers))


def test_label_made_only_of_illegal_characters_falls_back_to_the_id() -> None:
    kg = KnowledgeGraph(entities=(Entity(id="E1", label="\x01\x02", type="Event"),))
    assert '<data key="n_label">E1</data>' in generate_graphml(kg)


def test_empty_graph_is_valid(schema: etree.XMLSchema) -> None:
    text = generate_graphml(KnowledgeGraph())
    assert schema.validate(etree.fromstring(text.encode("utf-8")))
    assert lint_gephi(text) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(label=st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40))
def test_any_label_round_trips_without_illegal_characters(label: str) -> None:
    kg = KnowledgeGraph(entities=(Entity(id="E1", label=label, type="Place"),))
    text = generate_graphml(kg)
    assert lint_gephi(text) == []
    node = etree.fromstring(text.encode("utf-8")).find("g:graph/g:node", NS)
    assert node is not None
    data = {d.get("key"): d.text for d in node.findall("g:data", NS)}
    stripped = strip_xml_illegal(label)
    assert data["n_label"] == (stripped if stripped.strip() else "E1")
