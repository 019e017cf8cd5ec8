"""Find money, percent, date and count expressions in a sentence, with offsets.

:func:`find_values` is the fallback the relation extractor uses when GiNZA
did not tag a value as an entity.  It matches candidate spans with regular
expressions on an NFKC-normalised copy of the text (full-width digits and
machine-translation spaces are allowed inside an expression), maps each span
back to the original string, and keeps only spans that the parsers of
:mod:`extractor.values.numbers` and :mod:`extractor.values.dates` accept, so
every reported value is exactly what ``parse_*`` gives for ``text[start:end]``.

Overlapping candidates are resolved longest first, then by kind (money,
percent, date, count).  To keep false positives out of relation qualifiers
the scanner is stricter than the parsers: a bare kanji ``一`` is not taken as
a count or amount (一人で, 関東一円), a single kanji digit is not an amount,
the day words 今日 / 明日 (also "nowadays" / "the future") are not reported,
and vague numbers (数百人, 何社) never match.

Example:
    >>> [(s, e, k) for s, e, k, _ in find_values("2025 年 10 月に 600 人を解雇")]
    [(0, 11, 'date'), (13, 18, 'count')]
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

from extractor.models import Amount, DateValue, Quantity
from extractor.values.dates import (
    MONTH_MODIFIERS,
    RELATIVE_MONTHS,
    RELATIVE_YEARS,
    YEAR_MODIFIERS,
    parse_date,
)
from extractor.values.numbers import (
    COUNTERS,
    CURRENCY_PREFIXES,
    CURRENCY_SUFFIXES,
    ENGLISH_SCALES,
    KANJI_NUMERALS,
    RANGE_SEPARATORS,
    parse_amount,
    parse_percent,
    parse_quantity,
)

__all__ = ["KINDS", "ValueSpan", "find_values"]

#: The kinds :func:`find_values` reports, in order of preference on overlap.
KINDS: tuple[str, ...] = ("money", "percent", "date", "count")


class ValueSpan(NamedTuple):
    """One value found in a text: ``text[start:end]`` parses to ``value``."""

    start: int
    end: int
    kind: str
    value: Amount | float | DateValue | Quantity


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so that 人民元 wins over 元."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


_S = " ?"
_KD = KANJI_NUMERALS
_RANGE = f"{_S}[{RANGE_SEPARATORS}]{_S}"
_ARABIC = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
_NUMPART = rf"(?:{_ARABIC}[{_KD}]*|[{_KD}]+)"
# At most three large units (兆 億 万), so the repetition is bounded (no quadratic scans).
_NUMBER = rf"{_NUMPART}(?:{_S}[万億兆](?:{_S}{_NUMPART}{_S}[万億兆]){{0,2}}(?:{_S}{_NUMPART})?)?"
_NUM_START = rf"(?<![0-9A-Za-z.,_{_KD}万億兆数何幾])"
_NUMRANGE = rf"{_NUMBER}(?:{_RANGE}{_NUMBER})?"
_SCALE = rf"(?i:{_alternation(ENGLISH_SCALES)})(?![A-Za-z])"

# Currency words that are also ordinary words get a guard on what follows them.
_SUFFIX_GUARDS = {"元": "(?![化的素来年号首旦])", "円": "(?![形周卓盤錐柱])"}
_SUFFIX = "|".join(
    re.escape(w) + _SUFFIX_GUARDS.get(w, "(?![A-Za-z])" if w.isascii() else "")
    for w in sorted(CURRENCY_SUFFIXES, key=lambda w: (-len(w), w))
)
_PREFIX = _alternation(CURRENCY_PREFIXES)
_MONEY_RE = re.compile(
    rf"(?<![A-Za-z])(?:{_PREFIX}){_S}{_NUMBER}(?:{_S}{_SCALE})?"
    rf"(?:{_RANGE}(?:{_PREFIX})?{_S}{_NUMBER}(?:{_S}{_SCALE})?)?"
    rf"|{_NUM_START}{_NUMBER}(?:{_S}{_SCALE})?"
    rf"(?:(?:{_S}(?:{_SUFFIX}))?{_RANGE}{_NUMBER}(?:{_S}{_SCALE})?)?{_S}(?:{_SUFFIX})"
)
_PERCENT_RE = re.compile(
    rf"{_NUM_START}(?:{_NUMRANGE}{_S}(?:%|パーセント|(?i:percent)(?![A-Za-z]))"
    rf"|{_NUMBER}{_S}割(?:{_S}{_NUMBER}{_S}分)?)"
)

# Counters that begin common words get a guard (3機能 is not three machines).
_COUNTER_GUARDS = {
    "人": "(?![工気材間口物事])",
    "社": "(?![長員内会外])",
    "本": "(?![化社部格当来人気])",
    "株": "(?![式主価])",
    "機": "(?![能関会器種構])",
    "基": "(?![本盤準礎地])",
    "台": "(?![湾頭風])",
    "回": "(?![線路答収復転帰])",
    "名": "(?![前称誉門])",
    "店": "(?![長頭])",
    "頭": "(?![取脳])",
}
_COUNTER = "|".join(
    re.escape(w) + _COUNTER_GUARDS.get(w, "") for w in sorted(COUNTERS, key=lambda w: (-len(w), w))
)
_COUNT_RE = re.compile(rf"{_NUM_START}{_NUMRANGE}{_S}(?:{_COUNTER})")

_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = (
    r"(?:3[01]|[12][0-9]|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?"
    r"|[一二三四五六七八九])"
)
_YMOD = (
    _alternation(w for w in YEAR_MODIFIERS if not w.startswith("初"))
    + "|初め(?!て)|初頭|初(?![のめ])"
)
_MMOD = (
    _alternation(w for w in MONTH_MODIFIERS if not w.startswith("初"))
    + "|初旬|初め(?!て)|初頭|初(?![のめ])"
)
_QUARTER = (
    rf"(?:第{_S}[1-4一二三四]{_S}四半期|Q{_S}[1-4](?![0-9])|[1-4]{_S}Q(?![A-Za-z])"
    rf"|{_MONTH}{_S}[{RANGE_SEPARATORS}]{_S}{_MONTH}{_S}月(?:{_S}期)?)"
)
_MONTH_TAIL = rf"{_MONTH}{_S}月(?!{_S}期)(?:{_S}{_DAY}{_S}日|{_S}(?:{_MMOD}))?"
_ERA = rf"(?:明治|大正|昭和|平成|令和){_S}(?:元|[0-9]{{1,2}}|[一二三四五六七八九十]{{1,3}})"
_YEAR_HEAD = (
    rf"(?:(?:[0-9]{{4}}|[〇一二三四五六七八九]{{4}}|{_ERA}){_S}年(?!後(?!半)|前(?!半)|間|来|ぶり|以(?!降)|目|連)"
    rf"|(?:{_alternation(RELATIVE_YEARS)}))"
)
_DATE_Y = (
    rf"{_YEAR_HEAD}(?:{_S}度|{_S}(?:{_QUARTER}(?:{_S}(?:{_YMOD}))?|{_MONTH_TAIL}|{_YMOD}))?"
)
_DATE_M = rf"(?:{_MONTH_TAIL}|(?:{_alternation(RELATIVE_MONTHS)})(?:{_S}{_DAY}{_S}日|{_S}(?:{_MMOD}))?)"
_ISO = r"[0-9]{4}(?:-[0-9]{1,2}-[0-9]{1,2}|/[0-9]{1,2}/[0-9]{1,2})(?![0-9])"
_DATE_RE = re.compile(
    rf"(?<![0-9A-Za-z{_KD}])(?:{_ISO}|{_DATE_Y}|{_DATE_M}|{_QUARTER})"
    rf"|(?<![毎例同前翌当長昨今来去年本])年(?:{_YMOD})"
)

_SINGLE_KANJI_DIGIT = set("〇零一二三四五六七八九")


def _normalise_with_map(text: str) -> tuple[str, list[int]]:
    """NFKC each character; return the new text and, per new character, its source index."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        normal = unicodedata.normalize("NFKC", char)
        out.append(normal)
        origin.extend([index] * len(normal))
    return "".join(out), origin


