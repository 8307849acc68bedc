"""A vector for every answer unit (sentence, bullet, table row), made at ingest, read at question time.

The extractive answerer ranks a passage's units by how close each is in meaning to the question.
Encoding a dozen units per question cost about 300 ms on a 2-core CPU, so the vectors are made
once, at ingest, and at no extra encoder cost: the chunk already goes through the model, and a
unit's vector is the mean of its own tokens' output states in that pass ("late chunking"), the
same pooling that makes the chunk's vector from all of its tokens. On the golden sets this scored
as well as encoding each unit on its own (docs/EVAL.md). Units past the encoder's token limit
have no stored vector; the answerer encodes those when it needs them.

On disk, per generation: `units.f16`, the vectors as raw float16 rows appended batch by batch
(memory stays bounded on huge corpora), and `units.json`, each chunk's first row and its units'
document offsets. Read back memory-mapped.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from ingest.types import Chunk
from ingest.units import split_units

VECTORS_FILE = "units.f16"
INDEX_FILE = "units.json"


def unit_spans(chunk: Chunk) -> list[tuple[int, int, int]]:
    """(document start, begin, end) of each unit, begin/end indexing `chunk.embedding_text()`."""
    prefix = len(chunk.embedding_text()) - len(chunk.text)
    shift = prefix - chunk.start
    return [(u.start, u.start + shift, u.end + shift) for u in split_units(chunk, 0)]


def encode_chunks(embedder, chunks: Sequence[Chunk]) -> tuple[np.ndarray, list[dict[int, np.ndarray | None]]]:
    """The chunks' vectors and, per chunk, {unit start: its vector} in reading order.

    A unit's vector is pooled from its chunk's own pass (`encode_with_spans`), so ingest costs
    what encoding the chunks costs. A unit the pass did not reach (past the encoder's token limit,
    or any unit when the encoder cannot pool spans) gets None, and the answerer encodes it if it
    needs it. Encoding those units here instead cost about 5% of ingest's CPU time on the Python
    docs (docs/SCALE.md).
    """
    texts = [c.embedding_text() for c in chunks]
    spans = [unit_spans(c) for c in chunks]
    if hasattr(embedder, "encode_with_spans"):
        vectors, pooled = embedder.encode_with_spans(texts, [[(b, e) for _, b, e in s] for s in spans])
    else:
        vectors, pooled = embedder.encode(texts), [[None] * len(s) for s in spans]
    units = [{start: v for (start, _, _), v in zip(s, rows)} for s, rows in zip(spans, pooled)]
    return np.asarray(vectors, dtype=np.float32), units


class UnitVectorWriter:
    """Appends chunks' unit vectors to a generation's files; `close` writes the index."""

    def __init__(self, gen_dir: Path) -> None:
        self._gen_dir = Path(gen_dir)
        self._fh = open(self._gen_dir / VECTORS_FILE, "wb")
        self._index: dict[str, list] = {}
        self._rows = 0
        self.dim: int | None = None

    def add(self, chunk_id: str, units: Mapping[int, np.ndarray | None]) -> None:
        """Store a chunk's {unit start: vector}; a None vector is left out."""
        kept = {start: v for start, v in units.items() if v is not None}
        vectors = np.asarray(list(kept.values()), dtype=np.float16)
        if kept:
            self.dim = self.dim or vectors.shape[1]
        self._fh.write(vectors.tobytes())
        self._index[chunk_id] = [self._rows, [int(s) for s in kept]]
        self._rows += len(kept)

    def close(self) -> None:
        self._fh.close()
        payload = {"dim": self.dim or 0, "rows": self._rows, "chunks": self._index}
        (self._gen_dir / INDEX_FILE).write_text(json.dumps(payload, separators=(",", ":")), encoding="utf-8")


class UnitVectorStore:
    """One generation's unit vectors, memory-mapped; `get(chunk_id)` → {unit start: vector}."""

    def __init__(self, vectors: np.ndarray, index: Mapping[str, list]) -> None:
        self._vectors = vectors
        self._index = index

    @classmethod
    def load(cls, gen_dir: Path) -> UnitVectorStore | None:
        """The generation's store; None when it has none (an index built before unit vectors)."""
        index_path = Path(gen_dir) / INDEX_FILE
        if not index_path.exists():
            return None
        payload = json.loads(index_path.read_text(encoding="utf-8"))
        rows, dim = int(payload["rows"]), int(payload["dim"])
        if rows == 0:
            return cls(np.zeros((0, max(dim, 1)), dtype=np.float16), payload["chunks"])
        vectors = np.memmap(Path(gen_dir) / VECTORS_FILE, dtype=np.float16, mode="r", shape=(rows, dim))
        return cls(vectors, payload["chunks"])

    def get(self, chunk_id: str) -> dict[int, np.ndarray]:
        entry = self._index.get(chunk_id)
        if entry is None:
            return {}
        first, starts = entry
        block = np.asarray(self._vectors[first : first + len(starts)], dtype=np.float32)
        return dict(zip(starts, block))
