"""A corpus run killed with SIGKILL midway leaves valid outputs, and the next run resumes and completes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.model, pytest.mark.slow]

ARTICLE = (
    "ノルディア株式会社は{n}日、ベルテック社と業務提携したと発表した。同社の山田太郎社長は記者会見で"
    "「新型端末を共同で開発する」と述べた。ベルテック社は北海道に本社を置く。\n"
)


def _corpus(root: Path, n: int) -> Path:
    corpus = root / "corpus"
    corpus.mkdir()
    for i in range(n):
        (corpus / f"a{i:03d}.txt").write_text(ARTICLE.format(n=i + 1) * 6, encoding="utf-8")
    return corpus


def _run(args: list[str], **kw) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "extractor", "extract", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def test_sigkill_midway_then_resume(tmp_path):
    corpus = _corpus(tmp_path, 40)
    store, out = tmp_path / "store", tmp_path / "out.json"
    args = [str(corpus), "--store", str(store), "--output", str(out), "--workers", "1", "--quiet"]
    proc = _run(args)
    time.sleep(12)  # model load, then part of the corpus
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    # nothing half-written: the output is absent or complete (it is written atomically at the end)
    assert not out.exists() or json.loads(out.read_text(encoding="utf-8"))
    done = _run(args)
    stdout, stderr = done.communicate(timeout=600)
    assert done.returncode == 0, stderr.decode()
    graph = json.loads(out.read_text(encoding="utf-8"))
    assert len(graph["documents"]) == 40
    # a third run processes nothing and gives the same bytes
    again = _run([*args[:-1]])
    _, err = again.communicate(timeout=600)
    assert again.returncode == 0
    assert "0 documents (40 unchanged, skipped)" in err.decode()


def test_sigint_ends_cleanly_with_a_summary(tmp_path):
    corpus = _corpus(tmp_path, 40)
    out = tmp_path / "out.json"
    proc = _run([str(corpus), "--output", str(out), "--workers", "1"])
    time.sleep(10)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    text = stderr.decode()
    assert proc.returncode == 130, text
    assert "interrupted" in text and "Traceback" not in text
    assert not out.exists()
