"""Fuzz the document readers with generated inputs and count failures and crashes.

Each generated input is written to a temporary directory outside the
repository (or given as standard input) and read with
:func:`extractor.io.readers.iter_documents`.  An input may yield documents or
``InputFailure`` records; anything else (an exception, a document whose text
holds NUL or control characters, an unsafe id) counts as a crash.

Inputs are random bytes, random Unicode, and real livedoor articles mutated in
memory (byte flips, truncation inside a character, re-encoding to Shift_JIS /
EUC-JP / UTF-16, control bytes, CR line ends, binary magic numbers, HTML and
JSON Lines wrappers).  This benchmark reads the read-only corpus at
``../shared/corpus/livedoor`` when it is there (it never writes to it); without
it a built-in article is mutated instead.

Usage:
    .venv/bin/python benchmarks/fuzz_inputs.py            # 10,000 inputs, seed 0
    .venv/bin/python benchmarks/fuzz_inputs.py -n 500 --seed 7

Exit status: 0 when nothing crashed, 1 otherwise.

Example:
    >>> stats = run(count=20, seed=1, articles=[SAMPLE_ARTICLE.encode()])
    >>> stats.inputs, stats.crashes
    (20, 0)
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(REPO))

from extractor.io.readers import InputFailure, iter_documents, safe_id  # noqa: E402
from extractor.models import Document  # noqa: E402

__all__ = ["SAMPLE_ARTICLE", "Stats", "find_corpus", "load_articles", "main", "run"]

SAMPLE_ARTICLE = (
    "http://news.livedoor.com/article/detail/1234567/\n"
    "2012-01-01T09:30:00+0900\n"
    "サンプル電機が新工場、熊本に800億円\n"
    "サンプル電機は1日、熊本県に新工場を建設すると発表した。投資額は約800億円で、"
    "2014年の稼働を目指す。同社の山田太郎社長は「地域に貢献したい」と述べた。\n"
)
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\r\ud800-\udfff]")
MAGIC = [b"\x89PNG\r\n\x1a\n", b"%PDF-1.4\n", b"PK\x03\x04", b"GIF89a", b"\xff\xd8\xff\xe0"]
ENCODINGS = ["shift_jis", "cp932", "euc_jp", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "iso2022_jp"]


@dataclass
class Stats:
    """Counts of one fuzz run."""

    inputs: int = 0
    documents: int = 0
    failures: int = 0
    warnings: int = 0
    crashes: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    failed_by_kind: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)


def find_corpus() -> Path | None:
    """The livedoor corpus beside the repository, if present."""
    for root in (REPO.parent / "shared", Path("/work/shared")):
        corpus = root / "corpus" / "livedoor"
        if corpus.is_dir():
            return corpus
    return None


def load_articles(corpus: Path | None, limit: int) -> list[bytes]:
    """Bytes of up to ``limit`` articles, spread evenly over the sorted corpus."""
    if corpus is None:
        return [SAMPLE_ARTICLE.encode("utf-8")]
    files = sorted(p for p in corpus.rglob("*.txt") if p.stem.upper() not in {"LICENSE", "README", "CHANGES"})
    if not files:
        return [SAMPLE_ARTICLE.encode("utf-8")]
    step = max(1, len(files) // limit)
    return [p.read_bytes() for p in files[::step][:limit]]


# -- mutations (all in memory) ------------------------------------------------
def _flip(rng: random.Random, data: bytes, n: int) -> bytes:
    buf = bytearray(data)
    for _ in range(n):
        if buf:
            buf[rng.randrange(len(buf))] = rng.randrange(256)
    return bytes(buf)


def _text(article: bytes) -> str:
    return article.decode("utf-8", errors="replace")


def _random_unicode(rng: random.Random) -> str:
    ranges = [(0x20, 0x7E), (0x3040, 0x30FF), (0x4E00, 0x9FFF), (0x0, 0x1F), (0x80, 0x9F), (0x1F300, 0x1FAFF),
              (0xD800, 0xDFFF), (0xE000, 0xF8FF), (0xFF61, 0xFF9F)]
    out = []
    for _ in range(rng.randrange(0, 400)):
        lo, hi = rng.choice(ranges)
        out.append(chr(rng.randint(lo, hi)))
    return "".join(out)


Generator = Callable[[random.Random, bytes], tuple[bytes, str]]


def gen_random_bytes(rng: random.Random, article: bytes) -> tuple[bytes, str]:
    return rng.randbytes(rng.randrange(0, 4096)), rng.choice([".txt", "", ".md"])


def gen_random_unicode(rng: random.Random, article: bytes) -> tuple[bytes, str]:
    return _random_unicode(rng).encode("utf-8", "surrogatepass"), ".txt"


def gen_byte_flips(rng: random.Random, article: bytes) -> tuple[bytes, str]:
    return _flip(rng, article, rng.randrange(1, 20)), ".txt"


def gen_truncated(rng: random.Random, article: bytes) -> tuple[bytes, str]:
    return article[: rng.randrange(0, len(article) + 1)], ".txt"


def gen_reencoded(rng: random.Random, article: bytes) -> tuple[bytes, str]:
    data = _text(article).encode(rng.choice(ENCODINGS), errors="replace")
    if rng.random() < 0.5:
        data = _flip(rng, data, rng.randrange(1, 5))
    return data, ".txt"


def gen_controls(rng: random.Random, article: bytes) -> tuple[bytes, str]:
    buf = bytearray(article)
    for _ in range(rng.randrange(1, 40)):
        buf.insert(rng.randrange(len(buf) + 1), rng.choice([0, 1, 7, 8, 11, 12, 27, 127]))
    return bytes(buf), ".txt"


def gen_line_ends(rng: random.Random, article: bytes) -> tuple[bytes, str]:
    return article.replace(b"\n", rng.choice([b"\r\n", b"\r", b"\n\r", b"\r\r\n"])), ".txt"


def gen_magic(rng: random.Random, article: bytes) -> tuple[bytes, str]:
    return rng.choice(MAGIC) + article, rng.choice([".txt", ".png", ".pdf", ""])


def gen_splice(rng: random.Random, article: bytes) -> tuple[bytes, str]:
    text = _text(article)
    half = rng.randrange(len(text) + 1)
    enc_a, enc_b = rng.choice(ENCODINGS), rng.choice(ENCODINGS)
    return text[:half].encode(enc_a, "replace") + text[half:].encode(enc_b, "replace"), ".txt"


def gen_html(rng: random.Random, article: bytes) -> tuple[bytes, str]:
    parts = ["<!DOCTYPE html><html><head><title>", "</title><script>x<y</script></head><body>"]
    tags = ["<p>", "</p>", "<br>", "<div>", "</div>", "<pre>", "</pre>", "<!--", "-->", "&amp;", "&#0;",
            "&#xD800;", "<svg>", "<style>", "</style>", "<", "&"]
    body = []
    for line in _text(article).split("\n"):
        body.append(rng.choice(tags) + line)
    html = parts[0] + "題" + parts[1] + "".join(body)
    data = html.encode(rng.choice(["utf-8", "cp932", "euc_jp"]), errors="replace")
    if rng.random() < 0.3:
        data = _flip(rng, data, rng.randrange(1, 10))
    return data, rng.choice([".html", ".htm", ".txt"])


def gen_jsonl(rng: random.Random, article: bytes) -> tuple[bytes, str]:
    lines = []
    for i in range(rng.randrange(1, 6)):
        record: dict[str, object] = {"text": _text(article)}
        if rng.random() < 0.7:
            record["id"] = rng.choice([f"doc-{i}", "../x", "dup", "", 5, "記事"])
        if rng.random() < 0.5:
            record["date"] = rng.choice(["2012-01-01", "2012-01-01T00:00:00+0900", "昨日", 3])
        if rng.random() < 0.2:
            record.pop("text")
        lines.append(json.dumps(record, ensure_ascii=rng.random() < 0.5))
    data = "\n".join(lines).encode("utf-8")
    if rng.random() < 0.5:
        data = _flip(rng, data, rng.randrange(1, 8))
    return data, rng.choice([".jsonl", ".ndjson"])


def gen_empty(rng: random.Random, article: bytes) -> tuple[bytes, str]:
    return rng.choice([b"", b" ", b"\n\n", "\u3000\n".encode(), b"\xef\xbb\xbf", b"\xff\xfe"]), ".txt"


GENERATORS: dict[str, Generator] = {
    "random-bytes": gen_random_bytes,
    "random-unicode": gen_random_unicode,
    "byte-flips": gen_byte_flips,
    "truncated": gen_truncated,
    "re-encoded": gen_reencoded,
    "control-bytes": gen_controls,
    "line-ends": gen_line_ends,
    "magic-number": gen_magic,
    "mixed-encodings": gen_splice,
    "html": gen_html,
    "jsonl": gen_jsonl,
    "empty": gen_empty,
}


def _check(item: object) -> str | None:
    """None when ``item`` is a valid reader output, else what is wrong."""
    if isinstance(item, InputFailure):
        return None if item.message and "\n" not in item.message else f"bad failure message {item.message!r}"
    if not isinstance(item, Document):
        return f"unexpected item {type(item).__name__}"
    if not item.text.strip():
        return "empty document"
    if FORBIDDEN.search(item.text):
        return "document text holds a control character or surrogate"
    if item.id != safe_id(item.id):
        return f"unsafe id {item.id!r}"
    return None


def run(count: int, seed: int, articles: list[bytes]) -> Stats:
    """Generate ``count`` inputs from ``seed`` and read each one."""
    rng = random.Random(seed)
    stats = Stats()
    names = sorted(GENERATORS)
    with tempfile.TemporaryDirectory(prefix="extractor-fuzz-") as tmp:
        for index in range(count):
            kind = names[index % len(names)]
            data, suffix = GENERATORS[kind](rng, rng.choice(articles))
            stats.inputs += 1
            stats.by_kind[kind] += 1
            warnings: list[object] = []
            try:
                if index % 5 == 4 and suffix in (".txt", ""):
                    items = list(iter_documents(["-"], stdin=io.BytesIO(data), on_warning=warnings.append))
                else:
                    path = Path(tmp) / f"input-{index % 7}{suffix}"
                    path.write_bytes(data)
                    items = list(iter_documents([path], on_warning=warnings.append))
                    path.unlink()
                problems = [p for p in map(_check, items) if p]
                if problems:
                    raise AssertionError(problems[0])
            except Exception as exc:  # noqa: BLE001 - every exception is a crash to report
                stats.crashes += 1
                if len(stats.examples) < 5:
                    stats.examples.append(f"#{index} {kind}: {type(exc).__name__}: {exc}\n"
                                          + "".join(traceback.format_exc(limit=3)))
                continue
            stats.warnings += len(warnings)
            for item in items:
                if isinstance(item, Document):
                    stats.documents += 1
                else:
                    stats.failures += 1
                    stats.failed_by_kind[kind] += 1
    return stats


def main(argv: list[str] | None = None) -> int:
    """Run the fuzzer and print counts of inputs, documents, failures and crashes."""
    parser = argparse.ArgumentParser(
        description="Fuzz the document readers with generated inputs.",
        epilog="example:\n  .venv/bin/python benchmarks/fuzz_inputs.py -n 2000 --seed 3",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-n", "--count", type=int, default=10_000, help="number of inputs (default 10000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--articles", type=int, default=300, help="livedoor articles to mutate (default 300)")
    parser.add_argument("--corpus", type=Path, default=None, help="livedoor corpus directory (read only)")
    args = parser.parse_args(argv)
    corpus = args.corpus or find_corpus()
    articles = load_articles(corpus, args.articles)
    started = time.perf_counter()
    stats = run(args.count, args.seed, articles)
    elapsed = time.perf_counter() - started
    print(f"corpus: {corpus if corpus else 'built-in sample'} ({len(articles)} articles), seed {args.seed}")
    print(f"inputs: {stats.inputs}  documents: {stats.documents}  failures: {stats.failures}  "
          f"warnings: {stats.warnings}  crashes: {stats.crashes}  time: {elapsed:.1f} s")
    print(f"{'kind':<16} {'inputs':>7} {'failures':>9}")
    for kind in sorted(stats.by_kind):
        print(f"{kind:<16} {stats.by_kind[kind]:>7} {stats.failed_by_kind[kind]:>9}")
    for example in stats.examples:
        print(example, file=sys.stderr)
    return 1 if stats.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
