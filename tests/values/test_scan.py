"""Tests of extractor.values.scan.find_values."""

from __future__ import annotations

import datetime
import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import extractor.values.scan as scan_module
from extractor.models import Amount, DateValue, Quantity
from extractor.values import KINDS, find_values, parse_amount, parse_date, parse_percent, parse_quantity

REF = datetime.date(2025, 11, 28)

SCAN_ALPHABET = (
    "0123456789０１２３４５６７８９.,〇一二三四五六七八九十百千万億兆数約年月日第四半期Q初末上旬"
    "円ドル米元ユーロ$＄¥%％パーセント割人社件台桁倍今昨来先令和~〜- 　の、。はをにで"
)
scan_text = st.one_of(st.text(alphabet=SCAN_ALPHABET, max_size=40), st.text(max_size=40))


def spans(text: str, ref: datetime.date | None = REF) -> list[tuple[str, str]]:
    return [(text[start:end], kind) for start, end, kind, _ in find_values(text, ref=ref)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("新しいインフラストラクチャへの 720 億ドルの設備投資予測",
         [("720 億ドル", "money")]),
        ("同社の Scale AI の株式 49% に対する 143 億ドルの投資",
         [("49%", "percent"), ("143 億ドル", "money")]),
        ("2025 年の設備投資見通しを 700 ~ 720 億ドルに引き上げ",
         [("2025 年", "date"), ("700 ~ 720 億ドル", "money")]),
        ("2026 年初めに「Avocado」を立ち上げる",
         [("2026 年初め", "date")]),
        ("2015 年第 1 四半期から 2025 年第 2 四半期まで",
         [("2015 年第 1 四半期", "date"), ("2025 年第 2 四半期", "date")]),
        ("2025 年 10 月に FAIR チームから 600 人の従業員を解雇",
         [("2025 年 10 月", "date"), ("600 人", "count")]),
        ("すでに 7 月に発表した", [("7 月", "date")]),
        ("同社は今年、トップの研究者を採用", [("今年", "date")]),
        ("他社から引き離すために 9 桁の報酬を提示", []),
        ("２０２５年１０月３日、５０億米ドルを調達",
         [("２０２５年１０月３日", "date"), ("５０億米ドル", "money")]),
        ("売上高は前年比3割増の1,200億円", [("3割", "percent"), ("1,200億円", "money")]),
        ("４～６月期の純利益は1.2兆円", [("４～６月期", "date"), ("1.2兆円", "money")]),
        ("令和 7 年 3 月に 10 カ国で 5 台を販売",
         [("令和 7 年 3 月", "date"), ("10 カ国", "count"), ("5 台", "count")]),
        ("US$3 million の資金と ¥1,000 の手数料", [("US$3 million", "money"), ("¥1,000", "money")]),
        ("三社が合意し、百人を採用", [("三社", "count"), ("百人", "count")]),
        ("2025-10-03 に発表", [("2025-10-03", "date")]),
        ("10 月上旬に発売", [("10 月上旬", "date")]),
        ("今年末までに完了", [("今年末", "date")]),
    ],
)
def test_find_values(text: str, expected: list[tuple[str, str]]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "関東一円で一人ずつ一本化を進めた",  # idiomatic 一
        "数百人を解雇し、何社かと提携",  # vague numbers
        "3機能を備えた",  # 機 begins 機能
        "1000年後の世界",  # a duration
        "長年の経営陣",
        "一元化を進める",
        "毎年末に開催",
        "最近の動向",
        "500~600人を採用",  # a range of counts has no single value
        "49〜51%を保有",  # a range of percentages likewise
        "GPT-4 は 2 倍速い",
        "",
    ],
)
def test_find_values_negative(text: str) -> None:
    assert find_values(text, ref=REF) == []


def test_idioms_do_not_hide_real_values() -> None:
    assert spans("2025年初の女性CEOと2025年初めて黒字") == [("2025年", "date"), ("2025年", "date")]
    assert spans("2025年以降") == [("2025年", "date")]
    assert spans("2025年10月期決算") == [("2025年", "date")]


def test_relative_dates_need_ref() -> None:
    text = "同社は今年 7 月に 600 人を採用"
    assert spans(text, ref=None) == [("600 人", "count")]
    found = find_values(text, ref=REF)
    assert [(text[s:e], k) for s, e, k, _ in found] == [("今年 7 月", "date"), ("600 人", "count")]
    expected = DateValue(value="2025-07", precision="month", inferred_year=True, text="今年 7 月")
    assert found[0].value == expected


def test_values_are_the_parsed_spans() -> None:
    text = "Meta は Scale AI の株式 49% を 143 億ドルで取得し、2025 年 10 月に 600 人を解雇"
    found = find_values(text)
    assert [v.kind for v in found] == ["percent", "money", "date", "count"]
    percent, money, date, count = (v.value for v in found)
    assert percent == 49.0
    assert money == Amount(value=14_300_000_000, currency="USD", text="143 億ドル")
    assert date == DateValue(value="2025-10", precision="month", text="2025 年 10 月")
    assert count == Quantity(value=600, unit="人", text="600 人")
    assert all(isinstance(v, tuple) and len(v) == 4 for v in found)


def test_offsets_survive_characters_that_nfkc_expands() -> None:
    # ㍻ becomes 平成 and ① becomes 1 under NFKC: offsets must still index the original text.
    text = "①は㍻31年に㈱Aが 5０億円"
    found = find_values(text)
    assert [(text[s:e], k) for s, e, k, _ in found] == [("㍻31年", "date"), ("5０億円", "money")]
    assert found[0].value.value == "2019"


def test_longest_then_kind_wins_on_overlap() -> None:
    # "100 万元" (money) overlaps the count-free number; the money span wins whole.
    assert spans("100 万元を出資") == [("100 万元", "money")]
    # 2025 年 must not also produce a count or money inside it.
    assert spans("2025 年第 1 四半期") == [("2025 年第 1 四半期", "date")]


PARSERS = {
    "money": parse_amount,
    "percent": parse_percent,
    "date": lambda s: parse_date(s, ref=REF),
    "count": parse_quantity,
}


@settings(max_examples=300)
@given(scan_text)
def test_offsets_slice_the_input(text: str) -> None:
    found = find_values(text, ref=REF)
    previous_end = 0
    for start, end, kind, value in found:
        assert 0 <= previous_end <= start < end <= len(text)
        previous_end = end
        assert kind in KINDS
        piece = text[start:end]
        assert piece == piece.strip()
        assert PARSERS[kind](piece) == value
        if not isinstance(value, float):
            assert value.text == piece


def test_docstring_examples() -> None:
    result = doctest.testmod(scan_module)
    assert result.attempted > 0 and result.failed == 0
