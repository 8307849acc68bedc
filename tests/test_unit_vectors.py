"""Answer units' vectors: pooled from the chunk's own encoder pass, stored per generation, read back.

The pooling test runs the packaged MiniLM: a span covering the whole text must pool to nearly the
text's own vector (the same tokens but the special ones), and a unit's vector must sit closer to a
question about that unit than to one about its neighbour.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from fakes import HashEmbedder

from ingest.embedder import MiniLMEmbedder, pool_spans
from ingest.types import Chunk
from ingest.unit_vectors import UnitVectorStore, UnitVectorWriter, encode_chunks, unit_spans

TEXT = "- **Founded:** 2017 in New Jersey\n- **Employees:** about 800 engineers\n\nIt sells GPU time by the hour."


def make_chunk(text: str = TEXT, start: int = 40) -> Chunk:
    return Chunk("c1", "doc.md", "Acme Report", "Overview > Facts", text, start, start + len(text))


def test_unit_spans_index_the_text_the_encoder_sees() -> None:
    chunk = make_chunk()
    seen = chunk.embedding_text()
    spans = unit_spans(chunk)
    assert [seen[b:e] for _, b, e in spans] == [
        "- **Founded:** 2017 in New Jersey",
        "- **Employees:** about 800 engineers",
        "It sells GPU time by the hour.",
    ]
    assert [start for start, _, _ in spans] == [40, 40 + TEXT.index("- **Emp"), 40 + TEXT.index("It sells")]


def test_pool_spans_averages_the_tokens_inside_each_span_and_skips_special_ones() -> None:
    states = np.array([[9.0, 9.0], [1.0, 0.0], [0.0, 1.0], [3.0, 4.0], [9.0, 9.0]])
    offsets = [(0, 0), (0, 3), (4, 7), (8, 11), (0, 0)]  # [CLS], three words, [SEP]
    whole, first, none = pool_spans(states, offsets, [(0, 11), (0, 3), (20, 30)])
    expected = np.array([4.0, 5.0]) / np.linalg.norm([4.0, 5.0])
    assert np.allclose(whole, expected) and np.allclose(first, [1.0, 0.0])
    assert none is None  # past the encoder's token limit: encoded on its own by the caller


def test_store_round_trip_keeps_each_chunks_vectors_by_unit_start(tmp_path: Path) -> None:
    writer = UnitVectorWriter(tmp_path)
    first = np.eye(3, 4, dtype=np.float32)
    writer.add("a", dict(zip([10, 20, 30], first)))
    writer.add("empty", {})
    writer.add("b", {5: np.full(4, 0.5)})
    writer.close()
    store = UnitVectorStore.load(tmp_path)
    got = store.get("a")
    assert sorted(got) == [10, 20, 30] and np.allclose(got[20], first[1])
    assert np.allclose(store.get("b")[5], 0.5) and store.get("empty") == {} and store.get("missing") == {}
    assert UnitVectorStore.load(tmp_path / "elsewhere") is None  # an index built before unit vectors


def test_a_truncated_vector_file_fails_to_load(tmp_path: Path) -> None:
    writer = UnitVectorWriter(tmp_path)
    writer.add("a", {1: np.ones(8), 2: np.ones(8)})
    writer.close()
    data = (tmp_path / "units.f16").read_bytes()
    (tmp_path / "units.f16").write_bytes(data[:10])
    with pytest.raises(ValueError):
        UnitVectorStore.load(tmp_path)


def test_units_the_pass_did_not_reach_get_no_stored_vector(tmp_path: Path) -> None:
    class Plain:  # an encoder with `encode` only: it cannot pool spans
        name = "plain"

        def encode(self, texts):
            return HashEmbedder().encode(texts)

    chunk = make_chunk()
    vectors, units = encode_chunks(Plain(), [chunk])
    starts = [start for start, _, _ in unit_spans(chunk)]
    assert vectors.shape == (1, 64) and units == [dict.fromkeys(starts)]
    _, pooled = encode_chunks(HashEmbedder(), [chunk])
    assert list(pooled[0]) == starts and all(v is not None for v in pooled[0].values())
    writer = UnitVectorWriter(tmp_path)
    writer.add(chunk.id, {**pooled[0], starts[1]: None})  # the middle one past the limit
    writer.close()
    assert sorted(UnitVectorStore.load(tmp_path).get(chunk.id)) == [starts[0], starts[2]]


@pytest.mark.slow
def test_minilm_pools_a_whole_span_to_the_texts_own_vector_and_units_to_their_meaning() -> None:
    embedder = MiniLMEmbedder()
    text = "The company was founded in 2017. Its offices are in Livingston, New Jersey."
    cut = text.index(" Its")
    vectors, pooled = embedder.encode_with_spans([text], [[(0, len(text)), (0, cut), (cut + 1, len(text))]])
    whole, founded, offices = pooled[0]
    # The text's own vector also averages in [CLS] and [SEP]; a span holds only real tokens.
    assert whole @ vectors[0] > 0.98 and abs(np.linalg.norm(whole) - 1) < 1e-5
    assert np.allclose(vectors[0], embedder.encode([text])[0], atol=1e-5)
    when, where = embedder.encode(["When was it founded?", "Where are its offices located?"])
    assert founded @ when > offices @ when and offices @ where > founded @ where
