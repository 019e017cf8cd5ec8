"""Name keys, spelling variants, romanisation and cross-script matching.

Two surface forms name the same thing when their *keys* are equal (width,
case, spaces, 異体字 and name tails such as シリーズ folded away), when one is
the surname of the other, or when a katakana form romanises close to a Latin
form (アレクサンドル・ワン ~ Alexandr Wang, アボカド ~ Avocado).  Romanisation uses
cutlet (with UniDic's foreign spellings, plus plain Hepburn); both sides are
reduced to a consonant skeleton that forgives what katakana adds or loses
(epenthetic vowels, l/r, v/b, long vowels for "er") and compared with
rapidfuzz.

Example:
    >>> name_key("Llama シリーズ") == name_key("llama")
    True
    >>> cross_script_score("アボカド", "Avocado") >= 85
    True
"""

from __future__ import annotations

import functools
import re
import unicodedata

from rapidfuzz import fuzz

from extractor.entities.lexicon import NAME_TAILS

__all__ = [
    "ACCEPT",
    "LABEL_TAILS",
    "cross_script_score",
    "fold",
    "foreign_spelling",
    "has_katakana",
    "is_latin_name",
    "name_key",
    "romanize",
    "skeleton",
    "strip_tail",
    "surname",
]

#: cross-script score at or above which two names are the same
ACCEPT = 85.0

# 異体字 (variant kanji) common in personal and company names -> standard form
_VARIANTS = str.maketrans({
    "邉": "辺", "邊": "辺", "齋": "斉", "齊": "斉", "斎": "斉", "髙": "高", "﨑": "崎", "嵜": "崎", "濱": "浜",
    "澤": "沢", "櫻": "桜", "廣": "広", "國": "国", "榮": "栄", "眞": "真", "德": "徳", "冨": "富", "藪": "薮",
    "嶋": "島", "嶌": "島", "槇": "槙", "龍": "竜", "瀨": "瀬", "塚": "塚", "條": "条", "來": "来", "惠": "恵",
})
_PUNCT = re.compile(r"[\s・･·\-‐－_「」『』\"'“”‘’()（）\[\]［］.,、。:：!！?？]+")
_KATAKANA = re.compile(r"[ァ-ヺー]")
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9&.'’\-+ ]*$")
_TAILS = tuple(sorted(NAME_TAILS, key=len, reverse=True))


def fold(text: str) -> str:
    """NFKC, case-folded, variant kanji standardised, spaces and punctuation removed.

    Example:
        >>> fold("渡邉 Ｔａｒｏ・") == fold("渡辺taro")
        True
    """
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text).translate(_VARIANTS).casefold())


#: tails that are never part of a display label (Llama シリーズ → Llama); チーム / Lab may be
LABEL_TAILS = ("シリーズ", "ブランド", "モデル", "戦略", "事業", "プロジェクト", "ファミリー", "チーム")


def strip_tail(text: str, tails: tuple[str, ...] = _TAILS) -> str:
    """The name without a trailing name tail: "Llama シリーズ" → "Llama"; "TBD Lab" → "TBD".

    Example:
        >>> strip_tail("R1 モデル"), strip_tail("ソニー")
        ('R1', 'ソニー')
    """
    norm = text.strip()
    # ノルディア社 / NOVA社: 社 marks a company, it is not part of its name
    if norm.endswith("社") and re.fullmatch(r"[A-Za-zＡ-Ｚａ-ｚ0-9０-９&.\- ゠-ヿ]{2,}", norm[:-1].rstrip()):
        return norm[:-1].rstrip()
    for tail in tails:
        folded_tail = unicodedata.normalize("NFKC", tail)
        if unicodedata.normalize("NFKC", norm).endswith(folded_tail) and len(fold(norm[: -len(tail)])) >= 2:
            head = norm[: -len(tail)]
            # only a separate word: "Llama シリーズ", "TBD Lab"; katakana tails may be glued (FAIRチーム)
            if head.endswith((" ", "・", "\u3000")) or not tail.isascii():
                return head.rstrip(" ・\u3000")
    return norm


def name_key(text: str) -> str:
    """:func:`fold` of :func:`strip_tail`: the key that names are matched on."""
    return fold(strip_tail(unicodedata.normalize("NFKC", text)))


def has_katakana(text: str) -> bool:
    """True if ``text`` contains katakana."""
    return bool(_KATAKANA.search(text))


def is_latin_name(text: str) -> bool:
    """True for a Latin-script name (Alexandr Wang, S&P, Llama 4)."""
    return bool(_LATIN_NAME.match(unicodedata.normalize("NFKC", text).strip()))


