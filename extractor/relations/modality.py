"""Modality of a statement: asserted, reported (伝えられています), hedged (ようです) or negated.

Japanese news marks second-hand facts at the end of the clause or with a
source phrase (報道によると).  The predicate's own auxiliaries carry negation
(しなかった, していない).

Example:
    >>> sentence_modality("開発したと伝えられています。")
    'reported'
    >>> sentence_modality("開発したようです。")
    'hedged'
"""

from __future__ import annotations

import re

from spacy.tokens import Token

__all__ = ["CONFIDENCE_FACTOR", "attribution", "is_negated", "sentence_modality"]

REPORTED = re.compile(
    r"伝えられ|伝えられる|と報じ|報じられ|報道によると|によると|によれば|とのこと|伝えられるところ|と伝え|関係者によ|"
    r"と報道|報道され|伝わ"
)
HEDGED = re.compile(r"ようだ|ようです|ような|模様|とみられ|と見られ|かもしれ|可能性|だろう|でしょう|らしい|と推測|見込み")
NEGATION_LEMMAS = frozenset({"ない", "ぬ", "ず", "ん"})
_SOURCE = re.compile(r"([^\s、。「」]{2,20}?)(?:の報道|の発表|の記事)?によると")

#: confidence multiplier by modality
CONFIDENCE_FACTOR = {"asserted": 1.0, "reported": 0.85, "hedged": 0.7, "negated": 0.9}


def sentence_modality(text: str) -> str:
    """``reported`` or ``hedged`` when the sentence says so, else ``asserted``."""
    if REPORTED.search(text):
        return "reported"
    if HEDGED.search(text):
        return "hedged"
    return "asserted"


def is_negated(pred: Token) -> bool:
    """True when the predicate carries a negative auxiliary (しなかった, していない, せず)."""
    for t in pred.children:
        if t.dep_ in ("aux", "fixed", "cop") and (t.lemma_ in NEGATION_LEMMAS or t.text in ("ない", "なかっ", "ず", "ませ", "ん")):
            return True
        if t.dep_ in ("mark", "aux") and t.lemma_ in ("て", "いる"):
            if any(g.lemma_ in NEGATION_LEMMAS for g in t.children):
                return True
    # 「していない」: ない attached to the following いる
    nxt = pred.doc[pred.i + 1 : pred.i + 5]
    for t in nxt:
        if t.text in ("。", "、") or t.pos_ in ("NOUN", "PROPN", "VERB") and t.head.i != pred.i:
            break
        if t.lemma_ in NEGATION_LEMMAS and t.pos_ == "AUX":
            return True
    return False


def attribution(text: str) -> str | None:
    """The named source of a report (ロイター通信によると → ロイター通信), if any."""
    m = _SOURCE.search(text)
    if m and m.group(1) not in ("報道", "関係者", "情報", "話", "ところ", "伝えられるところ"):
        return m.group(1)
    return None
