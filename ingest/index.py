"""Bring the index in line with a set of files: embed what changed, drop what went, keep the rest.

Each run that changes anything builds a new generation (a fresh Chroma collection, chunk table and
BM25 index) beside the live one and switches to it by renaming one pointer file. Killed at any
moment, the previous generation stays live and complete; the next run clears what was left half
built. Unchanged files keep their vectors: they are copied, not re-embedded.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import importlib.metadata
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from tqdm import tqdm

from ingest.chunking import chunk_document
from ingest.generation_fill import copy_unchanged, embed_and_add
from ingest.generations import collect_garbage, drop_generation_dir, live_state, record_collection, usable_state
from ingest.lexical import LexicalIndex
from ingest.discovery import discover
from ingest.loaders import LoadError, load_document
from ingest.snapshot import BM25_DIR, CHUNKS_FILE, write_chunks
from ingest.state import FailedFile, FileEntry, IndexState, save_state
from ingest.store import create_collection, open_client
from ingest.types import Chunk, IngestReport, SkippedFile
from ingest.unit_vectors import UnitVectorWriter


@functools.cache
def _loader_version() -> str:
    """Which docent read the files; looked up once, on first use (about 20 ms), not at import."""
    try:
        return importlib.metadata.version("docent")
    except importlib.metadata.PackageNotFoundError:  # run from a source tree without installing
        return "source"


class NothingIndexedError(RuntimeError):
    """Not one file could be indexed; the previous index, if any, is untouched."""


@dataclass(frozen=True)
class IngestOptions:
    data_dir: Path
    chroma_url: str | None = None
    chunk_size: int = 900
    chunk_overlap: int = 120
    collection_prefix: str = "docent"
    # Chunks per encode-and-store step. It bounds memory on huge corpora, and it is the window
    # the encoder orders by length before batching: 1,024 chunks ingest in about 0.88 of the time
    # 256 took on the Python docs (docs/SCALE.md), at about 30 s a step on a 2-core CPU.
    batch_size: int = 1024
    progress: bool = True


def ingest(paths: Sequence[str | Path], embedder, options: IngestOptions) -> IngestReport:
    """Index exactly the supported files under `paths`; see the module docstring for the guarantees."""
    started = time.perf_counter()
    data_dir = Path(options.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    with _exclusive(data_dir):
        report = IngestReport()
        files, skipped = discover(paths)
        report.skipped.extend(skipped)
        client = open_client(data_dir, options.chroma_url)
        live = live_state(data_dir, report)
        collect_garbage(data_dir, client, options.collection_prefix, live)
        old = usable_state(live, data_dir, client, embedder.name, options, report)

        keep, changed, failed = _plan(files, old, report)
        removed = set(old.files) - set(keep) - {path_key(p) for p, _, _ in changed} if old else set()
        if old and not changed and not removed:
            report.files_read = len(keep)
            report.chunks_unchanged = old.chunks
            report.total_chunks = old.chunks
            report.documents = len(old.files)
            report.seconds = time.perf_counter() - started
            return report

        state = _build_generation(data_dir, client, embedder, options, old, keep, changed, failed, report)
        if state is not None:
            state = replace(state, roots=tuple(path_key(Path(p)) for p in paths))
        if state is None:
            raise NothingIndexedError(_nothing_message(report))
        save_state(data_dir, state)  # the switch: from here on the new generation is live
        if live:
            new_ids = {cid for entry in state.files.values() for cid in entry.chunk_ids}
            report.chunks_removed = sum(1 for e in live.files.values() for cid in e.chunk_ids if cid not in new_ids)
            _drop_generation(data_dir, client, live)
        report.documents = len(state.files)
        report.total_chunks = state.chunks
        report.seconds = time.perf_counter() - started
        return report


def path_key(path: Path) -> str:
    """The manifest key (and `source`) of a file: relative to the working directory when inside it."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


