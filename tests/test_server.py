"""The read-only SPARQL endpoint: SPARQL 1.1 Protocol with real clients, updates refused."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pyoxigraph as ox
import pytest
import rdflib
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from extractor.errors import ExtractorError, StoreError
from extractor.server import SparqlServer, make_server, negotiate
from extractor.store import add_graph, open_store

ROOT = Path(__file__).resolve().parents[1]


def _load_samples() -> ModuleType:
    path = Path(__file__).parent / "export" / "conftest.py"
    spec = importlib.util.spec_from_file_location("extractor_test_samples", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("server") / "kg.oxigraph"
    store = open_store(path)
    add_graph(store, _load_samples().build_sample_kg(), extractor_version="test")
    del store
    return path


@pytest.fixture(scope="module")
def server(store_dir: Path) -> Iterator[SparqlServer]:
    srv = make_server(store_dir, port=0, timeout=5.0, quiet=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()
    thread.join(5)


def _url(srv: SparqlServer, path: str = "/query") -> str:
    return f"http://127.0.0.1:{srv.server_port}{path}"


def _get(srv: SparqlServer, query: str, accept: str | None = None, path: str = "/query",
         **extra: str) -> tuple[int, str, bytes]:
    url = _url(srv, path) + "?" + urllib.parse.urlencode({"query": query, **extra})
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.headers["Content-Type"], exc.read()


def _post(srv: SparqlServer, body: bytes, content_type: str, path: str = "/query") -> tuple[int, bytes]:
    request = urllib.request.Request(_url(srv, path), data=body, headers={"Content-Type": content_type},
                                     method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.read()


def _convert(client: SPARQLWrapper) -> dict:
    """``queryAndConvert`` that also closes the HTTP response (SPARQLWrapper leaves it open)."""
    result = client.query()
    try:
        return result.convert()  # type: ignore[return-value]
    finally:
        result.response.close()


LABELS = "SELECT ?l WHERE { ent:meta rdfs:label ?l } ORDER BY ?l"


def test_sparqlwrapper_json_keeps_language_tags(server: SparqlServer) -> None:
    client = SPARQLWrapper(_url(server))
    client.setQuery("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                    "SELECT ?l WHERE { <https://w3id.org/extractor/entity/meta> rdfs:label ?l } ORDER BY ?l")
    client.setReturnFormat(JSON)
    bindings = _convert(client)["results"]["bindings"]
    assert [(b["l"]["value"], b["l"].get("xml:lang")) for b in bindings] == [("Meta", "en"), ("メタ", "ja")]


def test_sparqlwrapper_post_and_declared_prefixes(server: SparqlServer) -> None:
    client = SPARQLWrapper(_url(server))
    client.setMethod(POST)
    client.setQuery("SELECT ?p ?role WHERE { ?st rdf:predicate kg:worksFor ; rdf:subject ?p ; kg:role ?role }")
    client.setReturnFormat(JSON)
    bindings = _convert(client)["results"]["bindings"]
    assert [(b["p"]["value"], b["role"]["value"]) for b in bindings] == [
        ("https://w3id.org/extractor/entity/wang", "最高 AI 責任者")]


def test_sparqlwrapper_update_is_rejected(server: SparqlServer) -> None:
    client = SPARQLWrapper(_url(server))
    client.setMethod(POST)
    client.setQuery("INSERT DATA { <http://x/a> <http://x/p> <http://x/o> }")
    with pytest.raises(urllib.error.HTTPError) as caught:
        client.query()
    caught.value.close()
    assert caught.value.code == 403
    assert _get(server, "ASK { <http://x/a> ?p ?o }", "application/sparql-results+json")[2] == \
        b'{"head":{},"boolean":false}'


def test_updates_are_rejected_every_way(server: SparqlServer) -> None:
    update = "DELETE WHERE { ?s ?p ?o }"
    assert _post(server, update.encode(), "application/sparql-update")[0] == 403
    assert _post(server, urllib.parse.urlencode({"update": update}).encode(),
                 "application/x-www-form-urlencoded")[0] == 403
    assert _post(server, b"update=x", "application/x-www-form-urlencoded", path="/update")[0] == 403
    status, _, body = _get(server, update)
    assert status == 403 and b"updates are not allowed" in body
    assert _post(server, update.encode(), "application/sparql-query")[0] == 403
    # nothing was deleted
    status, _, body = _get(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "text/csv")
    assert status == 200 and int(body.decode().split()[1]) > 100


def test_content_negotiation(server: SparqlServer) -> None:
    status, media, body = _get(server, LABELS, "text/csv")
    assert status == 200 and media.startswith("text/csv")
    assert body.decode("utf-8").split("\r\n")[:3] == ["l", "Meta", "メタ"]
    status, media, body = _get(server, LABELS, "application/sparql-results+xml")
    assert status == 200 and media.startswith("application/sparql-results+xml")
    assert '<literal xml:lang="ja">メタ</literal>' in body.decode("utf-8")
    status, media, body = _get(server, LABELS, "text/tab-separated-values")
    assert status == 200 and '"メタ"@ja' in body.decode("utf-8")
    status, media, body = _get(server, LABELS)  # no Accept: JSON
    assert media.startswith("application/sparql-results+json")
    assert json.loads(body)["results"]["bindings"][1]["l"] == {"type": "literal", "value": "メタ", "xml:lang": "ja"}
    status, _, _ = _get(server, LABELS, "image/png")
    assert status == 406


def test_construct_returns_rdf(server: SparqlServer) -> None:
    query = "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l }"
    status, media, body = _get(server, query, "text/turtle")
    assert status == 200 and media.startswith("text/turtle")
    g = rdflib.Graph().parse(data=body.decode("utf-8"), format="turtle")
    assert rdflib.Literal("メタ", lang="ja") in set(g.objects())
    status, media, body = _get(server, query, "application/n-triples")
    assert status == 200 and len(body.decode().splitlines()) == len(g)


def test_post_forms_and_graph_parameters(server: SparqlServer) -> None:
    status, body = _post(server, urllib.parse.urlencode({"query": "ASK { ent:wang kg:worksFor ent:meta }"}).encode(),
                         "application/x-www-form-urlencoded")
    assert status == 200 and json.loads(body)["boolean"] is True
    status, body = _post(server, b"ASK { ent:lecun kg:leftOrganization ent:meta }",
                         "application/sparql-query")
    assert status == 200 and json.loads(body)["boolean"] is True
    # default-graph-uri narrows the default graph to one document
    doc1 = "https://w3id.org/extractor/doc/d1"
    status, _, body = _get(server, "ASK { ent:lecun kg:leftOrganization ent:meta }",
                           "application/json", **{"default-graph-uri": doc1})
    assert status == 200 and json.loads(body)["boolean"] is False
    status, _, body = _get(server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a kg:Statement } } ORDER BY ?g",
                           "text/csv")
    assert body.decode().split("\r\n")[1:3] == ["https://w3id.org/extractor/doc/%E8%A8%98%E4%BA%8B%202.txt", doc1]


def test_bad_requests(server: SparqlServer) -> None:
    status, _, body = _get(server, "SELECT ?x WHERE { ?x ")
    assert status == 400 and body.startswith(b"SPARQL query failed")
    assert _get(server, "")[0] == 400
    assert _post(server, b"<x/>", "application/xml")[0] == 415
    status, _, body = _get(server, "ASK {}", path="/nowhere")
    assert status == 404
    status, _, body = _get(server, "ASK {}", path="/")  # the root also answers queries
    assert status == 200


def test_help_page(server: SparqlServer) -> None:
    with urllib.request.urlopen(_url(server, "/"), timeout=10) as response:
        text = response.read().decode("utf-8")
    assert "/query" in text and "kg:" in text


def test_timeout_answers_503(store_dir: Path) -> None:
    srv = make_server(store_dir, port=0, timeout=0.05, quiet=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        slow = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f ."
                " FILTER (STRLEN(CONCAT(STR(?b), STR(?d), STR(?f))) > 100000) }")
        status, _, body = _get(srv, slow)
        assert status == 503 and b"time limit of 0.05 s" in body
    finally:
        srv.shutdown()
        srv.server_close()


def test_negotiate() -> None:
    offers = ["application/sparql-results+json", "text/csv"]
    assert negotiate("*/*", offers) == offers[0]
    assert negotiate("text/*", offers) == "text/csv"
    assert negotiate("text/csv;q=0.9, application/sparql-results+json;q=0.1", offers) == "text/csv"
    assert negotiate("text/csv;q=0, */*;q=0.1", offers) == offers[0]
    assert negotiate("application/sparql-results+xml", offers) is None


def test_make_server_errors(tmp_path: Path, store_dir: Path) -> None:
    with pytest.raises(StoreError, match="no store here"):
        make_server(tmp_path / "missing", port=0)
    first = make_server(store_dir, port=0, quiet=True)
    try:
        with pytest.raises(ExtractorError, match="cannot serve on 127.0.0.1"):
            make_server(store_dir, port=first.server_port, quiet=True)
    finally:
        first.server_close()


def test_serve_command_runs_and_stops_on_sigterm(store_dir: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    command = [sys.executable, "-m", "extractor", "serve", "--store", str(store_dir), "--port", "0", "--quiet"]
    with subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                          env=env) as proc:
        try:
            assert proc.stderr is not None
            line = proc.stderr.readline()
            match = re.search(r"http://127\.0\.0\.1:(\d+)/query", line)
            assert match, line
            url = match.group(0) + "?" + urllib.parse.urlencode({"query": "ASK { ent:wang a kg:Person }"})
            with urllib.request.urlopen(url, timeout=10) as response:
                assert json.load(response)["boolean"] is True
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=10) == 0
            assert "server stopped" in proc.stderr.read()
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def test_store_is_not_changed_by_serving(store_dir: Path) -> None:
    ro = open_store(store_dir, read_only=True)
    assert not list(ro.quads_for_pattern(ox.NamedNode("http://x/a"), None, None, None))
