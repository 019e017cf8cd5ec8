"""Tests of ``extractor viz``: format from --format or the suffix, stdin/stdout, errors, help."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.cli.viz import picture_format
from extractor.models import Document, Entity, KnowledgeGraph, Mention, Relation

TEXT = "Meta は Avocado を開発した。"


def write_graph(tmp_path: Path) -> Path:
    kg = KnowledgeGraph(
        documents=(Document(id="d1", text=TEXT),),
        entities=(
            Entity(
                id="E1",
                label="Meta",
                type="Organization",
                mentions=(Mention(doc="d1", start=0, end=4, text="Meta"),),
            ),
            Entity(
                id="E2",
                label="Avocado",
                type="Product",
                mentions=(Mention(doc="d1", start=7, end=14, text="Avocado"),),
            ),
        ),
        relations=(Relation(id="R1", subject="E1", predicate="develops", object="E2", confidence=0.9),),
    )
    path = tmp_path / "graph.json"
    path.write_text(kg.to_json(), encoding="utf-8")
    return path


def test_html_from_suffix_with_default_title(tmp_path: Path) -> None:
    graph = write_graph(tmp_path)
    out = tmp_path / "site" / "graph.html"
    assert main(["viz", str(graph), "--output", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<title>Knowledge graph: graph.json</title>" in page
    assert '"Avocado"' in page
    assert [p.name for p in out.parent.iterdir()] == ["graph.html"]  # no temporary file left behind


@pytest.mark.parametrize(
    ("name", "args", "magic"),
    [
        ("g.svg", [], b"<?xml"),
        ("g.PNG", [], b"\x89PNG"),
        ("g.out", ["--format", "png"], b"\x89PNG"),
        ("g.svg", ["--format", "html"], b"<!DOCTYPE html>"),
    ],
)
def test_format_from_option_or_suffix(tmp_path: Path, name: str, args: list[str], magic: bytes) -> None:
    out = tmp_path / name
    assert main(["viz", str(write_graph(tmp_path)), "--output", str(out), *args]) == 0
    assert out.read_bytes().startswith(magic)


def test_unknown_suffix_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "graph.txt"
    assert main(["viz", str(write_graph(tmp_path)), "--output", str(out)]) == 2
    assert "cannot tell the picture format" in capsys.readouterr().err
    assert not out.exists()
    assert picture_format("a.htm", None) == "html" and picture_format("a", None) is None


def test_stdin_to_stdout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_graph(tmp_path).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert main(["viz", "-", "--title", "標準入力"]) == 0
    assert "<title>標準入力</title>" in capsys.readouterr().out


def test_bad_input_fails_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"entities": [{"id": "E1", "label": "x", "type": "Alien"}]}', encoding="utf-8")
    assert main(["viz", str(bad), "--output", str(tmp_path / "g.html")]) == 3
    err = capsys.readouterr().err.strip()
    assert (
        err.startswith("extractor: error: ")
        and "bad.json: not a knowledge-graph JSON (entities.0.type" in err
    )
    assert len(err.splitlines()) == 1
    assert main(["viz", str(tmp_path / "missing.json")]) == 3
    assert "missing.json: no such file or directory" in capsys.readouterr().err


def test_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["viz", "--help"])
    assert "extractor viz seed.json --output seed.html" in capsys.readouterr().out
