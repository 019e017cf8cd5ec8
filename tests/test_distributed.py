"""extractor.distributed: the Ray engine gives the local run's graph, byte for byte."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

from extractor.corpus import run
from extractor.distributed import ExtractionWorker, batched, run_ray
from extractor.errors import ExtractorError
from extractor.io.readers import InputFailure
from extractor.models import Document, KnowledgeGraph

ROOT = Path(__file__).resolve().parent.parent
LIVEDOOR = ROOT.parent / "shared" / "corpus" / "livedoor"

#: (company, person, place, product) for the articles written when the livedoor corpus is absent
_FACTS = [
    ("トヨタ自動車", "豊田章男", "愛知県豊田市", "電気自動車"),
    ("ソニーグループ", "吉田憲一郎", "東京都港区", "ゲーム機"),
    ("任天堂", "古川俊太郎", "京都市", "携帯ゲーム機"),
    ("パナソニック", "津賀一宏", "大阪府門真市", "冷蔵庫"),
    ("本田技研工業", "三部敏宏", "東京都港区", "小型ジェット機"),
]


def livedoor_articles(directory: Path, n: int = 20) -> list[Path]:
    """``n`` livedoor articles: real ones (read in place) when the corpus is beside the repo, else written."""
    if LIVEDOOR.is_dir():
        files = sorted(p for p in LIVEDOOR.glob("*/*.txt") if p.stem.upper() != "LICENSE")
        if len(files) >= 2 * n:  # the shorter half, every category, to keep the test quick
            shorter = sorted(files, key=lambda p: (p.stat().st_size, p.name))[: len(files) // 2]
            return sorted(shorter, key=lambda p: p.name)[:: len(shorter) // n][:n]
    paths = []
    for i in range(n):
        company, person, place, product = _FACTS[i % len(_FACTS)]
        partner = _FACTS[(i + 1) % len(_FACTS)][0]
        text = (
            f"http://news.livedoor.com/article/detail/{8000000 + i}/\n"
            f"2012-{1 + i % 12:02d}-{1 + i % 28:02d}T10:00:00+0900\n"
            f"{company}が新しい{product}を発表\n"
            f"{company}は{1 + i % 28}日、{place}で新しい{product}を発表した。{person}社長は「自信がある」と述べた。\n"
            f"同社は{partner}と提携し、{2013 + i % 5}年に約{100 + 10 * i}億円を投資する計画だという。\n"
        )
        path = directory / f"article-{i:03d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


# -- no Ray needed ----------------------------------------------------------------------------------


def test_batched():
    assert list(batched(iter(range(7)), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batched([], 3)) == []
    with pytest.raises(ValueError):
        list(batched([1], 0))


def test_missing_ray_gives_the_install_hint(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "ray", None)  # makes `import ray` raise ImportError
    with pytest.raises(ExtractorError) as info:
        run_ray([tmp_path])
    assert "pip install 'extractor[ray]'" in str(info.value)


def test_unreachable_address_fails_fast(tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ExtractorError) as info:
        run_ray([tmp_path], address=f"127.0.0.1:{port}")
    message = str(info.value)
    assert f"127.0.0.1:{port}" in message and "cluster" in message


def test_worker_errors_are_reduced_to_one_line():
    from extractor.distributed import _detail

    class TaskError(Exception):  # the shape of ray.exceptions.RayTaskError: the original error in .cause
        def __init__(self, cause: BaseException) -> None:
            super().__init__("ray::ExtractionWorker.extract() (pid=1)\n  File \"x.py\", line 1\nValueError: boom")
            self.cause = cause

    assert _detail(TaskError(ValueError("boom\nmore"))) == "ValueError: boom"
    died = Exception("The actor died because of an error raised in its creation task, \x1b[36mray::W\x1b[39m\n"
                     '  File "model.py", line 29, in load_model\n'
                     "extractor.errors.ModelError: the spaCy model is not installed")
    assert _detail(died) == "extractor.errors.ModelError: the spaCy model is not installed"
    assert _detail(ConnectionError("no cluster\nsecond line")) == "no cluster"
    assert _detail(TimeoutError()) == "TimeoutError"


def test_bad_arguments():
    with pytest.raises(ValueError):
        run_ray([], num_actors=0)
    with pytest.raises(ValueError):
        run_ray([], batch_size=0)


@pytest.mark.model
def test_worker_wire_format_matches_the_extractor(kx):
    """The actor's body, called directly: Document JSON in, KnowledgeGraph JSON out, in order."""
    worker = ExtractionWorker()
    docs = [Document(id="b", text="任天堂は京都市に本社を置く。"), Document(id="a", text="ソニーは東京で会見した。")]
    out = worker.extract([d.model_dump_json() for d in docs])
    assert [KnowledgeGraph.from_json(j).documents[0].id for j in out] == ["b", "a"]
    expected = list(kx.extract_documents(docs))
    assert [KnowledgeGraph.from_json(j).to_json() for j in out] == [g.to_json() for g in expected]


