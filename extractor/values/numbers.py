"""Numbers, money amounts, percentages and counts as written in Japanese news.

The functions take the surface text of one value (a GiNZA ``Money`` /
``Percent`` / quantity entity, or a span found by
:func:`extractor.values.scan.find_values`) and return a typed value, or
``None`` when the text is not that kind of value.  They never raise on odd
input.

Every input is first normalised with :func:`squeeze`: Unicode NFKC (full-width
digits, letters, ``％`` and ``～`` become ASCII) and removal of all whitespace,
so the spaces machine translation puts inside expressions ("720 億ドル",
"49 %") do not matter.  Kanji numerals are read with :func:`kanjize.kanji2number`;
this module only splits a number at the large units 万 / 億 / 兆 so that
decimals such as ``3.5億`` stay exact (they are computed with
:class:`decimal.Decimal`).

Decisions (documented here because the data model has no field for them):

* Approximation words around a value (約, およそ, 以上, 超, 余り, 前後, 程度,
  最大, 少なくとも, ...) are dropped; the stated number is returned and the
  original wording stays in ``text``.
* A range (``700〜720億ドル``) is an :class:`~extractor.models.Amount` with
  ``upper``.  The lower bound inherits the unit of the upper one when it has
  none (``700`` → ``700億``).  Percentages and counts have no upper bound in
  the model, so a range of them gives ``None`` rather than a guess.
* Only counters in :data:`COUNTERS` make a count.  ``倍`` (a ratio), ``桁``
  (a number of digits, "9 桁の報酬") and durations (``3カ月``) are not counts.
* ``割`` is read as tenths: ``3割`` is 30.0 percent, ``3割5分`` 35.0.
* ``$`` alone means US dollars, ``ドル`` alone too.

Example:
    >>> parse_amount("720 億ドル")
    Amount(value=72000000000, currency='USD', upper=None, text='720 億ドル')
    >>> parse_percent("４９％")
    49.0
    >>> parse_quantity("1万2000人")
    Quantity(value=12000, unit='人', text='1万2000人')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal

from kanjize import kanji2number

from extractor.models import Amount, Quantity

__all__ = [
    "COUNTERS",
    "CURRENCY_PREFIXES",
    "CURRENCY_SUFFIXES",
    "ENGLISH_SCALES",
    "KANJI_NUMERALS",
    "RANGE_SEPARATORS",
    "parse_amount",
    "parse_number",
    "parse_percent",
    "parse_quantity",
    "squeeze",
    "strip_approximation",
]

#: Kanji digits and the small units 十 百 千 (read by kanjize).
KANJI_NUMERALS = "〇零一二三四五六七八九十百千"

#: Characters that separate the two ends of a range, after NFKC.
RANGE_SEPARATORS = "~〜\\-–—−‐"

#: Currency words written after the number, ISO 4217 code for each.
CURRENCY_SUFFIXES: dict[str, str] = {
    "米ドル": "USD",
    "USドル": "USD",
    "ドル": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "豪ドル": "AUD",
    "オーストラリアドル": "AUD",
    "カナダドル": "CAD",
    "加ドル": "CAD",
    "香港ドル": "HKD",
    "シンガポールドル": "SGD",
    "台湾ドル": "TWD",
    "ニュージーランドドル": "NZD",
    "NZドル": "NZD",
    "円": "JPY",
    "日本円": "JPY",
    "yen": "JPY",
    "ユーロ": "EUR",
    "euros": "EUR",
    "euro": "EUR",
    "人民元": "CNY",
    "元": "CNY",
    "yuan": "CNY",
    "ウォン": "KRW",
    "ポンド": "GBP",
    "英ポンド": "GBP",
    "スイスフラン": "CHF",
    "ルピー": "INR",
    "インドルピー": "INR",
    "ルーブル": "RUB",
    "レアル": "BRL",
    "バーツ": "THB",
    "USD": "USD",
    "EUR": "EUR",
    "JPY": "JPY",
    "GBP": "GBP",
    "CNY": "CNY",
    "KRW": "KRW",
    "AUD": "AUD",
    "CAD": "CAD",
    "CHF": "CHF",
    "HKD": "HKD",
    "SGD": "SGD",
    "INR": "INR",
}

#: Currency symbols and codes written before the number (after NFKC, so ``＄`` is ``$``).
CURRENCY_PREFIXES: dict[str, str] = {
    "US$": "USD",
    "USD": "USD",
    "$": "USD",
    "A$": "AUD",
    "AU$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "HK$": "HKD",
    "S$": "SGD",
    "NZ$": "NZD",
    "¥": "JPY",
    "JP¥": "JPY",
    "JPY": "JPY",
    "CN¥": "CNY",
    "RMB": "CNY",
    "CNY": "CNY",
    "€": "EUR",
    "EUR": "EUR",
    "£": "GBP",
    "GBP": "GBP",
    "₩": "KRW",
    "KRW": "KRW",
    "₹": "INR",
}

#: English scale words after a number ("$5 billion", "€3.5bn"), as powers of ten.
ENGLISH_SCALES: dict[str, int] = {
    "thousand": 3,
    "k": 3,
    "million": 6,
    "mn": 6,
    "m": 6,
    "billion": 9,
    "bn": 9,
    "b": 9,
    "trillion": 12,
    "tn": 12,
}

#: Counters (助数詞) that make a count; the matched counter becomes ``Quantity.unit``.
COUNTERS: tuple[str, ...] = (
    "人", "名", "社", "件", "台", "個", "本", "枚", "機", "基", "店", "店舗", "拠点",
    "カ国", "か国", "ヵ国", "ヶ国", "ケ国", "箇国", "カ所", "か所", "ヵ所", "ヶ所", "ケ所", "箇所",
    "校", "棟", "隻", "頭", "匹", "冊", "回", "種類", "部門", "株", "世帯", "施設", "工場",
    "都市", "団体", "チーム", "製品", "品目", "項目", "言語", "便",
)

_APPROX_PREFIXES: tuple[str, ...] = (
    "約", "およそ", "凡そ", "概ね", "おおむね", "最大で", "最大", "最低でも", "最低", "少なくとも",
    "推定", "合計で", "合計", "総額", "総勢", "延べ", "計", "実に", "ざっと",
)
_APPROX_SUFFIXES: tuple[str, ...] = (
    "以上", "超え", "超", "余り", "あまり", "余", "強", "弱", "前後", "程度", "ほど", "近く", "未満",
    "以下", "もの", "規模",
)

_BIG_UNITS = {"万": 4, "億": 8, "兆": 12}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_MAX_LEN = 60

_WS_RE = re.compile(r"\s+")
_COEF = rf"[0-9.{KANJI_NUMERALS}]+"
_SEGMENT_RE = re.compile(rf"({_COEF})([万億兆]?)")
_DECIMAL_RE = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_ARABIC_SMALL_RE = re.compile(r"([0-9]+(?:\.[0-9]+)?)([十百千])")
_COMMA_RUN_RE = re.compile(r"[0-9]*(?:,[0-9]*)+")
_GROUPED_RE = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")
_NUM_CHARS = rf"[0-9.,{KANJI_NUMERALS}万億兆]+"
_RANGE_RE = re.compile(rf"[{RANGE_SEPARATORS}]")
_LEAD_RE = re.compile(rf"([0-9.,{KANJI_NUMERALS[:10]}]+)([十百千万億兆]+)")
_UNIT_CHARS = set("十百千万億兆")


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so that 人民元 wins over 元."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


_MONEY_SIDE_RE = re.compile(
    rf"(?P<pre>{_alternation(CURRENCY_PREFIXES)})?(?P<num>{_NUM_CHARS})"
    rf"(?P<scale>{_alternation(ENGLISH_SCALES)})?(?P<suf>{_alternation(CURRENCY_SUFFIXES)})?",
    re.IGNORECASE,
)
_PERCENT_RE = re.compile(rf"(?P<num>{_NUM_CHARS})(?:%|パーセント|percent|pct)", re.IGNORECASE)
_WARI_RE = re.compile(rf"(?P<num>{_NUM_CHARS})割(?:(?P<bu>{_NUM_CHARS})分)?")
_QUANTITY_RE = re.compile(rf"(?P<num>{_NUM_CHARS})(?P<unit>{_alternation(COUNTERS)})")
_CASEFOLD_SUFFIX = {k.casefold(): v for k, v in CURRENCY_SUFFIXES.items()}
_CASEFOLD_PREFIX = {k.casefold(): v for k, v in CURRENCY_PREFIXES.items()}


def squeeze(text: str) -> str:
    """NFKC-normalise ``text`` and remove every whitespace character.

    Example:
        >>> squeeze(" ７２０ 億 ドル ")
        '720億ドル'
    """
    return _WS_RE.sub("", unicodedata.normalize("NFKC", text))


def strip_approximation(text: str) -> str:
    """Remove approximation words (約, 以上, 超, 前後, ...) around a normalised value.

    Example:
        >>> strip_approximation("約600人以上")
        '600人'
    """
    changed = True
    while changed and text:
        changed = False
        for word in _APPROX_PREFIXES:
            if text.startswith(word) and len(text) > len(word):
                text, changed = text[len(word):], True
                break
        for word in _APPROX_SUFFIXES:
            if text.endswith(word) and len(text) > len(word):
                text, changed = text[: -len(word)], True
                break
    return text


def _as_number(value: Decimal) -> int | float:
    """An int when ``value`` is whole, else a float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _coefficient(text: str) -> Decimal | None:
    """Value of one coefficient: arabic (3.5), arabic with 十/百/千 (3千) or kanji (七百二十)."""
    if _DECIMAL_RE.fullmatch(text):
        return Decimal(text)
    match = _ARABIC_SMALL_RE.fullmatch(text)
    if match:
        return Decimal(match[1]) * _SMALL_UNITS[match[2]]
    if "." in text:
        return None
    try:
        return Decimal(kanji2number(text))
    except (ValueError, AttributeError, KeyError, IndexError, TypeError, OverflowError):
        return None


