"""`eval --compare`: the same golden set under several pipeline settings, as one table.

Variants: dense only, BM25 only, hybrid (RRF), hybrid + rerank, hybrid + rerank without the
follow-up rewrite, and hybrid + rerank over other chunk sizes (each with its own index under
OUT/index-<size>). Every variant goes through `run_golden` and `compute_metrics` exactly like the
main eval. It does not pick a winner or change defaults; that is a human's call, in PipelineConfig.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from assistant.evaluate.indexes import ingest_into, private_settings
from assistant.evaluate.metrics import compute_metrics
from assistant.evaluate.report import headline_cells, headline_header
from assistant.evaluate.runner import run_golden, run_row, write_results
from assistant.golden import GoldenRow
from assistant.pipeline import PipelineConfig
from docent.settings import Settings

CHUNK_SIZES = (500, 900, 1400)


@dataclass(frozen=True)
class Variant:
    name: str
    config: PipelineConfig
    chunk_size: int | None = None  # None: the main index at settings.chunk_size


def variants(base: PipelineConfig, default_size: int, chunk_sizes=CHUNK_SIZES) -> list[Variant]:
    best = replace(base, retrieval="hybrid", rerank=True, followups=True)
    out = [
        Variant("dense", replace(best, retrieval="dense", rerank=False)),
        Variant("bm25", replace(best, retrieval="lexical", rerank=False)),
        Variant("hybrid", replace(best, rerank=False)),
        Variant("hybrid+rerank", best),
        Variant("hybrid+rerank, no follow-up rewrite", replace(best, followups=False)),
    ]
    out += [Variant(f"hybrid+rerank, chunk {s}", best, s) for s in chunk_sizes if s != default_size]
    return out


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def run_compare(
    settings: Settings,
    rows: list[GoldenRow],
    out_dir: Path,
    k: int,
    corpus: Sequence[Path],
    embedder=None,
    baseline: tuple[PipelineConfig, list[dict]] | None = None,
    progress: bool = True,
) -> Path:
    """Run every variant, write OUT/compare.{md,json} and per-variant results; returns compare.md.

    `embedder` (the main eval's, already loaded) is shared by every variant; None lets the
    factory pick its default for each.
    """
    from assistant.factory import build_assistant

    base = baseline[0] if baseline else PipelineConfig(top_k=settings.top_k)
    entries = []
    for variant in variants(base, settings.chunk_size):
        variant_settings = settings
        if variant.chunk_size is not None:
            variant_settings = private_settings(
                settings, out_dir / f"index-{variant.chunk_size}", variant.chunk_size, tag=f"eval{variant.chunk_size}"
            )
            ingest_into(variant_settings, corpus, progress)
        started = time.perf_counter()
        reused = bool(baseline and variant.chunk_size is None and variant.config == baseline[0])
        if reused:
            results = baseline[1]  # the main eval already ran exactly this
        else:
            assistant = build_assistant(variant_settings, variant.config, embedder)
            run_row(assistant, rows[0])  # warm up, as the main eval does, so p50s compare fairly
            results = run_golden(assistant, rows, progress, desc=variant.name)
        metrics = compute_metrics(rows, results, k)
        variant_dir = out_dir / "compare" / slug(variant.name)
        variant_dir.mkdir(parents=True, exist_ok=True)
        write_results(variant_dir / "results.jsonl", results)
        (variant_dir / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
        entries.append(
            {
                "name": variant.name,
                "config": asdict(variant.config),
                "chunk_size": variant.chunk_size or settings.chunk_size,
                "seconds": None if reused else round(time.perf_counter() - started, 1),
                "metrics": metrics,
            }
        )
    (out_dir / "compare.json").write_text(json.dumps(entries, indent=2) + "\n", encoding="utf-8")
    path = out_dir / "compare.md"
    path.write_text(compare_table(entries, k) + "\n", encoding="utf-8")
    return path


def compare_table(entries: list[dict], k: int) -> str:
    """One markdown row per variant with the headline figures."""
    lines = [f"| variant | chunk | {headline_header(k)}", "| --- | ---: |" + " ---: |" * 7]
    lines += [f"| {e['name']} | {e['chunk_size']} | {headline_cells(e['metrics']['overall'], k)}" for e in entries]
    return "\n".join(lines)
