"""Hand-built knowledge graphs for the export, store, server and query tests (no NLP model needed).

Test modules get them through fixtures (``sample_kg``, ``hostile_kg``,
``any_kg``, and ``samples`` for the builders themselves); tests outside
``tests/export`` load this file by path (see ``tests/test_store.py``), which
works in pytest's ``importlib`` import mode too.

``sample_kg`` looks like a real extraction of two Japanese news articles and
uses every qualifier; ``hostile_kg`` is full of text that breaks careless
serialisers (quotes, markup, every C0 control character, emoji, right-to-left
scripts, a 2,000-character name, a document id with spaces and slashes).
"""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from extractor.models import (
    Amount,
    DateValue,
    Document,
    Entity,
    Evidence,
    KnowledgeGraph,
    Mention,
    Qualifiers,
    Quantity,
    Relation,
)

__all__ = ["HOSTILE_NAMES", "build_hostile_kg", "build_sample_kg", "shuffled"]

D1 = (
    "Meta は 2025年10月、Scale AI に 143 億ドルを出資し、株式の 49% を取得した。"
    "Scale AI の創業者アレクサンドル・ワン氏は Meta に入社し、同社の最高 AI 責任者に就いた。"
    "マーク・ザッカーバーグ CEO は、Meta が Llama 4 を開発したと述べた。"
    "Meta は米カリフォルニア州メンロパークに本社を置く。"
    "関係者によると、Meta は 2026年第1四半期に約 600 人を削減する可能性がある。"
    "Meta は Scale AI を買収していない。"
)
D2 = (
    "ヤン・ルカン氏は Meta を退社した。"
    "2015年、ルカン氏は Meta の AI 研究所 FAIR を率いた。"
    "Meta と Microsoft は 2023年7月18日に提携した。"
    "Scale AI は Meta に 700〜720 億円で買収されるとの噂がある。"
    "Meta は Llama 4 をもとに Avocado を開発している。"
)


def _span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def _mention(doc: str, text: str, needle: str, nth: int = 0, kind: str = "name") -> Mention:
    start, end = _span(text, needle, nth)
    return Mention(doc=doc, start=start, end=end, text=needle, kind=kind)  # type: ignore[arg-type]


def _sentence(doc: str, text: str, needle: str, rule: str, attribution: str | None = None) -> Evidence:
    """The evidence for the sentence that holds ``needle`` (sentences end with 。)."""
    pos = text.index(needle)
    start = text.rfind("。", 0, pos) + 1
    end = text.index("。", pos) + 1
    return Evidence(doc=doc, start=start, end=end, text=text[start:end], rule=rule, attribution=attribution)