def _remove_commas(text: str) -> str | None:
    """Drop thousands separators; ``None`` when a comma is not a thousands separator."""
    for run in _COMMA_RUN_RE.finditer(text):
        if not _GROUPED_RE.fullmatch(run.group()):
            return None
    return text.replace(",", "")


def _decimal(text: str) -> Decimal | None:
    """Exact value of a normalised number such as ``1兆2000億``, ``3.5億``, ``1,200``."""
    if not text or len(text) > _MAX_LEN:
        return None
    cleaned = _remove_commas(text)
    if cleaned is None:
        return None
    total = Decimal(0)
    last_exp: int | None = None
    pos = 0
    while pos < len(cleaned):
        match = _SEGMENT_RE.match(cleaned, pos)
        if match is None or match.end() == pos:
            return None
        coef = _coefficient(match[1])
        if coef is None:
            return None
        exp = _BIG_UNITS.get(match[2], 0)
        if last_exp is not None and (exp >= last_exp or coef >= 10000):
            return None
        if not match[2] and match.end() != len(cleaned):
            return None
        total += coef * (Decimal(10) ** exp)
        last_exp = exp
        pos = match.end()
    return total if last_exp is not None else None


def parse_number(text: str) -> int | float | None:
    """Read a number written with arabic digits, kanji numerals or both.

    Args:
        text: A number such as ``1兆2000億``, ``七百二十``, ``3.5億``, ``1,200`` or ``二〇二五``.

    Returns:
        An int when the value is whole, else a float; ``None`` when ``text`` is not a number.

    Example:
        >>> parse_number("1兆2000億")
        1200000000000
        >>> parse_number("3.5")
        3.5
        >>> parse_number("数百") is None
        True
    """
    value = _decimal(squeeze(text))
    return None if value is None else _as_number(value)


