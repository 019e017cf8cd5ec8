"""Encoding detection, binary refusal and text normalisation."""

from __future__ import annotations

import codecs

import pytest

from extractor.errors import Errors, InputError
from extractor.io.encoding import (
    binary_kind,
    check_encoding,
    decode,
    decode_bytes,
    japanese_score,
    kana_ratio,
    normalize_text,
    sniff_binary,
)


@pytest.mark.parametrize("encoding", ["shift_jis", "cp932", "euc_jp", "iso2022_jp", "utf-8"])
def test_japanese_paragraph_is_detected(jp_text, encoding):
    assert decode_bytes(jp_text.encode(encoding), path="a.txt") == jp_text


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("shift_jis", "shift_jis"), ("euc_jp", "euc_jp"), ("iso2022_jp", "iso2022_jp"), ("utf-8", "utf-8")],
)
def test_detected_codec_is_reported(jp_text, encoding, expected):
    assert decode(jp_text.encode(encoding), path="a.txt").encoding == expected


def test_cp932_extensions_pick_cp932(cp932_text):
    decoded = decode(cp932_text.encode("cp932"), path="a.txt")
    assert decoded.encoding == "cp932"
    assert decoded.text == cp932_text


@pytest.mark.parametrize("size", [2, 6, 12, 30])
@pytest.mark.parametrize("encoding", ["cp932", "euc_jp"])
def test_short_japanese_texts(jp_text, cp932_text, size, encoding):
    for text in (jp_text[:size], "日本経済新聞"[: max(size, 2)]):
        assert decode_bytes(text.encode(encoding), path="a.txt") == text
    assert decode_bytes(cp932_text[:size].encode("cp932"), path="a.txt") == cp932_text[:size]


def test_mostly_ascii_with_one_japanese_word():
    text = "This is an English report about the market. " * 20 + "東京"
    assert decode_bytes(text.encode("cp932"), path="a.txt") == text
    assert decode_bytes(text.encode("euc_jp"), path="a.txt") == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("中华人民共和国国务院今天发布了新的经济政策，旨在促进国内消费和投资。", "gbk"),
        ("中華民國政府今天宣布新的經濟政策，目的是促進國內消費與投資。", "big5"),
        ("대한민국 정부는 오늘 새로운 경제 정책을 발표했다고 밝혔다.", "euc_kr"),
        ("Le président a déclaré que l'économie française était en très bonne santé.", "cp1252"),
    ],
)
def test_other_languages_are_not_read_as_japanese(text, encoding):
    assert decode_bytes(text.encode(encoding), path="a.txt") == text


