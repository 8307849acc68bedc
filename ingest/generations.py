"""Generation folders and their Chroma collections: which one can be trusted, and clearing the rest.

Each ingest that changes anything builds a new generation beside the live one (`ingest.index`).
This module decides whether the live generation can be reused as it is, and removes the ones a
killed or superseded run left behind: only this data dir's own, never the live one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ingest.lexical import LexicalIndex
from ingest.snapshot import BM25_DIR, CHUNKS_FILE, read_chunks
from ingest.state import FORMAT_VERSION, CorruptIndexError, IndexState, load_state
from ingest.store import get_collection
from ingest.types import IngestReport
from ingest.unit_vectors import UnitVectorStore

COLLECTION_FILE = "collection"  # in a generation folder: the name of its Chroma collection


def record_collection(gen_dir: Path, name: str) -> None:
    """Write the collection's name into its generation folder, before the collection is made.

    Clean-up drops only collections named by this data dir's folders, so data dirs sharing one
    Chroma server and prefix never drop each other's.
    """
    (gen_dir / COLLECTION_FILE).write_text(name, encoding="utf-8")


def usable_state(state, data_dir, client, embedder_name, options, report) -> IndexState | None:
    """The live state if its vectors can be reused as they are; None means rebuild everything."""
    if state is None:
        return None
    same_recipe = (state.embedder, state.chunk_size, state.chunk_overlap) == (
        embedder_name,
        options.chunk_size,
        options.chunk_overlap,
    )
    if not same_recipe:
        report.warnings.append("chunking or embedding settings changed: rebuilding the whole index")
        return None
    if state.version != FORMAT_VERSION:
        report.warnings.append("the index was built by another version of docent: rebuilding it")
        return None
    collection = get_collection(client, state.collection)
    files_ok = generation_readable(state.generation_dir(data_dir), state.chunks)
    if collection is None or not files_ok or collection.count() != state.chunks:
        report.warnings.append("the stored index was incomplete: rebuilding it")
        return None
    return state


def live_state(data_dir: Path, report: IngestReport) -> IndexState | None:
    """The pointer's state; None when there is none, or when it is unreadable (then all is rebuilt)."""
    try:
        return load_state(data_dir)
    except CorruptIndexError:  # ingest's own file: nothing in it can be trusted, so start over
        report.warnings.append("the index pointer state.json was unreadable: rebuilding the whole index")
        return None


def generation_readable(gen_dir: Path, chunks: int) -> bool:
    """Whether a generation's chunk table and BM25 index load as `docent ask` will load them.

    Existence is not enough: a truncated chunk table would make every question fail while an
    unchanged corpus made ingest skip the rebuild that `docent ask` tells people to run.
    """
    try:
        readable = len(read_chunks(gen_dir / CHUNKS_FILE)) == chunks and bool(LexicalIndex.load(gen_dir / BM25_DIR))
        return readable and UnitVectorStore.load(gen_dir) is not None
    except Exception:  # whatever a damaged file raises, the answer is the same: rebuild
        return False


def collect_garbage(data_dir: Path, client, prefix: str, live: IndexState | None) -> None:
    """Remove generations a killed or failed run left behind: only this data dir's, never the live one.

    A generation's collection is known by the name its folder records, so another data dir's
    collections on a shared server are left alone whatever their prefix.
    """
    gens = data_dir / "generations"
    if not gens.exists():
        return
    for child in gens.iterdir():
        if live is None or child.name != live.generation:
            recorded = child / COLLECTION_FILE
            # Folders from before the name was recorded follow the old naming rule.
            name = recorded.read_text(encoding="utf-8", errors="replace").strip() if recorded.exists() else f"{prefix}_{child.name}"
            drop_generation_dir(client, child, name)


def drop_generation_dir(client, gen_dir: Path, name: str) -> None:
    """Delete a generation's collection `name`, then its folder. A folder whose collection could
    not be deleted stays, so the next run retries rather than leave the collection unnamed."""
    try:
        # Not `get_collection`: it answers None for an unreachable server as for a missing collection.
        if name in {c if isinstance(c, str) else c.name for c in client.list_collections()}:
            client.delete_collection(name)
    except Exception:  # the server is unreachable or refused: keep the folder as the reminder
        return
    shutil.rmtree(gen_dir, ignore_errors=True)
