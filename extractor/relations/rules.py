"""Relation rules: small generators over one :class:`Sentence` that yield :class:`Fact` objects.

Two families:

* **case frames** (:func:`frames`): a predicate lemma with its arguments read
  from GiNZA's dependency parse by particle (が/は subject, を object, に/へ/から
  /と/によって), the head noun of a relative clause as the gapped argument,
  passive voice (れる/られる) swapping agent and patient, and the topic of the
  enclosing clause for a dropped subject;
* **noun-phrase patterns**: X の Y (Org の Product → develops; Place の … X →
  locatedIn), Product「Product」 (partOf), 競合企業 X (competitorOf), the
  investment phrase (Y の株式 49% に対する 143 億ドルの投資), and a title next to a
  name (worksFor with the role).

Each rule is pure: it reads the sentence and the document context and yields
facts; :mod:`extractor.relations.extract` turns them into relations.

Example:
    >>> LEMMA_PREDICATES["率いる"]
    'leads'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Token

from extractor.entities.labels import category
from extractor.entities.lexicon import class_of_noun, title_like
from extractor.relations.context import Fact, Mention, Sentence
from extractor.relations.vocabulary import fits
from extractor.values import parse_amount, parse_date, parse_percent, parse_quantity

__all__ = ["DocContext", "LEMMA_PREDICATES", "RULES", "frames"]

# --- particles (case markers) ------------------------------------------------
SUBJ = ("が", "は", "も")
OBJ = ("を",)
DAT = ("に", "へ", "に対して", "に対する", "への")
FROM = ("から",)
WITH = ("と",)
AGENT = ("によって", "により", "による")
PASSIVE_AUX = frozenset({"れる", "られる"})

#: predicate lemma -> relation (object slot is を unless ARG_SLOT says otherwise)
LEMMA_PREDICATES: dict[str, str] = {
    **dict.fromkeys(("率いる", "統括", "指揮", "主導"), "leads"),
    **dict.fromkeys(("開発", "発売", "リリース", "投入", "立ち上げる", "公開", "出荷", "開発中"), "develops"),
    **dict.fromkeys(("運営", "運用", "経営"), "operates"),
    **dict.fromkeys(("買収", "子会社化", "傘下に収める"), "acquires"),
    **dict.fromkeys(("提携", "業務提携", "資本提携", "協業", "連携"), "partnerOf"),
    **dict.fromkeys(("設立", "創業", "創設", "設ける"), "founded"),
    **dict.fromkeys(("投資", "出資"), "investsIn"),
    **dict.fromkeys(("資金提供", "融資", "支援"), "funds"),
    **dict.fromkeys(("解雇", "リストラ", "削減"), "laysOff"),
    **dict.fromkeys(("退職", "辞任", "退任", "退社", "離れる", "去る", "離脱"), "leftOrganization"),
    **dict.fromkeys(("入社", "就任", "移籍"), "worksFor"),
    **dict.fromkeys(("加入", "加盟", "参加"), "memberOf"),
    **dict.fromkeys(("保有", "所有", "取得"), "owns"),
    **dict.fromkeys(("コピー", "ベース", "基づく", "模倣", "派生"), "basedOn"),
    **dict.fromkeys(("ある", "位置", "置く", "構える"), "locatedIn"),
    **dict.fromkeys(("競合", "競争", "対抗"), "competitorOf"),
}
#: the particle that marks the object of each relation (default: を)
ARG_SLOT: dict[str, tuple[str, ...]] = {
    "investsIn": DAT, "funds": DAT, "partnerOf": WITH, "competitorOf": WITH, "worksFor": DAT,
    "memberOf": DAT, "laysOff": FROM, "locatedIn": ("に",), "leftOrganization": OBJ + FROM,
}
#: relations whose subject may be dropped and is then the document's focal organisation
ORG_ACTIONS = frozenset({"laysOff", "investsIn", "acquires", "funds"})
FUNDING_NOUN = "資金"
UNIT_TAILS = ("チーム", "部門", "ラボ", "事業部", "研究所", "部隊", "Lab", "Labs", "Team", "Research")
COMPETITOR_WORDS = ("競合", "ライバル")


@dataclass
class DocContext:
    """Document-level knowledge the rules may use."""

    types: dict[str, str]  # entity id -> type
    focal_org: str | None
    kb_ids: dict[str, str | None] = field(default_factory=dict)
    ref_date: object = None


# --- helpers -----------------------------------------------------------------
def _case(tok: Token) -> str:
    """The case particle(s) of an argument head: を, に, に対する, によって, ..."""
    parts = []
    for c in tok.children:
        if c.dep_ == "case" and c.i > tok.i:
            parts.append(c.text + "".join(f.text for f in c.children if f.dep_ == "fixed"))
    return "".join(parts)


def _is_passive(pred: Token) -> bool:
    return any(c.dep_ == "aux" and c.lemma_ in PASSIVE_AUX for c in pred.children)


def _pred_lemma(pred: Token) -> str:
    return pred.lemma_


def _arguments(sent: Sentence, pred: Token) -> dict[str, list[Mention]]:
    """Entity arguments of a predicate by particle; '_head' is the relative-clause head."""
    args: dict[str, list[Mention]] = {}
    for child in pred.children:
        if child.dep_ not in ("nsubj", "obj", "obl", "iobj", "nmod", "dislocated", "csubj"):
            continue
        case = _case(child)
        ms = sent.of_phrase(child)
        if ms and case:
            for key in _slots(case):
                args.setdefault(key, []).extend(ms)
    if pred.dep_ == "acl":
        head_ms = sent.of_phrase(pred.head) or _through_apposition(sent, pred.head)
        if head_ms:
            args["_head"] = head_ms
    return args


def _slots(case: str) -> tuple[str, ...]:
    for group in (SUBJ, OBJ, AGENT, FROM, WITH):
        if case in group:
            return (group[0],)
    if case in DAT or case.startswith("に"):
        return ("に",)
    return (case,)


def _through_apposition(sent: Sentence, head: Token) -> list[Mention]:
    """データセンターである「プロメテウス」プロジェクト: climb の / である to the named noun."""
    tok = head
    for _ in range(4):
        if tok.dep_ == "nmod" and any(c.text == "の" for c in tok.children):
            tok = tok.head
        elif tok.dep_ == "acl" and any(c.dep_ == "cop" for c in tok.children):
            tok = tok.head
        else:
            break
        found = sent.of_phrase(tok, transparent=False)
        if found:
            return found
    return []


def _topic(sent: Sentence, pred: Token) -> list[Mention]:
    """The subject a dropped argument inherits: は/が of an enclosing clause (not through relatives)."""
    tok = pred
    for _ in range(8):
        if tok.head is tok:
            break
        tok = tok.head
        for child in tok.children:
            if _case(child) in SUBJ:
                ms = sent.of_phrase(child)
                if ms:
                    return ms
    # the sentence's topic (X は, …): it scopes over the clauses that follow it
    for tok in sent.span:
        if tok.i >= pred.i:
            break
        if tok.dep_ == "nsubj" and _case(tok) == "は":
            ms = sent.of_phrase(tok)
            if ms:
                return ms
    return []


# --- case frames -------------------------------------------------------------
def frames(sent: Sentence, ctx: DocContext) -> Iterator[Fact]:
    """Facts from predicate–argument structure."""
    for pred in sent.span:
        if pred.pos_ not in ("VERB", "NOUN", "ADJ") or pred.dep_ in ("compound",):
            continue
        lemma = _pred_lemma(pred)
        relation = LEMMA_PREDICATES.get(lemma)
        if relation is None and lemma == "提供" and any(c.lemma_ == FUNDING_NOUN for c in pred.children):
            relation = "funds"  # 資金を提供
        if relation is None:
            continue
        if pred.pos_ == "NOUN" and not any(c.dep_ == "aux" for c in pred.children) and relation not in (
            "investsIn", "laysOff", "leftOrganization"
        ):
            continue
        yield from _frame(sent, ctx, pred, relation)


def _frame(sent: Sentence, ctx: DocContext, pred: Token, relation: str) -> Iterator[Fact]:
    args = _arguments(sent, pred)
    passive = _is_passive(pred)
    subj = args.get("が", []) + args.get("は", [])
    obj_slots = ARG_SLOT.get(relation, OBJ)
    obj: list[Mention] = []
    for slot in obj_slots:
        obj += args.get(_slots(slot)[0], [])
    head = args.get("_head", [])
    if passive:
        # 「X によって開発された Y」 / 「Y は X に開発された」: agent and patient swap
        agent = args.get("によって", []) + [m for m in args.get("に", []) if m.type != "Place"]
        subj, obj = agent, (subj or head)
        head = []
    elif head:
        if subj and not obj:
            obj = head
        elif obj and not subj:
            subj = head
        elif relation == "locatedIn":
            subj = head
    inferred = False
    if not subj:
        subj = _topic(sent, pred)
    if relation == "locatedIn" and not subj and head:
        subj = head
    if not subj and relation in ORG_ACTIONS | {"leftOrganization"} and ctx.focal_org:
        subj = [Mention(-1, -1, ctx.focal_org, "Organization", "inferred")]
        inferred = True
    if relation == "leftOrganization" and not obj:
        # ルカン氏の退職: the person is the の-modifier of the noun, the organisation the focal one
        owners = [m for c in pred.children if c.dep_ == "nmod" and _case(c) == "の" for m in sent.of_phrase(c)]
        persons = [m for m in owners + subj if m.type == "Person"]
        if persons and ctx.focal_org:
            subj = persons
            obj = [Mention(-1, -1, ctx.focal_org, "Organization", "inferred")]
            inferred = True
    if relation == "partnerOf" and not obj and len(subj) >= 2:
        subj, obj = subj[:1], subj[1:]
    quals = _qualifiers(sent, pred, relation)
    for s in subj:
        for o in obj:
            if s.entity == o.entity:
                continue
            if not fits(relation, s.type, o.type):
                continue
            yield Fact(s.entity, relation, o.entity, rule=f"frame:{pred.lemma_}", qualifiers=dict(quals),
                       confidence=0.65 if inferred else 0.8, inferred=inferred or s.kind == "description", anchor=pred)


def _qualifiers(sent: Sentence, pred: Token, relation: str) -> dict:
    """Money, percent, count and date values in the predicate's phrase or clause."""
    quals: dict = {}
    for ent in sent.span.ents:
        cat = category(ent.label_)
        near = ent.root.head.i == pred.i or ent.root.i in {t.i for t in pred.subtree}
        if not near:
            continue
        if cat == "Money" and relation in ("investsIn", "acquires", "funds") and "amount" not in quals:
            quals["amount"] = parse_amount(ent.text)
        elif cat == "Percent" and relation in ("investsIn", "owns", "acquires") and "stake" not in quals:
            quals["stake"] = parse_percent(ent.text)
        elif cat == "Date" and "date" not in quals:
            quals["date"] = parse_date(ent.text)
        elif cat == "Quantity" and relation == "laysOff" and "count" not in quals:
            quals["count"] = parse_quantity(ent.text)
    return {k: v for k, v in quals.items() if v is not None}


