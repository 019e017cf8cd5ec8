"""The entity layer on real parses: span repair, typing, aliases, anaphora."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _by_label(kg):
    return {e.label: e for e in kg.entities}


def _entity_with(kg, surface):
    for e in kg.entities:
        if surface in e.aliases or any(m.text == surface for m in e.mentions):
            return e
    return None


@pytest.mark.parametrize(
    ("text", "name", "typ"),
    [
        ("最高技術責任者 John Smith は会見で新製品を紹介した。", "John Smith", "Person"),
        ("山田太郎氏は東京で講演した。", "山田太郎", "Person"),
        ("製品責任者の Anna Berg 氏が説明した。", "Anna Berg", "Person"),
        ("ノルディア株式会社は新工場を建設する。", "ノルディア株式会社", "Organization"),
        ("同社は「Falcon」というコード名の新型チップを開発している。", "Falcon", "Product"),
        ("北海道にある研究施設で実験が行われた。", "北海道", "Place"),
    ],
)
def test_names_are_found_repaired_and_typed(extract, text, name, typ):
    kg = extract(text)
    e = _entity_with(kg, name)
    assert e is not None, [x.label for x in kg.entities]
    assert e.type == typ
    assert all(not m.text.endswith("氏") for m in e.mentions)


@pytest.mark.parametrize(
    "text",
    ["オープンソースの開発者が増えている。", "AI の活用が広がっている。", "ユーザーはクラウドを使う。"],
)
def test_generic_words_make_no_entities(extract, text):
    assert extract(text).entities == ()


def test_title_is_split_from_name(extract):
    kg = extract("最高 AI オフィサー Alexandr Wang は新チームを率いる。")
    labels = [e.label for e in kg.entities]
    assert "Alexandr Wang" in labels
    assert not any("オフィサー" in label for label in labels)


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("ソフトバンクグループ（以下、SBG）は投資を増やした。SBG は来年も続ける。", ("ソフトバンクグループ", "SBG")),
        ("Fundamental AI Research (FAIR) は研究組織だ。FAIR の成果は多い。", ("Fundamental AI Research", "FAIR")),
        ("ジョン・スミス氏は来日した。Smith 氏は講演した。", ("ジョン・スミス", "Smith")),
        ("渡邉太郎氏は会見した。渡辺氏は質問に答えた。", ("渡邉太郎", "渡辺")),
        ("ＮＯＶＡ社は好調だ。NOVA社の株価が上がった。", ("ＮＯＶＡ社", "NOVA")),
    ],
)
def test_aliases_join_one_entity(extract, text, surfaces):
    kg = extract(text)
    found = [_entity_with(kg, s) for s in surfaces]
    assert None not in found, [e.aliases for e in kg.entities]
    assert len({e.id for e in found}) == 1, [e.aliases for e in kg.entities]


@pytest.mark.parametrize(
    ("text", "anaphor", "antecedent"),
    [
        ("ノルディア株式会社は新型車を発表した。同社は来年から販売する。", "同社", "ノルディア株式会社"),
        ("山田太郎氏は記者会見を開いた。同氏は増産を表明した。", "同氏", "山田太郎"),
        ("鈴木一郎氏は社長を退いた。彼は今後、顧問を務める。", "彼", "鈴木一郎"),
    ],
)
def test_anaphora_attach_to_antecedent(extract, text, anaphor, antecedent):
    kg = extract(text)
    target = _entity_with(kg, antecedent)
    assert target is not None
    assert any(m.text == anaphor and m.kind == "anaphor" for m in target.mentions)


def test_every_mention_offset_is_valid(seed_graph, seed_text):
    for e in seed_graph.entities:
        for m in e.mentions:
            assert seed_text[m.start : m.end] == m.text


def test_extraction_is_deterministic(kx, seed_text, seed_graph):
    again = kx.extract(seed_text, doc_id="000_401f0d7f82f0a030")
    assert again.to_json() == seed_graph.to_json()
