"""The user's path through faults: `docent ingest` killed with SIGKILL, a damaged or deleted data dir.

Each case runs the real CLI (`docent.cli.main`) in a fresh process and checks what a person
would see: the exit code, a one-line message that says what to run, and that `docent ask` keeps
answering from the previous index after a kill, and again after a re-ingest. The fast tests
swap the encoders for `fakes.HashEmbedder` inside that process (and can make it kill itself at
a chosen point of an ingest); the slow one keeps the packaged MiniLM. A kill from outside is
sent once the child says, through a marker file, that it stands at the chosen point: never
after a guessed delay or a progress-bar reading, so a busy machine changes how long a case
takes, not what it tests. Ingest-level crash guarantees (what is left on disk, generation by
generation) live in test_crash.py.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Runs `docent ARGS`, with the fake encoder unless DOCENT_TEST_REAL_MODEL is set.
# DOCENT_TEST_KILL_AT makes the process SIGKILL itself at one point of an ingest (the same as
# `kill -9` from outside at that moment); DOCENT_TEST_HANG_AT makes it announce the point by
# creating DOCENT_TEST_MARKER and wait there for the test's kill (killing itself only if none
# comes within ten minutes, so a test that died cannot leave it behind for long).
RUNNER = textwrap.dedent(
    """
    import os, signal, sys, time
    from pathlib import Path
    from fakes import HashEmbedder
    import assistant.factory, ingest.embedder, ingest.index as index

    class Fake(HashEmbedder):
        def __init__(self, *args, **kwargs):
            super().__init__()

    if not os.environ.get("DOCENT_TEST_REAL_MODEL"):
        ingest.embedder.MiniLMEmbedder = assistant.factory.FastEncoder = Fake
    point = os.environ.get("DOCENT_TEST_KILL_AT") or os.environ.get("DOCENT_TEST_HANG_AT")

    def stop():
        if os.environ.get("DOCENT_TEST_HANG_AT"):
            Path(os.environ["DOCENT_TEST_MARKER"]).write_text(point)
            time.sleep(600)
        os.kill(os.getpid(), signal.SIGKILL)

    def stop_before(name):
        original = getattr(index, name)
        def wrapper(*args, **kwargs):
            stop()
            return original(*args, **kwargs)
        setattr(index, name, wrapper)

    if point == "second-batch":  # one batch of the new generation is stored, the next is due to be encoded
        # Counted at the batch step, not in the encoder: an encoder may be called more than once per batch.
        embed_and_add, calls = index.embed_and_add, []
        def stop_at_second(*args, **kwargs):
            calls.append(1)
            if len(calls) == 2:
                stop()
            return embed_and_add(*args, **kwargs)
        index.embed_and_add = stop_at_second
        options = index.IngestOptions
        index.IngestOptions = lambda **kw: options(**{"batch_size": 1, **kw})
    elif point == "chunk-table":  # every vector stored; the chunk table not yet written
        stop_before("write_chunks")
    elif point == "pointer":  # the new pointer written to state.json.tmp, not yet renamed
        replace = os.replace
        def replace_then_stop(src, dst, *args, **kwargs):
            if str(dst).endswith("state.json"):
                stop()
            return replace(src, dst, *args, **kwargs)
        os.replace = replace_then_stop
    elif point == "old-generation":  # the new generation is live; the old one not yet dropped
        stop_before("_drop_generation")

    from docent.cli import main
    sys.exit(main(sys.argv[1:]))
    """
)

ALPHA = "# Alpha Report\n\n## Customers\n\nAlpha customers include Zebrafinch Labs and Orca Freight.\n"
BETA = "# Beta Notes\n\n## Habitat\n\nBeta covers quokka habitats on Rottnest Island.\n"
DELTA = (  # two sections, two chunks: with one chunk per batch, a kill can fall between them
    "# Delta Log\n\n## Birds\n\nDelta tracks ibis flocks near the harbour every spring.\n\n"
    "## Boats\n\nDelta also counts ferries crossing the bay.\n"
)
OLD_QUESTION = "Which companies are alpha customers?"
NEW_QUESTION = "What flocks does Delta track near the harbour?"


def make_world(root: Path) -> dict:
    """root/corpus with alpha and beta, root/runner.py, and root/data (not yet created) as the data dir."""
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "alpha.md").write_text(ALPHA, encoding="utf-8")
    (corpus / "beta.md").write_text(BETA, encoding="utf-8")
    runner = root / "runner.py"
    runner.write_text(RUNNER, encoding="utf-8")
    return {"corpus": corpus, "data": root / "data", "runner": runner, "tmp": root}


@pytest.fixture
def world(tmp_path: Path) -> dict:
    """A corpus of alpha and beta, nothing indexed yet."""
    return make_world(tmp_path)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A data dir holding alpha and beta indexed with the fake encoder, built once and never touched again."""
    first = make_world(tmp_path_factory.mktemp("built"))
    done = docent(first, "ingest", "--quiet")
    assert done.returncode == 0, done.stderr[-2000:]
    return first["data"]


