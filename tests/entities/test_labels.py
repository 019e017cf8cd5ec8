"""Every ja_ginza NER label has a category."""

from __future__ import annotations

import pytest

from extractor.entities.labels import ENE_MAP, category


@pytest.mark.model
def test_every_model_label_is_mapped(nlp):
    missing = sorted(set(nlp.get_pipe("ner").labels) - set(ENE_MAP))
    assert not missing, f"labels without a category: {missing}"


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Person", "Person"), ("Company", "Organization"), ("Product_Other", "Product"), ("Country", "Place"),
        ("Airport", "Facility"), ("Conference", "Event"), ("Money", "Money"), ("Percent", "Percent"),
        ("Date", "Date"), ("N_Person", "Quantity"), ("Position_Vocation", "Position"), ("Title_Other", "Title"),
        ("Doctrine_Method_Other", "Other"), ("No_Such_Label", "Other"),
    ],
)
def test_category(label, expected):
    assert category(label) == expected
