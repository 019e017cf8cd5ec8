"""The extractor: text → GiNZA → entities → relations → a validated :class:`KnowledgeGraph`.

One direction only.  ``Extractor`` loads the model once; ``extract`` handles
one text, ``extract_documents`` streams many (``nlp.pipe`` over paragraph
units, optionally in several processes) and yields one graph per document;
:func:`merge_graphs` joins them into one graph with cross-document entities.

Example:
    >>> from extractor import Extractor
    >>> kx = Extractor()  # doctest: +SKIP
    >>> kg = kx.extract("ソニーの吉田憲一郎社長は東京で会見した。", doc_id="d1")  # doctest: +SKIP
    >>> sorted(e.type for e in kg.entities)  # doctest: +SKIP
    ['Organization', 'Person', 'Place']
"""

from __future__ import annotations

import datetime as _dt
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from extractor.entities.coref import resolve
from extractor.entities.linking import Cluster, Placed, link
from extractor.entities.proposals import Candidate, propose
from extractor.kb import KnowledgeBase
from extractor.models import Document, Entity, KnowledgeGraph, Mention, Relation
from extractor.nlp.model import DEFAULT_MODEL, load_model
from extractor.nlp.normalize import Normalized, normalize
from extractor.nlp.segment import Unit, segment
from extractor.relations.extract import extract_relations
from extractor.merge import merge_graphs

__all__ = ["Analysis", "Extractor", "ParsedUnit", "analyze", "build_graph", "identity", "merge_graphs"]

#: salience of a mention by the particle that marks it
SALIENCE = {"は": 3.0, "が": 2.0, "も": 1.5}


@dataclass
class ParsedUnit:
    """A parsed unit: its index, offset in the normalised text, Doc and first sentence index."""

    index: int
    offset: int
    doc: Doc
    first_sent: int


@dataclass
class Analysis:
    """Everything known about one document before it becomes a graph."""

    document: Document
    norm: Normalized
    units: list[ParsedUnit]
    placed: list[Placed]
    clusters: list[Cluster]
    ref_date: _dt.date | None

    def original(self, start: int, end: int) -> tuple[int, int, str]:
        """Map a normalised span to original offsets and text."""
        s, e = self.norm.span(start, end)
        return s, e, self.document.text[s:e]


class Extractor:
    """Loads the model and knowledge base once; turns texts into knowledge graphs.

    Args:
        nlp: a loaded GiNZA pipeline (default: ``spacy.load(model)``).
        model: the spaCy package to load when ``nlp`` is not given.
        kb: a knowledge base (default: the bundled one plus ``kb_paths``).
        kb_paths: the user's knowledge-base files (JSON Lines).
        batch_size: units per ``nlp.pipe`` batch (small keeps memory flat).
    """

    def __init__(
        self,
        nlp: Language | None = None,
        *,
        model: str = DEFAULT_MODEL,
        kb: KnowledgeBase | None = None,
        kb_paths: Sequence[str] = (),
        batch_size: int = 32,
    ) -> None:
        self.nlp = nlp if nlp is not None else load_model(model)
        self.kb = kb if kb is not None else KnowledgeBase.load(kb_paths)
        self.batch_size = batch_size
        self._kb_surfaces = self.kb.surfaces()

    def extract(
        self,
        text: str,
        doc_id: str = "doc",
        *,
        title: str | None = None,
        url: str | None = None,
        date: str | None = None,
        source: str | None = None,
    ) -> KnowledgeGraph:
        """Extract the graph of one text.

        Example:
            >>> kg = Extractor().extract("メタは米国の企業だ。", doc_id="d1")  # doctest: +SKIP
            >>> [e.label for e in kg.entities]  # doctest: +SKIP
            ['Meta', 'United States']
        """
        document = Document(id=doc_id, text=text, title=title, url=url, date=date, source=source)
        return next(iter(self.extract_documents([document])))

    def extract_documents(
        self,
        documents: Iterable[Document],
        *,
        n_process: int = 1,
        on_error: Callable[[Document, Exception], None] | None = None,
    ) -> Iterator[KnowledgeGraph]:
        """Stream one graph per document, in input order.

        With ``on_error``, a document whose analysis fails is reported to it and
        skipped, so one bad document never stops a corpus; without it the error
        propagates.
        """
        for document, units in self._parse(documents, n_process=n_process):
            try:
                graph = build_graph(analyze(document, units, self.kb, self._kb_surfaces))
            except Exception as exc:  # noqa: BLE001 - reported per document, the corpus goes on
                if on_error is None:
                    raise
                on_error(document, exc)
                continue
            yield graph

    def _parse(self, documents: Iterable[Document], *, n_process: int) -> Iterator[tuple[Document, list[Doc]]]:
        """Parse the units of each document with ``nlp.pipe``, streaming.

        Plain strings go to ``nlp.pipe`` (workers tokenize them themselves); a
        queue beside it remembers which document each unit belongs to, since
        spaCy keeps the order.
        """
        pending: deque[Document] = deque()
        owner: deque[int] = deque()

        def texts() -> Iterator[str]:
            for i, document in enumerate(documents):
                pending.append(document)
                units = list(segment(normalize(document.text).text)) or [Unit(0, "")]
                for u in units:
                    owner.append(i)
                    yield u.text

        current: list[Doc] = []
        current_doc = 0
        for doc in self.nlp.pipe(texts(), batch_size=self.batch_size, n_process=n_process):
            i = owner.popleft()
            while i != current_doc:
                yield pending.popleft(), current
                current, current_doc = [], current_doc + 1
            if doc.text:
                current.append(doc)
        while pending:
            yield pending.popleft(), current
            current = []


