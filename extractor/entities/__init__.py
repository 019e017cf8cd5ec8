"""The entity layer: span proposals, typing, names, aliases, coreference, linking."""

__all__: list[str] = []
