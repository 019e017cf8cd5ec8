"""Read documents from text files, directories, JSON Lines, HTML and standard input.

:func:`iter_documents` streams :class:`~extractor.models.Document` objects in a
deterministic order and yields an :class:`InputFailure` for every file or
record that cannot be read, then goes on with the next one.  Warnings that do
not stop a document (invalid bytes replaced, a file skipped, an id changed)
go to ``on_warning`` (by default the ``extractor.io`` logger).

Inputs:

* ``-``: standard input, one document with id ``stdin`` (or JSON Lines when
  its first non-blank line is a JSON object with a ``"text"`` field).
* A file.  ``.jsonl`` / ``.ndjson``: one document per line, ``{"id", "text"}``
  plus optional ``"title"``, ``"url"`` and ``"date"`` (other fields are
  ignored); a record without ``id`` gets ``<file stem>-<line>``.  ``.html`` /
  ``.htm`` / ``.xhtml``, or any file starting with ``<!DOCTYPE html`` or
  ``<html``: the visible text (see :mod:`extractor.io.html`).  Anything else
  is one plain-text document whose id is the file stem.
* The livedoor news layout (first line an http(s) URL, second an ISO date
  such as ``2012-01-01T00:00:00+0900``, third the title, then the body) is
  recognised by content: ``url``, ``date`` (ISO 8601 with ``+09:00``) and
  ``title`` are set, and ``text`` is the title line, ``\\n`` and the body, so
  the title is analysed too.  The URL and date lines are not part of ``text``.
* A directory: walked recursively in sorted (code point) order of names;
  hidden files and dot-directories are skipped, and so are licence and read-me
  files (``LICENSE``, ``LICENCE``, ``README``, ``CHANGES``, ``COPYING`` with
  any suffix, e.g. livedoor's ``LICENSE.txt``).  Files ending in ``.txt``,
  ``.text``, ``.md``, ``.markdown``, ``.html``, ``.htm``, ``.xhtml``,
  ``.jsonl`` and ``.ndjson``, and files without a suffix, are read.  Binary
  files (PNG, PDF, ...) are failures whatever their suffix; other files
  (``.json``, ``.csv``, ...) are skipped with a warning.  Symbolic links are
  followed, each directory visited once.

Text: bytes are decoded by :func:`extractor.io.encoding.decode` (UTF-8, BOMs,
Shift_JIS/CP932/EUC-JP detection, ``encoding=`` to force one), then CRLF/CR
become LF and control characters a space.  ``Document.text`` is that
normalised text (for HTML, the extracted text; for livedoor, title + body)
and every offset in a graph indexes it.  A mostly valid UTF-8 file with a few
invalid bytes is read with U+FFFD in their place and a warning, not a failure.

Ids: the file stem (Japanese is fine), passed through :func:`safe_id` so an
id can never name a path outside an output directory.  When an id derived
from a file name is taken already, the path relative to the input directory
is used (``topic-news__topic-news-5978431``; ``/`` cannot be used, ids are
file names later), then that path under the directory's own name (for a
file named on its own: under its parent directory's name), then a counter
(``-2``).  An explicit JSON Lines ``id`` that is taken already is a failure
(``E007``); one that :func:`safe_id` changes is used changed, with a warning.

Each file is read whole (a JSON Lines file line by line); the corpus never is.

Example:
    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("トヨタは新型車を発表した。", encoding="utf-8")
    >>> _ = (d / "b.png").write_bytes(b"\\x89PNG\\r\\n\\x1a\\n" + bytes(64))
    >>> [type(x).__name__ for x in iter_documents([d])]
    ['Document', 'InputFailure']
    >>> next(iter_documents([d / "a.txt"])).id
    'a'
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import BinaryIO, TextIO

from extractor.errors import Errors, InputError
from extractor.io.encoding import check_encoding, decode, normalize_text, sniff_binary
from extractor.io.html import html_to_text, looks_like_html, meta_charset, normalize_date
from extractor.models import Document

__all__ = [
    "DIRECTORY_SUFFIXES",
    "HTML_SUFFIXES",
    "JSONL_SUFFIXES",
    "InputFailure",
    "InputWarning",
    "iter_documents",
    "safe_id",
]

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
#: Suffixes read when walking a directory ("" = no suffix).
DIRECTORY_SUFFIXES = frozenset({"", ".txt", ".text", ".md", ".markdown"}) | JSONL_SUFFIXES | HTML_SUFFIXES
#: File stems skipped in directories (licence and read-me files such as livedoor's LICENSE.txt).
SKIPPED_STEMS = frozenset({"LICENSE", "LICENCE", "README", "CHANGES", "COPYING"})
#: Longest id, in UTF-8 bytes (file systems allow 255 per name; room is left for a suffix).
MAX_ID_BYTES = 200
STDIN_SOURCE = "<stdin>"

_log = logging.getLogger("extractor.io")

_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f/\\\\:*?\"<>|\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_DOTS = re.compile(r"\.{2,}")
_EDGES = re.compile(r"^[\s.]+|[\s.]+$")
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
)
_URL_LINE = re.compile(r"https?://[^\s/]+\S*")
_JSON_KINDS = {dict: "an object", list: "an array", bool: "a boolean", int: "a number", float: "a number"}
_BOM = "\ufeff"


@dataclass(frozen=True)
class InputFailure:
    """A file or record that could not be read; the run goes on without it.

    Attributes:
        source: The path (or ``<stdin>``) as the user named it.
        line: The line of a JSON Lines record, else None.
        message: One line from the errors catalogue: what, where, what to do.
    """

    source: str
    line: int | None
    message: str


@dataclass(frozen=True)
class InputWarning:
    """Something worth telling the user that did not stop a document."""

    source: str
    line: int | None
    message: str


def safe_id(value: str) -> str:
    """Make ``value`` usable as a document id and as one file name.

    Path separators, ``:*?"<>|``, control, bidi-override and surrogate
    characters and runs of two or more dots become ``_``; leading and trailing
    white space and dots are removed; Windows device names get a ``_`` prefix;
    ids longer than 200 UTF-8 bytes are cut and end with a hash.  The result
    is never empty (``doc``) and ``safe_id(safe_id(x)) == safe_id(x)``.
    Japanese text is kept.

    Example:
        >>> safe_id("../../etc/passwd")
        '____etc_passwd'
        >>> safe_id("ニュース記事 1")
        'ニュース記事 1'
        >>> safe_id(".."), safe_id("CON"), safe_id("a\\x00b")
        ('doc', '_CON', 'a_b')
    """
    text = _UNSAFE.sub("_", value)
    text = _DOTS.sub("_", text)
    text = _EDGES.sub("", text)
    if not text.strip("_"):
        text = "doc"
    if text.split(".")[0].upper() in _RESERVED:
        text = "_" + text
    if len(text.encode("utf-8")) > MAX_ID_BYTES:
        digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        cut = text.encode("utf-8")[: MAX_ID_BYTES - len(digest) - 1].decode("utf-8", "ignore")
        text = _EDGES.sub("", cut) + "-" + digest
    return text


class _Ids:
    """Hands out unique document ids in the order documents are read."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def derived(self, *choices: str) -> str:
        names = [safe_id(c) for c in choices]
        for name in names:
            if name not in self.seen:
                self.seen.add(name)
                return name
        n = 2
        while (name := safe_id(f"{names[-1]}-{n}")) in self.seen:
            n += 1
        self.seen.add(name)
        return name

    def explicit(self, name: str) -> bool:
        if name in self.seen:
            return False
        self.seen.add(name)
        return True


