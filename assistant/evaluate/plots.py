"""Two PNGs for the eval report: how often each question type is answered right, and latency.

Figures are built with `matplotlib.figure.Figure` directly, never pyplot, so nothing touches a
display or global state and PNGs render through the Agg canvas on any machine. It does not
compute metrics; it draws the ones it is given.
"""

from __future__ import annotations

from pathlib import Path

ACCURACY_PNG = "accuracy_by_type.png"
LATENCY_PNG = "latency_hist.png"


def correct_share(group: dict) -> float:
    """Answer accuracy, or refusal accuracy for a group of unanswerable questions."""
    value = group.get("accuracy")
    if value is None:
        value = group.get("refusal_accuracy")
    return value or 0.0


def plot_accuracy_by_type(metrics: dict, path: Path) -> Path:
    """Grouped bars per type: recall@k, correct answers (or refusals), citation support."""
    from matplotlib.figure import Figure

    k = metrics["k"]
    types = list(metrics["by_type"])
    series = {
        f"recall@{k}": [metrics["by_type"][t][f"recall@{k}"] or 0.0 for t in types],
        "correct (refused if unanswerable)": [correct_share(metrics["by_type"][t]) for t in types],
        "citation support": [metrics["by_type"][t]["citation_support"] or 0.0 for t in types],
    }
    fig = Figure(figsize=(max(6.0, 1.1 * len(types) + 2), 4.0), layout="constrained")
    ax = fig.add_subplot()
    width = 0.8 / len(series)
    for i, (label, values) in enumerate(series.items()):
        xs = [x + (i - (len(series) - 1) / 2) * width for x in range(len(types))]
        ax.bar(xs, values, width, label=label)
    ax.set_xticks(range(len(types)), [f"{t}\n(n={metrics['by_type'][t]['n']})" for t in types], fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("share of questions")
    ax.set_title("Golden set by question type")
    ax.legend(fontsize=8, loc="lower left")
    fig.savefig(path, dpi=110)
    return path


def plot_latency(results: list[dict], path: Path) -> Path:
    """Histogram of per-question latency, with p50 and p95 marked."""
    from matplotlib.figure import Figure

    from assistant.evaluate.metrics import percentile

    values = [r["latency_ms"] for r in results if r.get("latency_ms") is not None]
    fig = Figure(figsize=(6.0, 3.5), layout="constrained")
    ax = fig.add_subplot()
    ax.hist(values, bins=min(30, max(5, len(values) // 3)), color="#4c72b0")
    for q, style in ((50, "--"), (95, ":")):
        value = percentile(values, q)
        if value is not None:
            ax.axvline(value, color="black", linestyle=style, label=f"p{q} {value:.0f} ms")
    ax.set_xlabel("latency per question (ms)")
    ax.set_ylabel("questions")
    ax.set_title("Answer latency")
    if values:
        ax.legend(fontsize=8)
    fig.savefig(path, dpi=110)
    return path
