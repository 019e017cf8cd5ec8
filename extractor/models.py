"""Validated data model of an extraction result.

Every object is a frozen Pydantic model that rejects unknown fields.  A
:class:`KnowledgeGraph` checks the cross-object rules that make the output
trustworthy: every mention and evidence span equals the document text at its
character offsets (offsets index the text *as the user gave it*), ids are
unique, and every relation points at existing entities.

Example:
    >>> doc = Document(id="d1", text="Meta は")
    >>> m = Mention(doc="d1", start=0, end=4, text="Meta")
    >>> e = Entity(id="E1", label="Meta", type="Organization", mentions=(m,))
    >>> KnowledgeGraph(documents=(doc,), entities=(e,)).entities[0].label
    'Meta'
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

if TYPE_CHECKING:  # pragma: no cover
    import networkx
    import rdflib

__all__ = [
    "ENTITY_TYPES",
    "MODALITIES",
    "PREDICATES",
    "Amount",
    "DateValue",
    "Document",
    "Entity",
    "EntityType",
    "Evidence",
    "KnowledgeGraph",
    "Mention",
    "Modality",
    "Predicate",
    "Qualifiers",
    "Quantity",
    "Relation",
    "content_hash",
]

EntityType = Literal["Person", "Organization", "Product", "Place", "Facility", "Event"]
ENTITY_TYPES: tuple[str, ...] = EntityType.__args__  # type: ignore[attr-defined]

Predicate = Literal[
    "worksFor",
    "leads",
    "founded",
    "memberOf",
    "leftOrganization",
    "partOf",
    "owns",
    "investsIn",
    "acquires",
    "partnerOf",
    "competitorOf",
    "develops",
    "operates",
    "basedOn",
    "locatedIn",
    "funds",
    "laysOff",
    "relatedTo",
]
PREDICATES: tuple[str, ...] = Predicate.__args__  # type: ignore[attr-defined]

Modality = Literal["asserted", "reported", "hedged", "negated"]
MODALITIES: tuple[str, ...] = Modality.__args__  # type: ignore[attr-defined]

MentionKind = Literal["name", "anaphor", "description"]


def content_hash(text: str) -> str:
    """SHA-256 of a document's text (UTF-8), used for incremental runs.

    Example:
        >>> content_hash("")[:8]
        'e3b0c442'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Document(_Frozen):
    """One source document.  ``text`` is exactly the text that was analysed."""

    id: str = Field(min_length=1, description="Document id, unique in a graph.")
    text: str = Field(description="The document text as given; all offsets index it.")
    title: str | None = None
    url: str | None = None
    date: str | None = Field(default=None, description="Publication date, ISO 8601.")
    source: str | None = Field(default=None, description="Path or name the document came from.")
    sha256: str = Field(default="", description="SHA-256 of text; filled in when empty.")

    @model_validator(mode="before")
    @classmethod
    def _fill_hash(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("sha256") and isinstance(data.get("text"), str):
            data = {**data, "sha256": content_hash(data["text"])}
        return data


class Mention(_Frozen):
    """A span of a document that refers to an entity."""

    doc: str = Field(description="Id of the document.")
    start: int = Field(ge=0, description="Start offset in characters.")
    end: int = Field(ge=0, description="End offset in characters (exclusive).")
    text: str = Field(min_length=1, description="The document text at [start, end).")
    kind: MentionKind = Field(default="name", description="name, anaphor (同社) or description.")

    @model_validator(mode="after")
    def _ordered(self) -> Mention:
        if self.end <= self.start:
            raise ValueError(f"mention end {self.end} must be greater than start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"mention text {self.text!r} has length {len(self.text)}, not end - start")
        return self


class Entity(_Frozen):
    """A real-world thing: one node of the graph."""

    id: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_.-]*$", description="Stable ASCII id.")
    label: str = Field(min_length=1, description="Preferred display label.")
    labels: dict[str, str] = Field(default_factory=dict, description="Labels per language (ja, en).")
    type: EntityType
    aliases: tuple[str, ...] = Field(default=(), description="Every surface form seen or known.")
    mentions: tuple[Mention, ...] = ()
    same_as: tuple[str, ...] = Field(default=(), description="IRIs of the same thing elsewhere (Wikidata).")
    kb_id: str | None = Field(default=None, description="Knowledge-base id when linked.")


class DateValue(_Frozen):
    """A date as ISO 8601 with its precision (2025-10, 2026, 2015-Q1)."""

    value: str = Field(description="ISO 8601: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Qn.")
    precision: Literal["year", "quarter", "month", "day"]
    modifier: Literal["early", "mid", "late"] | None = None
    inferred_year: bool = Field(default=False, description="Year taken from context, not the text.")
    text: str = ""


class Amount(_Frozen):
    """A money amount: number and ISO 4217 currency."""

    value: int | float
    currency: str
    upper: int | float | None = Field(default=None, description="Upper bound of a range (700〜720億).")
    text: str = ""


class Quantity(_Frozen):
    """A count or measure (600 人)."""

    value: int | float
    unit: str = ""
    text: str = ""


class Qualifiers(_Frozen):
    """Typed qualifiers of a statement; all optional."""

    role: str | None = None
    status: Literal["current", "former"] | None = None
    date: DateValue | None = None
    amount: Amount | None = None
    stake: float | None = Field(default=None, ge=0, le=100, description="Percent of shares.")
    count: Quantity | None = None
    lemma: str | None = Field(default=None, description="Predicate lemma (for relatedTo).")


class Evidence(_Frozen):
    """Where a statement was read: the sentence, its offsets and the rule."""

    doc: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str = Field(description="The sentence: document text at [start, end).")
    rule: str = Field(description="Name of the rule that produced the statement.")
    attribution: str | None = Field(default=None, description="Named source or speaker.")


class Relation(_Frozen):
    """A typed statement between two entities."""

    id: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_.-]*$")
    subject: str
    predicate: Predicate
    object: str
    qualifiers: Qualifiers = Qualifiers()
    confidence: float = Field(ge=0.0, le=1.0)
    modality: Modality = "asserted"
    inferred: bool = Field(default=False, description="Needs document-level reasoning.")
    evidence: tuple[Evidence, ...] = ()


