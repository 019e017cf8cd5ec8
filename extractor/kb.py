"""A knowledge base of known entities: typing evidence, canonical labels, owl:sameAs links.

Format: JSON Lines, one entry per line::

    {"id": "meta", "type": "Organization", "labels": {"en": "Meta", "ja": "メタ"},
     "aliases": ["Meta Platforms", "メタ・プラットフォームズ"],
     "same_as": ["http://www.wikidata.org/entity/Q380"]}

``id`` is an ASCII slug, ``type`` one of the six node types, ``labels`` the
display labels per language, ``aliases`` other surface forms, ``same_as`` IRIs
of the same thing elsewhere.  Matching folds width, case, spaces and variant
kanji.  The bundled default (``extractor/data/kb.jsonl``) covers well-known
organisations, people, products and places of technology and business news;
``--kb FILE`` (or ``KnowledgeBase.load(paths)``) adds the user's own, which
win over the bundled entries with the same id.

Example:
    >>> kb = KnowledgeBase.from_entries([KBEntry(id="acme", type="Organization", labels={"en": "ACME"})])
    >>> kb.lookup("ａｃｍｅ").id
    'acme'
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from extractor.entities.names import fold
from extractor.errors import Errors, InputError
from extractor.models import EntityType

__all__ = ["KBEntry", "KnowledgeBase", "default_kb"]


class KBEntry(BaseModel):
    """One known entity."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    type: EntityType
    labels: dict[str, str] = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The canonical label: English if known, else Japanese."""
        return self.labels.get("en") or self.labels.get("ja") or next(iter(self.labels.values()))

    def surfaces(self) -> Iterator[str]:
        """Labels and aliases."""
        yield from self.labels.values()
        yield from self.aliases


class KnowledgeBase:
    """Entries indexed by folded surface form."""

    def __init__(self) -> None:
        self.entries: dict[str, KBEntry] = {}
        self._index: dict[str, str] = {}

    @classmethod
    def from_entries(cls, entries: Iterable[KBEntry]) -> KnowledgeBase:
        kb = cls()
        for e in entries:
            kb.add(e)
        return kb

    @classmethod
    def load(cls, paths: Iterable[str | os.PathLike[str]] = (), *, bundled: bool = True) -> KnowledgeBase:
        """The bundled default plus the user's files (later entries win)."""
        kb = cls.from_entries(default_kb().entries.values()) if bundled else cls()
        for path in paths:
            for entry in read_entries(path):
                kb.add(entry)
        return kb

    def add(self, entry: KBEntry) -> None:
        old = self.entries.get(entry.id)
        if old is not None:
            for s in old.surfaces():
                if self._index.get(fold(s)) == old.id:
                    del self._index[fold(s)]
        self.entries[entry.id] = entry
        for s in entry.surfaces():
            key = fold(s)
            if key:
                self._index[key] = entry.id

    def lookup(self, surface: str) -> KBEntry | None:
        """The entry whose label or alias folds to the same key as ``surface``."""
        eid = self._index.get(fold(surface))
        return self.entries[eid] if eid else None

    def surfaces(self) -> list[str]:
        """Every label and alias (for gazetteer matching), longest first."""
        out = {s for e in self.entries.values() for s in e.surfaces() if len(s) >= 2}
        return sorted(out, key=lambda s: (-len(s), s))

    def __len__(self) -> int:
        return len(self.entries)


def read_entries(path: str | os.PathLike[str]) -> Iterator[KBEntry]:
    """Parse a KB JSON Lines file; raises :class:`InputError` with the line on a bad entry."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(Errors.E011.format(path=path, detail=exc.strerror or exc)) from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield KBEntry.model_validate(json.loads(line))
        except (json.JSONDecodeError, ValidationError) as exc:
            detail = f"line {n}: {str(exc).splitlines()[0]}"
            raise InputError(Errors.E011.format(path=path, detail=detail)) from exc


@functools.lru_cache(maxsize=1)
def default_kb() -> KnowledgeBase:
    """The bundled knowledge base (loaded once)."""
    data = resources.files("extractor").joinpath("data/kb.jsonl")
    kb = KnowledgeBase()
    if data.is_file():
        with resources.as_file(data) as path:
            for entry in read_entries(path):
                kb.add(entry)
    return kb
