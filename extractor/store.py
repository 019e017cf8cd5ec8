"""The on-disk Oxigraph store and SPARQL queries over graphs, files and stores.

Layout of a store (the same as the N-Quads export): entity descriptions in the
default graph, everything read from one document in the named graph whose name
is the document's IRI, and a metadata graph (:data:`~extractor.ontology.META_GRAPH`)
that records, per document, the SHA-256 of its text and the extractor version
that wrote it, so a later run can skip unchanged documents.

Queries see the *union* of all graphs as their default graph (``GRAPH ?g``
still reaches one document's graph) and may use the prefixes ``kg: ent: stmt:
mention: doc: rdf: rdfs: skos: owl: prov: xsd:`` without declaring them.  Only
``SELECT``, ``ASK``, ``CONSTRUCT`` and ``DESCRIBE`` are run; updates are
refused.

Example:
    >>> from extractor.models import Entity, KnowledgeGraph
    >>> kg = KnowledgeGraph(entities=(Entity(id="E1", label="メタ", type="Organization"),))
    >>> query_graph(kg, "SELECT ?l WHERE { ent:E1 rdfs:label ?l }")
    [{'l': 'メタ'}]
"""

from __future__ import annotations

import os
import re
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

import pyoxigraph as ox

from extractor.errors import Errors, InputError, QueryError, StoreError
from extractor.export.rdf import IRI, Lit, Quad, to_quads
from extractor.models import KnowledgeGraph
from extractor.ontology import KG_NS, META_GRAPH, PREFIXES, document_iri

__all__ = [
    "DEFAULT_TIMEOUT",
    "RDF_SUFFIXES",
    "QueryResult",
    "add_graph",
    "check_query",
    "document_status",
    "memory_store",
    "open_store",
    "query_form",
    "query_graph",
    "query_source",
    "run_query",
    "to_python",
]

#: seconds a query may run before :class:`~extractor.errors.QueryError` E031
DEFAULT_TIMEOUT = 30.0

#: file suffix -> pyoxigraph format of the RDF files a query can read
RDF_SUFFIXES: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
}

_XSD = PREFIXES["xsd"]
_INTEGER_TYPES = {_XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
    "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}
#: predicates of an entity description, replaced as a whole by :func:`add_graph`
_DESCRIPTION = frozenset({
    PREFIXES["rdf"] + "type", PREFIXES["rdfs"] + "label", PREFIXES["skos"] + "prefLabel",
    PREFIXES["skos"] + "altLabel", PREFIXES["owl"] + "sameAs", KG_NS + "kbId"})
_QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
_UPDATE_FORMS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})


# -- opening and writing ------------------------------------------------------------------------


def open_store(path: str | os.PathLike[str], read_only: bool = False) -> ox.Store:
    """Open (or, unless ``read_only``, create) the Oxigraph store in directory ``path``.

    Raises:
        StoreError: no store at ``path`` (read-only), or it cannot be opened
            (locked by another writer, damaged, not a directory).

    Example:
        >>> import tempfile
        >>> store = open_store(tempfile.mkdtemp() + "/kg.oxigraph")
        >>> len(store)
        0
    """
    target = Path(path)
    if read_only:
        if not target.is_dir():
            raise StoreError(Errors.E041.format(path=path))
        try:
            return ox.Store.read_only(str(target))
        except OSError as exc:
            raise StoreError(Errors.E040.format(path=path, detail=exc)) from exc
    try:
        target.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(target))
    except OSError as exc:
        raise StoreError(Errors.E040.format(path=path, detail=exc)) from exc


def _ox_term(term: IRI | Lit) -> ox.NamedNode | ox.Literal:
    if isinstance(term, IRI):
        return ox.NamedNode(term)
    if term.lang:
        return ox.Literal(term.lexical, language=term.lang)
    if term.datatype:
        return ox.Literal(term.lexical, datatype=ox.NamedNode(term.datatype))
    return ox.Literal(term.lexical)