class KnowledgeGraph(_Frozen):
    """Documents, entities and relations, validated as a whole."""

    documents: tuple[Document, ...] = ()
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> KnowledgeGraph:
        docs: dict[str, str] = {}
        for d in self.documents:
            if d.id in docs:
                raise ValueError(f"duplicate document id {d.id!r}")
            docs[d.id] = d.text
        ids: set[str] = set()
        for e in self.entities:
            if e.id in ids:
                raise ValueError(f"duplicate entity id {e.id!r}")
            ids.add(e.id)
            for m in e.mentions:
                _check_span(docs, m.doc, m.start, m.end, m.text, f"mention of {e.id}")
        rel_ids: set[str] = set()
        for r in self.relations:
            if r.id in rel_ids:
                raise ValueError(f"duplicate relation id {r.id!r}")
            rel_ids.add(r.id)
            for end in (r.subject, r.object):
                if end not in ids:
                    raise ValueError(f"relation {r.id} points at unknown entity {end!r}")
            for ev in r.evidence:
                _check_span(docs, ev.doc, ev.start, ev.end, ev.text, f"evidence of {r.id}")
        return self

    # -- conveniences (implemented in the export modules) -------------------
    def entity(self, key: str) -> Entity | None:
        """The entity with this id, label or alias, or None.

        Example:
            >>> KnowledgeGraph().entity("Meta") is None
            True
        """
        for e in self.entities:
            if key == e.id or key == e.label or key in e.aliases:
                return e
        return None

    def to_json(self, *, indent: int | None = 1) -> str:
        """Canonical JSON text (UTF-8, keys in model order, no trailing spaces)."""
        from extractor.export.json_io import generate_json

        return generate_json(self, indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes) -> KnowledgeGraph:
        """Load a graph written by :meth:`to_json`."""
        return cls.model_validate_json(text)

    def to_networkx(self) -> networkx.MultiDiGraph:
        """A networkx MultiDiGraph: one node per entity, one edge per relation."""
        from extractor.export.nx import to_networkx

        return to_networkx(self)

    def to_rdflib(self) -> rdflib.Graph:
        """An rdflib Graph (or Dataset-free graph) of the RDF export."""
        from extractor.export.rdf import to_rdflib

        return to_rdflib(self)

    def query(self, sparql: str) -> list[dict[str, Any]]:
        """Run a SPARQL SELECT over the graph (Oxigraph in memory); rows as dicts."""
        from extractor.store import query_graph

        return query_graph(self, sparql)


def _check_span(docs: dict[str, str], doc: str, start: int, end: int, text: str, what: str) -> None:
    if doc not in docs:
        raise ValueError(f"{what} names unknown document {doc!r}")
    body = docs[doc]
    if end > len(body) or body[start:end] != text:
        raise ValueError(
            f"{what}: text {text!r} does not equal document {doc!r} at [{start}, {end})"
        )
