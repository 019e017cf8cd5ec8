"""Closed word lists: name suffixes, titles, class nouns."""

from __future__ import annotations

import pytest

from extractor.entities.lexicon import class_of_noun, is_generic, suffix_type, title_like


@pytest.mark.parametrize(
    ("name", "typ"),
    [
        ("九州電力東京支社", "Organization"), ("県立広島高校", "Organization"), ("大林建設", "Organization"),
        ("東京ドーム", "Facility"), ("渋谷警察署", "Facility"), ("成田空港", "Facility"),
        ("ピカソ展", "Event"), ("応仁の乱", "Event"), ("第45回東京モーターショー", "Event"),
        ("芽室町", "Place"), ("メタ", None), ("展", None), ("警察", None),
    ],
)
def test_suffix_type(name, typ):
    assert suffix_type(name) == typ


@pytest.mark.parametrize(
    ("text", "expected"),
    [("支社長", True), ("外相", True), ("投手", True), ("最高 AI オフィサー", True), ("九州電力", False), ("山田太郎", False)],
)
def test_title_like(text, expected):
    assert title_like(text) is expected


@pytest.mark.parametrize(
    ("noun", "typ"),
    [("小説", "Product"), ("シングル", "Product"), ("ロックバンド", "Organization"), ("競合企業", "Organization"), ("空", None)],
)
def test_class_of_noun(noun, typ):
    assert class_of_noun(noun) == typ


def test_generic_words():
    assert is_generic("オープンソース AI")
    assert not is_generic("Meta AI")
