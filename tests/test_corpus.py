"""extractor.corpus.run over directories: failures, incremental runs with a store, cross-document entities."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from extractor.corpus import RunSummary, run
from extractor.io.readers import InputFailure
from extractor.models import KnowledgeGraph
from extractor.ontology import document_iri
from extractor.store import document_status, open_store, run_query

pytestmark = pytest.mark.model

#: small articles in the livedoor layout (URL, date, title, body)
ARTICLES = {
    "toyota": (
        "http://news.livedoor.com/article/detail/9000001/\n2012-01-10T10:00:00+0900\n"
        "トヨタが新型車を発表\n"
        "トヨタ自動車は10日、東京都内で新型の電気自動車を発表した。豊田章男社長は「多くの人に乗ってほしい」と述べた。\n"
        "同社は来年から米国でも販売する予定だ。\n"
    ),
    "sony": (
        "http://news.livedoor.com/article/detail/9000002/\n2012-02-01T09:00:00+0900\n"
        "ソニーとトヨタが提携\n"
        "ソニーグループは、トヨタ自動車と提携すると発表した。両社は自動運転の分野で協力する。\n"
    ),
    "panasonic": (
        "http://news.livedoor.com/article/detail/9000003/\n2012-03-05T12:00:00+0900\n"
        "パナソニックが冷蔵庫\n"
        "パナソニックは大阪府門真市に本社を置く。同社は新しい冷蔵庫を発売した。\n"
    ),
}
NEW_ARTICLES = {
    "nintendo": "任天堂の古川俊太郎社長は京都市で記者会見を開いた。\n",
    "honda": "本田技研工業は東京都港区に本社を置く。\n",
}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(64)


def write_articles(directory: Path, articles: dict[str, str]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (directory / f"{name}.txt").write_text(text, encoding="utf-8")


def entity(kg: KnowledgeGraph, entity_id: str):
    found = [e for e in kg.entities if e.id == entity_id]
    assert found, f"no entity {entity_id}; have {sorted(e.id for e in kg.entities)}"
    return found[0]


def ask(store, sparql: str) -> bool:
    return bool(run_query(store, sparql).boolean)


def test_mixed_directory_reports_failures_and_keeps_good_documents(kx, tmp_path):
    corpus = tmp_path / "corpus"
    write_articles(corpus, ARTICLES)
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "picture.png").write_bytes(PNG)
    seen: list[InputFailure] = []

    graph, summary = run([corpus], extractor=kx, workers=1, on_failure=seen.append)

    assert sorted(d.id for d in graph.documents) == sorted(ARTICLES)
    assert summary.documents == len(ARTICLES)
    assert summary.failed == 2
    assert seen == summary.failures
    messages = sorted(f.message for f in seen)
    assert "empty.txt" in messages[0] and "empty" in messages[0].split(":", 1)[1]
    assert "picture.png" in messages[1] and "PNG" in messages[1]
    assert summary.characters == sum(len(d.text) for d in graph.documents)
    assert summary.entities == len(graph.entities) and summary.relations == len(graph.relations)
    # the livedoor header became metadata, not text
    toyota = next(d for d in graph.documents if d.id == "toyota")
    assert toyota.url == "http://news.livedoor.com/article/detail/9000001/"
    assert toyota.date is not None and toyota.date.startswith("2012-01-10")
    assert toyota.title == "トヨタが新型車を発表"
    assert "RunSummary" not in summary.line() and "2 failed" in summary.line()


def test_cross_document_entity_has_mentions_from_both_documents(kx, tmp_path):
    write_articles(tmp_path, ARTICLES)
    graph, _ = run([tmp_path / "toyota.txt", tmp_path / "sony.txt"], extractor=kx, workers=1)

    toyota = [e for e in graph.entities if "トヨタ自動車" in {m.text for m in e.mentions}]
    assert len(toyota) == 1, [(e.id, e.label) for e in toyota]
    docs = {m.doc for m in toyota[0].mentions if m.text == "トヨタ自動車"}
    assert docs == {"toyota", "sony"}
    assert toyota[0].type == "Organization"
    # mentions are in canonical order (document, then position)
    keys = [(m.doc, m.start, m.end) for m in toyota[0].mentions]
    assert keys == sorted(keys)


def test_cross_document_entity_without_knowledge_base_entry(kx, tmp_path):
    """A company the bundled knowledge base does not know still becomes one node across documents."""
    write_articles(tmp_path, {
        "one": "山田精機株式会社は名古屋市に新工場を建設する。\n",
        "two": "山田精機株式会社の佐藤一郎社長は記者会見を開いた。\n",
    })
    graph, _ = run([tmp_path], extractor=kx, workers=1)

    nodes = [e for e in graph.entities if any("山田精機" in m.text for m in e.mentions)]
    assert len(nodes) == 1, [(e.id, e.label, [m.text for m in e.mentions]) for e in nodes]
    assert {m.doc for m in nodes[0].mentions} == {"one", "two"}
    assert nodes[0].kb_id is None


def test_input_order_does_not_change_the_merged_graph(kx, tmp_path):
    write_articles(tmp_path, ARTICLES)
    files = [tmp_path / f"{name}.txt" for name in ARTICLES]
    forward, _ = run(files, extractor=kx, workers=1)
    backward, _ = run(files[::-1], extractor=kx, workers=1)
    assert forward.to_json() == backward.to_json()


def test_incremental_runs_with_a_store(kx, tmp_path):
    corpus = tmp_path / "corpus"
    write_articles(corpus, ARTICLES)
    store_dir = tmp_path / "store"
    store = open_store(store_dir)

    first, s1 = run([corpus], extractor=kx, workers=1, store=store)
    assert (s1.documents, s1.skipped, s1.failed) == (len(ARTICLES), 0, 0)
    for doc in first.documents:
        assert document_status(store, doc.id) is not None
        assert document_status(store, doc.id)[0] == doc.sha256

    # nothing changed: everything is skipped, nothing is parsed, and the output is the same
    again, s2 = run([corpus], extractor=kx, workers=1, store=store)
    assert (s2.documents, s2.skipped) == (0, len(ARTICLES))
    assert again.to_json() == first.to_json()

    # the store survives closing and reopening
    del store
    gc.collect()
    store = open_store(store_dir)

    # two new files: only they are processed
    write_articles(corpus, NEW_ARTICLES)
    added, s3 = run([corpus], extractor=kx, workers=1, store=store)
    assert (s3.documents, s3.skipped) == (len(NEW_ARTICLES), len(ARTICLES))
    assert sorted(d.id for d in added.documents) == sorted([*ARTICLES, *NEW_ARTICLES])
    # the same output as a fresh run over everything
    fresh, _ = run([corpus], extractor=kx, workers=1)
    assert added.to_json() == fresh.to_json()

    # one changed file: re-processed, and its named graph replaced
    panasonic = document_iri("panasonic")
    mentioned = f"ASK {{ GRAPH <{panasonic}> {{ ?m kg:text %s }} }}"
    assert ask(store, mentioned % '"パナソニック"')
    statement = f"ASK {{ GRAPH <{panasonic}> {{ ?st rdf:subject ent:kb.panasonic ; rdf:predicate ?p }} }}"
    assert ask(store, statement), "the first run should have stored a statement about Panasonic"
    old_sha = document_status(store, "panasonic")[0]
    (corpus / "panasonic.txt").write_text(
        "http://news.livedoor.com/article/detail/9000003/\n2012-03-06T12:00:00+0900\n"
        "シャープが液晶\nシャープは大阪府堺市に本社を置く。\n",
        encoding="utf-8",
    )
    changed, s4 = run([corpus], extractor=kx, workers=1, store=store)
    assert (s4.documents, s4.skipped) == (1, len(ARTICLES) + len(NEW_ARTICLES) - 1)
    new_panasonic = next(d for d in changed.documents if d.id == "panasonic")
    assert "シャープ" in new_panasonic.text
    assert document_status(store, "panasonic")[0] != old_sha
    assert document_status(store, "panasonic")[0] == new_panasonic.sha256
    assert "パナソニック" not in {m.text for e in changed.entities for m in e.mentions}
    assert not ask(store, mentioned % '"パナソニック"'), "the old mention is still in the document's graph"
    assert ask(store, mentioned % '"シャープ"')
    assert not ask(store, statement), "the old statement is still in the document's graph"
    assert not ask(store, "ASK { ?st rdf:subject ent:kb.panasonic }")
    # no other document mentions Panasonic, so the merged default graph lost it too
    assert not ask(store, 'ASK { ?m kg:text "パナソニック" }')
    # the unchanged documents are still there
    toyota = document_iri("toyota")
    assert ask(store, f'ASK {{ GRAPH <{toyota}> {{ ?m kg:text "トヨタ自動車" }} }}')


def test_empty_run_summary():
    summary = RunSummary()
    assert summary.failed == 0
    assert summary.line().startswith("0 documents (0 unchanged, skipped), 0 failed")


def test_input_order_does_not_change_the_merged_graph_with_different_surface_forms(kx, tmp_path):
    write_articles(tmp_path, {
        "short": "トヨタは10日、新型車を発表した。\n",
        "full": "トヨタ自動車の豊田章男社長は東京都内で会見した。\n",
    })
    files = [tmp_path / "short.txt", tmp_path / "full.txt"]
    forward, _ = run(files, extractor=kx, workers=1)
    backward, _ = run(files[::-1], extractor=kx, workers=1)
    toyota = entity(forward, "kb.toyota")
    assert {m.doc for m in toyota.mentions} == {"short", "full"}
    assert forward.to_json() == backward.to_json()


def test_a_document_whose_analysis_fails_is_reported_and_the_run_goes_on(kx, tmp_path, monkeypatch):
    import extractor.pipeline as pipeline

    write_articles(tmp_path, {"good": "ノルディア株式会社は新製品を発表した。\n", "bad": "ベルテック社は提携した。\n"})
    real = pipeline.analyze

    def flaky(document, *args, **kwargs):
        if document.id == "bad":
            raise RuntimeError("boom")
        return real(document, *args, **kwargs)

    monkeypatch.setattr(pipeline, "analyze", flaky)
    failures = []
    graph, summary = run([tmp_path], extractor=kx, workers=1, on_failure=failures.append)
    assert [d.id for d in graph.documents] == ["good"]
    assert summary.failed == 1 and "bad: extraction failed (RuntimeError: boom)" in failures[0].message
