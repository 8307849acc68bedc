"""The golden set through `build_assistant` with each answer backend, side by side; LLM vs rule-based follow-ups.

For each backend named in --answerers, every chosen golden row is streamed through the same
Assistant the CLI and UI use (DOCENT_ANSWERER=<name>, the rest from DOCENT_* as usual). Scores
come from `assistant.evaluate.metrics`; on top it records time to first token (the first text
piece the UI can show) and which backend actually answered (LLM, or extractive fallback). With
--rewrite it also measures follow-up rewriting: retrieval hit@5 on the `followup` rows with the
rule-based `build_standalone_query` and with the LLM rewrite.

--subset N picks a fixed stratified subset: the golden rows grouped by type (file order), taken
round-robin, so each type is represented and the same N always gives the same rows.

    make llm-model
    DOCENT_DATA_DIR=/tmp/llm-eval DOCENT_LLM_MODEL=.docent/models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf \\
      DOCENT_LLM_TIMEOUT=600 python benchmarks/llm_eval.py --subset 30 --threads 1 --rewrite --out out/llm-eval
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable from a checkout without installing

from assistant.conversation import build_standalone_query  # noqa: E402
from assistant.evaluate.indexes import ensure_index  # noqa: E402
from assistant.evaluate.metrics import compute_metrics, percentile  # noqa: E402
from assistant.evaluate.runner import write_results  # noqa: E402
from assistant.factory import build_assistant  # noqa: E402
from assistant.golden import GoldenRow, evidence_in, load_golden  # noqa: E402
from assistant.types import Answer, Turn  # noqa: E402
from docent.settings import Settings  # noqa: E402


def stratified(rows: list[GoldenRow], n: int | None) -> list[GoldenRow]:
    """`n` rows taken round-robin over the types (file order within a type); all rows for None."""
    if not n or n >= len(rows):
        return rows
    by_type: dict[str, list[GoldenRow]] = {}
    for row in rows:
        by_type.setdefault(row.type, []).append(row)
    picked: list[GoldenRow] = []
    depth = 0
    while len(picked) < n:
        for group in by_type.values():
            if depth < len(group) and len(picked) < n:
                picked.append(group[depth])
        depth += 1
    order = {row.id: i for i, row in enumerate(rows)}
    return sorted(picked, key=lambda r: order[r.id])


def run_streamed(assistant, row: GoldenRow) -> dict:
    """`ask --json` for `row` plus "id", "ttft_ms" (first text piece) and "wall_ms"."""
    started = time.perf_counter()
    first = None
    answer: Answer | None = None
    for item in assistant.stream(row.question, [t.model_dump() for t in row.history]):
        if isinstance(item, Answer):
            answer = item
        elif first is None:
            first = time.perf_counter()
    wall = (time.perf_counter() - started) * 1000
    ttft = ((first or time.perf_counter()) - started) * 1000
    timings = {"ttft_ms": round(ttft, 1), "wall_ms": round(wall, 1)}
    return {"id": row.id, **answer.to_json(), "notes": list(answer.notes), **timings}


def make_assistant(name: str, settings: Settings, embedder, threads: int | None):
    """The Assistant for backend `name`, its model (if any) loaded, so load time is not charged to a question."""
    update = {"answerer": name, **({"llm_threads": threads} if threads else {})}
    assistant = build_assistant(settings.model_copy(update=update), embedder=embedder)
    if hasattr(assistant.answerer, "load"):
        started = time.perf_counter()
        assistant.answerer.load()
        print(f"{name}: model loaded in {time.perf_counter() - started:.1f} s", flush=True)
    return assistant


def evaluate(assistant, rows: list[GoldenRow], out: Path) -> dict:
    name = assistant.answerer.name.split(":")[0]
    results = []
    for i, row in enumerate(rows, 1):
        result = run_streamed(assistant, row)
        results.append(result)
        print(f"{name} {i}/{len(rows)} {row.id} {result['backend']} {result['wall_ms'] / 1000:.1f}s", flush=True)
    write_results(out / f"results-{name}.jsonl", results)
    metrics = compute_metrics(rows, results, k=5)
    ttfts = [r["ttft_ms"] for r in results]
    metrics["overall"]["ttft_ms_p50"] = round(percentile(ttfts, 50), 1)
    metrics["overall"]["ttft_ms_p95"] = round(percentile(ttfts, 95), 1)
    metrics["answered_by"] = dict(Counter(r["backend"] for r in results))
    metrics["backend"] = assistant.answerer.name
    return metrics


REWRITERS = ("builder", "llm", "llm+rules")


def rewrite_comparison(assistant, rows: list[GoldenRow]) -> list[dict]:
    """Per follow-up row and rewriter: the standalone question and whether the top 5 hold all its evidence.

    builder: `build_standalone_query`, no LLM; llm: the model's rewrite alone; llm+rules: the model's
    rewrite followed by the builder's carried terms (what `LLMAnswerer.standalone_query` does).
    """
    from assistant.llm.rewrite import LLMRewriter

    out = []
    for row in rows:
        turns = [Turn(t.role, t.content) for t in row.history]
        started = time.perf_counter()
        rewritten = LLMRewriter(assistant.answerer).rewrite(row.question, turns)  # one model call for both modes
        llm_ms = (time.perf_counter() - started) * 1000
        rules = build_standalone_query(row.question, turns)
        carried = rules[len(row.question) :].strip()
        queries = {
            "builder": rules,
            "llm": rewritten or rules,
            "llm+rules": f"{rewritten} {carried}".strip() if rewritten else rules,
        }
        entry: dict = {"id": row.id, "question": row.question, "llm_ms": round(llm_ms, 1)}
        for label, standalone in queries.items():
            hits = assistant.retriever.retrieve(standalone, 5)
            found = all(any(evidence_in(ev, h.chunk.text) for h in hits) for ev in row.evidence)
            entry[label] = {"standalone": standalone, "hit@5": found}
        out.append(entry)
        marks = " ".join(f"{label} {entry[label]['hit@5']}" for label in REWRITERS)
        print(f"rewrite {row.id}: {marks} ({queries['llm']})", flush=True)
    return out


COLUMNS = (
    "backend", "n", "accuracy", "citation support", "refusal accuracy", "false refusals",
    "latency p50 / p95 (s)", "TTFT p50 / p95 (s)", "answered by",
)  # fmt: skip


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def table(all_metrics: dict[str, dict], n: int) -> str:
    """The markdown table docs/LLM.md shows: one row per backend."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + " --- |" * len(COLUMNS)]
    for m in all_metrics.values():
        o = m["overall"]
        cells = [
            m["backend"],
            str(n),
            _pct(o["accuracy"]),
            _pct(o["citation_support"]),
            _pct(o["refusal_accuracy"]),
            _pct(o["false_refusal_rate"]),
            f"{o['latency_ms_p50'] / 1000:.1f} / {o['latency_ms_p95'] / 1000:.1f}",
            f"{o['ttft_ms_p50'] / 1000:.1f} / {o['ttft_ms_p95'] / 1000:.1f}",
            ", ".join(f"{k}: {v}" for k, v in m["answered_by"].items()),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--golden", type=Path, default=ROOT / "corpus" / "golden" / "coreweave.jsonl")
    parser.add_argument("--answerers", default="extractive,local")
    parser.add_argument("--subset", type=int, default=None, help="fixed stratified subset of N rows")
    parser.add_argument("--threads", type=int, default=None, help="llama.cpp threads (default DOCENT_LLM_THREADS)")
    parser.add_argument("--rewrite", action="store_true", help="also compare follow-up rewriting on `followup` rows")
    parser.add_argument("--rewrite-only", action="store_true", help="only the follow-up comparison")
    parser.add_argument("--out", type=Path, default=Path("out/llm-eval"))
    args = parser.parse_args()

    from ingest.fast_encoder import FastEncoder

    settings = Settings()
    ensure_index(settings, progress=False)
    embedder = FastEncoder()
    golden = load_golden(args.golden)
    rows = stratified(golden, args.subset)
    args.out.mkdir(parents=True, exist_ok=True)
    # The model's raw drafts, before verification: what to read when an LLM answer fell back.
    drafts = logging.FileHandler(args.out / "drafts.log", mode="w", encoding="utf-8")
    logging.getLogger("assistant.llm.base").addHandler(drafts)
    logging.getLogger("assistant.llm.base").setLevel(logging.DEBUG)
    print(f"{len(rows)} rows: {dict(Counter(r.type for r in rows))}", flush=True)

    report: dict = {"rows": [r.id for r in rows], "threads": args.threads or settings.llm_threads, "metrics": {}}
    assistants = {name: make_assistant(name, settings, embedder, args.threads) for name in args.answerers.split(",")}
    if args.rewrite or args.rewrite_only:
        llm = next((a for a in assistants.values() if hasattr(a.answerer, "chat")), None)
        if llm is None:
            parser.error("--rewrite needs an LLM backend among --answerers")
        followups = [r for r in golden if r.type == "followup"]
        report["rewrite"] = rewrite_comparison(llm, followups)
        for label in REWRITERS:
            hits = sum(e[label]["hit@5"] for e in report["rewrite"])
            print(f"follow-ups, {label}: hit@5 {hits}/{len(followups)}", flush=True)
        ms = [e["llm_ms"] for e in report["rewrite"]]
        print(f"LLM rewrite latency p50 {percentile(ms, 50) / 1000:.1f} s, p95 {percentile(ms, 95) / 1000:.1f} s")
    if args.rewrite_only:
        (args.out / "rewrite.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
        return 0
    for name, assistant in assistants.items():
        report["metrics"][name] = evaluate(assistant, rows, args.out)
    (args.out / "llm-eval.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    print(table(report["metrics"], len(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
