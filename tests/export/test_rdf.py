"""RDF exports: every format parses in rdflib and pyoxigraph, keeps every string, is deterministic,
satisfies the SHACL shapes, and uses only the declared vocabulary."""

from __future__ import annotations

import json
import warnings
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pyoxigraph as ox
import pyshacl
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import OWL, SKOS

from extractor.errors import ExportError
from extractor.export import generate
from extractor.export.rdf import (
    detect_language,
    generate_jsonld,
    generate_nquads,
    generate_ntriples,
    generate_turtle,
    to_rdflib,
)
from extractor.models import Amount, Entity, KnowledgeGraph, Qualifiers, Relation
from extractor.ontology import KG, KG_NS, META_GRAPH, document_iri, statement_iri

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = ROOT / "schemas" / "ontology.ttl"
SHAPES = ROOT / "schemas" / "shapes.ttl"

GRAPH_FORMATS = {  # name -> (generator, rdflib format, pyoxigraph format)
    "turtle": (generate_turtle, "turtle", ox.RdfFormat.TURTLE),
    "nt": (generate_ntriples, "nt", ox.RdfFormat.N_TRIPLES),
    "jsonld": (generate_jsonld, "json-ld", ox.RdfFormat.JSON_LD),
}

ENT = "https://w3id.org/extractor/entity/"


def _parse(text: str, fmt: str) -> rdflib.Graph:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="rdflib")
        return rdflib.Graph().parse(data=text, format=fmt)


def _rdflib_triples(text: str, fmt: str) -> set[tuple]:
    return set(_parse(text, fmt))


