"""The project's RDF vocabulary (``kg:``) and the IRIs given to graph objects.

Every class and property that an export writes is listed in :class:`KG`, an
rdflib ``DefinedNamespace`` that refuses unknown names, and is described
(labels in Japanese and English, comments, domains, ranges, Wikidata and
schema.org alignments) in ``schemas/ontology.ttl``.  A test keeps the two in
step with each other and with what the exporters emit.

IRIs:

* entity ``https://w3id.org/extractor/entity/<entity.id>`` (ids are ASCII);
* statement ``https://w3id.org/extractor/statement/<relation.id>``;
* document ``https://w3id.org/extractor/doc/<id>`` with every character outside
  the URI unreserved set percent-encoded (UTF-8), so no raw spaces or
  Japanese characters;
* mention ``https://w3id.org/extractor/mention/<hash>``: a deterministic hash of
  what the span is (document, offsets, entity or rule).

Example:
    >>> str(KG.worksFor)
    'https://w3id.org/extractor/ontology#worksFor'
    >>> document_iri("記事 1.txt")
    'https://w3id.org/extractor/doc/%E8%A8%98%E4%BA%8B%201.txt'
    >>> entity_iri("E1")
    'https://w3id.org/extractor/entity/E1'
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = [
    "BASE",
    "BASE_GRAPH",
    "DOC_NS",
    "ENTITY_CLASSES",
    "ENT_NS",
    "GRAPH_NS",
    "KG",
    "KG_NS",
    "MENTION_NS",
    "META_GRAPH",
    "PREFIXES",
    "PROV_NS",
    "QUERY_PREFIXES",
    "SCHEMA_NS",
    "STATEMENT_NS",
    "WDT_NS",
    "document_iri",
    "entity_iri",
    "evidence_iri",
    "mention_iri",
    "statement_iri",
]

BASE = "https://w3id.org/extractor/"
KG_NS = BASE + "ontology#"
ENT_NS = BASE + "entity/"
STATEMENT_NS = BASE + "statement/"
MENTION_NS = BASE + "mention/"
DOC_NS = BASE + "doc/"
GRAPH_NS = BASE + "graph/"
#: named graph of the on-disk store that records which documents were ingested
META_GRAPH = GRAPH_NS + "meta"
#: named graph of the on-disk store holding what the exports put in the default graph
#: (entity descriptions, statements without evidence)
BASE_GRAPH = GRAPH_NS + "base"
PROV_NS = "http://www.w3.org/ns/prov#"
SCHEMA_NS = "https://schema.org/"
WDT_NS = "http://www.wikidata.org/prop/direct/"

#: prefix -> namespace IRI, declared in every Turtle / JSON-LD export and for every SPARQL query
PREFIXES: dict[str, str] = {
    "doc": DOC_NS,
    "ent": ENT_NS,
    "kg": KG_NS,
    "mention": MENTION_NS,
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": PROV_NS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "stmt": STATEMENT_NS,
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

#: prefixes declared for every SPARQL query (the export prefixes plus schema: and wdt:)
QUERY_PREFIXES: dict[str, str] = dict(sorted({**PREFIXES, "schema": SCHEMA_NS, "wdt": WDT_NS}.items()))

#: the six entity classes, in the order of ``extractor.models.ENTITY_TYPES``
ENTITY_CLASSES: tuple[str, ...] = ("Person", "Organization", "Product", "Place", "Facility", "Event")


class KG(DefinedNamespace):
    """The ``kg:`` vocabulary; ``KG.unknownName`` raises ``AttributeError``.

    Example:
        >>> KG.Statement
        rdflib.term.URIRef('https://w3id.org/extractor/ontology#Statement')
    """

    _NS = Namespace(KG_NS)
    _fail = True

    # classes
    Person: URIRef
    Organization: URIRef
    Product: URIRef
    Place: URIRef
    Facility: URIRef
    Event: URIRef
    Document: URIRef
    Mention: URIRef
    Statement: URIRef

    # relation vocabulary (object properties between entities)
    worksFor: URIRef
    leads: URIRef
    founded: URIRef
    memberOf: URIRef
    leftOrganization: URIRef
    partOf: URIRef
    owns: URIRef
    investsIn: URIRef
    acquires: URIRef
    partnerOf: URIRef
    competitorOf: URIRef
    develops: URIRef
    operates: URIRef
    basedOn: URIRef
    locatedIn: URIRef
    funds: URIRef
    laysOff: URIRef
    relatedTo: URIRef

    # other object properties
    mentionedIn: URIRef
    document: URIRef
    refersTo: URIRef

    # statement qualifiers and provenance (datatype properties)
    role: URIRef
    status: URIRef
    date: URIRef
    datePrecision: URIRef
    dateModifier: URIRef
    dateText: URIRef
    yearInferred: URIRef
    amount: URIRef
    currency: URIRef
    amountUpper: URIRef
    amountText: URIRef
    stake: URIRef
    count: URIRef
    unit: URIRef
    countText: URIRef
    lemma: URIRef
    confidence: URIRef
    modality: URIRef
    inferred: URIRef

    # spans (mentions and evidence sentences)
    start: URIRef
    end: URIRef
    text: URIRef
    mentionKind: URIRef
    sentence: URIRef
    rule: URIRef
    attribution: URIRef

    # entities and documents
    kbId: URIRef
    title: URIRef
    url: URIRef
    published: URIRef
    source: URIRef
    sha256: URIRef
    extractorVersion: URIRef


def entity_iri(entity_id: str) -> str:
    """IRI of an entity (its id is already an ASCII token).

    Example:
        >>> entity_iri("Q_meta")
        'https://w3id.org/extractor/entity/Q_meta'
    """
    return ENT_NS + entity_id


def statement_iri(relation_id: str) -> str:
    """IRI of the statement node of a relation.

    Example:
        >>> statement_iri("R1")
        'https://w3id.org/extractor/statement/R1'
    """
    return STATEMENT_NS + relation_id


def document_iri(doc_id: str) -> str:
    """IRI of a document: the id percent-encoded outside ``A-Z a-z 0-9 - . _ ~``.

    Example:
        >>> document_iri("a/b?c")
        'https://w3id.org/extractor/doc/a%2Fb%3Fc'
    """
    return DOC_NS + quote(doc_id, safe="", encoding="utf-8", errors="strict")


def _digest(*parts: str | int) -> str:
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def mention_iri(doc_id: str, start: int, end: int, entity_id: str) -> str:
    """IRI of the mention of ``entity_id`` at ``[start, end)`` of a document.

    Example:
        >>> mention_iri("d1", 0, 4, "E1").startswith("https://w3id.org/extractor/mention/m")
        True
    """
    return MENTION_NS + "m" + _digest("mention", doc_id, start, end, entity_id)


def evidence_iri(doc_id: str, start: int, end: int, rule: str, attribution: str | None) -> str:
    """IRI of an evidence span: the sentence ``[start, end)`` read by ``rule``.

    Example:
        >>> evidence_iri("d1", 0, 9, "copula", None).startswith("https://w3id.org/extractor/mention/e")
        True
    """
    return MENTION_NS + "e" + _digest("evidence", doc_id, start, end, rule, attribution or "")
