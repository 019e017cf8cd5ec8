"""Score a knowledge graph against hand-made gold annotations.

A gold file (``*.gold.json``) names its ``document`` and lists ``entities``
(``id``, canonical ``label``, ``type``, surface ``aliases``, ``required``),
``relations`` (``subject``, ``predicate`` — one name or a list of accepted
names —, ``object``, ``tier`` ∈ core / inferred / optional) and
``coref_mentions`` (character offsets of anaphors such as 同社 with the entity
they refer to).

Predicted entities are mapped onto gold entities through their surface forms
(label, per-language labels, aliases, mention texts; normalised with NFKC,
case folding, dropped spaces and brackets, and a dropped honorific or 社
suffix).  Optional gold entities and optional relations count neither as hits
nor as false positives.  ``competitorOf`` and ``partnerOf`` match in either
direction.  With several gold files each is scored against the part of the
graph that has mentions (entities) or evidence (relations) in its document,
and the totals are micro-averaged: counts are summed, then divided.

Example:
    >>> from extractor.models import Document, Entity, KnowledgeGraph, Mention
    >>> doc = Document(id="d1", text="Meta は")
    >>> meta = Entity(id="E1", label="Meta", type="Organization",
    ...               mentions=(Mention(doc="d1", start=0, end=4, text="Meta"),))
    >>> gold = {"document": "d1.txt", "entity_types": ["Organization"], "predicates": ["owns"],
    ...         "entities": [{"id": "meta", "label": "Meta", "type": "Organization",
    ...                       "aliases": ["メタ"], "required": True}],
    ...         "relations": []}
    >>> report = evaluate(KnowledgeGraph(documents=(doc,), entities=(meta,)), gold)
    >>> report.total.metrics()["entity_f1"]
    1.0
"""

from __future__ import annotations

import dataclasses
import json
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from extractor.errors import Errors, InputError
from extractor.models import Entity, KnowledgeGraph, Relation

__all__ = [
    "ANAPHORS",
    "SYMMETRIC_PREDICATES",
    "Counts",
    "DocumentScore",
    "EvalReport",
    "check_gold",
    "evaluate",
    "format_table",
    "normalize_surface",
]

#: Anaphoric surface forms: never used to map a predicted entity onto a gold one.
ANAPHORS: frozenset[str] = frozenset(
    {"同社", "同氏", "彼", "彼ら", "彼女", "二人", "両社", "同ラボ", "同グループ", "同国", "同州", "同市"}
)

#: Predicates whose direction does not matter when matching gold relations.
SYMMETRIC_PREDICATES: frozenset[str] = frozenset({"competitorOf", "partnerOf"})

_DROPPED = frozenset("・･「」『』\"'()（）")
_SUFFIXES = ("社長", "さん", "氏", "社")  # two-character suffixes first: the longest one is dropped
_GOLD_KEYS = ("entities", "relations", "entity_types", "predicates")

Triple = tuple[str, str, str]


