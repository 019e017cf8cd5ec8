"""Reading every kind of input: files, directories, JSON Lines, HTML, livedoor, stdin."""

from __future__ import annotations

import doctest
import importlib
import io
import json
import os
import re
from pathlib import Path

import pytest

from extractor.errors import Errors, InputError
from extractor.io.readers import InputFailure, iter_documents, safe_id
from extractor.models import Document

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n"


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_bytes(data.encode("utf-8"))
    else:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize("module", ["extractor.io.readers", "extractor.io.encoding", "extractor.io.html"])
def test_docstring_examples_run(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0


# -- plain text ---------------------------------------------------------------
def test_utf8_text_file_is_one_document(tmp_path, collect, jp_text):
    path = write(tmp_path / "記事-1.txt", jp_text)
    out = collect([path])
    assert out.failures == [] and out.warnings == []
    (doc,) = out.docs
    assert doc.id == "記事-1"
    assert doc.text == jp_text
    assert doc.source == str(path)
    assert doc.title is None and doc.url is None and doc.date is None


def test_empty_file_is_a_failure(tmp_path, collect):
    path = write(tmp_path / "empty.txt", b"")
    out = collect([path])
    assert out.docs == []
    assert out.failures == [InputFailure(str(path), None, Errors.E006.format(path=path))]


@pytest.mark.parametrize("content", [" ", "\n\n\n", " \t\r\n\u3000\n", "\ufeff  \n"])
def test_whitespace_only_file_is_a_failure(tmp_path, collect, content):
    path = write(tmp_path / "blank.txt", content)
    out = collect([path])
    assert out.docs == []
    assert [f.message for f in out.failures] == [Errors.E006.format(path=path)]


@pytest.mark.parametrize("encoding", ["shift_jis", "euc_jp", "cp932"])
def test_japanese_legacy_encodings_are_detected(tmp_path, collect, jp_text, encoding):
    path = write(tmp_path / f"{encoding}.txt", jp_text.encode(encoding))
    out = collect([path])
    assert out.failures == [] and out.warnings == []
    assert out.docs[0].text == jp_text


def test_cp932_only_characters_are_detected(tmp_path, collect, cp932_text):
    with pytest.raises(UnicodeEncodeError):
        cp932_text.encode("shift_jis")  # the text really needs CP932
    path = write(tmp_path / "cp932.txt", cp932_text.encode("cp932"))
    (doc,) = collect([path]).docs
    assert doc.text == cp932_text
    assert "髙" in doc.text and "﨑" in doc.text and "①" in doc.text


@pytest.mark.parametrize(
    ("encoding", "forced"),
    [("euc_jp", "euc_jp"), ("cp932", "cp932"), ("shift_jis", "Shift-JIS"), ("utf-16-le", "utf-16-le")],
)
def test_encoding_can_be_forced(tmp_path, collect, jp_text, encoding, forced):
    path = write(tmp_path / "a.txt", jp_text.encode(encoding))
    out = collect([path], encoding=forced)
    assert out.failures == []
    assert out.docs[0].text == jp_text


def test_wrong_forced_encoding_is_a_failure(tmp_path, collect, cp932_text):
    bad = write(tmp_path / "a.txt", cp932_text.encode("cp932"))
    good = write(tmp_path / "b.txt", "ASCII only")
    out = collect([bad, good], encoding="utf-8")
    assert [f.message for f in out.failures] == [Errors.E003.format(path=bad, encoding="utf-8")]
    assert [d.id for d in out.docs] == ["b"]


def test_unknown_forced_encoding_raises_at_once():
    with pytest.raises(InputError, match="unknown encoding 'no-such-codec'"):
        iter_documents(["x.txt"], encoding="no-such-codec")
    with pytest.raises(InputError, match="unknown encoding"):
        iter_documents(["x.txt"], encoding="rot13")


def test_utf8_bom_is_removed(tmp_path, collect, jp_text):
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + jp_text.encode("utf-8"))
    (doc,) = collect([path]).docs
    assert doc.text == jp_text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path, collect, jp_text, encoding):
    bom = b"\xff\xfe" if encoding.endswith("le") else b"\xfe\xff"
    path = write(tmp_path / "u16.txt", bom + jp_text.encode(encoding))
    out = collect([path])
    assert out.failures == []
    assert out.docs[0].text == jp_text