def _ox_quad(q: Quad) -> ox.Quad:
    graph = ox.NamedNode(q.graph) if q.graph is not None else ox.DefaultGraph()
    return ox.Quad(_ox_term(q.subject), _ox_term(q.predicate), _ox_term(q.object), graph)  # type: ignore[arg-type]


def add_graph(store: ox.Store, kg: KnowledgeGraph, *, extractor_version: str) -> int:
    """Write ``kg`` into ``store``, replacing what earlier runs wrote for the same documents.

    Per document: its metadata is removed first, then its named graph, then the
    new graph and the new metadata (SHA-256, ``extractor_version``) are added in
    one transaction -- so after a crash a document is either complete with its
    metadata or has no metadata and is extracted again.  Entity descriptions in
    the default graph are replaced by the ones in ``kg`` (new triples added
    before old ones are removed).  Statements without evidence go to the
    default graph and are only ever added.

    Returns:
        The number of quads written.

    Raises:
        StoreError: the store cannot be written (disk full, read-only store).

    Example:
        >>> from extractor.models import Document, KnowledgeGraph
        >>> store = ox.Store()
        >>> add_graph(store, KnowledgeGraph(documents=(Document(id="d1", text="x"),)), extractor_version="0.1")
        4
        >>> document_status(store, "d1")[1]
        '0.1'
    """
    quads = to_quads(kg)
    by_graph: dict[str | None, list[ox.Quad]] = {}
    for q in quads:
        by_graph.setdefault(q.graph, []).append(_ox_quad(q))
    meta = ox.NamedNode(META_GRAPH)
    written = 0
    try:
        for d in sorted(kg.documents, key=lambda d: d.id):
            doc = ox.NamedNode(document_iri(d.id))
            for old in list(store.quads_for_pattern(doc, None, None, meta)):
                store.remove(old)
            store.remove_graph(doc)
            new = by_graph.pop(document_iri(d.id), [])
            new += [
                ox.Quad(doc, ox.NamedNode(KG_NS + "sha256"), ox.Literal(d.sha256), meta),
                ox.Quad(doc, ox.NamedNode(KG_NS + "extractorVersion"), ox.Literal(extractor_version), meta),
            ]
            store.extend(new)
            written += len(new)
        default = set(by_graph.pop(None, []))
        subjects = {q.subject for q in default if q.subject.value.startswith(PREFIXES["ent"])}
        old_default = {q for s in subjects for q in store.quads_for_pattern(s, None, None, ox.DefaultGraph())
                       if q.predicate.value in _DESCRIPTION}
        store.extend(sorted(default - old_default, key=str))
        for q in old_default - default:
            store.remove(q)
        written += len(default)
        # graphs of documents that are not in kg.documents (evidence naming an unlisted document cannot
        # pass the model's validation, so this only guards against future changes)
        for rest in by_graph.values():
            store.extend(rest)
            written += len(rest)
        store.flush()
    except OSError as exc:
        raise StoreError(Errors.E042.format(path="the store", detail=exc)) from exc
    return written


def document_status(store: ox.Store, doc_id: str) -> tuple[str, str] | None:
    """``(sha256, extractor_version)`` recorded for a document, or ``None`` if never stored.

    Example:
        >>> document_status(ox.Store(), "d1") is None
        True
    """
    doc = ox.NamedNode(document_iri(doc_id))
    meta = ox.NamedNode(META_GRAPH)
    values: dict[str, str] = {}
    for q in store.quads_for_pattern(doc, None, None, meta):
        values[q.predicate.value[len(KG_NS):]] = q.object.value
    if "sha256" not in values:
        return None
    return values["sha256"], values.get("extractorVersion", "")


