"""Encoders for the scale benchmark's ingests: one that times the real encoder and reports progress,
and one that replays the full run's vectors so smaller indexes cost no model time."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path


class TimedEmbedder:
    """Wraps an encoder: times `encode` and `encode_with_spans`, and writes progress for the RSS sampler
    when given a file for it (`benchmarks/scale.py`; `benchmarks/ingest.py` only times).

    Ingest encodes each batch of chunks with `encode_with_spans` (the chunks' vectors plus their
    answer units' vectors, pooled from the same pass); it calls `encode` only with an encoder that
    cannot pool spans. Both are inside the encoder's time.
    """

    def __init__(self, inner, progress: Path | None = None) -> None:
        self.inner, self.name, self.progress = inner, inner.name, progress
        self.seconds, self.texts = 0.0, 0

    def encode(self, texts):
        return self._count(texts, self._timed(self.inner.encode, texts))

    def encode_with_spans(self, texts, spans):
        return self._count(texts, self._timed(self.inner.encode_with_spans, texts, spans))

    def _timed(self, method, *args):
        started = time.perf_counter()
        try:
            return method(*args)
        finally:
            self.seconds += time.perf_counter() - started

    def _count(self, texts, out):
        self.texts += len(texts)
        if self.progress:
            self.progress.write_text(str(self.texts))
        return out


class CachedEmbedder:
    """Vectors the full run already computed, chunks' and units', looked up by text: same vectors, no model.

    A unit the full run stored no vector for (past the token limit) is None here too, as it was
    there; a chunk text the full run never saw is a KeyError.
    """

    name = "all-MiniLM-L6-v2"  # what MiniLMEmbedder calls itself, so the index recipe matches

    def __init__(self, path: Path) -> None:
        import numpy as np

        data = np.load(path)
        self.vectors = data["vectors"]
        self.row = {key: i for i, key in enumerate(data["keys"].tolist())}
        self.unit_vectors = data["unit_vectors"]
        self.unit_row = {key: i for i, key in enumerate(data["unit_keys"].tolist())}

    def encode(self, texts):
        return self.vectors[[self.row[text_key(t)] for t in texts]]

    def encode_with_spans(self, texts, spans):
        """As `MiniLMEmbedder.encode_with_spans`, replayed from the full run."""
        import numpy as np

        pooled = []
        for text, text_spans in zip(texts, spans):
            key = text_key(text)
            rows = [self.unit_row.get(unit_key(key, b, e)) for b, e in text_spans]
            pooled.append([None if r is None else np.asarray(self.unit_vectors[r], dtype=np.float32) for r in rows])
        return self.encode(texts), pooled


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def unit_key(key: str, begin: int, end: int) -> str:
    """A unit of a chunk: the chunk's text key and the unit's span in its embedding text."""
    return f"{key}:{begin}:{end}"