@pytest.fixture
def indexed(world: dict, built: Path) -> dict:
    """`world` after a completed fake-encoder ingest: a private copy of `built`.

    Every command runs from the world's root, so the manifest's keys ("corpus/alpha.md") match
    the copy's corpus; no process has `built` open, so a plain copy is a whole index.
    """
    shutil.copytree(built, world["data"])
    return world


def child_env(world: dict, **env: str) -> dict:
    """A `docent` child's environment: `world`'s dirs and none of the caller's other DOCENT_* settings.

    Filtered here, not left to conftest's autouse cleanup: the module-scoped `built` runs before it.
    """
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("DOCENT_")},
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")]),
        "DOCENT_DATA_DIR": str(world["data"]),
        "DOCENT_CORPUS_DIR": str(world["corpus"]),
        "HF_HUB_OFFLINE": "1",
        **env,
    }


def docent(world: dict, *args: str, fake: bool = True, timeout: float = 300, **env) -> subprocess.CompletedProcess:
    """`docent ARGS` in a fresh process: through RUNNER, or the unpatched CLI when `fake` is False."""
    cmd = [sys.executable, str(world["runner"]), *args] if fake else [sys.executable, "-m", "docent.cli", *args]
    return subprocess.run(
        cmd, env=child_env(world, **env), capture_output=True, text=True, timeout=timeout, cwd=world["tmp"]
    )


def ask_json(world: dict, question: str, **kwargs) -> dict:
    done = docent(world, "ask", "--json", question, **kwargs)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def sources(answer: dict) -> set[str]:
    return {Path(c["source"]).name for c in answer["contexts"]}


def one_line_error(done: subprocess.CompletedProcess) -> str:
    """The message of a failed command: exit 1, no traceback, one line that says to run `docent ingest`."""
    assert done.returncode == 1, (done.returncode, done.stderr[-2000:])
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith("docent: ") and "docent ingest" in lines[0], lines[0]
    return lines[0]


def live_generation(data: Path) -> str:
    return json.loads((data / "state.json").read_text(encoding="utf-8"))["generation"]


def open_store(data: Path):
    """The data dir's Chroma as a new process would see it, not through chromadb's per-path cache."""
    from chromadb.api.shared_system_client import SharedSystemClient

    from ingest.store import open_client

    SharedSystemClient.clear_system_cache()
    return open_client(data)


def collection_names(client) -> list[str]:
    return [c if isinstance(c, str) else c.name for c in client.list_collections()]


def half_built_counts(data: Path) -> list[int]:
    """How many vectors each collection other than the live one holds (what a kill left behind)."""
    from ingest.store import get_collection

    client = open_store(data)
    live = json.loads((data / "state.json").read_text(encoding="utf-8"))["collection"]
    return [get_collection(client, name).count() for name in collection_names(client) if name != live]


def assert_clean(data: Path) -> None:
    """One generation on disk and one collection in the store: the live ones."""
    from ingest.state import load_state

    state = load_state(data)
    assert [p.name for p in (data / "generations").iterdir()] == [state.generation]
    assert collection_names(open_store(data)) == [state.collection]


# --- SIGKILL during an ingest ----------------------------------------------------------------

# point → vectors in the collection that is not live once the kill lands there: the two kept
# chunks copied, plus delta's first chunk or both; after the switch, the superseded old one.
KILL_POINTS = {"second-batch": 3, "chunk-table": 4, "pointer": 4, "old-generation": 2}


@pytest.mark.parametrize("point", KILL_POINTS)
def test_a_killed_ingest_leaves_the_previous_index_answering_and_a_rerun_completes(indexed: dict, point: str) -> None:
    world = indexed
    before = live_generation(world["data"])
    (world["corpus"] / "delta.md").write_text(DELTA, encoding="utf-8")

    killed = docent(world, "ingest", "--quiet", DOCENT_TEST_KILL_AT=point)
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    assert half_built_counts(world["data"]) == [KILL_POINTS[point]]  # the kill fell where it was meant to

    old = ask_json(world, OLD_QUESTION)
    assert not old["refused"] and "Zebrafinch" in old["answer"]
    switched = point == "old-generation"  # killed after the switch: the new generation is the live one
    assert (live_generation(world["data"]) != before) is switched
    assert ("delta.md" in sources(old)) is switched  # four chunks in all: every one is among the contexts

    rerun = docent(world, "ingest", "--quiet")
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert "Index: 3 document(s)" in rerun.stdout
    new = ask_json(world, NEW_QUESTION)
    assert not new["refused"] and "ibis" in new["answer"] and "delta.md" in sources(new)
    assert_clean(world["data"])


