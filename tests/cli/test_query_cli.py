"""``extractor query``: sources, query arguments, output formats and errors, run through ``main``."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
from pathlib import Path
from types import ModuleType

import pytest

from extractor.cli import main
from extractor.cli.query import format_table
from extractor.export.rdf import generate_nquads, generate_turtle
from extractor.models import KnowledgeGraph
from extractor.store import QueryResult, add_graph, open_store


def _load_samples() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "export" / "conftest.py"
    spec = importlib.util.spec_from_file_location("extractor_test_samples", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SAMPLES = _load_samples()
PEOPLE = "SELECT ?p ?l WHERE { ?p a kg:Person ; skos:prefLabel ?l } ORDER BY ?p"


@pytest.fixture(scope="module")
def sample() -> KnowledgeGraph:
    return SAMPLES.build_sample_kg()


@pytest.fixture
def ttl(tmp_path: Path, sample: KnowledgeGraph) -> Path:
    path = tmp_path / "kg.ttl"
    path.write_text(generate_turtle(sample), encoding="utf-8")
    return path


def test_table_output(ttl: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", str(ttl), PEOPLE]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["p", "|", "l"]
    assert set(lines[1]) <= {"-", "+"}
    assert [line.split(" | ")[0].strip() for line in lines[2:]] == ["ent:lecun", "ent:wang", "ent:zuckerberg"]
    # wide characters count twice: the separators line up
    bars = {line.index("|") for line in lines if "|" in line}
    assert len(bars) == 1


def test_csv_output(ttl: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", str(ttl), PEOPLE, "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["p", "l"]
    assert rows[1:] == [["https://w3id.org/extractor/entity/lecun", "Yann LeCun"],
                        ["https://w3id.org/extractor/entity/wang", "アレクサンドル・ワン"],
                        ["https://w3id.org/extractor/entity/zuckerberg", "マーク・ザッカーバーグ"]]


def test_json_output_is_sparql_results_json(ttl: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", str(ttl), PEOPLE, "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["head"]["vars"] == ["p", "l"]
    first = data["results"]["bindings"][1]
    assert first["p"] == {"type": "uri", "value": "https://w3id.org/extractor/entity/wang"}
    assert first["l"] == {"type": "literal", "value": "アレクサンドル・ワン", "xml:lang": "ja"}


def test_typed_literals_in_json(ttl: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", str(ttl), "SELECT ?c WHERE { stmt:R01 kg:confidence ?c }", "-f", "json"]) == 0
    binding = json.loads(capsys.readouterr().out)["results"]["bindings"][0]["c"]
    assert binding == {"type": "literal", "value": "0.92", "datatype": "http://www.w3.org/2001/XMLSchema#decimal"}


def test_ask_and_construct(ttl: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", str(ttl), "ASK { ent:wang kg:worksFor ent:meta }"]) == 0
    assert capsys.readouterr().out == "true\n"
    assert main(["query", str(ttl), "ASK { ent:meta kg:worksFor ent:wang }", "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"head": {}, "boolean": False}
    assert main(["query", str(ttl), "CONSTRUCT { ?s kg:worksFor ?o } WHERE { ?s kg:worksFor ?o }", "-f", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "subject,predicate,object",
        ("https://w3id.org/extractor/entity/wang,https://w3id.org/extractor/ontology#worksFor,"
         "https://w3id.org/extractor/entity/meta")]


def test_query_from_stdin_and_file(ttl: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("ASK { ?s a kg:Product }"))
    assert main(["query", str(ttl), "-"]) == 0
    assert capsys.readouterr().out == "true\n"
    rq = tmp_path / "people.rq"
    rq.write_text("# 人物\n" + PEOPLE, encoding="utf-8")
    assert main(["query", str(ttl), f"@{rq}", "-f", "csv"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 4
    assert main(["query", str(ttl), f"@{tmp_path / 'missing.rq'}"]) == 3
    assert "missing.rq: no such file" in capsys.readouterr().err


def test_other_sources(tmp_path: Path, sample: KnowledgeGraph, capsys: pytest.CaptureFixture[str]) -> None:
    nq = tmp_path / "kg.nq"
    nq.write_text(generate_nquads(sample), encoding="utf-8")
    js = tmp_path / "kg.json"
    js.write_text(sample.to_json(), encoding="utf-8")
    store_dir = tmp_path / "kg.oxigraph"
    store = open_store(store_dir)
    add_graph(store, sample, extractor_version="t")
    del store
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Statement }"
    for source in (nq, js, store_dir):
        assert main(["query", str(source), count, "-f", "csv"]) == 0
        assert capsys.readouterr().out.split() == ["n", "14"], source


def test_limit(ttl: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", str(ttl), PEOPLE, "--limit", "2", "-f", "csv"]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 3
    assert "only the first 2 rows" in captured.err
    assert main(["query", str(ttl), PEOPLE, "--limit", "0", "-f", "csv"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 4


@pytest.mark.parametrize("query,message", [
    ("INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }", "updates are not allowed"),
    ("SELECT ?x WHERE {", "SPARQL query failed"),
])
def test_errors_exit_3(ttl: Path, capsys: pytest.CaptureFixture[str], query: str, message: str) -> None:
    assert main(["query", str(ttl), query]) == 3
    err = capsys.readouterr().err
    assert err.startswith("extractor: error: ") and message in err and err.count("\n") == 1


def test_missing_and_unknown_sources(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", str(tmp_path / "none.ttl"), "ASK {}"]) == 3
    assert "no such file" in capsys.readouterr().err
    (tmp_path / "x.txt").write_text("hello", encoding="utf-8")
    assert main(["query", str(tmp_path / "x.txt"), "ASK {}"]) == 3
    assert "not an RDF file or store" in capsys.readouterr().err


def test_timeout_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    nt = tmp_path / "big.nt"
    nt.write_text("".join(f"<http://x/{i}> <http://x/p> \"{i}\" .\n" for i in range(120)), encoding="utf-8")
    slow = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f ."
            " FILTER (STRLEN(CONCAT(STR(?b), STR(?d), STR(?f))) > 1000) }")
    assert main(["query", str(nt), slow, "--timeout", "0.05"]) == 3
    assert "time limit of 0.05 s" in capsys.readouterr().err


def test_usage_errors_exit_2(ttl: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["query", str(ttl)])
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        main(["query", str(ttl), "ASK {}", "--format", "xml"])
    assert caught.value.code == 2


def test_help_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["query", "--help"])
    out = capsys.readouterr().out
    assert "examples:" in out and "extractor query" in out


def test_table_escapes_control_characters_and_cuts_long_cells() -> None:
    import pyoxigraph as ox

    result = QueryResult(kind="select", variables=("v",),
                         rows=((ox.Literal("a\nb\tc"),), (ox.Literal("長" * 100),), (None,)))
    lines = format_table(result).splitlines()
    assert lines[2] == "a\\nb\\tc"
    assert lines[3].endswith("…") and len(lines[3]) == 30
    assert lines[4] == ""