# -- queries ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueryResult:
    """The outcome of a query.

    Attributes:
        kind: ``"select"``, ``"ask"`` or ``"graph"`` (CONSTRUCT and DESCRIBE).
        variables: column names; ``subject, predicate, object`` for graph results.
        rows: one tuple of pyoxigraph terms (``None`` = unbound) per solution or triple.
        boolean: the answer of an ASK query.
        truncated: ``True`` when more rows existed than the limit let through.
    """

    kind: Literal["select", "ask", "graph"]
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Any, ...], ...] = ()
    boolean: bool | None = None
    truncated: bool = False
    elapsed: float = field(default=0.0, compare=False)

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts variable -> Python value (unbound variables left out; ASK gives ``[{"ask": b}]``).

        Example:
            >>> QueryResult(kind="ask", boolean=True).records()
            [{'ask': True}]
        """
        if self.kind == "ask":
            return [{"ask": self.boolean}]
        return [{v: to_python(t) for v, t in zip(self.variables, row) if t is not None} for row in self.rows]


def to_python(term: Any) -> Any:
    """A Python value for a pyoxigraph term.

    IRIs give their string, blank nodes ``"_:id"``, literals ``int`` (integer
    types), ``Decimal`` (xsd:decimal), ``float`` (double, float), ``bool``
    (boolean) or their lexical form (every other datatype and language).

    Example:
        >>> to_python(ox.Literal("0.90", datatype=ox.NamedNode(PREFIXES["xsd"] + "decimal")))
        Decimal('0.90')
        >>> to_python(ox.NamedNode("https://w3id.org/extractor/entity/E1"))
        'https://w3id.org/extractor/entity/E1'
    """
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        try:
            if dt in _INTEGER_TYPES:
                return int(term.value)
            if dt == _XSD + "decimal":
                return Decimal(term.value)
            if dt in (_XSD + "double", _XSD + "float"):
                return float(term.value)
        except (ValueError, InvalidOperation):
            return term.value
        if dt == _XSD + "boolean":
            return term.value in ("true", "1")
        return term.value
    return str(term)


def query_form(sparql: str) -> str:
    """The first keyword after the prologue (``BASE`` / ``PREFIX`` and comments), upper-cased.

    Example:
        >>> query_form("PREFIX a: <http://x/#> # note\\n select * {}")
        'SELECT'
        >>> query_form("INSERT DATA { <a> <b> <c> }")
        'INSERT'
    """
    rest = sparql
    prologue = re.compile(r"\s+|#[^\n\r]*|(?i:BASE)\s*<[^>]*>|(?i:PREFIX)\s*[^\s:]*:\s*<[^>]*>")
    while True:
        m = prologue.match(rest)
        if not m or not m.group():
            break
        rest = rest[m.end():]
    m = re.match(r"[A-Za-z]+", rest)
    return m.group().upper() if m else ""


def check_query(sparql: str) -> str:
    """Refuse updates; return the query form.

    Raises:
        QueryError: E033 for SPARQL Update requests.

    Example:
        >>> check_query("ASK {}")
        'ASK'
    """
    form = query_form(sparql)
    if form in _UPDATE_FORMS:
        raise QueryError(Errors.E033)
    return form


def _solve(store: ox.Store, sparql: str, limit: int | None) -> QueryResult:
    try:
        result = store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult(kind="ask", boolean=bool(result))
        rows: list[tuple[Any, ...]] = []
        truncated = False
        if isinstance(result, ox.QuerySolutions):
            variables = tuple(v.value for v in result.variables)
            for solution in result:
                if limit is not None and len(rows) >= limit:
                    truncated = True
                    break
                rows.append(tuple(solution[v] for v in variables))
            return QueryResult(kind="select", variables=variables, rows=tuple(rows), truncated=truncated)
        for triple in result:
            if limit is not None and len(rows) >= limit:
                truncated = True
                break
            rows.append((triple.subject, triple.predicate, triple.object))
        return QueryResult(kind="graph", variables=("subject", "predicate", "object"), rows=tuple(rows),
                           truncated=truncated)
    except SyntaxError as exc:
        raise QueryError(Errors.E030.format(detail=str(exc).strip() or type(exc).__name__)) from exc
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(Errors.E030.format(detail=exc)) from exc


def run_query(store: ox.Store, sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT,
              limit: int | None = None) -> QueryResult:
    """Run a read-only query on ``store`` within ``timeout`` seconds, keeping at most ``limit`` rows.

    The query runs in a daemon thread; when the time is up this function
    raises and the thread is abandoned (Oxigraph cannot cancel a query), so
    a process that must reclaim the CPU should exit.

    Raises:
        QueryError: E033 for updates, E031 on timeout, E030 on syntax or evaluation errors.

    Example:
        >>> run_query(ox.Store(), "SELECT ?s WHERE { ?s ?p ?o }").rows
        ()
    """
    check_query(sparql)
    if limit is not None and limit < 0:
        raise ValueError("limit must be >= 0")
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["result"] = _solve(store, sparql, limit)
        except BaseException as exc:  # handed to the caller's thread
            box["error"] = exc

    started = time.perf_counter()
    worker = threading.Thread(target=work, name="sparql-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryError(Errors.E031.format(seconds=f"{timeout:g}"))
    if "error" in box:
        raise box["error"]
    result: QueryResult = box["result"]
    return QueryResult(kind=result.kind, variables=result.variables, rows=result.rows, boolean=result.boolean,
                       truncated=result.truncated, elapsed=time.perf_counter() - started)


def memory_store(kg: KnowledgeGraph) -> ox.Store:
    """An in-memory Oxigraph store holding the RDF export of ``kg`` (graphs as in N-Quads).

    Example:
        >>> len(memory_store(KnowledgeGraph()))
        0
    """
    store = ox.Store()
    store.extend(_ox_quad(q) for q in to_quads(kg))
    return store


def query_graph(kg: KnowledgeGraph, sparql: str) -> list[dict[str, Any]]:
    """Run a query over ``kg`` in an in-memory Oxigraph store; rows as dicts of Python values.

    ``SELECT`` gives one dict per solution, ``ASK`` ``[{"ask": bool}]``,
    ``CONSTRUCT`` / ``DESCRIBE`` one ``{"subject", "predicate", "object"}`` per triple.

    Raises:
        QueryError: updates, syntax errors.

    Example:
        >>> query_graph(KnowledgeGraph(), "ASK { ?s a kg:Person }")
        [{'ask': False}]
    """
    return run_query(memory_store(kg), sparql, timeout=None).records()


def _load_file(path: Path) -> ox.Store:
    if path.suffix.lower() == ".json":
        from extractor.export.json_io import read_json

        try:
            kg = read_json(path.read_bytes())
        except ValueError as exc:
            detail = str(exc).splitlines()[0]
            raise QueryError(Errors.E034.format(path=path, fmt="graph JSON", detail=detail)) from exc
        return memory_store(kg)
    fmt = RDF_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise QueryError(Errors.E032.format(source=path))
    store = ox.Store()
    try:
        store.load(path=str(path), format=fmt)
    except SyntaxError as exc:
        raise QueryError(Errors.E034.format(path=path, fmt=fmt.name, detail=str(exc).strip())) from exc
    except (OSError, ValueError) as exc:
        raise QueryError(Errors.E034.format(path=path, fmt=fmt.name, detail=exc)) from exc
    return store


def query_source(source: str | os.PathLike[str], sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT,
                 limit: int | None = None) -> QueryResult:
    """Run a query over an RDF file (``.ttl .nt .nq .trig .jsonld``), a graph JSON or a store directory.

    A ``.json`` file is read as the project's graph JSON (``extract --format
    json``) and exported to RDF in memory first.

    Raises:
        InputError: ``source`` does not exist.
        QueryError: not an RDF file or store, unreadable file, update, timeout, bad query.
        StoreError: the store cannot be opened.

    Example:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "kg.nt"
        >>> _ = p.write_text('<http://x/a> <http://x/p> "日本"@ja .\\n', encoding="utf-8")
        >>> query_source(p, "SELECT ?o WHERE { ?s ?p ?o }").records()
        [{'o': '日本'}]
    """
    path = Path(source)
    if path.is_dir():
        if not (path / "CURRENT").is_file():
            raise QueryError(Errors.E032.format(source=source))
        store = open_store(path, read_only=True)
    elif path.is_file():
        store = _load_file(path)
    else:
        raise InputError(Errors.E001.format(path=source))
    return run_query(store, sparql, timeout=timeout, limit=limit)
