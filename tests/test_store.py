"""The on-disk store (named graph per document, metadata, replacement) and SPARQL queries."""

from __future__ import annotations

import importlib.util
import time
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pyoxigraph as ox
import pytest

from extractor.errors import InputError, QueryError, StoreError
from extractor.export.rdf import generate_jsonld, generate_nquads, generate_ntriples, generate_turtle
from extractor.models import Document, Entity, KnowledgeGraph
from extractor.ontology import BASE_GRAPH, META_GRAPH, document_iri
from extractor.store import (
    add_graph,
    check_query,
    document_status,
    open_store,
    query_form,
    query_graph,
    query_source,
    run_query,
)


def _load_samples() -> ModuleType:
    """The sample graphs of tests/export/conftest.py, loaded by path (works in any import mode)."""
    path = Path(__file__).parent / "export" / "conftest.py"
    spec = importlib.util.spec_from_file_location("extractor_test_samples", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SAMPLES = _load_samples()

WORKS_FOR = "SELECT ?p ?o WHERE { ?p kg:worksFor ?o }"


@pytest.fixture
def sample() -> KnowledgeGraph:
    return SAMPLES.build_sample_kg()


def _graph_names(store: ox.Store) -> set[str]:
    return {g.value for g in store.named_graphs()}


def _assert_default_is_merge(store: ox.Store) -> None:
    default = {(q.subject, q.predicate, q.object) for q in store if isinstance(q.graph_name, ox.DefaultGraph)}
    named = {(q.subject, q.predicate, q.object) for q in store
             if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value != META_GRAPH}
    assert default == named


def _only(kg: KnowledgeGraph, doc: str, drop: set[str]) -> KnowledgeGraph:
    """The part of ``kg`` read from ``doc``, without the relations in ``drop``."""
    entities = tuple(e.model_copy(update={"mentions": tuple(m for m in e.mentions if m.doc == doc)})
                     for e in kg.entities)
    relations = tuple(r.model_copy(update={"evidence": tuple(ev for ev in r.evidence if ev.doc == doc)})
                      for r in kg.relations
                      if r.id not in drop and any(ev.doc == doc for ev in r.evidence))
    return KnowledgeGraph(documents=tuple(d for d in kg.documents if d.id == doc), entities=entities,
                          relations=relations)


# -- store ----------------------------------------------------------------------------------------


def test_add_graph_writes_one_named_graph_per_document(tmp_path: Path, sample: KnowledgeGraph) -> None:
    store = open_store(tmp_path / "kg")
    written = add_graph(store, sample, extractor_version="1.2.3")
    nquads = generate_nquads(sample)
    assert written == len(nquads.splitlines())
    assert _graph_names(store) == {document_iri(d.id) for d in sample.documents} | {META_GRAPH, BASE_GRAPH}
    for d in sample.documents:
        assert document_status(store, d.id) == (d.sha256, "1.2.3")
    assert document_status(store, "never-seen") is None
    # the named graphs hold the N-Quads export (its default graph in the base graph) ...
    exported = {str(ox.Quad(q.subject, q.predicate, q.object,
                            ox.NamedNode(BASE_GRAPH) if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name))
                for q in ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)}
    named = {str(q) for q in store if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value != META_GRAPH}
    assert named == exported
    # ... and the default graph is their merge: each triple once
    default = {str(ox.Triple(q.subject, q.predicate, q.object)) for q in store
               if isinstance(q.graph_name, ox.DefaultGraph)}
    assert default == {str(ox.Triple(q.subject, q.predicate, q.object))
                       for q in ox.parse(generate_ntriples(sample).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)}


def test_reingesting_a_document_replaces_its_graph(tmp_path: Path, sample: KnowledgeGraph) -> None:
    store = open_store(tmp_path / "kg")
    add_graph(store, sample, extractor_version="1")
    before = len(store)
    add_graph(store, sample, extractor_version="1")
    assert len(store) == before  # idempotent
    # a new version of d1 with fewer relations: its old statements disappear, d2's stay
    d1 = sample.documents[0]
    entities = tuple(e.model_copy(update={"mentions": tuple(m for m in e.mentions if m.doc == "d1")})
                     for e in sample.entities)
    smaller = KnowledgeGraph(documents=(d1,), entities=entities,
                             relations=tuple(r for r in sample.relations
                                             if all(ev.doc == "d1" for ev in r.evidence) and r.id != "R02"))
    add_graph(store, smaller, extractor_version="2")
    _assert_default_is_merge(store)
    rows = run_query(store, WORKS_FOR).records()
    assert rows == []  # R02 (wang worksFor meta) was only in d1
    assert document_status(store, "d1") == (d1.sha256, "2")
    assert document_status(store, "記事 2.txt") == (sample.documents[1].sha256, "1")
    assert run_query(store, "ASK { ent:lecun kg:leftOrganization ent:meta }").boolean is True


