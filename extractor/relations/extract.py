"""Run the relation rules over a document analysis and build validated relations.

Steps: sentences with resolved mentions (names, anaphors and definite
descriptions such as 「Scale AI の元 CEO」) → every rule of
:data:`~extractor.relations.rules.RULES` → document-level reconciliation (a
person who left an organisation worked there formerly) → one
:class:`~extractor.models.Relation` per (subject, predicate, object), with
typed qualifiers, confidence, modality, attribution and evidence.

Example:
    >>> from extractor.relations.rules import RULES
    >>> len(RULES) > 5
    True
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from extractor.entities.labels import category
from extractor.entities.lexicon import HONORIFICS
from extractor.models import Evidence, Qualifiers, Relation
from extractor.relations.context import Fact, Mention, Sentence
from extractor.relations.ids import relation_id
from extractor.relations.modality import CONFIDENCE_FACTOR, attribution, is_negated, sentence_modality
from extractor.relations.rules import RULES, DocContext
from extractor.relations.vocabulary import VOCABULARY
from extractor.values import parse_date

if TYPE_CHECKING:  # pragma: no cover
    from extractor.pipeline import Analysis

__all__ = ["extract_relations", "relation_id"]

_FORMER = re.compile(r"^\s*(元|前)")


def extract_relations(an: Analysis, ids: dict[int, str]) -> Iterator[Relation]:
    """All relations of one analysed document."""
    types = {c.id: c.type or "" for c in an.clusters}
    ctx = DocContext(
        types=types,
        focal_org=_focal_org(an),
        kb_ids={c.id: (c.kb.id if c.kb else None) for c in an.clusters},
        ref_date=an.ref_date,
    )
    facts: list[tuple[Fact, Sentence]] = []
    prev_persons: list[Mention] = []
    for sent in _sentences(an, ids):
        _add_descriptions(sent, prev_persons)
        for rule in RULES:
            for fact in rule(sent, ctx):
                facts.append((fact, sent))
        persons = sorted((m for m in sent.mentions if m.type == "Person" and m.kind == "name"), key=lambda m: -m.start)
        if persons:
            prev_persons = persons
    yield from _build(an, facts, ctx)


def _focal_org(an: Analysis) -> str | None:
    """The organisation the article is about: most salience over all its mentions."""
    best, score = None, 0.0
    for c in an.clusters:
        if c.type != "Organization":
            continue
        s = sum(m.salience for m in c.mentions)
        if s > score or (s == score and best is not None and c.id < best):
            best, score = c.id, s
    return best if score >= 3.0 else None


def _sentences(an: Analysis, ids: dict[int, str]) -> Iterator[Sentence]:
    by_unit: dict[int, list] = {}
    for p in an.placed:
        by_unit.setdefault(p.unit, []).append(p)
    index = 0
    for pu in an.units:
        placed = by_unit.get(pu.index, [])
        for span in pu.doc.sents:
            ms = []
            for p in placed:
                if span.start_char <= p.cand.start < span.end_char:
                    for ci in p.clusters:
                        c = an.clusters[ci]
                        ms.append(Mention(p.cand.start, p.cand.end, ids[ci], c.type or "", p.cand.kind,
                                          p.cand.role, p.cand.former))
            yield Sentence(span, ms, pu.offset + span.start_char, index)
            index += 1


def _add_descriptions(sent: Sentence, prev_persons: list[Mention]) -> None:
    """Org の 元 CEO as the subject of a sentence with no name: the person of the previous sentence."""
    if not prev_persons or any(m.type == "Person" and m.kind == "name" for m in sent.mentions):
        return
    doc = sent.span.doc
    for ent in sent.span.ents:
        if category(ent.label_) != "Position":
            continue
        after = doc[ent.end] if ent.end < len(doc) else None
        before = doc.text[max(0, ent.start_char - 12) : ent.start_char].rstrip()
        if after is None or after.text not in ("は", "が") or not before.endswith("の"):
            continue
        if after.text in HONORIFICS:
            continue
        person = prev_persons[0]
        m = Mention(ent.start_char, ent.end_char, person.entity, "Person", "description",
                    role=ent.text, former=bool(_FORMER.match(ent.text)))
        sent.mentions.append(m)
        for t in ent:
            sent.by_token.setdefault(t.i, []).append(m)


def _build(an: Analysis, facts: list[tuple[Fact, Sentence]], ctx: DocContext) -> Iterator[Relation]:
    doc_id = an.document.id
    merged: dict[str, dict] = {}
    for fact, sent in facts:
        info = VOCABULARY[fact.predicate]
        s, o = fact.subject, fact.object
        if info.symmetric and o < s:
            s, o = o, s
        negated = fact.anchor is not None and is_negated(fact.anchor)
        modality = "negated" if negated else (fact.modality or sentence_modality(sent.text))
        quals = dict(fact.qualifiers)
        if isinstance(quals.get("date"), str):
            quals["date"] = parse_date(quals["date"], ref=ctx.ref_date)
        if fact.predicate == "relatedTo" and fact.anchor is not None:
            quals.setdefault("lemma", fact.anchor.lemma_)
        rid = relation_id(s, fact.predicate, o, negated)
        start, end, text = an.original(sent.doc_start, sent.doc_start + len(sent.text))
        ev = Evidence(doc=doc_id, start=start, end=end, text=text, rule=fact.rule, attribution=attribution(sent.text))
        conf = round(fact.confidence * CONFIDENCE_FACTOR[modality], 3)
        entry = merged.setdefault(rid, {
            "id": rid, "subject": s, "predicate": fact.predicate, "object": o, "qualifiers": {},
            "confidence": 0.0, "modality": modality, "inferred": fact.inferred, "evidence": [],
        })
        for k, v in quals.items():
            if v is not None:
                entry["qualifiers"].setdefault(k, v)
        entry["confidence"] = max(entry["confidence"], conf)
        entry["inferred"] = entry["inferred"] and fact.inferred
        if _rank(modality) > _rank(entry["modality"]):
            entry["modality"] = modality
        entry["evidence"].append(ev)
    # a person who left an organisation worked there formerly
    left = {(e["subject"], e["object"]) for e in merged.values() if e["predicate"] == "leftOrganization"}
    for e in merged.values():
        if e["predicate"] == "worksFor" and (e["subject"], e["object"]) in left:
            e["qualifiers"]["status"] = "former"
    for rid in sorted(merged):
        e = merged[rid]
        evidence = {(ev.start, ev.end, ev.rule): ev for ev in e["evidence"]}
        yield Relation(
            id=e["id"], subject=e["subject"], predicate=e["predicate"], object=e["object"],
            qualifiers=Qualifiers.model_validate(e["qualifiers"]), confidence=min(0.99, e["confidence"]),
            modality=e["modality"], inferred=e["inferred"],
            evidence=tuple(evidence[k] for k in sorted(evidence)),
        )


def _rank(modality: str) -> int:
    return {"asserted": 3, "reported": 2, "hedged": 1, "negated": 0}[modality]
