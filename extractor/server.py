"""A read-only SPARQL 1.1 Protocol endpoint over an Oxigraph store directory.

``/query`` answers ``GET ?query=...`` and ``POST`` (form-encoded ``query=...``
or an ``application/sparql-query`` body), with the protocol's optional
``default-graph-uri`` / ``named-graph-uri`` parameters.  Results follow the
``Accept`` header: SPARQL JSON (the default), XML, CSV or TSV for SELECT and
ASK; Turtle (the default), N-Triples, JSON-LD or RDF/XML for CONSTRUCT and
DESCRIBE.  Without ``default-graph-uri`` the default graph is the store's
merged graph (every document's triples, each once; see :mod:`extractor.store`),
and the prefixes of :data:`extractor.ontology.QUERY_PREFIXES` are declared.

The store is opened read-only and every SPARQL Update is refused with
``403 Forbidden`` (``update=`` parameters, ``application/sparql-update``
bodies, ``/update``, and update text sent as a query).  Syntax errors give
``400``, queries over the time limit ``503``, an Accept header that names no
supported type ``406``.

It binds to 127.0.0.1 unless told otherwise.  A query past its time limit is
answered with 503 but keeps running in the background until it finishes
(Oxigraph cannot cancel it); at most ``max_running`` queries run at once, and
further requests wait up to the time limit for a free slot, then get 503.

Example:
    >>> import tempfile, threading, urllib.request, urllib.parse, json
    >>> from extractor.store import open_store
    >>> path = tempfile.mkdtemp() + "/kg"
    >>> del_me = open_store(path); del del_me  # an empty store
    >>> server = make_server(path, port=0, quiet=True)
    >>> thread = threading.Thread(target=server.serve_forever, daemon=True); thread.start()
    >>> url = f"http://127.0.0.1:{server.server_port}/query?" + urllib.parse.urlencode({"query": "ASK {}"})
    >>> json.load(urllib.request.urlopen(url))["boolean"]
    True
    >>> server.shutdown(); server.server_close()
"""

from __future__ import annotations

import os
import threading
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pyoxigraph as ox

from extractor.about import __version__
from extractor.errors import Errors, ExtractorError, QueryError
from extractor.ontology import QUERY_PREFIXES
from extractor.store import DEFAULT_TIMEOUT, check_query, open_store, syntax_detail

__all__ = ["GRAPH_TYPES", "RESULT_TYPES", "SparqlServer", "make_server", "negotiate"]

#: media type -> pyoxigraph format for SELECT / ASK results (first = default)
RESULT_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}

#: media type -> pyoxigraph format for CONSTRUCT / DESCRIBE results (first = default)
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}

MAX_BODY = 1 << 20  # bytes of a POST body

HELP_PAGE = """extractor SPARQL endpoint (read-only)

Send SPARQL 1.1 queries to /query:
  GET  /query?query=...
  POST /query  (application/x-www-form-urlencoded query=... or application/sparql-query)
Results: application/sparql-results+json (default), application/sparql-results+xml, text/csv,
text/tab-separated-values; CONSTRUCT: text/turtle (default), application/n-triples, application/ld+json.
Declared prefixes: {prefixes}
Updates are refused.
"""


def negotiate(accept: str | None, offers: list[str]) -> str | None:
    """The offer that ``accept`` prefers (``None`` if it accepts none); ties go to the earlier offer.

    Example:
        >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", list(RESULT_TYPES))
        'application/sparql-results+xml'
        >>> negotiate(None, ["text/turtle", "application/n-triples"])
        'text/turtle'
        >>> negotiate("image/png", ["text/turtle"]) is None
        True
    """
    if not accept or not accept.strip():
        return offers[0]
    best: tuple[float, int, int] | None = None
    chosen: str | None = None
    for item in accept.split(","):
        parts = [p.strip() for p in item.split(";")]
        media = parts[0].lower()
        q = 1.0
        for param in parts[1:]:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q <= 0:
            continue
        for index, offer in enumerate(offers):
            main, _, _ = offer.partition("/")
            if media == offer:
                specificity = 2
            elif media == f"{main}/*":
                specificity = 1
            elif media == "*/*":
                specificity = 0
            else:
                continue
            rank = (q, specificity, -index)
            if best is None or rank > best:
                best, chosen = rank, offer
    return chosen


