"""`docent eval` end to end on the real pipeline over a slice of the golden set, then a re-score.

The metrics written by the run must be exactly what `compute_metrics` gives from results.jsonl
and the golden file alone: nothing in metrics.json may depend on live objects.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.evaluate.metrics import compute_metrics
from assistant.evaluate.runner import read_results
from assistant.golden import load_golden
from docent.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "corpus" / "golden" / "coreweave.jsonl"
PER_TYPE = 2

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("DOCENT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DOCENT_CORPUS_DIR", str(ROOT / "corpus"))


def golden_slice(path: Path) -> Path:
    """The first PER_TYPE rows of every type, as a golden file of its own."""
    taken: dict[str, int] = {}
    lines = []
    for line in GOLDEN.read_text(encoding="utf-8").splitlines():
        if line.strip():
            kind = json.loads(line)["type"]
            if taken.get(kind, 0) < PER_TYPE:
                taken[kind] = taken.get(kind, 0) + 1
                lines.append(line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_eval_on_real_pipeline_rescores_identically(tmp_path, capsys):
    golden = golden_slice(tmp_path / "slice.jsonl")
    out = tmp_path / "eval"
    assert main(["eval", str(golden), "--out", str(out)]) == 0  # no index yet: it ingests first
    printed = capsys.readouterr().out
    assert "recall@5" in printed and f"report: {out / 'report.md'}" in printed

    rows = load_golden(golden)
    results = read_results(out / "results.jsonl")
    assert [r["id"] for r in results] == [row.id for row in rows]
    assert not [r for r in results if "error" in r]
    assert all(r["contexts"] for r in results)

    stored = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert stored == compute_metrics(rows, results, 5)
    assert set(stored["by_type"]) == {row.type for row in rows}
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "## By question type" in report and "## Failures" in report
    assert (out / "accuracy_by_type.png").exists() and (out / "latency_hist.png").exists()


def test_eval_with_corpus_builds_its_own_index(tmp_path):
    corpus = tmp_path / "docs"
    corpus.mkdir()
    (corpus / "acme.md").write_text(
        "# Acme\n\n## Profile\n\nAcme Corp is headquartered in Springfield.\n\n"
        "## History\n\nAcme was founded in 1999 by Jane Roe, a former baker.\n",
        encoding="utf-8",
    )
    golden = tmp_path / "acme.jsonl"
    golden.write_text(
        json.dumps({"id": "a1", "question": "Where is Acme headquartered?", "answers": ["Springfield"],
                    "match": "any", "evidence": ["Acme Corp is headquartered in Springfield."], "history": [],
                    "type": "fact"}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "eval"
    assert main(["eval", str(golden), "--out", str(out), "--corpus", str(corpus)]) == 0
    assert (out / "index" / "state.json").exists()
    assert not (tmp_path / "data").exists()  # the configured data dir was left alone
    (result,) = read_results(out / "results.jsonl")
    assert "acme.md" in result["contexts"][0]["source"]
    assert json.loads((out / "metrics.json").read_text())["overall"]["recall@5"] == 1.0


def test_eval_corpus_takes_several_paths(tmp_path):
    # a corpus spread over two directories and a single file, as in two documentation trees
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "acme.md").write_text("# Acme\n\nAcme Corp is headquartered in Springfield.\n", encoding="utf-8")
    (tmp_path / "b" / "beta.md").write_text("# Beta\n\nBeta Ltd was founded in 1999 in Shelbyville.\n", encoding="utf-8")
    (tmp_path / "gamma.txt").write_text("Gamma GmbH makes copper kettles in Ogdenville.\n", encoding="utf-8")
    golden = tmp_path / "g.jsonl"
    rows = [("Where is Acme headquartered?", "Springfield"), ("Where was Beta Ltd founded?", "Shelbyville"),
            ("What does Gamma GmbH make?", "copper kettles")]
    golden.write_text("".join(
        json.dumps({"id": f"r{i}", "question": q, "answers": [a], "match": "any", "evidence": [], "history": [],
                    "type": "fact"}) + "\n" for i, (q, a) in enumerate(rows)), encoding="utf-8")
    out = tmp_path / "eval"
    paths = [str(tmp_path / "a"), str(tmp_path / "b"), str(tmp_path / "gamma.txt")]
    assert main(["eval", str(golden), "--out", str(out), "--corpus", *paths]) == 0
    sources = {Path(r["contexts"][0]["source"]).name for r in read_results(out / "results.jsonl")}
    assert sources == {"acme.md", "beta.md", "gamma.txt"}