def test_invalid_utf8_in_a_good_article_is_replaced_with_a_warning(tmp_path, collect, jp_text):
    data = jp_text.encode("utf-8")
    cut = len("東京都千代田区に".encode())
    path = write(tmp_path / "broken.txt", data[:cut] + b"\xff\xfe\x80" + data[cut:])
    out = collect([path])
    assert out.failures == []
    (doc,) = out.docs
    assert doc.text == jp_text[:8] + "\ufffd" * 3 + jp_text[8:]
    (warning,) = out.warnings
    assert warning.message == Errors.E008.format(path=path, count=3, encoding="utf-8", offset=cut)


def test_crlf_and_cr_line_ends_become_lf(tmp_path, collect):
    crlf = write(tmp_path / "crlf.txt", "一行目\r\n二行目\r\n")
    cr = write(tmp_path / "cr.txt", "一行目\r二行目\r")
    texts = [d.text for d in collect([crlf, cr]).docs]
    assert texts == ["一行目\n二行目\n", "一行目\n二行目\n"]


def test_five_megabyte_single_line_document(tmp_path, collect, jp_text):
    line = jp_text.replace("\n", "")
    body = (line * (5_000_000 // len(line.encode()) + 1)).encode("utf-8")[:5_000_000]
    body = body.decode("utf-8", errors="ignore").encode("utf-8")
    path = write(tmp_path / "big.txt", body)
    assert path.stat().st_size > 4_990_000
    (doc,) = collect([path]).docs
    assert "\n" not in doc.text
    assert doc.text.encode("utf-8") == body


def test_nul_and_control_characters_become_spaces(tmp_path, collect, jp_text):
    raw = jp_text[:20] + "\x00" + jp_text[20:40] + "\x07\x1b\x7f\x85" + jp_text[40:] + "\x0c"
    path = write(tmp_path / "ctrl.txt", raw)
    (doc,) = collect([path]).docs
    assert doc.text == jp_text[:20] + " " + jp_text[20:40] + "    " + jp_text[40:] + " "
    assert len(doc.text) == len(raw)
    assert "\t" in collect([write(tmp_path / "tab.txt", "a\tb")]).docs[0].text


@pytest.mark.parametrize(
    "text",
    ["😀🎉🇯🇵👨‍👩‍👧", "Only Latin text, nothing else.", "Déjà vu — naïve façade"],
    ids=["emoji", "ascii", "latin"],
)
def test_non_japanese_documents_are_read(tmp_path, collect, text):
    (doc,) = collect([write(tmp_path / "x.txt", text)]).docs
    assert doc.text == text


def test_latin1_file_falls_back_to_charset_detection(tmp_path, collect):
    text = "Le président a déclaré que l'économie française était en très bonne santé cette année."
    (doc,) = collect([write(tmp_path / "fr.txt", text.encode("cp1252"))]).docs
    assert doc.text == text


def test_missing_path_is_a_failure(tmp_path, collect):
    good = write(tmp_path / "ok.txt", "本文")
    missing = tmp_path / "missing.txt"
    out = collect([missing, good])
    assert out.failures == [InputFailure(str(missing), None, Errors.E001.format(path=missing))]
    assert [d.id for d in out.docs] == ["ok"]


def test_single_path_is_accepted(tmp_path):
    path = write(tmp_path / "one.txt", "本文")
    assert [d.id for d in iter_documents(path)] == ["one"]
    assert [d.id for d in iter_documents(str(path))] == ["one"]


# -- directories --------------------------------------------------------------
def test_png_and_pdf_in_a_corpus_directory_are_failures(tmp_path, collect, jp_text):
    write(tmp_path / "a.txt", jp_text)
    write(tmp_path / "photo.png", PNG)
    write(tmp_path / "paper.pdf", PDF)
    write(tmp_path / "renamed.txt", PNG)
    out = collect([tmp_path])
    assert [d.id for d in out.docs] == ["a"]
    assert [f.message for f in out.failures] == [
        Errors.E002.format(path=tmp_path / "paper.pdf", kind="PDF document"),
        Errors.E002.format(path=tmp_path / "photo.png", kind="PNG image"),
        Errors.E002.format(path=tmp_path / "renamed.txt", kind="PNG image"),
    ]


def test_directory_mixing_good_and_bad_files(tmp_path, collect, jp_text, cp932_text):
    write(tmp_path / "b" / "good2.txt", cp932_text.encode("cp932"))
    write(tmp_path / "a" / "good1.md", jp_text)
    write(tmp_path / "a" / "empty.txt", b"")
    write(tmp_path / "a" / "records.jsonl", '{"id": "r1", "text": "記録"}\n{broken\n')
    write(tmp_path / "c.html", "<html><body><p>ページ本文</p></body></html>")
    write(tmp_path / "z.bin", bytes(range(256)) * 4)
    write(tmp_path / "notes.json", '{"not": "an article"}')
    write(tmp_path / ".hidden.txt", "hidden")
    write(tmp_path / ".git" / "HEAD.txt", "ref")
    write(tmp_path / "LICENSE.txt", "licence")
    write(tmp_path / "b" / "README.txt", "read me")
    write(tmp_path / "noext", "拡張子なし")
    out = collect([tmp_path])
    assert [d.id for d in out.docs] == ["good1", "r1", "good2", "c", "noext"]
    assert [(Path(f.source).name, f.line) for f in out.failures] == [
        ("empty.txt", None),
        ("records.jsonl", 2),
        ("z.bin", None),
    ]
    assert out.failures[2].message.startswith(f"{tmp_path / 'z.bin'}: is a binary file")
    assert [w.message for w in out.warnings] == [
        Errors.E060.format(path=tmp_path / "notes.json", suffix=".json")
    ]


def test_directory_order_is_sorted_and_deterministic(tmp_path, collect):
    for name in ["b.txt", "a10.txt", "a2.txt", "A.txt", "sub/x.txt", "sub/a.txt", "ä.txt", "記事.txt"]:
        write(tmp_path / name, f"本文 {name}")
    first = collect([tmp_path])
    second = collect([tmp_path])
    assert [d.id for d in first.docs] == ["A", "a10", "a2", "b", "a", "x", "ä", "記事"]
    assert first.items == second.items


def test_explicitly_named_file_with_other_suffix_is_read(tmp_path, collect):
    path = write(tmp_path / "notes.json", "ただのテキスト")
    (doc,) = collect([path]).docs
    assert doc.id == "notes" and doc.text == "ただのテキスト"


def test_empty_directory_is_a_failure(tmp_path, collect):
    (tmp_path / "empty").mkdir()
    write(tmp_path / "empty" / ".hidden.txt", "x")
    out = collect([tmp_path / "empty"])
    assert [f.message for f in out.failures] == [Errors.E061.format(path=tmp_path / "empty")]


def test_directory_is_streamed_lazily(tmp_path):
    write(tmp_path / "a.txt", "一つ目")
    write(tmp_path / "b.txt", "二つ目")
    items = iter_documents([tmp_path], on_warning=lambda w: None)
    assert next(items).id == "a"
    (tmp_path / "b.txt").unlink()  # b.txt has not been read yet
    (failure,) = list(items)
    assert failure.message == Errors.E001.format(path=tmp_path / "b.txt")


def test_symlink_loop_and_fifo_do_not_hang(tmp_path, collect):
    write(tmp_path / "d" / "a.txt", "本文")
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    (tmp_path / "d" / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "d" / "pipe.txt")
    out = collect([tmp_path / "d"])
    assert [d.id for d in out.docs] == ["a"]
    assert [f.message for f in out.failures] == [Errors.E001.format(path=tmp_path / "d" / "dangling.txt")]
    assert [w.message for w in out.warnings] == [Errors.E066.format(path=tmp_path / "d" / "pipe.txt")]


# -- ids ----------------------------------------------------------------------
def test_duplicate_file_ids_are_disambiguated_with_the_relative_path(tmp_path, collect):
    write(tmp_path / "corpus" / "sports" / "topic-news-5978431.txt", "一")
    write(tmp_path / "corpus" / "topic-news" / "topic-news-5978431.txt", "二")
    write(tmp_path / "other" / "topic-news" / "topic-news-5978431.txt", "三")
    write(tmp_path / "x" / "other" / "topic-news" / "topic-news-5978431.txt", "四")
    inputs = [tmp_path / "corpus", tmp_path / "other", tmp_path / "x" / "other"]
    out = collect(inputs)
    assert [d.id for d in out.docs] == [
        "topic-news-5978431",
        "topic-news__topic-news-5978431",
        "other__topic-news__topic-news-5978431",
        "other__topic-news__topic-news-5978431-2",
    ]
    assert [d.text for d in out.docs] == ["一", "二", "三", "四"]
    assert collect(inputs).items == out.items


def test_same_stem_in_named_files_uses_the_path_then_a_counter(tmp_path, collect, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.txt", "本文")
    write(tmp_path / "sub" / "a.md", "本文")
    out = collect(["a.txt", "sub/a.md", "a.txt", "./a.txt", "sub/a.md"])
    assert [d.id for d in out.docs] == ["a", "sub__a", "a-2", "a-3", "sub__a-2"]
    assert [d.source for d in out.docs] == ["a.txt", "sub/a.md", "a.txt", "./a.txt", "sub/a.md"]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("../../etc/passwd", "____etc_passwd"),
        ("..", "doc"),
        (".", "doc"),
        ("", "doc"),
        ("/", "doc"),
        (".hidden", "hidden"),
        ("a/b\\c", "a_b_c"),
        ("C:\\Windows", "C__Windows"),
        ("line\nbreak\ttab\x00nul", "line_break_tab_nul"),
        ("evil\u202etxt.exe", "evil_txt.exe"),
        ("NUL", "_NUL"),
        ("con.txt", "_con.txt"),
        ("トヨタ自動車 2024", "トヨタ自動車 2024"),
        ("topic-news-5978431", "topic-news-5978431"),
        ("v1.2", "v1.2"),
        ("  trailing. ", "trailing"),
    ],
)
def test_safe_id(given, expected):
    assert safe_id(given) == expected
    assert safe_id(expected) == expected


def test_safe_id_cuts_long_ids_with_a_hash():
    long_a = "記" * 300 + "a"
    long_b = "記" * 300 + "b"
    a, b = safe_id(long_a), safe_id(long_b)
    assert len(a.encode("utf-8")) <= 200 and len(b.encode("utf-8")) <= 200
    assert a != b and re.search(r"-[0-9a-f]{10}$", a)
    assert safe_id(a) == a


def test_unsafe_file_stem_becomes_a_safe_id(tmp_path, collect):
    (doc,) = collect([write(tmp_path / "..weird..name.txt", "本文")]).docs
    assert doc.id == "_weird_name"


# -- JSON Lines ---------------------------------------------------------------
def test_jsonl_with_malformed_line_and_record_without_text(tmp_path, collect):
    lines = [
        json.dumps({"id": "doc-1", "text": "一件目の本文。", "title": "見出し", "url": "https://example.com/1",
                    "date": "2024-04-01T09:00:00+0900"}, ensure_ascii=False),
        '{"id": "doc-2", "text": "閉じていない',
        json.dumps({"id": "doc-3", "body": "text がない"}, ensure_ascii=False),
        "",
        json.dumps({"text": "id のない記録\r\nです"}, ensure_ascii=False),
        json.dumps({"id": "doc-1", "text": "重複"}, ensure_ascii=False),
        json.dumps({"id": "doc-6", "text": "型違い", "title": ["x"]}, ensure_ascii=False),
        json.dumps({"id": 7, "text": "数値の id", "date": "昨日"}, ensure_ascii=False),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "doc-10", "text": "   "}),
        json.dumps({"id": "../escape", "text": "危ない id"}, ensure_ascii=False),
    ]
    path = write(tmp_path / "news.jsonl", "\n".join(lines) + "\n")
    out = collect([path])
    assert [(d.id, d.text) for d in out.docs] == [
        ("doc-1", "一件目の本文。"),
        ("news-5", "id のない記録\nです"),
        ("7", "数値の id"),
        ("__escape", "危ない id"),
    ]
    first = out.docs[0]
    assert (first.title, first.url, first.date, first.source) == (
        "見出し", "https://example.com/1", "2024-04-01T09:00:00+09:00", str(path))
    assert out.docs[2].date is None
    assert [(f.line, f.message.split(": ", 1)[1].split(" (")[0]) for f in out.failures] == [
        (2, "malformed JSON"),
        (3, 'record has no string "text" field; each JSON Lines record needs {"id", "text"}'),
        (6, "'doc-1': duplicate document id; give each document a unique id"),
        (7, "field 'title' must be a string, not an array; fix that record"),
        (9, 'record has no string "text" field; each JSON Lines record needs {"id", "text"}'),
        (10, "document is empty"),
    ]
    assert out.failures[0].message.startswith(f"{path}:2: malformed JSON (")
    assert [w.line for w in out.warnings] == [8, 11]
    assert "昨日" in out.warnings[0].message and "'__escape'" in out.warnings[1].message


