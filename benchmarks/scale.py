"""Docent at scale: the Python 3.11 and Django documentation Debian ships, ingested and queried.

One run measures, on the same machine and in the same minutes:
- ingest of the whole corpus through `ingest()` with the packaged MiniLM (what `docent ingest` does):
  chunks/s, beside raw `SentenceTransformer.encode` over the very same chunk texts, and their ratio;
  where ingest's time goes (load, chunk, encode, store, BM25); peak RSS and RSS as chunks accrue;
  the index's size on disk;
- query latency, p50/p95 of `Assistant.ask` and of retrieval alone, at about 1k and 5k chunks and
  at full size, over one fixed question set; rounds are interleaved across sizes, so drift in the
  machine's load hits every size alike;
- the same queries against a `chroma run` server (started and stopped here): top-5 ids compared
  per question with the embedded store's, latencies side by side;
- recall@5 and answer accuracy of the golden set on the full index.

The 1k/5k subsets and the server's indexes reuse the full run's vectors (a cached encoder), so
their ingests measure loading and storing, not MiniLM again. Each ingest runs in a child process,
so its peak RSS is its own. It does not change the code it measures.

    HF_HUB_OFFLINE=1 python benchmarks/scale.py --out /tmp/docent-scale            # full (long)
    HF_HUB_OFFLINE=1 python benchmarks/scale.py --out /tmp/scale-quick --max-files 60 --sizes 300,1000
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable from a checkout without installing

DEBIAN_DOCS = {  # apt package → where it puts its HTML
    "python3.11-doc": Path("/usr/share/doc/python3.11/html"),
    "python-django-doc": Path("/usr/share/doc/python-django-doc/html"),
}
DEFAULT_GOLDEN = ROOT / "benchmarks" / "golden" / "python_docs.jsonl"
TOP_K = 5


# --- the corpus ------------------------------------------------------------------------------


def ensure_docs(install: bool) -> list[Path]:
    """The HTML dirs of the Debian doc packages, installing the packages with apt-get when missing."""
    missing = [pkg for pkg, path in DEBIAN_DOCS.items() if not path.is_dir()]
    if missing and install:
        print(f"installing {' '.join(missing)} with apt-get", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        cmd = ["apt-get", "install", "-y", "-q", *missing]
        if subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL).returncode:
            subprocess.run(["apt-get", "update", "-q"], env=env, stdout=subprocess.DEVNULL, check=True)
            subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=True)
        missing = [pkg for pkg, path in DEBIAN_DOCS.items() if not path.is_dir()]
    if missing:
        raise SystemExit(f"missing {', '.join(missing)}: run `apt-get install {' '.join(missing)}` (as root)")
    return list(DEBIAN_DOCS.values())


def corpus_files(roots: list[Path], max_files: int) -> list[Path]:
    """Every file `docent ingest ROOTS` would read; with `max_files`, an even spread of them."""
    from ingest.loaders import discover

    files, _ = discover(roots)
    if max_files and len(files) > max_files:
        step = len(files) / max_files
        files = [files[int(i * step)] for i in range(max_files)]
    return files


def subset_files(data_dir: Path, target_chunks: int, seed: int = 0) -> tuple[list[str], int]:
    """Files of the full index in a fixed shuffled order, until they hold `target_chunks` chunks."""
    from ingest.state import load_state

    state = load_state(data_dir)
    sources = sorted(state.files)
    random.Random(seed).shuffle(sources)
    picked, total = [], 0
    for source in sources:
        if total >= target_chunks:
            break
        picked.append(source)
        total += len(state.files[source].chunk_ids)
    return picked, total


# --- child processes: one ingest, or raw encoding -------------------------------------------


class TimedEmbedder:
    """Wraps an encoder: counts and times `encode`, and writes progress for the RSS sampler."""

    def __init__(self, inner, progress: Path | None) -> None:
        self.inner, self.name, self.progress = inner, inner.name, progress
        self.seconds, self.texts = 0.0, 0

    def encode(self, texts):
        started = time.perf_counter()
        out = self.inner.encode(texts)
        self.seconds += time.perf_counter() - started
        self.texts += len(texts)
        if self.progress:
            self.progress.write_text(str(self.texts))
        return out


class CachedEmbedder:
    """Vectors the full run already computed, looked up by text: same vectors, no model."""

    name = "all-MiniLM-L6-v2"  # what MiniLMEmbedder calls itself, so the index recipe matches

    def __init__(self, path: Path) -> None:
        import numpy as np

        data = np.load(path)
        self.vectors = data["vectors"]
        self.row = {key: i for i, key in enumerate(data["keys"].tolist())}

    def encode(self, texts):
        return self.vectors[[self.row[text_key(t)] for t in texts]]


def fold(text: str) -> str:
    """Casefolded with whitespace runs folded, as the golden set's evidence match does."""
    return " ".join(text.casefold().split())


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def child_ingest(args) -> None:
    """Ingest the listed files into `--data-dir` and print what it took as one JSON line."""
    import ingest.index as index
    from ingest.embedder import MiniLMEmbedder
    from ingest.index import IngestOptions

    phases = {"load": 0.0, "chunk": 0.0, "encode_and_store": 0.0, "bm25": 0.0, "chunk_table": 0.0}

    def timed(name, fn):
        def wrapper(*a, **kw):
            started = time.perf_counter()
            try:
                return fn(*a, **kw)
            finally:
                phases[name] += time.perf_counter() - started
        return wrapper

    class TimedLexical(index.LexicalIndex):
        @classmethod
        def build(cls, texts):
            started = time.perf_counter()
            try:
                return super().build(texts)
            finally:
                phases["bm25"] += time.perf_counter() - started

        def save(self, directory):
            started = time.perf_counter()
            try:
                return super().save(directory)
            finally:
                phases["bm25"] += time.perf_counter() - started

    index.load_document = timed("load", index.load_document)
    index.chunk_document = timed("chunk", index.chunk_document)
    index._embed_and_add = timed("encode_and_store", index._embed_and_add)
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
    report = index.ingest(files, embedder, options)
    phases["encode"] = embedder.seconds
    phases["store"] = phases.pop("encode_and_store") - embedder.seconds
    print(json.dumps({
        "files": len(files), "documents": report.documents, "chunks": report.total_chunks,
        "chunks_embedded": report.chunks_embedded, "skipped": len(report.skipped),
        "seconds": report.seconds, "model_load_s": model_load, "phases": phases, "vmhwm_mb": vm("VmHWM"),
    }))


