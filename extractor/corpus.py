"""Run the extractor over a corpus: stream documents, report failures, merge one graph.

:func:`run` reads inputs lazily (:func:`extractor.io.readers.iter_documents`),
skips documents a store already holds in the same version, parses the rest
with ``nlp.pipe`` (``workers`` processes), merges the per-document graphs
into one (entities with the same id become one node, with every mention), and
returns the graph with a :class:`RunSummary`.  A bad input never stops the
run: it is reported through ``on_failure`` and counted.

Example:
    >>> from extractor.corpus import RunSummary
    >>> RunSummary().failed
    0
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from extractor.about import __version__
from extractor.errors import Errors
from extractor.io.readers import InputFailure, iter_documents
from extractor.merge import GraphAccumulator
from extractor.models import Document, KnowledgeGraph

__all__ = ["RunSummary", "run"]


@dataclass
class RunSummary:
    """Counts of one run."""

    documents: int = 0
    characters: int = 0
    skipped: int = 0
    failures: list[InputFailure] = field(default_factory=list)
    entities: int = 0
    relations: int = 0
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def failed(self) -> int:
        return len(self.failures)

    def line(self) -> str:
        """One human-readable summary line."""
        rate = self.characters / self.seconds if self.seconds else 0.0
        return (
            f"{self.documents} documents ({self.skipped} unchanged, skipped), {self.failed} failed; "
            f"{self.entities} entities, {self.relations} relations; {self.seconds:.1f} s, {rate:,.0f} chars/s"
        )


def run(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    extractor: object,
    encoding: str | None = None,
    workers: int = 1,
    store: object | None = None,
    on_failure: Callable[[InputFailure], None] | None = None,
    on_graph: Callable[[KnowledgeGraph], None] | None = None,
    progress: bool = False,
) -> tuple[KnowledgeGraph, RunSummary]:
    """Extract every document of ``inputs`` into one merged graph.

    Args:
        inputs: files, directories, JSON Lines files or ``-``.
        extractor: an :class:`extractor.pipeline.Extractor`.
        encoding: force one text encoding (default: detect).
        workers: parsing processes.
        store: an open Oxigraph store (``extractor.store``): unchanged documents
            are skipped and each new graph is written to it as it arrives.
        on_failure: called with each bad input.
        on_graph: called with each document's graph (streaming consumers).
        progress: show a progress bar on stderr.
    """
    summary = RunSummary()
    acc = GraphAccumulator()
    started = time.perf_counter()
    inputs = list(inputs)
    bar = _progress_bar(_estimate_total(inputs)) if progress else None

    def documents() -> Iterator[Document]:
        for item in iter_documents(inputs, encoding=encoding):
            if isinstance(item, InputFailure):
                summary.failures.append(item)
                if on_failure is not None:
                    on_failure(item)
                if bar is not None:
                    bar.update(1)
                continue
            kept = _unchanged(store, item) if store is not None else None
            if kept is not None:
                summary.skipped += 1
                acc.add(kept)  # unchanged: its graph from the earlier run goes into this output
                if bar is not None:
                    bar.update(1)
                continue
            yield item

    def failed(document: Document, exc: Exception) -> None:
        failure = InputFailure(document.source or document.id, None,
                               Errors.E012.format(doc=document.id, detail=f"{type(exc).__name__}: {exc}"))
        summary.failures.append(failure)
        if on_failure is not None:
            on_failure(failure)

    try:
        for graph in extractor.extract_documents(  # type: ignore[attr-defined]
            documents(), n_process=workers, on_error=failed
        ):
            doc = graph.documents[0]
            summary.documents += 1
            summary.characters += len(doc.text)
            acc.add(graph)
            if store is not None:
                from extractor.store import add_graph, save_document_graph

                add_graph(store, graph, extractor_version=__version__)
                save_document_graph(store, graph)
            if on_graph is not None:
                on_graph(graph)
            if bar is not None:
                bar.update(1)
                elapsed = time.perf_counter() - started
                bar.set_postfix_str(f"{summary.characters / max(elapsed, 1e-9):,.0f} chars/s", refresh=False)
    except KeyboardInterrupt:
        # Ctrl-C / SIGTERM: stop cleanly; what the store holds stays consistent for the next run
        summary.interrupted = True
    finally:
        if bar is not None:
            bar.close()
    merged = acc.graph()
    summary.entities = len(merged.entities)
    summary.relations = len(merged.relations)
    summary.seconds = time.perf_counter() - started
    return merged, summary


def _unchanged(store: object, document: Document) -> KnowledgeGraph | None:
    """The stored graph of a document already extracted from the same text by this version, else None."""
    from extractor.store import document_status, load_document_graph

    status = document_status(store, document.id)
    if status is None or tuple(status) != (document.sha256, __version__):
        return None
    return load_document_graph(store, document.id)


def _estimate_total(inputs: list[str | os.PathLike[str]]) -> int | None:
    """How many documents the inputs hold, for the progress bar's ETA (None when unknown: stdin)."""
    total = 0
    for raw in inputs:
        path = Path(raw)
        if str(raw) == "-":
            return None
        if path.is_dir():
            total += sum(1 for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        elif path.suffix in (".jsonl", ".ndjson") and path.is_file():
            with path.open("rb") as fh:
                total += sum(1 for line in fh if line.strip())
        else:
            total += 1
    return total


def _progress_bar(total: int | None):  # type: ignore[no-untyped-def]
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)
