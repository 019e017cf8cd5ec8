"""The on-disk Oxigraph store and SPARQL queries over graphs, files and stores.

Layout of a store: everything read from one document goes to the named graph
whose name is the document's IRI (as in the N-Quads export); what the exports
put in the default graph (entity descriptions, statements without evidence)
goes to the named graph :data:`~extractor.ontology.BASE_GRAPH`; and the
metadata graph :data:`~extractor.ontology.META_GRAPH` records, per document,
the SHA-256 of its text and the extractor version that wrote it, so a later
run can skip unchanged documents.  The store's **default graph is kept equal
to the RDF merge** of the base graph and every document graph: each triple
once, however many documents support it.

Queries run against that merged default graph (``GRAPH ?g`` still reaches one
document's graph).  Files and in-memory graphs are queried the same way: the
triples of their named graphs are merged into the default graph first.  (This
is deliberate: Oxigraph 0.5's own "union default graph" option counts a triple
once per graph that holds it -- oxigraph issue 1919.)  Queries may use the
prefixes of :data:`~extractor.ontology.QUERY_PREFIXES` (``kg: ent: stmt:
mention: doc: rdf: rdfs: skos: owl: prov: xsd: schema: wdt:``) without
declaring them.  Only ``SELECT``, ``ASK``, ``CONSTRUCT`` and ``DESCRIBE`` are
run; updates are refused.

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
from extractor.ontology import BASE_GRAPH, KG_NS, META_GRAPH, PREFIXES, QUERY_PREFIXES, document_iri

__all__ = [
    "load_document_graph",
    "save_document_graph",
    "DEFAULT_TIMEOUT",
    "RDF_SUFFIXES",
    "QueryResult",
    "add_graph",
    "check_query",
    "detach",
    "document_status",
    "memory_store",
    "merge_named_graphs",
    "open_store",
    "query_form",
    "query_graph",
    "query_source",
    "run_query",
    "syntax_detail",
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


def _triples(store: ox.Store, graph: ox.NamedNode) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, graph)}


def _held_elsewhere(store: ox.Store, t: ox.Triple, graph: ox.NamedNode) -> bool:
    """Whether a named graph other than ``graph`` and the metadata graph holds ``t``."""
    for q in store.quads_for_pattern(t.subject, t.predicate, t.object, None):
        name = q.graph_name
        if isinstance(name, ox.NamedNode) and name != graph and name.value != META_GRAPH:
            return True
    return False


def _add(store: ox.Store, graph: ox.NamedNode, triples: set[ox.Triple], extra: list[ox.Quad] = ()) -> None:
    """Add ``triples`` to ``graph`` and to the merged default graph, with ``extra``, in one transaction."""
    quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
    quads += [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
    store.extend(sorted(quads, key=str) + list(extra))


def _remove(store: ox.Store, graph: ox.NamedNode, triples: set[ox.Triple]) -> None:
    """Remove ``triples`` from ``graph``, and from the default graph unless another graph holds them."""
    for t in sorted(triples, key=str):
        store.remove(ox.Quad(t.subject, t.predicate, t.object, graph))
        if not _held_elsewhere(store, t, graph):
            store.remove(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()))


def add_graph(store: ox.Store, kg: KnowledgeGraph, *, extractor_version: str) -> int:
    """Write ``kg`` into ``store``, replacing what earlier runs wrote for the same documents.

    Per document, in this order: its metadata is removed; the new triples of
    its graph are added (to the document graph and the merged default graph,
    in one transaction); the triples it no longer has are removed; then the
    new metadata (SHA-256, ``extractor_version``) is added.  After a crash a
    document has either its complete new graph and its metadata, or no
    metadata, so the next run extracts it again.  In the base graph, the
    descriptions of the entities of ``kg`` replace the stored ones; statements
    without evidence are only ever added.

    Returns:
        The number of triples that ``kg`` holds in the store (its N-Quads
        lines, with the base graph for the default graph).

    Raises:
        StoreError: the store cannot be written (disk full, read-only store).

    Example:
        >>> from extractor.models import Document, KnowledgeGraph
        >>> store = ox.Store()
        >>> add_graph(store, KnowledgeGraph(documents=(Document(id="d1", text="x"),)), extractor_version="0.1")
        2
        >>> document_status(store, "d1")[1]
        '0.1'
    """
    by_graph: dict[str, set[ox.Triple]] = {}
    for q in to_quads(kg):
        t = ox.Triple(_ox_term(q.subject), _ox_term(q.predicate), _ox_term(q.object))  # type: ignore[arg-type]
        by_graph.setdefault(q.graph if q.graph is not None else BASE_GRAPH, set()).add(t)
    meta = ox.NamedNode(META_GRAPH)
    base = ox.NamedNode(BASE_GRAPH)
    written = sum(len(triples) for triples in by_graph.values())
    try:
        for d in sorted(kg.documents, key=lambda d: d.id):
            doc = ox.NamedNode(document_iri(d.id))
            for old_meta in list(store.quads_for_pattern(doc, None, None, meta)):
                store.remove(old_meta)
            new = by_graph.pop(document_iri(d.id), set())
            old = _triples(store, doc)
            _add(store, doc, new - old)
            _remove(store, doc, old - new)
            store.extend([
                ox.Quad(doc, ox.NamedNode(KG_NS + "sha256"), ox.Literal(d.sha256), meta),
                ox.Quad(doc, ox.NamedNode(KG_NS + "extractorVersion"), ox.Literal(extractor_version), meta),
            ])
        new_base = by_graph.pop(BASE_GRAPH, set())
        entities = {ox.NamedNode(PREFIXES["ent"] + e.id) for e in kg.entities}
        old_descriptions = {ox.Triple(q.subject, q.predicate, q.object)
                            for s in entities for q in store.quads_for_pattern(s, None, None, base)
                            if q.predicate.value in _DESCRIPTION}
        _add(store, base, new_base - old_descriptions)
        _remove(store, base, old_descriptions - new_base)
        # graphs of documents missing from kg.documents (the model's validation rules them out today)
        for name, triples in sorted(by_graph.items()):
            graph = ox.NamedNode(name)
            _add(store, graph, triples - _triples(store, graph))
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


def save_document_graph(store: ox.Store, kg: KnowledgeGraph) -> None:
    """Keep each document's own graph (as JSON) in the metadata graph, so a later run that skips
    the unchanged document can still put it in its output.

    Example:
        >>> from extractor.models import Document, KnowledgeGraph
        >>> store = ox.Store()
        >>> kg = KnowledgeGraph(documents=(Document(id="d1", text="x"),))
        >>> save_document_graph(store, kg)
        >>> load_document_graph(store, "d1") == kg
        True
    """
    meta = ox.NamedNode(META_GRAPH)
    prop = ox.NamedNode(KG_NS + "graphJson")
    for d in kg.documents:
        doc = ox.NamedNode(document_iri(d.id))
        one = KnowledgeGraph(
            documents=(d,),
            entities=tuple(e.model_copy(update={"mentions": tuple(m for m in e.mentions if m.doc == d.id)})
                           for e in kg.entities if any(m.doc == d.id for m in e.mentions)),
            relations=tuple(r for r in kg.relations if any(ev.doc == d.id for ev in r.evidence)),
        )
        for old in list(store.quads_for_pattern(doc, prop, None, meta)):
            store.remove(old)
        store.add(ox.Quad(doc, prop, ox.Literal(one.to_json(indent=None)), meta))


def load_document_graph(store: ox.Store, doc_id: str) -> KnowledgeGraph | None:
    """The graph :func:`save_document_graph` kept for a document, or None."""
    doc = ox.NamedNode(document_iri(doc_id))
    for q in store.quads_for_pattern(doc, ox.NamedNode(KG_NS + "graphJson"), None, ox.NamedNode(META_GRAPH)):
        return KnowledgeGraph.from_json(q.object.value)
    return None


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
        result = store.query(sparql, prefixes=QUERY_PREFIXES)
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
        raise QueryError(Errors.E030.format(detail=syntax_detail(exc, sparql))) from exc
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(Errors.E030.format(detail=" ".join(str(exc).split()))) from exc


def syntax_detail(exc: BaseException, sparql: str) -> str:
    """A one-line account of a SPARQL syntax error: where, and the text there.

    Oxigraph lists every token it expected, over many lines; that list is left out.

    Example:
        >>> try:
        ...     ox.Store().query("SELECT ?x WHERE {")
        ... except SyntaxError as e:
        ...     syntax_detail(e, "SELECT ?x WHERE {")
        'syntax error at line 1, column 18 (at the end of the query)'
    """
    message = " ".join(str(exc).split())
    m = re.match(r"error at (\d+):(\d+): (.*)", message)
    if not m:
        return message[:300] or type(exc).__name__
    line, column, rest = int(m.group(1)), int(m.group(2)), m.group(3)
    lines = sparql.splitlines() or [""]
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    near = text[max(column - 1, 0):][:30].strip()
    where = f" near {near!r}" if near else " (at the end of the query)"
    out = f"syntax error at line {line}, column {column}{where}"
    if not rest.startswith("expected one of"):
        out += f": {rest[:200]}"
    return out


def detach(exc: BaseException) -> BaseException:
    """``exc`` with the tracebacks of its chain dropped, so it holds no frame of the thread that raised it.

    pyoxigraph's query results must be freed on the thread that made them; an
    exception handed to another thread must not keep them alive through its
    frames.

    Example:
        >>> try:
        ...     raise ValueError("x")
        ... except ValueError as e:
        ...     detach(e).__traceback__ is None
        True
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        current.__traceback__ = None
        current = current.__cause__ or current.__context__
    return exc


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
        except BaseException as exc:  # noqa: BLE001 - re-raised on the caller's thread below
            box["error"] = detach(exc)

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


def merge_named_graphs(store: ox.Store) -> ox.Store:
    """Add every triple of the named graphs to the default graph (which holds each triple once).

    Example:
        >>> s = ox.Store()
        >>> for g in ("http://x/g1", "http://x/g2"):
        ...     s.add(ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.Literal("1"), ox.NamedNode(g)))
        >>> len(list(merge_named_graphs(s).query("SELECT * WHERE { ?s ?p ?o }")))
        1
    """
    merged = [ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
              for q in store if not isinstance(q.graph_name, ox.DefaultGraph)]
    store.extend(merged)
    return store


def memory_store(kg: KnowledgeGraph) -> ox.Store:
    """An in-memory Oxigraph store of the N-Quads export of ``kg``, named graphs merged into the default.

    Example:
        >>> len(memory_store(KnowledgeGraph()))
        0
    """
    store = ox.Store()
    store.extend(_ox_quad(q) for q in to_quads(kg))
    return merge_named_graphs(store)


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
        if fmt.supports_datasets:
            merge_named_graphs(store)
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
