"""Benchmark: SPARQL over a synthetic knowledge graph in Oxigraph (pyoxigraph) and rdflib.

Builds an N-Triples file shaped like the extractor's RDF export (entities with
Japanese and English labels, direct ``kg:worksFor`` / ``kg:locatedIn`` triples,
one statement node and one evidence node per relation), then, for each engine
in a fresh process (so peak memory is its own):

* loads the file and times it;
* times a two-hop join (person -> employer -> place) and a join with
  ``GROUP BY`` (statements per employer, with mean confidence), reporting the
  median of ``--runs`` runs;
* reports peak resident memory (``resource.getrusage``).

Engines: ``oxigraph`` (in-memory ``pyoxigraph.Store()``), ``oxigraph-disk``
(``pyoxigraph.Store(path)`` filled with ``bulk_load``), ``rdflib``
(``rdflib.Graph()`` in memory).

Usage::

    python benchmarks/sparql_store.py                 # 1,000,000 triples (about 2 minutes)
    python benchmarks/sparql_store.py --triples 200000 --runs 5
    python benchmarks/sparql_store.py --engines oxigraph,oxigraph-disk

Example:
    >>> import io
    >>> text = io.StringIO()
    >>> counts = write_synthetic(text, 2000)
    >>> counts["triples"] == len(text.getvalue().splitlines()) and 1900 <= counts["triples"] <= 2000
    True
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TextIO

__all__ = ["ENGINES", "QUERIES", "main", "run_engine", "write_synthetic"]

KG = "https://w3id.org/extractor/ontology#"
ENT = "https://w3id.org/extractor/entity/"
STMT = "https://w3id.org/extractor/statement/"
MENTION = "https://w3id.org/extractor/mention/"
DOC = "https://w3id.org/extractor/doc/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"

ENGINES = ("oxigraph", "oxigraph-disk", "rdflib")

PREFIXES = f"""PREFIX kg: <{KG}>
PREFIX rdf: <{RDF}>
PREFIX rdfs: <{RDFS}>
"""

#: name -> SPARQL text
QUERIES: dict[str, str] = {
    "2-hop join": PREFIXES + """
SELECT ?person ?org WHERE {
  ?place rdfs:label "東京"@ja .
  ?org kg:locatedIn ?place .
  ?person kg:worksFor ?org .
}""",
    "join + GROUP BY": PREFIXES + """