class _Rejected(Exception):
    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class SparqlServer(ThreadingHTTPServer):
    """An HTTP server answering SPARQL queries over one read-only store."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], store: ox.Store, *, timeout: float | None,
                 max_running: int, quiet: bool) -> None:
        super().__init__(address, _Handler)
        self.store = store
        self.query_timeout = timeout
        self.slots = threading.BoundedSemaphore(max_running)
        self.quiet = quiet

    def execute(self, sparql: str, accept: str | None, default_graphs: list[str],
                named_graphs: list[str]) -> tuple[bytes, str]:
        """Run one query within the time limit; the body and its media type."""
        try:
            form = check_query(sparql)
        except QueryError as exc:
            raise _Rejected(HTTPStatus.FORBIDDEN, str(exc)) from exc
        # choose the result type before running anything (a syntax error still gives 400 below)
        types: dict[str, Any] = GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else RESULT_TYPES
        media = negotiate(accept, list(types))
        if media is None:
            raise _Rejected(HTTPStatus.NOT_ACCEPTABLE, "no acceptable media type; accept one of " + ", ".join(types))
        options: dict[str, Any] = {"prefixes": QUERY_PREFIXES}
        try:
            if default_graphs:
                options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
            if named_graphs:
                options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        except ValueError as exc:
            raise _Rejected(HTTPStatus.BAD_REQUEST, f"bad graph IRI: {exc}") from exc
        if not self.slots.acquire(timeout=self.query_timeout):
            raise _Rejected(HTTPStatus.SERVICE_UNAVAILABLE,
                            "the endpoint is busy with other queries; try again later")
        box: dict[str, Any] = {}

        def work() -> None:
            try:
                box["result"] = self._evaluate(sparql, media, options)
            except _Rejected as exc:
                box["error"] = _Rejected(exc.status, exc.message)  # no frames of this thread
            except BaseException as exc:  # noqa: BLE001 - reported to the client as a server error
                box["error"] = _Rejected(HTTPStatus.INTERNAL_SERVER_ERROR, Errors.E030.format(detail=exc))
            finally:
                self.slots.release()

        worker = threading.Thread(target=work, name="sparql-query", daemon=True)
        worker.start()
        worker.join(self.query_timeout)
        if worker.is_alive():
            raise _Rejected(HTTPStatus.SERVICE_UNAVAILABLE,
                            Errors.E031.format(seconds=f"{self.query_timeout:g}"))
        if "error" in box:
            raise box["error"]
        return box["result"]

    def _evaluate(self, sparql: str, media: str, options: dict[str, Any]) -> tuple[bytes, str]:
        """Run and serialise on the worker thread (pyoxigraph results must be freed where they were made)."""
        try:
            result = self.store.query(sparql, **options)
            if isinstance(result, (ox.QuerySolutions, ox.QueryBoolean)):
                fmt: Any = RESULT_TYPES.get(media, ox.QueryResultsFormat.JSON)
            else:
                fmt = GRAPH_TYPES.get(media, ox.RdfFormat.TURTLE)
                if media not in GRAPH_TYPES:
                    media = next(iter(GRAPH_TYPES))
            body = result.serialize(format=fmt)
            del result
            return body, media
        except SyntaxError as exc:
            raise _Rejected(HTTPStatus.BAD_REQUEST, Errors.E030.format(detail=syntax_detail(exc, sparql))) from None
        except (OSError, ValueError, RuntimeError) as exc:
            raise _Rejected(HTTPStatus.INTERNAL_SERVER_ERROR, Errors.E030.format(detail=exc)) from None


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = f"extractor/{__version__}"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        if not self.server.quiet:
            super().log_message(format, *args)

    # -- responses

    def _send(self, status: HTTPStatus, body: bytes, media: str) -> None:
        self.send_response(status)
        charset = "; charset=utf-8" if media.startswith("text/") or "json" in media or "xml" in media else ""
        self.send_header("Content-Type", media + charset)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._send(status, (message.rstrip("\n") + "\n").encode("utf-8"), "text/plain")

    # -- methods

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if url.path in ("/", ""):
            if "query" in params:
                self._answer(params)
                return
            text = HELP_PAGE.format(prefixes=" ".join(f"{p}:" for p in QUERY_PREFIXES))
            self._send(HTTPStatus.OK, text.encode("utf-8"), "text/plain")
            return
        if url.path == "/update":
            self._error(HTTPStatus.FORBIDDEN, Errors.E033)
            return
        if url.path != "/query":
            self._error(HTTPStatus.NOT_FOUND, f"no such endpoint {url.path!r}; send queries to /query")
            return
        self._answer(params)

    do_HEAD = do_GET

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if url.path == "/update":
            self._error(HTTPStatus.FORBIDDEN, Errors.E033)
            return
        if url.path not in ("/query", "/", ""):
            self._error(HTTPStatus.NOT_FOUND, f"no such endpoint {url.path!r}; send queries to /query")
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            self.close_connection = True
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE if length > MAX_BODY else HTTPStatus.BAD_REQUEST,
                        f"the request body must have a Content-Length of at most {MAX_BODY} bytes")
            return
        body = self.rfile.read(length)
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            self._error(HTTPStatus.BAD_REQUEST, "the request body is not UTF-8")
            return
        if media == "application/sparql-update":
            self._error(HTTPStatus.FORBIDDEN, Errors.E033)
            return
        if media == "application/sparql-query":
            params.setdefault("query", []).append(text)
        elif media == "application/x-www-form-urlencoded":
            for key, values in urllib.parse.parse_qs(text, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        else:
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                        "send application/sparql-query or application/x-www-form-urlencoded (query=...)")
            return
        self._answer(params)

    def _answer(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._error(HTTPStatus.FORBIDDEN, Errors.E033)
            return
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._error(HTTPStatus.BAD_REQUEST, "give exactly one non-empty 'query' parameter")
            return
        try:
            body, media = self.server.execute(queries[0], self.headers.get("Accept"),
                                              params.get("default-graph-uri", []),
                                              params.get("named-graph-uri", []))
        except _Rejected as exc:
            self._error(exc.status, exc.message)
            return
        self._send(HTTPStatus.OK, body, media)


def make_server(store_path: str | os.PathLike[str], host: str = "127.0.0.1", port: int = 7878, *,
                timeout: float | None = DEFAULT_TIMEOUT, max_running: int | None = None,
                quiet: bool = False) -> SparqlServer:
    """Open ``store_path`` read-only and bind a server to ``host:port`` (0 = any free port).

    Call ``serve_forever()`` on the result to answer requests, ``shutdown()`` and
    ``server_close()`` to stop.  ``server_port`` tells the bound port.

    Raises:
        StoreError: the store cannot be opened.
        ExtractorError: E036 when the address cannot be bound.

    Example:
        >>> make_server("/no/such/store")
        Traceback (most recent call last):
        ...
        extractor.errors.StoreError: /no/such/store: no store here; create one with `extractor extract --store /no/such/store` first
    """
    store = open_store(store_path, read_only=True)
    running = max_running if max_running is not None else max(2, os.cpu_count() or 2)
    try:
        return SparqlServer((host, port), store, timeout=timeout, max_running=running, quiet=quiet)
    except OSError as exc:
        raise ExtractorError(Errors.E036.format(host=host, port=port, detail=exc.strerror or exc)) from exc

