"""Split a document into parsing units: paragraphs, long ones cut at sentence ends.

GiNZA parses one paragraph per Doc best (whole articles glue headlines onto
sentences) and SudachiPy refuses inputs over ~49 KB, so long lines are cut
after 。！？ (or hard-cut) into units of at most ``max_chars`` characters.

Example:
    >>> [(u.start, u.text) for u in segment("見出し\\n本文です。次の文。")]
    [(0, '見出し'), (4, '本文です。次の文。')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["MAX_CHARS", "Unit", "segment"]

MAX_CHARS = 2000
_SENT_END = re.compile(r"[。！？!?]+[」』）)]*")


@dataclass(frozen=True)
class Unit:
    """A parsing unit: its text and its start offset in the (normalised) document."""

    start: int
    text: str


def segment(text: str, max_chars: int = MAX_CHARS) -> Iterator[Unit]:
    """Yield non-blank paragraphs of ``text`` as units of at most ``max_chars`` characters."""
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            yield from _cut(line, pos, max_chars)
        pos += len(line) + 1


def _cut(line: str, offset: int, max_chars: int) -> Iterator[Unit]:
    while len(line) > max_chars:
        cut = 0
        for m in _SENT_END.finditer(line, 0, max_chars):
            cut = m.end()
        if cut == 0:
            cut = max_chars
        yield Unit(offset, line[:cut])
        line, offset = line[cut:], offset + cut
    if line.strip():
        yield Unit(offset, line)
