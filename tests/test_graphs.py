"""graphs/ holds the seed's outputs as the README's main command makes them; they must not drift."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.cli import main

ROOT = Path(__file__).resolve().parent.parent
STEM = "000_401f0d7f82f0a030"
FORMATS = {"json": ".json", "turtle": ".ttl", "jsonld": ".jsonld", "nt": ".nt", "nq": ".nq", "graphml": ".graphml"}

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory, nlp):
    out = tmp_path_factory.mktemp("graphs")
    import os

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        code = main(["extract", f"seeds/{STEM}.txt", "--format", "all", "--output", f"{out}/", "--workers", "1", "-q"])
        assert code == 0
        assert main(["viz", str(out / f"{STEM}.json"), "--output", str(out / f"{STEM}.html")]) == 0
    finally:
        os.chdir(cwd)
    return out


@pytest.mark.parametrize("suffix", [*FORMATS.values(), ".html"])
def test_committed_output_matches_a_fresh_run(regenerated, suffix):
    name = f"{STEM}{suffix}"
    committed = (ROOT / "graphs" / name).read_bytes()
    fresh = (regenerated / name).read_bytes()
    assert committed == fresh, f"graphs/{name} drifted: run `bash scripts/seed.sh` and commit graphs/"