# --- noun-phrase patterns ----------------------------------------------------
_GEN_GAP = re.compile(r"^\s*社?\s*の\s*[「『]?\s*$")


def _pairs(sent: Sentence) -> Iterator[tuple[Mention, Mention, str]]:
    """Consecutive name mentions with the text between them."""
    ms = sorted((m for m in sent.mentions if m.kind != "description"), key=lambda m: m.start)
    text = sent.span.doc.text
    for a, b in zip(ms, ms[1:]):
        if b.start >= a.end:
            yield a, b, text[a.end : b.start]


def org_no_product(sent: Sentence, ctx: DocContext) -> Iterator[Fact]:
    """Org の Product (DeepSeek の R1 モデル) → develops."""
    for a, b, gap in _pairs(sent):
        if _GEN_GAP.match(gap) and a.type == "Organization" and b.type == "Product":
            yield Fact(a.entity, "develops", b.entity, rule="org_no_product", confidence=0.75)


def product_quote(sent: Sentence, ctx: DocContext) -> Iterator[Fact]:
    """Product「Product」(Llama 4「Behemoth」) → the quoted one is part of the first."""
    for a, b, gap in _pairs(sent):
        if gap.strip() == "「" and a.type == b.type == "Product":
            yield Fact(b.entity, "partOf", a.entity, rule="product_quote", confidence=0.75)


