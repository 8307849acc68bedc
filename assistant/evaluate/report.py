"""Write an eval run to a directory: results.jsonl, metrics.json, run.json, report.md and plots.

`metrics.json` is exactly `compute_metrics(rows, results, k)`, so it can be checked against a
re-score of `results.jsonl`; facts about the run itself (wall time, settings) go to `run.json`.
The report lists every failure with the question, what was expected and what came back. It does
not run questions or compute metrics.
"""

from __future__ import annotations

import json
from pathlib import Path

from assistant.evaluate.metrics import pair_results, score_row
from assistant.evaluate.plots import ACCURACY_PNG, LATENCY_PNG, plot_accuracy_by_type, plot_latency
from assistant.evaluate.runner import write_results
from assistant.golden import GoldenRow

TEXT_LIMIT = 220  # enough for a sentence of context; the full text is in results.jsonl


def fmt(value, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def one_line(text: str, limit: int = TEXT_LIMIT) -> str:
    """Collapse whitespace, escape table pipes and cut at `limit` characters."""
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def overall_table(metrics: dict) -> str:
    k, g = metrics["k"], metrics["overall"]
    support = g["support"]
    rows = [
        (f"retrieval recall@{k} (all evidence in top {k})", fmt(g[f"recall@{k}"]), support[f"recall@{k}"]),
        (f"evidence passages found in top {k}", fmt(g[f"evidence@{k}"]), support[f"evidence@{k}"]),
        ("MRR (first evidence-bearing context)", fmt(g["mrr"]), support["mrr"]),
        ("answer accuracy", fmt(g["accuracy"]), support["accuracy"]),
        ("citation support", fmt(g["citation_support"]), support["citation_support"]),
        ("refusal accuracy (unanswerable)", fmt(g["refusal_accuracy"]), support["refusal_accuracy"]),
        ("false-refusal rate (answerable)", fmt(g["false_refusal_rate"]), support["false_refusal_rate"]),
        ("errors", fmt(g["error_rate"]), support["error_rate"]),
        ("answer length p50 / p90 (chars)", f"{fmt(g['answer_chars_p50'], 0)} / {fmt(g['answer_chars_p90'], 0)}", ""),
        ("latency p50 / p95 (ms)", f"{fmt(g['latency_ms_p50'], 0)} / {fmt(g['latency_ms_p95'], 0)}", g["n"]),
    ]
    lines = ["| metric | value | rows |", "| --- | ---: | ---: |"]
    lines += [f"| {name} | {value} | {n} |" for name, value, n in rows]
    return "\n".join(lines)


def headline_header(k: int) -> str:
    """Column titles shared by the per-type table and the compare table (after the first columns)."""
    return f"recall@{k} | MRR | accuracy | citation support | refusal acc. | false refusals | p50 ms |"


def headline_cells(group: dict, k: int) -> str:
    """One group's headline figures as table cells, matching `headline_header`."""
    names = [f"recall@{k}", "mrr", "accuracy", "citation_support", "refusal_accuracy", "false_refusal_rate"]
    return " | ".join(fmt(group[n]) for n in names) + f" | {fmt(group['latency_ms_p50'], 0)} |"


def type_table(metrics: dict) -> str:
    k = metrics["k"]
    lines = [f"| type | n | {headline_header(k)}", "| --- | ---: |" + " ---: |" * 7]
    lines += [f"| {name} | {g['n']} | {headline_cells(g, k)}" for name, g in metrics["by_type"].items()]
    return "\n".join(lines)


def expected_text(row: GoldenRow) -> str:
    if not row.answers:
        return "(refuse)"
    return (" + " if row.match == "all" else " / ").join(row.answers)


def got_text(result: dict) -> str:
    if "error" in result:
        return f"(error) {result['error']}"
    return ("(refused) " if result.get("refused") else "") + (result.get("answer") or "(empty)")


def diagnose(row: GoldenRow, result: dict, scores: dict, k: int) -> list[str]:
    """Why a row failed, most telling reason first; [] when it passed."""
    if "error" in result:
        return ["raised an error"]
    if not row.answers:
        return [] if scores["refusal_accuracy"] else ["answered an unanswerable question"]
    reasons = []
    if scores["accuracy"]:
        if scores["citation_support"] is False:
            reasons.append("right answer, but no cited chunk contains it")
        return reasons
    reasons.append("refused" if result.get("refused") else "wrong answer")
    if scores["recall@k"] is False:
        rank = scores["mrr"] and round(1 / scores["mrr"])
        where = f"first evidence at rank {rank}" if rank else "none retrieved"
        reasons.append(f"evidence not all in top {k} ({where})")
    elif scores["recall@k"]:
        reasons.append("evidence was retrieved")
    return reasons


def failures_section(rows: list[GoldenRow], results: list[dict], k: int) -> str:
    lines = []
    for row, result in pair_results(rows, results):
        reasons = diagnose(row, result, score_row(row, result, k), k)
        if not reasons:
            continue
        lines.append(f"- **{row.id}** ({row.type}) — {'; '.join(reasons)}")
        lines.append(f"  - Q: {one_line(row.question)}")
        if row.history and result.get("standalone_question", row.question) != row.question:
            lines.append(f"  - searched as: {one_line(result['standalone_question'])}")
        lines.append(f"  - expected: {one_line(expected_text(row))}")
        lines.append(f"  - got: {one_line(got_text(result))}")
    return "\n".join(lines) if lines else "None."


def render_report(rows: list[GoldenRow], results: list[dict], metrics: dict, run: dict) -> str:
    header = [
        "# Golden-set evaluation",
        "",
        f"- golden set: `{run.get('golden', '?')}` ({metrics['overall']['n']} questions)",
        f"- pipeline: {run.get('pipeline', '?')}; answerer `{run.get('backend', '?')}`",
        f"- index: `{run.get('index', '?')}`",
    ]
    if "wall_seconds" in run:
        cpu = f", {run['cpu_seconds']:.1f} s CPU" if run.get("cpu_seconds") is not None else ""
        load = f"; load average {run['load_average'][0]:.1f} at the end" if run.get("load_average") else ""
        header.append(f"- time: {run['wall_seconds']:.1f} s wall{cpu} for the questions (model load excluded){load}")
    return "\n".join(
        header
        + ["", "## Overall", "", overall_table(metrics), "", "## By question type", "", type_table(metrics), ""]
        + ["## Plots", "", f"![accuracy by type]({ACCURACY_PNG})", "", f"![latency]({LATENCY_PNG})", ""]
        + ["## Failures", "", failures_section(rows, results, metrics["k"]), ""]
    )


def write_report(out_dir: Path, rows: list[GoldenRow], results: list[dict], metrics: dict, run: dict) -> Path:
    """Write every output file into `out_dir` (created if needed); returns the report path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_results(out_dir / "results.jsonl", results)
    (out_dir / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    (out_dir / "run.json").write_text(json.dumps(run, indent=2, default=str) + "\n", encoding="utf-8")
    plot_accuracy_by_type(metrics, out_dir / ACCURACY_PNG)
    plot_latency(results, out_dir / LATENCY_PNG)
    report = out_dir / "report.md"
    report.write_text(render_report(rows, results, metrics, run), encoding="utf-8")
    return report