@functools.lru_cache(maxsize=1)
def _cutlets():  # type: ignore[no-untyped-def]
    import cutlet

    foreign = cutlet.Cutlet()
    foreign.use_foreign_spelling = True
    plain = cutlet.Cutlet()
    plain.use_foreign_spelling = False
    return foreign, plain


def _romaji(cut, text: str) -> str:  # type: ignore[no-untyped-def]
    """cutlet's romaji, or the text itself where cutlet has no mapping (rare kana such as ゙ alone)."""
    try:
        return cut.romaji(text)
    except (KeyError, IndexError, ValueError):
        return text


@functools.lru_cache(maxsize=65536)
def romanize(text: str) -> tuple[str, ...]:
    """Romanisations of a (partly) katakana name: foreign spelling and Hepburn.

    Example:
        >>> "zuckerberg" in romanize("ザッカーバーグ")
        True
    """
    out: list[str] = []
    parts = [p for p in re.split(r"[\s・･]+", unicodedata.normalize("NFKC", text)) if p]
    for cut in _cutlets():
        words = []
        for p in parts:
            words.append(p.casefold() if not has_katakana(p) else _romaji(cut, p).casefold())
        out.append(re.sub(r"[^a-z0-9 ]", "", " ".join(words)))
    return tuple(dict.fromkeys(out))


_SKELETON_RULES = (
    (r"ph", "f"), (r"th", "s"), (r"ck", "k"), (r"x", "ks"), (r"q", "k"), (r"c(?=[eiy])", "s"), (r"c", "k"),
    (r"l", "r"), (r"[vfw]", "b"), (r"(?<=[a-z])h", ""), (r"ng\b", "n"), (r"j", "j"), (r"y", ""),
)


@functools.lru_cache(maxsize=65536)
def skeleton(latin: str) -> str:
    """Consonant skeleton of a romanised name: what katakana keeps of it.

    Example:
        >>> skeleton("Alexandr Wang") == skeleton("arekusandoru wan")
        True
    """
    s = unicodedata.normalize("NFKC", latin).casefold()
    s = re.sub(r"[^a-z ]", "", s)
    for pat, rep in _SKELETON_RULES:
        s = re.sub(pat, rep, s)
    words = []
    for w in s.split():
        first, rest = w[:1], w[1:]
        rest = re.sub(r"[aeiou]", "", rest)
        if first in "aeiou":
            first = "a"
        w = re.sub(r"(.)\1+", r"\1", first + rest)
        w = re.sub(r"r(?=[^aeiou]|$)", "", w) or w
        words.append(w)
    return "".join(words)


def cross_script_score(katakana: str, latin: str) -> float:
    """Similarity 0–100 of a katakana form and a Latin form of a name."""
    target = skeleton(latin)
    if len(target) < 2:
        return 0.0
    best = 0.0
    for rom in romanize(katakana):
        if fold(rom) == fold(latin):
            return 100.0
        sk = skeleton(rom)
        if len(fold(latin)) < 5 or len(sk) < 4:
            # short names: the skeleton must agree and the spelling be close
            close = fuzz.ratio(fold(rom), fold(latin)) >= 75
            score = 100.0 if sk == target and close else 0.0
        else:
            score = fuzz.ratio(sk, target)
        best = max(best, score)
    return best


def foreign_spelling(katakana: str) -> str | None:
    """The Latin spelling UniDic knows for a katakana loanword or name, else None.

    Only words with a dictionary spelling qualify (プロメテウス → Prometheus);
    a mere transliteration is not offered as a label.

    Example:
        >>> foreign_spelling("プロメテウス")
        'Prometheus'
    """
    if not has_katakana(katakana) or not re.fullmatch(r"[ァ-ヺー・\s]+", katakana):
        return None
    foreign, plain = (_romaji(cut, katakana) for cut in _cutlets())
    if fold(foreign) == fold(plain) or not re.fullmatch(r"[A-Za-z][A-Za-z .'\-]*", foreign):
        return None
    return " ".join(w[:1].upper() + w[1:] for w in foreign.split())


def surname(name: str) -> str | None:
    """The last word of a multi-word personal name (Alexandr Wang → Wang; ヤン・ルカン → ルカン).

    Example:
        >>> surname("ヤン・ルカン"), surname("Meta")
        ('ルカン', None)
    """
    parts = [p for p in re.split(r"[\s・･]+", unicodedata.normalize("NFKC", name).strip()) if p]
    return parts[-1] if len(parts) >= 2 else None
