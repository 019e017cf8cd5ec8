"""Turn the bytes of an input file into the text that is analysed.

Policy (the same for every reader, so offsets always index ``Document.text``):

* ``encoding=`` (``--encoding``) forces a codec; bytes it cannot decode raise
  :class:`~extractor.errors.InputError` ``E003``.  A leading BOM is dropped.
* Otherwise the encoding is detected, in this order: a byte-order mark
  (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE); binary data (below); ISO-2022-JP
  when escape sequences are present; strict UTF-8; then Shift_JIS/CP932,
  EUC-JP/EUC-JIS-2004 and UTF-8 with invalid bytes replaced, each scored by
  how much its non-ASCII text looks like Japanese (kana, kanji, Japanese
  punctuation); BOM-less UTF-16; last, charset-normalizer.  A legacy reading
  of 20 or more non-ASCII characters without kana (which may be Chinese or
  Korean) is checked with charset-normalizer first; shorter kanji-only texts
  are taken as Japanese.  When both Shift_JIS and CP932 decode, Shift_JIS
  wins (they differ only in a few symbols such as 〜); CP932-only characters
  like ①, ㈱ or the NEC/IBM extensions (髙, 﨑) make Shift_JIS fail and CP932
  is used.
* A mostly valid UTF-8 file with a few invalid byte sequences is read with
  each invalid sequence replaced by U+FFFD; :attr:`Decoded.replaced` counts
  them so that the reader can warn (``E008``) without failing the document.
  The same holds for a CP932, EUC-JP or ISO-2022-JP file with at most 1 %
  invalid sequences when its text is clearly Japanese (has kana).
* Binary data is refused with ``E002``: known magic numbers (PNG, PDF, ZIP,
  GIF, JPEG, gzip, ...) or, in the first 64 KiB, more than 10 % NUL bytes
  or more than 5 % other control bytes, unless the bytes are BOM-less UTF-16
  text (ASCII-range text with a NUL in every other byte, or Japanese).
* The decoded text is normalised by :func:`normalize_text`: CRLF and CR
  become LF (this shortens the text: offsets index the normalised text);
  other C0 control characters except TAB and LF, DEL and C1 controls become a
  space (same length); unpaired surrogates become U+FFFD (same length).

Example:
    >>> decode_bytes("日本語の記事です。".encode("cp932"), path="a.txt")
    '日本語の記事です。'
    >>> decode_bytes(b"line1\\r\\nline2\\rline3\\x00end", path="a.txt")
    'line1\\nline2\\nline3 end'
"""

from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass

from extractor.errors import Errors, InputError

__all__ = [
    "Decoded",
    "binary_kind",
    "check_encoding",
    "decode",
    "decode_bytes",
    "japanese_score",
    "kana_ratio",
    "normalize_text",
    "sniff_binary",
]

#: Bytes looked at by the binary and UTF-16 heuristics.
SAMPLE_BYTES = 65536
#: Characters looked at when scoring a candidate decoding.
SAMPLE_CHARS = 65536
#: A strict legacy decoding (or UTF-8 with replacements) needs this score.
MIN_SCORE = 0.6
#: A legacy Japanese decoding without this share of kana is checked with charset-normalizer.
MIN_KANA = 0.05
#: Below this many non-ASCII characters a kana-less legacy decoding is taken as Japanese.
SHORT = 20

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or .docx/.xlsx/.epub)"),
    (b"PK\x05\x06", "ZIP archive (or .docx/.xlsx/.epub)"),
    (b"PK\x07\x08", "ZIP archive (or .docx/.xlsx/.epub)"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office (OLE) document"),
    (b"\x7fELF", "ELF executable"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\x28\xb5\x2f\xfd", "Zstandard archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control bytes that do not occur in text (TAB, LF, VT, FF, CR and ESC do).
_CONTROL_BYTES = bytes([*range(1, 9), *range(14, 27), *range(28, 32), 127])

# Characters replaced by a space: C0 controls except TAB and LF, DEL, C1 controls.
_CONTROL_RE_ALL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# Japanese plausibility: (pattern, weight) over non-ASCII characters.
_CLASSES: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile("[\u3041-\u309f\u30a0-\u30ff\u31f0-\u31ff\u3000-\u303f]"), 1.0),  # kana, punctuation
    (re.compile("[\u4e00-\u9fff]"), 0.9),  # CJK unified ideographs
    (re.compile("[\uff01-\uff60\uffe0-\uffe6]"), 0.9),  # fullwidth forms
    (re.compile("[\u2460-\u24ff\u3200-\u33ff]"), 0.7),  # ① ㈱ ㍉
    (re.compile("[\u2010-\u206f\u2190-\u25ff\u2600-\u26ff\u0391-\u04ff\u00a0-\u00ff]"), 0.5),
    (re.compile("[\uff61-\uff9f\u3400-\u4dbf\uf900-\ufaff]"), 0.3),  # halfwidth kana, rare kanji
    (re.compile("[\ufffd\ue000-\uf8ff\x80-\x9f]"), 0.0),  # replacement, private use, C1
)
_KANA = re.compile("[\u3041-\u309f\u30a0-\u30ff]")
_NON_ASCII = re.compile("[^\x00-\x7f]")
_OTHER_WEIGHT = 0.3