def _ox_triples(text: str, fmt: ox.RdfFormat) -> set[tuple[str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in ox.parse(text.encode("utf-8"), format=fmt)}


def _literal_values(graph: rdflib.Graph) -> set[str]:
    return {str(o) for o in graph.objects() if isinstance(o, Literal)}


# -- parsing in both libraries ------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(GRAPH_FORMATS))
def test_every_graph_format_parses_to_the_same_triples(any_kg: KnowledgeGraph, name: str) -> None:
    generator, rdflib_fmt, ox_fmt = GRAPH_FORMATS[name]
    text = generator(any_kg)
    reference = _rdflib_triples(generate_ntriples(any_kg), "nt")
    assert _rdflib_triples(text, rdflib_fmt) == reference
    assert _ox_triples(text, ox_fmt) == _ox_triples(generate_ntriples(any_kg), ox.RdfFormat.N_TRIPLES)
    assert len(_ox_triples(text, ox_fmt)) == len(reference)
    assert set(to_rdflib(any_kg)) == reference


def test_nquads_parse_with_one_named_graph_per_document(sample_kg: KnowledgeGraph) -> None:
    text = generate_nquads(sample_kg)
    with warnings.catch_warnings():  # rdflib 7.x's N-Quads parser calls its own deprecated API
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="rdflib")
        ds = rdflib.Dataset()
        ds.parse(data=text, format="nquads")
        rdflib_quads = len(list(ds.quads((None, None, None, None))))
    quads = list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == len(text.splitlines())
    names = {str(q.graph_name.value) for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    assert names == {document_iri(d.id) for d in sample_kg.documents}
    default = {(str(q.subject.value), str(q.predicate.value)) for q in quads
               if isinstance(q.graph_name, ox.DefaultGraph)}
    # entity descriptions (and the statement without evidence, R14) are in the default graph
    assert (ENT + "meta", str(RDF.type)) in default
    assert (ENT + "meta", str(RDFS.label)) in default
    assert (statement_iri("R14"), str(RDF.subject)) in default
    assert all(s.startswith((ENT, statement_iri(""))) for s, _ in default)
    # a statement supported by two documents is in both graphs
    r13 = {str(q.graph_name.value) for q in quads if str(q.subject.value) == statement_iri("R13")}
    assert r13 == {document_iri("d1"), document_iri("記事 2.txt")}
    # the rdflib Dataset agrees with pyoxigraph
    assert rdflib_quads == len(quads)
    assert META_GRAPH not in text


def test_nquads_union_equals_ntriples(any_kg: KnowledgeGraph) -> None:
    union = {(str(q.subject), str(q.predicate), str(q.object))
             for q in ox.parse(generate_nquads(any_kg).encode("utf-8"), format=ox.RdfFormat.N_QUADS)}
    assert union == _ox_triples(generate_ntriples(any_kg), ox.RdfFormat.N_TRIPLES)


def test_registry_names_the_generators(sample_kg: KnowledgeGraph) -> None:
    assert generate(sample_kg, "turtle") == generate_turtle(sample_kg)
    assert generate(sample_kg, "jsonld") == generate_jsonld(sample_kg)
    assert generate(sample_kg, "nt") == generate_ntriples(sample_kg)
    assert generate(sample_kg, "nq") == generate_nquads(sample_kg)
    assert isinstance(sample_kg.to_rdflib(), rdflib.Graph)


# -- strings survive ------------------------------------------------------------------------------


def _expected_strings(kg: KnowledgeGraph) -> set[str]:
    out: set[str] = set()
    for e in kg.entities:
        out.add(e.label)
        out.update(v for v in e.labels.values() if v)
        out.update(a for a in e.aliases if a)
        out.update(m.text for m in e.mentions)
    for r in kg.relations:
        out.update(ev.text for ev in r.evidence)
        out.update(ev.rule for ev in r.evidence)
        out.update(ev.attribution for ev in r.evidence if ev.attribution)
        for value in (r.qualifiers.role, r.qualifiers.lemma):
            if value:
                out.add(value)
    for d in kg.documents:
        out.update(v for v in (d.title, d.source) if v)
    return out


@pytest.mark.parametrize("name", sorted(GRAPH_FORMATS))
def test_hostile_strings_survive_every_format(hostile_kg: KnowledgeGraph, samples: SimpleNamespace,
                                              name: str) -> None:
    generator, rdflib_fmt, ox_fmt = GRAPH_FORMATS[name]
    text = generator(hostile_kg)
    expected = _expected_strings(hostile_kg)
    assert set(samples.HOSTILE_NAMES) <= expected
    assert expected <= _literal_values(_parse(text, rdflib_fmt))
    ox_literals = {q.object.value for q in ox.parse(text.encode("utf-8"), format=ox_fmt)
                   if isinstance(q.object, ox.Literal)}
    assert expected <= ox_literals


def test_hostile_document_iri_is_percent_encoded(hostile_kg: KnowledgeGraph) -> None:
    nq = generate_nquads(hostile_kg)
    doc = hostile_kg.documents[0]
    iri = document_iri(doc.id)
    assert f"<{iri}>" in nq
    tail = iri.rsplit("/", 1)[1]
    assert all(c.isascii() and (c.isalnum() or c in "-._~%") for c in tail)
    assert " " not in iri and "/" not in tail


def test_ntriples_escaping_is_canonical_and_line_safe(hostile_kg: KnowledgeGraph) -> None:
    nt = generate_ntriples(hostile_kg)
    for line in nt.split("\n")[:-1]:
        assert line.endswith(" .")
        assert not any(ord(c) < 0x20 for c in line), line[:80]
        assert "\u2028" not in line and "\u2029" not in line and "\x85" not in line
    assert len(nt.split("\n")) - 1 == len(nt.splitlines())
    assert '\\"hi\\"' in nt and "\\\\ back\\\\slash" in nt
    assert "\\u0000\\u0001" in nt and "\\t\\n\\u000B\\f\\r" in nt and "\\u007F" in nt
    assert "🦙" in nt and "עברית" in nt  # non-ASCII is written as itself
    assert nt.endswith("\n")


def test_long_names_are_kept_whole(hostile_kg: KnowledgeGraph) -> None:
    g = to_rdflib(hostile_kg)
    labels = {str(o) for o in g.objects(URIRef(ENT + "H4"), SKOS.prefLabel)}
    assert labels == {"長" * 2000}


# -- determinism ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["turtle", "jsonld", "nt", "nq"])
def test_output_is_byte_identical_across_runs_and_construction_orders(samples: SimpleNamespace, fmt: str) -> None:
    for build in (samples.build_sample_kg, samples.build_hostile_kg):
        first = generate(build(), fmt)
        assert generate(build(), fmt) == first
        assert generate(samples.shuffled(build(), seed=1), fmt) == first
        assert generate(samples.shuffled(build(), seed=2), fmt) == first


def test_empty_graph() -> None:
    kg = KnowledgeGraph()
    assert generate_ntriples(kg) == generate_nquads(kg) == ""
    assert json.loads(generate_jsonld(kg))["@graph"] == []
    assert len(rdflib.Graph().parse(data=generate_turtle(kg), format="turtle")) == 0


# -- the model ----------------------------------------------------------------------------------


def _stmt(g: rdflib.Graph, rid: str, prop: str) -> list[Literal]:
    return sorted(g.objects(URIRef(statement_iri(rid)), URIRef(KG_NS + prop)))  # type: ignore[type-var]


def test_entity_description(sample_kg: KnowledgeGraph) -> None:
    g = to_rdflib(sample_kg)
    meta = URIRef(ENT + "meta")
    assert set(g.objects(meta, RDF.type)) == {KG.Organization}
    assert set(g.objects(meta, RDFS.label)) == {Literal("メタ", lang="ja"), Literal("Meta", lang="en")}
    assert set(g.objects(meta, SKOS.prefLabel)) == {Literal("Meta", lang="en")}
    assert set(g.objects(meta, SKOS.altLabel)) == {Literal("同社", lang="ja")}
    assert set(g.objects(meta, OWL.sameAs)) == {URIRef("http://www.wikidata.org/entity/Q380")}
    assert set(g.objects(meta, KG.mentionedIn)) == {URIRef(document_iri("d1")), URIRef(document_iri("記事 2.txt"))}
    # a label without a language: Japanese script -> @ja, otherwise @en
    assert set(g.objects(URIRef(ENT + "zuckerberg"), RDFS.label)) == {Literal("マーク・ザッカーバーグ", lang="ja")}
    assert set(g.objects(URIRef(ENT + "scaleai"), RDFS.label)) == {Literal("Scale AI", lang="en")}
    # mentions keep their offsets and text
    mentions = list(g.subjects(KG.refersTo, meta))
    assert len(mentions) == 4
    spans = {(int(g.value(m, KG.start)), int(g.value(m, KG.end)), str(g.value(m, KG.text))) for m in mentions}
    for m in sample_kg.entity("meta").mentions:  # type: ignore[union-attr]
        assert (m.start, m.end, m.text) in spans


def test_statement_nodes_and_direct_triples(sample_kg: KnowledgeGraph) -> None:
    g = to_rdflib(sample_kg)
    meta, scale = URIRef(ENT + "meta"), URIRef(ENT + "scaleai")
    assert (meta, KG.investsIn, scale) in g
    node = URIRef(statement_iri("R01"))
    assert g.value(node, RDF.subject) == meta
    assert g.value(node, RDF.predicate) == KG.investsIn
    assert g.value(node, RDF.object) == scale
    assert _stmt(g, "R01", "confidence") == [Literal("0.92", datatype=XSD.decimal)]
    assert _stmt(g, "R01", "amount") == [Literal("14300000000", datatype=XSD.decimal)]
    assert _stmt(g, "R01", "currency") == [Literal("USD")]
    assert _stmt(g, "R01", "stake") == [Literal("49", datatype=XSD.decimal)]
    assert _stmt(g, "R01", "date") == [Literal("2025-10", datatype=XSD.gYearMonth)]
    assert _stmt(g, "R01", "inferred") == [Literal(False)]
    assert _stmt(g, "R01", "modality") == [Literal("asserted")]
    # every statement has exactly one node with its id, and every relation predicate is used
    assert len(set(g.subjects(RDF.type, KG.Statement))) == len(sample_kg.relations)


def test_negated_statement_has_no_direct_triple(sample_kg: KnowledgeGraph) -> None:
    kg = sample_kg
    without_r11 = kg.model_copy(update={"relations": tuple(r for r in kg.relations if r.id != "R11")})
    g = to_rdflib(KnowledgeGraph.model_validate(without_r11.model_dump()))
    assert (URIRef(ENT + "meta"), KG.acquires, URIRef(ENT + "scaleai")) not in g
    assert _stmt(g, "R07", "modality") == [Literal("negated")]
    assert g.value(URIRef(statement_iri("R07")), RDF.predicate) == KG.acquires


def test_dates_by_precision(sample_kg: KnowledgeGraph, hostile_kg: KnowledgeGraph) -> None:
    g = to_rdflib(sample_kg)
    assert _stmt(g, "R09", "date") == [Literal("2015", datatype=XSD.gYear)]
    assert _stmt(g, "R10", "date") == [Literal("2023-07-18", datatype=XSD.date)]
    assert _stmt(g, "R10", "dateModifier") == [Literal("mid")]
    assert _stmt(g, "R06", "date") == [Literal("2026-Q1")]
    assert _stmt(g, "R06", "datePrecision") == [Literal("quarter")]
    assert _stmt(g, "R06", "count") == [Literal("600", datatype=XSD.decimal)]
    assert _stmt(g, "R06", "unit") == [Literal("人")]
    assert _stmt(g, "R11", "amountUpper") == [Literal("72000000000", datatype=XSD.decimal)]
    assert _stmt(g, "R14", "lemma") == [Literal("削減")]
    # document dates: a valid ISO date is typed, an invalid one stays a string
    assert g.value(URIRef(document_iri("d1")), KG.published) == Literal("2025-10-02", datatype=XSD.date)
    hostile = to_rdflib(hostile_kg)
    assert list(hostile.objects(None, KG.published)) == [Literal("2025-13-45")]


def test_evidence_nodes(sample_kg: KnowledgeGraph) -> None:
    g = to_rdflib(sample_kg)
    prov = rdflib.Namespace("http://www.w3.org/ns/prov#")
    evidence = list(g.objects(URIRef(statement_iri("R04")), prov.wasDerivedFrom))
    assert len(evidence) == 1
    ev = evidence[0]
    source = next(r for r in sample_kg.relations if r.id == "R04").evidence[0]
    assert g.value(ev, KG.document) == URIRef(document_iri("d1"))
    assert g.value(ev, KG.start) == Literal(source.start, datatype=XSD.integer)
    assert g.value(ev, KG.end) == Literal(source.end, datatype=XSD.integer)
    assert str(g.value(ev, KG.sentence)) == source.text
    assert str(g.value(ev, KG.rule)) == "develop"
    assert str(g.value(ev, KG.attribution)) == "マーク・ザッカーバーグ"
    assert len(list(g.objects(URIRef(statement_iri("R13")), prov.wasDerivedFrom))) == 2


def test_decimal_lexical_forms_are_exact(hostile_kg: KnowledgeGraph) -> None:
    g = to_rdflib(hostile_kg)
    assert _stmt(g, "HR0", "amount") == [Literal(str(2**53), datatype=XSD.decimal)]
    assert _stmt(g, "HR1", "amount") == [Literal("0.0000001", datatype=XSD.decimal)]
    assert _stmt(g, "HR2", "confidence")[0].toPython() == Decimal(repr(1 / 3))


def test_detect_language() -> None:
    assert detect_language("ｱｲｳ") == "ja"
    assert detect_language("漢字") == "ja"
    assert detect_language("Ünïcode") == "en"
    assert detect_language("") == "en"


# -- honest errors --------------------------------------------------------------------------------


def _one_relation(**qualifiers: object) -> KnowledgeGraph:
    ents = (Entity(id="A", label="A", type="Organization"), Entity(id="B", label="B", type="Organization"))
    rel = Relation(id="R1", subject="A", predicate="acquires", object="B", confidence=0.5,
                   qualifiers=Qualifiers(**qualifiers))  # type: ignore[arg-type]
    return KnowledgeGraph(entities=ents, relations=(rel,))


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_amount_is_refused(value: float) -> None:
    kg = _one_relation(amount=Amount(value=value, currency="JPY"))
    with pytest.raises(ExportError, match="relation R1 amount: the number .* is not finite"):
        generate_turtle(kg)


def test_big_integers_stay_exact_in_rdf() -> None:
    kg = _one_relation(amount=Amount(value=123456789012345678901234567890, currency="JPY"))
    assert '"123456789012345678901234567890"^^<http://www.w3.org/2001/XMLSchema#decimal>' in generate_ntriples(kg)


def test_same_as_must_be_an_iri() -> None:
    kg = KnowledgeGraph(entities=(Entity(id="A", label="A", type="Person", same_as=("Q42",)),))
    with pytest.raises(ExportError, match="entity A same_as: 'Q42' is not an absolute IRI"):
        generate_ntriples(kg)
    spaced = KnowledgeGraph(entities=(Entity(id="A", label="A", type="Person", same_as=("http://x/a b",)),))
    with pytest.raises(ExportError):
        generate_ntriples(spaced)


def test_jsonld_refuses_iris_that_look_like_its_prefixes() -> None:
    kg = KnowledgeGraph(entities=(Entity(id="A", label="A", type="Person", same_as=("kg:Person",)),))
    assert "<kg:Person>" in generate_ntriples(kg)
    with pytest.raises(ExportError, match="kg:Person"):
        generate_jsonld(kg)


def test_unpaired_surrogates_are_refused() -> None:
    # the models reject them; graphs built with model_construct (no validation) still must not export
    bad = Entity.model_construct(id="A", label="bad \udc80 text", labels={}, type="Person", aliases=(),
                                 mentions=(), same_as=(), kb_id=None)
    kg = KnowledgeGraph.model_construct(documents=(), entities=(bad,), relations=())
    with pytest.raises(ExportError, match="entity A label: .*U\\+DC80"):
        generate_turtle(kg)


def test_bad_language_keys_are_refused() -> None:
    kg = KnowledgeGraph(entities=(Entity(id="A", label="A", labels={"not a tag": "x"}, type="Person"),))
    with pytest.raises(ExportError, match="'not a tag' is not a BCP 47 tag"):
        generate_nquads(kg)


# -- vocabulary and shapes -------------------------------------------------------------------------


def _declared_in_ontology() -> set[str]:
    g = rdflib.Graph().parse(ONTOLOGY)
    return {str(s)[len(KG_NS):] for s in g.subjects(RDF.type, None) if str(s).startswith(KG_NS)}


def _used_in_exports(*graphs: KnowledgeGraph) -> set[str]:
    used: set[str] = set()
    for kg in graphs:
        for q in ox.parse(generate_nquads(kg).encode("utf-8"), format=ox.RdfFormat.N_QUADS):
            for term in (q.subject, q.predicate, q.object):
                if isinstance(term, ox.NamedNode) and term.value.startswith(KG_NS):
                    used.add(term.value[len(KG_NS):])
    return used


def test_every_used_term_is_declared(sample_kg: KnowledgeGraph, hostile_kg: KnowledgeGraph) -> None:
    used = _used_in_exports(sample_kg, hostile_kg)
    assert used <= _declared_in_ontology()
    assert used <= set(KG.__annotations__)
    assert {"Statement", "Mention", "Document", "worksFor", "confidence", "refersTo"} <= used


def test_defined_namespace_matches_the_ontology_file() -> None:
    assert set(KG.__annotations__) == _declared_in_ontology()
    with pytest.raises(AttributeError):
        KG.notATerm  # noqa: B018 - the attribute access is the test


def test_ontology_documents_every_term_in_both_languages() -> None:
    g = rdflib.Graph().parse(ONTOLOGY)
    from extractor.models import ENTITY_TYPES, PREDICATES

    for name in _declared_in_ontology():
        term = URIRef(KG_NS + name)
        assert {o.language for o in g.objects(term, RDFS.label)} == {"ja", "en"}, name
        assert {o.language for o in g.objects(term, RDFS.comment)} == {"ja", "en"}, name
    for name in PREDICATES:
        assert (URIRef(KG_NS + name), RDF.type, OWL.ObjectProperty) in g
        if name != "relatedTo":
            assert (URIRef(KG_NS + name), RDFS.subPropertyOf, KG.relatedTo) in g
    for name in ENTITY_TYPES:
        assert (URIRef(KG_NS + name), RDF.type, OWL.Class) in g
        assert next(g.objects(URIRef(KG_NS + name), RDFS.subClassOf)).startswith("https://schema.org/")
    assert (KG.partnerOf, RDF.type, OWL.SymmetricProperty) in g
    assert (KG.competitorOf, RDF.type, OWL.SymmetricProperty) in g
    assert len(list(ox.parse(path=str(ONTOLOGY)))) == len(g)


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(SHAPES)


@pytest.mark.parametrize("which", ["sample_kg", "hostile_kg"])
def test_exports_satisfy_the_shapes(shapes: rdflib.Graph, request: pytest.FixtureRequest, which: str) -> None:
    data = rdflib.Graph().parse(data=generate_turtle(request.getfixturevalue(which)), format="turtle")
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes)
    assert conforms, report


