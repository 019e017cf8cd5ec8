"""Run the extractor on a Ray cluster: the same graph as a local run, from many machines.

:func:`run_ray` is the ``--engine ray`` counterpart of :func:`extractor.corpus.run`.
Documents are read on the driver (:func:`extractor.io.readers.iter_documents`;
a bad input is reported through ``on_failure`` and counted, never fatal),
sent in batches to Ray actors that each hold one loaded
:class:`~extractor.pipeline.Extractor` (the model is loaded once per actor),
and the per-document graphs that come back as JSON are merged on the driver
by :class:`~extractor.corpus.RunTracker` (as in a local run), whose merge does
not depend on arrival order.  The merged graph is therefore byte-identical to
the one of a local run over the same inputs.

Ray is an optional dependency, imported only when :func:`run_ray` is called
(``pip install 'extractor[ray]'``).  Every node of a cluster needs
``extractor`` and the ``ja_ginza`` model installed; the user's
knowledge-base files are read on the driver and shipped to the actors, so
they need not exist on the workers.

Example:
    >>> from extractor.distributed import DEFAULT_ACTORS
    >>> DEFAULT_ACTORS
    2
    >>> graph, summary = run_ray(["corpus/"], num_actors=1)  # doctest: +SKIP
    >>> summary.failed  # doctest: +SKIP
    0
"""

from __future__ import annotations

import logging
import os
import re
import socket
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from extractor.about import __version__
from extractor.corpus import RunSummary, RunTracker
from extractor.errors import Errors, ExtractorError
from extractor.io.readers import InputFailure
from extractor.models import Document, KnowledgeGraph
from extractor.nlp.model import DEFAULT_MODEL

__all__ = ["DEFAULT_ACTORS", "DEFAULT_BATCH_SIZE", "ExtractionWorker", "batched", "run_ray"]