def child_encode(args) -> None:
    """Raw `SentenceTransformer.encode` over the chunk texts of an index, as one JSON line."""
    from ingest.embedder import load_model
    from ingest.snapshot import read_chunks

    texts = [c.embedding_text() for c in read_chunks(Path(args.chunks))][:: args.stride]
    model = load_model()
    model.encode(["warm up"])
    started = time.perf_counter()
    model.encode(texts, batch_size=args.embed_batch, normalize_embeddings=True, convert_to_numpy=True,
                 show_progress_bar=False)
    print(json.dumps({"chunks": len(texts), "seconds": time.perf_counter() - started, "vmhwm_mb": vm("VmHWM")}))


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
    cmd = [sys.executable, str(Path(__file__).resolve()), mode, "--progress", str(progress)]
    for key, value in options.items():
        if value is not None:
            cmd += [f"--{key.replace('_', '-')}", str(value)]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
    log = open(out / f"{name}.log", "w")
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=log, text=True)
    samples = []
    while proc.poll() is None:
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
    return result


# --- steps of the parent ---------------------------------------------------------------------


def step(out: Path, name: str, reuse: bool, fn):
    """Run `fn` once and keep its JSON under OUT/steps; with --reuse, a kept result is used as is."""
    path = out / "steps" / f"{name}.json"
    if reuse and path.exists():
        return json.loads(path.read_text())
    result = fn()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=1))
    return result


def export_vectors(data_dir: Path, path: Path) -> int:
    """Save every (embedding text, vector) of an index for the cached encoder; returns how many."""
    import numpy as np

    from ingest.snapshot import IndexSnapshot

    snapshot = IndexSnapshot.open(data_dir)
    keys, vectors = [], []
    for start in range(0, len(snapshot.chunks), 2000):
        batch = snapshot.chunks[start : start + 2000]
        got = snapshot.collection.get(ids=[c.id for c in batch], include=["embeddings"])
        by_id = dict(zip(got["ids"], got["embeddings"]))
        keys += [text_key(c.embedding_text()) for c in batch]
        vectors += [by_id[c.id] for c in batch]
    np.savez(path, keys=np.array(keys), vectors=np.asarray(vectors, dtype=np.float32))
    return len(keys)


