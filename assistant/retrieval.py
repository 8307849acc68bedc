"""Find the passages for a query: dense (Chroma) + lexical (BM25), fused by RRF, then reranked.

No cross-encoder ships its weights on PyPI, so the second stage scores each candidate with what
is cheap and already at hand: its cosine similarity to the query, how much of the query's
weighted vocabulary it covers (heading path included), and its fused rank. It does not compose
answers; see `assistant.extractive`.
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping, Sequence
from dataclasses import replace

import numpy as np

from assistant.aliases import defined_names
from assistant.outline import Outline
from assistant.types import Hit
from assistant.wordforms import as_figure, with_forms
from ingest.lexical import tokenize
from ingest.types import Chunk

RRF_K = 60  # the constant from Cormack et al. (2009); rank 1 → 1/61
W_BM25 = 0.2
W_HEADING = 0.1
CARRIED_WEIGHT = 0.5  # a word carried over from earlier turns, against one the question itself says
# The words of "how much …?" and "how many …?" ask for an amount, and "whose" for an owner; they are
# not what the question is about. Searched for, "many" finds every passage saying "many" (and
# "whose" a contract's "… Ltd, whose registered office is …"), and weighed, "much" (a word a
# report may never use) counts against every line as an unmet part of the question.
_ASKING = frozenset(tokenize("much many whose"))
# "…, and what was it …", "… and how much …", "…, and for which of its services …": a second
# question riding on the first.
_SECOND_PART = re.compile(
    r"(?:,\s*and|;|\?)\s+(?=(?:(?:for|in|from|with|to|on|at|by|of|since|until) (?=wh))?(?:what|which|who|whom|when|where|how|why|is|are|does|did)\b)",
    re.I,
)


def rrf_fuse(rankings: Sequence[Sequence[int]], k: int = RRF_K) -> list[tuple[int, float]]:
    """Reciprocal rank fusion: (item, Σ 1/(k + rank)) best first; ties keep first-seen order.

    >>> rrf_fuse([[7, 3], [3, 9]])  # doctest: +ELLIPSIS
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
        # A query word the corpus never uses is as telling as the rarest word it does use. Taken
        # once: a max over the vocabulary per query token cost ~4.5 ms a question at 25k chunks.
        self._idf_max = max(self._idf.values(), default=1.0)
        self._outline: Outline | None = None
        self._rows: dict[str, int] | None = None  # chunk id → its row, built on first use
        self._aliases: Mapping[str, frozenset[str]] | None = None

    @property
    def aliases(self) -> Mapping[str, frozenset[str]]:
        """The names the documents define for their parties ('(the "Supplier")'), found on first use."""
        if self._aliases is None:
            self._aliases = defined_names(c.text for c in self.snapshot.chunks)
        return self._aliases

    @property
    def vocabulary(self) -> Container[str]:
        """The tokens the documents use (keys of their IDF table)."""
        return self._idf

    def retrieve(self, query: str, k: int) -> list[Hit]:
        """The top `k` hits for `query`, best first; a two-part question gets hits for each part."""
        return [self._with_units(hit) for hit in self._retrieve(query, k)]

    def query_vector(self, text: str) -> np.ndarray:
        return np.asarray(self.embedder.encode([text])[0], dtype=np.float32)

    def _with_units(self, hit: Hit) -> Hit:
        if self._outline is None:
            self._outline = Outline(self.snapshot.chunks)  # on first use: a few ms at 25k chunks
        hit = replace(hit, siblings=self._outline.siblings(hit.chunk), following=self._following(hit.chunk))
        store = self.snapshot.units
        return replace(hit, unit_vectors=store.get(hit.chunk.id)) if store is not None else hit

    def _following(self, chunk: Chunk) -> Chunk | None:
        """The next chunk of `chunk`'s document, if it goes on in the same section."""
        chunks = self.snapshot.chunks
        if self._rows is None:
            self._rows = {c.id: row for row, c in enumerate(chunks)}
        row = self._rows.get(chunk.id)
        after = chunks[row + 1] if row is not None and row + 1 < len(chunks) else None
        if after is None or after.source != chunk.source or after.section != chunk.section or after.start < chunk.start:
            return None
        return after

    def _retrieve(self, query: str, k: int) -> list[Hit]:
        parts = split_question(query)
        ranked = [self._rank(part) for part in parts]
        if len(ranked) == 1:
            return ranked[0][:k]
        # Interleave the parts' rankings so each part's best passages make the cut.
        merged: list[Hit] = []
        seen: set[str] = set()
        for hits in zip(*[r + [None] * (k - len(r)) for r in ranked]):
            for hit in hits:
                if hit is not None and hit.chunk.id not in seen:
                    seen.add(hit.chunk.id)
                    merged.append(hit)
        return merged[:k]

    def _rank(self, query: str) -> list[Hit]:
        n = self.config.candidates
        tokens = query_tokens(query)
        query_vec = None
        dense: list[tuple[int, float]] = []
        if self.config.retrieval in ("dense", "hybrid"):
            query_vec = self.query_vector(query)
            dense = self.snapshot.dense_search(query_vec, n)
        lexical = self.snapshot.lexical.search(with_forms(query, tokens, self._idf), n) if self.config.retrieval in ("lexical", "hybrid") else []
        fused = rrf_fuse([[r for r, _ in dense], [r for r, _ in lexical]])
        dense_rank = {row: i for i, (row, _) in enumerate(dense, start=1)}
        lexical_rank = {row: i for i, (row, _) in enumerate(lexical, start=1)}

        if self.config.rerank and fused:
            if query_vec is None:
                query_vec = self.query_vector(query)
            scored = self._rerank(query_vec, tokens, fused, dict(dense), dict(lexical))
        else:
            scored = fused
        hits = [
            Hit(self.snapshot.chunks[row], score, dense_rank.get(row), lexical_rank.get(row)) for row, score in scored
        ]
        return _drop_overlaps(hits)

    def _rerank(self, query_vec, tokens, fused, dense_sim, lexical_score) -> list[tuple[int, float]]:
        """Cosine similarity, plus BM25 relative to the best BM25 hit, plus words found in the heading path."""
        rows = [row for row, _ in fused]
        missing = [r for r in rows if r not in dense_sim]
        if missing:  # lexical-only candidates: fetch their stored vectors rather than re-embed
            dense_sim = {**dense_sim, **self._similarities(query_vec, missing)}
        weights = {t: self._idf.get(t, self._idf_max) for t in set(tokens)}
        total = sum(weights.values()) or 1.0
        best_bm25 = max(lexical_score.values(), default=0.0) or 1.0
        scored = []
        for row in rows:
            chunk = self.snapshot.chunks[row]
            heading = set(tokenize(f"{chunk.title} {chunk.section}"))
            in_heading = sum(w for t, w in weights.items() if t in heading) / total
            bm25 = lexical_score.get(row, 0.0) / best_bm25
            # Weights chosen by recall@5 on the golden set (docs/EVAL.md); dense carries most.
            scored.append((row, dense_sim.get(row, 0.0) + W_BM25 * bm25 + W_HEADING * in_heading))
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

    def term_weights(self, query: str, question: str | None = None) -> tuple[dict[str, float], float, frozenset[str]]:
        """(IDF of each query token, the weight of tokens the corpus never uses, the tokens it does use).

        Words carried over from earlier turns, in `query` but not in `question`, count for less:
        "How much memory does each one have?" is about memory first, the earlier topic second.
        """
        tokens = query_tokens(query)
        own = set(tokenize(question)) if question is not None else set(tokens)
        # "two" is known where the documents write "2".
        idf = {t: self._idf.get(t, self._idf.get(as_figure(t) or t)) for t in tokens}
        known = frozenset(t for t in tokens if idf[t] is not None)
        weights = {t: (self._idf_max if idf[t] is None else idf[t]) * (1.0 if t in own else CARRIED_WEIGHT) for t in tokens}
        return weights, self._idf_max, known


def query_tokens(query: str) -> list[str]:
    """The query's searched and weighed tokens: `tokenize` without the words that ask for an amount.

    >>> query_tokens("How many data centers are there?")
    ['data', 'center']
    """
    return [t for t in tokenize(query) if t not in _ASKING]


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


def split_question(query: str) -> list[str]:
    """The query, or its parts when it asks two things: 'X, and what was Y?' → ['X', 'what was Y?']."""
    parts = [p.strip(" ,;") for p in _SECOND_PART.split(query) if p.strip(" ,;?")]
    if len(parts) < 2:
        return [query]
    # Carried follow-up context ('(OpenAI, contract)') belongs to every part.
    context = re.search(r"\([^()]*\)\s*$", query)
    return [p if not context or p.endswith(context.group(0)) else f"{p} {context.group(0)}" for p in parts]
