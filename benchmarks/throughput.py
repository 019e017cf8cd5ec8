"""Throughput and peak memory of the extractor against plain GiNZA parsing of the same text.

On the same ``N`` livedoor articles (default 100, spread evenly over the
categories) this measures, at 1 and 2 workers (spaCy ``n_process``):

* **parse**: plain ``nlp.pipe`` of ``ja_ginza`` over exactly the paragraph
  units the extractor parses (``normalize`` + ``segment``, same batch size);
* **full**: the whole extractor, ``Extractor.extract_documents``.

Each configuration runs in a fresh subprocess so that peak memory figures do
not mix; the model load is timed separately and left out of the rates.  Rates
are characters of document text per second of wall time.  Peak memory is
``ru_maxrss`` of the process, and with 2 workers also of its largest worker
(``RUSAGE_CHILDREN``) and a sampled peak of the whole process tree's RSS
(shared copy-on-write pages of the forked workers are counted once per process
there, so it overstates).  The table ends with the ratio full/parse at 1 worker
(how much the extractor costs on top of parsing) and the 2-worker speed-ups.

``--all`` adds a 1-worker full pass over every article of the corpus (~2,500,
about 45 minutes on one core), merging the graphs into one as ``extractor
extract`` does, and reports its rate and peak memory;
``--profile`` runs cProfile over the extractor's own work (entity analysis
and graph building, with the parse done beforehand and excluded) and prints
the top functions.

The corpus is read in place and never written; without it the benchmark
refuses to run (it measures real articles, not made-up ones).

Usage:
    .venv/bin/python benchmarks/throughput.py                 # N=100, 1 and 2 workers
    .venv/bin/python benchmarks/throughput.py --n 20 --workers 1
    .venv/bin/python benchmarks/throughput.py --all           # plus the whole corpus at 1 worker
    .venv/bin/python benchmarks/throughput.py --profile --n 50

Example:
    >>> Result("parse", 1, chars=2000, seconds=2.0, load_seconds=1.0, self_kb=1024, children_kb=0,
    ...        tree_peak_kb=1024, documents=2, units=10).rate
    1000.0
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # typing.Self is Python 3.11+
    from typing import Self

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(REPO))

__all__ = ["Result", "format_table", "main", "measure", "select_articles"]

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "livedoor"
MODES = ("parse", "full")


@dataclass
class Result:
    """One configuration's figures (memory in KiB)."""

    mode: str
    workers: int
    chars: int
    seconds: float
    load_seconds: float
    self_kb: int
    children_kb: int
    tree_peak_kb: int
    documents: int
    units: int
    cpu_seconds: float = 0.0
    load_average: float = 0.0

    @property
    def rate(self) -> float:
        """Characters per second of wall time."""
        return self.chars / self.seconds if self.seconds else 0.0

    @property
    def cpu_rate(self) -> float:
        """Characters per CPU second (this process and its workers): steadier on a shared machine."""
        return self.chars / self.cpu_seconds if self.cpu_seconds else 0.0


def select_articles(corpus: Path, n: int | None) -> list[Path]:
    """``n`` article files spread evenly over the sorted corpus (all of them when ``n`` is None).

    Example:
        >>> select_articles(Path("/nonexistent"), 3)
        []
    """
    files = sorted(p for p in corpus.glob("*/*.txt") if p.stem.upper() != "LICENSE")
    if n is None or n >= len(files):
        return files
    step = len(files) / n
    return [files[int(i * step)] for i in range(n)]


