"""Tests of ``extractor eval``: table and JSON reports, stdin, errors and help."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.models import Document, Entity, KnowledgeGraph, Mention, Relation

TEXT = "Meta は Avocado を開発した。"
GOLD = {
    "document": "news1.txt",
    "entity_types": ["Organization", "Product"],
    "predicates": ["develops"],
    "entities": [
        {"id": "meta", "label": "Meta", "type": "Organization", "aliases": ["Meta"], "required": True},
        {"id": "avocado", "label": "Avocado", "type": "Product", "aliases": ["Avocado"], "required": True},
    ],
    "relations": [{"subject": "meta", "predicate": "develops", "object": "avocado", "tier": "core"}],
}


def write_inputs(tmp_path: Path, *, with_avocado: bool = True) -> tuple[Path, Path]:
    entities = [
        Entity(
            id="E1",
            label="Meta",
            type="Organization",
            mentions=(Mention(doc="news1", start=0, end=4, text="Meta"),),
        )
    ]
    relations = []
    if with_avocado:
        entities.append(
            Entity(
                id="E2",
                label="Avocado",
                type="Product",
                mentions=(Mention(doc="news1", start=7, end=14, text="Avocado"),),
            )
        )
        relations.append(Relation(id="R1", subject="E1", predicate="develops", object="E2", confidence=0.9))
    kg = KnowledgeGraph(
        documents=(Document(id="news1", text=TEXT),), entities=tuple(entities), relations=tuple(relations)
    )
    pred, gold = tmp_path / "pred.json", tmp_path / "news1.gold.json"
    pred.write_text(kg.to_json(), encoding="utf-8")
    gold.write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    return pred, gold


def test_table_report_on_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pred, gold = write_inputs(tmp_path, with_avocado=False)
    assert main(["eval", str(pred), str(gold)]) == 0
    out = capsys.readouterr().out
    header, row, total = out.splitlines()[:3]
    assert header.split()[:3] == ["document", "ent", "P"]
    assert row.split()[:4] == ["news1", "1.000", "0.500", "0.667"]
    assert total.startswith("total (micro)")
    assert "missed entities: avocado" in out and "missed relations: meta develops avocado" in out


def test_json_report_to_file(tmp_path: Path) -> None:
    pred, gold = write_inputs(tmp_path)
    out = tmp_path / "scores" / "report.json"
    assert main(["eval", str(pred), str(gold), "--format", "json", "--output", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["documents"][0]["document"] == "news1"
    assert data["total"]["entity_f1"] == 1.0 and data["total"]["relation_recall_core"] == 1.0


def test_prediction_from_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pred, gold = write_inputs(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(pred.read_bytes()), encoding="utf-8"))
    assert main(["eval", "-", str(gold), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"]["entity_recall"] == 1.0


def test_missing_and_malformed_inputs_fail_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pred, gold = write_inputs(tmp_path)
    assert main(["eval", str(tmp_path / "nope.json"), str(gold)]) == 3
    assert capsys.readouterr().err.strip().endswith("nope.json: no such file or directory; check the path")
    bad_gold = tmp_path / "bad.gold.json"
    bad_gold.write_text('{"entities": []}', encoding="utf-8")
    assert main(["eval", str(pred), str(bad_gold)]) == 3
    err = capsys.readouterr().err
    assert "bad.gold.json: not a gold annotation" in err and len(err.strip().splitlines()) == 1
    not_graph = tmp_path / "not_graph.json"
    not_graph.write_text('{"entities": [{"id": "1"}]}', encoding="utf-8")
    assert main(["eval", str(not_graph), str(gold)]) == 3
    assert "not_graph.json: not a knowledge-graph JSON" in capsys.readouterr().err


def test_gold_for_another_document_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pred, gold = write_inputs(tmp_path)
    gold.write_text(json.dumps({**GOLD, "document": "other.txt"}), encoding="utf-8")
    assert main(["eval", str(pred), str(gold)]) == 3
    assert "gold names document 'other.txt'" in capsys.readouterr().err


def test_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["eval", "--help"])
    assert stop.value.code == 0
    assert "examples:\n  extractor extract" in capsys.readouterr().out
