"""Docent at scale: the Python 3.11 and Django documentation Debian ships, ingested and queried.

One run measures, on the same machine and in the same minutes:
- ingest of the whole corpus through `ingest()` with the packaged MiniLM (what `docent ingest` does,
  including the answer units' vectors pooled from each chunk's pass): chunks/s, beside raw
  `SentenceTransformer.encode` over the very same chunk texts, and their ratio;
  where ingest's time goes (load, chunk, encode, store, BM25); peak RSS and RSS as chunks accrue;
  the index's size on disk;
- query latency, p50/p95 of `Assistant.ask` and of retrieval alone, at about 1k and 5k chunks and
  at full size, over one fixed question set; rounds are interleaved across sizes, so drift in the
  machine's load hits every size alike;
- the same queries against a `chroma run` server (started and stopped here): top-5 ids compared
  per question with the embedded store's, latencies side by side; and each store's HNSW search
  against exact cosine search over the same vectors;
- recall@5 and answer accuracy of the golden set on the full index.

The 1k/5k subsets and the server's indexes reuse the full run's vectors, chunks' and units' (a
cached encoder), so their ingests measure loading and storing, not MiniLM again. Each ingest runs in a child process,
so its peak RSS is its own. It does not change the code it measures. Its parts sit beside it:
`scale_corpus` (the documents), `scale_encoders` (timed and cached encoders), `scale_children`
(ingest and raw encoding in child processes), `scale_stores` (what is read off an index, the
Chroma server), `scale_queries` (latencies and search probes), `scale_report` (the tables).

    HF_HUB_OFFLINE=1 python benchmarks/scale.py --out /tmp/docent-scale            # full (long)
    HF_HUB_OFFLINE=1 python benchmarks/scale.py --out /tmp/scale-quick --max-files 60 --sizes 300,1000
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable from a checkout without installing

from benchmarks.scale_children import child_encode, child_ingest, ratio_rounds, rss_profile, run_child  # noqa: E402
from benchmarks.scale_corpus import corpus_files, ensure_docs, fold, subset_files  # noqa: E402
from benchmarks.scale_queries import TOP_K, dense_recall, latency_summary, p95_ratio, per_query_probe, time_queries  # noqa: E402
from benchmarks.scale_report import report  # noqa: E402
from benchmarks.scale_stores import chroma_server, disk_mb, export_vectors, units_differing  # noqa: E402

DEFAULT_GOLDEN = ROOT / "benchmarks" / "golden" / "python_docs.jsonl"


def step(out: Path, name: str, reuse: bool, fn):
    """Run `fn` once and keep its JSON under OUT/steps; with --reuse, a kept result is used as is."""
    path = out / "steps" / f"{name}.json"
    if reuse and path.exists():
        return json.loads(path.read_text())
    result = fn()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=1))
    return result


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.mode == "ingest-child":
        child_ingest(args)
        return 0
    if args.mode == "encode-child":
        child_encode(args)
        return 0

    from assistant.evaluate.metrics import compute_metrics
    from assistant.factory import build_assistant
    from assistant.golden import load_golden
    from docent.settings import Settings
    from ingest.snapshot import CHUNKS_FILE, read_chunks
    from ingest.state import load_state

    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    rows = load_golden(args.golden)
    roots = ensure_docs(install=not args.no_install)
    files = corpus_files(roots, args.max_files)
    (out / "files-full.txt").write_text("\n".join(map(str, files)), encoding="utf-8")
    full_dir = out / "embedded-full"
    print(f"corpus: {len(files)} files under {', '.join(map(str, roots))}", flush=True)

    # 1. The full ingest with the real encoder, then raw encoding of the same chunk texts.
    if not args.reuse:
        shutil.rmtree(full_dir, ignore_errors=True)
    ingest_full = step(out, "ingest-full", args.reuse, lambda: run_child(
        "ingest-child", out, "ingest-full", files=out / "files-full.txt", data_dir=full_dir, prefix="scale",
        embed_batch=args.embed_batch, ingest_batch=args.ingest_batch))
    total = ingest_full["chunks"]
    print(f"ingested {total} chunks in {ingest_full['seconds']:.0f} s", flush=True)
    chunks_file = load_state(full_dir).generation_dir(full_dir) / CHUNKS_FILE
    raw = step(out, "raw-encode", args.reuse, lambda: run_child(
        "encode-child", out, "raw-encode", chunks=chunks_file, stride=args.encode_stride, embed_batch=args.embed_batch))
    vectors = out / "vectors.npz"
    if not vectors.exists() or not args.reuse:
        (out / "steps" / "vectors.json").write_text(json.dumps(export_vectors(full_dir, vectors)))
    exported = json.loads((out / "steps" / "vectors.json").read_text())
    ratio = step(out, "ratio-rounds", args.reuse, lambda: ratio_rounds(out, full_dir, args)) if args.ratio_rounds else None

    # What ingest holds without the model (the same files, cached vectors), and a no-change re-ingest
    # of the full corpus (what `docent chat` runs at every start).
    def cached_full():
        shutil.rmtree(out / "embedded-full-cached", ignore_errors=True)
        return run_child("ingest-child", out, "ingest-full-cached", files=out / "files-full.txt",
                         data_dir=out / "embedded-full-cached", prefix="scalecached", vectors=vectors)

    store_only = step(out, "ingest-full-cached", args.reuse, cached_full)
    unchanged = step(out, "reingest-unchanged", args.reuse, lambda: run_child(
        "ingest-child", out, "reingest-unchanged", files=out / "files-full.txt", data_dir=full_dir, prefix="scale",
        vectors=vectors))

    # 2. Subsets at about 1k and 5k chunks (cached vectors), embedded and, optionally, on a server.
    labels = {"full": {"data_dir": full_dir, "url": None, "prefix": "scale", "files": out / "files-full.txt"}}
    subset_ingests = {}
    for target in args.sizes:
        if target >= total:
            continue
        picked, n = subset_files(full_dir, target)
        label = f"{n // 100 / 10:g}k" if n >= 1000 else str(n)
        (out / f"files-{target}.txt").write_text("\n".join(picked), encoding="utf-8")
        data_dir = out / f"embedded-{target}"
        if not args.reuse:
            shutil.rmtree(data_dir, ignore_errors=True)
        subset_ingests[label] = step(out, f"ingest-{target}", args.reuse, lambda: run_child(
            "ingest-child", out, f"ingest-{target}", files=out / f"files-{target}.txt", data_dir=data_dir,
            prefix=f"scale{target}", vectors=vectors))
        labels[label] = {"data_dir": data_dir, "url": None, "prefix": f"scale{target}", "files": out / f"files-{target}.txt"}
    labels = dict(sorted(labels.items(), key=lambda kv: load_state(kv[1]["data_dir"]).chunks))

    server_ingests = {}
    with contextlib.ExitStack() as stack:
        if args.chroma_server:
            server_path = out / "chroma-server"
            shutil.rmtree(server_path, ignore_errors=True)
            url = stack.enter_context(chroma_server(server_path, out / "chroma-server.log"))
            for label, index in list(labels.items()):
                server = {"data_dir": out / f"server-{label}", "url": url, "prefix": "srv" + index["prefix"],
                          "files": index["files"]}
                shutil.rmtree(server["data_dir"], ignore_errors=True)
                server_ingests[label] = run_child(
                    "ingest-child", out, f"ingest-server-{label}", files=server["files"], data_dir=server["data_dir"],
                    prefix=server["prefix"], vectors=vectors, chroma_url=url)
                labels[f"server {label}"] = server

        # 3. Queries: every index answers every question, rounds interleaved.
        assistants = {}
        for label, index in labels.items():
            settings = Settings(data_dir=index["data_dir"], chroma_url=index["url"], collection_prefix=index["prefix"])
            assistants[label] = build_assistant(settings)
        timings = time_queries(assistants, rows, args.rounds)
        probes = {label: per_query_probe(a, rows) for label, a in assistants.items() if not label.startswith("server ")}
        hnsw = dense_recall(assistants, rows)
        server_disk = round(sum(p.stat().st_size for p in (out / "chroma-server").rglob("*") if p.is_file()) / 1e6, 1) \
            if args.chroma_server else None

    # 4. Figures.
    sizes = {label: load_state(index["data_dir"]).chunks for label, index in labels.items()}
    latency = {label: latency_summary(t) for label, t in timings.items()}
    embedded = [label for label in labels if not label.startswith("server ")]
    smallest = embedded[0]
    folded = [fold(c.text) for c in read_chunks(chunks_file)]
    evidence = [fold(ev) for row in rows for ev in row.evidence]
    evidence_indexed = sum(1 for ev in evidence if any(ev in text for text in folded))
    figures = {
        "machine": {"cpus": os.cpu_count(), "loadavg_end": os.getloadavg()},
        "corpus": {"roots": list(map(str, roots)), "files": len(files), "documents": ingest_full["documents"],
                   "chunks": total, "skipped": ingest_full["skipped"]},
        "ingest": {
            "seconds": round(ingest_full["seconds"], 1),
            "chunks_per_s": round(ingest_full["chunks_embedded"] / ingest_full["seconds"], 1),
            "raw_encode_chunks": raw["chunks"], "raw_encode_seconds": round(raw["seconds"], 1),
            "raw_encode_chunks_per_s": round(raw["chunks"] / raw["seconds"], 1),
            "ratio_to_raw_encode": round((ingest_full["chunks_embedded"] / ingest_full["seconds"]) /
                                         (raw["chunks"] / raw["seconds"]), 3),
            "encode_share_of_ingest": round(ingest_full["phases"]["encode"] / ingest_full["seconds"], 3),
            "phases_s": {k: round(v, 1) for k, v in ingest_full["phases"].items()},
            "model_load_s": round(ingest_full["model_load_s"], 1),
            "units": exported["units"], "unit_vectors_stored": exported["unit_vectors"],
            "cpu_s": round(ingest_full["cpu_s"], 1), "raw_encode_cpu_s": round(raw["cpu_s"], 1),
            "loadavg": ingest_full.get("loadavg"), "raw_encode_loadavg": raw.get("loadavg"),
            "peak_rss_mb": round(ingest_full["vmhwm_mb"]),
            "raw_encode_peak_rss_mb": round(raw["vmhwm_mb"]),
            "rss": rss_profile(ingest_full["rss_samples"], ingest_full["chunks_embedded"]),
        },
        "ratio_rounds": ratio,
        "store_only_ingest": {"seconds": round(store_only["seconds"], 1), "peak_rss_mb": round(store_only["vmhwm_mb"]),
                              "phases_s": {k: round(v, 1) for k, v in store_only["phases"].items()},
                              "rss": rss_profile(store_only["rss_samples"], store_only["chunks_embedded"])},
        "unchanged_reingest_s": round(unchanged["seconds"], 1),
        "per_query_probe": probes,
        "dense_recall_vs_exact": hnsw,
        "subset_ingests": {k: {"chunks": v["chunks"], "seconds": round(v["seconds"], 1), "peak_rss_mb": round(v["vmhwm_mb"])}
                           for k, v in subset_ingests.items()},
        "cached_unit_vectors_differing": {label: units_differing(full_dir, labels[label]["data_dir"])
                                          for label in labels if label != "full"},
        "server_ingests": {k: {"chunks": v["chunks"], "seconds": round(v["seconds"], 1)} for k, v in server_ingests.items()},
        "disk_mb": {label: disk_mb(labels[label]["data_dir"]) for label in embedded},
        "server_disk_mb": server_disk,
        "sizes": sizes,
        "latency_ms": latency,
        "p95_ratio_full_to_smallest": {
            "smallest": smallest,
            "ask": p95_ratio(latency["full"], latency[smallest], "ask"),
            "retrieve": p95_ratio(latency["full"], latency[smallest], "retrieve"),
        },
        "golden": {label: compute_metrics(rows, timings[label]["results"], TOP_K)["overall"]
                   for label in labels if label.endswith("full")},
        "evidence_in_one_chunk": f"{evidence_indexed}/{len(evidence)}",
    }
    if args.chroma_server:
        figures["server_vs_embedded_top5"] = {
            label: sum(timings[label]["top5"][q] == timings[f"server {label}"]["top5"][q] for q in timings[label]["top5"])
            for label in embedded
        }
        figures["questions"] = len(rows)
        figures["top5_differing"] = {
            label: [q for q in timings[label]["top5"] if timings[label]["top5"][q] != timings[f"server {label}"]["top5"][q]]
            for label in embedded
        }
    (out / "scale.json").write_text(json.dumps(figures, indent=1))
    print(report(figures))
    print(f"\nfigures: {out / 'scale.json'}")
    return 0


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", nargs="?", default="run", choices=["run", "ingest-child", "encode-child"],
                        help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=Path("/tmp/docent-scale"), help="work and result dir")
    parser.add_argument("--max-files", type=int, default=0, help="ingest an even spread of this many files (0: all)")
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",") if x], default=[1000, 5000],
                        help="subset sizes in chunks, besides the full corpus (default 1000,5000)")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over the questions per index")
    parser.add_argument("--golden", type=Path, default=DEFAULT_GOLDEN, help="the question set (golden JSONL)")
    parser.add_argument("--no-chroma-server", dest="chroma_server", action="store_false",
                        help="skip the `chroma run` comparison")
    parser.add_argument("--encode-stride", type=int, default=1, help="raw-encode every Nth chunk (1: all)")
    parser.add_argument("--embed-batch", type=int, default=64, help="encoder batch size (DOCENT_EMBED_BATCH_SIZE)")
    parser.add_argument("--ingest-batch", type=int, default=0, help="IngestOptions.batch_size (0: its default)")
    parser.add_argument("--ratio-rounds", type=int, default=3,
                        help="rounds of (ingest, raw encode, raw encode in ingest-sized slices) on a subset (0: skip)")
    parser.add_argument("--ratio-chunks", type=int, default=3000, help="size of that subset in chunks")
    parser.add_argument("--reuse", action="store_true", help="keep indexes and step results already under --out")
    parser.add_argument("--no-install", action="store_true", help="never run apt-get")
    # child options
    for name in ("files", "data-dir", "prefix", "vectors", "chroma-url", "progress", "chunks"):
        parser.add_argument(f"--{name}", help=argparse.SUPPRESS)
    parser.add_argument("--stride", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--slice", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--own", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
