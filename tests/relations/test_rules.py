"""Each relation pattern on sentences of its own (not from the seed)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _facts(kg):
    label = {e.id: e for e in kg.entities}
    out = {}
    for r in kg.relations:
        s, o = label[r.subject], label[r.object]
        for sa in {s.label, *s.aliases}:
            for oa in {o.label, *o.aliases}:
                out[(sa, r.predicate, oa)] = r
                if r.predicate in ("partnerOf", "competitorOf"):
                    out[(oa, r.predicate, sa)] = r
    return out


CASES = [
    # (sentence, subject, predicate, object)
    ("ノルディア社は新型スマートフォン「Helio」を開発した。", "ノルディア", "develops", "Helio"),
    ("「Helio」はノルディア社によって開発された。", "ノルディア", "develops", "Helio"),
    ("ノルディア社が開発した「Helio」は好評だ。", "ノルディア", "develops", "Helio"),
    ("ノルディア社の「Helio」は人気だ。", "ノルディア", "develops", "Helio"),
    ("山田太郎氏はノルディア社を率いている。", "山田太郎", "leads", "ノルディア"),
    ("山田太郎氏が率いるノルディア社は成長した。", "山田太郎", "leads", "ノルディア"),
    ("ノルディア社の最高技術責任者 John Smith 氏は語った。", "John Smith", "worksFor", "ノルディア"),
    ("北海道にあるデータセンター「Aurora」が稼働した。", "Aurora", "locatedIn", "北海道"),
    ("米国の新興企業 Nimbus は資金を集めた。", "Nimbus", "locatedIn", "米国"),
    ("ノルディア社はベルテック社を買収した。", "ノルディア", "acquires", "ベルテック"),
    ("ノルディア社とベルテック社が業務提携した。", "ノルディア", "partnerOf", "ベルテック"),
    ("ノルディア社はベルテック社に 10 億ドルを出資した。", "ノルディア", "investsIn", "ベルテック"),
    ("山田太郎氏はノルディア社を退職した。", "山田太郎", "leftOrganization", "ノルディア"),
    ("山田太郎氏は 2010 年にノルディア社を設立した。", "山田太郎", "founded", "ノルディア"),
    ("ノルディア社が運営する「Helio Store」は好調だ。", "ノルディア", "operates", "Helio Store"),
]


@pytest.mark.parametrize(("text", "subj", "pred", "obj"), CASES, ids=[c[2] + "-" + str(i) for i, c in enumerate(CASES)])
def test_pattern(extract, text, subj, pred, obj):
    facts = _facts(extract(text))
    assert (subj, pred, obj) in facts, sorted(facts)


def test_coordinated_subjects_both_lead(extract):
    facts = _facts(extract("山田太郎氏と鈴木一郎氏が率いるノルディア社は成長した。"))
    assert ("山田太郎", "leads", "ノルディア") in facts
    assert ("鈴木一郎", "leads", "ノルディア") in facts


def test_role_qualifier(extract):
    facts = _facts(extract("ノルディア社の最高技術責任者 John Smith 氏は語った。"))
    assert facts[("John Smith", "worksFor", "ノルディア")].qualifiers.role == "最高技術責任者"


def test_former_title_gives_former_status(extract):
    facts = _facts(extract("ノルディア社の元社長の山田太郎氏は語った。"))
    r = facts[("山田太郎", "worksFor", "ノルディア")]
    assert r.qualifiers.status == "former"


def test_amount_qualifier(extract):
    facts = _facts(extract("ノルディア社はベルテック社に 10 億ドルを出資した。"))
    amount = facts[("ノルディア", "investsIn", "ベルテック")].qualifiers.amount
    assert (amount.value, amount.currency) == (1000000000, "USD")


def test_date_qualifier(extract):
    facts = _facts(extract("山田太郎氏は 2010 年にノルディア社を設立した。"))
    assert facts[("山田太郎", "founded", "ノルディア")].qualifiers.date.value == "2010"


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("ノルディア社は「Helio」を開発しなかった。", "negated"),
        ("ノルディア社は「Helio」を開発していない。", "negated"),
        ("ノルディア社が「Helio」を開発したと報じられている。", "reported"),
        ("報道によると、ノルディア社は「Helio」を開発した。", "reported"),
        ("ノルディア社は「Helio」を開発したようだ。", "hedged"),
        ("ノルディア社は「Helio」を開発した。", "asserted"),
    ],
)
def test_modality(extract, text, modality):
    facts = _facts(extract(text))
    assert facts[("ノルディア", "develops", "Helio")].modality == modality


def test_negated_fact_is_not_asserted(extract):
    kg = extract("ノルディア社は「Helio」を開発しなかった。")
    assert all(r.modality == "negated" for r in kg.relations if r.predicate == "develops")


def test_evidence_quotes_the_sentence(extract):
    text = "前置きの文です。ノルディア社はベルテック社を買収した。"
    kg = extract(text)
    r = next(r for r in kg.relations if r.predicate == "acquires")
    ev = r.evidence[0]
    assert text[ev.start : ev.end] == ev.text == "ノルディア社はベルテック社を買収した。"
    assert ev.rule


def test_same_fact_twice_merges_evidence(extract):
    kg = extract("ノルディア社はベルテック社を買収した。ノルディア社がベルテック社を買収したことは大きい。")
    acq = [r for r in kg.relations if r.predicate == "acquires"]
    assert len(acq) == 1 and len(acq[0].evidence) == 2
