"""Known-answer tests of each eval metric on hand-made `ask --json` results (no models)."""

from __future__ import annotations

import pytest

from assistant.evaluate.metrics import (
    answer_correct,
    citation_supported,
    compute_metrics,
    false_refusal,
    first_evidence_rank,
    hit_at_k,
    percentile,
    reciprocal_rank,
    refusal_correct,
)
from assistant.golden import GoldenRow

EVIDENCE = "**Headquarters:** Livingston, New Jersey, USA"


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DOCENT_DATA_DIR", str(tmp_path / "data"))


def golden(id="q1", answers=("Livingston",), match="any", evidence=(EVIDENCE,), type="fact") -> GoldenRow:
    return GoldenRow(id=id, question=f"question {id}?", answers=list(answers), match=match,
                     evidence=list(evidence), history=[], type=type)


def ctx(text: str) -> dict:
    return {"chunk_id": text[:8], "source": "doc.md", "section": "", "text": text, "score": 0.0}


def result(id="q1", answer="", refused=False, contexts=(), citations=(), latency=10.0, **extra) -> dict:
    return {"id": id, "answer": answer, "refused": refused, "citations": [ctx(t) for t in citations],
            "contexts": [ctx(t) for t in contexts], "standalone_question": "", "latency_ms": latency, **extra}


def filler(n: int) -> list[str]:
    return [f"unrelated passage number {i}" for i in range(n)]


def with_evidence_at(rank: int, total: int = 6) -> list[str]:
    texts = filler(total)
    # case and line breaks differ from the evidence string: evidence_in folds both
    texts[rank - 1] = "## Profile\n- **headquarters:**   Livingston, New Jersey,\nUSA\n- more"
    return texts


def test_evidence_at_rank_1_is_a_hit_at_5_with_reciprocal_rank_1():
    row, res = golden(), result(contexts=with_evidence_at(1))
    assert first_evidence_rank(row, res) == 1
    assert hit_at_k(row, res, 5) is True
    assert reciprocal_rank(row, res, 5) == 1.0


def test_evidence_at_rank_6_misses_recall_at_5_but_counts_for_mrr():
    row, res = golden(), result(contexts=with_evidence_at(6))
    assert hit_at_k(row, res, 5) is False
    assert hit_at_k(row, res, 6) is True
    assert reciprocal_rank(row, res, 5) == pytest.approx(1 / 6)


def test_no_evidence_retrieved_scores_zero_rank():
    row, res = golden(), result(contexts=filler(5))
    assert hit_at_k(row, res, 5) is False
    assert reciprocal_rank(row, res, 5) == 0.0


def test_a_hit_needs_every_evidence_passage():
    row = golden(evidence=("alpha beta", "gamma delta"))
    assert hit_at_k(row, result(contexts=["x alpha beta y", "nothing"]), 5) is False
    assert hit_at_k(row, result(contexts=["x alpha beta y", "gamma  DELTA"]), 5) is True
    metrics = compute_metrics([row], [result(contexts=["x alpha beta y"])], 5)
    assert metrics["overall"]["recall@5"] == 0.0
    assert metrics["overall"]["evidence@5"] == 0.5


@pytest.mark.parametrize(
    "match, text, expected",
    [
        ("any", "They are in Livingston.", True),
        ("any", "They are in Trenton.", False),
        ("all", "CRWV trades on the **Nasdaq**.", True),
        ("all", "It trades as CRWV.", False),
    ],
)
def test_accuracy_any_and_all(match, text, expected):
    answers = ("Livingston", "Newark") if match == "any" else ("CRWV", "Nasdaq")
    row = golden(answers=answers, match=match)
    assert answer_correct(row, result(answer=text), 5) is expected


def test_refused_answer_is_wrong_even_if_it_mentions_the_answer():
    row = golden()
    assert answer_correct(row, result(answer="I could not find Livingston in the documents.", refused=True), 5) is False


