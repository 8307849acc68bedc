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
    from ingest.discovery import discover

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
    """Wraps an encoder: times `encode` and `encode_with_spans`, and writes progress for the RSS sampler.

    Ingest encodes each batch of chunks with `encode_with_spans` (the chunks' vectors plus their
    answer units' vectors, pooled from the same pass); it calls `encode` only with an encoder that
    cannot pool spans. Both are inside the encoder's time.
    """

    def __init__(self, inner, progress: Path | None) -> None:
        self.inner, self.name, self.progress = inner, inner.name, progress
        self.seconds, self.texts = 0.0, 0

    def encode(self, texts):
        return self._count(texts, self._timed(self.inner.encode, texts))

    def encode_with_spans(self, texts, spans):
        return self._count(texts, self._timed(self.inner.encode_with_spans, texts, spans))

    def _timed(self, method, *args):
        started = time.perf_counter()
        try:
            return method(*args)
        finally:
            self.seconds += time.perf_counter() - started

    def _count(self, texts, out):
        self.texts += len(texts)
        if self.progress:
            self.progress.write_text(str(self.texts))
        return out


class CachedEmbedder:
    """Vectors the full run already computed, chunks' and units', looked up by text: same vectors, no model.

    A unit the full run stored no vector for (past the token limit) is None here too, as it was
    there; a chunk text the full run never saw is a KeyError.
    """

    name = "all-MiniLM-L6-v2"  # what MiniLMEmbedder calls itself, so the index recipe matches

    def __init__(self, path: Path) -> None:
        import numpy as np

        data = np.load(path)
        self.vectors = data["vectors"]
        self.row = {key: i for i, key in enumerate(data["keys"].tolist())}
        self.unit_vectors = data["unit_vectors"]
        self.unit_row = {key: i for i, key in enumerate(data["unit_keys"].tolist())}

    def encode(self, texts):
        return self.vectors[[self.row[text_key(t)] for t in texts]]

    def encode_with_spans(self, texts, spans):
        """As `MiniLMEmbedder.encode_with_spans`, replayed from the full run."""
        import numpy as np

        pooled = []
        for text, text_spans in zip(texts, spans):
            key = text_key(text)
            rows = [self.unit_row.get(unit_key(key, b, e)) for b, e in text_spans]
            pooled.append([None if r is None else np.asarray(self.unit_vectors[r], dtype=np.float32) for r in rows])
        return self.encode(texts), pooled


def fold(text: str) -> str:
    """Casefolded with whitespace runs folded, as the golden set's evidence match does."""
    return " ".join(text.casefold().split())


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def unit_key(key: str, begin: int, end: int) -> str:
    """A unit of a chunk: the chunk's text key and the unit's span in its embedding text."""
    return f"{key}:{begin}:{end}"


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
    cmd = [sys.executable, str(Path(__file__).resolve()), mode, "--progress", str(progress)]
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


def export_vectors(data_dir: Path, path: Path) -> dict:
    """Save every chunk's (embedding text, vector) and its units' stored vectors for the cached encoder.

    Unit vectors come from the generation's unit store (`UnitVectorStore.get(chunk_id)` →
    {unit start: vector}) and are keyed by the chunk's text and the unit's span, as
    `encode_with_spans` is asked for them. Returns counts of chunks, units and stored unit vectors.
    """
    import numpy as np

    from ingest.snapshot import IndexSnapshot
    from ingest.unit_vectors import unit_spans

    snapshot = IndexSnapshot.open(data_dir)
    if snapshot.units is None:
        raise SystemExit(f"{data_dir} has no unit vectors: it was built before they existed; ingest it again")
    keys, vectors, unit_keys, unit_vectors, units = [], [], [], [], 0
    for start in range(0, len(snapshot.chunks), 2000):
        batch = snapshot.chunks[start : start + 2000]
        got = snapshot.collection.get(ids=[c.id for c in batch], include=["embeddings"])
        by_id = dict(zip(got["ids"], got["embeddings"]))
        for chunk in batch:
            key = text_key(chunk.embedding_text())
            keys.append(key)
            vectors.append(by_id[chunk.id])
            stored = snapshot.units.get(chunk.id)
            for unit_start, begin, end in unit_spans(chunk):
                units += 1
                if unit_start in stored:
                    unit_keys.append(unit_key(key, begin, end))
                    unit_vectors.append(stored[unit_start])
    np.savez(path, keys=np.array(keys), vectors=np.asarray(vectors, dtype=np.float32),
             unit_keys=np.array(unit_keys), unit_vectors=np.asarray(unit_vectors, dtype=np.float16).reshape(-1, 384))
    return {"chunks": len(keys), "units": units, "unit_vectors": len(unit_keys)}


