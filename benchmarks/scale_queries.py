"""The scale benchmark's query side: latencies over interleaved rounds and their percentiles, what one
question costs by part, and Chroma's HNSW search against exact search."""

from __future__ import annotations

import os
import statistics
import time

TOP_K = 5


def time_queries(assistants: dict, rows, rounds: int) -> dict:
    """Per index label: ask and retrieve latencies over `rounds` interleaved passes, top-5 ids, results."""
    out = {label: {"ask_ms": [], "retrieve_ms": [], "rounds": [], "top5": {}, "results": []} for label in assistants}
    for label, assistant in assistants.items():  # untimed: opens Chroma's segments, loads the encoder
        for row in rows:
            assistant.ask(row.question, [t.model_dump() for t in row.history])
    labels = list(assistants)
    for r in range(rounds):
        for label in labels[r % len(labels):] + labels[: r % len(labels)]:  # rotate who goes first
            assistant, this_round = assistants[label], {"ask_ms": [], "retrieve_ms": []}
            for row in rows:
                history = [t.model_dump() for t in row.history]
                started = time.perf_counter()
                answer = assistant.ask(row.question, history)
                asked = time.perf_counter()
                assistant.retriever.retrieve(answer.standalone_question, TOP_K)
                this_round["ask_ms"].append((asked - started) * 1000)
                this_round["retrieve_ms"].append((time.perf_counter() - asked) * 1000)
                if r == 0:
                    out[label]["top5"][row.id] = [h.chunk.id for h in answer.contexts[:TOP_K]]
                    out[label]["results"].append({"id": row.id, **answer.to_json()})
            this_round["loadavg"] = os.getloadavg()[0]
            out[label]["rounds"].append(this_round)
            out[label]["ask_ms"] += this_round["ask_ms"]
            out[label]["retrieve_ms"] += this_round["retrieve_ms"]
    return out


def pct(values, q: float) -> float:
    from assistant.evaluate.metrics import percentile

    return round(percentile(values, q), 1)


def latency_summary(timing: dict) -> dict:
    """p50/p95 over every sample, and the per-round p95s (whose median the ratios use)."""
    return {
        "n": len(timing["ask_ms"]),
        "ask_p50": pct(timing["ask_ms"], 50), "ask_p95": pct(timing["ask_ms"], 95),
        "retrieve_p50": pct(timing["retrieve_ms"], 50), "retrieve_p95": pct(timing["retrieve_ms"], 95),
        "ask_p95_by_round": [pct(r["ask_ms"], 95) for r in timing["rounds"]],
        "loadavg_by_round": [round(r["loadavg"], 1) for r in timing["rounds"]],
        "retrieve_p95_by_round": [pct(r["retrieve_ms"], 95) for r in timing["rounds"]],
    }


def p95_ratio(big: dict, small: dict, key: str) -> float:
    """Median over rounds of p95(big)/p95(small), each pair measured in the same round."""
    pairs = zip(big[f"{key}_p95_by_round"], small[f"{key}_p95_by_round"])
    return round(statistics.median(b / s for b, s in pairs), 2)


def per_query_probe(assistant, rows) -> dict:
    """What one question costs by part, and the work that grows with the vocabulary.

    Dense search (Chroma's HNSW) and BM25 are timed on their own. `Retriever._idf_max` (when the
    retriever has it) is a max over the whole IDF table, re-evaluated for each query token.
    """
    import numpy as np

    from ingest.lexical import tokenize

    snapshot, retriever = assistant.snapshot, assistant.retriever
    dense, lexical = [], []
    for row in rows:
        vector = np.asarray(assistant.embedder.encode([row.question])[0], dtype=np.float32)
        started = time.perf_counter()
        snapshot.dense_search(vector, 30)
        dense.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        snapshot.lexical.search(tokenize(row.question), 30)
        lexical.append((time.perf_counter() - started) * 1000)
    out = {"dense_ms_p50": pct(dense, 50), "bm25_ms_p50": pct(lexical, 50)}
    prop = type(retriever).__dict__.get("_idf_max")
    if isinstance(prop, property) and hasattr(retriever, "_idf"):
        started = time.perf_counter()
        for _ in range(20):
            retriever._idf_max
        idf_max_ms = (time.perf_counter() - started) / 20 * 1000
        calls = [0]

        def counted(self):
            calls[0] += 1
            return prop.fget(self)

        type(retriever)._idf_max = property(counted)
        try:
            for row in rows:
                assistant.ask(row.question, [t.model_dump() for t in row.history])
        finally:
            type(retriever)._idf_max = prop
        out.update({"vocabulary": len(retriever._idf), "idf_max_ms": round(idf_max_ms, 2),
                    "idf_max_per_question": round(calls[0] / len(rows), 1)})
    return out


def dense_recall(assistants: dict, rows, k: int = 30) -> dict:
    """Per index: how much of the exact top-k by cosine (brute force over its own vectors) Chroma's
    HNSW search returns, and how often it returns the exact nearest chunk first."""
    import numpy as np

    out = {}
    for label, assistant in assistants.items():
        snapshot = assistant.snapshot
        ids = [c.id for c in snapshot.chunks]
        matrix = np.zeros((len(ids), 384), dtype=np.float32)
        for start in range(0, len(ids), 2000):
            got = snapshot.collection.get(ids=ids[start : start + 2000], include=["embeddings"])
            by_id = dict(zip(got["ids"], got["embeddings"]))
            matrix[start : start + len(by_id)] = [by_id[i] for i in ids[start : start + 2000]]
        overlap, first = [], 0
        for row in rows:
            vector = assistant.retriever.query_vector(row.question)
            exact = np.argsort(-(matrix @ vector))[:k]
            found = [r for r, _ in snapshot.dense_search(vector, k)]
            overlap.append(len(set(found) & set(exact.tolist())) / k)
            first += bool(found) and found[0] == exact[0]
        out[label] = {f"recall@{k}": round(statistics.fmean(overlap), 3), "top1_exact": f"{first}/{len(rows)}"}
    return out
