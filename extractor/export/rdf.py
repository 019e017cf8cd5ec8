"""RDF exports: Turtle, JSON-LD, N-Triples, N-Quads and an rdflib graph.

The model (vocabulary in :mod:`extractor.ontology`, shapes in ``schemas/shapes.ttl``):

* each entity ``ent:<id> a kg:<Type>`` with ``rdfs:label`` per language
  (``labels``; the ``label`` itself is tagged ``@ja`` when it holds Japanese
  script and ``@en`` otherwise), ``skos:prefLabel`` for ``label``,
  ``skos:altLabel`` for the other aliases, ``owl:sameAs`` and ``kg:kbId``;
* each document ``doc:<id> a kg:Document`` with title, url, publication date,
  source and SHA-256; each entity mention a ``kg:Mention`` node (document,
  offsets, text, kind, ``kg:refersTo`` the entity) and ``ent:X kg:mentionedIn
  doc:D``;
* each relation the direct triple ``ent:S kg:<predicate> ent:O`` -- left out
  when the modality is ``negated``, since the text says it is *not* so -- and a
  statement node ``stmt:<relation.id> a kg:Statement`` with ``rdf:subject /
  rdf:predicate / rdf:object``, typed qualifiers, ``kg:confidence``
  (``xsd:decimal``), ``kg:modality``, ``kg:inferred`` and
  ``prov:wasDerivedFrom`` one ``kg:Mention`` per evidence sentence (document,
  ``xsd:integer`` offsets, sentence, rule, attribution).

Graphs: entity descriptions go to the **default graph**; everything read from
a document (its description, mentions, the statements it supports and their
evidence) goes to the **named graph whose name is the document IRI**.  A
statement supported by two documents is written into both graphs; one without
evidence goes to the default graph.  Only N-Quads keeps the named graphs:
Turtle, JSON-LD, N-Triples and :func:`to_rdflib` hold the union of all graphs
as one graph.

Every serialiser here writes its own text from one sorted list of quads, so the
output is byte-for-byte deterministic whatever the order of the input.

Example:
    >>> from extractor.models import Document, Entity, KnowledgeGraph, Mention
    >>> doc = Document(id="d1", text="Meta は")
    >>> e = Entity(id="E1", label="Meta", type="Organization",
    ...            mentions=(Mention(doc="d1", start=0, end=4, text="Meta"),))
    >>> kg = KnowledgeGraph(documents=(doc,), entities=(e,))
    >>> print([line for line in generate_ntriples(kg).splitlines() if "#type" in line][1])
    <https://w3id.org/extractor/entity/E1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/extractor/ontology#Organization> .
    >>> len(to_rdflib(kg)) == len(generate_ntriples(kg).splitlines())
    True
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

import rdflib

from extractor.errors import Errors, ExportError
from extractor.models import Entity, KnowledgeGraph, Relation
from extractor.ontology import (
    KG_NS,
    PREFIXES,
    PROV_NS,
    document_iri,
    entity_iri,
    evidence_iri,
    mention_iri,
    statement_iri,
)

__all__ = [
    "IRI",
    "Lit",
    "Quad",
    "detect_language",
    "generate_jsonld",
    "generate_nquads",
    "generate_ntriples",
    "generate_turtle",
    "nt_term",
    "to_quads",
    "to_rdflib",
]

RDF_NS = PREFIXES["rdf"]
RDFS_NS = PREFIXES["rdfs"]
XSD_NS = PREFIXES["xsd"]
SKOS_NS = PREFIXES["skos"]
OWL_NS = PREFIXES["owl"]

RDF_TYPE = RDF_NS + "type"
LANG_STRING = RDF_NS + "langString"
XSD_STRING = XSD_NS + "string"


class IRI(str):
    """An IRI (a ``str`` subclass, so it sorts and hashes like its text)."""

    __slots__ = ()


class Lit(NamedTuple):
    """A literal: lexical form, datatype IRI (``None`` = xsd:string) and language tag."""

    lexical: str
    datatype: str | None = None
    lang: str | None = None


Term = IRI | Lit


class Quad(NamedTuple):
    """One statement; ``graph`` is ``None`` for the default graph."""

    subject: IRI
    predicate: IRI
    object: Term
    graph: IRI | None


_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\u31f0-\u31ff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_LANG_TAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|^`\\\x7f]*$")
_PN_LOCAL = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?$")


def detect_language(text: str) -> str:
    """``"ja"`` when ``text`` holds Hiragana, Katakana or Kanji, else ``"en"``.

    Example:
        >>> detect_language("メタ"), detect_language("Meta"), detect_language("Llama 4 ベヒモス")
        ('ja', 'en', 'ja')
    """
    return "ja" if _JAPANESE.search(text) else "en"


# -- literal helpers ----------------------------------------------------------------------------


def _text(value: str, where: str) -> str:
    match = _SURROGATE.search(value)
    if match:
        raise ExportError(Errors.E023.format(where=where, code=ord(match.group())))
    return value


def _string(value: str, where: str) -> Lit:
    return Lit(_text(value, where))


def _lang_string(value: str, lang: str, where: str) -> Lit:
    if not _LANG_TAG.match(lang):
        raise ExportError(Errors.E026.format(where=where, lang=lang))
    return Lit(_text(value, where), LANG_STRING, lang.lower())


def _decimal(value: float, where: str, fmt: str = "xsd:decimal") -> Lit:
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, int):
        return Lit(str(value), XSD_NS + "decimal")
    if not math.isfinite(value):
        raise ExportError(Errors.E025.format(where=where, value=value, fmt=fmt))
    # the shortest decimal that round-trips the float, in XSD 1.1 canonical form (what Oxigraph stores):
    # no exponent, no trailing zeros, no decimal point for whole numbers
    number = Decimal(repr(float(value)))
    if number == number.to_integral_value():
        return Lit(str(int(number)), XSD_NS + "decimal")
    return Lit(format(number.normalize(), "f"), XSD_NS + "decimal")


def _integer(value: int) -> Lit:
    return Lit(str(int(value)), XSD_NS + "integer")


def _boolean(value: bool) -> Lit:
    return Lit("true" if value else "false", XSD_NS + "boolean")


def _valid_date(text: str) -> bool:
    try:
        _dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _date_literal(value: str, precision: str, where: str) -> Lit:
    """A typed date for the precision when the value fits it, else a plain string."""
    if precision == "year" and re.fullmatch(r"\d{4}", value):
        return Lit(value, XSD_NS + "gYear")
    if precision == "month" and re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        return Lit(value, XSD_NS + "gYearMonth")
    if precision == "day" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) and _valid_date(value):
        return Lit(value, XSD_NS + "date")
    return _string(value, where)


def _published_literal(value: str, where: str) -> Lit:
    """A document date typed by its ISO 8601 shape, else a plain string."""
    if re.fullmatch(r"\d{4}", value):
        return Lit(value, XSD_NS + "gYear")
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        return Lit(value, XSD_NS + "gYearMonth")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) and _valid_date(value):
        return Lit(value, XSD_NS + "date")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?", value):
        try:
            _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return _string(value, where)
        return Lit(value, XSD_NS + "dateTime")
    return _string(value, where)


def _absolute_iri(value: str, where: str) -> IRI:
    _text(value, where)
    if not _ABSOLUTE_IRI.match(value):
        raise ExportError(Errors.E024.format(where=where, value=value))
    return IRI(value)


def _doc(doc_id: str) -> IRI:
    _text(doc_id, f"document {doc_id!r}")
    return IRI(document_iri(doc_id))


# -- the graph as quads --------------------------------------------------------------------------


def _kg(name: str) -> IRI:
    return IRI(KG_NS + name)


def _entity_quads(e: Entity) -> Iterable[Quad]:
    s = IRI(entity_iri(e.id))
    where = f"entity {e.id}"
    yield Quad(s, IRI(RDF_TYPE), _kg(e.type), None)
    labels: dict[tuple[str, str], Lit] = {}
    for lang, value in e.labels.items():
        if value:
            lit = _lang_string(value, lang, f"{where} labels[{lang!r}]")
            labels[(lit.lexical, lit.lang or "")] = lit
    pref_lang = next((lang for lang, value in sorted(e.labels.items()) if value == e.label), None)
    pref = _lang_string(e.label, pref_lang or detect_language(e.label), f"{where} label")
    labels.setdefault((pref.lexical, pref.lang or ""), pref)
    for lit in labels.values():
        yield Quad(s, IRI(RDFS_NS + "label"), lit, None)
    yield Quad(s, IRI(SKOS_NS + "prefLabel"), pref, None)
    label_texts = {text for text, _ in labels}
    for alias in e.aliases:
        if alias and alias not in label_texts:
            yield Quad(s, IRI(SKOS_NS + "altLabel"),
                       _lang_string(alias, detect_language(alias), f"{where} alias"), None)
    for other in e.same_as:
        yield Quad(s, IRI(OWL_NS + "sameAs"), _absolute_iri(other, f"{where} same_as"), None)
    if e.kb_id:
        yield Quad(s, _kg("kbId"), _string(e.kb_id, f"{where} kb_id"), None)
    for m in e.mentions:
        g = _doc(m.doc)
        node = IRI(mention_iri(m.doc, m.start, m.end, e.id))
        yield Quad(s, _kg("mentionedIn"), g, g)
        yield Quad(node, IRI(RDF_TYPE), _kg("Mention"), g)
        yield Quad(node, _kg("document"), g, g)
        yield Quad(node, _kg("start"), _integer(m.start), g)
        yield Quad(node, _kg("end"), _integer(m.end), g)
        yield Quad(node, _kg("text"), _string(m.text, f"{where} mention"), g)
        yield Quad(node, _kg("mentionKind"), Lit(m.kind), g)
        yield Quad(node, _kg("refersTo"), s, g)


def _statement_body(r: Relation) -> list[tuple[IRI, Term]]:
    """Predicate/object pairs of the statement node, without provenance."""
    where = f"relation {r.id}"
    body: list[tuple[IRI, Term]] = [
        (IRI(RDF_TYPE), _kg("Statement")),
        (IRI(RDF_NS + "subject"), IRI(entity_iri(r.subject))),
        (IRI(RDF_NS + "predicate"), _kg(r.predicate)),
        (IRI(RDF_NS + "object"), IRI(entity_iri(r.object))),
        (_kg("confidence"), _decimal(r.confidence, f"{where} confidence")),
        (_kg("modality"), Lit(r.modality)),
        (_kg("inferred"), _boolean(r.inferred)),
    ]
    q = r.qualifiers
    if q.role is not None:
        body.append((_kg("role"), _string(q.role, f"{where} role")))
    if q.status is not None:
        body.append((_kg("status"), Lit(q.status)))
    if q.date is not None:
        d = q.date
        body.append((_kg("date"), _date_literal(d.value, d.precision, f"{where} date")))
        body.append((_kg("datePrecision"), Lit(d.precision)))
        if d.modifier:
            body.append((_kg("dateModifier"), Lit(d.modifier)))
        if d.inferred_year:
            body.append((_kg("yearInferred"), _boolean(True)))
        if d.text:
            body.append((_kg("dateText"), _string(d.text, f"{where} date text")))
    if q.amount is not None:
        a = q.amount
        body.append((_kg("amount"), _decimal(a.value, f"{where} amount")))
        body.append((_kg("currency"), _string(a.currency, f"{where} currency")))
        if a.upper is not None:
            body.append((_kg("amountUpper"), _decimal(a.upper, f"{where} amount upper bound")))
        if a.text:
            body.append((_kg("amountText"), _string(a.text, f"{where} amount text")))
    if q.stake is not None:
        body.append((_kg("stake"), _decimal(q.stake, f"{where} stake")))
    if q.count is not None:
        c = q.count
        body.append((_kg("count"), _decimal(c.value, f"{where} count")))
        if c.unit:
            body.append((_kg("unit"), _string(c.unit, f"{where} unit")))
        if c.text:
            body.append((_kg("countText"), _string(c.text, f"{where} count text")))
    if q.lemma is not None:
        body.append((_kg("lemma"), _string(q.lemma, f"{where} lemma")))
    return body


def _relation_quads(r: Relation) -> Iterable[Quad]:
    where = f"relation {r.id}"
    s, o = IRI(entity_iri(r.subject)), IRI(entity_iri(r.object))
    node = IRI(statement_iri(r.id))
    body = _statement_body(r)
    by_doc: dict[str, list] = defaultdict(list)
    for ev in r.evidence:
        by_doc[ev.doc].append(ev)
    graphs: list[IRI | None] = [_doc(d) for d in sorted(by_doc)] or [None]
    for g in graphs:
        if r.modality != "negated":
            yield Quad(s, _kg(r.predicate), o, g)
        for p, value in body:
            yield Quad(node, p, value, g)
    for doc_id, evidence in by_doc.items():
        g = _doc(doc_id)
        for ev in evidence:
            ev_node = IRI(evidence_iri(ev.doc, ev.start, ev.end, ev.rule, ev.attribution))
            yield Quad(node, IRI(PROV_NS + "wasDerivedFrom"), ev_node, g)
            yield Quad(ev_node, IRI(RDF_TYPE), _kg("Mention"), g)
            yield Quad(ev_node, _kg("document"), g, g)
            yield Quad(ev_node, _kg("start"), _integer(ev.start), g)
            yield Quad(ev_node, _kg("end"), _integer(ev.end), g)
            yield Quad(ev_node, _kg("sentence"), _string(ev.text, f"{where} evidence"), g)
            yield Quad(ev_node, _kg("rule"), _string(ev.rule, f"{where} evidence rule"), g)
            if ev.attribution:
                yield Quad(ev_node, _kg("attribution"),
                           _string(ev.attribution, f"{where} evidence attribution"), g)


def _document_quads(kg: KnowledgeGraph) -> Iterable[Quad]:
    for d in kg.documents:
        where = f"document {d.id!r}"
        g = _doc(d.id)
        yield Quad(g, IRI(RDF_TYPE), _kg("Document"), g)
        yield Quad(g, _kg("sha256"), Lit(d.sha256), g)
        if d.title:
            yield Quad(g, _kg("title"), _string(d.title, f"{where} title"), g)
        if d.url:
            yield Quad(g, _kg("url"), Lit(_text(d.url, f"{where} url"), XSD_NS + "anyURI"), g)
        if d.date:
            yield Quad(g, _kg("published"), _published_literal(d.date, f"{where} date"), g)
        if d.source:
            yield Quad(g, _kg("source"), _string(d.source, f"{where} source"), g)


def to_quads(kg: KnowledgeGraph) -> list[Quad]:
    """Every quad of the RDF export, deduplicated and sorted by N-Quads text.

    Raises:
        ExportError: a text holds an unpaired surrogate, a number is not
            finite, a ``same_as`` value is not an absolute IRI, or a label
            language is not a BCP 47 tag.

    Example:
        >>> from extractor.models import KnowledgeGraph
        >>> to_quads(KnowledgeGraph())
        []
    """
    quads: set[Quad] = set()
    quads.update(_document_quads(kg))
    for e in kg.entities:
        quads.update(_entity_quads(e))
    for r in kg.relations:
        quads.update(_relation_quads(r))
    return sorted(quads, key=_nquad_line)


# -- N-Triples / N-Quads -----------------------------------------------------------------------

_ESCAPES = {i: f"\\u{i:04X}" for i in range(0x20)}
_ESCAPES.update({0x7F: "\\u007F", 0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r",
                 0x22: '\\"', 0x5C: "\\\\"})
# Unicode line breaks that line-based tools (Python's str.splitlines, JavaScript) split on: escaped too.
_ESCAPES.update({c: f"\\u{c:04X}" for c in (0x85, 0x2028, 0x2029)})


def _quote(text: str) -> str:
    return '"' + text.translate(_ESCAPES) + '"'


def nt_term(term: Term) -> str:
    """A term in N-Triples syntax (canonical escaping: ``\\n \\r \\t \\" \\\\``, ``\\uXXXX``).

    Example:
        >>> nt_term(Lit('a"b\\n', None, None))
        '"a\\\\"b\\\\n"'
        >>> nt_term(Lit("メタ", LANG_STRING, "ja"))
        '"メタ"@ja'
    """
    if isinstance(term, IRI):
        return f"<{term}>"
    text = _quote(term.lexical)
    if term.lang:
        return f"{text}@{term.lang}"
    if term.datatype and term.datatype != XSD_STRING:
        return f"{text}^^<{term.datatype}>"
    return text


def _triple_line(q: Quad) -> str:
    return f"{nt_term(q.subject)} {nt_term(q.predicate)} {nt_term(q.object)} ."


def _nquad_line(q: Quad) -> str:
    if q.graph is None:
        return _triple_line(q)
    return f"{nt_term(q.subject)} {nt_term(q.predicate)} {nt_term(q.object)} {nt_term(q.graph)} ."


def _lines(lines: Iterable[str]) -> str:
    out = sorted(set(lines))
    return "\n".join(out) + "\n" if out else ""


def generate_ntriples(kg: KnowledgeGraph) -> str:
    """N-Triples of the union of all graphs: one sorted line per distinct triple.

    Example:
        >>> from extractor.models import KnowledgeGraph
        >>> generate_ntriples(KnowledgeGraph())
        ''
    """
    return _lines(_triple_line(q) for q in to_quads(kg))


def generate_nquads(kg: KnowledgeGraph) -> str:
    """N-Quads: entity descriptions in the default graph, one named graph per document.

    Example:
        >>> from extractor.models import Document, KnowledgeGraph
        >>> generate_nquads(KnowledgeGraph(documents=(Document(id="d 1", text="x"),))).count(" <https://w3id.org/extractor/doc/d%201> .")
        2
    """
    return _lines(_nquad_line(q) for q in to_quads(kg))


# -- Turtle -------------------------------------------------------------------------------------

_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def _compact(iri: str) -> str | None:
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns):
            local = iri[len(ns):]
            if _PN_LOCAL.match(local):
                return f"{prefix}:{local}"
            return None
    return None


def _ttl_term(term: Term) -> str:
    if isinstance(term, IRI):
        return _compact(term) or f"<{term}>"
    text = _quote(term.lexical)
    if term.lang:
        return f"{text}@{term.lang}"
    if term.datatype and term.datatype != XSD_STRING:
        return f"{text}^^{_ttl_term(IRI(term.datatype))}"
    return text


def _grouped(quads: Iterable[Quad]) -> dict[IRI, dict[IRI, set[Term]]]:
    subjects: dict[IRI, dict[IRI, set[Term]]] = defaultdict(lambda: defaultdict(set))
    for q in quads:
        subjects[q.subject][q.predicate].add(q.object)
    return subjects


def _predicate_order(p: str) -> tuple[int, str]:
    return (0 if p == RDF_TYPE else 1, p)


def generate_turtle(kg: KnowledgeGraph) -> str:
    """Turtle of the union of all graphs, sorted by subject, predicate and object.

    Example:
        >>> from extractor.models import Entity, KnowledgeGraph
        >>> ttl = generate_turtle(KnowledgeGraph(entities=(Entity(id="E1", label="メタ", type="Organization"),)))
        >>> "ent:E1 a kg:Organization ;" in ttl and '"メタ"@ja' in ttl
        True
    """
    out = [f"@prefix {prefix}: <{ns}> ." for prefix, ns in sorted(PREFIXES.items())]
    subjects = _grouped(to_quads(kg))
    for s in sorted(subjects):
        out.append("")
        preds = subjects[s]
        parts: list[str] = []
        for p in sorted(preds, key=_predicate_order):
            objects = sorted(preds[p], key=nt_term)
            verb = "a" if p == RDF_TYPE else _ttl_term(p)
            parts.append(f"{verb} " + ",\n        ".join(_ttl_term(o) for o in objects))
        out.append(_ttl_term(s) + " " + " ;\n    ".join(parts) + " .")
    return "\n".join(out) + "\n"


# -- JSON-LD ------------------------------------------------------------------------------------


def _jsonld_iri(iri: str, where: str = "IRI") -> str:
    compact = _compact(iri)
    if compact:
        return compact
    scheme = iri.split(":", 1)[0]
    if scheme in PREFIXES and not iri.startswith(PREFIXES[scheme]):
        # JSON-LD would read it as a compact IRI with our prefix: refuse rather than corrupt.
        raise ExportError(Errors.E024.format(where=where, value=iri))
    return iri


def _jsonld_value(term: Term) -> dict[str, str]:
    if isinstance(term, IRI):
        return {"@id": _jsonld_iri(term)}
    if term.lang:
        return {"@value": term.lexical, "@language": term.lang}
    if term.datatype and term.datatype != XSD_STRING:
        return {"@value": term.lexical, "@type": _jsonld_iri(term.datatype)}
    return {"@value": term.lexical}


def generate_jsonld(kg: KnowledgeGraph) -> str:
    """JSON-LD (one flat ``@graph``, the union of all graphs) with the ``kg:`` prefixes as context.

    Example:
        >>> import json
        >>> from extractor.models import KnowledgeGraph
        >>> json.loads(generate_jsonld(KnowledgeGraph()))["@graph"]
        []
    """
    subjects = _grouped(to_quads(kg))
    nodes = []
    for s in sorted(subjects):
        node: dict[str, object] = {"@id": _jsonld_iri(s)}
        preds = subjects[s]
        for p in sorted(preds, key=_predicate_order):
            objects = sorted(preds[p], key=nt_term)
            if p == RDF_TYPE and all(isinstance(o, IRI) for o in objects):
                node["@type"] = [_jsonld_iri(o) for o in objects]
            else:
                node[_jsonld_iri(p)] = [_jsonld_value(o) for o in objects]
        nodes.append(node)
    doc = {"@context": dict(sorted(PREFIXES.items())), "@graph": nodes}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


# -- rdflib -------------------------------------------------------------------------------------


def _rdflib_term(term: Term) -> rdflib.term.Node:
    if isinstance(term, IRI):
        return rdflib.URIRef(term)
    if term.lang:
        return rdflib.Literal(term.lexical, lang=term.lang)
    if term.datatype and term.datatype != XSD_STRING:
        return rdflib.Literal(term.lexical, datatype=rdflib.URIRef(term.datatype))
    return rdflib.Literal(term.lexical)


def to_rdflib(kg: KnowledgeGraph) -> rdflib.Graph:
    """A plain ``rdflib.Graph`` holding the union of all graphs, prefixes bound.

    It is not a ``Dataset``: rdflib's SPARQL over a plain graph sees every
    triple without ``GRAPH`` clauses.  Use :func:`generate_nquads` to keep the
    per-document named graphs.

    Example:
        >>> from extractor.models import Entity, KnowledgeGraph
        >>> g = to_rdflib(KnowledgeGraph(entities=(Entity(id="E1", label="Meta", type="Organization"),)))
        >>> sorted(str(o) for o in g.objects(predicate=rdflib.RDFS.label))
        ['Meta']
    """
    graph = rdflib.Graph(bind_namespaces="none")
    for prefix, ns in sorted(PREFIXES.items()):
        graph.bind(prefix, rdflib.Namespace(ns), override=True, replace=True)
    for q in to_quads(kg):
        graph.add((_rdflib_term(q.subject), _rdflib_term(q.predicate), _rdflib_term(q.object)))
    return graph