def units_differing(full_dir: Path, data_dir: Path) -> int:
    """Chunks of an index built from cached vectors whose unit vectors differ from the full index's."""
    import numpy as np

    from ingest.state import load_state
    from ingest.unit_vectors import UnitVectorStore

    full = UnitVectorStore.load(load_state(full_dir).generation_dir(full_dir))
    state = load_state(data_dir)
    mine = UnitVectorStore.load(state.generation_dir(data_dir))
    differ = 0
    for entry in state.files.values():
        for chunk_id in entry.chunk_ids:
            a, b = full.get(chunk_id), mine.get(chunk_id)
            if a.keys() != b.keys() or any(not np.array_equal(a[k], b[k]) for k in a):
                differ += 1
    return differ


def disk_mb(data_dir: Path) -> dict:
    """Sizes of an index's parts on disk, in MB."""
    from ingest.snapshot import BM25_DIR, CHUNKS_FILE
    from ingest.state import load_state
    from ingest.unit_vectors import INDEX_FILE, VECTORS_FILE

    def size(path: Path) -> float:
        if path.is_file():
            return path.stat().st_size / 1e6
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6 if path.exists() else 0.0

    gen = load_state(data_dir).generation_dir(data_dir)
    parts = {"chroma": size(data_dir / "chroma"), "chunk_table": size(gen / CHUNKS_FILE), "bm25": size(gen / BM25_DIR),
             "unit_vectors": size(gen / VECTORS_FILE) + size(gen / INDEX_FILE)}
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
            this_round["loadavg"] = os.getloadavg()[0]
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
        "loadavg_by_round": [round(r["loadavg"], 1) for r in timing["rounds"]],
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


def per_query_probe(assistant, rows) -> dict:
    """What one question costs by part, and the work that grows with the vocabulary.

    Dense search (Chroma's HNSW) and BM25 are timed on their own. `Retriever._idf_max` (when the
    retriever has it) is a max over the whole IDF table, re-evaluated for each query token.
    """
    import numpy as np

    from ingest.lexical import tokenize

    snapshot, retriever = assistant.snapshot, assistant.retriever
    dense, lexical = [], []
    for row in rows:
        vector = np.asarray(assistant.embedder.encode([row.question])[0], dtype=np.float32)
        started = time.perf_counter()
        snapshot.dense_search(vector, 30)
        dense.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        snapshot.lexical.search(tokenize(row.question), 30)
        lexical.append((time.perf_counter() - started) * 1000)
    out = {"dense_ms_p50": pct(dense, 50), "bm25_ms_p50": pct(lexical, 50)}
    prop = type(retriever).__dict__.get("_idf_max")
    if isinstance(prop, property) and hasattr(retriever, "_idf"):
        started = time.perf_counter()
        for _ in range(20):
            retriever._idf_max
        idf_max_ms = (time.perf_counter() - started) / 20 * 1000
        calls = [0]

        def counted(self):
            calls[0] += 1
            return prop.fget(self)

        type(retriever)._idf_max = property(counted)
        try:
            for row in rows:
                assistant.ask(row.question, [t.model_dump() for t in row.history])
        finally:
            type(retriever)._idf_max = prop
        out.update({"vocabulary": len(retriever._idf), "idf_max_ms": round(idf_max_ms, 2),
                    "idf_max_per_question": round(calls[0] / len(rows), 1)})
    return out


def dense_recall(assistants: dict, rows, k: int = 30) -> dict:
    """Per index: how much of the exact top-k by cosine (brute force over its own vectors) Chroma's
    HNSW search returns, and how often it returns the exact nearest chunk first."""
    import numpy as np

    out = {}
    for label, assistant in assistants.items():
        snapshot = assistant.snapshot
        ids = [c.id for c in snapshot.chunks]
        matrix = np.zeros((len(ids), 384), dtype=np.float32)
        for start in range(0, len(ids), 2000):
            got = snapshot.collection.get(ids=ids[start : start + 2000], include=["embeddings"])
            by_id = dict(zip(got["ids"], got["embeddings"]))
            matrix[start : start + len(by_id)] = [by_id[i] for i in ids[start : start + 2000]]
        overlap, first = [], 0
        for row in rows:
            vector = assistant.retriever.query_vector(row.question)
            exact = np.argsort(-(matrix @ vector))[:k]
            found = [r for r, _ in snapshot.dense_search(vector, k)]
            overlap.append(len(set(found) & set(exact.tolist())) / k)
            first += bool(found) and found[0] == exact[0]
        out[label] = {f"recall@{k}": round(statistics.fmean(overlap), 3), "top1_exact": f"{first}/{len(rows)}"}
    return out


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
