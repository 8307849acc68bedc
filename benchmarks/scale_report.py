"""The scale benchmark's figures as Markdown tables."""

from __future__ import annotations

from benchmarks.scale_queries import TOP_K


def report(f: dict) -> str:
    """Markdown tables of the headline figures."""
    ing = f["ingest"]
    lines = [
        f"corpus: {f['corpus']['documents']} documents, {f['corpus']['chunks']} chunks",
        "",
        "| ingest | figure |", "| --- | --- |",
        f"| ingest throughput | {ing['chunks_per_s']} chunks/s ({ing['seconds']} s, {ing['cpu_s']} CPU s, load {ing['loadavg']}) |",
        f"| raw encode throughput | {ing['raw_encode_chunks_per_s']} chunks/s ({ing['raw_encode_chunks']} chunks, "
        f"{ing['raw_encode_seconds']} s, {ing['raw_encode_cpu_s']} CPU s, load {ing['raw_encode_loadavg']}) |",
        f"| ratio (full run vs the raw run after it) | {ing['ratio_to_raw_encode']} |",
        f"| encoder's share of ingest time | {ing['encode_share_of_ingest']} |",
        f"| answer units with a stored vector (the rest are past the token limit) | {ing['unit_vectors_stored']} of {ing['units']} |",
        f"| phases (s) | {', '.join(f'{k} {v}' for k, v in ing['phases_s'].items())} |",
        f"| peak RSS ingesting | {ing['peak_rss_mb']} MB (raw encode alone: {ing['raw_encode_peak_rss_mb']} MB) |",
        f"| RSS at 25/50/75/100% of chunks | {', '.join(str(ing['rss'][k]) for k in ('at_25pct_mb', 'at_50pct_mb', 'at_75pct_mb', 'at_100pct_mb'))} MB |",
        f"| index on disk (full), MB | {', '.join(f'{k} {v}' for k, v in f['disk_mb']['full'].items())} |",
        f"| ingest without the model (cached vectors) | {f['store_only_ingest']['seconds']} s, peak RSS "
        f"{f['store_only_ingest']['peak_rss_mb']} MB, RSS at 25/50/75/100%: "
        f"{', '.join(str(f['store_only_ingest']['rss'][k]) for k in ('at_25pct_mb', 'at_50pct_mb', 'at_75pct_mb', 'at_100pct_mb'))} MB |",
        f"| re-ingest, nothing changed | {f['unchanged_reingest_s']} s |",
        "",
        "| index | chunks | ask p50 | ask p95 | retrieve p50 | retrieve p95 | top-5 same as embedded | load by round |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    same = f.get("server_vs_embedded_top5", {})
    for label, lat in f["latency_ms"].items():
        base = label.removeprefix("server ")
        agree = f"{same[base]}/{f['questions']}" if label.startswith("server ") and base in same else ""
        lines.append(f"| {label} | {f['sizes'][label]} | {lat['ask_p50']} | {lat['ask_p95']} | "
                     f"{lat['retrieve_p50']} | {lat['retrieve_p95']} | {agree} | {lat['loadavg_by_round']} |")
    if f.get("ratio_rounds"):
        q = f["ratio_rounds"]
        lines += ["", f"interleaved rounds on {q['chunks']} chunks ({q['files']} files), medians of per-round ratios: "
                  f"ingest/raw {q['ingest_to_raw']}, ingest/raw-in-{q['batch']}-slices {q['ingest_to_raw_sliced']}, "
                  f"raw-in-slices/raw {q['raw_sliced_to_raw']}, raw/ingest CPU seconds {q['ingest_to_raw_cpu']}, "
                  f"ingest/its own encoder alone {q.get('ingest_to_encoder')}, own encoder/raw {q.get('encoder_to_raw')}"]
        for i, rnd in enumerate(q["rounds"], 1):
            kinds = [k for k in ("ingest", "raw", "raw_sliced", "encoder") if k in rnd]
            lines.append(f"  round {i}: " + ", ".join(f"{k} {rnd[k]['chunks_per_s']:.1f}/s" for k in kinds)
                         + f" (load {rnd['loadavg']:.1f})")
    lines += ["", "| index | dense search p50 ms | BM25 p50 ms | vocabulary | `_idf_max` ms | `_idf_max` per question |",
              "| --- | --- | --- | --- | --- | --- |"]
    for label, pr in f["per_query_probe"].items():
        lines.append(f"| {label} | {pr['dense_ms_p50']} | {pr['bm25_ms_p50']} | {pr.get('vocabulary', '')} | "
                     f"{pr.get('idf_max_ms', '')} | {pr.get('idf_max_per_question', '')} |")
    lines += ["", "Chroma's HNSW against exact search, per index: "
              + "; ".join(f"{k} recall@30 {v['recall@30']}, exact top-1 {v['top1_exact']}"
                          for k, v in f["dense_recall_vs_exact"].items())]
    lines += ["", "chunks whose unit vectors differ from the full index's (indexes built from cached vectors): "
              + ", ".join(f"{k} {v}" for k, v in f["cached_unit_vectors_differing"].items())]
    r = f["p95_ratio_full_to_smallest"]
    lines += ["", f"p95 full / {r['smallest']} (median of per-round ratios): ask {r['ask']}, retrieve {r['retrieve']}"]
    for label, g in f["golden"].items():
        lines.append(f"golden on {label}: recall@{TOP_K} {g.get(f'recall@{TOP_K}')}, accuracy {g.get('accuracy')}, "
                     f"refusal accuracy {g.get('refusal_accuracy')}, n {g['n']}")
    return "\n".join(lines)
