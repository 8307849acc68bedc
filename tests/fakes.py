"""Deterministic stand-ins for the slow parts, for tests that check plumbing rather than quality."""

from __future__ import annotations

import hashlib

import numpy as np

from ingest.lexical import tokenize


class HashEmbedder:
    """Bag-of-words vectors: each token adds 1 to a hashed dimension; rows are unit length.

    Texts sharing words land close together, so retrieval behaves sensibly, and the same text
    always gets the same vector.
    """

    name = "hash-embedder"

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim
        self.calls = 0
        self.texts_encoded = 0

    def encode(self, texts):
        self.calls += 1
        self.texts_encoded += len(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in tokenize(text) or ["empty"]:
                out[row, int(hashlib.md5(token.encode()).hexdigest(), 16) % self.dim] += 1.0
        out /= np.linalg.norm(out, axis=1, keepdims=True)
        return out

    def embed_query(self, text):
        return self.encode([text])[0].tolist()

    def embed_documents(self, texts):
        return self.encode(texts).tolist()
