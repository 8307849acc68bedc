"""Score `ask --json` results against golden rows, and aggregate the scores overall and by type.

Each metric is one small function of (row, result, k) that returns a number or a bool, or None
when it does not apply to that row (refusal accuracy means nothing for an answerable question).
A group's figure is the mean over the rows the metric applies to. Only the JSON result dicts are
read, never live objects, so `compute_metrics` gives the same numbers in the runner and when
re-scoring `results.jsonl` later. It does not run questions or write files.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from assistant.golden import GoldenRow, answer_matches, evidence_in, normalize_answer

Score = float | bool | None
RowMetric = Callable[[GoldenRow, dict, int], Score]


def evidence_found(row: GoldenRow, result: dict, k: int) -> list[bool]:
    """For each evidence passage of `row`, whether some top-`k` context holds it."""
    texts = [c["text"] for c in result.get("contexts", [])[:k]]
    return [any(evidence_in(ev, t) for t in texts) for ev in row.evidence]


def first_evidence_rank(row: GoldenRow, result: dict) -> int | None:
    """1-based rank of the first context holding any evidence passage, or None."""
    for rank, ctx in enumerate(result.get("contexts", []), start=1):
        if any(evidence_in(ev, ctx["text"]) for ev in row.evidence):
            return rank
    return None


def hit_at_k(row: GoldenRow, result: dict, k: int) -> Score:
    """All of an answerable row's evidence sits in the top `k` contexts (recall@k is its mean)."""
    if not row.answers or not row.evidence:
        return None
    return all(evidence_found(row, result, k))


def evidence_share_at_k(row: GoldenRow, result: dict, k: int) -> Score:
    """Fraction of an answerable row's evidence passages found in the top `k` (partial credit)."""
    if not row.answers or not row.evidence:
        return None
    found = evidence_found(row, result, k)
    return sum(found) / len(found)


def reciprocal_rank(row: GoldenRow, result: dict, k: int) -> Score:
    """1/rank of the first context holding evidence, 0 when none does; over every context returned."""
    if not row.answers or not row.evidence:
        return None
    rank = first_evidence_rank(row, result)
    return 1.0 / rank if rank else 0.0


def answer_correct(row: GoldenRow, result: dict, k: int) -> Score:
    """An answerable row was answered (not refused) and the text holds the expected answer(s)."""
    if not row.answers:
        return None
    return not result.get("refused") and answer_matches(row, result.get("answer", ""))


def citation_supported(row: GoldenRow, result: dict, k: int) -> Score:
    """Some cited chunk contains an expected answer; only for answered rows that cite anything."""
    citations = result.get("citations", [])
    if not row.answers or result.get("refused") or not citations:
        return None
    answers = [normalize_answer(a) for a in row.answers]
    return any(a in normalize_answer(c["text"]) for c in citations for a in answers)


def refusal_correct(row: GoldenRow, result: dict, k: int) -> Score:
    """An unanswerable row was refused."""
    if row.answers:
        return None
    return bool(result.get("refused"))


def false_refusal(row: GoldenRow, result: dict, k: int) -> Score:
    """An answerable row was refused (lower is better)."""
    if not row.answers:
        return None
    return bool(result.get("refused"))


def errored(row: GoldenRow, result: dict, k: int) -> Score:
    """The question raised instead of returning an answer."""
    return "error" in result


def answer_chars(row: GoldenRow, result: dict, k: int) -> Score:
    """Length of a given answer in characters; refusals and errors are not answers."""
    if result.get("refused") or "error" in result:
        return None
    return len(result.get("answer", ""))


def latency_ms(row: GoldenRow, result: dict, k: int) -> Score:
    return result.get("latency_ms")


# name → metric; rates are averaged, distributions are summarised by percentiles.
RATES: dict[str, RowMetric] = {
    "recall@k": hit_at_k,
    "evidence@k": evidence_share_at_k,
    "mrr": reciprocal_rank,
    "accuracy": answer_correct,
    "citation_support": citation_supported,
    "refusal_accuracy": refusal_correct,
    "false_refusal_rate": false_refusal,
    "error_rate": errored,
}
DISTRIBUTIONS: dict[str, tuple[RowMetric, tuple[int, ...]]] = {
    "answer_chars": (answer_chars, (50, 90)),
    "latency_ms": (latency_ms, (50, 95)),
}


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile with linear interpolation between ranks (numpy's default).

    >>> percentile([1, 2, 3, 4], 50)
    2.5
    """
    if not values:
        return None
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100
    lo = math.floor(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def score_row(row: GoldenRow, result: dict, k: int) -> dict[str, Score]:
    """Every row metric for one row, keyed by metric name."""
    scores = {name: fn(row, result, k) for name, fn in RATES.items()}
    scores.update({name: fn(row, result, k) for name, (fn, _) in DISTRIBUTIONS.items()})
    return scores


def summarize(scored: Sequence[dict[str, Score]], k: int) -> dict:
    """One group's figures: each rate's mean (with how many rows it covers) and percentiles."""
    out: dict = {"n": len(scored)}
    support: dict[str, int] = {}
    for name in RATES:
        values = [float(s[name]) for s in scored if s[name] is not None]
        key = name.replace("@k", f"@{k}")
        value = mean(values)
        out[key] = None if value is None else round(value, 4)
        support[key] = len(values)
    for name, (_, qs) in DISTRIBUTIONS.items():
        values = [float(s[name]) for s in scored if s[name] is not None]
        for q in qs:
            value = percentile(values, q)
            out[f"{name}_p{q}"] = None if value is None else round(value, 1)
    out["support"] = support
    return out


def pair_results(rows: Sequence[GoldenRow], results: Sequence[dict]) -> list[tuple[GoldenRow, dict]]:
    """Each golden row with its result (matched by id); raises ValueError when one is missing."""
    by_id = {r["id"]: r for r in results}
    missing = [row.id for row in rows if row.id not in by_id]
    if missing:
        raise ValueError(f"no result for {len(missing)} golden row(s): {', '.join(missing[:10])}")
    return [(row, by_id[row.id]) for row in rows]


def compute_metrics(rows: list[GoldenRow], results: list[dict], k: int) -> dict:
    """Overall and per-type figures for `results` (the `ask --json` dicts plus "id") against `rows`."""
    scored = [(row, score_row(row, result, k)) for row, result in pair_results(rows, results)]
    types = list(dict.fromkeys(row.type for row in rows))  # golden-file order reads naturally
    return {
        "k": k,
        "overall": summarize([s for _, s in scored], k),
        "by_type": {t: summarize([s for row, s in scored if row.type == t], k) for t in types},
    }
