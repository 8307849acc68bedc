"""ingest() end to end on tmp corpora with the HashEmbedder: what gets embedded, kept, dropped, skipped.

Every test reads the result back the way the assistant does (state.json, IndexSnapshot, the Chroma
collection), never through ingest's internals. The crash and Chroma-server cases live in
test_crash.py and test_chroma_server.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from fakes import HashEmbedder

from ingest.index import IngestOptions, NothingIndexedError, ingest, path_key
from ingest.lexical import tokenize
from ingest.snapshot import IndexMissingError, IndexSnapshot
from ingest.state import FORMAT_VERSION, STATE_FILE, CorruptIndexError, load_state, save_state
from ingest.store import SEARCH_EF, open_client
from ingest.units import split_units

ROOT = Path(__file__).resolve().parent.parent

ALPHA = """# Alpha Report

## Revenue

Alpha revenue grew to 1,200 units in the first quarter.

## Customers

Alpha customers include Zebrafinch Labs and Orca Freight.
"""
BETA = "# Beta Notes\n\nBeta covers quokka habitats and nothing else.\n"
GAMMA = """# Gamma Guide

## Setup

Gamma setup needs a walrus adapter.

## Usage

Gamma usage is daily.

## Limits

Gamma limits are 40 pelican units.
"""
CHUNKS_PER_FILE = {"alpha.md": 2, "beta.md": 1, "gamma.md": 3}  # one chunk per section; a lone H1 joins the next


def write_corpus(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in (("alpha.md", ALPHA), ("beta.md", BETA), ("gamma.md", GAMMA)):
        (root / name).write_text(text, encoding="utf-8")
    return root


def options(tmp_path: Path, **overrides) -> IngestOptions:
    return IngestOptions(data_dir=tmp_path / "data", progress=False, **overrides)


def ids_by_file(data_dir: Path) -> dict[str, tuple[str, ...]]:
    """File name → its chunk ids, from the manifest."""
    state = load_state(data_dir)
    return {Path(source).name: entry.chunk_ids for source, entry in state.files.items()}


def stored(data_dir: Path) -> dict[str, list[float]]:
    """Chunk id → vector, straight from the live Chroma collection."""
    got = IndexSnapshot.open(data_dir).collection.get(include=["embeddings"])
    return {cid: list(map(float, vec)) for cid, vec in zip(got["ids"], got["embeddings"])}


def assert_one_live_generation(data_dir: Path) -> None:
    """Nothing half built or superseded is left: one generation dir, one of our collections."""
    state = load_state(data_dir)
    assert [p.name for p in (data_dir / "generations").iterdir()] == [state.generation]
    names = [c if isinstance(c, str) else c.name for c in open_client(data_dir).list_collections()]
    assert [n for n in names if n.startswith("docent_")] == [state.collection]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def indexed(tmp_path: Path, corpus: Path) -> Path:
    """The data dir after a first ingest of `corpus`."""
    ingest([corpus], HashEmbedder(), options(tmp_path))
    return tmp_path / "data"


# --- the happy path --------------------------------------------------------------------------


def test_first_ingest_indexes_every_chunk_once(tmp_path: Path, corpus: Path) -> None:
    embedder = HashEmbedder()
    report = ingest([corpus], embedder, options(tmp_path))

    total = sum(CHUNKS_PER_FILE.values())
    assert (report.files_read, report.skipped, report.warnings) == (3, [], [])
    assert (report.documents, report.total_chunks) == (3, total)
    assert (report.chunks_added, report.chunks_embedded) == (total, total)
    assert (report.chunks_removed, report.chunks_unchanged) == (0, 0)
    assert embedder.texts_encoded == total

    data_dir = tmp_path / "data"
    state = load_state(data_dir)
    assert set(state.files) == {path_key(corpus / name) for name in CHUNKS_PER_FILE}
    assert {name: len(ids) for name, ids in ids_by_file(data_dir).items()} == CHUNKS_PER_FILE
    snapshot = IndexSnapshot.open(data_dir)
    assert snapshot.collection.count() == len(snapshot.chunks) == state.chunks == total
    assert {c.id for c in snapshot.chunks} == set(stored(data_dir))
    assert snapshot.collection.configuration["hnsw"]["ef_search"] == SEARCH_EF  # cosine, searched wide
    assert snapshot.collection.configuration["hnsw"]["space"] == "cosine"
    assert_one_live_generation(data_dir)


def test_both_retrievers_find_a_passage_by_its_words(indexed: Path) -> None:
    snapshot = IndexSnapshot.open(indexed)
    row, _ = snapshot.lexical.search(tokenize("walrus adapter"), 3)[0]
    assert snapshot.chunks[row].section == "Setup"
    vector = HashEmbedder().encode(["quokka habitats"])[0]
    row, score = snapshot.dense_search(vector, 3)[0]
    assert Path(snapshot.chunks[row].source).name == "beta.md" and score > 0.3


# --- incremental runs ------------------------------------------------------------------------


def test_unchanged_corpus_embeds_nothing_and_keeps_the_generation(tmp_path: Path, corpus: Path, indexed: Path) -> None:
    before = load_state(indexed)
    embedder = HashEmbedder()
    report = ingest([corpus], embedder, options(tmp_path))

    assert (report.chunks_embedded, report.chunks_added, report.chunks_removed) == (0, 0, 0)
    assert report.chunks_unchanged == report.total_chunks == sum(CHUNKS_PER_FILE.values())
    assert (embedder.calls, embedder.texts_encoded) == (0, 0)
    assert load_state(indexed) == before


def test_a_changed_file_is_the_only_one_reembedded(tmp_path: Path, corpus: Path, indexed: Path) -> None:
    ids_before, vectors_before = ids_by_file(indexed), stored(indexed)
    old = IndexSnapshot.open(indexed)
    units_before = {c.id: old.units.get(c.id) for c in old.chunks}
    (corpus / "gamma.md").write_text(GAMMA.replace("daily", "weekly, and on holidays"), encoding="utf-8")

    embedder = HashEmbedder()
    report = ingest([corpus], embedder, options(tmp_path))

    assert embedder.texts_encoded == report.chunks_embedded == report.chunks_added == CHUNKS_PER_FILE["gamma.md"]
    assert report.chunks_unchanged == CHUNKS_PER_FILE["alpha.md"] + CHUNKS_PER_FILE["beta.md"]
    ids_after, vectors_after = ids_by_file(indexed), stored(indexed)
    for name in ("alpha.md", "beta.md"):  # same ids and the very same vectors: copied, not re-embedded
        assert ids_after[name] == ids_before[name]
        assert all(vectors_after[cid] == vectors_before[cid] for cid in ids_after[name])
    # Answer units' vectors travel with their chunks: every chunk has one per unit, kept ones unchanged.
    snapshot = IndexSnapshot.open(indexed)
    for chunk in snapshot.chunks:
        units = snapshot.units.get(chunk.id)
        assert sorted(units) == [u.start for u in split_units(chunk, 0)] and units
        if chunk.id in units_before:
            assert all((units[s] == units_before[chunk.id][s]).all() for s in units)
    # "Setup" sits before the edit so its span and id survive; the two after it moved.
    gone = set(ids_before["gamma.md"]) - set(ids_after["gamma.md"])
    assert len(gone) == 2 and report.chunks_removed == 2
    assert not gone & set(vectors_after)
    snapshot = IndexSnapshot.open(indexed)
    assert any("holidays" in c.text for c in snapshot.chunks)
    assert_one_live_generation(indexed)


def test_a_removed_file_leaves_the_store_and_the_chunk_table(tmp_path: Path, corpus: Path, indexed: Path) -> None:
    gamma_ids = set(ids_by_file(indexed)["gamma.md"])
    (corpus / "gamma.md").unlink()

    embedder = HashEmbedder()
    report = ingest([corpus], embedder, options(tmp_path))

    assert report.chunks_removed == len(gamma_ids) and embedder.calls == 0
    assert "gamma.md" not in ids_by_file(indexed)
    snapshot = IndexSnapshot.open(indexed)
    assert not gamma_ids & set(stored(indexed))
    assert not gamma_ids & {c.id for c in snapshot.chunks}
    assert snapshot.lexical.search(tokenize("pelican walrus"), 5) == []
    assert_one_live_generation(indexed)


def test_a_file_that_breaks_keeps_its_last_good_chunks(tmp_path: Path, corpus: Path, indexed: Path) -> None:
    ids_before = ids_by_file(indexed)
    (corpus / "beta.md").write_bytes(b"\x00\x01\x02garbage\xff" * 500)

    embedder = HashEmbedder()
    report = ingest([corpus], embedder, options(tmp_path))

    assert [(Path(s.path).name, s.reason) for s in report.skipped] == [
        ("beta.md", "binary file with a .md extension (found NUL bytes); remove it or convert it to text")
    ]
    assert embedder.calls == 0
    assert ids_by_file(indexed) == ids_before
    assert set(ids_before["beta.md"]) <= set(stored(indexed))
    snapshot = IndexSnapshot.open(indexed)
    assert any("quokka" in c.text for c in snapshot.chunks)


def test_an_unchanged_broken_file_is_reported_again_without_a_new_generation(
    tmp_path: Path, corpus: Path, indexed: Path
) -> None:
    (corpus / "blob.md").write_bytes(b"\x00\x01\x02garbage\xff" * 500)
    first = ingest([corpus], HashEmbedder(), options(tmp_path))
    generation = load_state(indexed).generation

    embedder = HashEmbedder()
    again = ingest([corpus], embedder, options(tmp_path))

    assert [(Path(s.path).name, s.reason) for s in again.skipped] == [(Path(s.path).name, s.reason) for s in first.skipped]
    assert [Path(s.path).name for s in again.skipped] == ["blob.md"]
    assert load_state(indexed).generation == generation and embedder.calls == 0
    assert_one_live_generation(indexed)

    (corpus / "blob.md").write_text("# Blob\n\nMended: the axolotl file reads now.\n", encoding="utf-8")
    mended = ingest([corpus], HashEmbedder(), options(tmp_path))
    assert mended.skipped == [] and mended.chunks_embedded == 1
    assert "blob.md" in ids_by_file(indexed) and load_state(indexed).failed == {}


def test_changing_chunk_size_rebuilds_everything(tmp_path: Path, corpus: Path, indexed: Path) -> None:
    (corpus / "long.md").write_text("# Long\n\n" + "Otters float on kelp beds. " * 120, encoding="utf-8")
    ingest([corpus], HashEmbedder(), options(tmp_path))
    long_before = ids_by_file(indexed)["long.md"]

    embedder = HashEmbedder()
    report = ingest([corpus], embedder, options(tmp_path, chunk_size=300, chunk_overlap=40))

    assert embedder.texts_encoded == report.chunks_embedded == report.total_chunks
    assert report.chunks_unchanged == 0
    assert report.warnings == ["chunking or embedding settings changed: rebuilding the whole index"]
    assert len(ids_by_file(indexed)["long.md"]) > len(long_before)
    state = load_state(indexed)
    assert (state.chunk_size, state.chunk_overlap) == (300, 40)
    assert_one_live_generation(indexed)


# --- bad inputs ------------------------------------------------------------------------------


def test_bad_inputs_are_reported_one_line_each_and_the_rest_indexed(
    tmp_path: Path, corpus: Path, indexed: Path
) -> None:
    ids_before = ids_by_file(indexed)
    (corpus / "empty.md").write_text("")
    (corpus / "blob.txt").write_bytes(bytes(range(256)) * 40)
    (corpus / "latin1.md").write_bytes("# Latin\n\nNarwhal caf\xe9 notes.\n".encode("latin-1"))
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage\n")
    (corpus / "table.csv").write_text("a,b\n1,2\n")
    (corpus / "loop.md").symlink_to("loop.md")  # a link to itself: ELOOP on open
    (corpus / "sub").mkdir()
    (corpus / "sub" / "delta.md").write_text("# Delta\n\nDelta tracks ibis flocks.\n")
    (corpus / "sub" / "back").symlink_to("..")  # a directory cycle: must not recurse forever
    missing = tmp_path / "nowhere" / "gone.md"

    embedder = HashEmbedder()
    report = ingest([corpus, missing], embedder, options(tmp_path))

    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert set(reasons) == {"empty.md", "blob.txt", "broken.pdf", "table.csv", "loop.md", "gone.md"}
    assert all(reason and "\n" not in reason for reason in reasons.values())
    assert reasons["empty.md"] == "empty file; nothing to index"
    assert reasons["blob.txt"].startswith("binary file with a .txt extension")
    assert reasons["broken.pdf"].startswith("corrupt or unreadable PDF")
    assert reasons["table.csv"].startswith("unsupported file type '.csv'")
    assert reasons["loop.md"].startswith("no such file or directory")
    assert reasons["gone.md"] == "no such file or directory"
    assert [w for w in report.warnings if "latin1.md" in w and "invalid UTF-8" in w]

    files = ids_by_file(indexed)
    assert set(files) == {*CHUNKS_PER_FILE, "latin1.md", "delta.md"}  # delta.md once, despite the cycle
    assert all(files[name] == ids_before[name] for name in CHUNKS_PER_FILE)  # nothing indexed before lost
    assert embedder.texts_encoded == report.chunks_embedded == len(files["latin1.md"]) + len(files["delta.md"])
    texts = " ".join(c.text for c in IndexSnapshot.open(indexed).chunks)
    assert "Narwhal caf\ufffd notes" in texts and "ibis" in texts


def test_nothing_indexable_raises_and_leaves_the_index_as_it_was(tmp_path: Path, indexed: Path) -> None:
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "empty.md").write_text("  \n")
    (junk / "data.csv").write_text("x\n")
    pointer = (indexed / STATE_FILE).read_bytes()
    chunks_before = [c.id for c in IndexSnapshot.open(indexed).chunks]

    with pytest.raises(NothingIndexedError) as caught:
        ingest([junk], HashEmbedder(), options(tmp_path))

    message = str(caught.value)
    assert message.startswith("nothing could be indexed") and "empty file" in message and "'.csv'" in message
    assert (indexed / STATE_FILE).read_bytes() == pointer
    assert [c.id for c in IndexSnapshot.open(indexed).chunks] == chunks_before
    assert_one_live_generation(indexed)


def test_nothing_indexable_in_a_fresh_data_dir(tmp_path: Path) -> None:
    empty = tmp_path / "empty-dir"
    empty.mkdir()
    with pytest.raises(NothingIndexedError, match="no supported files found"):
        ingest([empty], HashEmbedder(), options(tmp_path))
    with pytest.raises(IndexMissingError):
        IndexSnapshot.open(tmp_path / "data")


# --- opening what is (not) there -------------------------------------------------------------


def test_opening_an_empty_data_dir_says_to_run_ingest(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    with pytest.raises(IndexMissingError, match="run `docent ingest`"):
        IndexSnapshot.open(tmp_path / "data")


def test_a_corrupt_pointer_says_what_to_do(indexed: Path) -> None:
    (indexed / STATE_FILE).write_text('{"generation": "2024', encoding="utf-8")
    with pytest.raises(CorruptIndexError) as caught:
        IndexSnapshot.open(indexed)
    assert f"delete {indexed}" in str(caught.value) and "run `docent ingest` again" in str(caught.value)


def test_a_pointer_missing_fields_is_corrupt_too(indexed: Path) -> None:
    raw = json.loads((indexed / STATE_FILE).read_text(encoding="utf-8"))
    del raw["files"]
    (indexed / STATE_FILE).write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(CorruptIndexError, match="docent ingest"):
        IndexSnapshot.open(indexed)


# --- a large file ----------------------------------------------------------------------------

LARGE_BYTES = 50_000_000
# 4000-character chunks: the same code path as the default 900, at a third of the run time (Chroma's
# cost is per record). Measured growth at 4000 is 7.7x the file, 8.6x with one more copy of its bytes
# kept alive (which this bound catches); at 900 it is 10.6x. Most of it is the BM25 build, which holds
# every token occurrence in Python lists (about 45 bytes each), not the streaming encode-and-store.
LARGE_CHUNK_SIZE = 4000
MAX_GROWTH_PER_BYTE = 8.5

# Runs in a fresh interpreter: ru_maxrss is a high-water mark, so the pytest process (models,
# earlier tests) would hide the growth. A tiny ingest first loads every lazy import and Chroma's
# native side, so the baseline holds them and the growth is the big file's alone.
_MEASURE = textwrap.dedent(
    """
    import json, resource, sys
    from pathlib import Path
    from fakes import HashEmbedder
    from ingest.index import IngestOptions, ingest

    big, work, chunk_size = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    (work / "warm").mkdir()
    (work / "warm" / "w.md").write_text("# Warm\\n\\nwarm up\\n")
    ingest([work / "warm"], HashEmbedder(), IngestOptions(data_dir=work / "warm-data", progress=False))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    report = ingest([big], HashEmbedder(), IngestOptions(data_dir=work / "data", chunk_size=chunk_size, progress=False))
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"growth": (after - before) * 1024, "chunks": report.total_chunks, "seconds": report.seconds}))
    """
)


def write_large_markdown(path: Path, size: int, seed: int = 7) -> None:
    """`size` bytes of prose-like lines (stopwords, long and short words, a unique number each) under ## headings."""
    import random

    rng = random.Random(seed)
    words = (
        "the of and to in a is that for it as with was on by be at this from or which an are have has "
        "cluster revenue contract datacenter power capacity nvidia customer lease financing megawatt "
        "inference training storage network region latency cooling tenant hyperscaler backlog "
        "depreciation utilization interconnect deployment availability procurement"
    ).split()
    pool = [" ".join(rng.choice(words) for _ in range(rng.randint(6, 30))) for _ in range(4000)]
    written, line_no = 0, 0
    with open(path, "w", encoding="utf-8") as out:
        while written < size:
            if line_no % 60 == 0:
                line = f"\n## Section {line_no // 60}: {rng.choice(words).title()} {rng.choice(words)}\n\n"
            else:
                line = f"{rng.choice(pool)} (ref {line_no}).\n" + ("\n" if line_no % 7 == 0 else "")
            written += out.write(line)
            line_no += 1


