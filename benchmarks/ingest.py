"""How much does ingest cost on top of the encoder it cannot avoid?

In one process, with the packaged MiniLM already loaded (load time is excluded from both sides):

  A. raw `SentenceTransformer.encode` on exactly the embedding texts ingest would produce, same batch size;
  B. a full `ingest` of the same files into a fresh data dir (load, chunk, encode, Chroma, BM25, switch).

A and B alternate (A B A B A B) so drift in CPU clocks or caches hits both; the ratio B/A in chunks/s
is reported per pair and as the median (target ≥ 0.9), with the seconds ingest spent outside the
encoder (loading, chunking, Chroma, BM25, the switch): the part ingest itself controls. Then a
second, no-change `ingest` in this warm process (target ≤ 2 s), and the wall time of a whole
`docent ingest` process on the unchanged index.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/ingest.py [corpus/] [--repeats 3] [--profile]

It measures; it does not assert. `--profile` adds a cProfile of one ingest, top functions by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from benchmarks.scale_encoders import TimedEmbedder  # noqa: E402
from docent.settings import Settings  # noqa: E402
from ingest.chunking import chunk_document  # noqa: E402
from ingest.embedder import MiniLMEmbedder  # noqa: E402
from ingest.index import IngestOptions, ingest, path_key  # noqa: E402
from ingest.discovery import discover  # noqa: E402
from ingest.loaders import LoadError, load_document  # noqa: E402


def corpus_texts(paths: list[Path], settings: Settings) -> list[str]:
    """The embedding texts of every chunk ingest would make from `paths`, in ingest's order."""
    files, _ = discover(paths)
    texts = []
    for path in files:
        try:
            document = load_document(path, path_key(path))
        except LoadError:
            continue  # ingest skips it too
        chunks = chunk_document(document, settings.chunk_size, settings.chunk_overlap)
        texts.extend(c.embedding_text() for c in chunks)
    return texts


class Timer:
    """Wall seconds and this process's CPU seconds (all threads) of a `with` block.

    CPU time is the steadier figure on a shared machine: other processes' load stretches the
    wall clock of both sides, but not the work done here.
    """

    def __enter__(self) -> Timer:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.wall = time.perf_counter() - self._wall
        self.cpu = time.process_time() - self._cpu


def time_raw_encode(model, texts: list[str], batch_size: int) -> Timer:
    with Timer() as timer:
        model.encode(
            texts, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
    return timer


def time_ingest(paths, embedder, settings: Settings, data_dir: Path):
    """(Timer, report) of one ingest into `data_dir`."""
    options = IngestOptions(
        data_dir=data_dir, chunk_size=settings.chunk_size, chunk_overlap=settings.chunk_overlap, progress=False
    )
    with Timer() as timer:
        report = ingest(paths, embedder, options)
    return timer, report


def time_cli_process(paths, data_dir: Path) -> float:
    """Wall time of `docent ingest PATHS --quiet` as a fresh process (imports included)."""
    docent = Path(sys.executable).parent / "docent"
    env = {**os.environ, "DOCENT_DATA_DIR": str(data_dir)}
    started = time.perf_counter()
    done = subprocess.run([str(docent), "ingest", "--quiet", *map(str, paths)], env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"docent ingest failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed


def profile_ingest(paths, embedder, settings: Settings, data_dir: Path) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    time_ingest(paths, embedder, settings, data_dir)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "corpus"])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of one ingest")
    args = parser.parse_args(argv)

    settings = Settings()
    embedder = MiniLMEmbedder(settings.embed_batch_size)
    model = embedder.model  # load now: neither side pays for it
    texts = corpus_texts(args.paths, settings)
    if not texts:
        raise SystemExit(f"no chunks in {', '.join(map(str, args.paths))}")
    time_raw_encode(model, texts[:8], embedder.batch_size)  # first call warms up torch's kernels

    print(f"corpus: {', '.join(map(str, args.paths))}: {len(texts)} chunks, batch size {embedder.batch_size}, "
          f"torch threads {_torch_threads()}, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    n = len(texts)
    wall_ratios, cpu_ratios, overheads = [], [], []
    with tempfile.TemporaryDirectory(prefix="docent-bench-") as tmp:
        for i in range(args.repeats):
            raw = time_raw_encode(model, texts, embedder.batch_size)
            timed = TimedEmbedder(embedder)
            full, report = time_ingest(args.paths, timed, settings, Path(tmp) / f"run{i}")
            overheads.append(full.wall - timed.seconds)
            if report.chunks_embedded != n:
                raise SystemExit(f"ingest embedded {report.chunks_embedded} chunks, the raw side {n}")
            wall_ratios.append(raw.wall / full.wall)  # (n / full) / (n / raw): chunks/s of ingest over raw
            cpu_ratios.append(raw.cpu / full.cpu)
            print(f"  round {i + 1}: raw encode {n / raw.wall:6.1f} chunks/s "
                  f"({raw.wall:.2f} s wall, {raw.cpu:.2f} s cpu)   "
                  f"ingest {n / full.wall:6.1f} chunks/s ({full.wall:.2f} s wall, {full.cpu:.2f} s cpu)   "
                  f"ratio {wall_ratios[-1]:.3f} wall, {cpu_ratios[-1]:.3f} cpu; "
                  f"ingest outside encode {overheads[-1]:.2f} s")
        print(f"median ratio ingest/raw: {statistics.median(wall_ratios):.3f} wall, "
              f"{statistics.median(cpu_ratios):.3f} cpu (target >= 0.9); "
              f"median time ingest spends outside encode: {statistics.median(overheads):.2f} s")

        live = Path(tmp) / "run0"
        again, report = time_ingest(args.paths, embedder, settings, live)
        print(f"no-change ingest in this process: {again.wall:.3f} s, "
              f"{report.chunks_embedded} embedded (target <= 2 s)")
        wall = time_cli_process(args.paths, live)
        print(f"`docent ingest` process on the unchanged index: {wall:.2f} s wall")
        if args.profile:
            print(profile_ingest(args.paths, embedder, settings, Path(tmp) / "profiled"))
    return 0


def _torch_threads() -> int:
    import torch

    return torch.get_num_threads()


if __name__ == "__main__":
    sys.exit(main())
