"""Mention proposals: where names are, with repaired spans and typing evidence.

GiNZA's NER is treated as a span proposal.  Other proposals come from runs of
Latin-script words, names before a company suffix, runs of proper nouns from
Sudachi's tags, quoted names (「X」, 『X』), anaphors (同社, 同氏) and the
knowledge base.

Spans are repaired: cut where the clause begins (…について語った), a title or
honorific split off (安倍 + 首相, 九州電力東京支社 + 長), generic words dropped;
a name GiNZA split is joined (鈴木 + 花子, ジョン + ・ + スミス, 米国 + カリフォルニア州)
and extended over the words that complete it (東京 + 駅, 広島 + 高校, 学校法人 + X,
2010年 + FIFAワールドカップ, X + の乱).

Each candidate collects *votes* for node types: GiNZA's label (strong when
the dictionary agrees: a Person label on words Sudachi lists as person names,
weak when it does not), Sudachi's dictionary class itself (人名, 地名, other
proper nouns), honorifics and titles next to it, the name's own suffix
(東京電力, 成田空港), class nouns in apposition (競合企業 X, 映画「X」,
「X」という曲), 「X」というコード名, brackets that set off a title, and what
the governing predicate takes (X を開発, X に入社, X が買収した).

Everything here works on one parsed unit (a spaCy ``Doc``) and returns plain
dataclasses with character offsets into that unit.

Example:
    >>> import spacy
    >>> nlp = spacy.load("ja_ginza")  # doctest: +SKIP
    >>> [c.text for c in propose(nlp("製品責任者の Nat Friedman 氏が来日した。"))]  # doctest: +SKIP
    ['Nat Friedman']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from extractor.entities.labels import RELIABLE, category
from extractor.entities.lexicon import (
    ANAPHORS,
    CLASS_NOUNS,
    COMPANY_PREFIXES,
    COMPANY_SUFFIXES,
    HONORIFICS,
    NAME_SUFFIX_TYPES,
    NAME_TAILS,
    TITLE_WORDS,
    class_of_noun,
    is_generic,
    suffix_type,
    title_like,
)

__all__ = ["Candidate", "ValueSpan", "propose", "value_spans"]

# --- evidence weights -------------------------------------------------------
W_RELIABLE = 2.0  # GiNZA label known to be reliable (Person, Country, Company, ...)
W_WEAK = 0.5  # any other GiNZA label
W_HONORIFIC = 3.0  # name + 氏 / さん
W_TITLE = 2.5  # title next to the name
W_SUFFIX = 3.0  # company suffix
W_CLASS = 2.0  # class noun in apposition
W_CODENAME = 3.0  # 「X」というコード名
W_WORK = 1.0  # 『X』: the title of a work
W_QUOTED = 0.5  # 「X」: a quoted name is most often a title (a product, a work)
W_PREDICATE = 1.0  # selectional preference of the governing predicate
W_KB = 10.0  # knowledge-base entry
W_DICT = 1.0  # Sudachi's dictionary class of the words (人名, 地名)
W_PROPER = 0.75  # a proper noun that is neither a person's nor a place's name: most often an organisation

# --- particles and predicate lemmas (Sudachi lemmas) -------------------------
P_GEN = "の"
P_OBJ = "を"
P_TOPIC = "は"
P_SUBJ = "が"
PRODUCT_VERBS = frozenset({
    "開発", "発売", "リリース", "公開", "発表", "搭載", "提供", "投入", "販売", "導入", "立ち上げる", "出荷",
    "採用", "利用", "使用", "ダウンロード", "配信", "アップデート",
})
ORG_OBJECT_VERBS = frozenset({
    "買収", "子会社化", "設立", "創業", "創設", "退社", "退職", "入社", "提携", "退団", "脱退", "解散", "結成",
    "率いる", "傘下",
})
#: X に + verb: joining or belonging to an organisation
ORG_GOAL_VERBS = frozenset({"入社", "入団", "所属", "加入", "移籍", "就職", "入行", "入省", "入庁", "加盟", "出資"})
#: X が / は + verb (active): what companies do and products or people rarely do
ORG_SUBJECT_VERBS = frozenset({
    "発売", "販売", "買収", "出資", "上場", "製造", "出荷", "子会社化", "提携", "増資", "減資", "経営統合", "合併",
})
ORG_OF_NOUNS = frozenset({
    "株式", "株", "社員", "従業員", "子会社", "親会社", "本社", "傘下", "株主", "幹部", "経営陣", "社内", "社長", "取締役会",
})
#: suffixes that make a word about a name, not a longer name (中国製, トヨタ側, 日本人, 米国内)
NON_NAME_SUFFIXES = frozenset({
    "製", "側", "系", "産", "流", "式", "風", "派", "陣", "勢", "内", "中", "外", "間", "向け", "用", "的", "化", "性",
    "人", "語", "版", "等", "ら", "たち", "達", "氏", "さん", "君", "様", "殿", "ちゃん", "くん", "さま", "籍", "発", "行き",
})
#: katakana words that continue a Latin name (TBD ラボ, FAIR チーム, Llama シリーズ)
RUN_TAILS = frozenset({"ラボ", "チーム", "シリーズ", "ブランド", "グループ"})
_NAMED_AS = re.compile(r"^(?:という|と題(?:する|した|された)|なる)\s*([゠-ヿ一-龯A-Za-z]+)")
CODENAME_WORDS = ("コード名", "コードネーム", "開発コード", "コード・ネーム")

_LATIN_TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9&.'’\-+]*$")
_HAS_LETTER = re.compile(r"[A-Za-z]")
_QUOTE = re.compile(r"[「『]([^「」『』\n]{1,40})[」』]")
_NAMEISH = re.compile(r"^[A-Za-z0-9゠-ヿ・ー\s&.\-一-龯]+$")
_HIRAGANA = re.compile(r"[ぁ-ゖ]")
_SPACES = re.compile(r"\s+")


@dataclass
class Candidate:
    """A proposed mention in one unit (character offsets into ``doc.text``)."""

    start: int
    end: int
    text: str
    source: str  # ner | latin | quote | anaphor | kb
    kind: str = "name"  # name | anaphor
    label: str = ""  # GiNZA's label, if any
    votes: dict[str, float] = field(default_factory=dict)
    role: str | None = None  # title text next to a person's name
    former: bool = False  # 元 / 前 before the title
    anaphor_type: str | None = None
    plural: bool = False

    def vote(self, typ: str | None, weight: float) -> None:
        if typ:
            self.votes[typ] = self.votes.get(typ, 0.0) + weight


@dataclass(frozen=True)
class ValueSpan:
    """A Money / Percent / Date / Quantity span in one unit."""

    start: int
    end: int
    text: str
    kind: str  # Money | Percent | Date | Quantity


def _is_latin(tok: Token) -> bool:
    return bool(_LATIN_TOKEN.match(tok.text))


def _char_span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def value_spans(doc: Doc) -> list[ValueSpan]:
    """Money, Percent, Date and Quantity spans that GiNZA found."""
    out = []
    for ent in doc.ents:
        cat = category(ent.label_)
        if cat in ("Money", "Percent", "Date", "Quantity"):
            out.append(ValueSpan(ent.start_char, ent.end_char, ent.text, cat))
    return out


def propose(doc: Doc, kb_surfaces: Iterable[str] = ()) -> list[Candidate]:
    """Candidates of one unit, repaired and with type votes, sorted by offset."""
    cands: list[Candidate] = []
    titles: list[tuple[int, int, str]] = []  # (start_char, end_char, text) of job titles
    for ent in doc.ents:
        cands.extend(_from_ner(doc, ent, titles))
    covered = [(c.start, c.end) for c in cands]
    for c in _latin_runs(doc):
        if not any(s <= c.start and c.end <= e for s, e in covered):
            cands.append(c)
    for c in _suffixed(doc):
        if not any(s <= c.start and c.end <= e for s, e in covered):
            cands.append(c)
    covered = [(c.start, c.end) for c in cands]
    for c in _proper_runs(doc):
        if not any(s < c.end and c.start < e for s, e in covered):
            cands.append(c)
    cands.extend(_quoted(doc))
    cands.extend(_anaphors(doc))
    cands.extend(_kb_matches(doc, kb_surfaces))
    cands = _dedupe(cands)
    for c in cands:
        if c.kind == "name":
            _dictionary_votes(doc, c)
    cands = _repair(doc, cands)
    for c in cands:
        if c.kind == "name":
            _context_votes(doc, c, titles)
    return [c for c in cands if c.kind == "anaphor" or not is_generic(c.text)]


# --- proposal sources --------------------------------------------------------
def _from_ner(doc: Doc, ent: Span, titles: list[tuple[int, int, str]]) -> list[Candidate]:
    cat = category(ent.label_)
    text = ent.text
    if cat in ("Money", "Percent", "Date", "Title"):
        return []
    key = _SPACES.sub("", text)
    if key in ANAPHORS:
        return [_anaphor(ent.start_char, ent.end_char, text, key)]
    if cat == "Position" or (cat == "Person" and title_like(text) and not _has_name_token(ent)):
        return _split_position(doc, ent, titles)
    if cat == "Quantity":
        # 第17駆逐隊, 第27回総選挙: a counted name typed by its suffix; else (FAIR チーム) the
        # Latin run proposal takes the name
        typ = suffix_type(text)
        if typ is None or any(_is_latin(t) for t in ent):
            return []
        return [Candidate(ent.start_char, ent.end_char, text, "ner", label=ent.label_)]
    trimmed = _trim(doc, ent) if cat != "Product" else ent
    if trimmed is None:
        return []
    if trimmed.end < ent.end:
        role = doc[trimmed.end : ent.end]
        if _title_token(role[-1]) and len(role) == 1:
            titles.append((role.start_char, role.end_char, role.text))
        ent, text = trimmed, trimmed.text
    if cat == "Other" and not _proper_looking(ent):
        return []
    cand = Candidate(ent.start_char, ent.end_char, text, "ner", label=ent.label_)
    unit = _unit_of_head(doc, ent.end) if cat != "Person" and "人名" not in ent[-1].tag_ else ""
    if unit:
        # 九州電力東京支社 + 長, 横浜市 + 長: the head of a unit; the unit belongs to the name
        cand.end += len(unit)
        cand.text = doc.text[cand.start : cand.end]
    common = all("普通名詞" in t.tag_ and not _is_latin(t) for t in ent) and len(ent) > 1
    # one word the dictionary lists as a common noun (市場, 主人公) is a name only as an organisation's
    # short form (国連, 日銀)
    word = len(ent) == 1 and _dictionary_class(ent) == "common" and cat != "Organization"
    if cat != "Other" and not (common and ent.label_ not in RELIABLE) and not word:
        # a compound of common nouns (ドリームチーム) is no evidence of a name; a label the
        # dictionary contradicts (Person on a word Sudachi knows as a place) is weak evidence
        agrees = _dictionary_agrees(cat, ent)
        if agrees or len(ent) > 1 or cat != "Place" or _is_latin(ent[0]):
            # a katakana word the dictionary does not know as a place is no place (GiNZA's guess)
            cand.vote(cat, W_RELIABLE if ent.label_ in RELIABLE and agrees else W_WEAK)
    _strip_honorific(doc, cand)
    _strip_leading_class(doc, ent, cand)
    return [cand] if cand.end > cand.start else []


_CUT_TAGS = ("動詞", "助動詞", "助詞", "接続詞", "形容詞", "補助記号-句点", "補助記号-読点")


def _cuts(tok: Token) -> bool:
    """A word no name runs across (Sudachi's tag: a verb, a particle other than の, a comma)."""
    return tok.tag_.startswith(_CUT_TAGS) and tok.text != P_GEN


def _trim(doc: Doc, ent: Span) -> Span | None:
    """Cut a span where the name ends: before a verb, a particle other than の, a comma, or a title.

    GiNZA sometimes runs a span into the clause (第45回東京モーターショーについて語った) or
    over the title after a name (九州電力東京支社長).
    """
    end = ent.start
    while end < ent.end and not _cuts(doc[end]):
        end += 1

    def strip_tail(end: int) -> int:
        # a trailing の or ・, or a symbol other than a closing bracket
        while end > ent.start and (
            doc[end - 1].text in (P_GEN, *_NAME_DOTS)
            or (doc[end - 1].tag_.startswith("補助記号") and doc[end - 1].text not in ("」", "』", ")", "）"))
        ):
            end -= 1
        return end

    end = strip_tail(end)
    while end - ent.start >= 2 and doc[end - 1].text in NON_NAME_SUFFIXES and doc[end - 1].tag_.startswith("接尾辞"):
        end = strip_tail(end - 1)  # 中国 + 製, トヨタ + 側, 日本 + 人
    if category(ent.label_) == "Person":
        # a personal name ends with its last 人名 word: 山田太郎 + 夫妻, 鈴木 + 一家
        last = max((i for i in range(ent.start, end) if "人名" in doc[i].tag_), default=None)
        while last is not None and end - 1 > last and doc[end - 1].tag_.startswith("名詞-普通名詞") \
                and not _KATAKANA_NAME.match(doc[end - 1].text) and not _is_latin(doc[end - 1]) \
                and suffix_type(doc[ent.start : end].text) is None:
            end -= 1
    if end - ent.start >= 2 and _title_token(doc[end - 1]) and "固有名詞" not in doc[end - 1].tag_:
        end = strip_tail(end - 1)  # 九州電力東京支社 + 長; 安倍 + 首相
    if end <= ent.start or title_like(doc[ent.start : end].text):
        return None
    return ent if end == ent.end else Span(doc, ent.start, end, label=ent.label_)


def _dictionary_class(span: Span) -> str | None:
    """What Sudachi's dictionary says the words are: person names, place names, other proper nouns."""
    words = [t for t in span if t.text not in _NAME_DOTS]
    if not words:
        return None
    if all("人名" in t.tag_ for t in words):
        return "person"
    if all("地名" in t.tag_ for t in words):
        return "place"
    if any("人名" in t.tag_ for t in words):
        return "some-person"
    if any("地名" in t.tag_ for t in words):
        return "some-place"
    if any("固有名詞" in t.tag_ for t in words):
        return "proper"
    if len(words) == 1 and "普通名詞" in words[0].tag_ and not _is_latin(words[0]) and in_dictionary(words[0].text):
        return "common"  # ギター, プール: a loanword the dictionary knows as a common noun
    if all(_KATAKANA_NAME.match(t.text) or _is_latin(t) for t in words):
        return "foreign"
    return "common"


@functools.lru_cache(maxsize=1)
def _sudachi():  # type: ignore[no-untyped-def]
    from sudachipy import dictionary

    return dictionary.Dictionary(dict="core").create()


_UNKNOWN_WORD_ID = 0xFFFFFFF


@functools.lru_cache(maxsize=65536)
def in_dictionary(word: str) -> bool:
    """True when Sudachi's dictionary has ``word`` as one entry (not an unknown-word guess).

    Example:
        >>> in_dictionary("ギター"), in_dictionary("ノルディア")
        (True, False)
    """
    from sudachipy import tokenizer

    morphemes = _sudachi().tokenize(word, tokenizer.Tokenizer.SplitMode.C)
    return len(morphemes) == 1 and morphemes[0].word_id() != _UNKNOWN_WORD_ID


def _dictionary_agrees(cat: str, span: Span) -> bool:
    """Does the dictionary class of the words fit GiNZA's label?  (Foreign words: no evidence either way.)"""
    dc = _dictionary_class(span)
    if cat == "Person":
        # many Japanese surnames are place names too (松本, 長野)
        return dc in ("person", "some-person", "foreign", "place")
    if cat == "Place":
        return dc in ("place", "some-place")
    return dc not in ("person", "place")


def _proper_looking(ent: Span) -> bool:
    """A span GiNZA typed Other may still be a name: Latin, katakana or a proper noun."""
    return any("固有名詞" in t.tag_ for t in ent) or all(
        _is_latin(t) or re.fullmatch(r"[゠-ヿ]+", t.text) for t in ent
    ) and not any("普通名詞" in t.tag_ and not _is_latin(t) for t in ent)


def _split_position(doc: Doc, ent: Span, titles: list[tuple[int, int, str]]) -> list[Candidate]:
    """A Position span may hold a name: 最高 AI オフィサー Alexandr Wang; Wang 氏; マーク ザッカーバーグ."""
    toks = list(ent)
    # trailing honorific inside the span (Wang 氏)
    while toks and toks[-1].text in HONORIFICS:
        toks.pop()
    # a Latin name at the end, after a title part
    k = len(toks)
    while k > 0 and _is_latin(toks[k - 1]) and toks[k - 1].text[:1].isupper() and not _title_token(toks[k - 1]):
        k -= 1
    if not title_like(ent.text) and not any(_is_latin(t) for t in toks) and suffix_type(ent.text):
        # 参謀本部, 選手会: a name GiNZA took for a title; its suffix types it
        return [Candidate(ent.start_char, ent.end_char, ent.text, "ner", label=ent.label_)]
    if k < len(toks) and (k == 0 or title_like(doc[toks[0].i : toks[k - 1].i + 1].text)):
        name = doc[toks[k].i : toks[-1].i + 1]
        cand = Candidate(name.start_char, name.end_char, name.text, "ner", label=ent.label_)
        cand.vote("Person", W_TITLE if k else W_WEAK)
        if k:
            title = doc[toks[0].i : toks[k - 1].i + 1]
            titles.append((title.start_char, title.end_char, title.text))
            cand.role = title.text
        return [cand]
    # a name before the title: トヨタ自動車社長, 米国大統領, 安倍首相 (one Position span)
    t = next((j for j in range(1, len(toks)) if _title_token(toks[j]) and "固有名詞" not in toks[j].tag_), None)
    if t is not None and not any(_cuts(x) for x in toks[:t]):
        name = doc[toks[0].i : toks[t].i]
        while len(name) > 1 and name[-1].text in (P_GEN, *_NAME_DOTS):
            name = name[:-1]
        if any("固有名詞" in x.tag_ for x in name) and not title_like(name.text) and not is_generic(name.text):
            title = doc[toks[t].i : toks[-1].i + 1]
            titles.append((title.start_char, title.end_char, title.text))
            glued = name.end == toks[t].i and "人名" not in name[-1].tag_  # 橋下徹 + 市長 is a mayor
            end = name.end_char + len(_unit_of_head(doc, name.end) if glued else "")
            return [Candidate(name.start_char, end, doc.text[name.start_char : end], "ner")]
    if toks and not title_like(doc[toks[0].i : toks[-1].i + 1].text):
        # マーク ザッカーバーグ tagged as a title: a name when a title or honorific follows
        span = doc[toks[0].i : toks[-1].i + 1]
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is not None and (nxt.text in HONORIFICS or _title_token(nxt)) and all(
            re.fullmatch(r"[゠-ヿ]+|[A-Z][a-z]+", t.text) for t in span
        ):
            cand = Candidate(span.start_char, span.end_char, span.text, "ner", label=ent.label_)
            return [cand]
    start = ent.start
    # チーフ + [AI サイエンティスト]: compound nouns GiNZA left outside the title
    while start > 0 and doc[start - 1].dep_ == "compound" and ent.start <= doc[start - 1].head.i < ent.end \
            and doc[start - 1].pos_ in ("NOUN", "PROPN"):
        start -= 1
    title = doc[start : ent.end]
    titles.append((title.start_char, title.end_char, title.text))
    return []


def _unit_of_head(doc: Doc, i: int) -> str:
    """The unit in a head-of-unit title at token ``i``: 支社長 → 支社, 市長 → 市, 駅長 → 駅 (not 社長)."""
    if i >= len(doc) or doc[i - 1].whitespace_:
        return ""
    word = doc[i].text
    unit = word[:-1]
    if word.endswith("長") and unit in NAME_SUFFIX_TYPES and unit != "社":
        return unit
    return ""


def _has_name_token(span: Span) -> bool:
    return any("人名" in t.tag_ or (_is_latin(t) and t.text[:1].isupper() and not _title_token(t)) for t in span)


def _title_token(tok: Token) -> bool:
    return tok.text in TITLE_WORDS or title_like(tok.text)


#: symbols inside a model number or product code (DMC-GF3, WN-DS/US)
_MODEL_JOINERS = frozenset({"-", "/", "+", "."})


def _latin_runs(doc: Doc) -> Iterable[Candidate]:
    """Maximal runs of Latin-script words: Scale AI, Nat Friedman, Llama 4, S&P."""
    i, n = 0, len(doc)
    while i < n:
        if not (_is_latin(doc[i]) and _HAS_LETTER.search(doc[i].text)):
            i += 1
            continue
        j = i + 1
        while j < n and doc[j - 1].whitespace_ in (" ", ""):
            glued = doc[j - 1].whitespace_ == ""
            if glued and doc[j].text in _MODEL_JOINERS and j + 1 < n and not doc[j].whitespace_ \
                    and _is_latin(doc[j + 1]):
                j += 2  # a model number: DMC-GF3, WN-DS/US
                continue
            if not _is_latin(doc[j]) or (glued and not (doc[j].text[:1].isdigit() or doc[j - 1].text[-1:].isdigit())):
                break
            j += 1  # Llama 4, GF + 3, 4 + S
        # drop trailing / leading generic or title words (… AI オフィサー, CEO)
        while j > i and (is_generic(doc[j - 1].text) or _title_token(doc[j - 1])) and j - i > 1:
            j -= 1
        if j < n and j > i and doc[j].text in RUN_TAILS and doc[j - 1].whitespace_:
            j += 1  # TBD ラボ, FAIR チーム, Llama シリーズ
        span = doc[i:j]
        if not is_generic(span.text) and not _title_token(doc[i]) and len(span.text) >= 2:
            yield Candidate(span.start_char, span.end_char, span.text, "latin")
        i = max(j, i + 1)


_KATAKANA_WORD = re.compile(r"^[゠-ヿ]{2,}$")
_ORG_SUFFIX_TOKENS = frozenset({"社", "株式会社", "ホールディングス", "グループ", "Inc.", "Corp."})


def _suffixed(doc: Doc) -> Iterable[Candidate]:
    """Names before a company suffix or honorific that NER missed: ノルディア社, 株式会社ノルディア."""
    for tok in doc:
        if tok.text in _ORG_SUFFIX_TOKENS and tok.i > 0:
            j = tok.i
            while j > 0 and (_KATAKANA_WORD.match(doc[j - 1].text) or "固有名詞" in doc[j - 1].tag_) \
                    and doc[j - 1].pos_ in ("NOUN", "PROPN"):
                j -= 1
            if j < tok.i:
                span = doc[j : tok.i]
                c = Candidate(span.start_char, span.end_char, span.text, "latin")
                c.vote("Organization", W_SUFFIX)
                yield c
        elif tok.text == "株式会社" and tok.i + 1 < len(doc) and _KATAKANA_WORD.match(doc[tok.i + 1].text):
            nxt = doc[tok.i + 1]
            c = Candidate(nxt.idx, nxt.idx + len(nxt.text), nxt.text, "latin")
            c.vote("Organization", W_SUFFIX)
            yield c


def _proper_runs(doc: Doc) -> Iterable[Candidate]:
    """Noun compounds around a proper noun that NER missed: ノースウェスト航空, 防衛省.

    Sudachi's dictionary types proper nouns (人名, 地名); a run's suffix types it
    further.  A run with no evidence for any type is dropped later.
    """
    i, n = 0, len(doc)
    while i < n:
        if not _proper_token(doc[i]):
            i += 1
            continue
        start = i
        while start > 0 and not doc[start - 1].whitespace_:
            prev = doc[start - 1]
            if prev.pos_ in ("NOUN", "PROPN") and prev.dep_ == "compound" and not _is_latin(prev) \
                    and "数詞" not in prev.tag_:
                start -= 1
            elif prev.text in _NAME_DOTS and start >= 2 and not doc[start - 2].whitespace_ \
                    and _KATAKANA_NAME.match(doc[start - 2].text) and _KATAKANA_NAME.match(doc[start].text):
                start -= 2  # ティジメン・ + ブランケフォールト
            else:
                break
        end = i + 1
        while end < n and (doc[end].pos_ in ("NOUN", "PROPN") or doc[end].text == "・") and not doc[end - 1].whitespace_ \
                and "数詞" not in doc[end].tag_ and not _is_latin(doc[end]):
            end += 1
        while end > start and (doc[end - 1].text in _NAME_DOTS or end - start > 1 and (
                _title_token(doc[end - 1]) or doc[end - 1].text in HONORIFICS)):
            end -= 1  # ワリード・ビン・タラール + 王子
        span = doc[start:end]
        if span.text and not is_generic(span.text) and not title_like(span.text):
            yield Candidate(span.start_char, span.end_char, span.text, "run")
        i = max(end, i + 1)


def _proper_token(tok: Token) -> bool:
    return "固有名詞" in tok.tag_ and not _is_latin(tok) and len(tok.text) >= 2


def _quoted(doc: Doc) -> Iterable[Candidate]:
    """「Avocado」, 『X』: short name-like quoted strings."""
    for m in _QUOTE.finditer(doc.text):
        inner = m.group(1).strip()
        if not inner or len(inner) > 25:
            continue
        wordy = _HIRAGANA.search(inner) or not _NAMEISH.match(inner)
        if wordy and (not _work_title(doc.text, m.start(), m.end()) or _SENTENCE_PUNCT.search(inner)):
            continue  # a title in words (『となりのトトロ』, 映画「風立ちぬ」) only as a named work
        start = m.start(1) + m.group(1).index(inner)
        c = Candidate(start, start + len(inner), inner, "quote")
        if _quoted_title(doc, c, m.end()):
            # brackets set off titles: of works, products and services more than of anything else;
            # double brackets only titles of works (a book, a film, an album)
            c.vote("Product", W_WORK if m.group(0).startswith("『") else W_QUOTED)
        yield c


_SENTENCE_PUNCT = re.compile(r"[。、！？!?]")


def _quoted_title(doc: Doc, c: Candidate, close: int) -> bool:
    """A quotation that reads as a title: not common nouns only (「ドリームチーム」として), not a modifier
    of the noun after it (「転移」文化, 「ライト」製品)."""
    span = _tokens_of(doc, c)
    if span is None:
        return False
    nxt = next((t for t in doc if t.idx >= close), None)
    if nxt is not None and nxt.text == "と" and nxt.i + 1 < len(doc) and doc[nxt.i + 1].lemma_ not in ("いう", "言う", "題") \
            and doc[nxt.i + 1].tag_.startswith(("動詞", "名詞-普通名詞-サ変")):
        return False  # 「バカ発見器」と呼ぶ, 「骨折」と診断された: a quoted word or phrase (not 「A」と「B」)
    if nxt is not None and nxt.idx == close and nxt.tag_.startswith(("名詞", "接尾辞")) and nxt.text not in NAME_TAILS:
        return False
    if not any(t.tag_.startswith("名詞") or _is_latin(t) for t in span):
        return False  # 『エロい』: a quoted word, not a name
    # common nouns only, katakana loanwords too (「カード」, 「ドリームチーム」): a term, not a title
    return not all("普通名詞" in t.tag_ and not _is_latin(t) for t in span)


def _work_title(text: str, start: int, end: int) -> bool:
    """A quotation that titles a work: in 『』, or after / before a class noun of works (映画「X」, 「X」という曲)."""
    if text[start] == "『":
        return True
    head = re.search(r"([゠-ヿ一-龯]+)$", text[max(0, start - 8) : start])
    if head and class_of_noun(head.group(1)) == "Product":
        return True
    m = _NAMED_AS.match(text[end : end + 12])
    return bool(m and class_of_noun(m.group(1)) == "Product")


def _anaphor(start: int, end: int, text: str, key: str) -> Candidate:
    typ, plural = ANAPHORS[key]
    return Candidate(start, end, text, "anaphor", kind="anaphor", anaphor_type=typ, plural=plural)


_ANAPHOR_RE = re.compile("|".join(sorted(map(re.escape, ANAPHORS), key=len, reverse=True)))


def _anaphors(doc: Doc) -> Iterable[Candidate]:
    starts = {t.idx for t in doc}
    ends = {t.idx + len(t.text) for t in doc}
    for m in _ANAPHOR_RE.finditer(doc.text):
        if m.start() in starts and (m.end() in ends or m.group() in ("同社", "同氏")):
            span = _char_span(doc, m.start(), m.end())
            if span is not None and span.end_char != m.end() and m.group() in ("彼", "彼ら"):
                continue  # 彼女, 彼方 ...
            if m.group() == "二人" and not doc.text[max(0, m.start() - 2) : m.start()].endswith("この"):
                continue
            yield _anaphor(m.start(), m.end(), m.group(), m.group())


def _kb_matches(doc: Doc, surfaces: Iterable[str]) -> Iterable[Candidate]:
    starts = {t.idx for t in doc}
    ends = {t.idx + len(t.text) for t in doc}
    text = doc.text
    for s in surfaces:
        pos = text.find(s)
        while pos >= 0:
            if pos in starts and pos + len(s) in ends:
                yield Candidate(pos, pos + len(s), s, "kb")
            pos = text.find(s, pos + 1)


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    """Resolve overlaps: anaphors win, then longer spans; identical spans merge votes."""
    priority = {"anaphor": 0, "ner": 1, "latin": 2, "quote": 3, "kb": 4, "run": 5}
    cands.sort(key=lambda c: (c.kind != "anaphor", -(c.end - c.start), priority[c.source], c.start))
    kept: list[Candidate] = []
    for c in cands:
        clash = next((k for k in kept if c.start < k.end and k.start < c.end), None)
        if clash is None:
            kept.append(c)
        elif (clash.start, clash.end) == (c.start, c.end) or clash.kind == "anaphor":
            for t, w in c.votes.items():
                clash.vote(t, w)
            clash.role = clash.role or c.role
        elif c.source in ("latin", "quote", "kb", "run") and clash.source == "ner" and clash.kind == "name" \
                and _mostly_context(clash, c):
            # a GiNZA span that swallowed context (Llama 戦略, オープンソース AI): shrink it to the name
            kept[kept.index(clash)] = c
            for t, w in clash.votes.items():
                c.vote(t, w * 0.5)
        elif c.source == "ner" and clash.source in ("latin", "quote") and clash.kind == "name" \
                and clash.start <= c.start and c.end <= clash.end:
            # GiNZA typed a part of a Latin name or a quotation (WN of WN-DS/US): weak evidence for the whole
            for t, w in c.votes.items():
                clash.vote(t, w * 0.5)
    kept.sort(key=lambda c: c.start)
    return kept


#: words around a name that GiNZA sometimes swallows into the span (Llama 戦略)
CONTEXT_WORDS = frozenset({"戦略", "事業", "計画", "構想", "市場", "版", "向け", "作品", "訪問", "戦", "本土", "製"})


def _mostly_context(outer: Candidate, inner: Candidate) -> bool:
    """The outer span is the inner name plus generic context (not a longer name: 日本国政府)."""
    rest = (outer.text[: inner.start - outer.start] + outer.text[inner.end - outer.start :]).strip()
    return not rest or is_generic(rest) or rest in CONTEXT_WORDS


# --- span repair: merges and extensions -----------------------------------------
#: characters that end an administrative division (浙江省 + 杭州市, 北海道 + 帯広市)
_ADMIN_END = tuple("都道府県州省市郡区町村")
#: separators inside a foreign personal name written in katakana (ジョン・スミス)
_NAME_DOTS = ("・", "･", "=", "＝")
_KATAKANA_NAME = re.compile(r"^[゠-ヿ]+$")
#: legal-form and public-body prefixes that belong to an organisation's name
_ORG_PREFIXES = (
    "学校法人", "財団法人", "社団法人", "医療法人", "宗教法人", "社会福祉法人", "独立行政法人", "国立大学法人",
    "公益財団法人", "公益社団法人", "一般財団法人", "一般社団法人", "特定非営利活動法人", "NPO法人",
    "県立", "都立", "府立", "道立", "市立", "町立", "村立", "区立", "国立", "私立", "公立",
)
#: a year or an ordinal before an event name: 2010年 FIFAワールドカップ, 第45回 東京モーターショー
_EVENT_PREFIX = re.compile(r"(?:第[0-9０-９一二三四五六七八九十百千]+回|[0-9０-９]{4}年度?|[0-9０-９]{4})\s?$")
#: X の 乱 / 変 / 役 / 戦い: a historical event named after a place or person
_EVENT_NO = re.compile(r"^の(?:乱|変|役|戦い|合戦|陣)")


def _lean(c: Candidate) -> str | None:
    """The type a candidate's votes lean to so far (None without votes)."""
    if not c.votes:
        return None
    return max(sorted(c.votes), key=lambda t: c.votes[t])


def _repair(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Join a name GiNZA split and extend a name over the words that complete it.

    * adjacent persons: 鈴木 + 花子, ジョン + ・ + スミス (katakana only: 田中太郎・鈴木花子 is two people);
    * adjacent places when the first ends an administrative division: 浙江省 + 杭州市;
    * a following name suffix: 九州電力 + 東京支社, 東京 + 駅, 広島 + 高校 (typed by the suffix);
    * a following given name or a preceding surname of a person;
    * a preceding legal form (学校法人, 県立) and, for events, a year or ordinal (第45回);
    * X の 乱 / 変 / 戦い.
    """
    names = sorted((c for c in cands if c.kind == "name"), key=lambda c: (c.start, c.end))
    others = [c for c in cands if c.kind != "name"]
    merged: list[Candidate] = []
    for c in names:
        if merged and _mergeable(doc, merged[-1], c):
            merged[-1] = _merge(doc, merged[-1], c)
        else:
            merged.append(c)
    for k, c in enumerate(merged):
        lo = merged[k - 1].end if k > 0 else 0
        hi = merged[k + 1].start if k + 1 < len(merged) else len(doc.text)
        for o in others:
            if o.end <= c.start:
                lo = max(lo, o.end)
            elif o.start >= c.end:
                hi = min(hi, o.start)
        _extend(doc, c, lo, hi)
    return sorted(merged + others, key=lambda c: (c.start, c.end))


def _mergeable(doc: Doc, a: Candidate, b: Candidate) -> bool:
    """Two adjacent mentions that are one name: 鈴木 + 花子, ジョン・スミス, 米国 + カリフォルニア州."""
    gap = doc.text[a.end : b.start]
    ta, tb = _lean(a), _lean(b)
    if ta == tb == "Person":
        if gap == "":
            return True
        return gap in _NAME_DOTS and bool(_KATAKANA_NAME.match(a.text) and _KATAKANA_NAME.match(b.text))
    # places side by side are an address, larger to smaller
    return ta == tb == "Place" and gap == ""


def _merge(doc: Doc, a: Candidate, b: Candidate) -> Candidate:
    """One candidate from ``a`` to ``b`` (the gap between them included), with both's votes."""
    c = Candidate(a.start, b.end, doc.text[a.start : b.end], a.source, label=a.label or b.label,
                  role=a.role or b.role, former=a.former or b.former)
    for t, w in (*a.votes.items(), *b.votes.items()):
        c.vote(t, w)
    return c


def _extend(doc: Doc, c: Candidate, lo: int, hi: int) -> None:
    """Grow ``c`` over the words that complete its name, within ``lo`` .. ``hi`` (other mentions)."""
    span = _tokens_of(doc, c)
    if span is None or (span.start_char, span.end_char) != (c.start, c.end):
        return
    lean = _lean(c)
    start, end = span.start, span.end
    suffix: str | None = None
    katakana = lean == "Person" and all(_KATAKANA_NAME.match(t.text) for t in span)

    def free(i: int) -> bool:
        return 0 <= i < len(doc) and lo <= doc[i].idx and doc[i].idx + len(doc[i].text) <= hi

    while end < len(doc) and not doc[end - 1].whitespace_ and free(end):
        tok = doc[end]
        if lean == "Person" and suffix is None and "人名" in tok.tag_ and not _is_latin(tok):
            end += 1  # 鈴木 + 花子
        elif katakana and tok.text in _NAME_DOTS and free(end + 1) and _KATAKANA_NAME.match(doc[end + 1].text) \
                and not tok.whitespace_:
            end += 2  # ジョン + ・ドウ
        elif lean == "Person" and "数詞" in tok.tag_ and free(end + 1) and doc[end + 1].text == "世":
            end += 2  # ルイ + 14世
        elif _name_suffix(tok, lean):
            suffix = NAME_SUFFIX_TYPES[tok.text]
            end += 1  # 九州電力 + 東京支社 (東京 is a place, but 東京支社 part of the name), 東京 + 駅
        else:
            # a suffix a few nouns ahead: 東京 + 海上 + 火災 + 保険
            j = end
            while j < min(len(doc), end + 3) and free(j) and doc[j].tag_.startswith("名詞") \
                    and "数詞" not in doc[j].tag_ and not _is_latin(doc[j]) and not _name_suffix(doc[j], lean) \
                    and not doc[j].whitespace_ and lean != "Person":
                j += 1
            if j > end and free(j) and _name_suffix(doc[j], lean):
                end = j
                continue
            break
    while start > 0 and not doc[start - 1].whitespace_ and free(start - 1):
        tok = doc[start - 1]
        if lean == "Person" and "人名-姓" in tok.tag_ and start == span.start:
            start -= 1
        elif katakana and tok.text in _NAME_DOTS and free(start - 2) and _KATAKANA_NAME.match(doc[start - 2].text) \
                and not doc[start - 2].whitespace_:
            start -= 2  # ジョン・ + ドウ
        else:
            break
    before = doc.text[lo : doc[start].idx]
    prefix = next((p for p in _ORG_PREFIXES if before.endswith(p)), None)
    new_start = doc[start].idx
    if prefix and lean != "Person" and _at_token_start(doc, new_start - len(prefix)):
        new_start -= len(prefix)
        suffix = suffix or "Organization"
    new_end = doc[end - 1].idx + len(doc[end - 1].text)
    tail = doc.text[new_end:hi]
    m = _EVENT_NO.match(tail)
    if m and _at_token_end(doc, new_end + m.end()) and lean != "Person":
        new_end += m.end()
        suffix = "Event"
    typ = suffix or lean
    if typ == "Event" or (typ is None and suffix_type(doc.text[new_start:new_end]) == "Event"):
        y = _EVENT_PREFIX.search(doc.text[lo:new_start])
        if y and _at_token_start(doc, lo + y.start()):
            new_start = lo + y.start()
    if (new_start, new_end) == (c.start, c.end):
        return
    if suffix is not None and suffix != lean:
        # GiNZA's label was for the shorter span (東京 → Place); the suffix names the longer one
        c.votes = {t: w * 0.5 for t, w in c.votes.items()}
        c.vote(suffix, W_SUFFIX)
    c.start, c.end, c.text = new_start, new_end, doc.text[new_start:new_end]


def _name_suffix(tok: Token, lean: str | None) -> bool:
    """A noun that, glued after a name, makes a longer name (支社, 駅, 高校), not 社 (ノルディア社 = ノルディア)."""
    return (
        tok.text in NAME_SUFFIX_TYPES and tok.text != "社" and tok.tag_.startswith(("名詞", "接尾辞"))
        and not (lean == "Place" and tok.text in ("省", "庁")) and "サ変" not in tok.tag_
    )


def _at_token_start(doc: Doc, pos: int) -> bool:
    return any(t.idx == pos for t in doc)


def _at_token_end(doc: Doc, pos: int) -> bool:
    return any(t.idx + len(t.text) == pos for t in doc)


# --- repairs and context evidence -------------------------------------------
def _strip_leading_class(doc: Doc, ent: Span, c: Candidate) -> None:
    """新興企業 Nimbus / 競合企業 DeepSeek: the class noun is evidence, not part of the name."""
    k = 0
    while k < len(ent) - 1 and ent[k].pos_ == "NOUN" and not _is_latin(ent[k]) and "固有名詞" not in ent[k].tag_:
        k += 1
    if k == 0 or k >= len(ent):
        return
    head = doc[ent.start : ent.start + k].text
    typ = class_of_noun(head)
    if typ is None:
        return
    rest = doc[ent.start + k : ent.end]
    c.start, c.end, c.text = rest.start_char, rest.end_char, rest.text
    c.vote(typ, W_CLASS)


def _strip_honorific(doc: Doc, c: Candidate) -> None:
    """山田太郎氏 → 山田太郎 with a Person vote (not 北区王子: a place name before it is no person)."""
    for h in sorted(HONORIFICS, key=len, reverse=True):
        if c.text.endswith(h) and len(c.text) > len(h):
            rest = _char_span(doc, c.start, c.end - len(h))
            if rest is not None and _dictionary_class(rest) == "place":
                return
            c.text = c.text[: -len(h)].rstrip()
            c.end = c.start + len(c.text)
            c.vote("Person", W_HONORIFIC)
            return


def _dictionary_votes(doc: Doc, c: Candidate) -> None:
    """What the dictionary knows the words as: 田中太郎 (person names), 杭州 (a place name), ソニー (a proper noun)."""
    span = _tokens_of(doc, c)
    if span is None:
        return
    dc = _dictionary_class(span)
    if dc == "person" or (dc == "some-person" and any(t.text in _NAME_DOTS for t in span)
                          and all(_KATAKANA_NAME.match(t.text) for t in span)
                          and category(c.label) in ("Person", "Other")):
        # ジョン・スミス; ティジメン・ブランケフォールト: a katakana name with a part known as a personal
        # name (unless GiNZA names it otherwise: リーマン・ショック is an event)
        c.vote("Person", W_DICT)
    elif dc == "place":
        c.vote("Place", W_DICT)
    elif dc == "proper" and len(span) == 1 and not _is_latin(span[0]):
        # neither a person's nor a place's name: in news most often an organisation's
        c.vote("Organization", W_PROPER)


def _tokens_of(doc: Doc, c: Candidate) -> Span | None:
    return _char_span(doc, c.start, c.end)


def _context_votes(doc: Doc, c: Candidate, titles: list[tuple[int, int, str]]) -> None:
    span = _tokens_of(doc, c)
    if span is None:
        return
    text = _SPACES.sub("", c.text)
    after = doc[span.end] if span.end < len(doc) else None
    after2 = doc[span.end + 1] if span.end + 1 < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    tail = doc.text[c.end : c.end + 12].lstrip(" 」』")
    dc = _dictionary_class(span)
    # name + honorific: Chris Cox 氏, ヤン・ルカン氏
    if after is not None and after.text in HONORIFICS:
        c.vote("Person", W_HONORIFIC)
    # name + title: マーク ザッカーバーグ CEO (not トヨタ社長, 東京電力社長: an organisation's head)
    elif after is not None and after.text in TITLE_WORDS and after.text not in ("社員", "従業員") \
            and dc not in ("proper", "place", "some-place") and suffix_type(text) is None:
        c.vote("Person", W_TITLE)
        c.role = c.role or after.text
    # title (+ の) + name: 製品責任者の Nat Friedman, 最高 AI オフィサー Alexandr Wang
    for ts, te, tt in titles:
        gap = doc.text[te : c.start].strip()
        if te <= c.start and gap in ("", "の", "である", "で"):
            c.vote("Person", W_TITLE)
            c.role = c.role or tt
            c.former = tt.lstrip().startswith(("元", "前"))
    # the name's own suffix: 東京電力, 成田空港, 全日本選手権, 芽室町; a company prefix: 株式会社X
    if not text.isascii() and "人名" not in span[-1].tag_ and not _HIRAGANA.search(text):
        # (not the last word of a title in words: 「お元気ですか日本列島」 is a programme, not an island)
        c.vote(suffix_type(text), W_SUFFIX)
    if text.startswith(COMPANY_PREFIXES) or after is not None and (after.text in ("社", "Inc.", "Inc", "Corp.") or after.text in COMPANY_SUFFIXES):
        c.vote("Organization", W_SUFFIX)
    # the name's own last word is a class noun: Llama シリーズ, TBD ラボ
    if span[-1].text in CLASS_NOUNS and len(span) > 1 and any(
        _is_latin(t) or "固有名詞" in t.tag_ for t in span[:-1]
    ):
        c.vote(CLASS_NOUNS[span[-1].text], W_CLASS)
    # class noun right after: R1 モデル, TBD ラボ, オハイオ 州
    if after is not None and after.text in CLASS_NOUNS and after.pos_ in ("NOUN", "PROPN"):
        c.vote(CLASS_NOUNS[after.text], W_CLASS)
    elif after is not None and after.text == P_GEN and after2 is not None:
        # X の 株式 / X の 元 CEO / X の 社員 → X is an organisation
        nxt = after2.text if after2.text not in ("元", "前", "現") else (doc[after2.i + 1].text if after2.i + 1 < len(doc) else "")
        if nxt in ORG_OF_NOUNS or nxt in ("CEO", "社長", "会長", "創業者", "共同創業者", "CTO", "CFO"):
            c.vote("Organization", W_CLASS)
    # class noun in apposition before: 競合企業 DeepSeek, データセンターである「X」
    head = doc.text[max(0, c.start - 16) : c.start].rstrip(" 「『")
    for suffix in ("である", "の", ""):
        if suffix and not head.endswith(suffix):
            continue
        stem = head[: len(head) - len(suffix)].rstrip()
        m = re.search(r"([゠-ヿ一-龯A-Za-z]+)$", stem)
        if m:
            typ = class_of_noun(m.group(1))
            if typ and (suffix != "の" or typ in ("Facility",)):
                c.vote(typ, W_CLASS)
                break
    # 「X」という曲 / 「X」と題した小説: the class noun that the quotation names
    m = _NAMED_AS.match(tail)
    if m:
        typ = class_of_noun(m.group(1))
        if typ:
            c.vote(typ, W_CLASS)
    # 「X」というコード名 / X というコードネーム
    if tail.startswith(("という", "と呼ばれる", "との")) and any(w in tail for w in CODENAME_WORDS):
        c.vote("Product", W_CODENAME)
    # selectional preference of the governing predicate
    case, pred = _case_and_predicate(doc, span)
    lemma = _pred_lemma(pred)
    if case == P_OBJ:
        if lemma in PRODUCT_VERBS:
            c.vote("Product", W_PREDICATE)
        elif lemma in ORG_OBJECT_VERBS:
            c.vote("Organization", W_PREDICATE)
    elif case == "に" and lemma in ORG_GOAL_VERBS:
        c.vote("Organization", W_PREDICATE)  # X に入社 / 所属 / 移籍
    elif case in (P_SUBJ, P_TOPIC) and lemma in ORG_SUBJECT_VERBS and not _passive(pred):
        c.vote("Organization", W_PREDICATE)  # X が発売した / X は買収した
    if before is not None and before.text in ("元", "前") and c.votes.get("Person"):
        c.former = True


def _case_and_predicate(doc: Doc, span: Span) -> tuple[str | None, Token]:
    """The particle after a name (past closing brackets) and the predicate its phrase depends on.

    「TBD Lab」を率いる: を, 率いる — also when the parser hangs the quotation on a noun before it.
    """
    k = span.end
    while k < len(doc) and doc[k].text in ("」", "』", ")", "）"):
        k += 1
    if k < len(doc) and doc[k].tag_.startswith("助詞") and doc[k].dep_ == "case":
        nominal = doc[k].head
        return doc[k].text, nominal.head
    last = span[-1]
    return next((t.text for t in last.children if t.dep_ == "case"), None), last.head


def _passive(pred: Token) -> bool:
    """The predicate is passive (X が発売された): its subject is what was acted on."""
    return any(t.lemma_ in ("れる", "られる") for t in pred.children if t.dep_ in ("aux", "auxpass"))


def _pred_lemma(tok: Token) -> str:
    """サ変 noun + する → its noun; else the lemma."""
    return tok.lemma_
