"""Atomic writes: a failed or killed write never leaves a truncated target."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.errors import ExportError
from extractor.io.atomic import atomic_open, atomic_write

REPO = Path(__file__).resolve().parents[2]
CHUNK = 1 << 16
CHUNKS = 64

WRITER = f"""
import sys, time
from extractor.io.atomic import atomic_open
with atomic_open(sys.argv[1], "wb") as fh:
    for i in range({CHUNKS}):
        fh.write(bytes([65 + i % 26]) * {CHUNK})
        fh.flush()
        if i == {CHUNKS // 4}:
            print("halfway", flush=True)
            time.sleep(float(sys.argv[2]))
print("done", flush=True)
"""


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_atomic_write_text_and_bytes(tmp_path):
    atomic_write(tmp_path / "a.txt", "日本語\n二行目\n")
    atomic_write(tmp_path / "b.bin", b"\x00\x01")
    assert (tmp_path / "a.txt").read_bytes() == "日本語\n二行目\n".encode()
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01"
    assert leftovers(tmp_path) == []


def test_failure_inside_atomic_open_keeps_the_old_file(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old content", encoding="utf-8")
    with pytest.raises(RuntimeError, match="boom"):
        with atomic_open(target) as fh:
            fh.write("new, half written")
            raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "old content"
    assert leftovers(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_keyboard_interrupt_inside_atomic_open_leaves_no_target(tmp_path):
    target = tmp_path / "new.txt"
    with pytest.raises(KeyboardInterrupt):
        with atomic_open(target, "wb") as fh:
            fh.write(b"partial")
            raise KeyboardInterrupt
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_dash_writes_to_stdout(capsys):
    with atomic_open("-") as fh:
        fh.write("標準出力\n")
    atomic_write("-", "二回目\n")
    assert capsys.readouterr().out == "標準出力\n二回目\n"


def test_dash_binary_writes_to_stdout(capsysbinary):
    atomic_write("-", "バイト\n".encode())
    assert capsysbinary.readouterr().out == "バイト\n".encode()


def test_unwritable_directory_is_an_export_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ExportError, match="cannot write output"):
        atomic_write(blocker / "sub" / "out.txt", "x")


def _run_writer(target: Path, pause: float) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target), str(pause)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
    )


@pytest.mark.parametrize("old", [None, b"previous complete output\n"], ids=["new-file", "existing-file"])
def test_sigkill_mid_write_leaves_target_absent_or_complete(tmp_path, old):
    target = tmp_path / "graph.ttl"
    if old is not None:
        target.write_bytes(old)
    proc = _run_writer(target, pause=30.0)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline() == "halfway\n"  # a quarter of the file is written
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    if old is None:
        assert not target.exists()
    else:
        assert target.read_bytes() == old
    # the killed process cannot clean up: its temporary file is hidden and beside the target
    assert all(name.startswith(".graph.ttl.") for name in leftovers(tmp_path))


def test_uninterrupted_writer_produces_the_complete_file(tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_bytes(b"old")
    proc = _run_writer(target, pause=0.0)
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0 and out == "halfway\ndone\n"
    data = target.read_bytes()
    assert len(data) == CHUNK * CHUNKS
    assert data[:CHUNK] == b"A" * CHUNK and data[-CHUNK:] == bytes([65 + (CHUNKS - 1) % 26]) * CHUNK
    assert leftovers(tmp_path) == []