ENCODERS = ["hash", pytest.param("minilm", marks=pytest.mark.slow)]


@pytest.mark.parametrize("encoder", ENCODERS)
def test_an_ingest_killed_from_outside_mid_encoding(request, encoder: str) -> None:
    """SIGKILL from another process once one batch is stored and the next is due; `minilm` is the packaged model."""
    real = encoder == "minilm"
    world = request.getfixturevalue("world" if real else "indexed")
    if real:
        first = docent(world, "ingest", "--quiet", fake=False)
        assert first.returncode == 0, first.stderr[-2000:]
    before = live_generation(world["data"])
    (world["corpus"] / "delta.md").write_text(DELTA, encoding="utf-8")

    marker = world["tmp"] / "hanging"
    env = child_env(world, DOCENT_TEST_HANG_AT="second-batch", DOCENT_TEST_MARKER=str(marker))
    if real:
        env["DOCENT_TEST_REAL_MODEL"] = "1"
    log = world["tmp"] / "hanging.log"  # a file, not a pipe: a child must never block on a full pipe
    with open(log, "wb") as err:
        proc = subprocess.Popen([sys.executable, str(world["runner"]), "ingest", "--quiet"], env=env,
                                cwd=world["tmp"], stdout=subprocess.DEVNULL, stderr=err)
    try:
        # No tight clock here: the child either reaches the point or exits. The bound only keeps
        # a child stuck elsewhere from hanging the suite, and is far above a loaded machine's pace.
        deadline = time.monotonic() + 600
        while not marker.exists():
            assert proc.poll() is None, f"the ingest exited before its second batch: {log.read_text()[-2000:]}"
            assert time.monotonic() < deadline, "the ingest did not reach its second batch within 600 s"
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(60) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    assert live_generation(world["data"]) == before
    assert half_built_counts(world["data"]) == [KILL_POINTS["second-batch"]]
    old = ask_json(world, OLD_QUESTION, fake=not real)
    assert not old["refused"] and "Zebrafinch" in old["answer"] and "delta.md" not in sources(old)

    rerun = docent(world, "ingest", "--quiet", fake=not real)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert "Index: 3 document(s)" in rerun.stdout
    new = ask_json(world, NEW_QUESTION, fake=not real)
    assert not new["refused"] and "ibis" in new["answer"] and "delta.md" in sources(new)
    assert_clean(world["data"])


# --- a damaged or deleted data dir -----------------------------------------------------------


def garbage_pointer(data: Path) -> None:
    (data / "state.json").write_text('{"generation": "2024', encoding="utf-8")


def delete_chroma(data: Path) -> None:
    shutil.rmtree(data / "chroma")


def delete_generation(data: Path) -> None:
    shutil.rmtree(data / "generations" / live_generation(data))


def truncate_chunk_table(data: Path) -> None:
    table = data / "generations" / live_generation(data) / "chunks.jsonl"
    table.write_bytes(table.read_bytes()[: table.stat().st_size // 2])


def delete_bm25(data: Path) -> None:
    shutil.rmtree(data / "generations" / live_generation(data) / "bm25")


def delete_data_dir(data: Path) -> None:
    shutil.rmtree(data)


DAMAGE = [garbage_pointer, delete_chroma, delete_generation, truncate_chunk_table, delete_bm25, delete_data_dir]


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__)
def test_damage_gives_a_one_line_error_and_a_reingest_repairs_it(indexed: dict, damage) -> None:
    world = indexed
    damage(world["data"])

    one_line_error(docent(world, "ask", OLD_QUESTION))

    rerun = docent(world, "ingest", "--quiet")
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    answer = ask_json(world, OLD_QUESTION)
    assert not answer["refused"] and "Zebrafinch" in answer["answer"]
    assert_clean(world["data"])


def test_a_corrupt_vector_store_says_how_to_recover_and_that_works(indexed: dict) -> None:
    world = indexed
    (world["data"] / "chroma" / "chroma.sqlite3").write_bytes(b"not a database\n" * 100)

    message = one_line_error(docent(world, "ask", OLD_QUESTION))
    assert f"delete {world['data']}" in message
    one_line_error(docent(world, "ingest", "--quiet"))  # ingest cannot open it either, and says the same

    shutil.rmtree(world["data"])  # what the message says to do
    assert docent(world, "ingest", "--quiet").returncode == 0
    assert "Zebrafinch" in ask_json(world, OLD_QUESTION)["answer"]