SELECT ?org (COUNT(?st) AS ?n) (AVG(?c) AS ?confidence) WHERE {
  ?st rdf:predicate kg:worksFor ; rdf:object ?org ; kg:confidence ?c .
  ?org kg:locatedIn ?place .
} GROUP BY ?org ORDER BY DESC(?n) ?org LIMIT 20""",
}

PLACES_JA = ("東京", "大阪", "名古屋", "福岡", "札幌", "京都", "神戸", "横浜", "仙台", "広島")
PLACES_EN = ("Tokyo", "Osaka", "Nagoya", "Fukuoka", "Sapporo", "Kyoto", "Kobe", "Yokohama", "Sendai", "Hiroshima")

PER_PERSON = 16  # triples written per person: 3 for the entity and relation, 8 statement, 5 evidence


def write_synthetic(out: TextIO, triples: int, seed: int = 42) -> dict[str, int]:
    """Write about ``triples`` N-Triples lines (never more) shaped like the extractor's export.

    Returns:
        Counts of ``triples``, ``persons``, ``organizations`` and ``places`` written.
    """
    rng = random.Random(seed)
    places = len(PLACES_JA)
    orgs = max(10, triples // 250)
    persons = max(0, (triples - places * 3 - orgs * 4) // PER_PERSON)
    written = 0

    def line(s: str, p: str, o: str) -> None:
        nonlocal written
        out.write(f"<{s}> <{p}> {o} .\n")
        written += 1

    for i in range(places):
        s = f"{ENT}place{i}"
        line(s, RDF + "type", f"<{KG}Place>")
        line(s, RDFS + "label", f'"{PLACES_JA[i]}"@ja')
        line(s, RDFS + "label", f'"{PLACES_EN[i]}"@en')
    for i in range(orgs):
        s = f"{ENT}org{i}"
        line(s, RDF + "type", f"<{KG}Organization>")
        line(s, RDFS + "label", f'"株式会社{i}"@ja')
        line(s, RDFS + "label", f'"Company {i} Inc."@en')
        line(s, KG + "locatedIn", f"<{ENT}place{rng.randrange(places)}>")
    for i in range(persons):
        person = f"{ENT}person{i}"
        org = f"{ENT}org{int(rng.paretovariate(1.2)) % orgs}"
        st = f"{STMT}s{i}"
        ev = f"{MENTION}e{i}"
        doc = f"{DOC}doc{i // 20}"
        line(person, RDF + "type", f"<{KG}Person>")
        line(person, RDFS + "label", f'"人物{i}"@ja')
        line(person, KG + "worksFor", f"<{org}>")
        line(st, RDF + "type", f"<{KG}Statement>")
        line(st, RDF + "subject", f"<{person}>")
        line(st, RDF + "predicate", f"<{KG}worksFor>")
        line(st, RDF + "object", f"<{org}>")
        line(st, KG + "confidence", f'"{rng.randint(30, 99) / 100}"^^<{XSD}decimal>')
        line(st, KG + "modality", '"asserted"')
        line(st, KG + "inferred", f'"false"^^<{XSD}boolean>')
        line(st, PROV + "wasDerivedFrom", f"<{ev}>")
        line(ev, RDF + "type", f"<{KG}Mention>")
        line(ev, KG + "document", f"<{doc}>")
        start = rng.randrange(5000)
        line(ev, KG + "start", f'"{start}"^^<{XSD}integer>')
        line(ev, KG + "end", f'"{start + 40}"^^<{XSD}integer>')
        line(ev, KG + "sentence", f'"人物{i}は株式会社に勤めている。"')
    return {"triples": written, "persons": persons, "organizations": orgs, "places": places}


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def run_engine(engine: str, path: Path, runs: int) -> dict[str, object]:
    """Load ``path`` into ``engine`` and time the queries (call in a fresh process)."""
    baseline = _peak_mib()
    started = time.perf_counter()
    if engine == "rdflib":
        import rdflib

        graph = rdflib.Graph()
        graph.parse(str(path), format="nt")
        size = len(graph)

        def query(text: str) -> int:
            return len(list(graph.query(text)))
    else:
        import pyoxigraph as ox

        if engine == "oxigraph":
            store = ox.Store()
            store.load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
        else:
            store = ox.Store(str(path.parent / "oxigraph-store"))
            store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
            store.optimize()
        size = len(store)

        def query(text: str) -> int:
            return len(list(store.query(text)))
    load = time.perf_counter() - started
    out: dict[str, object] = {"engine": engine, "triples": size, "load_s": load}
    for name, text in QUERIES.items():
        times = []
        rows = 0
        for _ in range(runs):
            t0 = time.perf_counter()
            rows = query(text)
            times.append(time.perf_counter() - t0)
        out[name] = {"median_ms": statistics.median(times) * 1000, "rows": rows}
    out["peak_mib"] = _peak_mib()
    out["baseline_mib"] = baseline
    return out


def _table(results: list[dict[str, object]]) -> str:
    names = list(QUERIES)
    header = ["engine", "triples", "load (s)"] + [f"{n} (ms)" for n in names] + ["rows", "peak RSS (MiB)"]
    rows = []
    for r in results:
        row = [str(r["engine"]), f"{r['triples']:,}", f"{r['load_s']:.1f}"]
        row += [f"{r[n]['median_ms']:.1f}" for n in names]  # type: ignore[index]
        row.append(" / ".join(str(r[n]["rows"]) for n in names))  # type: ignore[index]
        row.append(f"{r['peak_mib']:.0f}")
        rows.append(row)
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(header)]
    lines = [" | ".join(h.ljust(w) for h, w in zip(header, widths))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths)))
              for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table (and, with ``--json``, the raw figures)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="example: python benchmarks/sparql_store.py --triples 200000")
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the graph (default 1,000,000)")
    parser.add_argument("--runs", type=int, default=5, help="runs per query; the median is reported (default 5)")
    parser.add_argument("--engines", default=",".join(ENGINES), help=f"comma-separated subset of {ENGINES}")
    parser.add_argument("--json", action="store_true", help="also print the raw figures as JSON")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(run_engine(args.worker, Path(args.file), args.runs)))
        return 0
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = set(engines) - set(ENGINES)
    if unknown:
        parser.error(f"unknown engines {sorted(unknown)}; choose from {ENGINES}")
    with tempfile.TemporaryDirectory(prefix="bench-sparql-") as tmp:
        path = Path(tmp) / "synthetic.nt"
        started = time.perf_counter()
        with path.open("w", encoding="utf-8", newline="\n") as fh:
            counts = write_synthetic(fh, args.triples)
        print(f"synthetic graph: {counts['triples']:,} triples ({counts['persons']:,} persons, "
              f"{counts['organizations']:,} organizations, {counts['places']} places), "
              f"{path.stat().st_size / 2**20:.0f} MiB of N-Triples, written in "
              f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
        results = []
        for engine in engines:
            print(f"running {engine} ...", file=sys.stderr)
            done = subprocess.run([sys.executable, __file__, "--worker", engine, "--file", str(path),
                                   "--runs", str(args.runs)], capture_output=True, text=True, encoding="utf-8",
                                  check=False)
            if done.returncode != 0:
                print(done.stderr, file=sys.stderr)
                return 1
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(_table(results))
    if args.json:
        print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
