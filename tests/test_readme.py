"""The README's promises: the two commands first, and the SPARQL examples give the results it shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractor.store import query_source

ROOT = Path(__file__).resolve().parent.parent
TTL = ROOT / "graphs" / "000_401f0d7f82f0a030.ttl"


def _rows(name: str) -> list[dict]:
    sparql = (ROOT / "queries" / name).read_text(encoding="utf-8")
    return query_source(TTL, sparql).records()


def test_readme_opens_with_the_two_commands():
    lines = [line for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines() if line.strip()]
    block = lines[lines.index("```bash") + 1 : lines.index("```bash") + 3]
    assert block[0].startswith("bash scripts/seed.sh")
    assert block[1].startswith("bash scripts/test.sh")
    assert lines.index("```bash") < 4


def test_readme_shows_every_query():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for q in sorted((ROOT / "queries").glob("*.rq")):
        body = q.read_text(encoding="utf-8").strip()
        assert body in readme, f"README does not show {q.name}"


def test_who_works_for_meta():
    rows = {r["person"]: r for r in _rows("01-who-works-for-meta.rq")}
    assert rows["Mark Zuckerberg"]["role"] == "CEO"
    assert rows["Alexandr Wang"]["role"] == "最高 AI オフィサー"
    assert rows["Chris Cox"]["role"] == "最高製品責任者"
    assert rows["Yann LeCun"]["status"] == "former"


def test_investments_with_amounts():
    (row,) = _rows("02-investments.rq")
    assert (row["investor"], row["target"], row["currency"]) == ("Meta", "Scale AI", "USD")
    assert float(row["amount"]) == 14_300_000_000 and float(row["stake"]) == 49


def test_what_organisations_develop():
    pairs = {(r["org"], r["predicate"], r["thing"]) for r in _rows("03-develops-or-operates.rq")}
    assert ("Meta", "develops", "Avocado") in pairs and ("DeepSeek", "develops", "R1") in pairs


def test_evidence_sentence():
    (row,) = _rows("04-evidence.rq")
    text = (ROOT / "seeds" / "000_401f0d7f82f0a030.txt").read_text(encoding="utf-8")
    assert text[int(row["start"]) : int(row["end"])] == row["sentence"]
    assert "143 億ドルの投資" in row["sentence"]


def test_reported_facts():
    rows = _rows("05-reported-facts.rq")
    assert ("Meta", "develops", "Avocado") in {(r["subject"], r["predicate"], r["object"]) for r in rows}


@pytest.mark.parametrize("alias", ["Alexandr Wang", "アレクサンドル・ワン", "Wang"])
def test_aliases(alias):
    assert alias in {r["name"] for r in _rows("06-aliases.rq")}


def test_readme_figures_are_not_placeholders():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert not re.search(r"\bTODO\b|PLACEHOLDER|XXX", readme)