def build_sample_kg() -> KnowledgeGraph:
    """Two Japanese articles, eleven entities, relations with every qualifier and modality."""
    docs = (
        Document(id="d1", text=D1, title="Meta、Scale AI に出資", url="https://example.com/news/1?a=1&b=2",
                 date="2025-10-02", source="seeds/d1.txt"),
        Document(id="記事 2.txt", text=D2, title="ルカン氏が退社", date="2025-11", source="記事 2.txt"),
    )
    ents = (
        Entity(id="meta", label="Meta", labels={"ja": "メタ", "en": "Meta"}, type="Organization",
               aliases=("Meta", "メタ", "同社"),
               mentions=(_mention("d1", D1, "Meta"), _mention("d1", D1, "Meta", 1),
                         _mention("d1", D1, "同社", kind="anaphor"), _mention("記事 2.txt", D2, "Meta")),
               same_as=("http://www.wikidata.org/entity/Q380",), kb_id="Q380"),
        Entity(id="scaleai", label="Scale AI", type="Organization", aliases=("Scale AI",),
               mentions=(_mention("d1", D1, "Scale AI"), _mention("記事 2.txt", D2, "Scale AI"))),
        Entity(id="wang", label="アレクサンドル・ワン", labels={"en": "Alexandr Wang"}, type="Person",
               aliases=("アレクサンドル・ワン", "Alexandr Wang"),
               mentions=(_mention("d1", D1, "アレクサンドル・ワン"),)),
        Entity(id="zuckerberg", label="マーク・ザッカーバーグ", type="Person",
               mentions=(_mention("d1", D1, "マーク・ザッカーバーグ"),)),
        Entity(id="lecun", label="Yann LeCun", labels={"ja": "ヤン・ルカン", "en": "Yann LeCun"}, type="Person",
               aliases=("ヤン・ルカン", "ルカン"),
               mentions=(_mention("記事 2.txt", D2, "ヤン・ルカン"), _mention("記事 2.txt", D2, "ルカン", 1))),
        Entity(id="llama4", label="Llama 4", type="Product", mentions=(_mention("d1", D1, "Llama 4"),)),
        Entity(id="avocado", label="Avocado", type="Product", aliases=("Avocado", "アボカド"),
               mentions=(_mention("記事 2.txt", D2, "Avocado"),)),
        Entity(id="menlopark", label="メンロパーク", type="Place", mentions=(_mention("d1", D1, "メンロパーク"),)),
        Entity(id="fair", label="FAIR", type="Facility", mentions=(_mention("記事 2.txt", D2, "FAIR"),)),
        Entity(id="microsoft", label="Microsoft", type="Organization",
               mentions=(_mention("記事 2.txt", D2, "Microsoft"),)),
        Entity(id="ev.layoff", label="2026年の人員削減", type="Event"),
    )
    rels = (
        Relation(id="R01", subject="meta", predicate="investsIn", object="scaleai", confidence=0.92,
                 qualifiers=Qualifiers(amount=Amount(value=14_300_000_000, currency="USD", text="143 億ドル"),
                                       stake=49.0, date=DateValue(value="2025-10", precision="month",
                                                                  text="2025年10月")),
                 evidence=(_sentence("d1", D1, "143 億ドル", "invest_ni"),)),
        Relation(id="R02", subject="wang", predicate="worksFor", object="meta", confidence=0.85,
                 qualifiers=Qualifiers(role="最高 AI 責任者", status="current"),
                 evidence=(_sentence("d1", D1, "入社し", "nyusha"),)),
        Relation(id="R03", subject="wang", predicate="founded", object="scaleai", confidence=0.7,
                 evidence=(_sentence("d1", D1, "創業者", "founder_noun"),)),
        Relation(id="R04", subject="meta", predicate="develops", object="llama4", confidence=0.8,
                 modality="reported",
                 evidence=(_sentence("d1", D1, "Llama 4", "develop", attribution="マーク・ザッカーバーグ"),)),
        Relation(id="R05", subject="meta", predicate="locatedIn", object="menlopark", confidence=0.75,
                 evidence=(_sentence("d1", D1, "本社", "honsha"),)),
        Relation(id="R06", subject="meta", predicate="laysOff", object="meta", confidence=0.4,
                 modality="hedged",
                 qualifiers=Qualifiers(count=Quantity(value=600, unit="人", text="約 600 人"),
                                       date=DateValue(value="2026-Q1", precision="quarter",
                                                      text="2026年第1四半期")),
                 evidence=(_sentence("d1", D1, "600 人", "sakugen", attribution="関係者"),)),
        Relation(id="R07", subject="meta", predicate="acquires", object="scaleai", confidence=0.6,
                 modality="negated", evidence=(_sentence("d1", D1, "買収していない", "baishu"),)),
        Relation(id="R08", subject="lecun", predicate="leftOrganization", object="meta", confidence=0.9,
                 qualifiers=Qualifiers(status="former"),
                 evidence=(_sentence("記事 2.txt", D2, "退社", "taisha"),)),
        Relation(id="R09", subject="lecun", predicate="leads", object="fair", confidence=0.65,
                 qualifiers=Qualifiers(date=DateValue(value="2015", precision="year", text="2015年")),
                 evidence=(_sentence("記事 2.txt", D2, "率いた", "hikiiru"),)),
        Relation(id="R10", subject="meta", predicate="partnerOf", object="microsoft", confidence=0.88,
                 qualifiers=Qualifiers(date=DateValue(value="2023-07-18", precision="day", modifier="mid",
                                                      text="2023年7月18日")),
                 evidence=(_sentence("記事 2.txt", D2, "提携", "teikei"),)),
        Relation(id="R11", subject="meta", predicate="acquires", object="scaleai", confidence=0.3,
                 modality="hedged",
                 qualifiers=Qualifiers(amount=Amount(value=70_000_000_000, currency="JPY", upper=72_000_000_000,
                                                     text="700〜720 億円")),
                 evidence=(_sentence("記事 2.txt", D2, "噂", "baishu_passive"),)),
        Relation(id="R12", subject="avocado", predicate="basedOn", object="llama4", confidence=0.55,
                 inferred=True, evidence=(_sentence("記事 2.txt", D2, "もとに", "moto_ni"),)),
        Relation(id="R13", subject="fair", predicate="partOf", object="meta", confidence=0.5, inferred=True,
                 evidence=(_sentence("記事 2.txt", D2, "AI 研究所", "no_noun"),
                           _sentence("d1", D1, "最高 AI 責任者", "no_noun"))),
        Relation(id="R14", subject="meta", predicate="relatedTo", object="ev.layoff", confidence=0.2,
                 qualifiers=Qualifiers(lemma="削減")),
    )
    return KnowledgeGraph(documents=docs, entities=ents, relations=rels)


