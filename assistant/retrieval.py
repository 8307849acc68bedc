"""Find the passages for a query: dense (Chroma) + lexical (BM25), fused by RRF, then reranked.

No cross-encoder ships its weights on PyPI, so the second stage scores each candidate with what
is cheap and already at hand: its cosine similarity to the query, how much of the query's
weighted vocabulary it covers (heading path included), and its fused rank. It does not compose
answers; see `assistant.extractive`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.types import Hit
from ingest.lexical import tokenize

RRF_K = 60  # the constant from Cormack et al. (2009); rank 1 → 1/61


def rrf_fuse(rankings: Sequence[Sequence[int]], k: int = RRF_K) -> list[tuple[int, float]]:
    """Reciprocal rank fusion: (item, Σ 1/(k + rank)) best first; ties keep first-seen order.

    >>> rrf_fuse([[7, 3], [3, 9]])
    [(3, 0.0325...), (7, 0.0163...), (9, 0.0161...)]
    """
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda kv: -kv[1])


class Retriever:
    """Ranks the chunks of one index snapshot for a query."""

    def __init__(self, snapshot, embedder, config) -> None:
        self.snapshot = snapshot
        self.embedder = embedder
        self.config = config
        self._idf = snapshot.lexical.idf()

    def retrieve(self, query: str, k: int) -> list[Hit]:
        """The top `k` hits for `query`, best first."""
        n = self.config.candidates
        tokens = tokenize(query)
        query_vec = None
        dense: list[tuple[int, float]] = []
        if self.config.retrieval in ("dense", "hybrid"):
            query_vec = np.asarray(self.embedder.encode([query])[0], dtype=np.float32)
            dense = self.snapshot.dense_search(query_vec, n)
        lexical = self.snapshot.lexical.search(tokens, n) if self.config.retrieval in ("lexical", "hybrid") else []
        fused = rrf_fuse([[r for r, _ in dense], [r for r, _ in lexical]])
        dense_rank = {row: i for i, (row, _) in enumerate(dense, start=1)}
        lexical_rank = {row: i for i, (row, _) in enumerate(lexical, start=1)}

        if self.config.rerank and fused:
            if query_vec is None:
                query_vec = np.asarray(self.embedder.encode([query])[0], dtype=np.float32)
            scored = self._rerank(query_vec, tokens, fused, dict(dense))
        else:
            scored = fused
        hits = [
            Hit(self.snapshot.chunks[row], score, dense_rank.get(row), lexical_rank.get(row)) for row, score in scored
        ]
        return _drop_overlaps(hits)[:k]

    def _rerank(self, query_vec, tokens, fused, dense_sim) -> list[tuple[int, float]]:
        rows = [row for row, _ in fused]
        missing = [r for r in rows if r not in dense_sim]
        if missing:  # lexical-only candidates: fetch their stored vectors rather than re-embed
            dense_sim = {**dense_sim, **self._similarities(query_vec, missing)}
        weights = {t: self._idf.get(t, self._idf_max) for t in set(tokens)}
        total = sum(weights.values()) or 1.0
        best_rrf = fused[0][1]
        scored = []
        for row, rrf in fused:
            chunk = self.snapshot.chunks[row]
            words = set(tokenize(chunk.embedding_text()))
            coverage = sum(w for t, w in weights.items() if t in words) / total
            score = 0.5 * dense_sim.get(row, 0.0) + 0.35 * coverage + 0.15 * (rrf / best_rrf)
            scored.append((row, score))
        return sorted(scored, key=lambda kv: -kv[1])

    def _similarities(self, query_vec, rows: list[int]) -> dict[int, float]:
        ids = [self.snapshot.chunks[r].id for r in rows]
        got = self.snapshot.collection.get(ids=ids, include=["embeddings"])
        vectors = dict(zip(got["ids"], got["embeddings"]))
        out = {}
        for row, chunk_id in zip(rows, ids):
            if chunk_id in vectors:
                out[row] = float(np.dot(np.asarray(vectors[chunk_id], dtype=np.float32), query_vec))
        return out

    def term_weights(self, query: str) -> tuple[dict[str, float], float]:
        """(IDF of each query token, the weight given to tokens the corpus never uses)."""
        return {t: self._idf.get(t, self._idf_max) for t in tokenize(query)}, self._idf_max

    @property
    def _idf_max(self) -> float:
        # A query word the corpus never uses is as telling as the rarest word it does use.
        return max(self._idf.values(), default=1.0)


def _drop_overlaps(hits: list[Hit]) -> list[Hit]:
    """Keep the better of two chunks sharing most of their text (the splitter's overlap)."""
    kept: list[Hit] = []
    for hit in hits:
        c = hit.chunk
        clash = False
        for other in kept:
            o = other.chunk
            if o.source == c.source:
                shared = min(o.end, c.end) - max(o.start, c.start)
                if shared > 0.6 * min(o.end - o.start, c.end - c.start):
                    clash = True
                    break
        if not clash:
            kept.append(hit)
    return kept
