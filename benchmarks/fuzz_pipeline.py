"""Fuzz the whole pipeline: N generated documents through extraction and every exporter.

Inputs: random Unicode strings, and random windows of real livedoor articles (read-only from
``../shared/corpus/livedoor``) mutated in memory (deleted, inserted and swapped characters,
control characters, emoji, right-to-left text).  For each document it checks that extraction
does not crash, every mention and evidence offset slices the text to its stated text, and the
JSON, Turtle, N-Triples, N-Quads, JSON-LD and GraphML exports parse in their readers.

Usage: python benchmarks/fuzz_pipeline.py [-n 10000] [--seed 0]
Prints the count of inputs, documents with entities, and failures (exit 1 if any).
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
import time
import traceback
from pathlib import Path

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "livedoor"
SPICE = ["\u0000", "\u200f", "שלום", "😀", "<>&\"'", "\r", "\t", "\u3000", "①", "ｱｲｳ", "\ufeff", "同社", "氏"]


def _articles(limit: int = 400) -> list[str]:
    files = sorted(CORPUS.glob("*/*.txt"))
    files = [f for f in files if not f.name.startswith(("LICENSE", "README"))][:limit]
    return [f.read_text(encoding="utf-8") for f in files]


def _inputs(n: int, rng: random.Random) -> list[str]:
    articles = _articles()
    out = []
    for i in range(n):
        if i % 3 == 0 or not articles:
            out.append("".join(chr(rng.choice([rng.randint(0x20, 0x7E), rng.randint(0x3040, 0x30FF),
                                                rng.randint(0x4E00, 0x9FFF), rng.randint(0x0, 0x2FFFF)]))
                               for _ in range(rng.randint(0, 80))).encode("utf-8", "ignore")
                       .decode("utf-8", "ignore").replace("\ud800", ""))
            continue
        art = rng.choice(articles)
        start = rng.randint(0, max(0, len(art) - 300))
        chars = list(art[start : start + rng.randint(20, 300)])
        for _ in range(rng.randint(0, 10)):
            op = rng.random()
            pos = rng.randint(0, len(chars)) if chars else 0
            if op < 0.4:
                chars[pos:pos] = list(rng.choice(SPICE))
            elif op < 0.7 and chars:
                del chars[min(pos, len(chars) - 1)]
            elif chars:
                j = rng.randint(0, len(chars) - 1)
                chars[min(pos, len(chars) - 1)], chars[j] = chars[j], chars[min(pos, len(chars) - 1)]
        out.append("".join(ch for ch in chars if not 0xD800 <= ord(ch) <= 0xDFFF))
    return out


def _check(kg, text: str) -> None:
    import networkx as nx
    import pyoxigraph
    import rdflib

    from extractor.export import generate
    from extractor.models import KnowledgeGraph

    for e in kg.entities:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text, (m, e.id)
    for r in kg.relations:
        for ev in r.evidence:
            assert text[ev.start : ev.end] == ev.text, (ev, r.id)
    assert KnowledgeGraph.from_json(generate(kg, "json")) == kg
    rdflib.Graph().parse(data=generate(kg, "turtle"), format="turtle")
    rdflib.Graph().parse(data=generate(kg, "nt"), format="nt")
    list(pyoxigraph.parse(io.BytesIO(generate(kg, "nq").encode()), format=pyoxigraph.RdfFormat.N_QUADS))
    json.loads(generate(kg, "jsonld"))
    nx.read_graphml(io.BytesIO(generate(kg, "graphml").encode()), force_multigraph=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    from extractor.models import Document
    from extractor.pipeline import Extractor

    rng = random.Random(args.seed)
    texts = _inputs(args.n, rng)
    kx = Extractor()
    started = time.perf_counter()
    failures, with_entities, done = 0, 0, 0
    docs = [Document(id=f"fuzz-{i}", text=t) for i, t in enumerate(texts)]
    try:
        for kg, text in zip(kx.extract_documents(docs), texts):
            done += 1
            try:
                _check(kg, text)
                with_entities += bool(kg.entities)
            except Exception:  # noqa: BLE001 - a fuzz harness reports every failure
                failures += 1
                print(f"FAIL {kg.documents[0].id}: {text!r}", file=sys.stderr)
                traceback.print_exc()
    except Exception:  # noqa: BLE001
        failures += 1
        traceback.print_exc()
    print(f"inputs: {args.n}  processed: {done}  with entities: {with_entities}  failures: {failures}  "
          f"time: {time.perf_counter() - started:.0f} s")
    return 1 if failures or done != args.n else 0


if __name__ == "__main__":
    sys.exit(main())