def normalize_surface(text: str) -> str:
    """The key under which two surface forms are considered the same name.

    NFKC, case folding, spaces and brackets removed, then one trailing 社長,
    さん, 氏 or 社 dropped.

    Example:
        >>> normalize_surface("Ｍｅｔａ 社")
        'meta'
        >>> normalize_surface("「マーク・ザッカーバーグ」氏")
        'マークザッカーバーグ'
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    kept = "".join(ch for ch in folded if not ch.isspace() and ch not in _DROPPED)
    for suffix in _SUFFIXES:
        if kept.endswith(suffix):
            return kept[: -len(suffix)]
    return kept


@dataclass(frozen=True)
class Counts:
    """Raw counts behind the metrics; counts of several documents add up.

    Example:
        >>> (Counts(entities_found=1, entities_required=2) + Counts(entities_required=2)).metrics()[
        ...     "entity_recall"]
        0.25
    """

    entities_found: int = 0
    entities_false: int = 0
    duplicates: int = 0
    entities_required: int = 0
    types_correct: int = 0
    canonical_labels: int = 0
    coref_correct: int = 0
    coref_total: int = 0
    relations_found: int = 0
    relations_false: int = 0
    core_found: int = 0
    core_total: int = 0
    inferred_found: int = 0
    inferred_total: int = 0
    open_relations: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in dataclasses.fields(self)}
        )

    def metrics(self, digits: int | None = 3) -> dict[str, Any]:
        """Precision, recall and rates; rounded to ``digits`` (None: unrounded).

        ``coref_accuracy`` is None when the gold lists no anaphoric mention.

        Example:
            >>> Counts(entities_found=2, entities_false=1, duplicates=1, entities_required=2).metrics()[
            ...     "entity_precision"]
            0.5
        """

        def rounded(value: float) -> float:
            return round(value, digits) if digits is not None else value

        def ratio(num: int, den: int) -> float:
            return rounded(num / max(1, den))

        precision = self.entities_found / max(1, self.entities_found + self.entities_false + self.duplicates)
        recall = self.entities_found / max(1, self.entities_required)
        return {
            "entity_precision": rounded(precision),
            "entity_recall": rounded(recall),
            "entity_f1": rounded(2 * precision * recall / max(1e-9, precision + recall)),
            "entity_type_accuracy": ratio(self.types_correct, self.entities_found),
            "duplicates": self.duplicates,
            "canonical_label_rate": ratio(self.canonical_labels, self.entities_found),
            "coref_accuracy": ratio(self.coref_correct, self.coref_total) if self.coref_total else None,
            "relation_precision": ratio(self.relations_found, self.relations_found + self.relations_false),
            "relation_recall_core": ratio(self.core_found, self.core_total),
            "relation_recall_inferred": ratio(self.inferred_found, self.inferred_total),
            "open_relations": self.open_relations,
        }


@dataclass(frozen=True)
class DocumentScore:
    """The score of one gold file against its document's part of the graph."""

    document: str
    gold_document: str
    counts: Counts
    missed_entities: tuple[str, ...] = ()
    false_entities: tuple[str, ...] = ()
    missed_relations: tuple[Triple, ...] = ()
    false_relations: tuple[tuple[str | None, str, str | None], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Metrics, counts and the lists of misses and false positives (JSON-ready).

        Example:
            >>> DocumentScore("d1", "d1.txt", Counts()).to_dict()["missed_entities"]
            []
        """
        return {
            "document": self.document,
            "gold_document": self.gold_document,
            **self.counts.metrics(),
            "missed_entities": list(self.missed_entities),
            "false_entities": list(self.false_entities),
            "missed_relations": [list(t) for t in self.missed_relations],
            "false_relations": [list(t) for t in self.false_relations],
            "counts": dataclasses.asdict(self.counts),
        }


@dataclass(frozen=True)
class EvalReport:
    """Per-document scores and their micro-averaged total."""

    documents: tuple[DocumentScore, ...]

    @property
    def total(self) -> Counts:
        """The counts of every document added up (micro average)."""
        total = Counts()
        for doc in self.documents:
            total = total + doc.counts
        return total

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: ``documents`` (one dict each) and ``total``.

        Example:
            >>> EvalReport(documents=()).to_dict()["total"]["entity_recall"]
            0.0
        """
        return {
            "documents": [d.to_dict() for d in self.documents],
            "total": {**self.total.metrics(), "counts": dataclasses.asdict(self.total)},
        }

    def to_json(self) -> str:
        """The report as JSON text (UTF-8 characters kept, ends with a newline)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n"


def evaluate(kg: KnowledgeGraph, gold: Mapping[str, Any] | Sequence[Mapping[str, Any]]) -> EvalReport:
    """Score ``kg`` against one gold annotation or a list of them.

    Each gold's ``document`` (a file name such as ``000_401f0d7f82f0a030.txt``)
    is matched to a graph document whose id or source equals it or its stem.
    A gold without ``document``, or a graph without documents, is scored
    against the whole graph (allowed only for a single gold).

    Raises:
        InputError: a gold is malformed, names a document the graph does not
            have, or several golds cannot be told apart.

    Example:
        >>> evaluate(KnowledgeGraph(), {"entity_types": [], "predicates": [], "entities": [],
        ...                             "relations": []}).documents[0].document
        '(graph)'
    """
    golds = [gold] if isinstance(gold, Mapping) else list(gold)
    for index, g in enumerate(golds):
        name = g.get("document") if isinstance(g, Mapping) else None
        check_gold(g, f"gold #{index + 1}" + (f" ({name})" if name else ""))
    scores = []
    for g in golds:
        doc_id = _match_document(kg, g, several=len(golds) > 1)
        scores.append(_score(kg, g, doc_id))
    return EvalReport(documents=tuple(scores))


def format_table(report: EvalReport) -> str:
    """A plain-text table of the report: one row per document, then the total.

    Example:
        >>> print(format_table(EvalReport(documents=())).splitlines()[0])  # doctest: +NORMALIZE_WHITESPACE
        document  ent P  ent R  ent F1  type  canon  dup  coref  rel P  core R  inf R  open
    """
    columns = [
        ("ent P", "entity_precision"),
        ("ent R", "entity_recall"),
        ("ent F1", "entity_f1"),
        ("type", "entity_type_accuracy"),
        ("canon", "canonical_label_rate"),
        ("dup", "duplicates"),
        ("coref", "coref_accuracy"),
        ("rel P", "relation_precision"),
        ("core R", "relation_recall_core"),
        ("inf R", "relation_recall_inferred"),
        ("open", "open_relations"),
    ]
    rows = [(d.document, d.counts.metrics()) for d in report.documents]
    rows.append(("total (micro)", report.total.metrics()))
    cells = [["document", *(head for head, _ in columns)]]
    for name, metrics in rows:
        cells.append([name, *(_cell(metrics[key]) for _, key in columns)])
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    lines = [
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in cells
    ]
    for d in report.documents:
        details = [
            ("missed entities", ", ".join(d.missed_entities)),
            ("false entities", ", ".join(d.false_entities)),
            ("missed relations", ", ".join(" ".join(t) for t in d.missed_relations)),
            ("false relations", ", ".join(" ".join(x or "?" for x in t) for t in d.false_relations)),
        ]
        shown = [f"  {what}: {text}" for what, text in details if text]
        if shown:
            lines += ["", f"{d.document}:", *shown]
    return "\n".join(lines) + "\n"


# -- internals --------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def check_gold(gold: Any, where: str = "gold") -> None:
    """Check that ``gold`` has the shape of a gold annotation.

    Raises:
        InputError: naming ``where`` and the first problem found.

    Example:
        >>> check_gold({"entities": []}, "a.gold.json")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        extractor.errors.InputError: a.gold.json: not a gold annotation (no list "relations"); ...
    """
    if not isinstance(gold, Mapping):
        raise InputError(Errors.E050.format(where=where, detail="not a JSON object"))
    for key in _GOLD_KEYS:
        if not isinstance(gold.get(key), list):
            raise InputError(Errors.E050.format(where=where, detail=f'no list "{key}"'))
    for ent in gold["entities"]:
        if not isinstance(ent, Mapping) or not all(
            isinstance(ent.get(k), str) for k in ("id", "label", "type")
        ):
            raise InputError(
                Errors.E050.format(where=where, detail=f"entity {ent!r} lacks id, label or type")
            )
    for rel in gold["relations"]:
        if not isinstance(rel, Mapping) or not all(
            k in rel for k in ("subject", "predicate", "object", "tier")
        ):
            raise InputError(
                Errors.E050.format(
                    where=where, detail=f"relation {rel!r} lacks subject, predicate, object or tier"
                )
            )
    for ref in gold.get("coref_mentions", []):
        if not isinstance(ref, Mapping) or not all(k in ref for k in ("start", "end", "entity")):
            raise InputError(
                Errors.E050.format(where=where, detail=f"coref mention {ref!r} lacks start, end or entity")
            )


def _match_document(kg: KnowledgeGraph, gold: Mapping[str, Any], *, several: bool) -> str | None:
    """The id of the graph document ``gold`` annotates; None means the whole graph."""
    name = gold.get("document")
    if not isinstance(name, str) or not name or not kg.documents:
        if several:
            raise InputError(Errors.E051.format(document=name or "(none)"))
        return None
    wanted = {name, PurePath(name).name, PurePath(name).stem}
    for doc in kg.documents:
        known = {doc.id}
        if doc.source:
            known |= {doc.source, PurePath(doc.source).name, PurePath(doc.source).stem}
        if known & wanted:
            return doc.id
    raise InputError(Errors.E052.format(document=name, known=", ".join(sorted(d.id for d in kg.documents))))


def _in_document(kg: KnowledgeGraph, doc_id: str | None) -> tuple[list[Entity], list[Relation]]:
    """Entities with a mention in the document and relations with evidence there.

    An entity without mentions belongs to a graph's only document; a relation
    without evidence belongs where both of its entities do.
    """
    if doc_id is None or len(kg.documents) == 1:
        return list(kg.entities), list(kg.relations)
    entities = [e for e in kg.entities if any(m.doc == doc_id for m in e.mentions)]
    present = {e.id for e in entities}
    relations = [
        r
        for r in kg.relations
        if any(ev.doc == doc_id for ev in r.evidence)
        or (not r.evidence and r.subject in present and r.object in present)
    ]
    return entities, relations


def _surfaces(entity: Entity, doc_id: str | None) -> list[str]:
    forms = [entity.label, *entity.labels.values(), *entity.aliases]
    forms += [m.text for m in entity.mentions if doc_id is None or m.doc == doc_id]
    return [f for f in forms if f and f.strip() not in ANAPHORS]


def _score(kg: KnowledgeGraph, gold: Mapping[str, Any], doc_id: str | None) -> DocumentScore:
    entities, relations = _in_document(kg, doc_id)
    mention_doc = None if doc_id is None or len(kg.documents) == 1 else doc_id
    types = set(gold["entity_types"])
    gold_entities = {g["id"]: g for g in gold["entities"]}
    by_surface: dict[str, str] = {}
    for g in gold["entities"]:
        for form in (g["label"], *g.get("aliases", ())):
            by_surface.setdefault(normalize_surface(form), g["id"])
    required = list(dict.fromkeys(g["id"] for g in gold["entities"] if g.get("required", True)))

    # entities: map each predicted entity onto at most one gold entity
    mapping: dict[str, str] = {}
    found: list[str] = []
    false_entities: list[str] = []
    duplicates = types_correct = canonical = 0
    for entity in entities:
        if entity.type not in types:
            continue
        votes: dict[str, int] = {}
        for form in _surfaces(entity, mention_doc):
            gid = by_surface.get(normalize_surface(form))
            if gid is not None:
                votes[gid] = votes.get(gid, 0) + 1
        if not votes:
            false_entities.append(entity.label)
            continue
        gid = by_surface.get(normalize_surface(entity.label))
        if gid not in votes:
            gid = max(votes, key=votes.__getitem__)  # most votes; the first seen on a tie
        mapping[entity.id] = gid
        target = gold_entities[gid]
        if not target.get("required", True):
            continue
        if gid in found:
            duplicates += 1
            continue
        found.append(gid)
        types_correct += entity.type == target["type"]
        canonical += normalize_surface(target["label"]) in {
            normalize_surface(x) for x in (entity.label, *entity.labels.values())
        }

    # anaphora: the entity each gold anaphoric mention ended up in
    owner: dict[tuple[int, int], str] = {}
    for entity in entities:
        for m in entity.mentions:
            if mention_doc is None or m.doc == mention_doc:
                owner[(m.start, m.end)] = entity.id
    corefs = gold.get("coref_mentions", [])
    coref_correct = sum(
        1
        for c in corefs
        if (pid := owner.get((c["start"], c["end"]))) is not None and mapping.get(pid) == c["entity"]
    )

    # relations: every accepted (subject, predicate, object) points at its gold relation
    accepted: dict[Triple, tuple[str, Triple]] = {}
    tiers: dict[str, list[Triple]] = {"core": [], "inferred": []}
    for r in gold["relations"]:
        options = r["predicate"] if isinstance(r["predicate"], list) else [r["predicate"]]
        key = (r["subject"], options[0], r["object"])
        if r["tier"] in tiers and key not in tiers[r["tier"]]:
            tiers[r["tier"]].append(key)
        for pred in options:
            accepted[(r["subject"], pred, r["object"])] = (r["tier"], key)
            if pred in SYMMETRIC_PREDICATES:
                accepted[(r["object"], pred, r["subject"])] = (r["tier"], key)
    predicates = set(gold["predicates"])
    hit: set[Triple] = set()
    false_relations: list[tuple[str | None, str, str | None]] = []
    open_relations = 0
    for rel in relations:
        if rel.predicate not in predicates:
            open_relations += 1
            continue
        triple = (mapping.get(rel.subject), rel.predicate, mapping.get(rel.object))
        match = accepted.get(triple)  # type: ignore[arg-type]
        if match is None:
            false_relations.append(triple)
        elif match[0] != "optional":
            hit.add(match[1])
    wanted = set(tiers["core"]) | set(tiers["inferred"])

    counts = Counts(
        entities_found=len(found),
        entities_false=len(false_entities),
        duplicates=duplicates,
        entities_required=len(required),
        types_correct=types_correct,
        canonical_labels=canonical,
        coref_correct=coref_correct,
        coref_total=len(corefs),
        relations_found=len(hit & wanted),
        relations_false=len(false_relations),
        core_found=len(hit & set(tiers["core"])),
        core_total=len(set(tiers["core"])),
        inferred_found=len(hit & set(tiers["inferred"])),
        inferred_total=len(set(tiers["inferred"])),
        open_relations=open_relations,
    )
    return DocumentScore(
        document=doc_id or "(graph)",
        gold_document=str(gold.get("document") or ""),
        counts=counts,
        missed_entities=tuple(sorted(set(required) - set(found))),
        false_entities=tuple(false_entities),
        missed_relations=tuple(sorted(wanted - hit)),
        false_relations=tuple(false_relations),
    )