def place_no(sent: Sentence, ctx: DocContext) -> Iterator[Fact]:
    """Place の (class noun) X (中国の競合企業 DeepSeek) → X locatedIn Place; 競合 → competitorOf."""
    for a, b, gap in _pairs(sent):
        g = gap.strip()
        if a.type != "Place" or b.type not in ("Organization", "Facility") or not g.startswith("の"):
            continue
        rest = g[1:].strip()
        if rest and (class_of_noun(rest) is None or len(rest) > 8):
            continue
        yield Fact(b.entity, "locatedIn", a.entity, rule="place_no", confidence=0.8)
        if any(w in rest for w in COMPETITOR_WORDS) and ctx.focal_org and ctx.focal_org != b.entity:
            yield Fact(b.entity, "competitorOf", ctx.focal_org, rule="competitor_apposition", confidence=0.6, inferred=True)


def competitor(sent: Sentence, ctx: DocContext) -> Iterator[Fact]:
    """X の競合(企業) Y / X のライバル Y → competitorOf."""
    for a, b, gap in _pairs(sent):
        g = gap.strip()
        if a.type == "Organization" and b.type == "Organization" and g.startswith("の") and any(
            w in g for w in COMPETITOR_WORDS
        ) and len(g) <= 8:
            yield Fact(b.entity, "competitorOf", a.entity, rule="competitor_apposition", confidence=0.75)


