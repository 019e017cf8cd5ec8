"""Typed relations: rules over GiNZA parses, document-level inference, modality."""

__all__: list[str] = []