def _qualifier(path: PurePath) -> str:
    """``a/b/c.txt`` -> ``a__b__c`` (the anchor and ``.``/``..`` left out)."""
    parts = [p for p in path.with_suffix("").parts if p not in (path.anchor, ".", "..")] if path.name else []
    return "__".join(parts) or "doc"


def _json_kind(value: object) -> str:
    return _JSON_KINDS.get(type(value), type(value).__name__)


def _livedoor(text: str) -> tuple[str, str, str, str | None] | None:
    """(text, url, date, title) when ``text`` is in the livedoor layout."""
    first, sep, rest = text.partition("\n")
    if not sep or not _URL_LINE.fullmatch(first.strip()):
        return None
    second, sep, body = rest.partition("\n")
    date = normalize_date(second) if len(second) < 64 else None
    if date is None or not sep or not body.strip():
        return None
    title = body.partition("\n")[0].strip() or None
    return body, first.strip(), date, title


def _log_warning(warning: InputWarning) -> None:
    _log.warning("%s", warning.message)


def iter_documents(
    inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    encoding: str | None = None,
    stdin: TextIO | BinaryIO | None = None,
    on_warning: Callable[[InputWarning], None] | None = None,
) -> Iterator[Document | InputFailure]:
    """Stream the documents of every input, with a failure for each bad one.

    Args:
        inputs: Paths of files or directories, or ``-`` for standard input
            (one path alone is accepted too).
        encoding: A codec that every file is decoded with (``--encoding``);
            None detects each file's encoding.
        stdin: What ``-`` reads (text or bytes); default ``sys.stdin``.
        on_warning: Called with each :class:`InputWarning`; default logs it
            on the ``extractor.io`` logger.

    Returns:
        An iterator of :class:`~extractor.models.Document` and
        :class:`InputFailure`, in input order, directories in sorted order.

    Raises:
        InputError: ``E064`` at once when ``encoding`` is not a known codec.

    Example:
        >>> import io
        >>> [d.text for d in iter_documents(["-"], stdin=io.StringIO("本文です。\\r\\n"))]
        ['本文です。\\n']
        >>> next(iter_documents(["no/such/file.txt"])).message
        'no/such/file.txt: no such file or directory; check the path'
    """
    codec = check_encoding(encoding) if encoding is not None else None
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    reader = _Reader(codec, stdin, on_warning or _log_warning)
    return reader.run(list(inputs))


