"""``extractor serve --store DIR``: a read-only SPARQL endpoint over a store.

Example:
    >>> import argparse
    >>> sub = argparse.ArgumentParser(prog="extractor").add_subparsers()
    >>> add_parser(sub).parse_args(["--store", "kg.oxigraph"]).port
    7878
"""

from __future__ import annotations

import argparse
import ipaddress
import signal
import sys
import threading
from types import FrameType
from typing import Any

from extractor.ontology import QUERY_PREFIXES
from extractor.server import make_server
from extractor.store import DEFAULT_TIMEOUT

__all__ = ["add_parser", "run"]

EPILOG = f"""Endpoint: http://HOST:PORT/query (SPARQL 1.1 Protocol; GET ?query= or POST).
Results by Accept: application/sparql-results+json (default), application/sparql-results+xml,
text/csv, text/tab-separated-values; CONSTRUCT gives text/turtle (default), application/n-triples,
application/ld+json. Queries see every document's triples merged; prefixes
{" ".join(p + ":" for p in QUERY_PREFIXES)} are declared. Updates are refused (403).
Do not write to the store (extract --store) while it is being served.

examples:
  extractor serve --store graphs/kg.oxigraph
  extractor serve --store graphs/kg.oxigraph --port 8000 --timeout 10
  curl -G http://127.0.0.1:7878/query -H 'Accept: text/csv' \\
       --data-urlencode 'query=SELECT ?p ?o WHERE {{ ?p kg:worksFor ?o }}'

exit codes: 0 stopped by Ctrl-C or SIGTERM; 3 the store cannot be opened or the port is taken.
"""


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``serve`` command on ``subparsers``."""
    parser = subparsers.add_parser(
        "serve",
        help="serve a store as a read-only SPARQL endpoint",
        description="Serve an Oxigraph store (made by `extract --store`) as a read-only SPARQL 1.1 "
        "Protocol endpoint at /query.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--store", required=True, metavar="DIR", help="store directory to serve")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to bind (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=7878, help="port (default 7878; 0 = any free port)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="S",
                        help=f"answer 503 to queries running longer than S seconds (default {DEFAULT_TIMEOUT:g})")
    parser.add_argument("--quiet", action="store_true", help="do not log each request on stderr")
    parser.set_defaults(func=run)
    return parser


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run(args: argparse.Namespace) -> int:
    """Serve until Ctrl-C or SIGTERM; returns 0 then."""
    timeout = args.timeout if args.timeout and args.timeout > 0 else None
    server = make_server(args.store, args.host, args.port, timeout=timeout, quiet=args.quiet)
    host, port = server.server_address[:2]
    if not _loopback(args.host):
        print(f"extractor: warning: listening on {args.host}, reachable from other machines; "
              "the endpoint has no authentication", file=sys.stderr)
    print(f"extractor: serving {args.store} read-only at http://{host}:{port}/query (Ctrl-C stops)",
          file=sys.stderr, flush=True)

    def stop(signum: int, frame: FrameType | None) -> None:
        # shutdown() waits for serve_forever() to return, so it must run in another thread
        threading.Thread(target=server.shutdown, daemon=True).start()

    previous = signal.signal(signal.SIGTERM, stop) if threading.current_thread() is threading.main_thread() \
        else None
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    print("extractor: server stopped", file=sys.stderr)
    return 0