def test_jsonl_bom_utf16_and_invalid_line(tmp_path, collect):
    records = [{"id": "a", "text": "本文一"}, {"id": "b", "text": "本文二"}]
    body = "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n"
    bom8 = write(tmp_path / "bom8.jsonl", b"\xef\xbb\xbf" + body.encode("utf-8"))
    u16 = write(tmp_path / "u16.ndjson", body.encode("utf-16"))
    bad = write(tmp_path / "bad.jsonl", b'{"id": "c", "text": "\xff"}\n{"id": "d", "text": "ok"}\n')
    assert [d.id for d in collect([bom8]).docs] == ["a", "b"]
    assert [d.text for d in collect([u16]).docs] == ["本文一", "本文二"]
    out = collect([bad])
    assert [d.id for d in out.docs] == ["d"]
    assert out.failures == [InputFailure(str(bad), 1, Errors.E003.format(
        path=f"{bad}:1", encoding="UTF-8 (JSON Lines must be UTF-8)"))]


def test_jsonl_deep_nesting_and_huge_numbers_are_failures(tmp_path, collect):
    path = write(tmp_path / "nasty.jsonl", "[" * 100_000 + "]" * 100_000 + "\n" + "1" * 5000 + "\n"
                 + '{"text": "最後"}\n')
    out = collect([path])
    assert [f.line for f in out.failures] == [1, 2]
    assert all("malformed JSON" in f.message for f in out.failures)
    assert [d.id for d in out.docs] == ["nasty-3"]


