"""Crash safety for real: an ingest SIGKILLed at a known point leaves the old index live and whole.

Each ingest runs in a child process (`_CHILD` below). To kill it at an exact point rather than after
a guessed delay, the child wraps one step of `ingest.index` so that, on reaching it, it prints the
point's name and sleeps; the test reads that line and sends SIGKILL. Nothing in `ingest` knows about
this. After the kill the index is opened and searched here, as a restarted app would; then a normal
rerun must finish the job and clear what the killed run left half built.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from fakes import HashEmbedder

from ingest.lexical import tokenize
from ingest.snapshot import IndexSnapshot
from ingest.state import load_state
from ingest.store import open_client

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent

_CHILD = """
import sys, time
from pathlib import Path
from fakes import HashEmbedder
from ingest import index

corpus, data, point = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]

def pause(name):
    print(name, flush=True)
    time.sleep(600)  # the test kills us here

def stop_after(name, step):
    def wrapped(*args, **kwargs):
        result = step(*args, **kwargs)
        pause(name)
        return result
    return wrapped

def stop_before(name, step):
    def wrapped(*args, **kwargs):
        pause(name)
        return step(*args, **kwargs)
    return wrapped

class PausingEmbedder(HashEmbedder):
    def encode(self, texts):
        if point == "mid-embedding" and self.calls == 1:  # one batch is already in the new collection
            pause(point)
        return super().encode(texts)

if point == "collection-created":
    index.create_collection = stop_after(point, index.create_collection)
elif point == "before-switch":
    index.save_state = stop_before(point, index.save_state)
elif point == "after-switch":
    index._drop_generation = stop_before(point, index._drop_generation)

report = index.ingest([corpus], PausingEmbedder(), index.IngestOptions(data_dir=data, batch_size=2, progress=False))
print("done", report.chunks_embedded, flush=True)
"""

OLD = {
    "alpha.md": "# Alpha\n\n## Revenue\n\nAlpha revenue reached 1,200 units.\n\n"
    "## People\n\nAlpha hired a pelican keeper.\n",
    "beta.md": "# Beta\n\nBeta covers quokka habitats.\n",
    "gamma.md": "# Gamma\n\nGamma needs a walrus adapter.\n",
}
# Alpha changes, gamma goes, delta arrives with enough sections for several embedding batches.
NEW = {
    "alpha.md": OLD["alpha.md"].replace("pelican keeper", "zeppelin pilot"),
    "beta.md": OLD["beta.md"],
    "delta.md": "# Delta\n\n"
    + "".join(f"## Part {i}\n\nDelta part {i} is about ibis flock {i}.\n\n" for i in range(6)),
}


def write(corpus: Path, files: dict[str, str]) -> None:
    corpus.mkdir(exist_ok=True)
    for old in corpus.iterdir():
        old.unlink()
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")


def child(root: Path, point: str = "none") -> subprocess.Popen:
    """An ingest of root/corpus into root/data in a fresh interpreter, run from `root`.

    From there the manifest keys are relative ("corpus/alpha.md"), so a copy of a data dir built in
    another root still matches its corpus.
    """
    script = root / "child.py"
    script.write_text(_CHILD, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}
    return subprocess.Popen(
        [sys.executable, str(script), "corpus", "data", point],
        cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def run_to_end(root: Path) -> int:
    """Ingest to completion; how many chunks it embedded."""
    proc = child(root)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0 and out.startswith("done"), err[-2000:]
    return int(out.split()[1])


def kill_at(root: Path, point: str) -> None:
    proc = child(root, point)
    watchdog = threading.Timer(120, proc.kill)  # a child that never reaches the point must not hang the suite
    watchdog.start()
    try:
        line = proc.stdout.readline().strip()
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate()
    finally:
        watchdog.cancel()
    assert line == point, f"child did not reach {point!r}: {line!r} {err[-2000:]}"
    assert proc.returncode == -signal.SIGKILL


def open_fresh(data_dir: Path) -> IndexSnapshot:
    """Open the index as a new process would: without chromadb's per-path client cache of earlier opens."""
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()
    return IndexSnapshot.open(data_dir)