_LEGACY_JAPANESE: tuple[tuple[str, ...], ...] = (
    ("shift_jis", "cp932"),
    ("euc_jp", "euc_jis_2004"),
)
_ISO2022 = ("iso2022_jp", "iso2022_jp_ext", "iso2022_jp_2004", "iso2022_jp_2")


@dataclass(frozen=True)
class Decoded:
    """The result of :func:`decode`.

    Attributes:
        text: The normalised text (see :func:`normalize_text`).
        encoding: The codec that was used (a Python codec name).
        replaced: How many invalid byte sequences became U+FFFD.
        first_bad: Byte offset of the first invalid sequence, or None.
    """

    text: str
    encoding: str
    replaced: int = 0
    first_bad: int | None = None


def normalize_text(text: str) -> str:
    """Normalise line ends and neutralise control characters.

    CRLF and lone CR become LF (offsets then index the normalised text);
    every other C0 control except TAB and LF, DEL and the C1 controls become
    one space, and unpaired surrogates become U+FFFD, so those keep the text's
    length.

    Example:
        >>> normalize_text("a\\r\\nb\\rc\\x00d\\x07e\\tf")
        'a\\nb\\nc d e\\tf'
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL_RE_ALL.sub(" ", text)
    return _SURROGATE.sub("\ufffd", text)


def check_encoding(encoding: str) -> str:
    """Return the canonical codec name of ``encoding`` or raise ``E064``.

    Example:
        >>> check_encoding("Shift-JIS")
        'shift_jis'
    """
    try:
        info = codecs.lookup(encoding)
    except (LookupError, TypeError, ValueError) as exc:
        raise InputError(Errors.E064.format(encoding=encoding)) from exc
    if not getattr(info, "_is_text_encoding", True):  # rot13, base64, zlib: not text encodings
        raise InputError(Errors.E064.format(encoding=encoding))
    return info.name


def binary_kind(data: bytes) -> str | None:
    """Name the kind of binary data, or None when ``data`` may be text.

    Only magic numbers and NUL/control-byte ratios are checked here; text in
    UTF-16/32 (which has many NUL bytes) must be recognised before calling it.

    Example:
        >>> binary_kind(b"%PDF-1.7 ...")
        'PDF document'
        >>> binary_kind("日本語".encode()) is None
        True
    """
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return f"RIFF {data[8:12].decode('ascii').strip()} data"
    sample = data[:SAMPLE_BYTES]
    if not sample:
        return None
    if sample.count(0) > 0.10 * len(sample):
        return "data with NUL bytes"
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > 0.05 * len(sample):
        return "data with control bytes"
    return None


def japanese_score(text: str) -> float:
    """How plausible the non-ASCII part of ``text`` is as Japanese, in [0, 1].

    Kana and Japanese punctuation weigh 1, common kanji and fullwidth forms
    0.9, halfwidth katakana and rare ideographs 0.3, U+FFFD and private-use
    characters 0.  Pure ASCII scores 1.

    Example:
        >>> japanese_score("東京で会議が開かれた。") > 0.9
        True
        >>> japanese_score("\\ufffd\\ufffd")
        0.0
    """
    sample = text[:SAMPLE_CHARS]
    total = len(_NON_ASCII.findall(sample))
    if total == 0:
        return 1.0
    counted = 0
    weighted = 0.0
    for pattern, weight in _CLASSES:
        n = len(pattern.findall(sample))
        counted += n
        weighted += weight * n
    weighted += _OTHER_WEIGHT * max(total - counted, 0)
    return weighted / total


def kana_ratio(text: str) -> float:
    """Share of hiragana and katakana among the non-ASCII characters of ``text``.

    Example:
        >>> kana_ratio("日本の記事")
        0.2
        >>> kana_ratio("abc")
        0.0
    """
    sample = text[:SAMPLE_CHARS]
    total = len(_NON_ASCII.findall(sample))
    return len(_KANA.findall(sample)) / total if total else 0.0


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def _count_replace(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):  # pragma: no cover - only registered for decoding
        raise exc
    _replacements.count += 1
    if _replacements.first is None:
        _replacements.first = exc.start
    return "\ufffd", exc.end


class _Replacements(threading.local):
    count: int = 0
    first: int | None = None


_replacements = _Replacements()
codecs.register_error("extractor-count-replace", _count_replace)


def _decode_replacing(data: bytes, codec: str) -> tuple[str, int, int | None]:
    """Decode with U+FFFD for each invalid sequence; count them and find the first."""
    _replacements.count, _replacements.first = 0, None
    text = data.decode(codec, errors="extractor-count-replace")
    return text, _replacements.count, _replacements.first


def _utf16_without_bom(sample: bytes) -> str | None:
    """Codec name when ``sample`` looks like BOM-less UTF-16 with ASCII-range text."""
    nuls = sample.count(0)
    if nuls < 0.1 * len(sample):
        return None
    odd = sample[1::2].count(0)
    even = sample[0::2].count(0)
    if odd >= 0.9 * nuls:
        return "utf-16-le"
    if even >= 0.9 * nuls:
        return "utf-16-be"
    return None


def _printable_ratio(text: str) -> float:
    sample = text[:SAMPLE_CHARS]
    if not sample:
        return 1.0
    return 1.0 - len(_CONTROL_RE.findall(sample)) / len(sample)


def _charset_normalizer(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        return None
    return best.encoding


def _utf16_text(data: bytes) -> tuple[str, str] | None:
    """(codec, text) when ``data`` is BOM-less UTF-16 text, else None."""
    if len(data) % 2 or any(data.startswith(m) for m, _ in _MAGIC):
        return None
    ascii_codec = _utf16_without_bom(data[:SAMPLE_BYTES])  # ASCII-range text: NUL every other byte
    if ascii_codec is not None:
        text = _strict(data, ascii_codec)
        if text is not None and _printable_ratio(text) >= 0.95:
            return ascii_codec, text
    for codec in ("utf-16-le", "utf-16-be"):  # Japanese UTF-16 has few NUL bytes
        text = _strict(data[:SAMPLE_BYTES], codec)
        if (
            text is not None
            and _printable_ratio(text) >= 0.95
            and japanese_score(text) >= 0.9
            and kana_ratio(text) >= MIN_KANA
        ):
            full = _strict(data, codec)
            if full is not None:
                return codec, full
    return None


def sniff_binary(data: bytes) -> str | None:
    """The kind of binary data :func:`decode` would refuse (``E002``), or None.

    Unlike :func:`binary_kind`, text with a byte-order mark and BOM-less
    UTF-16 text are recognised as text first.

    Example:
        >>> sniff_binary("日本語の文章です。".encode("utf-16-le")) is None
        True
        >>> sniff_binary(b"\\x89PNG\\r\\n\\x1a\\n")
        'PNG image'
    """
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    kind = binary_kind(data)
    if kind is not None and _utf16_text(data) is not None:
        return None
    return kind


def decode(data: bytes, *, path: str, encoding: str | None = None, hint: str | None = None) -> Decoded:
    """Detect the encoding of ``data``, decode and normalise it.

    Args:
        data: The raw bytes of one document.
        path: Where the bytes came from (used in error messages).
        encoding: A codec to force; None detects the encoding.
        hint: A codec tried right after strict UTF-8 (e.g. an HTML
            ``<meta charset>``); ignored when it does not decode strictly.

    Returns:
        The normalised text with the codec used and any replacements.

    Raises:
        InputError: ``E002`` for binary data, ``E003`` when no encoding fits
            (or the forced one fails), ``E064`` for an unknown codec.

    Example:
        >>> decode("記事".encode("euc_jp"), path="a.txt").encoding
        'euc_jp'
        >>> decode("本文の".encode() + b"\\xff" + "途中".encode(), path="a.txt").replaced
        1
    """
    if encoding is not None:
        codec = check_encoding(encoding)
        kind = next((k for m, k in _MAGIC if data.startswith(m)), None)
        if kind is not None:
            raise InputError(Errors.E002.format(path=path, kind=kind))
        if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
            codec = "utf-8-sig"
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise InputError(Errors.E003.format(path=path, encoding=encoding)) from exc
        return Decoded(normalize_text(_strip_bom(text)), codec)

    for bom, codec in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            if codec.startswith("utf-32"):
                text32 = _strict(body, codec)
                if text32 is None:
                    continue  # FF FE 00 00 may also be UTF-16 LE text starting with NUL
                return Decoded(normalize_text(text32), codec)
            text, replaced, first = _decode_replacing(body, codec)
            return Decoded(normalize_text(text), codec, replaced, None if first is None else first + len(bom))

    if not data:
        return Decoded("", "utf-8")

    kind = binary_kind(data)
    if kind is not None:  # BOM-less UTF-16 has NUL or control bytes too
        utf16 = _utf16_text(data)
        if utf16 is not None:
            return Decoded(normalize_text(utf16[1]), utf16[0])
        raise InputError(Errors.E002.format(path=path, kind=kind))

    sample = data[:SAMPLE_BYTES]
    if b"\x1b$" in sample or b"\x1b(" in sample:
        for codec in _ISO2022:
            text = _strict(data, codec)
            if text is not None:
                return Decoded(normalize_text(text), codec)
        text, replaced, first = _decode_replacing(data, "iso2022_jp_2004")
        if replaced <= max(1, len(text) // 100) and kana_ratio(text) >= MIN_KANA:
            return Decoded(normalize_text(text), "iso2022_jp_2004", replaced, first)

    text = _strict(data, "utf-8")
    if text is not None:
        return Decoded(normalize_text(text), "utf-8")

    if hint:
        try:
            hinted = check_encoding(hint)
        except InputError:
            hinted = None
        if hinted is not None:
            text = _strict(data, hinted)
            if text is not None:
                return Decoded(normalize_text(_strip_bom(text)), hinted)

    # Candidates: legacy Japanese decodings (strict, or with a few invalid sequences
    # replaced) against UTF-8 with invalid sequences replaced; the most Japanese-looking wins.
    candidates: list[tuple[float, int, str, Decoded]] = []
    for rank, family in enumerate(_LEGACY_JAPANESE):
        for codec in family:
            text = _strict(data, codec)
            if text is not None:
                candidates.append((japanese_score(text), -rank, text, Decoded(normalize_text(text), codec)))
                break
        else:
            codec = family[-1]
            text, replaced, first = _decode_replacing(data, codec)
            if replaced <= max(1, len(text) // 100):
                decoded = Decoded(normalize_text(text), codec, replaced, first)
                candidates.append((japanese_score(text), -rank, text, decoded))
    utf8_text, replaced, first = _decode_replacing(data, "utf-8")
    utf8 = Decoded(normalize_text(utf8_text), "utf-8", replaced, first)
    candidates.append((japanese_score(utf8_text), -len(_LEGACY_JAPANESE), utf8_text, utf8))
    score, _, raw, best = max(candidates, key=lambda c: (c[0], c[3].replaced == 0, c[1]))
    if score >= MIN_SCORE:
        kana = kana_ratio(raw) >= MIN_KANA
        short = len(_NON_ASCII.findall(raw[:SAMPLE_CHARS])) < SHORT
        if best is utf8 or kana or (short and not best.replaced):
            return best
    utf16 = _utf16_text(data)
    if utf16 is not None:
        return Decoded(normalize_text(utf16[1]), utf16[0])
    # A longer text of kanji without kana may be Chinese (GBK, Big5) or Korean (EUC-KR):
    # ask charset-normalizer before settling for the Japanese reading.
    detected = _charset_normalizer(data)
    if detected is not None:
        text = _strict(data, detected)
        if text is not None:
            return Decoded(normalize_text(_strip_bom(text)), detected)
    if score >= MIN_SCORE and not best.replaced:
        return best
    raise InputError(
        Errors.E003.format(path=path, encoding="UTF-8, Shift_JIS/CP932, EUC-JP or any detectable encoding")
    )


def decode_bytes(data: bytes, *, path: str, encoding: str | None = None) -> str:
    """Decode one document's bytes to normalised text (see :func:`decode`).

    Invalid UTF-8 sequences in a mostly valid UTF-8 document become U+FFFD;
    call :func:`decode` to learn how many.

    Example:
        >>> decode_bytes("\\ufeff見出し\\r\\n本文".encode("utf-8"), path="a.txt")
        '見出し\\n本文'
        >>> decode_bytes("本文".encode("utf-16-le"), path="a.txt", encoding="utf-16-le")
        '本文'
    """
    return decode(data, path=path, encoding=encoding).text
