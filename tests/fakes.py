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
        return np.array([self._vector(t) for t in texts], dtype=np.float32).reshape(len(texts), self.dim)

    def encode_with_spans(self, texts, spans):
        """Like the real encoder's: one pass per text; each span's vector is that of its own words."""
        vectors = self.encode(texts)
        pooled = [[self._vector(text[b:e]) for b, e in text_spans] for text, text_spans in zip(texts, spans)]
        return vectors, pooled

    def _vector(self, text):
        out = np.zeros(self.dim, dtype=np.float32)
        for token in tokenize(text) or ["empty"]:
            out[int(hashlib.md5(token.encode()).hexdigest(), 16) % self.dim] += 1.0
        return out / np.linalg.norm(out)

    def embed_query(self, text):
        return self.encode([text])[0].tolist()

    def embed_documents(self, texts):
        return self.encode(texts).tolist()


def plain_query(question: str, weights=None, known=None, unknown_weight: float = 3.0, aliases=None):
    """A query over hand-made passages: every word of `question` weighs 3 and is known, unless told otherwise."""
    from assistant.answer import Query

    tokens = tokenize(question)
    weights = {t: 3.0 for t in tokens} if weights is None else weights
    known = frozenset(tokens) if known is None else known
    return Query(question, question, (), weights, unknown_weight, known, aliases or {})


def ask_extractive(question: str, hits, **query):
    """The extractive answer to `question` from `hits`, with `plain_query`'s weights unless `query` says otherwise."""
    from assistant.extractive import ExtractiveAnswerer

    return ExtractiveAnswerer().compose(plain_query(question, **query), hits)
