"""One catalogue of user-facing messages and the exception classes that carry them.

Each message says what went wrong, where, and what to do.  Modules raise
``InputError(Errors.E001.format(...))`` and the CLI prints ``str(exc)`` on one
line (no traceback unless ``--debug``).

Example:
    >>> str(InputError(Errors.E001.format(path="a.txt")))
    'a.txt: no such file or directory; check the path'
"""

from __future__ import annotations

__all__ = [
    "Errors",
    "ExportError",
    "ExtractorError",
    "InputError",
    "ModelError",
    "QueryError",
    "StoreError",
]


class ExtractorError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(ExtractorError):
    """An input file, record or document could not be read."""


class ModelError(ExtractorError):
    """The NLP model is missing or broken."""


class ExportError(ExtractorError):
    """A graph cannot be written in the requested format."""


class QueryError(ExtractorError):
    """A SPARQL query failed, timed out or is not allowed."""


class StoreError(ExtractorError):
    """The on-disk store cannot be opened or written."""


class Errors:
    """Message templates.  Add new ones at the end; never renumber."""

    E001 = "{path}: no such file or directory; check the path"
    E002 = "{path}: is a binary file ({kind}), not text; remove it from the input or convert it to text"
    E003 = "{path}: cannot decode as {encoding}; pass --encoding with the file's real encoding"
    E004 = "{path}:{line}: malformed JSON ({detail}); fix or remove that line"
    E005 = "{path}:{line}: record has no string \"text\" field; each JSON Lines record needs {{\"id\", \"text\"}}"
    E006 = "{path}: document is empty (no text after decoding); nothing to extract"
    E007 = "{doc}: duplicate document id; give each document a unique id"
    E010 = ("the spaCy model 'ja_ginza' is not installed; install it with "
            "`pip install 'ja-ginza>=5.2,<5.4'` (it comes from PyPI)")
    E012 = ("{doc}: extraction failed ({detail}); the other documents were processed; "
            "please report this document with `--debug` output")
    E011 = "{path}: cannot read the knowledge base ({detail}); see README 'Knowledge base' for the format"
    E020 = "unknown output format {fmt!r}; choose one of {choices}"
    E021 = "GraphML does not support {what}; {hint}"
    E022 = "{path}: cannot write output ({detail}); check the directory exists and is writable"
    E030 = "SPARQL query failed: {detail}"
    E031 = "SPARQL query exceeded the time limit of {seconds} s; narrow it or raise --timeout"
    E032 = "{source}: not an RDF file or store; give a .ttl/.nt/.nq/.jsonld file or a store directory"
    E033 = "updates are not allowed on a read-only endpoint or query; use `extract --store` to add data"
    E040 = "{path}: cannot open the store ({detail}); is another process using it?"
    E050 = ("{where}: not a gold annotation ({detail}); a gold file is a JSON object with the lists "
            "\"entities\", \"relations\", \"entity_types\" and \"predicates\"")
    E051 = ("gold for document {document}: with several gold files each needs a \"document\" field and the "
            "graph needs its documents; otherwise score one gold file at a time")
    E052 = ("gold names document {document!r} but the graph has no document with that id or source "
            "(it has: {known}); extract that document too or leave its gold file out")
    E053 = "{path}: not a knowledge-graph JSON ({detail}); give a file written by `extractor extract --format json`"
    E054 = "cannot tell the picture format from {path!r}; name the output .html, .png or .svg, or pass --format"
    E023 = ("{where}: text holds an unpaired surrogate code point U+{code:04X}, which no RDF syntax can "
            "hold; repair the input's encoding (it is not valid Unicode)")
    E024 = ("{where}: {value!r} is not an absolute IRI; give same_as values as full IRIs such as "
            "http://www.wikidata.org/entity/Q380")
    E025 = "{where}: the number {value!r} is not finite; {fmt} cannot hold NaN or infinity: fix or drop it"
    E026 = ("{where}: label language {lang!r} is not a BCP 47 tag; key Entity.labels by codes such as "
            "'ja' or 'en'")
    E034 = "{path}: cannot read it as {fmt} ({detail}); check that the file is valid {fmt}"
    E036 = "cannot serve on {host}:{port} ({detail}); pick another --port or stop the process using it"
    E041 = "{path}: no store here; create one with `extractor extract --store {path}` first"
    E042 = "{path}: cannot write to the store ({detail}); check free disk space and permissions"
    E008 = ("{path}: {count} byte sequence(s) are not valid {encoding} and were replaced by U+FFFD "
            "(first at byte {offset}); the rest of the document was read; pass --encoding if the file "
            "uses another encoding")
    E009 = "{path}: cannot read ({detail}); check that it is a readable file and that you have permission"
    E060 = ("{path}: skipped: files ending in {suffix!r} are not read from directories; name the file "
            "itself as an input or rename it to .txt, .md, .html or .jsonl")
    E061 = ("{path}: directory holds no input files (.txt, .md, .html, .htm, .jsonl, .ndjson or no "
            "suffix); check the path")
    E062 = "{path}:{line}: field {field!r} must be a string, not {kind}; fix that record"
    E063 = "{path}: document id {given!r} cannot be used as a file name; it was changed to {used!r}"
    E064 = ("unknown encoding {encoding!r}; give a Python codec name such as utf-8, cp932, shift_jis, "
            "euc_jp or utf-16")
    E065 = ("{path}:{line}: date {value!r} is not ISO 8601 (such as 2012-01-31 or "
            "2012-01-31T09:00:00+09:00); the date was left out")
    E066 = ("{path}: skipped: not a regular file (a pipe, socket or device); name it as an input "
            "itself to read it")
    E070 = ("the Ray engine needs the 'ray' package, which is not installed; install the extra: "
            "pip install 'extractor[ray]' (or use --engine local)")
    E071 = ("cannot start or reach the Ray cluster{where} ({detail}); check the address (the head node's "
            "host:port, or 'auto'), that the cluster runs and that it has the same ray version")
    E072 = ("a Ray worker failed on documents {first} to {last} ({detail}); rerun those inputs with "
            "--engine local --debug to see the cause")
    E073 = ("a Ray worker could not start ({detail}); every node of the cluster needs extractor and the "
            "ja_ginza model installed, in the same versions as here")
