"""Typed values read from Japanese text: money, percentages, counts and dates.

Pure functions (no spaCy) that turn the surface text of a value into the
models of :mod:`extractor.models`, plus a scanner that finds such values in a
sentence with exact character offsets.

Example:
    >>> parse_amount("1兆2000億円").value
    1200000000000
    >>> parse_date("2025年10月3日").value
    '2025-10-03'
    >>> [v.kind for v in find_values("株式 49% を取得")]
    ['percent']
"""

from __future__ import annotations

from extractor.values.dates import parse_date
from extractor.values.numbers import parse_amount, parse_number, parse_percent, parse_quantity
from extractor.values.scan import KINDS, ValueSpan, find_values

__all__ = [
    "KINDS",
    "ValueSpan",
    "find_values",
    "parse_amount",
    "parse_date",
    "parse_number",
    "parse_percent",
    "parse_quantity",
]
