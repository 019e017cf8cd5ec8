"""The bundled default knowledge base ``extractor/data/kb.jsonl``: one canonical JSON object a
line, valid ids and types, no surface form that could name two entries, well-formed Wikidata
links, byte-stable serialisation, and the coverage the extractor relies on."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from importlib.resources import files
from typing import Any

import pytest

from extractor.models import ENTITY_TYPES

KEYS = ["id", "type", "labels", "aliases", "same_as"]
ID_RE = re.compile(r"[a-z0-9_]+")
WIKIDATA_RE = re.compile(r"http://www\.wikidata\.org/entity/Q[1-9][0-9]*")
ACRONYM_RE = re.compile(r"[A-Z0-9]{2}")
# punctuation a matcher may ignore (・, hyphens, dots, commas, brackets, !, ?)
_PUNCT_RE = re.compile(r"[\s・･·\-‐－_.,、。:：!！?？'’()（）]+")

#: surface forms that are ordinary Japanese (or hopelessly ambiguous) and must never be a name
FORBIDDEN_SURFACES = (
    "X", "りんご", "ライン", "マスク", "トランプ", "アンドロイド", "米", "日立", "日産", "楽天的",
)

#: entries the pipeline and its tests rely on, with the type each must have
REQUIRED: dict[str, str] = {
    **dict.fromkeys((
        "meta", "google", "alphabet", "apple", "microsoft", "amazon", "nvidia", "openai", "anthropic", "xai",
        "scale_ai", "deepseek", "bytedance", "line_yahoo", "toyota", "sony", "softbank_group", "nintendo",
    ), "Organization"),
    **dict.fromkeys((
        "mark_zuckerberg", "elon_musk", "sam_altman", "alexandr_wang", "masayoshi_son", "shigeru_ishiba",
        "donald_trump",
    ), "Person"),
    **dict.fromkeys((
        "facebook", "tiktok", "line", "chatgpt", "llama", "iphone", "aws", "twitter",
    ), "Product"),
    **dict.fromkeys(("japan", "united_states", "china", "tokyo", "ohio", "silicon_valley"), "Place"),
    **dict.fromkeys(("haneda_airport", "tokyo_dome"), "Facility"),
    **dict.fromkeys(("ces", "wwdc", "tokyo_game_show"), "Event"),
}


def _kb_text() -> str:
    return (files("extractor") / "data" / "kb.jsonl").read_bytes().decode("utf-8")


def _norm(text: str) -> str:
    """Width, case and spaces folded away (how the matcher compares surfaces)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).casefold())


def _loose(text: str) -> str:
    """:func:`_norm` with punctuation removed too (the loosest comparison a matcher might use)."""
    return _PUNCT_RE.sub("", _norm(text))


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return _kb_text().split("\n")[:-1]


