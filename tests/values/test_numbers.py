"""Tests of extractor.values.numbers: amounts, percentages, counts and plain numbers."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import extractor.values.numbers as numbers_module
from extractor.models import Amount, Quantity
from extractor.values import parse_amount, parse_number, parse_percent, parse_quantity

# Characters that reach every branch of the grammars, mixed with arbitrary text below.
VALUE_ALPHABET = (
    "0123456789０１２３４５６７８９.,，．〇零一二三四五六七八九十百千万億兆数約以上超"
    "円ドル米ユーロ元人民ウォンポンド$＄¥￥€£US million billion k"
    "%％パーセント割分人名社件台カ国ヶ所桁倍~〜～-－— 　\t"
)
value_text = st.one_of(st.text(alphabet=VALUE_ALPHABET, max_size=20), st.text(max_size=20))


AMOUNTS = [
    ("720 億ドル", 72_000_000_000, "USD", None),
    ("143 億ドル", 14_300_000_000, "USD", None),
    ("700 ~ 720 億ドル", 70_000_000_000, "USD", 72_000_000_000),
    ("700〜720億ドル", 70_000_000_000, "USD", 72_000_000_000),
    ("700-720億ドル", 70_000_000_000, "USD", 72_000_000_000),
    ("700～720億ドル", 70_000_000_000, "USD", 72_000_000_000),
    ("700億ドル〜720億ドル", 70_000_000_000, "USD", 72_000_000_000),
    ("1兆2000億円", 1_200_000_000_000, "JPY", None),
    ("5000万円", 50_000_000, "JPY", None),
    ("3.5億ユーロ", 350_000_000, "EUR", None),
    ("0.29億円", 29_000_000, "JPY", None),
    ("$5 billion", 5_000_000_000, "USD", None),
    ("50億米ドル", 5_000_000_000, "USD", None),
    ("US$3 million", 3_000_000, "USD", None),
    ("ＵＳ＄３ million", 3_000_000, "USD", None),
    ("¥1,000", 1000, "JPY", None),
    ("￥1,000", 1000, "JPY", None),
    ("1,000円", 1000, "JPY", None),
    ("１，０００円", 1000, "JPY", None),
    ("100万元", 1_000_000, "CNY", None),
    ("100万人民元", 1_000_000, "CNY", None),
    ("10億ウォン", 1_000_000_000, "KRW", None),
    ("5億ポンド", 500_000_000, "GBP", None),
    ("七百二十億円", 72_000_000_000, "JPY", None),
    ("七百二十億ドル", 72_000_000_000, "USD", None),
    ("３千万円", 30_000_000, "JPY", None),
    ("7~8千万円", 70_000_000, "JPY", 80_000_000),
    ("1,000~2,000万円", 10_000_000, "JPY", 20_000_000),
    ("$700-720 million", 700_000_000, "USD", 720_000_000),
    ("€3.5bn", 3_500_000_000, "EUR", None),
    ("5 million dollars", 5_000_000, "USD", None),
    ("720 億 USD", 72_000_000_000, "USD", None),
    ("約 720 億ドル", 72_000_000_000, "USD", None),
    ("720億ドル以上", 72_000_000_000, "USD", None),
    ("$3.5", 3.5, "USD", None),
]


@pytest.mark.parametrize(("text", "value", "currency", "upper"), AMOUNTS)
def test_parse_amount(text: str, value: int | float, currency: str, upper: int | None) -> None:
    amount = parse_amount(text)
    assert amount == Amount(value=value, currency=currency, upper=upper, text=text.strip())
    assert type(amount.value) is type(value)


def test_amount_keeps_the_stripped_input_as_text() -> None:
    amount = parse_amount("  720 億ドル \n")
    assert amount is not None and amount.text == "720 億ドル"


@pytest.mark.parametrize(
    "text",
    [
        "9 桁",
        "億ドル",
        "ドル",
        "720億",
        "720",
        "720~700億ドル",
        "700~700億ドル",
        "1~2~3億ドル",
        "-5億円",
        "100ドル円",
        "$5億円",
        "数百億ドル",
        "1,2億円",
        "1万2万円",
        "",
        "   ",
        "600 人",
        "49%",
    ],
)
def test_parse_amount_rejects(text: str) -> None:
    assert parse_amount(text) is None


PERCENTS = [
    ("49%", 49.0),
    ("49 %", 49.0),
    ("４９％", 49.0),
    ("49パーセント", 49.0),
    ("49 パーセント", 49.0),
    ("3.5%", 3.5),
    ("３．５％", 3.5),
    ("四十九パーセント", 49.0),
    ("100%", 100.0),
    ("0.5%", 0.5),
    ("約49%", 49.0),
    ("49%超", 49.0),
    ("3割", 30.0),
    ("3割5分", 35.0),
    ("三割", 30.0),
    ("49 percent", 49.0),
]


@pytest.mark.parametrize(("text", "value"), PERCENTS)
def test_parse_percent(text: str, value: float) -> None:
    result = parse_percent(text)
    assert result == value
    assert isinstance(result, float)


@pytest.mark.parametrize(
    "text",
    ["49〜51%", "49-51%", "3ポイント", "%", "パーセント", "数%", "49", "49人", "3割10分", "-3%", "", "abc%"],
)
def test_parse_percent_rejects(text: str) -> None:
    assert parse_percent(text) is None


QUANTITIES = [
    ("600 人", 600, "人"),
    ("600人", 600, "人"),
    ("６００人", 600, "人"),
    ("1万2000人", 12000, "人"),
    ("1 万 2000 人", 12000, "人"),
    ("1,200人", 1200, "人"),
    ("3社", 3, "社"),
    ("三社", 3, "社"),
    ("10件", 10, "件"),
    ("5 台", 5, "台"),
    ("100名", 100, "名"),
    ("10カ国", 10, "カ国"),
    ("１０ヶ国", 10, "ヶ国"),
    ("3店舗", 3, "店舗"),
    ("約600人", 600, "人"),
    ("600人以上", 600, "人"),
    ("千人", 1000, "人"),
    ("1.5万人", 15000, "人"),
]


@pytest.mark.parametrize(("text", "value", "unit"), QUANTITIES)
def test_parse_quantity(text: str, value: int, unit: str) -> None:
    assert parse_quantity(text) == Quantity(value=value, unit=unit, text=text.strip())


@pytest.mark.parametrize(
    "text",
    [
        "2 倍", "9 桁", "3カ月", "500~600人", "数百人", "何社", "人", "600 人の", "600", "720億ドル",
        "", "十数人",
    ],
)
def test_parse_quantity_rejects(text: str) -> None:
    assert parse_quantity(text) is None


NUMBERS = [
    ("720", 720),
    ("1,200", 1200),
    ("3.5", 3.5),
    ("3.5億", 350_000_000),
    ("1兆2000億", 1_200_000_000_000),
    ("七百二十億", 72_000_000_000),
    ("二〇二五", 2025),
    ("二千二十五", 2025),
    ("1万2000", 12000),
    ("3千5百", 3500),
    ("3千五百", 3500),
    ("百二十三万四千五百六十七", 1_234_567),
    ("０", 0),
]


@pytest.mark.parametrize(("text", "value"), NUMBERS)
def test_parse_number(text: str, value: int | float) -> None:
    result = parse_number(text)
    assert result == value
    assert type(result) is type(value)


@pytest.mark.parametrize(
    "text", ["", "億", "数百", "1,2", "1.2.3", "1万2万", "1億2兆", "1兆12000億", "十十", "abc"]
)
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


@settings(max_examples=300)
@given(value_text)
def test_number_parsers_never_raise(text: str) -> None:
    amount = parse_amount(text)
    percent = parse_percent(text)
    quantity = parse_quantity(text)
    number = parse_number(text)
    assert amount is None or (amount.text == text.strip() and amount.currency.isupper())
    assert amount is None or amount.upper is None or amount.value < amount.upper
    assert percent is None or isinstance(percent, float)
    assert quantity is None or quantity.unit in numbers_module.COUNTERS
    assert number is None or isinstance(number, (int, float))


def test_docstring_examples() -> None:
    result = doctest.testmod(numbers_module)
    assert result.attempted > 0 and result.failed == 0
