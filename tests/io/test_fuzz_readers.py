"""Property tests: no input makes the readers crash.

Random bytes and random Unicode go through ``decode_bytes`` and
``iter_documents`` (as a file of each supported kind and as standard input);
the only outcomes allowed are a ``Document`` (whose text is a str without NUL
or other removed control characters, and that can be hashed as UTF-8) or an
``InputFailure``/``InputError``.
"""

from __future__ import annotations

import io
import json
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extractor.errors import InputError
from extractor.io.encoding import decode, decode_bytes, normalize_text
from extractor.io.html import html_to_text
from extractor.io.readers import InputFailure, iter_documents, safe_id
from extractor.models import Document

FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\r\ud800-\udfff]")
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SUFFIXES = [".txt", ".jsonl", ".html", ".md", ""]

LIVEDOOR = "http://news.livedoor.com/article/detail/1/\n2012-01-01T00:00:00+0900\n見出し\n本文です。\n"

texts = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=300)
japanese = st.text(
    alphabet=st.sampled_from("あいうえおかきくけこアイウエオ東京都大阪日本語の記事。、「」①㈱髙﨑 \n\r\t\x00"),
    max_size=200,
)
markup = st.lists(
    st.sampled_from(
        ["<p>", "</p>", "<br>", "<script>", "</script>", "<pre>", "</pre>", "<!--", "-->", "<![CDATA[", "]]>",
         "&amp;", "&#0;", "&#xD800;", "&#99999999;", "<!DOCTYPE html>", "<html>", "<title>", "</title>",
         "<svg/>", "<svg>", "</svg>", "<meta charset='x'>", "<", ">", "&", "本文", "text", "\n"]
    ),
    max_size=40,
).map("".join)

records = st.dictionaries(
    st.sampled_from(["id", "text", "date", "title", "url"]),
    st.one_of(st.none(), texts, st.integers(), st.lists(st.none())),
    max_size=5,
).map(json.dumps)


def check_item(item: object) -> None:
    assert isinstance(item, (Document, InputFailure)), item
    if isinstance(item, Document):
        assert isinstance(item.text, str) and item.text.strip()
        assert FORBIDDEN.search(item.text) is None
        assert item.text.encode("utf-8")
        assert item.id == safe_id(item.id) and "/" not in item.id and ".." not in item.id
    else:
        assert item.message and "\n" not in item.message


def run_file(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        for inputs in ([path], [tmp]):
            for item in iter_documents(inputs, on_warning=lambda w: None):
                check_item(item)


@SETTINGS
@given(st.binary(max_size=2000))
@example(b"\xff\xfe\x00\x00\x00")
@example(b"\x00\x00\xfe\xff\x00")
@example(b"\xef\xbb\xbf")
@example(b"\x1b$B\x1b(B")
def test_random_bytes_never_crash_decode(data):
    try:
        text = decode_bytes(data, path="fuzz")
    except InputError as exc:
        assert str(exc).startswith("fuzz")
    else:
        assert isinstance(text, str) and FORBIDDEN.search(text) is None


@SETTINGS
@given(texts, st.sampled_from(["utf-8", "utf-16", "cp932", "euc_jp", "latin-1"]))
def test_random_text_round_trips_through_forced_encoding(text, encoding):
    data = text.encode(encoding, errors="replace") if encoding != "utf-8" else text.encode("utf-8", "replace")
    try:
        decoded = decode(data, path="fuzz", encoding=encoding)
    except InputError:
        return  # a text that begins like a PNG or PDF is refused
    assert FORBIDDEN.search(decoded.text) is None


@SETTINGS
@given(st.binary(max_size=1500), st.sampled_from(SUFFIXES))
def test_random_bytes_as_files_yield_documents_or_failures(data, suffix):
    run_file(data, suffix)


@SETTINGS
@given(
    st.one_of(texts, japanese, markup),
    st.sampled_from(SUFFIXES),
    st.sampled_from(["utf-8", "cp932", "utf-16"]),
)
def test_random_text_as_files_yield_documents_or_failures(text, suffix, encoding):
    run_file(text.encode(encoding, errors="replace"), suffix)


@SETTINGS
@given(st.lists(st.one_of(texts, records), max_size=8))
def test_random_json_lines(lines):
    run_file("\n".join(lines).encode("utf-8", "surrogatepass"), ".jsonl")


@SETTINGS
@given(st.one_of(st.binary(max_size=1000), texts, japanese), st.booleans())
def test_random_stdin(payload, as_text):
    if isinstance(payload, bytes):
        stream: io.IOBase = io.BytesIO(payload)
    elif as_text:
        stream = io.StringIO(payload)
    else:
        stream = io.BytesIO(payload.encode("utf-8", "surrogatepass"))
    for item in iter_documents(["-"], stdin=stream, on_warning=lambda w: None):  # type: ignore[arg-type]
        check_item(item)


@SETTINGS
@given(st.integers(0, len(LIVEDOOR.encode())), st.binary(max_size=8))
def test_mutated_livedoor_article(position, noise):
    data = LIVEDOOR.encode()
    run_file(data[:position] + noise + data[position:], ".txt")


@SETTINGS
@given(markup)
def test_html_extraction_never_crashes(source):
    page = html_to_text(source)
    assert isinstance(page.text, str)


@SETTINGS
@given(texts)
def test_safe_id_is_idempotent_and_safe(value):
    result = safe_id(value)
    assert result and result == safe_id(result)
    assert not re.search(r"[/\\\x00-\x1f]|\.\.", result)
    assert result not in (".", "..") and not result.startswith(".")
    assert len(result.encode("utf-8")) <= 200


@SETTINGS
@given(texts)
def test_normalize_text_keeps_length_without_cr(value):
    value = value.replace("\r", "")
    assert len(normalize_text(value)) == len(value)