# -- HTML ---------------------------------------------------------------------
HTML_PAGE = """<!DOCTYPE html>
<html lang="ja"><head>
<meta charset="utf-8">
<title>新工場を建設 &amp; 採用</title>
<meta property="article:published_time" content="2024-04-01T10:00:00+09:00">
<link rel="canonical" href="https://example.com/news/1">
<style>p { color: red; }</style>
<script>var x = "<p>スクリプト</p>";</script>
</head><body>
<h1>サンプル電機、熊本に新工場</h1>
<p>サンプル電機は1日、熊本県に
新工場を建設すると発表した。</p>
<p>投資額は&#x7D04;800億円&nbsp;です。<br>稼働は2026年。</p>
<ul><li>A &lt;B&gt;</li><li>C</li></ul>
<noscript>JavaScript を有効にしてください</noscript>
</body></html>
"""


def test_html_file_text_is_extracted(tmp_path, collect):
    path = write(tmp_path / "page.html", HTML_PAGE)
    (doc,) = collect([path]).docs
    assert doc.text == (
        "サンプル電機、熊本に新工場\n"
        "サンプル電機は1日、熊本県に新工場を建設すると発表した。\n"
        "投資額は約800億円\u00a0です。\n稼働は2026年。\n"
        "A <B>\nC"
    )
    assert doc.title == "新工場を建設 & 採用"
    assert doc.url == "https://example.com/news/1"
    assert doc.date == "2024-04-01T10:00:00+09:00"


