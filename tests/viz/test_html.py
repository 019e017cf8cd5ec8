"""Tests of extractor.viz.html: one self-contained, deterministic page whose embedded data
cannot break out of its script block."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

from extractor.models import Document, Entity, Evidence, KnowledgeGraph, Mention, Qualifiers, Relation
from extractor.viz import TYPE_COLORS, render
from extractor.viz.html import embed_json, graph_data, render_html

HOSTILE = "</script><script>document.body.dataset.pwned='1'</script><!--"
TEXT = f"Meta は Avocado を開発した。{HOSTILE} と &amp; 書いた。"


def sample_graph(*, reverse: bool = False) -> KnowledgeGraph:
    doc = Document(id="d1", text=TEXT, title="記事", url="https://example.org/a")
    entities = [
        Entity(
            id="E1",
            label="Meta",
            labels={"ja": "メタ", "en": "Meta"},
            type="Organization",
            same_as=("http://www.wikidata.org/entity/Q380",),
            mentions=(Mention(doc="d1", start=0, end=4, text="Meta"),),
        ),
        Entity(
            id="E2",
            label="Avocado",
            type="Product",
            aliases=("アボカド",),
            mentions=(Mention(doc="d1", start=7, end=14, text="Avocado"),),
        ),
        Entity(
            id="E3",
            label=HOSTILE,
            type="Event",
            aliases=("<!-- -->", "a&b", "\u2028"),
            mentions=(
                Mention(
                    doc="d1", start=TEXT.index(HOSTILE), end=TEXT.index(HOSTILE) + len(HOSTILE), text=HOSTILE
                ),
            ),
        ),
    ]
    relations = [
        Relation(
            id="R1",
            subject="E1",
            predicate="develops",
            object="E2",
            confidence=0.9,
            modality="reported",
            qualifiers=Qualifiers(role="</script>"),
            evidence=(Evidence(doc="d1", start=0, end=18, text=TEXT[:18], rule="develops_wo"),),
        ),
        Relation(
            id="R2",
            subject="E3",
            predicate="relatedTo",
            object="E1",
            confidence=0.4,
            qualifiers=Qualifiers(lemma="書く"),
        ),
    ]
    if reverse:
        entities.reverse()
        relations.reverse()
    return KnowledgeGraph(documents=(doc,), entities=tuple(entities), relations=tuple(relations))


class Scripts(HTMLParser):
    """Collects every element's tag and the text of each <script> and <style>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.blocks: list[tuple[str, dict[str, str | None], str]] = []
        self._open: tuple[str, dict[str, str | None]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs))
            self.blocks.append((tag, dict(attrs), ""))

    def handle_data(self, data: str) -> None:
        if self._open:
            tag, attrs, text = self.blocks[-1]
            self.blocks[-1] = (tag, attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag == self._open[0]:
            self._open = None


def parse(page: str) -> Scripts:
    parser = Scripts()
    parser.feed(page)
    parser.close()
    return parser


def test_same_graph_gives_same_bytes_whatever_the_order() -> None:
    assert render_html(sample_graph()) == render_html(sample_graph())
    assert render_html(sample_graph()) == render_html(sample_graph(reverse=True))
    assert render(sample_graph(), "html") == render_html(sample_graph())


def test_hostile_labels_stay_inside_the_json_block() -> None:
    page = render_html(sample_graph(), title="</title><script>alert(1)</script>")
    doc = parse(page)
    scripts = [b for b in doc.blocks if b[0] == "script"]
    assert [attrs.get("type") for _, attrs, _ in scripts] == ["application/json", None]
    assert page.count("</script") == 2 and "<!--" not in page
    assert json.loads(scripts[0][2]) == graph_data(sample_graph())
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>" in page
    assert not any(tag == "script" and "src" in attrs for tag, attrs in doc.tags)


def test_embed_json_escapes_markup_characters_and_line_separators() -> None:
    text = embed_json({"a": "</script><!--&\u2028\u2029日本語"})
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == {"a": "</script><!--&\u2028\u2029日本語"}
    assert "日本語" in text  # UTF-8 kept, not \\u-escaped


def test_page_needs_no_network() -> None:
    page = render_html(sample_graph())
    doc = parse(page)
    outside_data = re.sub(r'<script type="application/json" id="kg-data">.*?</script>', "", page, flags=re.S)
    assert not re.search(r"https?:|//[a-z]", outside_data.replace("http-equiv", ""), re.I)
    assert not any(tag in ("link", "img", "iframe", "object", "embed") for tag, _ in doc.tags)
    assert "@import" not in page and "url(" not in page
    csp = next(
        attrs["content"] for tag, attrs in doc.tags if attrs.get("http-equiv") == "Content-Security-Policy"
    )
    assert csp is not None and csp.startswith("default-src 'none';")
    # the policy allows exactly the inlined script and style sheet
    for tag, attrs, body in doc.blocks:
        if attrs.get("type") == "application/json":
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp, tag


def test_graph_data_is_what_the_viewer_needs() -> None:
    data = graph_data(sample_graph(reverse=True))
    assert [n["id"] for n in data["nodes"]] == ["E1", "E2", "E3"]
    assert [(e["id"], e["source"], e["predicate"], e["target"]) for e in data["edges"]] == [
        ("R1", "E1", "develops", "E2"),
        ("R2", "E3", "relatedTo", "E1"),
    ]
    assert (
        data["edges"][0]["modality"] == "reported"
        and data["edges"][0]["evidence"][0]["rule"] == "develops_wo"
    )
    assert data["nodes"][0]["labels"] == {"ja": "メタ", "en": "Meta"}
    assert data["nodes"][0]["mentions"][0] == {
        "doc": "d1",
        "start": 0,
        "end": 4,
        "text": "Meta",
        "kind": "name",
    }
    assert data["documents"] == [{"id": "d1", "title": "記事", "url": "https://example.org/a"}]
    assert [t["name"] for t in data["types"]] == list(TYPE_COLORS)


def test_japanese_text_is_kept_and_fonts_are_system_fonts() -> None:
    page = render_html(sample_graph(), title="ナレッジグラフ")
    assert "<title>ナレッジグラフ</title>" in page and '"アボカド"' in page
    assert '<meta charset="utf-8">' in page
    assert "Noto Sans CJK JP" in page and "@font-face" not in page


def test_empty_graph_renders() -> None:
    page = render_html(KnowledgeGraph())
    assert json.loads(parse(page).blocks[1][2])["nodes"] == []