def test_a_triple_shared_by_two_documents_stays_until_both_drop_it(sample: KnowledgeGraph) -> None:
    store = ox.Store()
    add_graph(store, sample, extractor_version="1")
    ask = "ASK { ent:fair kg:partOf ent:meta }"
    assert run_query(store, ask).boolean is True
    add_graph(store, _only(sample, "d1", {"R13"}), extractor_version="2")
    _assert_default_is_merge(store)
    assert run_query(store, ask).boolean is True  # still supported by 記事 2.txt
    count = "SELECT (COUNT(*) AS ?n) WHERE { stmt:R13 prov:wasDerivedFrom ?ev }"
    assert run_query(store, count).records() == [{"n": 1}]
    add_graph(store, _only(sample, "記事 2.txt", {"R13"}), extractor_version="2")
    _assert_default_is_merge(store)
    assert run_query(store, ask).boolean is False
    assert run_query(store, "ASK { stmt:R13 ?p ?o }").boolean is False


def test_entity_descriptions_are_replaced(tmp_path: Path) -> None:
    store = open_store(tmp_path / "kg")
    add_graph(store, KnowledgeGraph(entities=(Entity(id="E1", label="旧名", type="Person", aliases=("a",)),)),
              extractor_version="1")
    add_graph(store, KnowledgeGraph(entities=(Entity(id="E1", label="New", type="Organization"),)),
              extractor_version="1")
    _assert_default_is_merge(store)
    rows = run_query(store, "SELECT ?t ?l WHERE { ent:E1 a ?t ; rdfs:label ?l }").records()
    assert rows == [{"t": "https://w3id.org/extractor/ontology#Organization", "l": "New"}]
    assert run_query(store, "ASK { ent:E1 skos:altLabel ?a }").boolean is False


def test_store_survives_reopening_and_opens_read_only(tmp_path: Path, sample: KnowledgeGraph) -> None:
    path = tmp_path / "kg"
    store = open_store(path)
    add_graph(store, sample, extractor_version="1")
    count = len(store)
    del store
    ro = open_store(path, read_only=True)
    assert len(ro) == count
    with pytest.raises(RuntimeError, match="read-write"):
        ro.add(ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.Literal("x")))
    assert query_source(path, WORKS_FOR).records() == [
        {"p": "https://w3id.org/extractor/entity/wang", "o": "https://w3id.org/extractor/entity/meta"}]


def test_open_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store here"):
        open_store(tmp_path / "missing", read_only=True)
    first = open_store(tmp_path / "locked")
    with pytest.raises(StoreError, match="cannot open the store"):
        open_store(tmp_path / "locked")
    del first
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(StoreError):
        open_store(tmp_path / "file")


# -- queries --------------------------------------------------------------------------------------


def test_query_graph_rows_are_python_values(sample: KnowledgeGraph) -> None:
    rows = sample.query("""
        SELECT ?amount ?stake ?conf ?start ?inferred ?label WHERE {
            ?st rdf:subject ent:meta ; rdf:predicate kg:investsIn ; kg:amount ?amount ; kg:stake ?stake ;
                kg:confidence ?conf ; kg:inferred ?inferred ; prov:wasDerivedFrom ?ev .
            ?ev kg:start ?start .
            ent:meta rdfs:label ?label . FILTER (lang(?label) = "ja")
        }""")
    assert rows == [{"amount": Decimal(14300000000), "stake": Decimal(49), "conf": Decimal("0.92"),
                     "start": 0, "inferred": False, "label": "メタ"}]


def test_query_graph_ask_and_construct(sample: KnowledgeGraph) -> None:
    assert query_graph(sample, "ASK { ?s a kg:Person }") == [{"ask": True}]
    rows = query_graph(sample, "CONSTRUCT { ?s kg:worksFor ?o } WHERE { ?s kg:worksFor ?o }")
    assert rows == [{"subject": "https://w3id.org/extractor/entity/wang",
                     "predicate": "https://w3id.org/extractor/ontology#worksFor",
                     "object": "https://w3id.org/extractor/entity/meta"}]


def test_queries_see_the_union_and_single_graphs(sample: KnowledgeGraph) -> None:
    rows = query_graph(sample, """
        SELECT ?g (COUNT(?st) AS ?n) WHERE { GRAPH ?g { ?st a kg:Statement } } GROUP BY ?g ORDER BY ?g""")
    assert [(r["g"], r["n"]) for r in rows] == [(document_iri("記事 2.txt"), 6), (document_iri("d1"), 8)]
    # R13 is in both documents' graphs, yet the default graph holds it once
    assert query_graph(sample, "SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Statement }") == [{"n": 14}]
    assert query_graph(sample, "SELECT (COUNT(*) AS ?n) WHERE { ent:fair kg:partOf ?o }") == [{"n": 1}]


def test_user_prefixes_override_the_declared_ones(sample: KnowledgeGraph) -> None:
    rows = query_graph(sample, "PREFIX kg: <http://example.org/other#> SELECT ?s WHERE { ?s kg:worksFor ?o }")
    assert rows == []
    # schema: and wdt: are declared too (for the ontology's alignments)
    assert query_graph(sample, "ASK { ?x a schema:Person ; wdt:P108 ?y }") == [{"ask": False}]


