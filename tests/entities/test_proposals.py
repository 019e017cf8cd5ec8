"""Span proposals on real parses: boundary repair, dictionary evidence, quoted titles."""

from __future__ import annotations

import itertools

import pytest

pytestmark = pytest.mark.model


def _mentions(kg) -> set[tuple[str, str]]:
    return {(m.text, e.type) for e in kg.entities for m in e.mentions if m.kind == "name"}


@pytest.mark.parametrize(
    ("text", "surface", "typ"),
    [
        # a given name GiNZA left outside the person
        ("鈴木花子ペアが優勝した。", "鈴木花子", "Person"),
        # a katakana name joined by ・ (GiNZA's span ends at the dot)
        ("元研究者のティジメン・ブランケフォールト氏は語った。", "ティジメン・ブランケフォールト", "Person"),
        ("彼はアル＝ワリード・ビン・タラール王子と会った。", "アル＝ワリード・ビン・タラール", "Person"),
        # a regnal number
        ("ルイ14世は王だった。", "ルイ14世", "Person"),
        # a year before an event; a span that ran into the clause
        ("2010年FIFAワールドカップで日本は勝った。", "2010年FIFAワールドカップ", "Event"),
        ("社長は第45回東京モーターショーについて語った。", "第45回東京モーターショー", "Event"),
        # adjacent places: an address
        ("米国カリフォルニア州で開かれた。", "米国カリフォルニア州", "Place"),
        # the head of a unit: the unit belongs to the name, the title does not
        ("九州電力東京支社長が来た。", "九州電力東京支社", "Organization"),
        ("横浜市長は会見した。", "横浜市", "Place"),
        ("大阪市の橋下徹市長は会見した。", "橋下徹", "Person"),
        # a legal-form prefix and a school suffix
        ("県立広島高校の生徒が来た。", "県立広島高校", "Organization"),
        # a title in words after a class noun of works
        ("宮崎駿監督の映画「風立ちぬ」が公開された。", "風立ちぬ", "Product"),
    ],
)
def test_spans_are_repaired(extract, text, surface, typ):
    found = _mentions(extract(text))
    assert (surface, typ) in found, sorted(found)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("鈴木花子ペアが優勝した。", "鈴木"),
        ("大阪市の橋下徹市長は会見した。", "橋下徹市"),
        ("九州電力東京支社長が来た。", "九州電力東京支社長"),
        ("社長は第45回東京モーターショーについて語った。", "第45回東京モーターショーについて語った。"),
        ("元研究者のティジメン・ブランケフォールト氏は語った。", "ティジメン・ブランケフォールト氏"),
    ],
)
def test_broken_spans_are_not_kept(extract, text, surface):
    assert surface not in {m for m, _ in _mentions(extract(text))}


@pytest.mark.parametrize(
    "text",
    [
        "「ドリームチーム」として採用された。",  # common nouns only: a term
        "「転移」文化が広がった。",  # the quotation modifies the noun after it
        "ネットでは「バカ発見器」と呼ばれる。",  # と呼ばれる: a quoted word
        "定着した理由は『エロい』からだ。",  # no noun: not a name
    ],
)
def test_quoted_terms_are_no_entities(extract, text):
    assert extract(text).entities == ()


def test_person_with_title_keeps_title_out(extract):
    found = _mentions(extract("田中投手が投げ、トヨタ自動車社長の豊田章男氏が見守った。"))
    assert ("田中", "Person") in found
    assert ("トヨタ自動車", "Organization") in found
    assert ("豊田章男", "Person") in found
    assert not any(s.endswith(("投手", "社長", "氏")) for s, _ in found)


def test_dictionary_classes(nlp):
    from extractor.entities.proposals import _dictionary_class

    doc = nlp("田中太郎は杭州でソニーの市場を調べた。")
    by_text = {t.text: doc[t.i : t.i + 1] for t in doc}
    assert _dictionary_class(doc[0:2]) == "person"
    assert _dictionary_class(by_text["杭州"]) == "place"
    assert _dictionary_class(by_text["ソニー"]) == "proper"
    assert _dictionary_class(by_text["市場"]) == "common"


@pytest.mark.parametrize(
    "text",
    [
        "浙江省杭州市に本社を置くアリババの九州電力東京支社長が来た。",
        "2010年FIFAワールドカップで本能寺の変について話した。",
        "ジョン・スミスと田中太郎・鈴木花子ペアが東京駅で会った。",
        "IHG・ANA・ホテルズとのフランチャイズ契約は2012年3月31日を以って終了。",
        "宮崎駿監督の映画「風立ちぬ」と『となりのトトロ』が「ジブリ」作品として公開された。",
    ],
)
def test_candidates_are_consistent(nlp, text):
    from extractor.entities.proposals import propose

    doc = nlp(text)
    cands = propose(doc)
    names = [c for c in cands if c.kind == "name"]
    for c in cands:
        assert 0 <= c.start < c.end <= len(doc.text)
        assert c.text == doc.text[c.start : c.end]
    for a, b in itertools.pairwise(names):
        assert a.end <= b.start, (a.text, b.text)
    assert [(c.start, c.end, c.text) for c in propose(nlp(text))] == [(c.start, c.end, c.text) for c in cands]