def disk_mb(data_dir: Path) -> dict:
    """Sizes of an index's parts on disk, in MB."""
    from ingest.snapshot import BM25_DIR, CHUNKS_FILE
    from ingest.state import load_state

    def size(path: Path) -> float:
        if path.is_file():
            return path.stat().st_size / 1e6
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6 if path.exists() else 0.0

    gen = load_state(data_dir).generation_dir(data_dir)
    parts = {"chroma": size(data_dir / "chroma"), "chunk_table": size(gen / CHUNKS_FILE), "bm25": size(gen / BM25_DIR)}
    parts["total"] = size(data_dir)
    return {k: round(v, 1) for k, v in parts.items()}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def chroma_server(path: Path, log: Path):
    """`chroma run --path PATH` on 127.0.0.1 and a free port; yields its URL; always stops it."""
    import urllib.request

    exe = Path(sys.executable).parent / "chroma"
    port = free_port()
    cmd = [str(exe if exe.exists() else "chroma"), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)]
    with open(log, "w") as fh:
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(url + "/api/v2/heartbeat", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"chroma server did not start; see {log}")
                time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def time_queries(assistants: dict, rows, rounds: int) -> dict:
    """Per index label: ask and retrieve latencies over `rounds` interleaved passes, top-5 ids, results."""
    out = {label: {"ask_ms": [], "retrieve_ms": [], "rounds": [], "top5": {}, "results": []} for label in assistants}
    for label, assistant in assistants.items():  # untimed: opens Chroma's segments, loads the encoder
        for row in rows:
            assistant.ask(row.question, [t.model_dump() for t in row.history])
    labels = list(assistants)
    for r in range(rounds):
        for label in labels[r % len(labels):] + labels[: r % len(labels)]:  # rotate who goes first
            assistant, this_round = assistants[label], {"ask_ms": [], "retrieve_ms": []}
            for row in rows:
                history = [t.model_dump() for t in row.history]
                started = time.perf_counter()
                answer = assistant.ask(row.question, history)
                asked = time.perf_counter()
                assistant.retriever.retrieve(answer.standalone_question, TOP_K)
                this_round["ask_ms"].append((asked - started) * 1000)
                this_round["retrieve_ms"].append((time.perf_counter() - asked) * 1000)
                if r == 0:
                    out[label]["top5"][row.id] = [h.chunk.id for h in answer.contexts[:TOP_K]]
                    out[label]["results"].append({"id": row.id, **answer.to_json()})
            out[label]["rounds"].append(this_round)
            out[label]["ask_ms"] += this_round["ask_ms"]
            out[label]["retrieve_ms"] += this_round["retrieve_ms"]
    return out


def pct(values, q: float) -> float:
    from assistant.evaluate.metrics import percentile

    return round(percentile(values, q), 1)


def latency_summary(timing: dict) -> dict:
    """p50/p95 over every sample, and the per-round p95s (whose median the ratios use)."""
    return {
        "n": len(timing["ask_ms"]),
        "ask_p50": pct(timing["ask_ms"], 50), "ask_p95": pct(timing["ask_ms"], 95),
        "retrieve_p50": pct(timing["retrieve_ms"], 50), "retrieve_p95": pct(timing["retrieve_ms"], 95),
        "ask_p95_by_round": [pct(r["ask_ms"], 95) for r in timing["rounds"]],
        "retrieve_p95_by_round": [pct(r["retrieve_ms"], 95) for r in timing["rounds"]],
    }


def p95_ratio(big: dict, small: dict, key: str) -> float:
    """Median over rounds of p95(big)/p95(small), each pair measured in the same round."""
    pairs = zip(big[f"{key}_p95_by_round"], small[f"{key}_p95_by_round"])
    return round(statistics.median(b / s for b, s in pairs), 2)


