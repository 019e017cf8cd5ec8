"""Resolve anaphors (同社, 同氏, 彼, 両社, この二人) to entities by salience.

Japanese news keeps its focal entity as the topic: 同社 in a paragraph about
Meta means Meta even when another company was named more recently.  Each
earlier mention of a candidate entity adds its salience weight (topic は 3,
subject が 2, other 1) decayed by sentence distance; the best-scoring entity
of the anaphor's type wins.  Person anaphors decay faster (同氏 and 彼 point
back a sentence or two), organisation anaphors slowly.  Resolved anaphors
count as mentions for later ones.

Example:
    >>> DECAY["Organization"] > DECAY["Person"]
    True
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.entities.linking import Cluster, Placed

__all__ = ["DECAY", "resolve"]

#: per-sentence decay of salience, by anaphor type
DECAY: dict[str, float] = {"Organization": 0.93, "Person": 0.3, "Place": 0.5}


def resolve(anaphors: Sequence[Placed], clusters: Sequence[Cluster]) -> None:
    """Attach each anaphor to its antecedent cluster(s) (appends to ``cluster.mentions``)."""
    events: list[tuple[int, int, Cluster]] = []  # (start, sentence, cluster) of mentions so far
    for c in clusters:
        for m in c.mentions:
            events.append((m.start, m.sent, c))
    weights = {id(m): m.salience for c in clusters for m in c.mentions}
    for a in sorted(anaphors, key=lambda m: m.start):
        typ = a.cand.anaphor_type or "Organization"
        decay = DECAY.get(typ, 0.7)
        scores: dict[int, float] = {}
        for ci, c in enumerate(clusters):
            if c.type != typ:
                continue
            score = 0.0
            for m in c.mentions:
                if m.start >= a.start or m.cand.kind == "anaphor" and m is a:
                    continue
                score += weights.get(id(m), 1.0) * decay ** max(0, a.sent - m.sent)
            if score > 0.05:
                scores[ci] = score
        if not scores:
            continue
        ranked = sorted(scores, key=lambda ci: (-scores[ci], ci))
        chosen = ranked[:2] if a.cand.plural and len(ranked) >= 2 and typ == "Person" else ranked[:1]
        if a.cand.plural and typ == "Person":
            # 彼ら / この二人: the persons of the latest sentence that has two or more
            chosen = _latest_group(a, clusters) or chosen
        for ci in chosen:
            clusters[ci].mentions.append(a)
            weights[id(a)] = a.salience
            a.clusters.append(ci)


def _latest_group(a: Placed, clusters: Sequence[Cluster]) -> list[int]:
    by_sent: dict[int, set[int]] = {}
    for ci, c in enumerate(clusters):
        if c.type != "Person":
            continue
        for m in c.mentions:
            if m.start < a.start and m.cand.kind == "name":
                by_sent.setdefault(m.sent, set()).add(ci)
    for sent in sorted(by_sent, reverse=True):
        if len(by_sent[sent]) >= 2:
            return sorted(by_sent[sent])
    return []
