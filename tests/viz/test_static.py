"""Tests of extractor.viz.static: deterministic PNG / SVG, Japanese labels, no warnings."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import extractor.viz.static as static
from extractor.models import Document, Entity, KnowledgeGraph, Mention, Relation
from extractor.viz import render
from extractor.viz.static import cjk_font, render_static

TEXT = "ザッカーバーグ氏は Meta を率いる。"
NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def sample_graph() -> KnowledgeGraph:
    doc = Document(id="d1", text=TEXT)
    entities = (
        Entity(
            id="E1",
            label="マーク・ザッカーバーグ",
            type="Person",
            mentions=(Mention(doc="d1", start=0, end=7, text="ザッカーバーグ"),),
        ),
        Entity(
            id="E2",
            label="Meta",
            type="Organization",
            mentions=(Mention(doc="d1", start=10, end=14, text="Meta"),),
        ),
        Entity(id="E3", label="オハイオ州", type="Place"),
    )
    relations = (
        Relation(id="R1", subject="E1", predicate="leads", object="E2", confidence=0.9),
        Relation(id="R2", subject="E1", predicate="worksFor", object="E2", confidence=0.6, modality="hedged"),
        Relation(
            id="R3", subject="E2", predicate="operates", object="E1", confidence=0.3, modality="negated"
        ),
    )
    return KnowledgeGraph(documents=(doc,), entities=entities, relations=relations)


def test_png_is_a_deterministic_png() -> None:
    first = render_static(sample_graph(), "png")
    assert first.startswith(b"\x89PNG\r\n\x1a\n")
    assert first == render_static(sample_graph(), "png")
    assert render(sample_graph(), "png") == first


def test_svg_is_deterministic_and_undated() -> None:
    first = render_static(sample_graph(), "svg", title="グラフ")
    assert first.startswith(b"<?xml") and b"<svg" in first
    assert first == render_static(sample_graph(), "svg", title="グラフ")
    assert b"<dc:date>" not in first


def test_svg_names_every_entity_and_predicate() -> None:
    svg = render_static(sample_graph(), "svg").decode("utf-8")
    for text in (
        "マーク・ザッカーバーグ",
        "Meta",
        "オハイオ州",
        "leads",
        "worksFor",
        "operates (negated)",
        "Person",
        "Organization",
        "Place",
    ):
        assert text in svg, text  # matplotlib writes each drawn string as a comment


@pytest.mark.xfail(
    not NOTO_CJK.exists(), reason="fonts-noto-cjk is not installed (apt-get install fonts-noto-cjk)"
)
def test_a_cjk_font_is_found_when_installed() -> None:
    font = cjk_font()
    assert font is not None
    assert "CJK" in font.get_name() or "CJK" in str(font.get_file())


def test_without_cjk_font_no_warning_escapes(monkeypatch: pytest.MonkeyPatch) -> None:
    # the default font really lacks the glyphs: drawing them outside render_static warns
    figure = Figure()
    FigureCanvasAgg(figure)
    figure.text(0.5, 0.5, "ザッカーバーグ")
    with pytest.warns(UserWarning, match="Glyph"):
        figure.canvas.draw()
    monkeypatch.setattr(static, "cjk_font", lambda: None)
    png = render_static(sample_graph(), "png")  # filterwarnings=error: a warning would fail here
    assert png.startswith(b"\x89PNG")


def test_empty_graph_and_bad_format() -> None:
    assert render_static(KnowledgeGraph(), "svg").startswith(b"<?xml")
    with pytest.raises(ValueError, match="png or svg"):
        render_static(KnowledgeGraph(), "gif")  # type: ignore[arg-type]