def test_refusal_and_false_refusal_apply_to_their_own_rows_only():
    answerable, unanswerable = golden(), golden(answers=(), evidence=())
    refused, answered = result(refused=True), result(answer="Livingston")
    assert refusal_correct(unanswerable, refused, 5) is True
    assert refusal_correct(unanswerable, answered, 5) is False
    assert refusal_correct(answerable, refused, 5) is None
    assert false_refusal(answerable, refused, 5) is True
    assert false_refusal(answerable, answered, 5) is False
    assert false_refusal(unanswerable, refused, 5) is None
    assert answer_correct(unanswerable, answered, 5) is None


def test_citation_support():
    row = golden(answers=("$1.5B",))
    good = result(answer="It raised $1.5B [1]", citations=["The IPO raised **$1.5B**, a record."])
    bad = result(answer="It raised $1.5B [1]", citations=["The IPO priced at $40 per share"])
    assert citation_supported(row, good, 5) is True
    assert citation_supported(row, bad, 5) is False
    assert citation_supported(row, result(answer="It raised $1.5B"), 5) is None  # nothing cited
    assert citation_supported(row, result(refused=True, citations=["raised $1.5B"]), 5) is None
    assert citation_supported(golden(answers=(), evidence=()), good, 5) is None


@pytest.mark.parametrize(
    "values, q, expected",
    [([1, 2, 3, 4], 50, 2.5), ([1, 2, 3, 4], 90, 3.7), ([4, 1, 3, 2], 0, 1), ([4, 1, 3, 2], 100, 4), ([7], 95, 7),
     ([10, 20, 30, 40, 50], 95, 48.0)],
)
def test_percentile_interpolates_linearly(values, q, expected):
    assert percentile(values, q) == pytest.approx(expected)


def test_percentile_of_nothing_is_none():
    assert percentile([], 50) is None


def test_compute_metrics_groups_by_type():
    rows = [
        golden("f1", type="fact"),
        golden("f2", type="fact"),
        golden("u1", answers=(), evidence=(), type="unanswerable"),
        golden("u2", answers=(), evidence=(), type="unanswerable"),
    ]
    results = [
        result("f1", answer="Livingston [1]", contexts=with_evidence_at(1), citations=[EVIDENCE], latency=10),
        result("f2", refused=True, contexts=with_evidence_at(2), latency=20),
        result("u1", refused=True, latency=30),
        result("u2", answer="Livingston", latency=40),
    ]
    m = compute_metrics(rows, results, k=5)
    fact, unans, overall = m["by_type"]["fact"], m["by_type"]["unanswerable"], m["overall"]
    assert list(m["by_type"]) == ["fact", "unanswerable"]
    assert (fact["n"], fact["recall@5"], fact["mrr"], fact["accuracy"]) == (2, 1.0, 0.75, 0.5)
    assert (fact["false_refusal_rate"], fact["citation_support"], fact["refusal_accuracy"]) == (0.5, 1.0, None)
    assert fact["support"]["citation_support"] == 1
    assert (unans["refusal_accuracy"], unans["accuracy"], unans["recall@5"]) == (0.5, None, None)
    assert overall["n"] == 4 and overall["accuracy"] == 0.5 and overall["refusal_accuracy"] == 0.5
    assert overall["latency_ms_p50"] == 25.0 and overall["latency_ms_p95"] == 38.5
    assert overall["answer_chars_p50"] == pytest.approx((len("Livingston [1]") + len("Livingston")) / 2, abs=0.05)


def test_errors_count_as_wrong_and_are_reported():
    rows = [golden("f1"), golden("u1", answers=(), evidence=(), type="unanswerable")]
    results = [result("f1", error="RuntimeError: boom"), result("u1", error="RuntimeError: boom")]
    m = compute_metrics(rows, results, 5)["overall"]
    assert (m["accuracy"], m["refusal_accuracy"], m["error_rate"]) == (0.0, 0.0, 1.0)
    assert m["answer_chars_p50"] is None


def test_a_missing_result_is_an_error_not_a_silent_gap():
    with pytest.raises(ValueError, match="q2"):
        compute_metrics([golden("q1"), golden("q2")], [result("q1")], 5)