def analyze(
    document: Document,
    docs: Sequence[Doc],
    kb: KnowledgeBase,
    kb_surfaces: Sequence[str] = (),
    *,
    units: Sequence[Unit] | None = None,
    norm: Normalized | None = None,
) -> Analysis:
    """Entities and anaphora of one document from its parsed units.

    By default the document is normalised and segmented as :class:`Extractor`
    does; a spaCy component passes its one Doc with ``norm=identity(text)`` and
    ``units=[Unit(0, text)]``.
    """
    if norm is None:
        norm = normalize(document.text)
    if units is None:
        units = list(segment(norm.text))
    parsed: list[ParsedUnit] = []
    placed: list[Placed] = []
    sent_index = 0
    for k, (unit, doc) in enumerate(zip(units, docs)):
        pu = ParsedUnit(k, unit.start, doc, sent_index)
        parsed.append(pu)
        sent_starts = [s.start_char for s in doc.sents]
        for cand in propose(doc, kb_surfaces):
            sent = sent_index + max(0, sum(1 for s in sent_starts if s <= cand.start) - 1)
            placed.append(Placed(cand, k, unit.start + cand.start, unit.start + cand.end, sent, _salience(doc, cand)))
        sent_index += len(sent_starts)
    clusters = link([p for p in placed if p.cand.kind == "name"], norm.text, kb)
    for ci, c in enumerate(clusters):
        for m in c.mentions:
            m.clusters.append(ci)
    resolve([p for p in placed if p.cand.kind == "anaphor"], clusters)
    return Analysis(document, norm, parsed, placed, clusters, _ref_date(document.date))


def identity(text: str) -> Normalized:
    """A normalisation that changes nothing (for Docs parsed from the raw text)."""
    return Normalized(text, tuple(range(len(text))), len(text))


def _salience(doc: Doc, cand: Candidate) -> float:
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None:
        return 1.0
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.text in ("氏", "さん") and span.end + 1 < len(doc):
        nxt = doc[span.end + 1]
    if nxt is not None and nxt.text in SALIENCE:
        return SALIENCE[nxt.text]
    return 1.0


def _ref_date(value: str | None) -> _dt.date | None:
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def build_graph(an: Analysis, *, relations: bool = True) -> KnowledgeGraph:
    """Turn an analysis into a validated one-document graph (entities, then relations)."""
    doc_id = an.document.id
    entities: list[Entity] = []
    ids: dict[int, str] = {}
    for ci, c in enumerate(an.clusters):
        mentions: dict[tuple[int, int], Mention] = {}
        aliases: list[str] = []
        for m in sorted(c.mentions, key=lambda m: m.start):
            s, e, text = an.original(m.start, m.end)
            if not text or (s, e) in mentions:
                continue
            kind = "anaphor" if m.cand.kind == "anaphor" else "name"
            mentions[(s, e)] = Mention(doc=doc_id, start=s, end=e, text=text, kind=kind)
            if kind == "name" and text.strip() not in aliases:
                aliases.append(text.strip())
        for label in (c.label, *c.labels.values()):
            if label not in aliases:
                aliases.append(label)
        ids[ci] = c.id
        entities.append(
            Entity(
                id=c.id,
                label=c.label,
                labels=dict(sorted(c.labels.items())),
                type=c.type,  # type: ignore[arg-type]
                aliases=tuple(aliases),
                mentions=tuple(mentions.values()),
                same_as=tuple(c.kb.same_as) if c.kb else (),
                kb_id=c.kb.id if c.kb else None,
            )
        )
    statements: list[Relation] = list(extract_relations(an, ids)) if relations else []
    graph = KnowledgeGraph(documents=(an.document,), entities=tuple(entities), relations=tuple(statements))
    return merge_graphs([graph])