class _Reader:
    def __init__(
        self,
        encoding: str | None,
        stdin: TextIO | BinaryIO | None,
        warn: Callable[[InputWarning], None],
    ) -> None:
        self.encoding = encoding
        self.stdin = stdin
        self.warn = warn
        self.ids = _Ids()

    # -- inputs ------------------------------------------------------------
    def run(self, inputs: list[str | os.PathLike[str]]) -> Iterator[Document | InputFailure]:
        for item in inputs:
            name = os.fsdecode(item)
            if name == "-":
                yield from self._stdin()
                continue
            path = Path(name)
            try:
                info = path.stat()
            except (FileNotFoundError, NotADirectoryError):
                yield InputFailure(name, None, Errors.E001.format(path=name))
                continue
            except (OSError, ValueError) as exc:
                yield InputFailure(name, None, Errors.E009.format(path=name, detail=_detail(exc)))
                continue
            if stat.S_ISDIR(info.st_mode):
                yield from self._directory(path, name, info)
            else:
                names = (PurePath(path.name), PurePath(path.parent.name, path.name))
                yield from self._file(path, name, names)

    def _directory(self, root: Path, name: str, info: os.stat_result) -> Iterator[Document | InputFailure]:
        visited = {(info.st_dev, info.st_ino)}
        found = False
        stack: list[Iterator[tuple[Path, PurePath]]] = []
        entries = self._entries(root, PurePath(), name)
        if isinstance(entries, InputFailure):
            yield entries
            return
        stack.append(iter(entries))
        while stack:
            try:
                path, rel = next(stack[-1])
            except StopIteration:
                stack.pop()
                continue
            source = str(Path(name) / rel)
            try:
                st = path.stat()
            except (FileNotFoundError, NotADirectoryError):
                found = True
                yield InputFailure(source, None, Errors.E001.format(path=source))
                continue
            except (OSError, ValueError) as exc:
                found = True
                yield InputFailure(source, None, Errors.E009.format(path=source, detail=_detail(exc)))
                continue
            if stat.S_ISDIR(st.st_mode):
                if (st.st_dev, st.st_ino) not in visited:
                    visited.add((st.st_dev, st.st_ino))
                    entries = self._entries(path, rel, source)
                    if isinstance(entries, InputFailure):
                        found = True
                        yield entries
                    else:
                        stack.append(iter(entries))
                continue
            if path.stem.upper() in SKIPPED_STEMS:
                continue
            if not stat.S_ISREG(st.st_mode):
                self.warn(InputWarning(source, None, Errors.E066.format(path=source)))
                continue
            suffix = path.suffix.lower()
            if suffix not in DIRECTORY_SUFFIXES:
                failure = self._unsupported(path, source, suffix)
                if failure is not None:
                    found = True
                    yield failure
                continue
            found = True
            yield from self._file(path, source, (rel, PurePath(Path(name).name) / rel))
        if not found:
            yield InputFailure(name, None, Errors.E061.format(path=name))

    @staticmethod
    def _entries(directory: Path, rel: PurePath, source: str) -> list[tuple[Path, PurePath]] | InputFailure:
        try:
            with os.scandir(directory) as listing:
                names = sorted(entry.name for entry in listing)
        except OSError as exc:
            return InputFailure(source, None, Errors.E009.format(path=source, detail=_detail(exc)))
        return [(directory / n, rel / n) for n in names if not n.startswith(".")]

    def _unsupported(self, path: Path, source: str, suffix: str) -> InputFailure | None:
        """A failure for a binary file with an unsupported suffix; a warning for the others."""
        try:
            with path.open("rb") as fh:
                head = fh.read(65536)
        except OSError as exc:
            return InputFailure(source, None, Errors.E009.format(path=source, detail=_detail(exc)))
        kind = sniff_binary(head)
        if kind is not None:
            return InputFailure(source, None, Errors.E002.format(path=source, kind=kind))
        self.warn(InputWarning(source, None, Errors.E060.format(path=source, suffix=suffix)))
        return None

    # -- files -------------------------------------------------------------
    def _file(
        self, path: Path, source: str, names: tuple[PurePath, ...]
    ) -> Iterator[Document | InputFailure]:
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            yield from self._jsonl_file(path, source, names)
            return
        try:
            data = path.read_bytes()
        except (OSError, ValueError) as exc:
            yield InputFailure(source, None, Errors.E009.format(path=source, detail=_detail(exc)))
            return
        yield self._bytes_document(data, source, names, html=suffix in HTML_SUFFIXES)

    def _decode(self, data: bytes, source: str, html: bool) -> str | InputFailure:
        hint = meta_charset(data) if html or data[:1024].lstrip()[:1] == b"<" else None
        try:
            decoded = decode(data, path=source, encoding=self.encoding, hint=hint)
        except InputError as exc:
            return InputFailure(source, None, str(exc))
        if decoded.replaced:
            message = Errors.E008.format(
                path=source, count=decoded.replaced, encoding=decoded.encoding, offset=decoded.first_bad
            )
            self.warn(InputWarning(source, None, message))
        return decoded.text

    def _bytes_document(
        self, data: bytes, source: str, names: tuple[PurePath, ...], *, html: bool
    ) -> Document | InputFailure:
        text = self._decode(data, source, html)
        if isinstance(text, InputFailure):
            return text
        return self._text_document(text, source, names, html=html)

    def _text_document(
        self, text: str, source: str, names: tuple[PurePath, ...], *, html: bool
    ) -> Document | InputFailure:
        title = url = date = None
        if html or looks_like_html(text):
            page = html_to_text(text)
            text, title, url, date = normalize_text(page.text), page.title, page.url, page.date
        else:
            layout = _livedoor(text)
            if layout is not None:
                text, url, date, title = layout
        if not text.strip():
            return InputFailure(source, None, Errors.E006.format(path=source))
        doc_id = self.ids.derived(names[0].stem, *(_qualifier(n) for n in names))
        return Document(id=doc_id, text=text, title=title, url=url, date=date, source=source)

    # -- JSON Lines ----------------------------------------------------------
    def _jsonl_file(
        self, path: Path, source: str, names: tuple[PurePath, ...]
    ) -> Iterator[Document | InputFailure]:
        try:
            fh = path.open("rb")
        except (OSError, ValueError) as exc:
            yield InputFailure(source, None, Errors.E009.format(path=source, detail=_detail(exc)))
            return
        with fh:
            yield from self._records(self._jsonl_lines(fh, source), source, names)

    def _jsonl_lines(self, fh: io.BufferedReader, source: str) -> Iterator[tuple[int, str | InputFailure]]:
        head = fh.peek(4)[:4]
        codec = self.encoding
        if codec is None:
            codec = "utf-8"
            for bom, name in (
                (b"\xff\xfe\x00\x00", "utf-32"),
                (b"\x00\x00\xfe\xff", "utf-32"),
                (b"\xff\xfe", "utf-16"),
                (b"\xfe\xff", "utf-16"),
            ):
                if head.startswith(bom):
                    codec = name
                    break
        if '\n{}"'.encode(codec, errors="replace") != b'\n{}"':  # UTF-16/32: not split on bytes
            text_stream = io.TextIOWrapper(fh, encoding=codec, errors="strict", newline=None)
            lineno = 0
            try:
                for lineno, line in enumerate(text_stream, 1):
                    yield lineno, line
            except UnicodeDecodeError:
                yield lineno + 1, InputFailure(
                    source, lineno + 1, Errors.E003.format(path=f"{source}:{lineno + 1}", encoding=codec)
                )
            finally:
                text_stream.detach()
            return
        for lineno, raw in enumerate(fh, 1):
            try:
                yield lineno, raw.decode(codec)
            except UnicodeDecodeError:
                where = f"{source}:{lineno}"
                hint = "UTF-8 (JSON Lines must be UTF-8)" if self.encoding is None else codec
                yield lineno, InputFailure(source, lineno, Errors.E003.format(path=where, encoding=hint))

    def _records(
        self, lines: Iterable[tuple[int, str | InputFailure]], source: str, names: tuple[PurePath, ...]
    ) -> Iterator[Document | InputFailure]:
        for lineno, line in lines:
            if isinstance(line, InputFailure):
                yield line
                continue
            if lineno == 1 and line.startswith(_BOM):
                line = line[1:]
            if not line.strip():
                continue
            yield self._record(line, lineno, source, names)

    def _record(
        self, line: str, lineno: int, source: str, names: tuple[PurePath, ...]
    ) -> Document | InputFailure:
        def fail(message: str) -> InputFailure:
            return InputFailure(source, lineno, message)

        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            detail = f"{exc.msg} at column {exc.colno}"
            return fail(Errors.E004.format(path=source, line=lineno, detail=detail))
        except (ValueError, RecursionError) as exc:
            detail = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)[:80]
            return fail(Errors.E004.format(path=source, line=lineno, detail=detail))
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            return fail(Errors.E005.format(path=source, line=lineno))
        for field in ("id", "title", "url", "date"):
            value = record.get(field)
            if value is None or isinstance(value, str):
                continue
            if field == "id" and isinstance(value, int) and not isinstance(value, bool):
                continue
            return fail(Errors.E062.format(path=source, line=lineno, field=field, kind=_json_kind(value)))
        text = normalize_text(record["text"])
        where = f"{source}:{lineno}"
        if not text.strip():
            return fail(Errors.E006.format(path=where))
        title = normalize_text(record.get("title") or "").strip() or None
        url = normalize_text(record.get("url") or "").strip() or None
        date = None
        raw_date = record.get("date")
        if raw_date is not None and raw_date.strip():
            date = normalize_date(raw_date)
            if date is None:
                message = Errors.E065.format(path=source, line=lineno, value=raw_date)
                self.warn(InputWarning(source, lineno, message))
        given = record.get("id")
        if given is None or (isinstance(given, str) and not given.strip()):
            doc_id = self.ids.derived(
                f"{names[0].stem}-{lineno}", *(f"{_qualifier(n)}-{lineno}" for n in names)
            )
        else:
            given = str(given)
            doc_id = safe_id(given)
            if doc_id != given:
                message = Errors.E063.format(path=where, given=given, used=doc_id)
                self.warn(InputWarning(source, lineno, message))
            if not self.ids.explicit(doc_id):
                return fail(Errors.E007.format(doc=f"{where}: {doc_id!r}"))
        return Document(id=doc_id, text=text, title=title, url=url, date=date, source=source)

    # -- standard input ------------------------------------------------------
    def _stdin(self) -> Iterator[Document | InputFailure]:
        stream = self.stdin if self.stdin is not None else sys.stdin
        if stream is None:
            message = Errors.E009.format(path=STDIN_SOURCE, detail="it is closed")
            yield InputFailure(STDIN_SOURCE, None, message)
            return
        try:
            buffer = getattr(stream, "buffer", None)
            data = (buffer if buffer is not None else stream).read()
        except (OSError, ValueError) as exc:
            yield InputFailure(STDIN_SOURCE, None, Errors.E009.format(path=STDIN_SOURCE, detail=_detail(exc)))
            return
        if isinstance(data, bytes):
            decoded = self._decode(data, STDIN_SOURCE, html=False)
            if isinstance(decoded, InputFailure):
                yield decoded
                return
            text = decoded
        else:
            text = normalize_text(data[1:] if data.startswith(_BOM) else data)
        names = (PurePath("stdin"),)
        if _looks_like_jsonl(text):
            yield from self._records(enumerate(text.split("\n"), 1), STDIN_SOURCE, names)
        else:
            yield self._text_document(text, STDIN_SOURCE, names, html=False)


def _looks_like_jsonl(text: str) -> bool:
    """True when the first non-blank line is a JSON object with a ``"text"`` field."""
    for line in text.split("\n", 50)[:50]:
        if not line.strip():
            continue
        if not line.lstrip().startswith("{"):
            return False
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            return False
        return isinstance(record, dict) and "text" in record
    return False


def _detail(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__