def investment(sent: Sentence, ctx: DocContext) -> Iterator[Fact]:
    """X の Y への N の投資 / Y の株式 P% に対する N の投資 (the noun 投資 / 出資)."""
    for tok in sent.span:
        if tok.lemma_ not in ("投資", "出資") or tok.pos_ != "NOUN" or any(c.dep_ == "aux" for c in tok.children):
            continue
        targets: list[Mention] = []
        stake = amount = None
        for child in tok.children:
            case = _case(child)
            sub = list(child.subtree)
            if case in ("への", "に対する", "へ", "に") or case.startswith("に対"):
                targets += [m for t in sub for m in sent.at(t) if m.type in ("Organization", "Product", "Facility")]
                for ent in sent.span.ents:
                    if ent.root.i in {t.i for t in sub} and category(ent.label_) == "Percent":
                        stake = parse_percent(ent.text)
            elif case == "の":
                for ent in sent.span.ents:
                    if ent.root.i in {t.i for t in sub} and category(ent.label_) == "Money":
                        amount = parse_amount(ent.text)
        if not targets:
            continue
        target = targets[0]
        owners = [m for c in tok.children if _case(c) == "の" for m in sent.of_phrase(c) if m.type in ("Organization", "Person")]
        inferred = False
        if not owners:
            owners = [m for m in sent.mentions if m.type == "Organization" and m.entity != target.entity and m.start < target.start]
            owners = owners[:1]
        if not owners and ctx.focal_org:
            owners, inferred = [Mention(-1, -1, ctx.focal_org, "Organization", "inferred")], True
        quals = {k: v for k, v in (("amount", amount), ("stake", stake)) if v is not None}
        for o in owners:
            if o.entity != target.entity:
                yield Fact(o.entity, "investsIn", target.entity, rule="investment_np", qualifiers=quals,
                           confidence=0.6 if inferred else 0.75, inferred=inferred, anchor=tok)


