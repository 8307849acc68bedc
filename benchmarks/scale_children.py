"""The scale benchmark's child processes: one ingest, or raw encoding of an index's chunk texts, each
in a fresh interpreter whose RSS and CPU time are its own; and the rounds that compare the two."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from benchmarks.scale_corpus import subset_files
from benchmarks.scale_encoders import CachedEmbedder, TimedEmbedder

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(__file__).resolve().with_name("scale.py")  # children re-run the benchmark's entry point


def child_ingest(args) -> None:
    """Ingest the listed files into `--data-dir` and print what it took as one JSON line."""
    import ingest.index as index
    from ingest.embedder import MiniLMEmbedder
    from ingest.index import IngestOptions

    phases = {"load": 0.0, "chunk": 0.0, "encode_and_store": 0.0, "bm25": 0.0, "chunk_table": 0.0}

    @contextmanager
    def timing(name):
        started = time.perf_counter()
        try:
            yield
        finally:
            phases[name] += time.perf_counter() - started

    def timed(name, fn):
        def wrapper(*a, **kw):
            with timing(name):
                return fn(*a, **kw)
        return wrapper

    class TimedLexical(index.LexicalIndex):
        @classmethod
        def build(cls, texts):
            with timing("bm25"):
                return super().build(texts)

        def save(self, directory):
            with timing("bm25"):
                return super().save(directory)

    index.load_document = timed("load", index.load_document)
    index.chunk_document = timed("chunk", index.chunk_document)
    index.embed_and_add = timed("encode_and_store", index.embed_and_add)
    index.write_chunks = timed("chunk_table", index.write_chunks)
    index.LexicalIndex = TimedLexical

    started = time.perf_counter()
    if args.vectors:
        inner = CachedEmbedder(Path(args.vectors))
    else:
        inner = MiniLMEmbedder(args.embed_batch)
        inner.encode(["warm up"])  # model load is not ingest throughput; reported apart
    model_load = time.perf_counter() - started
    embedder = TimedEmbedder(inner, Path(args.progress) if args.progress else None)
    files = Path(args.files).read_text(encoding="utf-8").splitlines()
    options = IngestOptions(
        data_dir=Path(args.data_dir),
        chroma_url=args.chroma_url or None,
        collection_prefix=args.prefix,
        batch_size=args.ingest_batch or IngestOptions.batch_size,
        progress=False,
    )
    cpu = cpu_seconds()
    report = index.ingest(files, embedder, options)
    cpu = cpu_seconds() - cpu
    phases["encode"] = embedder.seconds
    phases["store"] = phases.pop("encode_and_store") - embedder.seconds
    print(json.dumps({
        "files": len(files), "documents": report.documents, "chunks": report.total_chunks,
        "chunks_embedded": report.chunks_embedded, "skipped": len(report.skipped),
        "seconds": report.seconds, "cpu_s": cpu, "model_load_s": model_load, "phases": phases,
        "vmhwm_mb": vm("VmHWM"),
    }))


def child_encode(args) -> None:
    """Raw `SentenceTransformer.encode` over the chunk texts of an index, as one JSON line.

    With --own, the encoder as ingest calls it instead: `MiniLMEmbedder.encode_with_spans` (token
    ordered batches, the units' vectors pooled from the same pass) in windows of --slice chunks.
    """
    from ingest.embedder import MiniLMEmbedder
    from ingest.snapshot import read_chunks
    from ingest.unit_vectors import unit_spans

    chunks = read_chunks(Path(args.chunks))[:: args.stride]
    texts = [c.embedding_text() for c in chunks]
    spans = [[(b, e) for _, b, e in unit_spans(c)] for c in chunks] if args.own else None
    embedder = MiniLMEmbedder(args.embed_batch)
    model = embedder.model
    model.encode(["warm up"])
    step = args.slice or len(texts)  # --slice N: N texts per call, as ingest hands them over
    started, cpu = time.perf_counter(), cpu_seconds()
    for start in range(0, len(texts), step):
        if args.own:
            embedder.encode_with_spans(texts[start : start + step], spans[start : start + step])
        else:
            model.encode(texts[start : start + step], batch_size=args.embed_batch, normalize_embeddings=True,
                         convert_to_numpy=True, show_progress_bar=False)
    print(json.dumps({"chunks": len(texts), "seconds": time.perf_counter() - started, "cpu_s": cpu_seconds() - cpu,
                      "vmhwm_mb": vm("VmHWM")}))


def cpu_seconds() -> float:
    """User + system CPU time of this process, all threads."""
    times = os.times()
    return times.user + times.system


def load_summary(loads: list[float]) -> dict:
    """Mean, min and max of the 1-minute load average sampled while something ran."""
    loads = loads or [os.getloadavg()[0]]
    return {"mean": round(statistics.fmean(loads), 1), "min": round(min(loads), 1), "max": round(max(loads), 1)}


def vm(field: str, pid: int | str = "self") -> float | None:
    """A /proc/PID/status memory figure in MB (VmRSS, VmHWM), None when the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            return next(int(line.split()[1]) / 1024 for line in fh if line.startswith(field + ":"))
    except (OSError, StopIteration):
        return None


def run_child(mode: str, out: Path, name: str, **options) -> dict:
    """Run this script in `mode` in a fresh interpreter, sampling its RSS; returns its JSON plus samples."""
    progress = out / f"{name}.progress"
    progress.unlink(missing_ok=True)
    cmd = [sys.executable, str(SCRIPT), mode, "--progress", str(progress)]
    for key, value in options.items():
        if value is True:
            cmd.append(f"--{key.replace('_', '-')}")
        elif value is not None and value is not False:
            cmd += [f"--{key.replace('_', '-')}", str(value)]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
    log = open(out / f"{name}.log", "w")
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=log, text=True)
    samples, loads = [], []
    while proc.poll() is None:
        loads.append(os.getloadavg()[0])
        rss = vm("VmRSS", proc.pid)
        done = progress.read_text() if progress.exists() else "0"
        if rss is not None:
            samples.append((round(time.perf_counter() - started, 1), round(rss), int(done or 0)))
        time.sleep(1.0)
    stdout = proc.stdout.read()
    log.close()
    if proc.returncode:
        raise SystemExit(f"{name} failed ({proc.returncode}); see {out / (name + '.log')}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["rss_samples"] = samples
    result["loadavg"] = load_summary(loads)
    return result


def rss_profile(samples: list, total: int) -> dict:
    """RSS when a quarter, half, three quarters and all of the chunks were encoded, and the slope."""
    marks = {}
    for share in (0.25, 0.5, 0.75, 1.0):
        hit = next((rss for _, rss, done in samples if done >= share * total), None)
        marks[f"at_{int(share * 100)}pct_mb"] = hit
    lo, hi = marks["at_25pct_mb"], marks["at_100pct_mb"]
    marks["mb_per_1k_chunks_25_to_100pct"] = round((hi - lo) / (0.75 * total / 1000), 1) if lo and hi else None
    return marks


def ratio_rounds(out: Path, full_dir: Path, args) -> dict:
    """Ingest vs raw encoding of the same chunks, run back to back in rotating order, `rounds` times.

    Each round runs four children on one subset: `ingest`; raw `SentenceTransformer.encode` of its
    chunk texts in one call (it orders all texts by character count); the same in slices of
    IngestOptions.batch_size; and ingest's own encoder alone (`encode_with_spans`, token-ordered, in
    those slices), whose ratio to ingest is what ingest costs besides encoding. Ratios are taken
    within a round, so load that drifts over the minutes of a run hits both sides of each alike.
    """
    from ingest.index import IngestOptions
    from ingest.snapshot import CHUNKS_FILE, read_chunks, write_chunks
    from ingest.state import load_state

    picked, total = subset_files(full_dir, args.ratio_chunks, seed=1)
    files = out / "files-ratio.txt"
    files.write_text("\n".join(picked), encoding="utf-8")
    chunks = out / "ratio-chunks.jsonl"
    wanted = set(picked)
    table = load_state(full_dir).generation_dir(full_dir) / CHUNKS_FILE
    write_chunks(chunks, (c for c in read_chunks(table) if c.source in wanted))
    batch = args.ingest_batch or IngestOptions.batch_size
    kinds = ["ingest", "raw", "raw_sliced", "encoder"]
    rounds = []
    for i in range(args.ratio_rounds):
        result = {}
        for kind in kinds[i % len(kinds) :] + kinds[: i % len(kinds)]:
            if kind == "ingest":
                data_dir = out / "ratio-index"
                shutil.rmtree(data_dir, ignore_errors=True)
                r = run_child("ingest-child", out, "ratio-ingest", files=files, data_dir=data_dir, prefix="ratio",
                              embed_batch=args.embed_batch, ingest_batch=args.ingest_batch)
                result[kind] = {"chunks_per_s": r["chunks_embedded"] / r["seconds"], "cpu_s": r["cpu_s"],
                                "encode_share": r["phases"]["encode"] / r["seconds"]}
            else:
                r = run_child("encode-child", out, f"ratio-{kind}", chunks=chunks, embed_batch=args.embed_batch,
                              slice=batch if kind != "raw" else None, own=kind == "encoder")
                result[kind] = {"chunks_per_s": r["chunks"] / r["seconds"], "cpu_s": r["cpu_s"]}
        result["loadavg"] = os.getloadavg()[0]
        rounds.append(result)
        print(f"ratio round {i + 1}: " + ", ".join(f"{k} {result[k]['chunks_per_s']:.1f}/s" for k in kinds), flush=True)

    def median_ratio(a: str, b: str) -> float:
        return round(statistics.median(r[a]["chunks_per_s"] / r[b]["chunks_per_s"] for r in rounds), 3)

    return {
        "files": len(picked), "chunks": total, "batch": batch, "rounds": rounds,
        "ingest_to_raw": median_ratio("ingest", "raw"),
        "ingest_to_raw_sliced": median_ratio("ingest", "raw_sliced"),
        "raw_sliced_to_raw": median_ratio("raw_sliced", "raw"),
        "ingest_to_encoder": median_ratio("ingest", "encoder"),
        "encoder_to_raw": median_ratio("encoder", "raw"),
        "ingest_to_raw_cpu": round(statistics.median(r["raw"]["cpu_s"] / r["ingest"]["cpu_s"] for r in rounds), 3),
    }