def _leading_number(span: str) -> str:
    match = re.match(rf"[0-9{_KD}]+", unicodedata.normalize("NFKC", span))
    return match.group() if match else ""


def _acceptable(kind: str, span: str) -> bool:
    """Scanner-only guards against idiomatic kanji numerals (see module docstring)."""
    lead = _leading_number(span)
    if kind == "count" and lead == "一":
        return False
    if kind == "money" and len(lead) == 1 and lead in _SINGLE_KANJI_DIGIT:
        return any(unit in span for unit in "万億兆")
    return True


def find_values(text: str, *, ref: _dt.date | None = None) -> list[ValueSpan]:
    """Find money, percent, date and count expressions in ``text`` with character offsets.

    Args:
        text: A sentence or document, as given (offsets index it exactly).
        ref: Reference date for relative dates and months without a year (see
            :func:`~extractor.values.dates.parse_date`); without it those are not reported.

    Returns:
        Non-overlapping :class:`ValueSpan` tuples ``(start, end, kind, value)`` sorted by
        start, where ``kind`` is one of :data:`KINDS` and ``value`` is an
        :class:`~extractor.models.Amount`, a float (percent), a
        :class:`~extractor.models.DateValue` or a :class:`~extractor.models.Quantity`.

    Example:
        >>> found = find_values("Scale AI の株式 49% に対する 143 億ドルの投資")
        >>> [(text, kind) for text, kind in [("Scale AI の株式 49% に対する 143 億ドルの投資"[s:e], k)
        ...  for s, e, k, _ in found]]
        [('49%', 'percent'), ('143 億ドル', 'money')]
        >>> found[1].value.value
        14300000000
    """
    normal, origin = _normalise_with_map(text)
    candidates: list[tuple[int, int, int, str, object]] = []
    scanners = (
        ("money", _MONEY_RE, parse_amount),
        ("percent", _PERCENT_RE, parse_percent),
        ("date", _DATE_RE, lambda s: parse_date(s, ref=ref)),
        ("count", _COUNT_RE, parse_quantity),
    )
    for priority, (kind, pattern, parse) in enumerate(scanners):
        for match in pattern.finditer(normal):
            if match.end() == match.start():
                continue
            start, end = origin[match.start()], origin[match.end() - 1] + 1
            span = text[start:end]
            if span != span.strip():
                continue
            value = parse(span)  # type: ignore[operator]
            if value is None or not _acceptable(kind, span):
                continue
            candidates.append((start, end, priority, kind, value))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    chosen: list[ValueSpan] = []
    starts: list[int] = []  # starts and ends of the chosen spans, both sorted (spans are disjoint)
    ends: list[int] = []
    for start, end, _, kind, value in candidates:
        index = bisect.bisect_left(starts, start)
        if (index > 0 and ends[index - 1] > start) or (index < len(starts) and starts[index] < end):
            continue
        starts.insert(index, start)
        ends.insert(index, end)
        chosen.append(ValueSpan(start, end, kind, value))  # type: ignore[arg-type]
    return sorted(chosen, key=lambda v: (v.start, v.end))