_CODENAME = re.compile(r"^[」』]?\s*(?:という|と呼ばれる|との)\s*(?:コード名|コードネーム|開発コード|開発名)")


def codename(sent: Sentence, ctx: DocContext) -> Iterator[Fact]:
    """「X」というコード名で開発された… : X is a product of the sentence's subject."""
    doc = sent.span.doc
    for m in sent.mentions:
        if m.type != "Product" or not _CODENAME.match(doc.text[m.end : m.end + 16]):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        for s in _topic(sent, span.root):
            if s.type in ("Organization", "Person") and s.entity != m.entity:
                yield Fact(s.entity, "develops", m.entity, rule="codename", confidence=0.75, anchor=span.root.head)


def unit_of_focal(sent: Sentence, ctx: DocContext) -> Iterator[Fact]:
    """An organisational unit (FAIR チーム, TBD ラボ) with no stated parent is part of the focal organisation."""
    text = sent.span.doc.text
    for m in sent.mentions:
        if m.type != "Organization" or m.kind != "name" or m.entity == ctx.focal_org or not ctx.focal_org:
            continue
        if ctx.kb_ids.get(m.entity):
            continue
        surface = text[m.start : m.end]
        tail = text[m.end : m.end + 6].lstrip()
        if surface.rstrip().endswith(UNIT_TAILS) or tail.startswith(UNIT_TAILS[:6]):
            yield Fact(m.entity, "partOf", ctx.focal_org, rule="unit_of_focal", confidence=0.55, inferred=True)


def title_person(sent: Sentence, ctx: DocContext) -> Iterator[Fact]:
    """A title next to a name (最高製品責任者の Chris Cox 氏; Meta の X CEO) → worksFor with the role."""
    text = sent.span.doc.text
    orgs = [m for m in sent.mentions if m.type == "Organization"]
    for m in sent.mentions:
        if m.type != "Person" or not m.role or m.kind == "description":
            continue
        role = re.sub(r"^\s*(元|前|現)\s*", "", m.role).strip()
        status = "former" if m.former or re.match(r"^\s*(元|前)", m.role) else None
        quals = {"role": role, **({"status": status} if status else {})}
        # an organisation right before the title or the name: Meta の CEO X / ソニーの X 社長
        employer = None
        for o in orgs:
            if o.end <= m.start and re.fullmatch(r"\s*の?\s*[^、。]{0,25}", text[o.end : m.start]) and title_like(
                text[o.end : m.start].strip(" の") or role
            ):
                employer = o
        if employer is not None:
            yield Fact(m.entity, "worksFor", employer.entity, rule="title_org_person", qualifiers=quals, confidence=0.85)
        elif ctx.focal_org and m.entity != ctx.focal_org:
            yield Fact(m.entity, "worksFor", ctx.focal_org, rule="title_focal_org", qualifiers=quals,
                       confidence=0.55, inferred=True)


def description(sent: Sentence, ctx: DocContext) -> Iterator[Fact]:
    """A definite description (Scale AI の元 CEO) → worksFor(the person it describes, Org)."""
    for m in sent.mentions:
        if m.kind != "description" or not m.role:
            continue
        org = next((o for o in sent.mentions if o.type == "Organization" and o.end <= m.start and sent.span.doc.text[o.end : m.start].strip().startswith("の")), None)
        if org is None:
            continue
        role = re.sub(r"^\s*(元|前|現)\s*", "", m.role).strip()
        quals = {"role": role, **({"status": "former"} if m.former else {})}
        yield Fact(m.entity, "worksFor", org.entity, rule="description", qualifiers=quals, confidence=0.6, inferred=True)


#: every sentence-level rule, in order
RULES: tuple[Callable[[Sentence, DocContext], Iterator[Fact]], ...] = (
    title_person, description, frames, codename, org_no_product, product_quote, place_no, competitor,
    investment, unit_of_focal,
)
