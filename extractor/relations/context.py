"""What relation rules see: sentences with their entity mentions, and document salience.

A :class:`Sentence` is one spaCy sentence with the entity mentions inside it
(anaphors resolved), a token → entity map, and helpers to find the entity of
an argument phrase.  A :class:`Fact` is what a rule yields before it becomes
a validated :class:`~extractor.models.Relation`.

Example:
    >>> Fact("E1", "develops", "E2", rule="org_no_product").predicate
    'develops'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token

__all__ = ["Fact", "Mention", "Sentence", "TRANSPARENT_NOUNS"]

#: nouns through which "X の N" still refers to X as an argument (X の株式を取得 → X)
TRANSPARENT_NOUNS = frozenset({
    "株式", "株", "全株式", "株主", "一部", "全部", "事業", "部門", "アーキテクチャ", "技術", "コード", "設計",
    "モデル", "ソースコード", "仕組み", "データ", "特許",
})


@dataclass(frozen=True)
class Mention:
    """An entity mention inside a sentence (offsets into the unit's Doc)."""

    start: int
    end: int
    entity: str  # entity id
    type: str
    kind: str  # name | anaphor | description
    role: str | None = None
    former: bool = False


@dataclass
class Fact:
    """A statement produced by a rule."""

    subject: str
    predicate: str
    object: str
    rule: str
    qualifiers: dict[str, Any] = field(default_factory=dict)
    confidence: float = 0.8
    inferred: bool = False
    anchor: Token | None = None  # the predicate token, for negation
    modality: str | None = None  # forced modality, else the sentence's


@dataclass
class Sentence:
    """A sentence and its mentions."""

    span: Span
    mentions: list[Mention]
    doc_start: int  # offset of span.start_char in the normalised document
    index: int  # sentence number in the document
    by_token: dict[int, list[Mention]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        doc = self.span.doc
        for m in self.mentions:
            sp = doc.char_span(m.start, m.end, alignment_mode="expand")
            if sp is None:
                continue
            for t in sp:
                self.by_token.setdefault(t.i, []).append(m)

    @property
    def text(self) -> str:
        return self.span.text

    def at(self, tok: Token) -> list[Mention]:
        """Mentions covering a token."""
        return self.by_token.get(tok.i, [])

    def of_phrase(self, head: Token, *, transparent: bool = True) -> list[Mention]:
        """Entities an argument phrase headed by ``head`` refers to.

        The head itself, its compound / nummod children (「TBD Lab」 under
        エリート), coordinated phrases (A と B), and, through a transparent noun,
        its の-modifier (Scale AI の株式 → Scale AI).
        """
        found = list(self.at(head))
        if not found:
            for child in head.children:
                if child.dep_ in ("compound", "nummod", "appos", "flat") or (
                    child.dep_ == "nmod" and not any(c.dep_ == "case" for c in child.children)
                ):
                    found.extend(m for m in self.of_phrase(child, transparent=False) if m not in found)
        if not found and transparent and head.lemma_ in TRANSPARENT_NOUNS:
            for child in head.children:
                if child.dep_ == "nmod" and any(c.text == "の" for c in child.children):
                    found.extend(self.of_phrase(child, transparent=False))
        # coordination: X と Y (GiNZA: X is nmod/conj of Y with case と)
        for child in head.children:
            if child.dep_ in ("conj", "nmod") and any(c.text == "と" and c.dep_ == "case" for c in child.children):
                found.extend(m for m in self.of_phrase(child, transparent=False) if m not in found)
        return _unique(found)

    def mentions_of_type(self, typ: str) -> list[Mention]:
        return [m for m in self.mentions if m.type == typ]


def _unique(ms: list[Mention]) -> list[Mention]:
    seen: set[tuple[int, int, str]] = set()
    out = []
    for m in ms:
        key = (m.start, m.end, m.entity)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out
