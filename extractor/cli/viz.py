"""``extractor viz INPUT --output graph.html``: draw a graph JSON as HTML, PNG or SVG.

Example:
    >>> import argparse
    >>> sub = argparse.ArgumentParser(prog="extractor").add_subparsers()
    >>> add_parser(sub).prog
    'extractor viz'
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path, PurePath
from typing import Any

from pydantic import ValidationError

from extractor.cli import EXIT_OK, EXIT_USAGE
from extractor.errors import Errors, InputError
from extractor.io.atomic import atomic_write
from extractor.models import KnowledgeGraph
from extractor.viz import DEFAULT_TITLE, FORMATS, render

__all__ = ["add_parser", "load_graph", "picture_format", "run"]

EPILOG = """The HTML page is one self-contained file (no network): drag to pan, wheel to zoom,
click a node or an edge for its mentions, evidence and qualifiers, filter by type,
predicate and modality.  PNG and SVG are static pictures.

examples:
  extractor extract seeds/000_401f0d7f82f0a030.txt --format json --output seed.json
  extractor viz seed.json --output seed.html
  extractor viz seed.json --output seed.svg
  extractor extract article.txt --format json | extractor viz - --format png --output graph.png
"""

_SUFFIXES = {".html": "html", ".htm": "html", ".png": "png", ".svg": "svg"}


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``viz`` command on ``subparsers``."""
    parser = subparsers.add_parser(
        "viz",
        help="draw a graph JSON as an interactive HTML page, PNG or SVG",
        description="Draw the project's graph JSON: an interactive, self-contained HTML page "
        "(default) or a static PNG / SVG picture.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "input", metavar="INPUT", help="graph JSON written by `extract --format json` (- = stdin)"
    )
    parser.add_argument("--output", "-o", default="-", help="file to write (default - = stdout)")
    parser.add_argument(
        "--format", "-f", choices=FORMATS, help="html, png or svg (default: from the output suffix)"
    )
    parser.add_argument("--title", help="page or picture title (default: the input's name)")
    parser.set_defaults(func=run)
    return parser


def load_graph(path: str) -> KnowledgeGraph:
    """Read and validate a graph JSON file (``-`` = standard input).

    Raises:
        InputError: the file is missing or is not a valid graph.

    Example:
        >>> load_graph("no/such/graph.json")
        Traceback (most recent call last):
        ...
        extractor.errors.InputError: no/such/graph.json: no such file or directory; check the path
    """
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise InputError(Errors.E001.format(path=path)) from exc
    try:
        return KnowledgeGraph.model_validate_json(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        detail = f"{where}: {first['msg']}" if where else first["msg"]
        raise InputError(Errors.E053.format(path=path, detail=detail)) from exc


def picture_format(output: str, fmt: str | None) -> str | None:
    """The format to draw: ``fmt`` if given, else from the output's suffix (html for stdout).

    Returns None when the suffix names no picture format.

    Example:
        >>> picture_format("graph.SVG", None), picture_format("-", None), picture_format("x.txt", "png")
        ('svg', 'html', 'png')
    """
    if fmt:
        return fmt
    if output == "-":
        return "html"
    return _SUFFIXES.get(PurePath(output).suffix.lower())


def run(args: argparse.Namespace) -> int:
    """Draw ``args.input`` and write it atomically to ``args.output``."""
    fmt = picture_format(args.output, args.format)
    if fmt is None:
        print(f"extractor: error: {Errors.E054.format(path=args.output)}", file=sys.stderr)
        return EXIT_USAGE
    kg = load_graph(args.input)
    title = args.title or (
        DEFAULT_TITLE if args.input == "-" else f"{DEFAULT_TITLE}: {PurePath(args.input).name}"
    )
    atomic_write(args.output, render(kg, fmt, title=title))
    return EXIT_OK
