"""``extractor query SOURCE QUERY``: run a SPARQL query over an exported file or a store.

SOURCE is an RDF file (``.ttl .nt .nq .trig .jsonld``), a graph JSON written
by ``extract --format json`` (``.json``) or a store directory made by
``extract --store``.  QUERY is the query text, ``-`` to read it from standard
input, or ``@FILE`` to read it from a file.  Results go to standard output as
an aligned table, CSV (SPARQL 1.1 CSV results) or JSON (SPARQL 1.1 Query
Results JSON).  The prefixes of :data:`~extractor.ontology.QUERY_PREFIXES` are
declared already.

Example:
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "kg.nt"
    >>> _ = p.write_text('<https://w3id.org/extractor/entity/E1> <http://www.w3.org/2000/01/rdf-schema#label> "メタ"@ja .\\n',
    ...                  encoding="utf-8")
    >>> from extractor.cli import main
    >>> main(["query", str(p), "SELECT ?s ?l WHERE { ?s rdfs:label ?l }"])
    s      | l
    -------+-----
    ent:E1 | メタ
    0
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from extractor.errors import Errors, InputError
from extractor.ontology import PREFIXES, QUERY_PREFIXES
from extractor.store import DEFAULT_TIMEOUT, QueryResult, query_source

__all__ = ["add_parser", "format_csv", "format_json", "format_table", "read_query", "run"]

EPILOG = f"""The prefixes {" ".join(p + ":" for p in QUERY_PREFIXES)} are declared for you.
Queries see every document's triples merged (each once); GRAPH ?g reaches one document's graph.

examples:
  extractor query graphs/seed.ttl 'SELECT ?p ?o WHERE {{ ?p kg:worksFor ?o }}'
  extractor query graphs/kg.oxigraph @queries/people.rq --format csv > people.csv
  echo 'ASK {{ ?s a kg:Person }}' | extractor query graphs/seed.nq - --format json
  extractor query graphs/seed.json 'SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o }}'

exit codes: 0 ok; 2 usage error; 3 the query failed, timed out or the source cannot be read.
"""

#: widest cell of the table format, in terminal columns
MAX_CELL = 60


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``query`` command on ``subparsers``."""
    parser = subparsers.add_parser(
        "query",
        help="run a SPARQL query over an exported graph or a store",
        description="Run a read-only SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) over an RDF "
        "file, a graph JSON or an Oxigraph store directory.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("source", metavar="SOURCE",
                        help="RDF file (.ttl .nt .nq .trig .jsonld), graph JSON (.json) or store directory")
    parser.add_argument("query", metavar="QUERY", help="SPARQL text, - for standard input, or @FILE")
    parser.add_argument("--format", "-f", choices=("table", "csv", "json"), default="table",
                        help="table (default), csv (SPARQL CSV results) or json (SPARQL JSON results)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="S",
                        help=f"give up after S seconds (default {DEFAULT_TIMEOUT:g}; 0 = no limit)")
    parser.add_argument("--limit", type=int, default=10_000, metavar="N",
                        help="print at most N rows (default 10000; 0 = no limit)")
    parser.set_defaults(func=run)
    return parser


def read_query(text: str) -> str:
    """The query text for the QUERY argument: itself, ``-`` = stdin, ``@FILE`` = that file (UTF-8).

    Raises:
        InputError: the ``@FILE`` does not exist or is not UTF-8.

    Example:
        >>> read_query("ASK {}")
        'ASK {}'
    """
    if text == "-":
        return sys.stdin.read()
    if text.startswith("@"):
        path = text[1:]
        try:
            return Path(path).read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise InputError(Errors.E001.format(path=path)) from exc
        except UnicodeDecodeError as exc:
            raise InputError(Errors.E003.format(path=path, encoding="UTF-8")) from exc
    return text


def _compact(iri: str) -> str:
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns) and iri != ns:
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>"


def _cell(term: Any) -> str:
    """Display text of a term for the table: compact IRIs, literal values, ``@lang`` left out."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return _compact(term.value)
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1
               for c in text)


def _visible(text: str) -> str:
    """One line of text: control characters as escapes, cut to :data:`MAX_CELL` columns."""
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    if _width(text) <= MAX_CELL:
        return text
    out, used = [], 0
    for c in text:
        w = _width(c)
        if used + w > MAX_CELL - 1:
            break
        out.append(c)
        used += w
    return "".join(out) + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def format_table(result: QueryResult) -> str:
    """An aligned text table (East Asian wide characters count as two columns).

    Example:
        >>> print(format_table(QueryResult(kind="select", variables=("x",), rows=((ox.Literal("日本"),),))), end="")
        x
        ----
        日本
    """
    if result.kind == "ask":
        return ("true" if result.boolean else "false") + "\n"
    header = list(result.variables)
    rows = [[_visible(_cell(t)) for t in row] for row in result.rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = [" | ".join(_pad(h, w) for h, w in zip(header, widths)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    lines.extend(" | ".join(_pad(c, w) for c, w in zip(r, widths)).rstrip() for r in rows)
    return "\n".join(lines) + "\n"


def _lexical(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return str(term)


def format_csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV results: a header of variable names, values as plain strings, CRLF line ends.

    Example:
        >>> format_csv(QueryResult(kind="select", variables=("x",), rows=((ox.Literal("a,b"),),)))
        'x\\r\\n"a,b"\\r\\n'
    """
    buf = io.StringIO()
    writer = csv.writer(buf)
    if result.kind == "ask":
        writer.writerow(["ask"])
        writer.writerow(["true" if result.boolean else "false"])
        return buf.getvalue()
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_lexical(t) for t in row])
    return buf.getvalue()


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != PREFIXES["xsd"] + "string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def format_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON (CONSTRUCT results as bindings of subject, predicate, object).

    Example:
        >>> format_json(QueryResult(kind="ask", boolean=True))
        '{"head": {}, "boolean": true}\\n'
    """
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n"
    bindings = [{v: _json_term(t) for v, t in zip(result.variables, row) if t is not None}
                for row in result.rows]
    doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _emit(text: str) -> None:
    """Write ``text`` to standard output as UTF-8, whatever the locale says."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        return
    stream.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def run(args: argparse.Namespace) -> int:
    """Run the command; returns the exit code (errors are raised for the CLI to print)."""
    sparql = read_query(args.query)
    limit = args.limit or None
    timeout = args.timeout if args.timeout and args.timeout > 0 else None
    result = query_source(args.source, sparql, timeout=timeout, limit=limit)
    formatter = {"table": format_table, "csv": format_csv, "json": format_json}[args.format]
    _emit(formatter(result))
    if result.truncated:
        print(f"extractor: note: only the first {limit} rows are shown; raise --limit to see more",
              file=sys.stderr)
    return 0