def _money_side(text: str) -> tuple[set[str], str, int] | None:
    """Split one side of a money expression into (currencies, number text, English scale)."""
    match = _MONEY_SIDE_RE.fullmatch(text)
    if match is None:
        return None
    currencies = set()
    if match["pre"]:
        currencies.add(_CASEFOLD_PREFIX[match["pre"].casefold()])
    if match["suf"]:
        currencies.add(_CASEFOLD_SUFFIX[match["suf"].casefold()])
    scale = ENGLISH_SCALES[match["scale"].lower()] if match["scale"] else 0
    return currencies, match["num"], scale


def _inherit_unit(lower: str, upper: str) -> str:
    """Give a unit-less lower bound the unit of the upper bound (700〜720億 → 700億)."""
    if _UNIT_CHARS.intersection(lower):
        return lower
    match = _LEAD_RE.match(upper)
    return lower + match[2] if match else lower


def parse_amount(text: str) -> Amount | None:
    """Read a money amount, optionally a range, with its ISO 4217 currency.

    Args:
        text: Surface text such as ``720 億ドル``, ``700〜720億ドル``, ``$5 billion``, ``¥1,000``.

    Returns:
        An :class:`~extractor.models.Amount` whose ``text`` is ``text`` stripped, or ``None``
        when there is no number or no currency (``9 桁``).

    Example:
        >>> parse_amount("700 ~ 720 億ドル").upper
        72000000000
        >>> parse_amount("5000万円").value
        50000000
        >>> parse_amount("9 桁") is None
        True
    """
    compact = strip_approximation(squeeze(text))
    if not compact or len(compact) > _MAX_LEN:
        return None
    parts = _RANGE_RE.split(compact)
    if len(parts) > 2:
        return None
    sides = [_money_side(part) for part in parts]
    if any(side is None for side in sides):
        return None
    currencies: set[str] = set()
    for side in sides:
        currencies |= side[0]  # type: ignore[index]
    if len(currencies) != 1:
        return None
    numbers = [side[1] for side in sides]  # type: ignore[index]
    scales = [side[2] for side in sides]  # type: ignore[index]
    if len(numbers) == 2:
        numbers[0] = _inherit_unit(numbers[0], numbers[1])
        if scales[0] == 0:
            scales[0] = scales[1]
    values = []
    for number, scale in zip(numbers, scales, strict=True):
        value = _decimal(number)
        if value is None:
            return None
        values.append(value * (Decimal(10) ** scale))
    if len(values) == 2 and not values[0] < values[1]:
        return None
    upper = _as_number(values[1]) if len(values) == 2 else None
    return Amount(value=_as_number(values[0]), currency=currencies.pop(), upper=upper, text=text.strip())


