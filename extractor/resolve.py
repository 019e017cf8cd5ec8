"""Cross-document entity resolution: one node for one real-world thing across articles.

Within a document the entity layer already joined every surface form.  Across
documents, entities of the same type join when they share a name key
(width, case, spaces and 異体字 folded; トヨタ自動車 in two articles) or when a
katakana name and a Latin name spell each other (アレクサンドル・ワン ~ Alexandr
Wang, checked by :func:`~extractor.entities.names.cross_script_score`).
Knowledge-base entities already share their id.  A one-word personal name (a
surname such as 田中 or Wang) is no evidence across articles: two 田中 in
unrelated stories stay two people.

The merged entity keeps the smallest id of its group (ids stay stable when
more articles arrive that add nothing new); relations are re-pointed and
merged.

Example:
    >>> from extractor.models import Document, Entity, KnowledgeGraph, Mention
    >>> d1, d2 = Document(id="a", text="トヨタ自動車"), Document(id="b", text="トヨタ自動車 ")
    >>> e1 = Entity(id="E1", label="トヨタ自動車", type="Organization", mentions=(Mention(doc="a", start=0, end=6, text="トヨタ自動車"),))
    >>> e2 = Entity(id="E2", label="トヨタ自動車", type="Organization", mentions=(Mention(doc="b", start=0, end=6, text="トヨタ自動車"),))
    >>> groups = entity_groups([e1, e2])
    >>> groups["E2"]
    'E1'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.entities.names import (
    ACCEPT,
    cross_script_score,
    has_katakana,
    is_latin_name,
    name_key,
    romanize,
    skeleton,
)
from extractor.models import Entity

__all__ = ["entity_groups"]

_WORDS = re.compile(r"[\s・･]+")


def _single_word_person(e: Entity, alias: str) -> bool:
    return e.type == "Person" and len([w for w in _WORDS.split(alias.strip()) if w]) < 2


def _keys(e: Entity) -> set[tuple[str, str]]:
    keys: set[tuple[str, str]] = set()
    for alias in {e.label, *e.aliases}:
        if _single_word_person(e, alias):
            continue  # a surname alone: no evidence across documents
        key = name_key(alias)
        if len(key) >= 2:
            keys.add(("n", key))
        if has_katakana(alias):
            for rom in romanize(alias):
                sk = skeleton(rom)
                if len(sk) >= 4:
                    keys.add(("s", sk))
        elif is_latin_name(alias):
            sk = skeleton(alias)
            if len(sk) >= 4:
                keys.add(("s", sk))
    return keys


def _spell_each_other(a: Entity, b: Entity) -> bool:
    for x in {a.label, *a.aliases}:
        for y in {b.label, *b.aliases}:
            for kat, lat in ((x, y), (y, x)):
                if has_katakana(kat) and is_latin_name(lat) and not _single_word_person(a, kat) \
                        and cross_script_score(kat, lat) >= ACCEPT:
                    return True
    return False


def entity_groups(entities: Sequence[Entity]) -> dict[str, str]:
    """Map every entity id to the id of its group's representative (the smallest id)."""
    parent = {e.id: e.id for e in entities}
    by_id = {e.id: e for e in entities}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    seen: dict[tuple[str, str, str], str] = {}
    for e in sorted(entities, key=lambda e: e.id):
        for kind, key in sorted(_keys(e)):
            slot = (e.type, kind, key)
            other = seen.get(slot)
            if other is None:
                seen[slot] = e.id
                continue
            a, b = by_id[other], e
            if a.kb_id and b.kb_id and a.kb_id != b.kb_id:
                continue  # the knowledge base says they differ
            if kind == "n" or _spell_each_other(a, b):
                union(other, e.id)
    return {x: find(x) for x in parent}
