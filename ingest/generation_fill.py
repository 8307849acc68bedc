"""Fill a new generation's collection: changed files' chunks encoded, unchanged files' copied.

Copying moves a kept chunk's vector, and its units' vectors, from the live generation as they
are: re-embedding an unchanged file would cost the same encoder time as the first ingest.
"""

from __future__ import annotations

from ingest.snapshot import CHUNKS_FILE, read_chunks
from ingest.state import FileEntry, IndexState
from ingest.types import Chunk
from ingest.unit_vectors import UnitVectorStore, UnitVectorWriter, encode_chunks

COPY_BATCH = 1000  # chunks read from the old collection per call


def embed_and_add(embedder, collection, units: UnitVectorWriter, batch: list[Chunk]) -> None:
    """Encode `batch` (chunks and their units) and store it: chunk vectors in the collection, unit vectors in `units`."""
    if not batch:
        return
    vectors, unit_vectors = encode_chunks(embedder, batch)
    for chunk, chunk_units in zip(batch, unit_vectors):
        units.add(chunk.id, chunk_units)
    collection.add(
        ids=[c.id for c in batch],
        embeddings=vectors,
        documents=[c.text for c in batch],
        metadatas=[chunk_metadata(c) for c in batch],
    )


def chunk_metadata(chunk: Chunk) -> dict:
    """What the collection keeps beside a chunk's vector: its source, title, section, offsets and page."""
    meta = {"source": chunk.source, "title": chunk.title, "section": chunk.section, "start": chunk.start, "end": chunk.end}
    if chunk.page is not None:
        meta["page"] = chunk.page
    return meta


def copy_unchanged(old: IndexState, data_dir, client, collection, units, keep: dict[str, FileEntry]) -> list[Chunk]:
    """Move kept files' chunks and vectors (their units' too) into the new generation without re-embedding."""
    wanted = {cid for entry in keep.values() for cid in entry.chunk_ids}
    kept = [c for c in read_chunks(old.generation_dir(data_dir) / CHUNKS_FILE) if c.id in wanted]
    old_units = UnitVectorStore.load(old.generation_dir(data_dir))
    for chunk in kept:
        units.add(chunk.id, old_units.get(chunk.id) if old_units is not None else {})
    source = client.get_collection(old.collection, embedding_function=None)
    for start in range(0, len(kept), COPY_BATCH):
        batch = kept[start : start + COPY_BATCH]
        got = source.get(ids=[c.id for c in batch], include=["embeddings"])
        vectors = dict(zip(got["ids"], got["embeddings"]))
        collection.add(
            ids=[c.id for c in batch],
            embeddings=[vectors[c.id] for c in batch],
            documents=[c.text for c in batch],
            metadatas=[chunk_metadata(c) for c in batch],
        )
    return kept
