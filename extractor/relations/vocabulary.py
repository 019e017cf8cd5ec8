"""The closed relation vocabulary: names, domains, ranges, labels, Wikidata neighbours.

Example:
    >>> VOCABULARY["worksFor"].domain, VOCABULARY["worksFor"].range
    (('Person',), ('Organization',))
    >>> VOCABULARY["partnerOf"].symmetric
    True
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["VOCABULARY", "PredicateInfo", "fits"]

ORG, PER, PROD, PLACE, FAC, EVT = "Organization", "Person", "Product", "Place", "Facility", "Event"
ANY = (PER, ORG, PROD, PLACE, FAC, EVT)


@dataclass(frozen=True)
class PredicateInfo:
    """What one predicate means and connects."""

    name: str
    ja: str
    en: str
    domain: tuple[str, ...]
    range: tuple[str, ...]
    wikidata: str | None = None
    symmetric: bool = False
    qualifiers: tuple[str, ...] = ()


VOCABULARY: dict[str, PredicateInfo] = {p.name: p for p in (
    PredicateInfo("worksFor", "所属する", "works for", (PER,), (ORG,), "P108", qualifiers=("role", "status", "date")),
    PredicateInfo("leads", "率いる", "leads", (PER,), (ORG,), "P488"),
    PredicateInfo("founded", "設立した", "founded", (PER, ORG), (ORG,), "P112", qualifiers=("date",)),
    PredicateInfo("memberOf", "加盟・参加する", "member of", (PER, ORG), (ORG,), "P463"),
    PredicateInfo("leftOrganization", "退職・離脱した", "left organization", (PER,), (ORG,), None, qualifiers=("date",)),
    PredicateInfo("partOf", "一部である", "part of", (ORG, PROD, PLACE, FAC), (ORG, PROD, PLACE, FAC), "P361"),
    PredicateInfo("owns", "保有する", "owns", (PER, ORG), (ORG, PROD, FAC), "P1830", qualifiers=("stake",)),
    PredicateInfo("investsIn", "投資する", "invests in", (PER, ORG), (ORG, PROD, FAC), None, qualifiers=("amount", "stake", "date")),
    PredicateInfo("acquires", "買収する", "acquires", (ORG, PER), (ORG, PROD), None, qualifiers=("amount", "date")),
    PredicateInfo("partnerOf", "提携する", "partner of", (ORG,), (ORG,), None, symmetric=True),
    PredicateInfo("competitorOf", "競合する", "competitor of", (ORG, PROD), (ORG, PROD), None, symmetric=True),
    PredicateInfo("develops", "開発する", "develops", (ORG, PER), (PROD,), "P178"),
    PredicateInfo("operates", "運営する", "operates", (ORG,), (PROD, FAC, ORG, EVT), "P137"),
    PredicateInfo("basedOn", "基づく", "based on", (PROD,), (PROD,), "P144"),
    PredicateInfo("locatedIn", "所在する", "located in", (ORG, FAC, PLACE, EVT, PER), (PLACE,), "P131"),
    PredicateInfo("funds", "資金を提供する", "funds", (ORG, PER), (ORG, PROD, FAC, EVT), "P8324", qualifiers=("amount",)),
    PredicateInfo("laysOff", "解雇する", "lays off", (ORG,), (ORG,), None, qualifiers=("count", "date")),
    PredicateInfo("relatedTo", "関係する", "related to", ANY, ANY, None, qualifiers=("lemma",)),
)}


def fits(predicate: str, subject_type: str, object_type: str) -> bool:
    """True when the types fit the predicate's domain and range.

    Example:
        >>> fits("develops", "Organization", "Product"), fits("develops", "Place", "Product")
        (True, False)
    """
    info = VOCABULARY[predicate]
    return subject_type in info.domain and object_type in info.range