def rss_profile(samples: list, total: int) -> dict:
    """RSS when a quarter, half, three quarters and all of the chunks were encoded, and the slope."""
    marks = {}
    for share in (0.25, 0.5, 0.75, 1.0):
        hit = next((rss for _, rss, done in samples if done >= share * total), None)
        marks[f"at_{int(share * 100)}pct_mb"] = hit
    lo, hi = marks["at_25pct_mb"], marks["at_100pct_mb"]
    marks["mb_per_1k_chunks_25_to_100pct"] = round((hi - lo) / (0.75 * total / 1000), 1) if lo and hi else None
    return marks


# --- the run ---------------------------------------------------------------------------------


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
        export_vectors(full_dir, vectors)

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
            "peak_rss_mb": round(ingest_full["vmhwm_mb"]),
            "raw_encode_peak_rss_mb": round(raw["vmhwm_mb"]),
            "rss": rss_profile(ingest_full["rss_samples"], ingest_full["chunks_embedded"]),
        },
        "subset_ingests": {k: {"chunks": v["chunks"], "seconds": round(v["seconds"], 1), "peak_rss_mb": round(v["vmhwm_mb"])}
                           for k, v in subset_ingests.items()},
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
    (out / "scale.json").write_text(json.dumps(figures, indent=1))
    print(report(figures))
    print(f"\nfigures: {out / 'scale.json'}")
    return 0


def report(f: dict) -> str:
    """Markdown tables of the headline figures."""
    ing = f["ingest"]
    lines = [
        f"corpus: {f['corpus']['documents']} documents, {f['corpus']['chunks']} chunks",
        "",
        "| ingest | figure |", "| --- | --- |",
        f"| ingest throughput | {ing['chunks_per_s']} chunks/s ({ing['seconds']} s) |",
        f"| raw encode throughput | {ing['raw_encode_chunks_per_s']} chunks/s ({ing['raw_encode_chunks']} chunks, {ing['raw_encode_seconds']} s) |",
        f"| ratio | {ing['ratio_to_raw_encode']} |",
        f"| encoder's share of ingest time | {ing['encode_share_of_ingest']} |",
        f"| phases (s) | {', '.join(f'{k} {v}' for k, v in ing['phases_s'].items())} |",
        f"| peak RSS ingesting | {ing['peak_rss_mb']} MB (raw encode alone: {ing['raw_encode_peak_rss_mb']} MB) |",
        f"| RSS at 25/50/75/100% of chunks | {', '.join(str(ing['rss'][k]) for k in ('at_25pct_mb', 'at_50pct_mb', 'at_75pct_mb', 'at_100pct_mb'))} MB |",
        f"| index on disk (full) | {f['disk_mb']['full']} |",
        "",
        "| index | chunks | ask p50 | ask p95 | retrieve p50 | retrieve p95 | top-5 same as embedded |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    same = f.get("server_vs_embedded_top5", {})
    for label, lat in f["latency_ms"].items():
        base = label.removeprefix("server ")
        agree = f"{same[base]}/{f['questions']}" if label.startswith("server ") and base in same else ""
        lines.append(f"| {label} | {f['sizes'][label]} | {lat['ask_p50']} | {lat['ask_p95']} | "
                     f"{lat['retrieve_p50']} | {lat['retrieve_p95']} | {agree} |")
    r = f["p95_ratio_full_to_smallest"]
    lines += ["", f"p95 full / {r['smallest']} (median of per-round ratios): ask {r['ask']}, retrieve {r['retrieve']}"]
    for label, g in f["golden"].items():
        lines.append(f"golden on {label}: recall@{TOP_K} {g.get(f'recall@{TOP_K}')}, accuracy {g.get('accuracy')}, "
                     f"refusal accuracy {g.get('refusal_accuracy')}, n {g['n']}")
    return "\n".join(lines)


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
    parser.add_argument("--reuse", action="store_true", help="keep indexes and step results already under --out")
    parser.add_argument("--no-install", action="store_true", help="never run apt-get")
    # child options
    for name in ("files", "data-dir", "prefix", "vectors", "chroma-url", "progress", "chunks"):
        parser.add_argument(f"--{name}", help=argparse.SUPPRESS)
    parser.add_argument("--stride", type=int, default=1, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
