"""Dates as written in Japanese news, as ISO 8601 with precision and modifier.

:func:`parse_date` turns the surface text of one date (a GiNZA ``Date``
entity or a span found by :func:`extractor.values.scan.find_values`) into a
:class:`~extractor.models.DateValue`, or ``None`` when the text is not a
date.  It never raises on odd input.  Text is normalised first (NFKC, all
whitespace removed), so "2025 年 10 月" and "２０２５年１０月" read the same.

What is read:

* years (``2025年``, ``二〇二五年``, ``令和7年``, ``平成元年``), months (``2025年10月``),
  days (``2025年10月3日``, a weekday such as ``(金)`` is ignored), quarters
  (``2015年第1四半期``, ``2025年Q1``, ``2025年1〜3月期``) and ISO forms
  (``2025-10-03``, ``2025/10/03``, ``2025-10``);
* a part of a year (:data:`YEAR_MODIFIERS`: ``初め`` / ``半ば`` / ``末`` → early /
  mid / late) or of a month (:data:`MONTH_MODIFIERS`: ``上旬`` / ``中旬`` / ``下旬``);
* with a reference date ``ref`` (the article's date) only: relative years
  (``今年``, ``昨年``, ``来年``), months (``今月``, ``先月``, ``来月``), days (``今日``,
  ``昨日``, ``明日``), a month without a year (``7月``), a quarter without a year
  and ``年末`` / ``月末``.  These have ``inferred_year=True``.

Rules chosen here:

* A month without a year belongs to the reference year, unless it lies more
  than :data:`LOOKAHEAD_MONTHS` (2) months after the reference month; then it
  is the previous year (news mostly reports the past: in a January article
  ``12月`` is last December, ``3月`` is this coming March).  A quarter without
  a year follows the same rule with its first month.
* A fiscal year (``2025年度``) is given as its nominal year ``2025``; with a
  month, quarter or modifier (``2025年度末`` is March 2026) it gives ``None``
  because fiscal periods are not calendar periods.
* A date range (``2025年10月〜12月``) is not a single date and gives ``None``,
  except the calendar quarters ``1〜3月期`` etc.
* Four-digit years must lie in 1000..2999; two-digit years (``25年``) are
  durations as often as dates and give ``None``.

Example:
    >>> parse_date("2025 年 10 月")
    DateValue(value='2025-10', precision='month', modifier=None, inferred_year=False, text='2025 年 10 月')
    >>> parse_date("2026 年初め").modifier
    'early'
    >>> import datetime
    >>> parse_date("7 月", ref=datetime.date(2025, 11, 28)).value
    '2025-07'
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable

from kanjize import kanji2number

from extractor.models import DateValue
from extractor.values.numbers import RANGE_SEPARATORS, squeeze

__all__ = [
    "ERAS",
    "LOOKAHEAD_MONTHS",
    "MONTH_MODIFIERS",
    "RELATIVE_DAYS",
    "RELATIVE_MONTHS",
    "RELATIVE_YEARS",
    "YEAR_MODIFIERS",
    "parse_date",
]

#: Japanese eras and the Gregorian year of their first year (元年).
ERAS: dict[str, int] = {"明治": 1868, "大正": 1912, "昭和": 1926, "平成": 1989, "令和": 2019}

#: Words after ``年`` (or a quarter) naming a part of it.
YEAR_MODIFIERS: dict[str, str] = {
    "初め": "early", "はじめ": "early", "始め": "early", "初頭": "early", "初": "early",
    "始": "early", "明け": "early", "前半": "early", "上半期": "early", "上期": "early",
    "序盤": "early", "冒頭": "early", "早々": "early",
    "半ば": "mid", "なかば": "mid", "中頃": "mid", "中ごろ": "mid", "央": "mid", "中盤": "mid",
    "末": "late", "暮れ": "late", "終わり": "late", "終盤": "late", "後半": "late",
    "下半期": "late", "下期": "late",
}

#: Words after ``月`` naming a part of the month.
MONTH_MODIFIERS: dict[str, str] = {
    "上旬": "early", "初旬": "early", "初め": "early", "はじめ": "early", "始め": "early",
    "初頭": "early", "初": "early", "頭": "early", "前半": "early", "早々": "early",
    "中旬": "mid", "半ば": "mid", "なかば": "mid", "中頃": "mid", "中ごろ": "mid",
    "下旬": "late", "末": "late", "終わり": "late", "後半": "late",
}

#: Years relative to the reference date.
RELATIVE_YEARS: dict[str, int] = {
    "今年": 0, "本年": 0, "昨年": -1, "去年": -1, "一昨年": -2, "おととし": -2, "来年": 1, "再来年": 2,
}
#: Months relative to the reference date.
RELATIVE_MONTHS: dict[str, int] = {"今月": 0, "先月": -1, "来月": 1}
#: Days relative to the reference date.
RELATIVE_DAYS: dict[str, int] = {
    "今日": 0, "本日": 0, "昨日": -1, "明日": 1, "一昨日": -2, "おととい": -2, "明後日": 2, "あさって": 2,
}

#: A month without a year more than this many months after the reference month is last year's.
LOOKAHEAD_MONTHS = 2

_QUARTER_MONTHS = {(1, 3): 1, (4, 6): 2, (7, 9): 3, (10, 12): 4}
_MAX_LEN = 60


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so that 人民元 wins over 元."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


_YMOD = _alternation(YEAR_MODIFIERS)
_MMOD = _alternation(MONTH_MODIFIERS)
_SMALL = r"[0-9]{1,2}|[〇一二三四五六七八九十]{1,3}"
_SEP = f"[{RANGE_SEPARATORS}]"

_WEEKDAY_RE = re.compile(r"\((?:月|火|水|木|金|土|日)(?:曜日?)?(?:・祝)?\)")
_TRAILER_RE = re.compile(r"(?:(?<!中)(?:頃|ごろ|ころ)|時点|現在)$")
_ISO_RES = (
    re.compile(r"([0-9]{4})-([0-9]{1,2})(?:-([0-9]{1,2}))?"),
    re.compile(r"([0-9]{4})/([0-9]{1,2})(?:/([0-9]{1,2}))?"),
    re.compile(r"([0-9]{4})\.([0-9]{1,2})\.([0-9]{1,2})"),
)
_YEAR_HEAD_RE = re.compile(
    r"(?:(?P<year>[0-9]{4})|(?P<kyear>[〇零一二三四五六七八九十百千]{2,7})"
    rf"|(?P<era>{_alternation(ERAS)})(?P<eyear>元|[0-9]{{1,2}}|[一二三四五六七八九十]{{1,3}}))年(?P<fy>度)?"
    rf"|(?P<rel>{_alternation(RELATIVE_YEARS)})(?P<rfy>度)?"
)
_QUARTER_RE = re.compile(
    rf"(?:第(?P<q>[1-4一二三四])四半期|Q(?P<q2>[1-4])|(?P<q3>[1-4])Q"
    rf"|(?P<m1>{_SMALL}){_SEP}(?P<m2>{_SMALL})月期?)(?P<mod>{_YMOD})?"
)
_MONTH_RE = re.compile(rf"(?P<m>{_SMALL})月(?:(?P<d>{_SMALL})日|(?P<mod>{_MMOD}))?")
_REL_MONTH_RE = re.compile(
    rf"(?P<rel>{_alternation(RELATIVE_MONTHS)})(?:(?P<d>{_SMALL})日|(?P<mod>{_MMOD}))?"
)
_BARE_YEAR_RE = re.compile(rf"年(?P<mod>{_YMOD})")
_BARE_MONTH_RE = re.compile(rf"月(?P<mod>{_MMOD})")


def _small_int(text: str | None) -> int | None:
    """Value of a short arabic or kanji number (a month, a day, an era year)."""
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    if text == "元":
        return 1
    try:
        return int(kanji2number(text))
    except (ValueError, AttributeError, KeyError, IndexError, TypeError, OverflowError):
        return None


def _make(
    text: str,
    year: int,
    month: int | None = None,
    day: int | None = None,
    quarter: int | None = None,
    modifier: str | None = None,
    inferred: bool = False,
) -> DateValue | None:
    """Build a validated DateValue, or None when the parts are not a real date."""
    if not 1 <= year <= 9999:
        return None
    if quarter is not None:
        if not 1 <= quarter <= 4:
            return None
        value, precision = f"{year:04d}-Q{quarter}", "quarter"
    elif month is None:
        value, precision = f"{year:04d}", "year"
    elif day is None:
        if not 1 <= month <= 12:
            return None
        value, precision = f"{year:04d}-{month:02d}", "month"
    else:
        try:
            value, precision = _dt.date(year, month, day).isoformat(), "day"
        except ValueError:
            return None
    return DateValue(
        value=value,
        precision=precision,  # type: ignore[arg-type]
        modifier=modifier,  # type: ignore[arg-type]
        inferred_year=inferred,
        text=text.strip(),
    )


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _guess_year(month: int, ref: _dt.date) -> int:
    """Year of a month written without one (see :data:`LOOKAHEAD_MONTHS`)."""
    return ref.year - 1 if month - ref.month > LOOKAHEAD_MONTHS else ref.year


def _compact(text: str) -> str:
    compact = _WEEKDAY_RE.sub("", squeeze(text))
    return _TRAILER_RE.sub("", compact) if len(compact) > 2 else compact


def _quarter(match: re.Match[str]) -> int | None:
    if match["m1"] is not None:
        months = (_small_int(match["m1"]), _small_int(match["m2"]))
        return _QUARTER_MONTHS.get(months)  # type: ignore[arg-type]
    return _small_int(match["q"] or match["q2"] or match["q3"])


def _iso(compact: str, text: str) -> DateValue | None:
    for pattern in _ISO_RES:
        match = pattern.fullmatch(compact)
        if match:
            day = int(match[3]) if match[3] else None
            return _make(text, int(match[1]), int(match[2]), day)
    return None


def _head_year(match: re.Match[str], ref: _dt.date | None) -> tuple[int, bool] | None:
    """(year, inferred) of a year head, or None."""
    if match["year"]:
        year = int(match["year"])
        return (year, False) if 1000 <= year <= 2999 else None
    if match["kyear"]:
        year = _small_int(match["kyear"])
        ok = year is not None and 1000 <= year <= 2999
        return (year, False) if ok else None  # type: ignore[return-value]
    if match["era"]:
        number = _small_int(match["eyear"])
        if number is None or number < 1:
            return None
        return ERAS[match["era"]] + number - 1, False
    if ref is None:
        return None
    return ref.year + RELATIVE_YEARS[match["rel"]], True


def _year_led(compact: str, text: str, ref: _dt.date | None) -> DateValue | None:
    head = _YEAR_HEAD_RE.match(compact)
    if head is None:
        return None
    found = _head_year(head, ref)
    if found is None:
        return None
    year, inferred = found
    rest = compact[head.end():]
    if not rest:
        return _make(text, year, inferred=inferred)
    if head["fy"] or head["rfy"]:
        return None
    if rest in YEAR_MODIFIERS:
        return _make(text, year, modifier=YEAR_MODIFIERS[rest], inferred=inferred)
    match = _QUARTER_RE.fullmatch(rest)
    if match:
        quarter = _quarter(match)
        modifier = YEAR_MODIFIERS[match["mod"]] if match["mod"] else None
        if quarter is None:
            return None
        return _make(text, year, quarter=quarter, modifier=modifier, inferred=inferred)
    match = _MONTH_RE.fullmatch(rest)
    if match:
        month = _small_int(match["m"])
        if month is None:
            return None
        modifier = MONTH_MODIFIERS[match["mod"]] if match["mod"] else None
        return _make(text, year, month, _small_int(match["d"]), modifier=modifier, inferred=inferred)
    return None


def _relative(compact: str, text: str, ref: _dt.date) -> DateValue | None:
    """Dates whose year comes from ``ref``: 7月, 先月, 第1四半期, 年末, 月末, 昨日."""
    if compact in RELATIVE_DAYS:
        try:
            day = ref + _dt.timedelta(days=RELATIVE_DAYS[compact])
        except OverflowError:
            return None
        return _make(text, day.year, day.month, day.day, inferred=True)
    match = _MONTH_RE.fullmatch(compact)
    if match:
        month = _small_int(match["m"])
        if month is None or not 1 <= month <= 12:
            return None
        modifier = MONTH_MODIFIERS[match["mod"]] if match["mod"] else None
        year = _guess_year(month, ref)
        return _make(text, year, month, _small_int(match["d"]), modifier=modifier, inferred=True)
    match = _REL_MONTH_RE.fullmatch(compact)
    if match:
        year, month = _shift_month(ref.year, ref.month, RELATIVE_MONTHS[match["rel"]])
        modifier = MONTH_MODIFIERS[match["mod"]] if match["mod"] else None
        return _make(text, year, month, _small_int(match["d"]), modifier=modifier, inferred=True)
    match = _QUARTER_RE.fullmatch(compact)
    if match:
        quarter = _quarter(match)
        if quarter is None or not 1 <= quarter <= 4:
            return None
        modifier = YEAR_MODIFIERS[match["mod"]] if match["mod"] else None
        year = _guess_year(quarter * 3 - 2, ref)
        return _make(text, year, quarter=quarter, modifier=modifier, inferred=True)
    match = _BARE_YEAR_RE.fullmatch(compact)
    if match:
        return _make(text, ref.year, modifier=YEAR_MODIFIERS[match["mod"]], inferred=True)
    match = _BARE_MONTH_RE.fullmatch(compact)
    if match:
        return _make(text, ref.year, ref.month, modifier=MONTH_MODIFIERS[match["mod"]], inferred=True)
    return None


def parse_date(text: str, *, ref: _dt.date | None = None) -> DateValue | None:
    """Read one date expression as ISO 8601 with precision, modifier and inferred-year flag.

    Args:
        text: Surface text of one date (``2025 年 10 月``, ``令和7年``, ``10月上旬``, ``昨年``).
        ref: The reference date (usually the article's publication date).  Needed for
            relative dates and months without a year; without it they give ``None``.

    Returns:
        A :class:`~extractor.models.DateValue` with ``text`` = ``text`` stripped, or
        ``None`` when ``text`` is not a date (``9 桁``, ``長年``, ``最近``).

    Example:
        >>> parse_date("2015 年第 1 四半期").value
        '2015-Q1'
        >>> parse_date("令和7年").value
        '2025'
        >>> import datetime
        >>> parse_date("昨年", ref=datetime.date(2025, 11, 28)).value
        '2024'
        >>> parse_date("昨年") is None
        True
    """
    compact = _compact(text)
    if not compact or len(compact) > _MAX_LEN:
        return None
    found = _iso(compact, text)
    if found is not None:
        return found
    found = _year_led(compact, text, ref)
    if found is not None or ref is None:
        return found
    return _relative(compact, text, ref)