def test_html_is_recognised_by_content_and_meta_charset(tmp_path, collect):
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"></head>' \
           "<body><p>半角ｶﾅと全角カナ</p></body></html>"
    path = write(tmp_path / "page.txt", page.encode("shift_jis"))
    (doc,) = collect([path]).docs
    assert doc.text == "半角ｶﾅと全角カナ"


def test_html_does_not_expand_custom_entities(tmp_path, collect):
    laughs = (
        '<!DOCTYPE html [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        "<html><body><p>&lol3; 本文</p></body></html>"
    )
    (doc,) = collect([write(tmp_path / "laughs.html", laughs)]).docs
    assert doc.text.endswith("&lol3; 本文")
    assert len(doc.text) < 200


def test_html_without_text_is_empty(tmp_path, collect):
    path = write(tmp_path / "empty.htm", "<html><script>x()</script></html>")
    assert [f.message for f in collect([path]).failures] == [Errors.E006.format(path=path)]


# -- livedoor -----------------------------------------------------------------
LIVEDOOR = (
    "http://news.livedoor.com/article/detail/1234567/\n"
    "2012-01-01T09:30:00+0900\n"
    "サンプル電機が新工場、熊本に800億円\n"
    "サンプル電機は1日、熊本県に新工場を建設すると発表した。\n"
    "\n"
    "同社の山田太郎社長は「地域に貢献したい」と述べた。\n"
)


