"""The HTML viewer in a real browser (Debian chromium, headless): it loads without console
errors, draws every node, fills the details panel, and looks like a graph."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import numpy as np
import pytest
from matplotlib.image import imread

from extractor.models import (
    Amount,
    DateValue,
    Document,
    Entity,
    Evidence,
    KnowledgeGraph,
    Mention,
    Qualifiers,
    Relation,
)
from extractor.viz import TYPE_COLORS
from extractor.viz.html import render_html

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
]
HOSTILE = "</script><script>document.body.dataset.pwned='1'</script><!--"
TEXT = (
    "Meta は 2026 年初めに Avocado を発売する。同社は 720 億ドルを投じる。"
    "ザッカーバーグ氏が率いる。DeepSeek は中国の企業だ。" + HOSTILE
)


def mention(surface: str) -> Mention:
    start = TEXT.index(surface)
    return Mention(doc="d1", start=start, end=start + len(surface), text=surface)


def sample_graph() -> KnowledgeGraph:
    sentence = TEXT[: TEXT.index("。") + 1]
    entities = (
        Entity(
            id="meta",
            label="Meta",
            labels={"ja": "メタ", "en": "Meta"},
            type="Organization",
            mentions=(
                mention("Meta"),
                Mention(
                    doc="d1",
                    start=TEXT.index("同社"),
                    end=TEXT.index("同社") + 2,
                    text="同社",
                    kind="anaphor",
                ),
            ),
        ),
        Entity(
            id="avocado",
            label="Avocado",
            type="Product",
            aliases=("アボカド",),
            mentions=(mention("Avocado"),),
        ),
        Entity(
            id="zuck", label="マーク・ザッカーバーグ", type="Person", mentions=(mention("ザッカーバーグ"),)
        ),
        Entity(id="deepseek", label="DeepSeek", type="Organization", mentions=(mention("DeepSeek"),)),
        Entity(id="china", label="中国", type="Place", mentions=(mention("中国"),)),
        Entity(id="evil", label=HOSTILE, type="Event", mentions=(mention(HOSTILE),)),
        Entity(id="ohio", label="オハイオ州", type="Place"),
    )
    relations = (
        Relation(
            id="R1",
            subject="meta",
            predicate="develops",
            object="avocado",
            confidence=0.85,
            modality="reported",
            qualifiers=Qualifiers(date=DateValue(value="2026", precision="year", modifier="early")),
            evidence=(Evidence(doc="d1", start=0, end=len(sentence), text=sentence, rule="develops_ga_wo"),),
        ),
        Relation(id="R2", subject="zuck", predicate="leads", object="meta", confidence=0.9),
        Relation(id="R3", subject="deepseek", predicate="locatedIn", object="china", confidence=0.9),
        Relation(
            id="R4",
            subject="deepseek",
            predicate="competitorOf",
            object="meta",
            confidence=0.6,
            modality="hedged",
        ),
        Relation(
            id="R5",
            subject="meta",
            predicate="investsIn",
            object="avocado",
            confidence=0.7,
            qualifiers=Qualifiers(amount=Amount(value=72_000_000_000, currency="USD", text="720 億ドル")),
        ),
        Relation(
            id="R6",
            subject="zuck",
            predicate="worksFor",
            object="deepseek",
            confidence=0.5,
            modality="negated",
        ),
    )
    return KnowledgeGraph(
        documents=(Document(id="d1", text=TEXT, title="記事"),), entities=entities, relations=relations
    )


def chromium(tmp_path: Path, page: Path, *args: str, fragment: str = "") -> tuple[str, str]:
    """Run headless chromium on ``page``; stdout (e.g. the DOM) and the console lines of stderr."""
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is not installed: apt-get install -y chromium fonts-noto-cjk")
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    done = subprocess.run(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri() + fragment],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=120,
        check=True,
    )
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    return done.stdout, console


def body_attributes(dom: str) -> dict[str, str]:
    match = re.search(r"<body([^>]*)>", dom)
    assert match, dom[:500]
    return dict(re.findall(r'([\w-]+)="([^"]*)"', match.group(1)))


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "graph.html"
    path.write_text(render_html(sample_graph(), title="テスト グラフ"), encoding="utf-8")
    return path


def test_page_loads_without_errors_and_draws_every_node(tmp_path: Path, page: Path) -> None:
    dom, console = chromium(tmp_path, page, "--dump-dom")
    body = body_attributes(dom)
    assert console == []
    assert "data-errors" not in body and "data-pwned" not in body
    assert body["data-rendered-nodes"] == "7" and body["data-rendered-edges"] == "6"
    assert "7 / 7 entities · 6 / 6 relations · 1 document" in dom
    for name in ("Person", "Organization", "develops", "competitorOf", "hedged", "negated"):
        assert f"{name}<span" in dom, name  # a filter checkbox for each type, predicate and modality


def test_fragment_selects_a_node_and_fills_the_panel(tmp_path: Path, page: Path) -> None:
    dom, console = chromium(tmp_path, page, "--dump-dom", fragment="#node=meta")
    assert console == []
    assert body_attributes(dom)["data-selected"] == "node:meta"
    details = dom[dom.index('id="details"') : dom.index('id="filter-type"')]
    for text in (
        "<h3>Meta</h3>",
        "メタ",
        "Mentions (2)",
        "同社",
        "d1 [0–4]",
        "anaphor",
        "Relations (4)",
        "leads",
        "マーク・ザッカーバーグ",
    ):
        assert text in details, text


def test_fragment_selects_an_edge_with_evidence_and_qualifiers(tmp_path: Path, page: Path) -> None:
    dom, console = chromium(tmp_path, page, "--dump-dom", fragment="#edge=R1")
    assert console == []
    details = dom[dom.index('id="details"') : dom.index('id="filter-type"')]
    for text in (
        "develops",
        "reported",
        "0.85",
        "2026 (year, early)",
        "Evidence (1)",
        "Meta は 2026 年初めに Avocado を発売する。",
        "rule develops_ga_wo",
    ):
        assert text in details, text


PROBE = """<script>
window.addEventListener("load", () => {
  const canvas = document.getElementById("graph"), box = canvas.getBoundingClientRect();
  const body = document.body, hits = { node: new Set(), edge: new Set() };
  for (let y = 3; y < box.height; y += 8) {
    for (let x = 3; x < box.width; x += 8) {
      const at = { clientX: box.left + x, clientY: box.top + y, pointerId: 1, bubbles: true };
      canvas.dispatchEvent(new PointerEvent("pointerdown", at));
      canvas.dispatchEvent(new PointerEvent("pointerup", at));
      const [kind, id] = (body.getAttribute("data-selected") || ":").split(":");
      if (kind) hits[kind].add(id);
    }
  }
  body.setAttribute("data-clicked-nodes", [...hits.node].sort().join(" "));
  body.setAttribute("data-clicked-edges", [...hits.edge].sort().join(" "));
  const search = document.getElementById("search");
  search.value = "ザッカー";
  search.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" }));
  body.setAttribute("data-found", body.getAttribute("data-selected"));
  for (const name of ["Place", "negated"]) {
    const box = [...document.querySelectorAll(".filters label")].find((l) => l.textContent.startsWith(name));
    box.querySelector("input").click();
  }
  requestAnimationFrame(() => body.setAttribute("data-filtered",
    body.getAttribute("data-rendered-nodes") + " " + body.getAttribute("data-rendered-edges")));
});
</script>
"""


def test_clicks_search_and_filters_work(tmp_path: Path) -> None:
    # the probe is an extra inline script, so the page's Content-Security-Policy is taken out
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", render_html(sample_graph()))
    probe = tmp_path / "probe.html"
    probe.write_text(html.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom, _ = chromium(tmp_path, probe, "--dump-dom", "--virtual-time-budget=5000", "--window-size=1200,800")
    body = body_attributes(dom)
    assert "data-errors" not in body
    # every node and every edge can be clicked somewhere
    assert body["data-clicked-nodes"].split() == sorted(e.id for e in sample_graph().entities)
    assert body["data-clicked-edges"].split() == ["R1", "R2", "R3", "R4", "R5", "R6"]
    assert body["data-found"] == "node:zuck"
    # hiding Place drops 中国 and オハイオ州 with locatedIn; hiding negated drops worksFor
    assert body["data-filtered"] == "5 4"


def test_a_script_error_is_detected(tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    html = render_html(sample_graph())
    broken.write_text(re.sub(r'(id="kg-data">)\{', r"\1{oops", html), encoding="utf-8")
    dom, console = chromium(tmp_path, broken, "--dump-dom")
    assert body_attributes(dom).get("data-errors") == "1"
    assert any("SyntaxError" in line or "JSON" in line for line in console), console


def test_screenshot_shows_coloured_nodes(tmp_path: Path, page: Path) -> None:
    shot = tmp_path / "viz.png"
    chromium(tmp_path, page, f"--screenshot={shot}", "--window-size=1200,800")
    pixels = imread(shot)[:, :, :3]
    assert pixels.shape[:2] == (800, 1200)
    graph_area = pixels[60:780, :840]
    for type_name in ("Person", "Organization", "Product", "Place"):
        rgb = np.array([int(TYPE_COLORS[type_name][i : i + 2], 16) / 255 for i in (1, 3, 5)])
        close = np.all(np.abs(graph_area - rgb) < 0.03, axis=-1).sum()
        assert close > 40, f"no {type_name} node drawn ({close} pixels)"