def test_shapes_catch_broken_graphs(shapes: rdflib.Graph, sample_kg: KnowledgeGraph) -> None:
    """The shapes are not vacuous: each mutation breaks a different rule."""
    sample = sample_kg
    small = KnowledgeGraph(documents=sample.documents,
                           entities=tuple(e for e in sample.entities if e.id in ("meta", "scaleai")),
                           relations=tuple(r for r in sample.relations if r.id == "R01"))
    base = to_rdflib(small)
    conforms, _, report = pyshacl.validate(base, shacl_graph=shapes)
    assert conforms, report
    meta = URIRef(ENT + "meta")
    r01 = URIRef(statement_iri("R01"))
    mutations = {
        "confidence out of range": lambda g: g.set((r01, KG.confidence, Literal("1.5", datatype=XSD.decimal))),
        "two entity types": lambda g: g.add((meta, RDF.type, KG.Person)),
        "label without language": lambda g: g.add((meta, RDFS.label, Literal("Meta"))),
        "unknown modality": lambda g: g.set((r01, KG.modality, Literal("maybe"))),
        "missing direct triple": lambda g: g.remove((meta, KG.investsIn, URIRef(ENT + "scaleai"))),
        "string offset": lambda g: [g.set((ev, KG.start, Literal("3")))
                                    for ev in g.subjects(KG.rule, None)],
        "no subject": lambda g: g.remove((r01, RDF.subject, None)),
    }
    for name, mutate in mutations.items():
        g = rdflib.Graph()
        for t in base:
            g.add(t)
        mutate(g)
        conforms, _, _ = pyshacl.validate(g, shacl_graph=shapes)
        assert not conforms, name


# -- property: any text survives -----------------------------------------------------------------

_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(label=_TEXT, alias=_TEXT)
def test_any_label_survives_every_format(label: str, alias: str) -> None:
    kg = KnowledgeGraph(entities=(Entity(id="E1", label=label, type="Person", aliases=(alias,)),))
    expected = {label, alias}
    for name, (generator, rdflib_fmt, ox_fmt) in GRAPH_FORMATS.items():
        text = generator(kg)
        values = {q.object.value for q in ox.parse(text.encode("utf-8"), format=ox_fmt)
                  if isinstance(q.object, ox.Literal)}
        assert expected <= values, name
        assert expected <= _literal_values(_parse(text, rdflib_fmt)), name