# -- a local Ray instance ---------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.model
def test_ray_run_is_byte_identical_to_the_local_run(kx, tmp_path):
    articles = livedoor_articles(tmp_path)
    assert len(articles) == 20
    kb = tmp_path / "kb.jsonl"
    kb.write_text(
        '{"id": "yamada_seiki", "type": "Organization", "labels": {"ja": "山田精機", "en": "Yamada Seiki"}}\n',
        encoding="utf-8",
    )
    extra = tmp_path / "extra.txt"
    extra.write_text("山田精機は名古屋市に新工場を建設する。\n", encoding="utf-8")
    inputs = [*articles, extra, tmp_path / "missing.txt"]

    from extractor.kb import KnowledgeBase
    from extractor.pipeline import Extractor

    local_kx = Extractor(nlp=kx.nlp, kb=KnowledgeBase.load([kb]))
    local_failures: list[InputFailure] = []
    local, local_summary = run(inputs, extractor=local_kx, workers=1, on_failure=local_failures.append)

    import ray

    from extractor.store import open_store

    # an instance started by the caller is used as it is (and left running by run_ray)
    ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False)
    try:
        ray_failures: list[InputFailure] = []
        remote, remote_summary = run_ray(inputs, num_actors=1, batch_size=4, kb_paths=[kb],
                                         on_failure=ray_failures.append)
        assert ray.is_initialized()

        # a worker that cannot load its model is reported before any work is sent
        with pytest.raises(ExtractorError) as info:
            run_ray(articles[:1], num_actors=1, model="no_such_model")
        assert "Ray worker could not start" in str(info.value) and "ModelError" in str(info.value)
        assert "\n" not in str(info.value)

        # incremental runs with a store: stored and new documents interleaved in the second one
        store = open_store(tmp_path / "store")
        _, s1 = run_ray(articles[0:5:2], num_actors=1, store=store)
        mixed, s2 = run_ray(articles[:5], num_actors=1, store=store, progress=True)
    finally:
        ray.shutdown()

    assert remote.to_json() == local.to_json()
    assert len(remote.documents) == 21
    # the user's knowledge base reached the actor
    assert "kb.yamada_seiki" in {e.id for e in remote.entities}
    assert [f.message for f in ray_failures] == [f.message for f in local_failures]
    assert remote_summary.failed == 1 and "missing.txt" in ray_failures[0].message
    for field in ("documents", "characters", "skipped", "entities", "relations"):
        assert getattr(remote_summary, field) == getattr(local_summary, field), field

    assert (s1.documents, s1.skipped) == (3, 0)
    assert (s2.documents, s2.skipped) == (2, 3)
    fresh, _ = run(articles[:5], extractor=kx, workers=1)
    assert mixed.to_json() == fresh.to_json()
