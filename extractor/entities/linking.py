"""Group name mentions of one document into entities, type them and pick canonical labels.

Mentions join one entity when their name keys are equal, when one is the
surname of the other, when a katakana form romanises to a Latin form, when the
text defines an alias (「X」(以下「Y」), Fundamental AI Research (FAIR)), or when
both link to one knowledge-base entry.  The type is the evidence-weighted vote
over all mentions; an entity with no evidence for any node type is dropped.

Example:
    >>> c = Cluster(mentions=[])
    >>> c.type is None
    True
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from extractor.entities.names import (
    ACCEPT,
    LABEL_TAILS,
    cross_script_score,
    fold,
    foreign_spelling,
    has_katakana,
    is_latin_name,
    name_key,
    strip_tail,
    surname,
)
from extractor.entities.proposals import W_KB, Candidate
from extractor.kb import KBEntry, KnowledgeBase

__all__ = ["Cluster", "Placed", "entity_id", "link", "merge_clusters"]

_ALIAS_DEF = re.compile(r"^\s*[（(]\s*(?:以下[、,，]?\s*)?[「『]?([^」』（）()]{1,30}?)[」』]?\s*(?:と(?:いう|する|呼ぶ))?\s*[)）]")
_CJK_NAME = re.compile(r"^[一-龯々〆ヶ]+$")
_IKA = re.compile(r"^\s*[、,]?\s*以下[、,]?\s*[「『]([^」』]{1,30})[」』]")


@dataclass
class Placed:
    """A candidate placed in the document: unit, offsets in the normalised text, sentence."""

    cand: Candidate
    unit: int
    start: int
    end: int
    sent: int
    salience: float = 1.0  # 3 topic (は), 2 subject (が), 1 otherwise
    clusters: list[int] = field(default_factory=list)


@dataclass
class Cluster:
    """An entity under construction."""

    mentions: list[Placed]
    kb: KBEntry | None = None
    votes: dict[str, float] = field(default_factory=dict)
    type: str | None = None
    label: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    id: str = ""

    def surfaces(self) -> list[str]:
        return [m.cand.text for m in self.mentions if m.cand.kind == "name"]


def link(mentions: Sequence[Placed], text: str, kb: KnowledgeBase) -> list[Cluster]:
    """Cluster the name mentions of a document (normalised ``text``) into typed entities."""
    names = [m for m in mentions if m.cand.kind == "name"]
    parent = list(range(len(names)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    # 1. equal keys, and one knowledge-base entry
    by_key: dict[str, int] = {}
    by_kb: dict[str, int] = {}
    kb_of: dict[int, KBEntry] = {}
    for i, m in enumerate(names):
        key = name_key(m.cand.text)
        if key in by_key:
            union(by_key[key], i)
        else:
            by_key[key] = i
        entry = kb.lookup(m.cand.text) or kb.lookup(key)
        if entry is not None:
            kb_of[i] = entry
            if entry.id in by_kb:
                union(by_kb[entry.id], i)
            else:
                by_kb[entry.id] = i
    # 2. alias definitions: X (Y), X（以下「Y」）
    starts = {m.start: i for i, m in enumerate(names)}
    for i, m in enumerate(names):
        rest = text[m.end : m.end + 40]
        for pattern in (_ALIAS_DEF, _IKA):
            d = pattern.match(rest)
            if not d:
                continue
            j = starts.get(m.end + d.start(1))
            if j is not None and _alias_compatible(m.cand.text, names[j].cand.text, d.group(0)):
                union(i, j)
    clusters = [_finish(g, kb_of, names) for g in _groups(names, find)]
    # 3. surnames and cross-script spellings between groups
    merge_clusters(clusters)
    return [c for c in clusters if c.type is not None]


def _alias_compatible(full: str, short: str, matched: str) -> bool:
    if "以下" in matched:
        return True
    # an acronym of the full name: Fundamental AI Research (FAIR)
    words = re.findall(r"[A-Za-z][A-Za-z]*", full)
    initials = "".join(w[0] for w in words).upper()
    capitals = "".join(ch for ch in full if ch.isupper())
    return short.upper() in (initials, capitals) or (has_katakana(full) != has_katakana(short) and len(short) >= 2)


def _groups(names: list[Placed], find) -> list[list[int]]:  # type: ignore[no-untyped-def]
    out: dict[int, list[int]] = {}
    for i in range(len(names)):
        out.setdefault(find(i), []).append(i)
    return [v for _, v in sorted(out.items())]


def _finish(group: list[int], kb_of: dict[int, KBEntry], names: list[Placed]) -> Cluster:
    mentions = [names[i] for i in group]
    c = Cluster(mentions=mentions)
    entries = [kb_of[i] for i in group if i in kb_of]
    if entries:
        c.kb = max(entries, key=lambda e: (sum(1 for x in entries if x.id == e.id), e.id))
    for m in mentions:
        for t, w in m.cand.votes.items():
            c.votes[t] = c.votes.get(t, 0.0) + w
    if c.kb is not None:
        c.votes[c.kb.type] = c.votes.get(c.kb.type, 0.0) + W_KB
    if c.votes:
        c.type = max(sorted(c.votes), key=lambda t: c.votes[t])
    _labels(c)
    c.id = entity_id(c)
    return c


def _labels(c: Cluster) -> None:
    surfaces = [strip_tail(s, LABEL_TAILS) for s in c.surfaces()]
    latin = [s for s in surfaces if is_latin_name(s)]
    japanese = [s for s in surfaces if not is_latin_name(s)]

    def best(options: list[str]) -> str:
        # persons: the fullest form (most words); others: the most frequent form; then longest, first
        words = lambda s: len(re.split(r"[\s・]+", s.strip()))  # noqa: E731
        if c.type == "Person":
            return max(options, key=lambda s: (words(s), options.count(s), len(s), -options.index(s)))
        return max(options, key=lambda s: (options.count(s), words(s), len(s), -options.index(s)))

    if latin:
        c.labels["en"] = best(latin)
    if japanese:
        c.labels["ja"] = best(japanese)
        if "en" not in c.labels:
            spelled = foreign_spelling(c.labels["ja"])
            if spelled:
                c.labels["en"] = spelled
    if c.kb is not None:
        c.labels.update(c.kb.labels)
        c.label = c.kb.label
    else:
        # a Latin form the document gives, else the Japanese surface form
        given = c.labels.get("en") if c.labels.get("en") in surfaces else None
        c.label = given or c.labels.get("ja") or c.labels.get("en") or surfaces[0]


def entity_id(c: Cluster) -> str:
    """Stable id: the knowledge-base id, else a hash of type and folded label."""
    if c.kb is not None:
        return f"kb.{c.kb.id}"
    digest = hashlib.sha1(f"{c.type}|{fold(c.label)}".encode()).hexdigest()[:12]
    return f"E{digest}"


def merge_clusters(clusters: list[Cluster]) -> list[Cluster]:
    """Merge clusters by surname (Wang → Alexandr Wang) and cross-script spelling (メタ ~ Meta)."""
    merged = True
    while merged:
        merged = False
        for a in clusters:
            for b in clusters:
                if a is b or not _related(a, b):
                    continue
                if _conflict(a, b):
                    continue
                keep, drop = (a, b) if _rank(a) >= _rank(b) else (b, a)
                keep.mentions.extend(drop.mentions)
                for t, w in drop.votes.items():
                    keep.votes[t] = keep.votes.get(t, 0.0) + w
                keep.kb = keep.kb or drop.kb
                keep.type = max(sorted(keep.votes), key=lambda t: keep.votes[t]) if keep.votes else None
                keep.labels = {}
                _labels(keep)
                keep.id = entity_id(keep)
                clusters.remove(drop)
                merged = True
                break
            if merged:
                break
    return clusters


def _conflict(a: Cluster, b: Cluster) -> bool:
    """Both strongly typed, with different types: never the same thing."""
    strong = 2.0
    return bool(
        a.type and b.type and a.type != b.type
        and a.votes.get(a.type, 0) >= strong and b.votes.get(b.type, 0) >= strong
    )


def _rank(c: Cluster) -> tuple:
    return (c.kb is not None, max(len(re.split(r"[\s・]+", s)) for s in c.surfaces()), len(c.mentions))


def _related(a: Cluster, b: Cluster) -> bool:
    if a.kb is not None and b.kb is not None:
        return a.kb.id == b.kb.id
    sa, sb = set(a.surfaces()), set(b.surfaces())
    # surname: a single-word person mention equals the last word of a full name
    # (in either script: ジョン・スミス ~ Smith), or the family name that starts a
    # Japanese full name (渡邉太郎 ~ 渡辺)
    if "Person" in (a.type, b.type) and not _conflict(a, b):
        for full_set, short_set in ((sa, sb), (sb, sa)):
            for full in full_set:
                last = surname(full)
                for short in short_set:
                    if last and fold(short) == fold(last):
                        return True
                    if last and has_katakana(last) and is_latin_name(short) and cross_script_score(last, short) >= ACCEPT:
                        return True
                    if (not last and _CJK_NAME.match(full) and _CJK_NAME.match(short) and 2 <= len(fold(short)) < len(fold(full))
                            and fold(full).startswith(fold(short))):
                        return True
    # cross-script: katakana ~ Latin
    for x in sa:
        for y in sb:
            for kat, lat in ((x, y), (y, x)):
                if has_katakana(kat) and is_latin_name(lat) and cross_script_score(kat, lat) >= ACCEPT:
                    return True
    return False