@pytest.mark.slow
def test_a_50_mb_file_ingests_in_bounded_memory(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    write_large_markdown(big, LARGE_BYTES)
    script = tmp_path / "measure.py"
    script.write_text(_MEASURE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}
    done = subprocess.run(
        [sys.executable, str(script), str(big), str(tmp_path), str(LARGE_CHUNK_SIZE)],
        env=env, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])

    assert result["chunks"] > LARGE_BYTES // LARGE_CHUNK_SIZE
    assert result["growth"] < MAX_GROWTH_PER_BYTE * big.stat().st_size, result


def test_an_index_of_an_older_format_is_rebuilt_whole(tmp_path: Path, corpus: Path) -> None:
    # A format change (3: HTML without permalink anchors) changes what chunks say, so an index of
    # another version is re-read and re-embedded even though no file changed.
    data_dir = tmp_path / "data"
    ingest([corpus], HashEmbedder(), options(tmp_path))
    state = load_state(data_dir)
    save_state(data_dir, replace(state, version=FORMAT_VERSION - 1))
    embedder = HashEmbedder()
    report = ingest([corpus], embedder, options(tmp_path))
    assert any("another version" in w for w in report.warnings)
    assert embedder.texts_encoded == report.chunks_embedded == report.total_chunks == state.chunks
    assert load_state(data_dir).version == FORMAT_VERSION
    assert_one_live_generation(data_dir)