#: strings that break careless serialisers
CONTROL = "".join(chr(i) for i in range(0x20))
HOSTILE_NAMES = (
    'He said "hi" <b>&amp;</b> \'x\' \\ back\\slash',
    "ctl" + CONTROL + "\x7f end",
    "emoji 🦙🚀👩‍👩‍👧 and 🇯🇵",
    "עברית ועוד שלום \u202eRTL override\u202c العربية",
    "長" * 2000,
    "line\r\nbreak\ttab\u2028sep\u2029para\ufeffbom\ufffe\uffff",
    "_:notablank <http://not.an/iri> @en ^^xsd:string . ; ,",
)


def build_hostile_kg() -> KnowledgeGraph:
    """Every hostile string as an entity label, alias, mention, role, rule and sentence."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    for name in HOSTILE_NAMES:
        sentence = f"「{name}」が「{name}」に投資した。\n"
        parts.append(sentence)
        offsets.append((pos, pos + len(sentence)))
        pos += len(sentence)
    text = "".join(parts)
    doc_id = "hostile dir/記事 #1?x=\"y\"&z.txt"
    doc = Document(id=doc_id, text=text, title=HOSTILE_NAMES[0] + HOSTILE_NAMES[1], source=HOSTILE_NAMES[3],
                   url="https://example.com/a b?q=日本", date="2025-13-45")
    ents = []
    rels = []
    for i, name in enumerate(HOSTILE_NAMES):
        start, _ = offsets[i]
        m1 = Mention(doc=doc_id, start=start + 1, end=start + 1 + len(name), text=name)
        second = start + 1 + len(name) + 3
        m2 = Mention(doc=doc_id, start=second, end=second + len(name), text=name, kind="description")
        ents.append(Entity(id=f"H{i}", label=name, labels={"en": name[::-1] or "x"},
                           type=("Person", "Organization", "Product", "Place", "Facility", "Event")[i % 6],
                           aliases=(name + " alias", HOSTILE_NAMES[(i + 1) % len(HOSTILE_NAMES)]),
                           mentions=(m1, m2)))
    for i in range(len(HOSTILE_NAMES)):
        start, end = offsets[i]
        name = HOSTILE_NAMES[i]
        rels.append(Relation(
            id=f"HR{i}", subject=f"H{i}", predicate="investsIn", object=f"H{(i + 1) % len(HOSTILE_NAMES)}",
            confidence=1.0 if i == 0 else 0.0 if i == 1 else 1 / 3,
            qualifiers=Qualifiers(role=name, lemma=name, amount=Amount(value=1e-7 if i else 2**53,
                                                                       currency=name[:5] or "JPY"),
                                  count=Quantity(value=0.5, unit=name[:10])),
            evidence=(Evidence(doc=doc_id, start=start, end=end, text=text[start:end], rule=name,
                               attribution=name),),
        ))
    return KnowledgeGraph(documents=(doc,), entities=tuple(ents), relations=tuple(rels))


def shuffled(kg: KnowledgeGraph, seed: int = 7) -> KnowledgeGraph:
    """The same graph built in another order: documents, entities, relations, aliases, mentions."""
    rng = random.Random(seed)

    def mix(items: tuple) -> tuple:
        out = list(items)
        rng.shuffle(out)
        return tuple(out)

    ents = tuple(e.model_copy(update={"aliases": mix(e.aliases), "mentions": mix(e.mentions),
                                      "labels": dict(reversed(list(e.labels.items())))})
                 for e in mix(kg.entities))
    rels = tuple(r.model_copy(update={"evidence": mix(r.evidence)}) for r in mix(kg.relations))
    return KnowledgeGraph(documents=mix(kg.documents), entities=ents, relations=rels)


@pytest.fixture(scope="session")
def sample_kg() -> KnowledgeGraph:
    return build_sample_kg()


@pytest.fixture(scope="session")
def hostile_kg() -> KnowledgeGraph:
    return build_hostile_kg()


@pytest.fixture(scope="session", params=["sample", "hostile", "empty"])
def any_kg(request: pytest.FixtureRequest) -> KnowledgeGraph:
    return {"sample": build_sample_kg, "hostile": build_hostile_kg, "empty": KnowledgeGraph}[request.param]()


@pytest.fixture(scope="session")
def samples() -> SimpleNamespace:
    """The builders: ``build_sample_kg``, ``build_hostile_kg``, ``shuffled`` and ``HOSTILE_NAMES``."""
    return SimpleNamespace(build_sample_kg=build_sample_kg, build_hostile_kg=build_hostile_kg, shuffled=shuffled,
                           HOSTILE_NAMES=HOSTILE_NAMES)
