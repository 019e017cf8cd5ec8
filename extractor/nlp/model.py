"""Load the GiNZA model once per process.

Example:
    >>> nlp = load_model()  # doctest: +SKIP
    >>> "bunsetu_recognizer" in nlp.pipe_names  # doctest: +SKIP
    True
"""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

from extractor.errors import Errors, ModelError

__all__ = ["DEFAULT_MODEL", "load_model"]

DEFAULT_MODEL = "ja_ginza"


@functools.lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load a GiNZA pipeline (cached per name); raises :class:`ModelError` if missing."""
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelError(Errors.E010) from exc