@pytest.mark.parametrize("fmt,writer", [(".ttl", generate_turtle), (".nt", generate_ntriples),
                                        (".nq", generate_nquads), (".jsonld", generate_jsonld)])
def test_query_source_reads_every_export(tmp_path: Path, sample: KnowledgeGraph, fmt: str, writer) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"kg{fmt}"
    path.write_text(writer(sample), encoding="utf-8")
    result = query_source(path, WORKS_FOR + " ORDER BY ?p")
    assert result.kind == "select" and result.variables == ("p", "o")
    assert len(result.rows) == 1
    labels = query_source(path, "SELECT ?l WHERE { ent:meta rdfs:label ?l } ORDER BY ?l").rows
    assert [(t[0].value, t[0].language) for t in labels] == [("Meta", "en"), ("メタ", "ja")]


def test_query_source_reads_graph_json(tmp_path: Path, sample: KnowledgeGraph) -> None:
    path = tmp_path / "kg.json"
    path.write_text(sample.to_json(), encoding="utf-8")
    assert query_source(path, "ASK { ent:wang kg:worksFor ent:meta }").boolean is True
    (tmp_path / "bad.json").write_text("{\"documents\": 3}", encoding="utf-8")
    with pytest.raises(QueryError, match="bad.json: cannot read it as graph JSON"):
        query_source(tmp_path / "bad.json", "ASK {}")


def test_query_source_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        query_source(tmp_path / "nope.ttl", "ASK {}")
    (tmp_path / "x.csv").write_text("a,b\n", encoding="utf-8")
    with pytest.raises(QueryError, match="not an RDF file or store"):
        query_source(tmp_path / "x.csv", "ASK {}")
    (tmp_path / "broken.ttl").write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(QueryError, match="broken.ttl: cannot read it as"):
        query_source(tmp_path / "broken.ttl", "ASK {}")
    (tmp_path / "dir").mkdir()
    with pytest.raises(QueryError, match="not an RDF file or store"):
        query_source(tmp_path / "dir", "ASK {}")


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://x/a> <http://x/p> 1 }",
    "PREFIX ex: <http://x/#>  # a comment with { braces }\n DELETE WHERE { ?s ?p ?o }",
    "base <http://x/> drop all",
    "LOAD <http://example.org/data.ttl>",
    "WITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "clear default",
])
def test_updates_are_refused(sample: KnowledgeGraph, update: str) -> None:
    with pytest.raises(QueryError, match="updates are not allowed"):
        query_graph(sample, update)


def test_query_forms() -> None:
    assert query_form("  # only a comment\n") == ""
    assert query_form("PREFIX : <http://x/>\nCONSTRUCT WHERE { ?s ?p ?o }") == "CONSTRUCT"
    assert query_form("describe <http://x/>") == "DESCRIBE"
    assert check_query("SELECT * {}") == "SELECT"


def test_syntax_errors_are_query_errors(sample: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="SPARQL query failed"):
        query_graph(sample, "SELECT ?x WHERE { ?x ")
    with pytest.raises(QueryError, match="SPARQL query failed"):
        query_graph(sample, "SELECT ?x WHERE { ?x undeclared:p ?y }")


def test_limit_truncates(sample: KnowledgeGraph) -> None:
    store = ox.Store()
    for i in range(30):
        store.add(ox.Quad(ox.NamedNode(f"http://x/{i}"), ox.NamedNode("http://x/p"), ox.Literal(str(i))))
    result = run_query(store, "SELECT ?s WHERE { ?s ?p ?o }", limit=10)
    assert len(result.rows) == 10 and result.truncated
    whole = run_query(store, "SELECT ?s WHERE { ?s ?p ?o }", limit=30)
    assert len(whole.rows) == 30 and not whole.truncated
    graph = run_query(store, "CONSTRUCT WHERE { ?s ?p ?o }", limit=5)
    assert graph.kind == "graph" and len(graph.rows) == 5 and graph.truncated


def test_timeout() -> None:
    store = ox.Store()
    store.extend(ox.Quad(ox.NamedNode(f"http://x/{i}"), ox.NamedNode("http://x/p"), ox.Literal(str(i)))
                 for i in range(120))
    slow = """SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f .
              FILTER (STRLEN(CONCAT(STR(?b), STR(?d), STR(?f))) > 1000) }"""
    started = time.perf_counter()
    with pytest.raises(QueryError, match="exceeded the time limit of 0.05 s"):
        run_query(store, slow, timeout=0.05)
    assert time.perf_counter() - started < 1.0


def test_empty_graph_document_only() -> None:
    kg = KnowledgeGraph(documents=(Document(id="d", text="x"),))
    assert query_graph(kg, "SELECT ?h WHERE { ?d kg:sha256 ?h }") == [{"h": kg.documents[0].sha256}]
