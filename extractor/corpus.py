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

__all__ = ["RunSummary", "RunTracker", "run"]


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
    tracker = RunTracker(inputs, store=store, on_failure=on_failure, on_graph=on_graph, progress=progress)

    def failed(document: Document, exc: Exception) -> None:
        tracker.fail(InputFailure(document.source or document.id, None,
                                  Errors.E012.format(doc=document.id, detail=f"{type(exc).__name__}: {exc}")))

    def documents() -> Iterator[Document]:
        for document, kept in tracker.read(encoding):
            if kept is None:
                yield document
            else:
                tracker.acc.add(kept)  # unchanged: its graph from the earlier run goes into this output

    try:
        for graph in extractor.extract_documents(  # type: ignore[attr-defined]
            documents(), n_process=workers, on_error=failed
        ):
            tracker.extracted(graph)
    except KeyboardInterrupt:
        # Ctrl-C / SIGTERM: stop cleanly; what the store holds stays consistent for the next run
        tracker.summary.interrupted = True
    finally:
        tracker.close()
    return tracker.finish()


class RunTracker:
    """What every engine does around extraction: read inputs, report failures, skip unchanged
    documents, write each new graph to the store, count, show progress, merge."""

    def __init__(
        self,
        inputs: Iterable[str | os.PathLike[str]],
        *,
        store: object | None = None,
        on_failure: Callable[[InputFailure], None] | None = None,
        on_graph: Callable[[KnowledgeGraph], None] | None = None,
        progress: bool = False,
    ) -> None:
        self.inputs = list(inputs)
        self.store = store
        self.on_failure = on_failure
        self.on_graph = on_graph
        self.summary = RunSummary()
        self.acc = GraphAccumulator()
        self.started = time.perf_counter()
        self.bar = _progress_bar(_estimate_total(self.inputs)) if progress else None

    def read(self, encoding: str | None) -> Iterator[tuple[Document, KnowledgeGraph | None]]:
        """Documents to extract, each with its stored graph when it is unchanged (then counted as skipped)."""
        for item in iter_documents(self.inputs, encoding=encoding):
            if isinstance(item, InputFailure):
                self.fail(item)
                continue
            kept = _unchanged(self.store, item) if self.store is not None else None
            if kept is not None:
                self.summary.skipped += 1
                self._tick()
            yield item, kept

    def fail(self, failure: InputFailure) -> None:
        self.summary.failures.append(failure)
        if self.on_failure is not None:
            self.on_failure(failure)
        self._tick()

    def extracted(self, graph: KnowledgeGraph) -> None:
        """A newly extracted document graph: count, store, merge."""
        self.summary.documents += 1
        self.summary.characters += len(graph.documents[0].text)
        self.acc.add(graph)
        if self.store is not None:
            from extractor.store import add_graph, save_document_graph

            add_graph(self.store, graph, extractor_version=__version__)
            save_document_graph(self.store, graph)
        if self.on_graph is not None:
            self.on_graph(graph)
        self._tick(rate=True)

    def _tick(self, rate: bool = False) -> None:
        if self.bar is None:
            return
        self.bar.update(1)
        if rate:
            elapsed = time.perf_counter() - self.started
            self.bar.set_postfix_str(f"{self.summary.characters / max(elapsed, 1e-9):,.0f} chars/s", refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()

    def finish(self) -> tuple[KnowledgeGraph, RunSummary]:
        """The merged graph and the final counts."""
        merged = self.acc.graph()
        self.summary.entities = len(merged.entities)
        self.summary.relations = len(merged.relations)
        self.summary.seconds = time.perf_counter() - self.started
        return merged, self.summary


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