@pytest.mark.parametrize(
    ("prefix", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_byte_order_marks(jp_text, prefix, encoding):
    decoded = decode(prefix + jp_text.encode(encoding), path="a.txt")
    assert (decoded.text, decoded.encoding, decoded.replaced) == (jp_text, encoding, 0)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(jp_text, encoding):
    assert decode_bytes(jp_text.encode(encoding), path="a.txt") == jp_text
    ascii_text = "Plain English text in UTF-16 without a byte-order mark.\n"
    assert decode_bytes(ascii_text.encode(encoding), path="a.txt") == ascii_text


def test_utf16_bom_with_odd_trailing_byte_is_read_with_a_replacement(jp_text):
    decoded = decode(codecs.BOM_UTF16_LE + jp_text.encode("utf-16-le") + b"\x00", path="a.txt")
    assert decoded.text == jp_text + "\ufffd" and decoded.replaced == 1


def test_invalid_utf8_sequences_are_counted(jp_text):
    data = jp_text.encode()
    broken = data[:30] + b"\xff" + data[30:60] + b"\xc3\x28" + data[60:] + b"\xe3\x81"
    decoded = decode(broken, path="a.txt")
    assert decoded.encoding == "utf-8"
    assert decoded.replaced == 3 and decoded.first_bad == 30
    assert decoded.text.replace("\ufffd", "").replace("(", "") == jp_text
    # a genuine U+FFFD in the text is not counted as a replacement
    assert decode(("正しい\ufffd文字" * 20).encode() + b"\xff", path="a.txt").replaced == 1


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP archive (or .docx/.xlsx/.epub)"),
        (b"GIF89a\x01\x00\x01\x00", "GIF image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"\x1f\x8b\x08\x00", "gzip archive"),
        (b"abc\x00\x00\x00\x00def\x00\x00\x00\x00", "data with NUL bytes"),
        (bytes(range(1, 32)) * 10, "data with control bytes"),
    ],
)
def test_binary_data_is_refused(data, kind):
    assert binary_kind(data) == kind
    assert sniff_binary(data) == kind
    with pytest.raises(InputError) as info:
        decode_bytes(data, path="x.bin")
    assert str(info.value) == Errors.E002.format(path="x.bin", kind=kind)


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n" + bytes(100), b"%PDF-1.7\n"])
def test_forced_encoding_still_refuses_known_binary_formats(data):
    with pytest.raises(InputError, match="is a binary file"):
        decode_bytes(data, path="x.bin", encoding="latin-1")


def test_a_few_nul_bytes_in_text_are_not_binary(jp_text):
    data = jp_text.encode() + b"\x00" + jp_text.encode()
    assert decode_bytes(data, path="a.txt") == jp_text + " " + jp_text


def test_forced_encoding(jp_text, cp932_text):
    assert decode_bytes(jp_text.encode("euc_jp"), path="a.txt", encoding="EUC-JP") == jp_text
    assert decode_bytes(b"\xef\xbb\xbf" + jp_text.encode(), path="a.txt", encoding="utf-8") == jp_text
    with pytest.raises(InputError) as info:
        decode_bytes(cp932_text.encode("cp932"), path="a.txt", encoding="shift_jis")
    assert str(info.value) == Errors.E003.format(path="a.txt", encoding="shift_jis")
    with pytest.raises(InputError, match="unknown encoding"):
        decode_bytes(b"x", path="a.txt", encoding="klingon")


def test_undecodable_bytes_are_e003():
    with pytest.raises(InputError) as info:  # every high byte once: no encoding reads it as text
        decode_bytes(bytes(range(0x80, 0x100)), path="a.txt")
    assert str(info.value).startswith("a.txt: cannot decode as UTF-8, Shift_JIS/CP932, EUC-JP")


def test_meta_charset_hint_is_used():
    text = "Façade — l'été"
    assert decode(text.encode("cp1252"), path="a.html", hint="windows-1252").text == text
    assert decode(text.encode("cp1252"), path="a.html", hint="no-such-codec").text == text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb", "a\nb"),
        ("a\rb\r", "a\nb\n"),
        ("a\r\r\nb", "a\n\nb"),
        ("a\x00b", "a b"),
        ("\x01\x02\x1f\x7f\x80\x9f", "      "),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("form\x0cfeed\x0bvt", "form feed vt"),
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),
        ("日本語😀", "日本語😀"),
    ],
)
def test_normalize_text(raw, expected):
    assert normalize_text(raw) == expected


def test_check_encoding():
    assert check_encoding("SJIS") == "shift_jis"
    assert check_encoding("UTF8") == "utf-8"
    for bad in ("nope", "base64", "zlib"):
        with pytest.raises(InputError, match="unknown encoding"):
            check_encoding(bad)


def test_scores(jp_text):
    assert japanese_score(jp_text) > 0.9
    assert japanese_score("ascii only") == 1.0
    assert japanese_score("\ufffd\ufffd\ue000") == 0.0
    assert japanese_score(jp_text.encode("utf-8").decode("cp1252", errors="replace")) < 0.6
    assert kana_ratio(jp_text) > 0.2
    assert kana_ratio("中华人民共和国") == 0.0


def test_empty_bytes_decode_to_empty_text():
    assert decode_bytes(b"", path="a.txt") == ""
