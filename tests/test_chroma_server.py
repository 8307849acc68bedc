"""The same ingest and snapshot code against a real Chroma server (`chroma run`) as against the embedded store.

The server is the venv's own `chroma` CLI on a free local port, stopped at the end even when a test
fails. Vectors come from the HashEmbedder: the point is the store, not the model.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from fakes import HashEmbedder

from ingest.index import IngestOptions, ingest
from ingest.snapshot import IndexSnapshot
from ingest.state import load_state
from ingest.store import StoreError, open_client

CORPUS = {
    "otters.md": "# Otters\n\n## Diet\n\nOtters eat sea urchins and crabs.\n\n"
    "## Tools\n\nSea otters crack shells with rocks.\n",
    "kelp.md": "# Kelp\n\nKelp forests grow half a metre a day in cold water.\n",
    "notes.txt": "Field notes: urchin barrens spread where otters vanished.\n",
}
QUERIES = ["what do otters eat", "kelp growth per day", "urchin barrens", "rocks and shells"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_heartbeat(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"chroma run exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no heartbeat from {url} within {seconds} s")


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("chroma-server")
    port = free_port()
    chroma = Path(sys.executable).parent / "chroma"
    with open(root / "server.log", "wb") as log:
        server = subprocess.Popen(
            [str(chroma), "run", "--path", str(root / "db"), "--port", str(port), "--host", "127.0.0.1"],
            stdout=log, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_heartbeat(url, server)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    for name, text in CORPUS.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def contents(snapshot: IndexSnapshot) -> dict[str, tuple[str, np.ndarray]]:
    """Chunk id → (document text, vector) as the vector store holds them."""
    got = snapshot.collection.get(include=["documents", "embeddings"])
    return {cid: (doc, np.asarray(vec)) for cid, doc, vec in zip(got["ids"], got["documents"], got["embeddings"])}


@pytest.mark.slow
def test_a_server_holds_what_the_embedded_store_holds(tmp_path: Path, corpus: Path, chroma_url: str) -> None:
    remote, local = tmp_path / "remote", tmp_path / "local"
    ingest([corpus], HashEmbedder(), IngestOptions(data_dir=remote, chroma_url=chroma_url, progress=False))
    ingest([corpus], HashEmbedder(), IngestOptions(data_dir=local, progress=False))

    served = IndexSnapshot.open(remote, chroma_url)
    embedded = IndexSnapshot.open(local)
    assert not (remote / "chroma").exists()  # the vectors really went to the server
    assert [(c.id, c.text) for c in served.chunks] == [(c.id, c.text) for c in embedded.chunks]
    assert len(served.chunks) == 4

    on_server, on_disk = contents(served), contents(embedded)
    assert sorted(on_server) == sorted(on_disk) == sorted(c.id for c in served.chunks)
    for cid, (text, vector) in on_server.items():
        assert text == on_disk[cid][0]
        np.testing.assert_allclose(vector, on_disk[cid][1], atol=1e-6)

    encoder = HashEmbedder()
    for query in QUERIES:
        vector = encoder.encode([query])[0]
        # Every chunk, compared as row → score: the HashEmbedder gives some chunks equal scores, and
        # the two stores may order a tie differently.
        got, expected = dict(served.dense_search(vector, 4)), dict(embedded.dense_search(vector, 4))
        assert sorted(got) == sorted(expected) == [0, 1, 2, 3], query
        np.testing.assert_allclose([got[r] for r in range(4)], [expected[r] for r in range(4)], atol=1e-5)
    top_row, _ = served.dense_search(encoder.encode(["kelp forests grow"])[0], 1)[0]
    assert served.chunks[top_row].source.endswith("kelp.md")


@pytest.mark.slow
def test_a_reingest_against_the_server_drops_the_old_collection(tmp_path: Path, corpus: Path, chroma_url: str) -> None:
    data = tmp_path / "remote"
    options = IngestOptions(data_dir=data, chroma_url=chroma_url, progress=False)
    ingest([corpus], HashEmbedder(), options)
    first = load_state(data)

    again = HashEmbedder()
    assert ingest([corpus], again, options).chunks_embedded == 0 and again.calls == 0
    (corpus / "kelp.md").write_text("# Kelp\n\nKelp needs cold, nutrient-rich water.\n", encoding="utf-8")
    report = ingest([corpus], HashEmbedder(), options)

    assert (report.chunks_embedded, report.chunks_removed) == (1, 1)
    state = load_state(data)
    names = [c if isinstance(c, str) else c.name for c in open_client(data, chroma_url).list_collections()]
    assert state.collection in names and first.collection not in names
    assert any("nutrient-rich" in c.text for c in IndexSnapshot.open(data, chroma_url).chunks)


@pytest.mark.slow
def test_data_dirs_sharing_a_server_leave_each_other_s_collections_alone(tmp_path: Path, corpus: Path, chroma_url: str) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    ingest([corpus], HashEmbedder(), IngestOptions(data_dir=first, chroma_url=chroma_url, progress=False))
    ingest([corpus], HashEmbedder(), IngestOptions(data_dir=second, chroma_url=chroma_url, progress=False))
    superseded = load_state(first).collection

    (corpus / "kelp.md").write_text("# Kelp\n\nKelp needs cold, nutrient-rich water.\n", encoding="utf-8")
    ingest([corpus], HashEmbedder(), IngestOptions(data_dir=first, chroma_url=chroma_url, progress=False))

    names = [c if isinstance(c, str) else c.name for c in open_client(first, chroma_url).list_collections()]
    assert superseded not in names and load_state(first).collection in names
    other = IndexSnapshot.open(second, chroma_url)  # the same prefix, the same server: still whole
    assert other.collection.count() == len(other.chunks) == 4


def test_an_unreachable_server_says_what_to_do(tmp_path: Path, corpus: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    with pytest.raises(StoreError) as caught:
        ingest([corpus], HashEmbedder(), IngestOptions(data_dir=tmp_path / "data", chroma_url=url, progress=False))
    message = str(caught.value)
    assert url in message and "chroma run --path DIR --port PORT" in message and "unset DOCENT_CHROMA_URL" in message
    assert not (tmp_path / "data" / "state.json").exists()

    with pytest.raises(StoreError, match="cannot reach the Chroma server"):
        open_client(tmp_path / "data", url)
