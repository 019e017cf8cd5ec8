"""The NLP stage: text normalisation with an offset map, segmentation, the GiNZA model."""

__all__: list[str] = []
