"""Name keys, romanisation and cross-script matching."""

from __future__ import annotations

import pytest

from extractor.entities.names import ACCEPT, cross_script_score, fold, name_key, strip_tail, surname


@pytest.mark.parametrize(
    ("katakana", "latin"),
    [
        ("アレクサンドル・ワン", "Alexandr Wang"),
        ("アボカド", "Avocado"),
        ("メタ", "Meta"),
        ("ザッカーバーグ", "Zuckerberg"),
        ("マーク ザッカーバーグ", "Mark Zuckerberg"),
        ("プロメテウス", "Prometheus"),
        ("ティジメン・ブランケフォールト", "Tijmen Blankevoort"),
        ("フリードマン", "Friedman"),
        ("ディープシーク", "DeepSeek"),
        ("マイクロソフト", "Microsoft"),
        ("ジョン・スミス", "John Smith"),
    ],
)
def test_true_pairs_match(katakana, latin):
    assert cross_script_score(katakana, latin) >= ACCEPT


@pytest.mark.parametrize(
    ("katakana", "latin"),
    [("メタ", "Mito"), ("メタ", "Llama"), ("アボカド", "Avocado Inc"), ("スミス", "Smart"), ("ソニー", "Samsung")],
)
def test_wrong_pairs_do_not_match(katakana, latin):
    assert cross_script_score(katakana, latin) < ACCEPT


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Llama シリーズ", "Llama"),
        ("ＡＢＣ", "abc"),
        ("渡邉", "渡辺"),
        ("齋藤", "斉藤"),
        ("TBD ラボ", "TBD"),
        ("FAIR チーム", "fair"),
    ],
)
def test_equal_keys(a, b):
    assert name_key(a) == name_key(b)


def test_different_names_keep_different_keys():
    assert name_key("Llama 4") != name_key("Llama")


def test_strip_tail_keeps_names_without_tail():
    assert strip_tail("ソニー") == "ソニー"
    assert strip_tail("R1 モデル") == "R1"


@pytest.mark.parametrize(("name", "last"), [("Alexandr Wang", "Wang"), ("ヤン・ルカン", "ルカン"), ("Meta", None)])
def test_surname(name, last):
    assert surname(name) == last


def test_fold_ignores_width_case_and_punctuation():
    assert fold("「Ｍｅｔａ」") == fold("meta")


@pytest.mark.parametrize("text", ["ア\u3098イ", "\u309bカ", "ヿ", "ㇰㇱ"])
def test_rare_kana_never_crash_romanisation(text):
    from extractor.entities.names import foreign_spelling, romanize

    assert isinstance(romanize(text), tuple)
    foreign_spelling(text)
    cross_script_score(text, "Latin Name")
