"""The extractor.values package re-exports the public API."""

from __future__ import annotations

import doctest

import extractor.values as values_package


def test_public_names_exist() -> None:
    for name in values_package.__all__:
        assert callable(getattr(values_package, name)) or isinstance(getattr(values_package, name), tuple)


def test_docstring_examples() -> None:
    result = doctest.testmod(values_package)
    assert result.attempted > 0 and result.failed == 0
