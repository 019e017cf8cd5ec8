"""Tests of extractor.values.dates.parse_date."""

from __future__ import annotations

import datetime
import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import extractor.values.dates as dates_module
from extractor.models import DateValue
from extractor.values import parse_date

REF = datetime.date(2025, 11, 28)

DATE_ALPHABET = (
    "0123456789０１２３４５６７８９〇一二三四五六七八九十百千年月日度第四半期Q上中下旬初め頭末半ば前後"
    "今昨去来先本令和平成昭和元明治大正-/.~〜()金曜 　"
)
date_text = st.one_of(st.text(alphabet=DATE_ALPHABET, max_size=16), st.text(max_size=16))

# (text, value, precision, modifier) -- explicit dates, no reference date needed.
EXPLICIT = [
    ("2025 年 10 月", "2025-10", "month", None),
    ("2025年10月", "2025-10", "month", None),
    ("２０２５年１０月", "2025-10", "month", None),
    ("2025年10月3日", "2025-10-03", "day", None),
    ("2025 年 10 月 3 日", "2025-10-03", "day", None),
    ("2025年10月3日(金)", "2025-10-03", "day", None),
    ("2025年10月3日（金曜日）", "2025-10-03", "day", None),
    ("2025年", "2025", "year", None),
    ("2026 年初め", "2026", "year", "early"),
    ("2026年初頭", "2026", "year", "early"),
    ("2026年前半", "2026", "year", "early"),
    ("2026年上半期", "2026", "year", "early"),
    ("2026年半ば", "2026", "year", "mid"),
    ("2026年中頃", "2026", "year", "mid"),
    ("2025年末", "2025", "year", "late"),
    ("2025年後半", "2025", "year", "late"),
    ("2025年下半期", "2025", "year", "late"),
    ("2025年10月上旬", "2025-10", "month", "early"),
    ("2025年10月中旬", "2025-10", "month", "mid"),
    ("2025年10月下旬", "2025-10", "month", "late"),
    ("2025年10月末", "2025-10", "month", "late"),
    ("2015 年第 1 四半期", "2015-Q1", "quarter", None),
    ("2015年第一四半期", "2015-Q1", "quarter", None),
    ("2025年Q2", "2025-Q2", "quarter", None),
    ("2025年1~3月期", "2025-Q1", "quarter", None),
    ("2025年10〜12月期", "2025-Q4", "quarter", None),
    ("2025年第4四半期末", "2025-Q4", "quarter", "late"),
    ("令和7年", "2025", "year", None),
    ("令和７年", "2025", "year", None),
    ("令和七年", "2025", "year", None),
    ("平成31年", "2019", "year", None),
    ("令和元年", "2019", "year", None),
    ("平成元年", "1989", "year", None),
    ("昭和64年1月7日", "1989-01-07", "day", None),
    ("大正元年", "1912", "year", None),
    ("明治元年", "1868", "year", None),
    ("令和7年3月", "2025-03", "month", None),
    ("二〇二五年", "2025", "year", None),
    ("二〇二五年十月", "2025-10", "month", None),
    ("二千二十五年", "2025", "year", None),
    ("2025年度", "2025", "year", None),
    ("2025年10月頃", "2025-10", "month", None),
    ("2025-10-03", "2025-10-03", "day", None),
    ("2025/10/03", "2025-10-03", "day", None),
    ("2025/1/3", "2025-01-03", "day", None),
    ("2025.10.03", "2025-10-03", "day", None),
    ("2025-10", "2025-10", "month", None),
]


@pytest.mark.parametrize(("text", "value", "precision", "modifier"), EXPLICIT)
def test_explicit_dates(text: str, value: str, precision: str, modifier: str | None) -> None:
    expected = DateValue(value=value, precision=precision, modifier=modifier, text=text.strip())
    assert parse_date(text) == expected
    # A reference date changes nothing when the text names the year.
    assert parse_date(text, ref=REF) == expected


