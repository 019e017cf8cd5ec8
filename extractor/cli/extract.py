"""``extractor extract``: articles in, a knowledge graph out (JSON, RDF, GraphML).

A thin wrapper over :func:`extractor.corpus.run` and :mod:`extractor.export`.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from extractor.errors import Errors, ExportError

__all__ = ["add_parser", "main"]

FORMATS = ("json", "turtle", "jsonld", "nt", "nq", "graphml")

EPILOG = """examples:
  # the seed article, every format, into graphs/
  extractor extract seeds/000_401f0d7f82f0a030.txt --format all --output graphs/
  # JSON to stdout from stdin
  echo 'ソニーは東京に本社を置く。' | extractor extract - --format json --output -
  # a corpus directory with 2 workers into an on-disk SPARQL store (incremental)
  extractor extract corpus/ --workers 2 --store kgstore --format turtle --output corpus.ttl

inputs: UTF-8 (or Shift_JIS / EUC-JP / UTF-16, detected) text files, JSON Lines files of
{"id", "text"[, "title", "url", "date"]}, HTML files, directories (recursive), livedoor-format
articles, or - for stdin.

exit codes: 0 all inputs processed; 1 some inputs failed (the rest was written; use
--keep-going to exit 0 anyway); 2 usage error; 3 fatal error, nothing written; 130 interrupted.
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract",
        help="extract a knowledge graph from articles",
        description="Extract entities and relations from Japanese news articles into a knowledge graph.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="file, directory, JSON Lines file, or - (stdin)")
    p.add_argument("-f", "--format", default="json",
                   help=f"output format(s), comma-separated: {', '.join(FORMATS)}, or all (default: json)")
    p.add_argument("-o", "--output", default="-",
                   help="output file, - for stdout (default), or a directory (ends with /, or with several formats)")
    p.add_argument("--kb", action="append", default=[], metavar="FILE",
                   help="extra knowledge-base file (JSON Lines; repeatable)")
    p.add_argument("-w", "--workers", type=int, default=None,
                   help="parsing processes (default: number of cores; 1 for a single article)")
    p.add_argument("--encoding", default=None, help="force the text encoding of every input (default: detect)")
    p.add_argument("--store", default=None, metavar="DIR",
                   help="also write into an on-disk Oxigraph store; unchanged documents are skipped")
    p.add_argument("--keep-going", action="store_true", help="exit 0 even when some inputs failed")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    p.add_argument("--engine", choices=("local", "ray"), default="local", help="where to run (default: local)")
    p.add_argument("--address", default=None, help="Ray cluster address (with --engine ray)")
    p.set_defaults(func=main)


def _formats(value: str) -> list[str]:
    names = [f.strip() for f in value.split(",") if f.strip()]
    if names == ["all"]:
        return list(FORMATS)
    for f in names:
        if f not in FORMATS:
            raise ExportError(Errors.E020.format(fmt=f, choices=", ".join((*FORMATS, "all"))))
    return names


def _targets(formats: list[str], output: str, inputs: list[str]) -> list[tuple[str, str]]:
    """(format, path) pairs: one file, stdout, or one file per format in a directory."""
    from extractor.export import SUFFIXES

    as_dir = output.endswith(("/", os.sep)) or Path(output).is_dir() or (len(formats) > 1 and output != "-")
    if len(formats) > 1 and output == "-":
        raise ExportError(Errors.E020.format(fmt=",".join(formats), choices="one format when writing to stdout"))
    if not as_dir:
        return [(formats[0], output)]
    stem = Path(inputs[0]).stem if len(inputs) == 1 and inputs[0] != "-" and Path(inputs[0]).is_file() else "graph"
    return [(f, str(Path(output) / f"{stem}{SUFFIXES[f]}")) for f in formats]


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _default_workers(inputs: list[str]) -> int:
    """All cores for a corpus; one process for a single article (no start-up cost)."""
    single = len(inputs) == 1 and (inputs[0] == "-" or (Path(inputs[0]).is_file() and Path(inputs[0]).suffix
                                                         not in (".jsonl", ".ndjson")))
    return 1 if single else max(1, os.cpu_count() or 1)


def main(args: argparse.Namespace) -> int:
    from extractor.cli import EXIT_FAILED_INPUTS, EXIT_FATAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE
    from extractor.export import write

    try:
        formats = _formats(args.format)
        targets = _targets(formats, args.output, args.inputs)
    except ExportError as exc:  # a usage error: nothing has run yet
        print(f"extractor: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    workers = args.workers or _default_workers(args.inputs)
    quiet = args.quiet
    progress = not quiet and sys.stderr.isatty()

    signal.signal(signal.SIGTERM, _interrupt)

    def report(failure: object) -> None:
        print(f"extractor: {failure.message}", file=sys.stderr)  # type: ignore[attr-defined]

    store = None
    if args.store:
        from extractor.store import open_store

        store = open_store(args.store)
    if args.engine == "ray":
        from extractor.distributed import run_ray

        graph, summary = run_ray(args.inputs, address=args.address, kb_paths=args.kb, encoding=args.encoding,
                                 on_failure=report, num_actors=args.workers, store=store, progress=progress)
    else:
        from extractor.corpus import run
        from extractor.pipeline import Extractor

        kx = Extractor(kb_paths=args.kb)
        graph, summary = run(args.inputs, extractor=kx, encoding=args.encoding, workers=workers, store=store,
                             on_failure=report, progress=progress)
    if store is not None:
        store.flush()
    if summary.interrupted:
        print(f"extractor: interrupted after {summary.line()}", file=sys.stderr)
        print("extractor: no output written" + ("; the store keeps the documents done, rerun to resume"
                                                 if args.store else ""), file=sys.stderr)
        return EXIT_INTERRUPTED
    if summary.documents == 0 and summary.skipped == 0 and summary.failed:
        print("extractor: error: no input could be read; nothing written", file=sys.stderr)
        return EXIT_FATAL
    for fmt, path in targets:
        write(graph, fmt, path)
    if not quiet:
        print(f"extractor: {summary.line()}", file=sys.stderr)
    if summary.failed and not args.keep_going:
        return EXIT_FAILED_INPUTS
    return EXIT_OK
