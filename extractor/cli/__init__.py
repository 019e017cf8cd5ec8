"""Command-line interface: ``python -m extractor COMMAND ...``.

Each command lives in its own module exposing ``add_parser(subparsers)``; the
parser's ``func`` default takes the parsed arguments and returns an exit code.
Commands are thin wrappers over library functions.

Exit codes (for every command):
    0  success
    1  the run finished but some inputs failed (bad files are reported on stderr)
    2  usage error (bad option, unknown format)
    3  nothing could be processed / fatal error (missing model, unwritable output)
  130  interrupted (Ctrl-C); outputs already written stay valid
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from extractor.about import __version__
from extractor.errors import ExtractorError

__all__ = ["COMMANDS", "EXIT_FAILED_INPUTS", "EXIT_FATAL", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE", "main"]

EXIT_OK = 0
EXIT_FAILED_INPUTS = 1
EXIT_USAGE = 2
EXIT_FATAL = 3
EXIT_INTERRUPTED = 130

#: command name -> module under extractor.cli
COMMANDS: dict[str, str] = {
    "extract": "extractor.cli.extract",
    "query": "extractor.cli.query",
    "serve": "extractor.cli.serve",
    "viz": "extractor.cli.viz",
    "eval": "extractor.cli.evaluate",
}

EPILOG = """exit codes: 0 ok; 1 some inputs failed (others were written); 2 usage error;
3 fatal error (nothing written); 130 interrupted.

examples:
  extractor extract seeds/000_401f0d7f82f0a030.txt --format json --output graphs/seed.json
  extractor query graphs/seed.ttl 'SELECT ?s WHERE { ?s a kg:Person }'
  extractor --help-command extract
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="extractor",
        description="Turn Japanese news articles into a queryable knowledge graph.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"extractor {__version__}")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in COMMANDS.items():
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:  # a command whose module is not built yet
            if exc.name != module:
                raise
            continue
        mod.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code.

    Example:
        >>> main(["--version"])  # doctest: +SKIP
        extractor 0.1.0
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("extractor: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except ExtractorError as exc:
        if args.debug:
            raise
        print(f"extractor: error: {exc}", file=sys.stderr)
        return EXIT_FATAL
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug: one line for the user, the traceback with --debug
        if args.debug:
            raise
        print(f"extractor: internal error: {type(exc).__name__}: {exc}; rerun with --debug and report it",
              file=sys.stderr)
        return EXIT_FATAL
