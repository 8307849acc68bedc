"""CI gate: the full golden set through the real default pipeline must stay above its floors.

Ingests corpus/ into tmp_path, asks every question of corpus/golden/coreweave.jsonl through the
same Assistant the UI uses, and checks the headline metrics against FLOORS and CEILINGS below.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.evaluate.metrics import compute_metrics
from assistant.evaluate.runner import run_golden
from assistant.factory import build_assistant
from assistant.golden import load_golden
from docent.cli import run_ingest
from docent.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "corpus" / "golden" / "coreweave.jsonl"
K = 5

# Floors sit a little (~0.03) under the figures measured on the date below and only ever move up;
# lowering one needs a written reason in this comment. Measured 2026-11-27 (full set, 103 questions,
# extractive answerer, hybrid + rerank, chunk 900, unit vectors from ingest): recall@5 0.811,
# accuracy 0.711, citation support 0.878, refusal accuracy 0.692, false-refusal rate 0.089.
# Raised 2026-11-28 after the named-thing check (assistant/slots.py) and the mid-sentence "when"
# fix: refusal accuracy 0.846, false-refusal rate 0.078, citation support 0.879. See docs/EVAL.md.
# Raised 2026-11-28 after answer composition (assistant/compose.py: a list question takes the line
# naming the items, a question's acronym counts where it is written out): accuracy 0.733,
# citation support 0.904.
# Raised 2026-11-28 after the second round (word forms, comparisons by side, section lists, dates
# in headings, …; docs/EVAL.md): recall@5 0.822, accuracy 0.844, citation support 0.929, refusal
# accuracy 0.923 (12 of 13; the floor allows one more miss), false-refusal rate 0.067.
# Raised 2026-11-28 after follow-ups keep their own period and two-part questions search the
# second part with the first part's answer: recall@5 0.833, accuracy 0.867, false-refusal rate 0.056.
# Raised 2026-11-28 after a figure question gets the total rather than a part (accuracy 0.878) and
# a label naming another kind of the figure is refused (refusal accuracy 1.000; the floor allows one miss).
# Raised 2026-11-29 after the eleventh round (headcount searched as employees, among others):
# recall@5 0.844, accuracy 0.889, false-refusal rate 0.056.
FLOORS = {
    f"recall@{K}": 0.81,
    "accuracy": 0.86,
    "citation_support": 0.90,
    "refusal_accuracy": 0.92,
}
# The same rule the other way round for rates where lower is better.
CEILINGS = {
    "false_refusal_rate": 0.08,
}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def metrics(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("gate")
    settings = Settings(data_dir=tmp / "data", corpus_dir=ROOT / "corpus")
    run_ingest(settings, [settings.corpus_dir], progress=False)
    rows = load_golden(GOLDEN)
    results = run_golden(build_assistant(settings), rows, progress=False)
    measured = compute_metrics(rows, results, K)
    print(json.dumps(measured["overall"], indent=1))  # shown with -s or on failure: the figures to move floors to
    return measured


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_metric_at_or_above_floor(metrics, name):
    value = metrics["overall"][name]
    assert value is not None and value >= FLOORS[name], f"{name} {value} fell below its floor {FLOORS[name]}"


@pytest.mark.parametrize("name", sorted(CEILINGS))
def test_rate_at_or_below_ceiling(metrics, name):
    value = metrics["overall"][name]
    assert value is not None and value <= CEILINGS[name], f"{name} {value} rose above its ceiling {CEILINGS[name]}"


def test_no_question_errors(metrics):
    assert metrics["overall"]["error_rate"] == 0.0