@pytest.fixture(scope="module")
def entries(lines: list[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in lines]


def _surfaces(entry: dict[str, Any]) -> list[str]:
    return [*entry["labels"].values(), *entry["aliases"]]


def test_file_is_utf8_lines_ending_in_newline() -> None:
    text = _kb_text()
    assert not text.startswith("\ufeff")
    assert text.endswith("\n") and "\r" not in text
    assert all(line.strip() for line in text.split("\n")[:-1]), "blank line"


def test_every_line_parses_to_an_object_with_the_fixed_keys(lines: list[str]) -> None:
    for n, line in enumerate(lines, 1):
        obj = json.loads(line)
        assert isinstance(obj, dict), n
        assert list(obj) == KEYS, (n, list(obj))


def test_file_is_byte_stable(lines: list[str]) -> None:
    for line in lines:
        assert json.dumps(json.loads(line), ensure_ascii=False) == line


def test_ids_are_unique_sorted_ascii_slugs(entries: list[dict[str, Any]]) -> None:
    ids = [e["id"] for e in entries]
    assert all(isinstance(i, str) and ID_RE.fullmatch(i) for i in ids), ids
    assert len(set(ids)) == len(ids), [i for i, c in Counter(ids).items() if c > 1]
    assert ids == sorted(ids)


def test_types_are_entity_types(entries: list[dict[str, Any]]) -> None:
    assert {e["type"] for e in entries} == set(ENTITY_TYPES)


def test_labels_are_en_then_ja_nonempty_strings(entries: list[dict[str, Any]]) -> None:
    for e in entries:
        labels = e["labels"]
        assert isinstance(labels, dict) and labels, e["id"]
        assert list(labels) in (["en"], ["ja"], ["en", "ja"]), e["id"]
        for value in labels.values():
            assert isinstance(value, str) and value == value.strip() and value, e["id"]


def test_aliases_are_distinct_strings_that_do_not_repeat_a_label(entries: list[dict[str, Any]]) -> None:
    for e in entries:
        aliases = e["aliases"]
        assert isinstance(aliases, list), e["id"]
        assert all(isinstance(a, str) and a == a.strip() and a for a in aliases), e["id"]
        keys = [_norm(a) for a in aliases]
        assert len(set(keys)) == len(keys), (e["id"], aliases)
        assert not set(keys) & {_norm(v) for v in e["labels"].values()}, e["id"]


def test_short_aliases_are_latin_acronyms(entries: list[dict[str, Any]]) -> None:
    """An alias of one or two characters is too ambiguous unless it is an acronym such as US or EU."""
    for e in entries:
        for a in e["aliases"]:
            if len(_norm(a)) <= 2:
                assert ACRONYM_RE.fullmatch(a), (e["id"], a)


def test_no_alias_is_shared_by_two_entries(entries: list[dict[str, Any]]) -> None:
    owners: defaultdict[str, set[str]] = defaultdict(set)
    for e in entries:
        for a in e["aliases"]:
            owners[_norm(a)].add(e["id"])
    assert not {k: v for k, v in owners.items() if len(v) > 1}


def test_no_alias_equals_a_label_of_another_entry(entries: list[dict[str, Any]]) -> None:
    label_owner: defaultdict[str, set[str]] = defaultdict(set)
    for e in entries:
        for v in e["labels"].values():
            label_owner[_norm(v)].add(e["id"])
    clashes = [(e["id"], a, sorted(label_owner[_norm(a)] - {e["id"]}))
               for e in entries for a in e["aliases"] if label_owner[_norm(a)] - {e["id"]}]
    assert not clashes


def test_no_label_names_two_entries(entries: list[dict[str, Any]]) -> None:
    owners: defaultdict[str, set[str]] = defaultdict(set)
    for e in entries:
        for v in e["labels"].values():
            owners[_norm(v)].add(e["id"])
    assert not {k: v for k, v in owners.items() if len(v) > 1}


def test_entries_stay_distinct_when_punctuation_is_ignored(entries: list[dict[str, Any]]) -> None:
    owners: defaultdict[str, set[str]] = defaultdict(set)
    for e in entries:
        for s in _surfaces(e):
            owners[_loose(s)].add(e["id"])
    assert "" not in owners
    assert not {k: v for k, v in owners.items() if len(v) > 1}


def test_ordinary_words_are_never_names(entries: list[dict[str, Any]]) -> None:
    forbidden = {_norm(s) for s in FORBIDDEN_SURFACES}
    bad = [(e["id"], s) for e in entries for s in _surfaces(e) if _norm(s) in forbidden]
    assert not bad


def test_same_as_are_unique_wikidata_entity_iris(entries: list[dict[str, Any]]) -> None:
    seen: dict[str, str] = {}
    for e in entries:
        links = e["same_as"]
        assert isinstance(links, list), e["id"]
        for iri in links:
            assert isinstance(iri, str) and WIKIDATA_RE.fullmatch(iri), (e["id"], iri)
            assert iri not in seen, (e["id"], seen.get(iri), iri)
            seen[iri] = e["id"]


@pytest.mark.parametrize(("entry_id", "iri"), [
    ("meta", "http://www.wikidata.org/entity/Q380"),
    ("facebook", "http://www.wikidata.org/entity/Q355"),
    ("japan", "http://www.wikidata.org/entity/Q17"),
    ("elon_musk", "http://www.wikidata.org/entity/Q317521"),
])
def test_known_wikidata_links(entries: list[dict[str, Any]], entry_id: str, iri: str) -> None:
    by_id = {e["id"]: e for e in entries}
    assert by_id[entry_id]["same_as"] == [iri]


def test_required_entries_are_present_with_their_types(entries: list[dict[str, Any]]) -> None:
    types = {e["id"]: e["type"] for e in entries}
    assert {i: types.get(i) for i in REQUIRED} == REQUIRED


def test_size_is_that_of_a_small_curated_gazetteer(entries: list[dict[str, Any]]) -> None:
    assert 250 <= len(entries) <= 400
