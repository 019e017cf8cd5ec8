"""Deterministic statement ids.

Example:
    >>> relation_id("E1", "worksFor", "E2") == relation_id("E1", "worksFor", "E2")
    True
"""

from __future__ import annotations

import hashlib

__all__ = ["relation_id"]


def relation_id(subject: str, predicate: str, obj: str, negated: bool = False) -> str:
    """The id of the statement (subject, predicate, object[, negated]): ``R`` + 12 hex digits."""
    key = f"{subject}|{predicate}|{obj}|{'neg' if negated else ''}"
    return "R" + hashlib.sha1(key.encode()).hexdigest()[:12]
