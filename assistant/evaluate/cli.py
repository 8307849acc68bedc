"""`docent eval GOLDEN [--out DIR] [--k K] [--compare] [--corpus PATH ...]`: run, score, report.

Runs the golden file through the default pipeline (the one `ask` and the UI use), writes the
report directory and prints the headline figures. It ingests only when it has to: into OUT/index
for `--corpus`, or the configured corpus when the configured data dir has no index yet.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import asdict
from pathlib import Path

from assistant.evaluate.indexes import ensure_index, ingest_into, private_settings
from assistant.evaluate.metrics import compute_metrics
from assistant.evaluate.report import fmt, write_report
from assistant.evaluate.runner import run_golden, run_row
from assistant.golden import load_golden
from docent.settings import Settings


def run_eval_command(args, settings: Settings) -> int:
    """Evaluate `args.golden`; 0 on success, 1 when the golden file cannot be used."""
    out = Path(args.out) if args.out else Path(settings.data_dir) / "eval"
    try:
        rows = load_golden(args.golden)
    except (OSError, ValueError) as exc:
        print(f"docent eval: cannot use golden set {args.golden}: {exc}", file=sys.stderr)
        return 1
    if not rows:
        print(f"docent eval: {args.golden} holds no questions", file=sys.stderr)
        return 1
    if args.k > settings.top_k:
        print(f"note: the pipeline returns {settings.top_k} passages (DOCENT_TOP_K), so recall@{args.k} "
              f"counts only those", file=sys.stderr)

    corpus = [Path(p) for p in args.corpus] if args.corpus else [Path(settings.corpus_dir)]
    if args.corpus:
        settings = private_settings(settings, out / "index")
        ingest_into(settings, corpus)
    else:
        ensure_index(settings)

    from assistant.factory import build_assistant
    from assistant.pipeline import PipelineConfig

    config = PipelineConfig(top_k=settings.top_k)
    assistant = build_assistant(settings, config)  # the factory's encoder and answerer, as `ask` uses
    run_row(assistant, rows[0])  # load models before the clock starts: latency is per question
    started, cpu_started = time.perf_counter(), time.process_time()
    results = run_golden(assistant, rows)
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu_started  # less swayed than wall time by whatever else the machine runs

    metrics = compute_metrics(rows, results, args.k)
    run = {
        "golden": str(args.golden),
        "index": str(settings.data_dir),
        "chunk_size": settings.chunk_size,
        "pipeline": ", ".join(f"{key}={value}" for key, value in asdict(config).items()),
        "backend": assistant.backend,
        "wall_seconds": round(wall, 2),
        "cpu_seconds": round(cpu, 2),
        "load_average": _load_average(),
    }
    report = write_report(out, rows, results, metrics, run)
    print(summary(metrics, wall))
    if args.compare:
        from assistant.evaluate.compare import run_compare

        compare = run_compare(settings, rows, out, args.k, corpus, assistant.embedder, baseline=(config, results))
        print(compare.read_text(encoding="utf-8"))
        print(f"comparison: {compare}")
    print(f"report: {report}")
    return 0


def _load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def summary(metrics: dict, wall: float) -> str:
    """A short plain-text table of the headline figures."""
    k, g = metrics["k"], metrics["overall"]
    pairs = [
        (f"recall@{k}", fmt(g[f"recall@{k}"])),
        ("MRR", fmt(g["mrr"])),
        ("answer accuracy", fmt(g["accuracy"])),
        ("citation support", fmt(g["citation_support"])),
        ("refusal accuracy", fmt(g["refusal_accuracy"])),
        ("false refusals", fmt(g["false_refusal_rate"])),
        ("errors", str(round((g["error_rate"] or 0) * g["n"]))),
        ("latency p50 / p95", f"{fmt(g['latency_ms_p50'], 0)} / {fmt(g['latency_ms_p95'], 0)} ms"),
        ("questions", f"{g['n']} in {wall:.1f} s"),
    ]
    width = max(len(name) for name, _ in pairs)
    return "\n".join(f"{name:<{width}}  {value}" for name, value in pairs)