#: actors started when ``num_actors`` is not given (each holds a ~0.5 GB model)
DEFAULT_ACTORS = 2
#: documents sent to an actor per call
DEFAULT_BATCH_SIZE = 8
#: calls queued per actor, so an actor never waits for the driver between batches
_IN_FLIGHT_PER_ACTOR = 2
#: seconds to wait for a cluster's head node to accept a connection
_CONNECT_TIMEOUT = 10.0
_HOST_PORT = re.compile(r"(?:ray://)?(?P<host>\[[0-9A-Fa-f:.]+\]|[^:/\s]+):(?P<port>[0-9]{1,5})")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class ExtractionWorker:
    """The body of a Ray actor: one :class:`~extractor.pipeline.Extractor`, loaded once.

    Used through ``ray.remote(ExtractionWorker)``; it can also be called
    directly (that is what a local check of the wire format does).

    Args:
        model: the spaCy package to load.
        kb_entries: the user's knowledge-base entries (JSON-ready dicts, in
            file order), added to the bundled knowledge base.
        unit_batch_size: paragraph units per ``nlp.pipe`` batch.

    Example:
        >>> w = ExtractionWorker()  # doctest: +SKIP
        >>> doc = Document(id="d1", text="ソニーは東京に本社を置く。")
        >>> [KnowledgeGraph.from_json(j).documents[0].id for j in w.extract([doc.model_dump_json()])]  # doctest: +SKIP
        ['d1']
    """

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        kb_entries: Sequence[dict[str, Any]] = (),
        unit_batch_size: int = 32,
    ) -> None:
        from extractor.kb import KBEntry, KnowledgeBase
        from extractor.pipeline import Extractor

        kb = KnowledgeBase.load(())
        for entry in kb_entries:
            kb.add(KBEntry.model_validate(entry))
        self._extractor = Extractor(model=model, kb=kb, batch_size=unit_batch_size)

    def ready(self) -> str:
        """The extractor version of this worker (a cheap call that waits for the model to load)."""
        return __version__

    def extract(self, documents: Sequence[str]) -> list[str]:
        """Graphs of the documents (``Document`` JSON in, ``KnowledgeGraph`` JSON out, same order)."""
        docs = [Document.model_validate_json(d) for d in documents]
        return [g.to_json(indent=None) for g in self._extractor.extract_documents(docs)]


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of ``size`` items (the last may be shorter), read lazily.

    Example:
        >>> list(batched(range(5), 2))
        [[0, 1], [2, 3], [4]]
    """
    if size < 1:
        raise ValueError(f"batch size must be at least 1, not {size}")
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_ray(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    address: str | None = None,
    kb_paths: Sequence[str | os.PathLike[str]] = (),
    encoding: str | None = None,
    on_failure: Callable[[InputFailure], None] | None = None,
    num_actors: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    model: str = DEFAULT_MODEL,
    store: object | None = None,
    on_graph: Callable[[KnowledgeGraph], None] | None = None,
    progress: bool = False,
) -> tuple[KnowledgeGraph, RunSummary]:
    """Extract every document of ``inputs`` on Ray actors into one merged graph.

    Args:
        inputs: files, directories, JSON Lines files or ``-`` (read on the driver).
        address: a Ray cluster (``host:port`` of the head node, ``auto``, or
            ``ray://host:10001``); ``None`` starts a local Ray instance with
            ``num_actors`` CPUs, stopped again at the end.  When Ray is
            already initialised in this process, that instance is used.
        kb_paths: the user's knowledge-base files (read here, sent to the actors).
        encoding: force one text encoding (default: detect).
        on_failure: called with each bad input.
        num_actors: extraction actors (one CPU and one model each); default
            :data:`DEFAULT_ACTORS`, at most the cluster's CPUs.
        batch_size: documents per actor call.
        model: the spaCy package the actors load.
        store: an open Oxigraph store (``extractor.store``): unchanged
            documents are not sent to the actors (their stored graphs go into
            the output) and each new graph is written to it, on the driver.
        on_graph: called with each document's graph, in input order.
        progress: show a progress bar on stderr.

    Returns:
        The merged graph (byte-identical to :func:`extractor.corpus.run` on the
        same inputs) and the run's :class:`~extractor.corpus.RunSummary`.  With
        a store, the stored graphs of unchanged documents are merged in input
        order, so the output equals a fresh run's.

    Raises:
        ExtractorError: ray is not installed (E070), the cluster cannot be
            started or reached (E071), an actor cannot load the model (E073),
            or an actor failed on a batch (E072).
        InputError: a knowledge-base file cannot be read (E011).

    Example:
        >>> graph, summary = run_ray(["corpus/"], num_actors=1)  # doctest: +SKIP
        >>> summary.documents == len(graph.documents)  # doctest: +SKIP
        True
    """
    if num_actors is not None and num_actors < 1:
        raise ValueError(f"num_actors must be at least 1, not {num_actors}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    from extractor.kb import read_entries

    kb_entries = [e.model_dump(mode="json") for path in kb_paths for e in read_entries(path)]
    ray = _import_ray()
    started_here = _connect(ray, address, num_actors or DEFAULT_ACTORS)
    actors: list[Any] = []
    try:
        actors = _start_actors(ray, num_actors, model, kb_entries)
        return _drive(ray, actors, inputs, encoding=encoding, on_failure=on_failure, batch_size=batch_size,
                      store=store, on_graph=on_graph, progress=progress)
    finally:
        if started_here:
            ray.shutdown()
        else:  # a cluster we only joined: give its CPUs back
            for actor in actors:
                ray.kill(actor)


def _import_ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise ExtractorError(Errors.E070) from exc
    return ray


def _connect(ray: Any, address: str | None, cpus: int) -> bool:
    """Initialise Ray unless it already is; ``True`` when this call started it."""
    if ray.is_initialized():
        return False
    options: dict[str, Any] = {"log_to_driver": False, "logging_level": logging.WARNING}
    if address is None:
        options.update(num_cpus=cpus, include_dashboard=False)
    else:
        _check_reachable(address)
        options["address"] = address
    try:
        ray.init(**options)
    except (ConnectionError, RuntimeError, ValueError, OSError, TimeoutError) as exc:
        where = f" at {address}" if address else ""
        raise ExtractorError(Errors.E071.format(where=where, detail=_detail(exc))) from exc
    return True


def _start_actors(ray: Any, num_actors: int | None, model: str, kb_entries: list[dict[str, Any]]) -> list[Any]:
    cpus = int(ray.cluster_resources().get("CPU", 1))
    count = num_actors if num_actors is not None else max(1, min(DEFAULT_ACTORS, cpus))
    remote = ray.remote(num_cpus=1)(ExtractionWorker)
    actors = [remote.remote(model, kb_entries) for _ in range(count)]
    try:  # wait for every model to load, so a broken worker is reported before any work is sent
        versions = ray.get([a.ready.remote() for a in actors])
    except ray.exceptions.RayError as exc:
        for actor in actors:
            ray.kill(actor)
        raise ExtractorError(Errors.E073.format(detail=_detail(exc))) from exc
    other = sorted({v for v in versions if v != __version__})
    if other:  # another version would give another graph
        for actor in actors:
            ray.kill(actor)
        detail = f"a worker has extractor {', '.join(other)}, this process {__version__}"
        raise ExtractorError(Errors.E073.format(detail=detail))
    return actors


def _drive(
    ray: Any,
    actors: list[Any],
    inputs: Iterable[str | os.PathLike[str]],
    *,
    encoding: str | None,
    on_failure: Callable[[InputFailure], None] | None,
    batch_size: int,
    store: object | None,
    on_graph: Callable[[KnowledgeGraph], None] | None,
    progress: bool,
) -> tuple[KnowledgeGraph, RunSummary]:
    """Send batches to free actors and merge the graphs (the merge does not depend on their order)."""
    tracker = RunTracker(inputs, store=store, on_failure=on_failure, on_graph=on_graph, progress=progress)

    def documents() -> Iterator[Document]:
        for document, kept in tracker.read(encoding):
            if kept is None:
                yield document
            else:
                tracker.acc.add(kept)  # unchanged: its graph from the earlier run goes into this output

    free: deque[Any] = deque(a for a in actors for _ in range(_IN_FLIGHT_PER_ACTOR))
    running: dict[Any, tuple[Any, list[str]]] = {}  # ref -> (actor, document ids)

    def collect_one() -> None:
        ready, _ = ray.wait(list(running), num_returns=1)
        ref = ready[0]
        actor, ids = running.pop(ref)
        try:
            texts = ray.get(ref)
        except ray.exceptions.RayError as exc:
            raise ExtractorError(Errors.E072.format(first=ids[0], last=ids[-1], detail=_detail(exc))) from exc
        for text in texts:
            tracker.extracted(KnowledgeGraph.from_json(text))
        free.append(actor)

    try:
        for batch in batched(documents(), batch_size):
            while not free:
                collect_one()
            actor = free.popleft()
            ref = actor.extract.remote([d.model_dump_json() for d in batch])
            running[ref] = (actor, [d.id for d in batch])
        while running:
            collect_one()
    except KeyboardInterrupt:
        # Ctrl-C: stop cleanly; the store holds only complete documents, so the next run resumes
        tracker.summary.interrupted = True
    finally:
        for ref in running:  # only after an error or an interrupt: the work still queued is not needed
            try:
                ray.cancel(ref)
            except (ValueError, TypeError, ray.exceptions.RayError):
                pass
        tracker.close()
    return tracker.finish()


def _check_reachable(address: str) -> None:
    """Fail fast on a ``host:port`` nobody listens on (``ray.init`` would retry for minutes)."""
    m = _HOST_PORT.fullmatch(address.strip())
    if m is None:  # "auto", "local", a file path...: Ray resolves and reports those itself
        return
    host, port = m.group("host").strip("[]"), int(m.group("port"))
    try:
        socket.create_connection((host, port), timeout=_CONNECT_TIMEOUT).close()
    except OSError as exc:
        detail = f"nothing answers on {host}:{port}: {exc.strerror or type(exc).__name__}"
        raise ExtractorError(Errors.E071.format(where=f" at {address}", detail=detail)) from exc


def _detail(exc: BaseException) -> str:
    """One line naming the cause of a Ray error (not the remote traceback)."""
    cause = getattr(exc, "cause", None)
    if isinstance(cause, BaseException) and cause is not exc:
        text = [line.strip() for line in str(cause).splitlines() if line.strip()]
        return f"{type(cause).__name__}: {text[0]}" if text else type(cause).__name__
    lines = [_ANSI.sub("", line).strip() for line in str(exc).splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return type(exc).__name__
    # the text of a worker's error holds its traceback: the last line names the error
    return lines[-1] if any(line.startswith('File "') for line in lines) else lines[0]