def test_livedoor_layout_sample(tmp_path, collect):
    path = write(tmp_path / "topic-news" / "topic-news-1234567.txt", LIVEDOOR)
    write(tmp_path / "topic-news" / "LICENSE.txt", "ライセンス")
    write(tmp_path / "README.txt", "説明")
    write(tmp_path / "CHANGES.txt", "変更")
    out = collect([tmp_path])
    assert out.failures == [] and out.warnings == []
    (doc,) = out.docs
    assert doc.id == "topic-news-1234567"
    assert doc.url == "http://news.livedoor.com/article/detail/1234567/"
    assert doc.date == "2012-01-01T09:30:00+09:00"
    assert doc.title == "サンプル電機が新工場、熊本に800億円"
    assert doc.text == LIVEDOOR.split("\n", 2)[2]
    assert doc.text.startswith(doc.title + "\n")
    assert doc.source == str(path)


@pytest.mark.parametrize(
    "text",
    [
        "http://example.com/\n本文の二行目\n三行目\n",  # second line is not a date
        "ftp://example.com/\n2012-01-01T00:00:00+0900\n題\n本文\n",  # not http(s)
        "http://example.com/\n2012-01-01T00:00:00+0900\n",  # no title or body
    ],
)
def test_text_that_is_not_livedoor_is_kept_whole(tmp_path, collect, text):
    (doc,) = collect([write(tmp_path / "x.txt", text)]).docs
    assert doc.text == text and doc.url is None


def test_real_livedoor_files(livedoor_dir, collect):
    files = sorted(p for p in livedoor_dir.glob("topic-news-*.txt"))[:3]
    assert len(files) == 3
    out = collect(files)
    assert out.failures == [] and out.warnings == []
    for path, doc in zip(files, out.docs):
        lines = path.read_text(encoding="utf-8").split("\n")
        assert doc.id == path.stem
        assert doc.url == lines[0].strip()
        assert doc.date is not None and doc.date[:10] == lines[1][:10] and doc.date.endswith("+09:00")
        assert doc.title == lines[2].strip()
        assert doc.text == "\n".join(lines[2:])


# -- stdin --------------------------------------------------------------------
def test_stdin_text(collect, jp_text):
    out = collect(["-"], stdin=io.StringIO(jp_text.replace("\n", "\r\n")))
    (doc,) = out.docs
    assert (doc.id, doc.source, doc.text) == ("stdin", "<stdin>", jp_text)


def test_stdin_bytes_are_decoded(collect, cp932_text):
    (doc,) = collect(["-"], stdin=io.BytesIO(cp932_text.encode("cp932"))).docs
    assert doc.text == cp932_text


def test_stdin_jsonl_and_livedoor(collect):
    jsonl = '{"text": "一"}\n{"id": "x", "text": "二"}\n'
    assert [d.id for d in collect(["-"], stdin=io.StringIO(jsonl)).docs] == ["stdin-1", "x"]
    (doc,) = collect(["-"], stdin=io.StringIO(LIVEDOOR)).docs
    assert doc.url and doc.title == "サンプル電機が新工場、熊本に800億円"


def test_stdin_empty_and_unreadable(collect):
    assert [f.message for f in collect(["-"], stdin=io.StringIO("")).failures] == [
        Errors.E006.format(path="<stdin>")
    ]

    class Closed(io.StringIO):
        def read(self, *args: object) -> str:
            raise OSError(9, "Bad file descriptor")

    (failure,) = collect(["-"], stdin=Closed()).failures
    assert failure.message == Errors.E009.format(path="<stdin>", detail="Bad file descriptor")


def test_items_are_only_documents_or_failures(tmp_path, jp_text):
    write(tmp_path / "a.txt", jp_text)
    write(tmp_path / "b.png", PNG)
    for item in iter_documents([tmp_path, tmp_path / "nope"], on_warning=lambda w: None):
        assert isinstance(item, (Document, InputFailure))


def test_unreadable_subdirectory_is_a_failure(tmp_path, collect, monkeypatch):
    write(tmp_path / "a.txt", "本文")
    write(tmp_path / "locked" / "b.txt", "本文")
    real_scandir = os.scandir

    def scandir(path):  # root cannot be locked out with chmod, so refuse the listing here
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    out = collect([tmp_path])
    assert [d.id for d in out.docs] == ["a"]
    assert [f.message for f in out.failures] == [
        Errors.E009.format(path=tmp_path / "locked", detail="Permission denied")
    ]


def test_warnings_are_logged_by_default(tmp_path, caplog):
    write(tmp_path / "notes.csv", "a,b\n")
    write(tmp_path / "a.txt", "本文")
    with caplog.at_level("WARNING", logger="extractor.io"):
        assert [d.id for d in iter_documents([tmp_path])] == ["a"]
    assert caplog.messages == [Errors.E060.format(path=tmp_path / "notes.csv", suffix=".csv")]
