"""``extractor eval PRED GOLD...``: score a graph JSON against gold annotations.

Example:
    >>> import argparse
    >>> sub = argparse.ArgumentParser(prog="extractor").add_subparsers()
    >>> add_parser(sub).prog
    'extractor eval'
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from extractor.cli import EXIT_OK
from extractor.cli.viz import load_graph
from extractor.errors import Errors, InputError
from extractor.evaluate import check_gold, evaluate, format_table
from extractor.io.atomic import atomic_write

__all__ = ["add_parser", "load_gold", "run"]

EPILOG = """The gold format is the one of seeds/*.gold.json: entities (id, label, type, aliases,
required), relations (subject, predicate, object, tier core/inferred/optional) and
coref_mentions.  With several gold files each is matched to the graph document whose id or
source is its "document" (or that name's stem) and totals are micro-averaged.

examples:
  extractor extract seeds/000_401f0d7f82f0a030.txt --format json --output seed.json
  extractor eval seed.json seeds/000_401f0d7f82f0a030.gold.json
  extractor eval corpus.json gold/*.gold.json --format json --output scores.json
"""


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``eval`` command on ``subparsers``."""
    parser = subparsers.add_parser(
        "eval",
        help="score a graph JSON against gold annotations",
        description="Score the project's graph JSON against hand-made gold files: entity "
        "precision/recall/F1, type accuracy, duplicates, canonical labels, anaphora, and "
        "relation precision and recall per tier.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "pred", metavar="PRED", help="graph JSON written by `extract --format json` (- = stdin)"
    )
    parser.add_argument("gold", metavar="GOLD", nargs="+", help="gold annotation file(s) (*.gold.json)")
    parser.add_argument(
        "--format", choices=("table", "json"), default="table", help="report format (default table)"
    )
    parser.add_argument("--output", "-o", default="-", help="write the report here (default - = stdout)")
    parser.set_defaults(func=run)
    return parser


def load_gold(path: str) -> dict[str, Any]:
    """Read one gold annotation file (UTF-8 JSON object).

    Raises:
        InputError: the file is missing or is not a gold annotation.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(Errors.E001.format(path=path)) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(Errors.E050.format(where=path, detail=str(exc))) from exc
    check_gold(data, path)
    return data


def run(args: argparse.Namespace) -> int:
    """Score ``args.pred`` against every ``args.gold`` and print or write the report."""
    kg = load_graph(args.pred)
    golds = [load_gold(path) for path in args.gold]
    report = evaluate(kg, golds)
    text = report.to_json() if args.format == "json" else format_table(report)
    atomic_write(args.output, text)
    return EXIT_OK