def parse_percent(text: str) -> float | None:
    """Read a percentage (``49%``, ``49 パーセント``, ``四十九パーセント``, ``3割``).

    Args:
        text: Surface text of one percentage.

    Returns:
        The number of percent as a float; ``None`` for ranges (``49〜51%``), percentage points
        (``3ポイント``) and anything that is not a percentage.

    Example:
        >>> parse_percent("49 %")
        49.0
        >>> parse_percent("3割5分")
        35.0
        >>> parse_percent("49〜51%") is None
        True
    """
    compact = strip_approximation(squeeze(text))
    if not compact or len(compact) > _MAX_LEN:
        return None
    match = _PERCENT_RE.fullmatch(compact)
    if match:
        value = _decimal(match["num"])
        return None if value is None else float(value)
    match = _WARI_RE.fullmatch(compact)
    if match:
        tenths = _decimal(match["num"])
        hundredths = _decimal(match["bu"]) if match["bu"] else Decimal(0)
        if tenths is None or hundredths is None or hundredths >= 10:
            return None
        return float(tenths * 10 + hundredths)
    return None


def parse_quantity(text: str) -> Quantity | None:
    """Read a count with its counter (``600 人``, ``3社``, ``1万2000人``).

    Args:
        text: Surface text of one count.

    Returns:
        A :class:`~extractor.models.Quantity` with the counter as ``unit`` (NFKC form) and
        ``text`` stripped; ``None`` for ranges, ratios (``2 倍``), digit counts (``9 桁``),
        vague numbers (``数百人``) and counters not in :data:`COUNTERS`.

    Example:
        >>> parse_quantity("600 人")
        Quantity(value=600, unit='人', text='600 人')
        >>> parse_quantity("2 倍") is None
        True
    """
    compact = strip_approximation(squeeze(text))
    if not compact or len(compact) > _MAX_LEN:
        return None
    match = _QUANTITY_RE.fullmatch(compact)
    if match is None:
        return None
    value = _decimal(match["num"])
    if value is None:
        return None
    return Quantity(value=_as_number(value), unit=match["unit"], text=text.strip())