def our_collections(data_dir: Path) -> list[str]:
    names = [c if isinstance(c, str) else c.name for c in open_client(data_dir).list_collections()]
    return sorted(n for n in names if n.startswith("docent_"))


def find(snapshot: IndexSnapshot, words: str) -> str:
    """The text of the chunk BM25 ranks first for `words`; dense search must rank it first for its own text."""
    lexical = snapshot.lexical.search(tokenize(words), 1)
    assert lexical, f"BM25 found nothing for {words!r}"
    row = lexical[0][0]
    # The HashEmbedder's 64 buckets collide on short queries; a chunk's own text must still find it.
    dense = snapshot.dense_search(HashEmbedder().encode([snapshot.chunks[row].embedding_text()])[0], 1)
    assert dense[0][0] == row and dense[0][1] > 0.999, dense
    return snapshot.chunks[row].text


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A data dir holding the OLD corpus's index, built once by a child process and never touched again."""
    root = tmp_path_factory.mktemp("old-index")
    write(root / "corpus", OLD)
    run_to_end(root)
    return root / "data"


@pytest.fixture
def old_index(tmp_path: Path, built: Path) -> set[str]:
    """A private copy of the old index beside a corpus dir already changed to NEW; the old chunk ids."""
    shutil.copytree(built, tmp_path / "data")  # no process has it open: a plain copy is a whole index
    write(tmp_path / "corpus", NEW)
    return {cid for entry in load_state(tmp_path / "data").files.values() for cid in entry.chunk_ids}


@pytest.mark.parametrize("point", ["collection-created", "mid-embedding", "before-switch"])
def test_killed_before_the_switch_the_old_index_serves(tmp_path: Path, old_index: set[str], point: str) -> None:
    data = tmp_path / "data"
    live = load_state(data)

    kill_at(tmp_path, point)

    assert load_state(data) == live
    snapshot = open_fresh(data)
    assert {c.id for c in snapshot.chunks} == old_index
    assert snapshot.collection.count() == len(old_index)
    assert "pelican keeper" in find(snapshot, "pelican keeper")
    assert "walrus adapter" in find(snapshot, "walrus adapter")
    assert not any("zeppelin" in c.text or "ibis" in c.text for c in snapshot.chunks)
    assert len(our_collections(data)) == 2  # the half-built generation is really there

    embedded = run_to_end(tmp_path)

    snapshot = open_fresh(data)
    assert "zeppelin pilot" in find(snapshot, "zeppelin pilot")
    assert "ibis flock 3." in find(snapshot, "part 3 ibis flock 3")
    assert not any("walrus" in c.text or "pelican" in c.text for c in snapshot.chunks)
    state = load_state(data)
    assert state.files["corpus/beta.md"] == live.files["corpus/beta.md"]  # unchanged: kept, not re-embedded
    assert embedded == len(state.files["corpus/alpha.md"].chunk_ids) + len(state.files["corpus/delta.md"].chunk_ids)
    assert our_collections(data) == [state.collection]
    assert [p.name for p in (data / "generations").iterdir()] == [state.generation]


def test_killed_after_the_switch_the_new_index_serves(tmp_path: Path, old_index: set[str]) -> None:
    data = tmp_path / "data"
    old = load_state(data)

    kill_at(tmp_path, "after-switch")

    snapshot = open_fresh(data)
    assert snapshot.state.generation != old.generation
    assert "zeppelin pilot" in find(snapshot, "zeppelin pilot")
    assert old.collection in our_collections(data) and old.generation_dir(data).exists()  # not yet dropped

    assert run_to_end(tmp_path) == 0  # nothing changed since: it only clears the superseded generation

    state = load_state(data)
    assert state.generation == snapshot.state.generation
    assert our_collections(data) == [state.collection]
    assert [p.name for p in (data / "generations").iterdir()] == [state.generation]