# (text, value, precision, modifier) with ref = 2025-11-28; all have inferred_year=True.
RELATIVE = [
    ("7 月", "2025-07", "month", None),
    ("7月3日", "2025-07-03", "day", None),
    ("10月上旬", "2025-10", "month", "early"),
    ("十月", "2025-10", "month", None),
    ("１２月", "2025-12", "month", None),
    ("1月", "2025-01", "month", None),
    ("今年", "2025", "year", None),
    ("本年", "2025", "year", None),
    ("今年初め", "2025", "year", "early"),
    ("昨年", "2024", "year", None),
    ("去年", "2024", "year", None),
    ("昨年末", "2024", "year", "late"),
    ("昨年10月", "2024-10", "month", None),
    ("一昨年", "2023", "year", None),
    ("来年", "2026", "year", None),
    ("来年半ば", "2026", "year", "mid"),
    ("再来年", "2027", "year", None),
    ("今年度", "2025", "year", None),
    ("先月", "2025-10", "month", None),
    ("今月", "2025-11", "month", None),
    ("来月", "2025-12", "month", None),
    ("来月上旬", "2025-12", "month", "early"),
    ("今月3日", "2025-11-03", "day", None),
    ("第1四半期", "2025-Q1", "quarter", None),
    ("年末", "2025", "year", "late"),
    ("月末", "2025-11", "month", "late"),
    ("今日", "2025-11-28", "day", None),
    ("本日", "2025-11-28", "day", None),
    ("昨日", "2025-11-27", "day", None),
    ("明日", "2025-11-29", "day", None),
]


@pytest.mark.parametrize(("text", "value", "precision", "modifier"), RELATIVE)
def test_relative_dates_need_ref(text: str, value: str, precision: str, modifier: str | None) -> None:
    expected = DateValue(value=value, precision=precision, modifier=modifier, inferred_year=True, text=text)
    assert parse_date(text, ref=REF) == expected
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("ref", "text", "value"),
    [
        # A month at most LOOKAHEAD_MONTHS after the reference month is this year's ...
        (datetime.date(2025, 1, 15), "3月", "2025-03"),
        (datetime.date(2025, 5, 1), "7月", "2025-07"),
        # ... a month further ahead is last year's.
        (datetime.date(2025, 1, 15), "12月", "2024-12"),
        (datetime.date(2025, 1, 15), "4月", "2024-04"),
        (datetime.date(2025, 11, 28), "11月", "2025-11"),
        (datetime.date(2025, 1, 15), "先月", "2024-12"),
        (datetime.date(2025, 12, 15), "来月", "2026-01"),
        (datetime.date(2025, 1, 1), "昨日", "2024-12-31"),
        (datetime.date(2025, 1, 15), "第4四半期", "2024-Q4"),
    ],
)
def test_year_inference_rule(ref: datetime.date, text: str, value: str) -> None:
    result = parse_date(text, ref=ref)
    assert result is not None and result.value == value and result.inferred_year


@pytest.mark.parametrize(
    "text",
    [
        "9 桁",
        "長年",
        "最近",
        "",
        "2025",
        "25年",
        "100年",
        "3000年",
        "2025年13月",
        "2025年2月30日",
        "2025-02-30",
        "2025年度末",
        "2025年度第1四半期",
        "2025年10月〜12月",
        "2025年2~4月期",
        "2025年10月期",
        "2025年後",
        "令和0年",
        "13月",
        "毎年",
        "同年",
        "2025年初めて",
    ],
)
def test_not_dates(text: str) -> None:
    assert parse_date(text) is None
    assert parse_date(text, ref=REF) is None


@settings(max_examples=300)
@given(date_text)
def test_parse_date_never_raises(text: str) -> None:
    for ref in (None, REF, datetime.date(1, 1, 1), datetime.date(9999, 12, 31)):
        result = parse_date(text, ref=ref)
        assert result is None or result.text == text.strip()
        assert result is None or ref is not None or not result.inferred_year


def test_docstring_examples() -> None:
    result = doctest.testmod(dates_module)
    assert result.attempted > 0 and result.failed == 0