def _plan(files, old: IndexState | None, report: IngestReport):
    """Split files into unchanged (source → entry), changed [(path, source, sha256)] and known
    failures (source → FailedFile: the same bytes failed last time, so they are not retried)."""
    keep: dict[str, FileEntry] = {}
    changed: list[tuple[Path, str, str]] = []
    failed: dict[str, FailedFile] = {}
    for path in files:
        source = path_key(path)
        try:
            digest = _sha256(path)
        except OSError as exc:
            report.skipped.append(SkippedFile(str(path), f"cannot read: {exc.strerror or exc}"))
            if old and source in old.files:
                keep[source] = old.files[source]  # keep what was indexed rather than lose it
            continue
        known = old.failed.get(source) if old else None
        if known and (known.sha256, known.loader) == (digest, _loader_version()):
            report.skipped.append(SkippedFile(str(path), known.reason))
            failed[source] = known
            if source in old.files:
                keep[source] = old.files[source]  # its last good version, as when it first failed
        elif old and source in old.files and old.files[source].sha256 == digest:
            keep[source] = old.files[source]
        else:
            changed.append((path, source, digest))
    return keep, changed, failed


def _build_generation(data_dir, client, embedder, options, old, keep, changed, failed, report) -> IndexState | None:
    generation = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    gen_dir = data_dir / "generations" / generation
    gen_dir.mkdir(parents=True)
    name = f"{options.collection_prefix}_{generation}"
    record_collection(gen_dir, name)  # before the collection exists, so clean-up can always find it
    collection = create_collection(client, name)
    units = UnitVectorWriter(gen_dir)
    chunks: list[Chunk] = []
    files: dict[str, FileEntry] = {}

    if keep:
        kept = copy_unchanged(old, data_dir, client, collection, units, keep)
        chunks.extend(kept)
        files.update(keep)
        report.chunks_unchanged = len(kept)

    # Chunks wait here until a full batch is ready, across file boundaries: the encoder sorts a
    # batch by length, and one page's handful of chunks would make small, padded batches.
    pending: list[Chunk] = []
    bar = tqdm(total=len(changed), desc="Indexing", unit="file", disable=not options.progress or not changed)
    embedded = 0

    def embed(batch: list[Chunk]) -> None:
        # The bar counts files, and a batch's encoding is the long wait: say so while it runs.
        nonlocal embedded
        bar.set_postfix_str(f"{embedded} chunks embedded, encoding {len(batch)} more")
        embed_and_add(embedder, collection, units, batch)
        embedded += len(batch)
        bar.set_postfix_str(f"{embedded} chunks embedded")

    for path, source, digest in changed:
        try:
            document = load_document(path, source)
        except LoadError as exc:
            report.skipped.append(SkippedFile(str(path), str(exc)))
            failed[source] = FailedFile(digest, str(exc), _loader_version())
            if old and source in old.files:  # a file that broke keeps its last good version
                files[source] = old.files[source]
                chunks.extend(copy_unchanged(old, data_dir, client, collection, units, {source: old.files[source]}))
            bar.update()
            continue
        report.files_read += 1
        report.warnings.extend(f"{path}: {w}" for w in document.warnings)
        new_chunks = chunk_document(document, options.chunk_size, options.chunk_overlap)
        pending.extend(new_chunks)
        while len(pending) >= options.batch_size:
            embed(pending[: options.batch_size])
            del pending[: options.batch_size]
        chunks.extend(new_chunks)
        report.chunks_added += len(new_chunks)
        report.chunks_embedded += len(new_chunks)
        files[source] = FileEntry(digest, tuple(c.id for c in new_chunks), document.title)
        bar.update()
    if pending:
        embed(pending)
    units.close()
    bar.close()
    report.files_read += len(keep)

    if not chunks:
        drop_generation_dir(client, gen_dir, collection.name)
        return None
    write_chunks(gen_dir / CHUNKS_FILE, chunks)
    LexicalIndex.build(c.embedding_text() for c in chunks).save(gen_dir / BM25_DIR)
    return IndexState(
        generation=generation,
        collection=collection.name,
        embedder=embedder.name,
        chunk_size=options.chunk_size,
        chunk_overlap=options.chunk_overlap,
        files=files,
        failed=failed,
        chunks=len(chunks),
        created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
    )


def _drop_generation(data_dir: Path, client, state: IndexState) -> None:
    drop_generation_dir(client, state.generation_dir(data_dir), state.collection)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _nothing_message(report: IngestReport) -> str:
    if not report.skipped:
        return "no supported files found (supported: .md .markdown .txt .html .htm .pdf)"
    reasons = "; ".join(f"{s.path}: {s.reason}" for s in report.skipped[:5])
    return f"nothing could be indexed ({reasons})"


@contextmanager
def _exclusive(data_dir: Path) -> Iterator[None]:
    """One ingest at a time per data dir; a second one waits rather than interleaving generations."""
    with open(data_dir / "ingest.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
