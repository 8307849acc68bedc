"""What the scale benchmark reads off an index (its vectors for the cached encoder, its size on disk,
unit vectors compared with the full index's) and the Chroma server it queries beside the embedded store."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.processes import free_port, stop_server
from benchmarks.scale_encoders import text_key, unit_key


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
        stop_server(proc)