class _TreeSampler:
    """Samples the summed RSS of this process and its children every ``interval`` seconds."""

    def __init__(self, interval: float = 0.25) -> None:
        self.interval = interval
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        try:
            import psutil
        except ImportError:  # psutil is optional: the ru_maxrss figures remain
            return
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for p in [me, *me.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    continue
            self.peak_kb = max(self.peak_kb, total // 1024)
            self._stop.wait(self.interval)


def measure(mode: str, workers: int, files: list[Path], batch_size: int, progress: bool = False) -> Result:
    """Run one configuration in this process and return its figures."""
    from extractor.io.readers import InputFailure, iter_documents
    from extractor.merge import GraphAccumulator
    from extractor.nlp.normalize import normalize
    from extractor.nlp.segment import segment
    from extractor.pipeline import Extractor

    docs = [d for d in iter_documents(files) if not isinstance(d, InputFailure)]
    chars = sum(len(d.text) for d in docs)
    started = time.perf_counter()
    kx = Extractor(batch_size=batch_size)
    load_seconds = time.perf_counter() - started
    units = [u.text for d in docs for u in segment(normalize(d.text).text)]
    load_average = os.getloadavg()[0]
    cpu_before = _cpu_seconds()
    with _TreeSampler() as sampler:
        started = time.perf_counter()
        if mode == "parse":
            for _ in kx.nlp.pipe(units, batch_size=batch_size, n_process=workers):
                pass
        else:
            acc = GraphAccumulator() if mode == "corpus" else None
            for i, graph in enumerate(kx.extract_documents(docs, n_process=workers), 1):
                if acc is not None:
                    acc.add(graph)
                if progress and i % 100 == 0:
                    rate = chars * i / len(docs) / (time.perf_counter() - started)
                    print(f"  {i}/{len(docs)} documents, ~{rate:,.0f} chars/s", file=sys.stderr, flush=True)
            if acc is not None:
                acc.graph()  # the merged, validated corpus graph, as `extractor extract` builds it
        seconds = time.perf_counter() - started
    cpu_seconds = _cpu_seconds() - cpu_before
    return Result(
        mode=mode,
        workers=workers,
        chars=chars,
        seconds=seconds,
        load_seconds=load_seconds,
        self_kb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        children_kb=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        tree_peak_kb=sampler.peak_kb,
        documents=len(docs),
        units=len(units),
        cpu_seconds=cpu_seconds,
        load_average=load_average,
    )


def _cpu_seconds() -> float:
    """User + system CPU time of this process and of its finished children."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def _in_subprocess(mode: str, workers: int, corpus: Path, n: int | None, batch_size: int) -> Result:
    cmd = [sys.executable, __file__, "--child", mode, str(workers), "--corpus", str(corpus),
           "--batch-size", str(batch_size)]
    cmd += ["--n", str(n)] if n is not None else ["--every"]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, encoding="utf-8", check=True)
    return Result(**json.loads(proc.stdout.strip().splitlines()[-1]))


def _mib(kb: int) -> str:
    return f"{kb / 1024:,.0f}" if kb else "-"


def format_table(results: list[Result]) -> str:
    """The results as a fixed-width table, then the ratios.

    Example:
        >>> r = [Result("parse", 1, 3000, 1.0, 5.0, 900_000, 0, 0, 3, 9),
        ...      Result("full", 1, 3000, 2.0, 5.0, 950_000, 0, 0, 3, 9)]
        >>> print(format_table(r).splitlines()[-1])
        full/parse at 1 worker: 0.50
    """
    head = (f"{'mode':<6} {'workers':>7} {'docs':>5} {'chars':>9} {'seconds':>8} {'chars/s':>9} "
            f"{'chars/cpu-s':>11} {'load s':>7} {'peak MiB':>9} {'worker MiB':>11} {'tree MiB':>9} {'loadavg':>7}")
    lines = [head, "-" * len(head)]
    for r in results:
        lines.append(
            f"{r.mode:<6} {r.workers:>7} {r.documents:>5} {r.chars:>9,} {r.seconds:>8.1f} {r.rate:>9,.0f} "
            f"{r.cpu_rate:>11,.0f} {r.load_seconds:>7.1f} {_mib(r.self_kb):>9} {_mib(r.children_kb):>11} "
            f"{_mib(r.tree_peak_kb):>9} {r.load_average:>7.2f}"
        )
    by = {(r.mode, r.workers): r for r in results}
    lines.append("")
    for mode in MODES:
        one, two = by.get((mode, 1)), by.get((mode, 2))
        if one and two and one.rate:
            lines.append(f"{mode} speed-up at 2 workers: {two.rate / one.rate:.2f}")
    parse, full = by.get(("parse", 1)), by.get(("full", 1))
    if parse and full and parse.rate:
        lines.append(f"full/parse at 1 worker: {full.rate / parse.rate:.2f}")
        if parse.cpu_rate and full.cpu_rate:
            lines.append(f"full/parse at 1 worker, per CPU second: {full.cpu_rate / parse.cpu_rate:.2f}")
    return "\n".join(lines)


def profile(files: list[Path], batch_size: int, top: int = 30) -> str:
    """cProfile of the extractor's own work (analysis and graph building), the parse excluded."""
    import cProfile
    import io
    import pstats

    from extractor.io.readers import InputFailure, iter_documents
    from extractor.nlp.normalize import normalize
    from extractor.nlp.segment import segment
    from extractor.pipeline import Extractor, analyze, build_graph

    kx = Extractor(batch_size=batch_size)
    surfaces = kx.kb.surfaces()
    docs = [d for d in iter_documents(files) if not isinstance(d, InputFailure)]
    parsed = []
    started = time.perf_counter()
    for d in docs:
        units = [u.text for u in segment(normalize(d.text).text)]
        parsed.append((d, list(kx.nlp.pipe(units, batch_size=batch_size))))
    parse_seconds = time.perf_counter() - started
    prof = cProfile.Profile()
    started = time.perf_counter()
    prof.enable()
    for d, units in parsed:
        build_graph(analyze(d, units, kx.kb, surfaces))
    prof.disable()
    own_seconds = time.perf_counter() - started
    out = io.StringIO()
    print(f"parse {parse_seconds:.1f} s; extractor's own work {own_seconds:.1f} s (under cProfile)", file=out)
    stats = pstats.Stats(prof, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="example:\n  .venv/bin/python benchmarks/throughput.py --n 100")
    parser.add_argument("--n", type=int, default=100, help="articles to measure (default 100)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the livedoor corpus directory")
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts (default 1,2)")
    parser.add_argument("--batch-size", type=int, default=32, help="units per nlp.pipe batch (default 32)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs per configuration, the fastest kept (default 1; use 2-3 on a shared machine)")
    parser.add_argument("--all", action="store_true", help="also a 1-worker full pass over the whole corpus")
    parser.add_argument("--profile", action="store_true", help="profile the extractor's own work instead")
    parser.add_argument("--json", type=Path, default=None, help="also write the results as JSON here")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "WORKERS"), help=argparse.SUPPRESS)
    parser.add_argument("--every", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    files = select_articles(args.corpus, None if args.every else args.n)
    if not files:
        print(f"throughput: no livedoor articles under {args.corpus}; pass --corpus", file=sys.stderr)
        return 2
    if args.child:
        mode, workers = args.child[0], int(args.child[1])
        result = measure(mode, workers, files, args.batch_size, progress=args.every)
        print(json.dumps(asdict(result)))
        return 0
    if args.profile:
        print(profile(files, args.batch_size))
        return 0

    results: list[Result] = []
    for workers in (int(w) for w in args.workers.split(",")):
        for mode in MODES:
            print(f"measuring {mode} at {workers} worker(s) on {len(files)} articles...", file=sys.stderr, flush=True)
            runs = [_in_subprocess(mode, workers, args.corpus, args.n, args.batch_size)
                    for _ in range(max(1, args.repeat))]
            results.append(min(runs, key=lambda r: r.seconds))
    print(format_table(results))
    if args.all:
        print("measuring full + merge at 1 worker on the whole corpus...", file=sys.stderr, flush=True)
        whole = _in_subprocess("corpus", 1, args.corpus, None, args.batch_size)
        print(f"\nwhole corpus, full + merge, 1 worker: {whole.documents} documents, {whole.chars:,} chars in "
              f"{whole.seconds / 60:.1f} min = {whole.rate:,.0f} chars/s; peak memory {_mib(whole.self_kb)} MiB")
        results.append(whole)
    if args.json is not None:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
