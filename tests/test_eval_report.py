"""Runner, report and compare plumbing against a deterministic fake assistant (no models)."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from assistant.evaluate.cli import run_eval_command
from assistant.evaluate.compare import compare_table, variants
from assistant.evaluate.metrics import compute_metrics
from assistant.evaluate.report import one_line, write_report
from assistant.evaluate.runner import read_results, run_golden
from assistant.golden import load_golden
from assistant.pipeline import PipelineConfig
from assistant.types import Answer, Citation, Hit
from docent.settings import Settings
from ingest.types import Chunk

PROFILE = "- **Headquarters:** Livingston, New Jersey, USA\n- **Founded:** August 15, 2017 (as Atlantic Crypto)"
OTHER = "CoreWeave sells GPU compute by the hour."

ROWS = [
    {"id": "a", "question": "Where is CoreWeave headquartered?", "answers": ["Livingston"], "match": "any",
     "evidence": ["**Headquarters:** Livingston, New Jersey, USA"], "history": [], "type": "fact"},
    {"id": "b", "question": "When was it founded?", "answers": ["2017"], "match": "any",
     "evidence": ["**Founded:** August 15, 2017 (as Atlantic Crypto)"],
     "history": [{"role": "user", "content": "Tell me about CoreWeave"}, {"role": "assistant", "content": "A cloud."}],
     "type": "followup"},
    {"id": "c", "question": "Who is the CFO?", "answers": [], "match": "any", "evidence": [], "history": [],
     "type": "unanswerable"},
    {"id": "d", "question": "boom " + "very long question " * 30, "answers": ["x"], "match": "any",
     "evidence": ["x"], "history": [], "type": "fact"},
]


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DOCENT_DATA_DIR", str(tmp_path / "data"))


def chunk(text: str, n: int) -> Chunk:
    return Chunk(id=f"c{n}", source="doc.md", title="Doc", section="Profile", text=text, start=0, end=len(text))


class FakeAssistant:
    """Answers from a fixed script; raises on questions starting with "boom"; records histories."""

    backend = "fake"

    def __init__(self):
        self.histories = []

    def ask(self, question, history=()):
        self.histories.append(list(history))
        if question.startswith("boom"):
            raise RuntimeError("the fake exploded")
        hits = (Hit(chunk(OTHER, 1), 0.9), Hit(chunk(PROFILE, 2), 0.5))
        if "CFO" in question:
            return Answer("The documents don't say.", (), True, hits, question, 5.0)
        text = "Livingston, New Jersey [1]" if "headquartered" in question else "In 2016 [1]"
        cite = Citation(1, hits[1].chunk, "Livingston", 20, 30)
        return Answer(text, (cite,), False, hits, question + " (standalone)", 7.0)


@pytest.fixture
def golden_file(tmp_path):
    path = tmp_path / "golden.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    return path


def test_runner_records_errors_and_passes_history(golden_file):
    rows = load_golden(golden_file)
    fake = FakeAssistant()
    results = run_golden(fake, rows, progress=False)
    assert [r["id"] for r in results] == ["a", "b", "c", "d"]
    assert fake.histories[1] == [{"role": "user", "content": "Tell me about CoreWeave"},
                                 {"role": "assistant", "content": "A cloud."}]
    error = results[3]
    assert error["answer"] == "" and error["refused"] is False and error["contexts"] == []
    assert error["error"] == "RuntimeError: the fake exploded"
    assert results[0]["citations"][0]["text"] == PROFILE and results[0]["contexts"][1]["text"] == PROFILE


def test_report_writes_every_file_and_rescoring_matches(golden_file, tmp_path):
    rows = load_golden(golden_file)
    results = run_golden(FakeAssistant(), rows, progress=False)
    metrics = compute_metrics(rows, results, 5)
    out = tmp_path / "out"
    report = write_report(out, rows, results, metrics, {"golden": str(golden_file), "wall_seconds": 0.1})
    for name in ("results.jsonl", "metrics.json", "run.json", "accuracy_by_type.png", "latency_hist.png"):
        assert (out / name).stat().st_size > 0, name
    assert (out / "accuracy_by_type.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    stored = json.loads((out / "metrics.json").read_text())
    assert stored == compute_metrics(load_golden(golden_file), read_results(out / "results.jsonl"), 5)

    text = report.read_text()
    assert "| fact | 2 |" in text and "| unanswerable | 1 |" in text
    assert "![accuracy by type](accuracy_by_type.png)" in text
    assert "**a** (fact)" not in text  # row a passed
    assert "**b** (followup) — wrong answer; evidence was retrieved" in text
    assert "searched as: When was it founded? (standalone)" in text
    assert "expected: 2017" in text and "got: In 2016 [1]" in text
    assert "**d** (fact) — raised an error" in text and "(error) RuntimeError: the fake exploded" in text
    long_line = next(line for line in text.splitlines() if line.startswith("  - Q: boom"))
    assert long_line.endswith("…") and len(long_line) < 240


def test_one_line_folds_whitespace_and_escapes_pipes():
    assert one_line("a\n  b | c") == "a b \\| c"
    assert one_line("x" * 50, limit=10) == "x" * 9 + "…"


def test_compare_variants_cover_the_switches():
    names = {v.name: v for v in variants(PipelineConfig(), default_size=900)}
    assert names["dense"].config.retrieval == "dense" and not names["dense"].config.rerank
    assert names["bm25"].config.retrieval == "lexical"
    assert names["hybrid"].config.retrieval == "hybrid" and not names["hybrid"].config.rerank
    assert names["hybrid+rerank"].config == PipelineConfig()
    assert names["hybrid+rerank, no follow-up rewrite"].config.followups is False
    assert [v.chunk_size for v in names.values() if v.chunk_size] == [500, 1400]


def test_compare_table_has_one_row_per_variant(golden_file):
    rows = load_golden(golden_file)
    metrics = compute_metrics(rows, run_golden(FakeAssistant(), rows, progress=False), 5)
    # evidence at rank 2 for a and b, the errored row d scores 0: recall 2/3, MRR (0.5 + 0.5 + 0) / 3
    table = compare_table([{"name": "dense", "chunk_size": 900, "metrics": metrics}], 5)
    assert table.splitlines()[0].startswith("| variant | chunk | recall@5 | MRR | accuracy |")
    assert table.splitlines()[2].startswith("| dense | 900 | 0.667 | 0.333 | 0.333 |")


def test_eval_command_rejects_a_bad_golden_file(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    args = SimpleNamespace(golden=bad, out=None, k=5, compare=False, corpus=None)
    assert run_eval_command(args, Settings()) == 1
    assert "bad.jsonl:1" in capsys.readouterr().err
