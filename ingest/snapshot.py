"""Read one generation of the index: its chunk table, BM25 index and Chroma collection.

A generation directory is written once by ingest and never changed, so a reader that opened it
keeps a consistent view while a new generation is built beside it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

from ingest.lexical import LexicalIndex
from ingest.state import IndexState, load_state
from ingest.store import get_collection, open_client
from ingest.types import Chunk
from ingest.unit_vectors import UnitVectorStore

CHUNKS_FILE = "chunks.jsonl"
BM25_DIR = "bm25"


class IndexMissingError(RuntimeError):
    """Nothing has been indexed in this data dir yet."""


def write_chunks(path: Path, chunks: Iterable[Chunk]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for chunk in chunks:
            fh.write(json.dumps(asdict(chunk), ensure_ascii=False) + "\n")


def read_chunks(path: Path) -> list[Chunk]:
    with open(path, encoding="utf-8") as fh:
        return [Chunk(**json.loads(line)) for line in fh if line.strip()]


class IndexSnapshot:
    """The live generation, opened once per process and shared by every question."""

    def __init__(self, state: IndexState, chunks: list[Chunk], lexical: LexicalIndex, collection, units=None) -> None:
        self.state = state
        self.chunks = chunks
        self.lexical = lexical
        self.collection = collection
        self.units: UnitVectorStore | None = units  # None for an index built before unit vectors
        self.row_of = {c.id: i for i, c in enumerate(chunks)}

    @classmethod
    def open(cls, data_dir: Path, chroma_url: str | None = None) -> IndexSnapshot:
        state = load_state(data_dir)
        if state is None:
            raise IndexMissingError(f"no index in {data_dir} yet: run `docent ingest` first")
        gen_dir = state.generation_dir(data_dir)
        try:
            chunks = read_chunks(gen_dir / CHUNKS_FILE)
            lexical = LexicalIndex.load(gen_dir / BM25_DIR)
            units = UnitVectorStore.load(gen_dir)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise IndexMissingError(
                f"the index in {data_dir} is damaged ({type(exc).__name__}: {exc}); run `docent ingest` to rebuild it"
            ) from exc
        collection = get_collection(open_client(data_dir, chroma_url), state.collection)
        if collection is None:
            raise IndexMissingError(
                f"the vector store has no collection {state.collection!r}; run `docent ingest` to rebuild it"
            )
        return cls(state, chunks, lexical, collection, units)

    @property
    def documents(self) -> int:
        return len(self.state.files)

    def dense_search(self, vector, k: int) -> list[tuple[int, float]]:
        """(row, cosine similarity) pairs from Chroma's HNSW index, best first."""
        k = min(k, len(self.chunks))
        if k <= 0:
            return []
        result = self.collection.query(query_embeddings=[list(map(float, vector))], n_results=k, include=["distances"])
        pairs = []
        for chunk_id, distance in zip(result["ids"][0], result["distances"][0]):
            row = self.row_of.get(chunk_id)
            if row is not None:
                pairs.append((row, 1.0 - float(distance)))
        return pairs
