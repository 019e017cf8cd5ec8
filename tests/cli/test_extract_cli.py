"""Tests of ``extractor extract``: files, stdin, every format, exit codes, help, determinism."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from extractor.about import __version__
from extractor.cli import COMMANDS, EXIT_FAILED_INPUTS, EXIT_FATAL, EXIT_OK, EXIT_USAGE, main
from extractor.models import KnowledgeGraph

ROOT = Path(__file__).resolve().parents[2]

TEXTS = {
    "toyota": "トヨタ自動車の豊田章男社長は東京都内で会見した。\n",
    "sony": "ソニーグループは、トヨタ自動車と提携すると発表した。\n",
    "nintendo": "任天堂は京都市に本社を置く。\n",
}


def write_texts(directory: Path) -> list[Path]:
    paths = []
    for name, text in TEXTS.items():
        path = directory / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def extract(*args: str | os.PathLike[str]) -> int:
    return main(["extract", "--workers", "1", *map(str, args)])


# -- without the model ------------------------------------------------------------------------------


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"extractor {__version__}"


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_of_every_command_has_an_example(command, capsys):
    argv = ["--help"] if command is None else [command, "--help"]
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "example" in out.lower()
    if command is not None:
        assert f"extractor {command}" in out  # the example runs this very command


def test_unknown_format_is_refused_before_any_work(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(TEXTS["toyota"], encoding="utf-8")
    code = extract(tmp_path / "a.txt", "--format", "xml", "--output", tmp_path / "out.xml")
    # the CLI documents 2 (usage error) for an unknown format; it answers 3 today (ExportError is fatal)
    assert code in (EXIT_USAGE, EXIT_FATAL)
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "unknown output format 'xml'" in err[0] and "json" in err[0]
    assert not (tmp_path / "out.xml").exists()


def test_several_formats_to_stdout_are_refused(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(TEXTS["toyota"], encoding="utf-8")
    code = extract(tmp_path / "a.txt", "--format", "json,turtle", "--output", "-")
    assert code in (EXIT_USAGE, EXIT_FATAL)
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "stdout" in err[0]


def test_missing_input_in_a_subprocess_has_no_traceback(tmp_path):
    missing = tmp_path / "no" / "such.txt"
    out = tmp_path / "out.json"
    proc = subprocess.run(
        [sys.executable, "-m", "extractor", "extract", str(missing), "--workers", "1", "--output", str(out)],
        check=False, capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=300,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert proc.returncode == EXIT_FATAL
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert all(line.startswith("extractor: ") for line in lines), lines
    about_path = [line for line in lines if str(missing) in line]
    assert len(about_path) == 1 and "no such file or directory" in about_path[0]
    assert proc.stdout == ""
    assert not out.exists()


# -- with the model ---------------------------------------------------------------------------------


@pytest.mark.model
def test_text_file_to_json_file(nlp, tmp_path, capsys):
    (src,) = [p for p in write_texts(tmp_path) if p.stem == "toyota"]
    out = tmp_path / "out" / "graph.json"
    out.parent.mkdir()
    assert extract(src, "--output", out) == EXIT_OK
    kg = KnowledgeGraph.from_json(out.read_text(encoding="utf-8"))
    assert [d.id for d in kg.documents] == ["toyota"]
    assert kg.documents[0].text == TEXTS["toyota"]
    assert {"トヨタ自動車", "豊田章男"} <= {m.text for e in kg.entities for m in e.mentions}
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("extractor: 1 documents")


@pytest.mark.model
def test_stdin_to_stdout(nlp, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXTS["nintendo"].encode("utf-8")),
                                                       encoding="utf-8"))
    assert extract("-", "--format", "json", "--output", "-", "--quiet") == EXIT_OK
    captured = capsys.readouterr()
    kg = KnowledgeGraph.from_json(captured.out)
    assert [d.id for d in kg.documents] == ["stdin"]
    assert "任天堂" in {m.text for e in kg.entities for m in e.mentions}
    assert captured.err == ""  # --quiet


@pytest.mark.model
def test_format_all_into_a_directory_writes_six_parseable_files(nlp, tmp_path):
    import networkx as nx
    import rdflib

    (src,) = [p for p in write_texts(tmp_path) if p.stem == "sony"]
    out_dir = tmp_path / "graphs"
    assert extract(src, "--format", "all", "--output", f"{out_dir}{os.sep}", "--quiet") == EXIT_OK
    names = sorted(p.name for p in out_dir.iterdir())
    assert names == sorted(f"sony{s}" for s in (".json", ".ttl", ".jsonld", ".nt", ".nq", ".graphml"))

    kg = KnowledgeGraph.from_json((out_dir / "sony.json").read_text(encoding="utf-8"))
    assert kg.entities and kg.relations
    with warnings.catch_warnings():  # rdflib 7.x's Dataset parsers call its own deprecated API
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="rdflib")
        turtle = rdflib.Graph().parse(data=(out_dir / "sony.ttl").read_text(encoding="utf-8"), format="turtle")
        nt = rdflib.Graph().parse(data=(out_dir / "sony.nt").read_text(encoding="utf-8"), format="nt")
        nq = rdflib.Dataset().parse(data=(out_dir / "sony.nq").read_text(encoding="utf-8"), format="nquads")
        jsonld = rdflib.Dataset().parse(data=(out_dir / "sony.jsonld").read_text(encoding="utf-8"),
                                        format="json-ld")
        nq_quads = list(nq.quads((None, None, None, None)))
        jsonld_quads = list(jsonld.quads((None, None, None, None)))
    assert len(turtle) > 0 and len(turtle) == len(nt)
    assert nq_quads and jsonld_quads
    assert {(s, p, o) for s, p, o, _ in nq_quads} == {(s, p, o) for s, p, o, _ in jsonld_quads}
    graphml = nx.read_graphml(out_dir / "sony.graphml")
    assert {e.id for e in kg.entities} <= set(graphml.nodes)
    assert graphml.number_of_edges() >= len(kg.relations)


@pytest.mark.model
def test_bad_input_among_good_ones(nlp, tmp_path, capsys):
    paths = write_texts(tmp_path)
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out.json"
    assert extract(*paths, missing, "--output", out) == EXIT_FAILED_INPUTS
    err = capsys.readouterr().err.splitlines()
    assert any(str(missing) in line and "no such file" in line for line in err)
    kg = KnowledgeGraph.from_json(out.read_text(encoding="utf-8"))
    assert sorted(d.id for d in kg.documents) == sorted(TEXTS)

    out2 = tmp_path / "out2.json"
    assert extract(*paths, missing, "--output", out2, "--keep-going") == EXIT_OK
    assert out2.read_bytes() == out.read_bytes()


@pytest.mark.model
def test_only_bad_inputs_is_fatal_and_writes_nothing(nlp, tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out.json"
    assert extract(tmp_path / "empty.txt", "--output", out) == EXIT_FATAL
    assert not out.exists()
    assert "empty" in capsys.readouterr().err


@pytest.mark.model
def test_runs_are_byte_identical_and_input_order_does_not_matter(nlp, tmp_path):
    paths = write_texts(tmp_path)
    outs = [tmp_path / f"run{i}.ttl" for i in range(3)]
    orders = [paths, paths, paths[::-1]]
    for order, out in zip(orders, outs):
        assert extract(*order, "--format", "turtle", "--output", out, "--quiet") == EXIT_OK
    first = outs[0].read_bytes()
    assert first and outs[1].read_bytes() == first
    assert outs[2].read_bytes() == first

    json_outs = [tmp_path / "a.json", tmp_path / "b.json"]
    assert extract(*paths, "--output", json_outs[0], "--quiet") == EXIT_OK
    assert extract(*paths[::-1], "--output", json_outs[1], "--quiet") == EXIT_OK
    assert json_outs[0].read_bytes() == json_outs[1].read_bytes()


@pytest.mark.model
def test_directory_input_with_a_store_skips_unchanged_documents(nlp, tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_texts(corpus)
    store = tmp_path / "kgstore"
    out = tmp_path / "out.json"
    assert extract(corpus, "--store", store, "--output", out) == EXIT_OK
    assert "3 documents (0 unchanged, skipped)" in capsys.readouterr().err
    out2 = tmp_path / "out2.json"
    assert extract(corpus, "--store", store, "--output", out2) == EXIT_OK
    assert "0 documents (3 unchanged, skipped)" in capsys.readouterr().err
    assert out2.read_bytes() == out.read_bytes()  # unchanged documents still make the output


def test_ray_engine_without_ray_says_how_to_install(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "ray", None)  # makes `import ray` raise ImportError
    (tmp_path / "a.txt").write_text(TEXTS["toyota"], encoding="utf-8")
    assert extract(tmp_path / "a.txt", "--engine", "ray", "--output", tmp_path / "out.json") == EXIT_FATAL
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "pip install 'extractor[ray]'" in err[0]
    assert not (tmp_path / "out.json").exists()


@pytest.mark.slow
@pytest.mark.model
def test_ray_engine_writes_the_local_engine_output(nlp, tmp_path, capsys):
    paths = write_texts(tmp_path)
    local, remote = tmp_path / "local.json", tmp_path / "ray.json"
    assert extract(*paths, tmp_path / "missing.txt", "--output", local) == EXIT_FAILED_INPUTS
    assert extract(*paths, tmp_path / "missing.txt", "--engine", "ray", "--output", remote) == EXIT_FAILED_INPUTS
    assert remote.read_bytes() == local.read_bytes()
    err = capsys.readouterr().err
    assert err.count("missing.txt: no such file or directory") == 2
