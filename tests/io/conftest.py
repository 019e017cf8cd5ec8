"""Fixtures for the reader tests: realistic Japanese text and a collector."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from extractor.io.readers import InputFailure, InputWarning, iter_documents
from extractor.models import Document

# A news paragraph written for these tests (no CP932-only characters).
JP_TEXT = (
    "東京都千代田区に本社を置く株式会社サンプル電機は、2024年4月1日、新しい蓄電池工場を熊本県菊池市に"
    "建設すると発表した。投資額はおよそ800億円で、2026年春の稼働を目指す。同社の山田太郎社長は記者会見で"
    "「地域の雇用を増やし、国内の供給網を強くしたい」と述べた。工場では約600人を新たに採用する予定だという。\n"
    "一方、競合する大手メーカーも九州での増産を検討しており、半導体や電池をめぐる投資競争は今後さらに"
    "激しくなりそうだ。\n"
)

# CP932-only characters: NEC specials (①, ㈱, ℡, Ⅲ, ㎡) and IBM extensions (髙, 﨑).
CP932_TEXT = (
    "㈱髙島屋と山﨑製作所は、①新店舗の開設、②物流拠点の統合、③共同ポイント制度の導入の三点で合意したと"
    "発表した。問い合わせは℡03-1234-5678まで。第Ⅲ期の計画では延べ床面積を約２万㎡とし、売上高を５００億円に"
    "増やす。両社は「お客様の利便性を高めたい」とコメントしている。\n"
)


def _shared_livedoor() -> Path | None:
    """The read-only livedoor corpus beside the repository (``../shared``), if present."""
    repo = Path(__file__).resolve().parents[2]
    for root in (repo.parent / "shared", Path("/work/shared")):
        topic = root / "corpus" / "livedoor" / "topic-news"
        if topic.is_dir():
            return topic
    return None


@dataclass
class Collected:
    """Everything one ``iter_documents`` run produced, in order."""

    items: list[Document | InputFailure] = field(default_factory=list)
    warnings: list[InputWarning] = field(default_factory=list)

    @property
    def docs(self) -> list[Document]:
        return [x for x in self.items if isinstance(x, Document)]

    @property
    def failures(self) -> list[InputFailure]:
        return [x for x in self.items if isinstance(x, InputFailure)]


@pytest.fixture
def jp_text() -> str:
    return JP_TEXT


@pytest.fixture
def cp932_text() -> str:
    return CP932_TEXT


@pytest.fixture
def livedoor_dir() -> Path:
    topic = _shared_livedoor()
    if topic is None:
        pytest.skip("the livedoor corpus (../shared/corpus/livedoor/topic-news) is not on this machine")
    return topic


@pytest.fixture
def collect() -> Callable[..., Collected]:
    """Run ``iter_documents`` and gather documents, failures and warnings."""

    def run(inputs: Iterable[Any], **kwargs: Any) -> Collected:
        out = Collected()
        for item in iter_documents(inputs, on_warning=out.warnings.append, **kwargs):
            assert isinstance(item, (Document, InputFailure)), item
            out.items.append(item)
        return out

    return run
